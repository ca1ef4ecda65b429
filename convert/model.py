"""The one document model every reader produces and every writer consumes.

A `Document` is what riksdoc knows about one document: its kind (the Riksdag
document-type code, or ``sfs`` for a statute), the questions it is about, who
signed it, where and when, and its body as a sequence of blocks.  The model is
small and closed on purpose (pandoc's habit): writers handle every block and
inline kind listed here and nothing else.

The body is flat for letters (answers, questions) and hierarchical for texts
with numbered, headed parts: a `Division` is a block that holds blocks, so a
statute's body is parts › chapters › sections › stycken › lists, and a report's
is its numbered headings (bluebell's one generic container, with a `Level`
naming what it is).  Writers walk it with `walk`.

Everything is frozen and built from tuples, so two models can be compared with
``==`` (the round-trip tests rely on it) and hashed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

OPTIONAL = {"optional": True}
"""Field metadata: the field was added after JSON format 1 and is written only when it
differs from its default, so documents without it keep their JSON unchanged."""


class Kind(str, Enum):
    """Document type, valued with the Riksdag's own document-type codes."""

    ANSWER = "frs"
    """Svar på skriftlig fråga: a minister's answer to a written question."""
    QUESTION = "fr"
    """Skriftlig fråga: a member's written question to a minister."""
    INTERPELLATION = "ip"
    """Interpellation: a member's interpellation to a minister."""
    NOTICE = "notice"
    """Meddelande: notice that an answer is delayed or will not be given."""
    DEBATE = "prot"
    """Protokoll: the chamber's record of a debate, here an interpellation debate
    (``Svar på interpellation …`` and its speeches, ``Anf. 1 …``); never a written answer."""
    GENERIC = "doc"
    """Anything riksdoc did not recognise; first line as heading, rest as paragraphs."""
    STATUTE = "sfs"
    """Författning i Svensk författningssamling: a law (lag), ordinance (förordning) or
    other statute, as the legal database serves its text; metadata in `Document.statute`."""
    MOTION = "mot"
    """Motion till riksdagen: a member's (or several members') motion; identity and
    authors in `Document.paper`."""
    REPORT = "bet"
    """Utskottets betänkande: a committee's report, numbered with the committee's code
    (``2018/19:JuU17``)."""
    BILL = "prop"
    """Regeringens proposition: a government bill, often proposing laws (``Förslag till
    lag …``)."""
    COMMUNICATION = "skr"
    """Regeringens skrivelse: a government communication to the Riksdag."""


@dataclass(frozen=True)
class NoteRef:
    """An inline reference to a footnote or endnote (`Document.notes`)."""

    note_id: str
    """The id of the referenced `Note`, e.g. ``fn1`` or ``en2``."""


@dataclass(frozen=True)
class Ref:
    """A reference in the text to another document (or a part of one), its words kept."""

    text: str
    """The words as written, e.g. ``Lag (2022:1315)`` or ``lag (2007:516)``."""
    href: str
    """What they refer to: an Akoma Ntoso Work URI (``/akn/se/act/2022/1315``), which
    every format can use as a stable identifier; a part of this document is ``#`` and
    its eId (``#chp_2__sec_3``)."""
    kind: str | None = None
    """Why the text cites it: ``amendment`` (ändringsnotering, the ``Lag (2022:1315).``
    that ends a stycke changed by that act), ``repeal`` (upphävandenotering, ``Har
    upphävts genom lag (2007:516).``); None for a reference in running text."""


Inline = str | NoteRef | Ref
"""Inline content is text runs, note references and references, in reading order."""


@dataclass(frozen=True)
class Span:
    """Where a block came from in the input (1-based physical lines, inclusive)."""

    first: int
    """First input line of the block."""
    last: int
    """Last input line of the block."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text (stycke)."""

    content: tuple[Inline, ...]
    """Text runs and note references."""
    span: Span | None = field(default=None, compare=False)
    """Source lines; None for models not read from text (e.g. from DOCX). Not part of
    equality: the same paragraph read back from AKN or DOCX has no source lines."""


@dataclass(frozen=True)
class ListItem:
    """One item of a list (in a statute: a punkt, cited ``första stycket 2``)."""

    marker: str
    """The marker as the author wrote it: ``1)``, ``a)``, ``II.``, ``•``, ``–``."""
    content: tuple[Inline, ...]
    """Text runs and note references after the marker."""
    span: Span | None = field(default=None, compare=False)
    """Source lines (not part of equality)."""
    blocks: tuple[Block, ...] = field(default=(), metadata=OPTIONAL)
    """What the item holds below its own text: a nested list (``9.`` … ``a)``, ``b)``).
    Empty for most items."""


@dataclass(frozen=True)
class ListBlock:
    """A run of list items (punktlista or numrerad lista)."""

    ordered: bool
    """True when the markers are numbers, letters or roman numerals."""
    items: tuple[ListItem, ...]
    """The items in order."""


@dataclass(frozen=True)
class TableRow:
    """One row of a table; cells were separated by tabs in the export."""

    cells: tuple[tuple[Inline, ...], ...]
    """The cells' contents, left to right (empty cells are empty tuples)."""
    span: Span | None = field(default=None, compare=False)
    """Source line (not part of equality)."""


@dataclass(frozen=True)
class Table:
    """A run of table rows."""

    rows: tuple[TableRow, ...]
    """The rows in order."""


@dataclass(frozen=True)
class Speech:
    """One speech (anförande) of a debate record: who spoke, and what they said."""

    marker: str
    """The speech's number as written (``Anf. 1``)."""
    speaker: Person
    """Who spoke, with role and party where the speaker line states them
    (``Statsrådet``, ``YLVA JOHANSSON``, ``S``)."""
    label: str
    """The speaker line after the marker, exactly as written
    (``Arbetsmarknadsminister YLVA JOHANSSON (S):``, ``LARS BECKMAN (M) replik:``)."""
    blocks: tuple[Paragraph | ListBlock | Table, ...]
    """What the speaker said: paragraphs, lists and tables."""
    span: Span | None = field(default=None, compare=False)
    """Source lines of the speaker line (not part of equality)."""

    @property
    def line(self) -> str:
        """The whole speaker line: ``Anf. 1 Statsrådet YLVA JOHANSSON (S):``."""
        return f"{self.marker} {self.label}"


class Level(str, Enum):
    """What a `Division` is.  Statutes use the first eight; other texts add theirs."""

    PART = "part"
    """Avdelning (``AVD. I``, ``AVDELNING I.``): a group of chapters."""
    CHAPTER = "chapter"
    """Kapitel (``8 kap.``, ``2 a kap.``) with its heading."""
    SECTION = "section"
    """Paragraf (``1 §``, ``3 a §``); its children are its stycken."""
    PARAGRAPH = "paragraph"
    """Stycke: an unnumbered paragraph of a section, the unit cited as "andra stycket";
    its children are the text and the list or table it introduces."""
    HEADING = "heading"
    """Rubrik between sections: a heading that covers the sections after it.  A leaf:
    `Division.heading` holds it and there are no children (how far it reaches the
    text does not say)."""
    TRANSITIONAL = "transitional"
    """Övergångsbestämmelser: the transitional provisions after the body."""
    AMENDMENT = "amendment"
    """One amending act's part of the transitional provisions, numbered with its SFS
    number (``2022:1315``)."""
    ANNEX = "annex"
    """Bilaga: an annex (``Bilaga 2``) with its title."""
    HEADED = "headed"
    """Avsnitt: a headed part of a motion, report, bill or communication, numbered
    (``2.1``, ``3.3.1``) or not (``Motivering``, ``Utskottets överväganden``), holding
    the text and the deeper parts below its heading."""
    PROPOSAL = "proposal"
    """Yrkande or förslagspunkt: one numbered proposal for the Riksdag's decision (a
    motion's ``1. Riksdagen ställer sig bakom …``, a report's ``1. Regeringens
    lagförslag`` with its decision); num None for a lone unnumbered one."""
    RESERVATION = "reservation"
    """Reservation: members' dissent from a committee's proposal (``1. Aviserat
    lagförslag, punkt 2 (SD)``), its authors in `Division.people`."""
    OPINION = "opinion"
    """Särskilt yttrande: a special opinion in a committee report, its authors in
    `Division.people`."""
    SIGNATURES = "signatures"
    """Underskrifter: a signature block (place and date, names with parties, ``På
    justitieutskottets vägnar``), its people in `Division.people`."""
    LAW = "law"
    """Lagtext: the text of a law a bill proposes (``Förslag till lag om ändring i …``),
    read with the statute grammar: its children are chapters, sections and stycken."""


@dataclass(frozen=True)
class Validity:
    """When a version of a part is in force (a time-limited section or chapter)."""

    start: datetime.date | None
    """First day in force (``/Träder i kraft I:2026-07-01/``); None if the text gives none."""
    end: datetime.date | None
    """First day no longer in force (``/Upphör att gälla U:2026-07-01/``); None if open."""
    markers: tuple[str, ...]
    """The marker lines as written, in order (``/Upphör att gälla U:2026-07-01/``)."""
    leading: bool = False
    """True when the markers stand before the part's number (``/Kapitlet träder i kraft
    I:2025-07-01/`` above ``6 a kap.``, and always above a rubrik), False when they follow
    the number, before any heading (``1 § /Upphör …/``, ``9 kap. /Kapitlet upphör …/``
    with ``Förskoleklassen`` on the next line).  Without markers it is False."""
    by: str | None = None
    """The act that brings the change, where a marker names it (``2025:729``)."""

    def contains(self, day: datetime.date) -> bool:
        """Is this version in force on *day*?"""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Division:
    """A numbered, headed part of a text holding blocks and divisions (bluebell's
    hierarchical element, pandoc's Div): a chapter, a section, a stycke, an annex."""

    level: Level
    """What it is (chapter, section, stycke …)."""
    num: str | None
    """The number as written, ``1 kap.``, ``3 a §``, ``AVD. I``, ``2022:1315``, ``Bilaga 2``;
    None for parts that have none (a stycke, a rubrik)."""
    heading: str | None
    """The heading as written (``Inledande bestämmelser``); None if it has none."""
    children: tuple[Block, ...]
    """What it holds, in order: divisions and blocks."""
    validity: Validity | None = None
    """For one of several versions of a part (time-limited sections and chapters):
    when this version is in force; None for a part without versions."""
    repealed: bool = False
    """True for a repealed part the text keeps a note of (``3 § Har upphävts genom
    lag (2000:123).``; the note is its child)."""
    span: Span | None = field(default=None, compare=False)
    """Source lines (not part of equality)."""
    people: tuple[Person, ...] = field(default=(), metadata=OPTIONAL)
    """The people the part names as its own: a signature block's signatories (and a
    report's members who took part in the decision), a reservation's or special
    opinion's authors (``av …``), in the order the text names them.  Empty for most
    parts."""


Block = Paragraph | ListBlock | Table | Division | Speech
"""Body content: paragraphs, lists, tables, divisions holding more of them, and the
speeches of a debate record."""


def walk(blocks: tuple[Block, ...], depth: int = 0) -> Iterator[tuple[Block, int]]:
    """Every block of a body in reading order with its depth (divisions before their
    children); nested lists' blocks included."""
    for block in blocks:
        yield block, depth
        if isinstance(block, Division):
            yield from walk(block.children, depth + 1)
        elif isinstance(block, Speech):
            yield from walk(block.blocks, depth + 1)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk(item.blocks, depth + 1)


@dataclass(frozen=True)
class Note:
    """A footnote or endnote, kept from the Word export."""

    note_id: str
    """Unique id within the document (``fn1``, ``en1``), referenced by `NoteRef`."""
    marker: str
    """The mark shown at the reference point, as in the source (``1``)."""
    content: tuple[Inline, ...]
    """The note text."""
    endnote: bool = False
    """True for an endnote (slutnot), False for a footnote (fotnot)."""


@dataclass(frozen=True)
class Person:
    """A member of the Riksdag or a minister, as the text names them."""

    name: str
    """Full name as written (``Mikael Cederbratt``)."""
    party: str | None = None
    """Party letters as written (``M``, ``SD``; older texts ``fp``, ``v``); None if not stated."""
    role: str | None = None
    """Office as written (``Statsrådet``, ``Försvarsminister``, ``utrikesminister``); None if not stated."""


@dataclass(frozen=True)
class QuestionRef:
    """A written question or interpellation, identified by session and number."""

    session: str
    """Riksmöte in canonical two-digit form, ``2017/18`` (even where the text writes ``2019/2020``)."""
    number: int
    """Number within the session (``112``)."""
    as_written: str
    """The designation exactly as the text writes it (``2019/2020:1880``)."""
    questioner: Person | None
    """Who asked (frågeställare); None where the text does not name them."""
    title: str | None
    """The question's title as the text states it."""
    questioner_stated: bool = field(default=True, metadata=OPTIONAL)
    """True where the document line names the questioner; False where riksdoc found
    them only in the body (``Hans Olsson har frågat mig …``): then the questioner is
    metadata only, never printed as part of the document line."""

    @property
    def designation(self) -> str:
        """``2017/18:112``: the canonical designation."""
        return f"{self.session}:{self.number}"


@dataclass(frozen=True)
class SwedishDate:
    """A date as a Swedish text states it; the year may be missing and is never guessed."""

    day: int
    """Day of month."""
    month: int
    """Month, 1–12."""
    year: int | None
    """Year, or None when the text gives none (older layout: ``den 14 september``)."""

    def __post_init__(self) -> None:
        # A leap year stands in for a missing one, so "den 29 februari" is a date.
        try:
            datetime.date(2000 if self.year is None else self.year, self.month, self.day)
        except (TypeError, ValueError):
            raise ValueError(f"no such date: day {self.day}, month {self.month}, "
                             f"year {self.year}") from None

    def iso(self) -> str:
        """``2017-10-25``, or the XSD gMonthDay ``--09-14`` when there is no year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Signature:
    """The signature block after the place-and-date line."""

    person: Person
    """Who signed (the name line; role from a title line below it, if any)."""
    lines: tuple[str, ...]
    """Every line of the block as written, e.g. (``Enligt uppdrag``, ``Anna Svensson``, ``Kansliråd``)."""


@dataclass(frozen=True)
class Message:
    """A warning found while reading a document; data, not a log line."""

    code: str
    """Stable machine-readable code (``generic-document``, ``no-closing``)."""
    text: str
    """One human-readable sentence."""
    line: int | None = None
    """Input line it concerns, if any."""


@dataclass(frozen=True)
class AmendingAct:
    """An act that changed a statute (ändringsförfattning), as the legal database lists it."""

    number: str
    """Its SFS number, ``2022:1315``."""
    title: str | None = None
    """Its title (``Lag (2022:1315) om ändring i skollagen (2010:800)``), if stated."""
    in_force: datetime.date | None = None
    """The day it came into force (ikraftträdande), if stated."""
    note: str | None = None
    """What it changed, in the database's words (``ändr. 1 kap. 1, 3 §§; ny 2 a §``)."""
    preparatory_works: str | None = None
    """Its preparatory works (förarbeten: ``Prop. 2021/22:45, bet. 2021/22:UbU10, …``)."""


@dataclass(frozen=True)
class HeaderField:
    """One line of the header block older exports put before a statute's text."""

    key: str
    """The field name as written (``SFS nr``, ``Departement/ myndighet``, ``Utfärdad``)."""
    value: str
    """The value as written (a wrapped value joined with single spaces)."""


@dataclass(frozen=True)
class Statute:
    """What is known about a statute (författning) beyond its text and title.

    The title is `Document.heading`.  Every field is None (or empty) where neither
    the text's header block nor the database's record states it: nothing is guessed.
    """

    number: str | None = None
    """SFS number, ``2010:800`` (year and running number)."""
    form: str | None = None
    """What kind of statute it is, in lower case as the record or header names it:
    ``lag``, ``förordning`` (the AKN FRBRsubtype)."""
    department: str | None = None
    """The department or authority responsible (``Utbildningsdepartementet``)."""
    issued: datetime.date | None = None
    """Utfärdad: the day it was issued."""
    in_force: datetime.date | None = None
    """The day it came into force (ikraft), if stated."""
    consolidated_through: str | None = None
    """The last amending act the text includes (``Ändring införd: t.o.m. SFS 2025:730``
    → ``2025:730``)."""
    consolidated_date: datetime.date | None = None
    """The day that act came into force, where the record states it: the date of this
    consolidated version."""
    amendments: tuple[AmendingAct, ...] = ()
    """The amending acts, as the record lists them."""
    repealed_by: str | None = None
    """The act that repealed the whole statute (``2024:945``), if any."""
    repealed: datetime.date | None = None
    """The day the whole statute ceases to apply (upphävd), if stated."""
    time_limited: datetime.date | None = None
    """The day a time-limited statute ends (tidsbegränsad), if stated."""
    preparatory_works: str | None = None
    """Preparatory works (förarbeten) as the record lists them."""
    header: tuple[HeaderField, ...] = ()
    """The header block of an older export, every line as written, in order (empty for
    text without one); its words are part of the document."""
    as_of: datetime.date | None = field(default=None, metadata=OPTIONAL)
    """The day whose law this text gives (lydelse), where one version of each part was
    chosen for it (``riksdoc convert --as-of``); None for the text with all its versions."""

    @property
    def year(self) -> int | None:
        """The SFS number's year (``2010``)."""
        return int(self.number.split(":")[0]) if self.number else None


@dataclass(frozen=True)
class Paper:
    """What identifies a Riksdag paper (riksdagshandling: a motion, committee report,
    bill or communication) beyond its kind, title and text.

    The title is `Document.heading`; place and date of its date line are
    `Document.place` and `Document.date` (the words stay in the body's signature
    block).  Every field is None (or empty) where neither the text nor the Riksdag's
    record states it: nothing is guessed.
    """

    session: str | None = None
    """Riksmöte in canonical two-digit form, ``2019/20``."""
    number: str | None = None
    """The designation after the colon: ``3063`` (motions, bills, communications), the
    committee's code and number ``JuU17`` (reports)."""
    as_written: str | None = None
    """The designation exactly as the text writes it (``2019/20:3063``); None where only
    the record or the file name gives it."""
    doc_line: str | None = None
    """The header's words naming the kind, as written: ``Motion till riksdagen``,
    ``Justitieutskottets betänkande``, ``Regeringens proposition``."""
    by_line: str | None = None
    """A motion's author line as written: ``av Johan Forssell m.fl. (M)``."""
    authors: tuple[Person, ...] = ()
    """Who the paper is by: a motion's members with their parties (from its signatures,
    else its ``av`` line), the ministers who sign a bill or communication, the chair
    who signs a report on the committee's behalf."""
    committee: str | None = None
    """The committee (utskott) whose report this is, ``Justitieutskottet``."""
    ministry: str | None = None
    """The ministry (departement) a bill or communication comes from, as the signing
    minister's line names it: ``Justitiedepartementet``."""
    members: tuple[Person, ...] = ()
    """A report's members who took part in the decision (``Följande ledamöter har
    deltagit i beslutet: …``), with their parties."""
    record_id: str | None = None
    """The Riksdag's id of the document (``dok_id``, ``H7023063``), where its open-data
    record gives it."""
    subtype: str | None = None
    """The record's subtype where it is more than the kind (``Kommittémotion``)."""

    @property
    def designation(self) -> str | None:
        """``2019/20:3063``: the canonical designation, or None without session and number."""
        if self.session is None or self.number is None:
            return None
        return f"{self.session}:{self.number}"


@dataclass(frozen=True)
class Document:
    """One document: a parliamentary document or a statute."""

    kind: Kind
    """What the document is; never ANSWER for anything that is not an answer."""
    questions: tuple[QuestionRef, ...] = ()
    """For answers: the questions answered (a joint answer has two or more); for
    questions, interpellations and notices: the one question they are or concern; for a
    debate record: the interpellation debated."""
    heading: str | None = None
    """Heading of a GENERIC document (its first line), of a notice that names no
    question, a statute's title (``Skollag (2010:800)``) or a paper's (a motion's,
    report's, bill's or communication's) title; None otherwise."""
    head: str | None = None
    """The document line's words before the first question number where the text does
    not use the kind's usual ones (``Meddelande om försenat svar på fråga``, ``Svar på
    skriftlig fråga``); None where it does."""
    addressee: Person | None = None
    """For questions and interpellations: the minister asked (``till …``)."""
    minister: Person | None = None
    """The minister line of the header (older answer layout: ``Statsrådet Catharina
    Elmsäter-Svärd``, ``Närings- och handelsminister …``); None where the header has none."""
    place: str | None = None
    """Place of the closing line (``Stockholm``)."""
    date: SwedishDate | None = None
    """The document's own date (closing line, or dated header line)."""
    date_text: str | None = None
    """The date exactly as written (``25 oktober 2017``)."""
    signatures: tuple[Signature, ...] = ()
    """Signature blocks, in order."""
    preamble: tuple[Paragraph, ...] = ()
    """Lines before the document header that riksdoc did not recognise (letterheads);
    kept, never dropped."""
    blocks: tuple[Block, ...] = ()
    """The body."""
    notes: tuple[Note, ...] = ()
    """Footnotes and endnotes, in order of first reference."""
    statute: Statute | None = field(default=None, metadata=OPTIONAL)
    """For a statute (kind STATUTE): its number, form, department, dates and amending
    acts; None for every other kind."""
    paper: Paper | None = field(default=None, metadata=OPTIONAL)
    """For a motion, committee report, bill or communication: its designation, header
    words, authors, committee or ministry; None for every other kind."""
    warnings: tuple[Message, ...] = field(default=(), compare=False)
    """What the reader was unsure of; not part of the document's identity."""

    @property
    def title(self) -> str | None:
        """The document's title: the first question's title, or the heading (a generic
        document's first line, a statute's or a paper's title)."""
        if self.questions and self.questions[0].title:
            return self.questions[0].title
        return self.heading

    @property
    def department(self) -> str | None:
        """The Government Offices department that sends the document: a statute's
        department, or a whole line that names one (``Justitiedepartementet``,
        ``Statsrådsberedningen``) in the letterhead (preamble) or, as the Riksdag prints
        notices, in the signature block; else None.  A department named inside a sentence
        is never the sender.  A bill's or communication's ministry."""
        if self.statute is not None:
            return self.statute.department
        if self.paper is not None:
            return self.paper.ministry
        lines = [inline_text(p.content) for p in self.preamble]
        lines += [line for s in self.signatures for line in s.lines]
        return _whole_department(lines)

    @property
    def letterhead_department(self) -> str | None:
        """The department a whole letterhead line (preamble) names: what a running header
        may repeat (a statute's department for a statute); else None."""
        if self.statute is not None:
            return self.statute.department
        return _whole_department([inline_text(p.content) for p in self.preamble])

    @property
    def signatory(self) -> Person | None:
        """The first signatory, falling back to the minister line of the older layout (a
        paper's first author)."""
        if self.signatures:
            return self.signatures[0].person
        if self.minister is None and self.paper is not None and self.paper.authors:
            return self.paper.authors[0]
        return self.minister


DEPARTMENT = re.compile(r"(?:[A-ZÅÄÖ]\w*-,? (?:[a-zåäö]\w*-,? )*och [a-zåäö][\w-]*?|[A-ZÅÄÖ]\w*)"
                        r"departementet|Statsrådsberedningen")
"""A department of the Government Offices as a whole letterhead or signature line names it
(``Justitiedepartementet``, ``Miljö- och energidepartementet``); matched against a whole line."""


def _whole_department(lines: list[str]) -> str | None:
    """The first of *lines* that, whole, names a department (`DEPARTMENT`)."""
    for line in lines:
        if DEPARTMENT.fullmatch(line.strip()):
            return line.strip()
    return None


def inline_text(content: tuple[Inline, ...]) -> str:
    """The plain text of inline content (a reference's words included), note references
    left out."""
    return "".join(part if isinstance(part, str) else part.text if isinstance(part, Ref) else ""
                   for part in content)
