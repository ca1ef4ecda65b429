"""The one document model every reader produces and every writer consumes.

A `Document` is what riksdoc knows about one parliamentary document: its kind
(the Riksdag document-type code), the questions it is about, who signed it,
where and when, and its body as a flat sequence of blocks.  The model is small
and closed on purpose (pandoc's habit): writers handle every block and inline
kind listed here and nothing else.

Everything is frozen and built from tuples, so two models can be compared with
``==`` (the round-trip tests rely on it) and hashed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from enum import Enum


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


@dataclass(frozen=True)
class NoteRef:
    """An inline reference to a footnote or endnote (`Document.notes`)."""

    note_id: str
    """The id of the referenced `Note`, e.g. ``fn1`` or ``en2``."""


Inline = str | NoteRef
"""Inline content is text runs and note references, in reading order."""


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
    """One item of a list."""

    marker: str
    """The marker as the author wrote it: ``1)``, ``a)``, ``II.``, ``•``, ``–``."""
    content: tuple[Inline, ...]
    """Text runs and note references after the marker."""
    span: Span | None = field(default=None, compare=False)
    """Source lines (not part of equality)."""


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


Block = Paragraph | ListBlock | Table | Speech
"""Body content: paragraphs, lists, tables, and the speeches of a debate record."""


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
    questioner_stated: bool = True
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
class Document:
    """One parliamentary document."""

    kind: Kind
    """What the document is; never ANSWER for anything that is not an answer."""
    questions: tuple[QuestionRef, ...] = ()
    """For answers: the questions answered (a joint answer has two or more); for
    questions, interpellations and notices: the one question they are or concern; for a
    debate record: the interpellation debated."""
    heading: str | None = None
    """Heading of a GENERIC document (its first line), or of a notice that names no
    question; None otherwise."""
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
    warnings: tuple[Message, ...] = field(default=(), compare=False)
    """What the reader was unsure of; not part of the document's identity."""

    @property
    def title(self) -> str | None:
        """The document's title: the first question's title, or the generic heading."""
        if self.questions and self.questions[0].title:
            return self.questions[0].title
        return self.heading

    @property
    def department(self) -> str | None:
        """The Government Offices department that sends the document: a whole line that
        names one (``Justitiedepartementet``, ``Statsrådsberedningen``) in the letterhead
        (preamble) or, as the Riksdag prints notices, in the signature block; else None.
        A department named inside a sentence is never the sender."""
        lines = [inline_text(p.content) for p in self.preamble]
        lines += [line for s in self.signatures for line in s.lines]
        for line in lines:
            if DEPARTMENT.fullmatch(line.strip()):
                return line.strip()
        return None

    @property
    def signatory(self) -> Person | None:
        """The first signatory, falling back to the minister line of the older layout."""
        if self.signatures:
            return self.signatures[0].person
        return self.minister


DEPARTMENT = re.compile(r"(?:[A-ZÅÄÖ]\w*-,? (?:[a-zåäö]\w*-,? )*och [a-zåäö][\w-]*?|[A-ZÅÄÖ]\w*)"
                        r"departementet|Statsrådsberedningen")
"""A department of the Government Offices as a whole letterhead or signature line names it
(``Justitiedepartementet``, ``Miljö- och energidepartementet``); matched against a whole line."""


def inline_text(content: tuple[Inline, ...]) -> str:
    """The plain text of inline content, note references left out."""
    return "".join(part for part in content if isinstance(part, str))
