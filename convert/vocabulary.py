"""Every word riksdoc itself puts around a document's text, the same in every format.

The document line, the place-and-date line, the running header, the kind's
name, the author, the subject and the keywords are composed here and nowhere
else: the AKN, DOCX and HTML writers (and through HTML the PDF), ``riksdoc
inspect`` and the web page all call these functions, so a joint answer or a
notice reads the same in every output.  Recognising those lines again is
`riksdoc.grammar`'s and `riksdoc.parse`'s job.

What a document line says is the header's own words: the text's opening
(`Document.head`, or the kind's usual words where the text uses those), the
numbers as written, and who asked where the header names them.  A questioner
riksdoc found only in the body is metadata and never appears in the line.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Document, Kind, Note, Person, Statute, SwedishDate

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
"""Swedish month names, January first."""

HEAD_WORDS = {
    Kind.ANSWER: "Svar på fråga",
    Kind.QUESTION: "Fråga",
    Kind.INTERPELLATION: "Interpellation",
    Kind.NOTICE: "Meddelande om fråga",
    Kind.DEBATE: "Svar på interpellation",
}
"""How a document line starts, by kind, where the text does not say otherwise."""

KIND_NAMES = {
    Kind.ANSWER: "Svar på skriftlig fråga",
    Kind.QUESTION: "Skriftlig fråga",
    Kind.INTERPELLATION: "Interpellation",
    Kind.NOTICE: "Meddelande",
    Kind.DEBATE: "Interpellationsdebatt",
    Kind.GENERIC: "Dokument",
    Kind.STATUTE: "Författning",
    Kind.MOTION: "Motion",
    Kind.REPORT: "Betänkande",
    Kind.BILL: "Proposition",
    Kind.COMMUNICATION: "Skrivelse",
}
"""What each kind of document is called, in Swedish (document properties, keywords)."""

PAPER_LABELS = {Kind.MOTION: "Mot.", Kind.REPORT: "Bet.", Kind.BILL: "Prop.",
                Kind.COMMUNICATION: "Skr."}
"""How the Riksdag's print names a paper in its running head: ``Prop. 2018/19:138``."""

KIND_LABELS = {**KIND_NAMES, Kind.GENERIC: "Okänd dokumenttyp"}
"""What a person is told a document was recognised as (``riksdoc inspect``, the web page)."""

BY = "av"
"""Between a question's number and who asked it: ``2017/18:112 av Mikael Cederbratt (M)``."""
TO = "till"
"""Before the minister a question is put to: ``till utrikesminister Anna Lindh``."""
DATED = "den"
"""Between place and date: ``Stockholm den 25 oktober 2017``."""
OTHER_QUESTION, LAST_QUESTION = "fråga", "och fråga"
"""How a joint answer's later document lines open: ``fråga …``, the last ``och fråga …``."""
AND = "och"
"""Before the last item of a list: ``2022/23:410, 411 och 415``."""
NOTES = "Noter"
"""What the notes of a document are called where a page names them."""


def kind_name(kind: Kind) -> str:
    """``Svar på skriftlig fråga``: what documents of *kind* are called."""
    return KIND_NAMES.get(kind, KIND_NAMES[Kind.GENERIC])


def kind_label(kind: Kind) -> str:
    """What riksdoc tells a person it recognised: the kind's name, or that it knows none."""
    return KIND_LABELS.get(kind, KIND_LABELS[Kind.GENERIC])


def category(kind: Kind) -> str:
    """``Svar på skriftlig fråga (frs)``: the kind's name with its code (DOCX category)."""
    return f"{kind_name(kind)} ({kind.value})"


# -- the document line ----------------------------------------------------------------

def own_words(words: str, kind: Kind) -> str | None:
    """*words* as the text's own opening (`Document.head`), or None where they are the
    kind's usual ones."""
    words = " ".join(words.split())
    return None if words.lower() == HEAD_WORDS[kind].lower() else words


def head_words(document: Document, index: int) -> str:
    """The words before question *index*'s number in its document line.

    The first line opens with the text's own words (`Document.head`) or the
    kind's usual ones; in a joint answer the others read ``fråga …`` and the
    last ``och fråga …``, as the Riksdag's own joint headers do.
    """
    if index == 0:
        return document.head or HEAD_WORDS.get(document.kind, "")
    return LAST_QUESTION if index == len(document.questions) - 1 else OTHER_QUESTION


def person_text(person: Person, *, role: bool = True) -> str:
    """``Statsrådet Anna Lindh (S)``: role (unless *role* is False), name and party, as far
    as the text states them."""
    text = f"{person.role} {person.name}" if role and person.role else person.name
    return f"{text} ({person.party})" if person.party else text


_PLURAL = ("frågorna", "frågor", "interpellationerna", "interpellationer")


def grouped(document: Document) -> bool:
    """Does the document line name all questions at once (``Svar på frågorna 2022/23:410,
    411 och 415 av …``), as its plural opening says?"""
    return (document.head or "").lower().endswith(_PLURAL) and len(document.questions) > 1


@dataclass(frozen=True)
class Group:
    """Consecutive questions of a document line that share who asked."""

    indexes: tuple[int, ...]
    """The questions' indexes in `Document.questions`."""
    questioner: Person | None
    """Who asked, as the header states it; None where it does not."""


@dataclass(frozen=True)
class DocumentLine:
    """One document line as every writer prints it."""

    words: str
    """The opening words (``Svar på frågorna``, ``och fråga``)."""
    groups: tuple[Group, ...]
    """The questions it names, with who asked."""

    @property
    def indexes(self) -> tuple[int, ...]:
        """The questions it names, in order."""
        return tuple(i for group in self.groups for i in group.indexes)


def stated(document: Document, index: int) -> Person | None:
    """Who asked question *index*, where the header says so (never a body-found name)."""
    question = document.questions[index]
    return question.questioner if question.questioner_stated else None


def document_lines(document: Document) -> tuple[DocumentLine, ...]:
    """The document lines: one a question, or (plural opening) one for all of them,
    numbers grouped by who asked (``2022/23:410, 411 och 415 av Anna Berg (S)``)."""
    count = len(document.questions)
    if not grouped(document):
        return tuple(DocumentLine(head_words(document, i), (Group((i,), stated(document, i)),))
                     for i in range(count))
    lines: list[DocumentLine] = []
    groups: list[Group] = []
    for i in range(count):
        who = stated(document, i)
        if groups and groups[-1].questioner == who:
            groups[-1] = Group((*groups[-1].indexes, i), who)
            continue
        if groups and groups[-1].questioner is None:  # a reader would give it the next name
            lines.append(DocumentLine(head_words(document, 0) if not lines else AND,
                                      tuple(groups)))
            groups = []
        groups.append(Group((i,), who))
    lines.append(DocumentLine(head_words(document, 0) if not lines else AND, tuple(groups)))
    return tuple(lines)


def separators(count: int) -> list[str]:
    """What comes before each of *count* list items: ``""``, ``", "`` … ``" och "``."""
    return ["" if i == 0 else (f" {AND} " if i == count - 1 else ", ") for i in range(count)]


def line_text(document: Document, line: DocumentLine) -> str:
    """A document line as plain text: ``Svar på frågorna 2022/23:410, 411 och 415 av Anna
    Berg (S)``, ``Svar på fråga 2017/18:112 av Mikael Cederbratt (M)``."""
    parts = []
    for group_sep, group in zip(separators(len(line.groups)), line.groups, strict=True):
        numbers = "".join(sep + document.questions[i].as_written
                          for sep, i in zip(separators(len(group.indexes)), group.indexes,
                                            strict=True))
        who = f" {BY} {person_text(group.questioner, role=False)}" if group.questioner else ""
        parts.append(f"{group_sep}{numbers}{who}")
    return f"{line.words} {''.join(parts)}".strip()


def document_line_texts(document: Document) -> list[str]:
    """Every document line as plain text, in order."""
    return [line_text(document, line) for line in document_lines(document)]


def concerns_interpellation(document: Document) -> bool:
    """Are the document's questions interpellations (an interpellation, a debate on one,
    a notice about one) rather than written questions?"""
    if document.kind in (Kind.INTERPELLATION, Kind.DEBATE):
        return True
    return document.kind is Kind.NOTICE and "interpellation" in (document.head or "").lower()


def addressee_line(person: Person) -> str:
    """``till utrikesminister Anna Lindh``: who a question or interpellation is put to."""
    return f"{TO} {person_text(person)}"


# -- dates ---------------------------------------------------------------------------

def date_words(date: SwedishDate) -> str:
    """``25 oktober 2017`` (``14 september`` without a year), for models without date_text."""
    text = f"{date.day} {MONTHS[date.month - 1]}"
    return f"{text} {date.year}" if date.year is not None else text


def day_words(day: datetime.date) -> str:
    """``1 juli 2026``: a full date in words."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_text(document: Document) -> str | None:
    """The date as the document line shows it: as written, else in words, else None."""
    if document.date_text is not None:
        return document.date_text
    return date_words(document.date) if document.date is not None else None


def date_line(document: Document) -> str | None:
    """``Stockholm den 25 oktober 2017``, ``den 14 september``, ``Stockholm``, or None."""
    when = date_text(document)
    parts = [document.place] if document.place else []
    if when:
        parts.append(f"{DATED} {when}")
    return " ".join(parts) or None


# -- a statute's first page -----------------------------------------------------------

SFS = "SFS"
"""Before a statute's number: ``SFS 2010:800`` (Svensk författningssamling)."""
ISSUED = "Utfärdad den"
"""Before a statute's issue date: ``Utfärdad den 23 juni 2010``."""
AS_OF = "Lydelse den"
"""Before the day whose law a text gives: ``Lydelse den 1 juli 2026``."""
CONSOLIDATED = "Ändring införd t.o.m. SFS"
"""Before the last amending act a consolidated text includes: ``… t.o.m. SFS 2025:730``."""
TRANSITIONAL = "Övergångsbestämmelser"
"""What the transitional provisions are called where a page names them (an outline)."""
CONTENTS = "Innehåll"
"""What a table of contents is called."""


def statute_number(statute: Statute) -> str | None:
    """``SFS 2010:800``, or None without a number."""
    return f"{SFS} {statute.number}" if statute.number else None


def statute_lines(statute: Statute) -> list[tuple[str, str]]:
    """The lines of a statute's first page after its title, as (kind, words): ``issued``
    (``Utfärdad den 23 juni 2010``), ``department``, ``consolidated`` (``Ändring införd
    t.o.m. SFS 2025:730``), ``as-of`` (``Lydelse den 1 juli 2026``) — those it knows."""
    lines = []
    if statute.issued is not None:
        lines.append(("issued", f"{ISSUED} {day_words(statute.issued)}"))
    if statute.department:
        lines.append(("department", statute.department))
    if statute.consolidated_through:
        lines.append(("consolidated", f"{CONSOLIDATED} {statute.consolidated_through}"))
    if statute.as_of is not None:
        lines.append(("as-of", f"{AS_OF} {day_words(statute.as_of)}"))
    return lines


# -- what describes the document (headers, properties, metadata) -----------------------

def running_header(document: Document) -> str:
    """What every page's header repeats (PDF, DOCX): the department where a letterhead
    names one, then the document's kind and number (or a generic document's heading); a
    paper's as the Riksdag prints it, ``Prop. 2018/19:138``; a statute's SFS number
    (``SFS 2010:800``)."""
    paper = document.paper
    if paper is not None and document.kind in PAPER_LABELS:
        designation = paper.as_written or paper.designation
        return f"{PAPER_LABELS[document.kind]} {designation}" if designation else document.heading or ""
    if document.questions:
        first = document.questions[0]
        number = f"{head_words(document, 0)} {first.as_written}".strip()
    elif document.statute is not None and document.statute.number:
        return f"{SFS} {document.statute.number}"  # the chapter beside it, where there is one
    else:
        number = document.heading or ""
    return " · ".join(part for part in (document.letterhead_department, number) if part)


def author(document: Document) -> Person | None:
    """Who wrote the document: the member who asks a question or interpellation, the
    signatory of anything else (the minister line of an older answer); None if unnamed."""
    if document.kind in (Kind.QUESTION, Kind.INTERPELLATION) and document.questions \
            and document.questions[0].questioner is not None:
        return document.questions[0].questioner
    return document.signatory


def subject(document: Document) -> str:
    """What the document is: the kind's name and the numbers of the questions it concerns,
    ``Svar på skriftlig fråga 2017/18:112`` (PDF Subject, DOCX subject,
    ``<meta name=description>``)."""
    numbers = ", ".join(q.designation for q in document.questions)
    if document.paper is not None and document.paper.designation:
        numbers = document.paper.designation
    return f"{kind_name(document.kind)} {numbers}" if numbers else kind_name(document.kind)


def title(document: Document) -> str:
    """The document's title (PDF Title, DOCX title, ``<title>``): the first question's or
    the heading; else its first document line; else its subject."""
    if document.title:
        return document.title
    return document_line_texts(document)[0] if document.questions else subject(document)


def keywords(document: Document) -> list[str]:
    """Every question's designation (a joint answer is found by each), the kind's name and
    the people concerned (a questioner named only in the body too: metadata), each once,
    in document order; no keyword holds a comma, so a comma list of them reads back."""
    words: list[str] = [q.designation for q in document.questions]
    paper = document.paper
    if paper is not None and paper.designation:
        words.append(paper.designation)
    words.append(kind_name(document.kind).lower())
    people = [q.questioner for q in document.questions] + [document.addressee,
                                                           document.signatory]
    if paper is not None:
        people += list(paper.authors)
    words.extend(p.name for p in people if p is not None)
    return list(dict.fromkeys(w.replace(",", " ") for w in words))


def paper_lines(document: Document) -> list[str]:
    """A paper's header as its text gives it, line by line (`Paper.doc_line` and the
    designation, the author line); words the text does not state are not added."""
    paper = document.paper
    if paper is None:
        return []
    lines: list[str] = []
    together = document.kind in (Kind.BILL, Kind.COMMUNICATION)
    if paper.doc_line is not None and paper.as_written is not None and together:
        lines.append(f"{paper.doc_line} {paper.as_written}")
    else:
        lines += [text for text in (paper.doc_line, paper.as_written) if text is not None]
    if paper.by_line is not None:
        lines.append(paper.by_line)
    return lines


# -- notes -------------------------------------------------------------------------------

_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def roman(number: int) -> str:
    """``4`` → ``iv``: lower-case roman numerals."""
    out = []
    for letters, value in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def endnote_marker(marker: str) -> str:
    """An endnote's mark: the export's number as a roman numeral (``1`` → ``i``), the
    way Word numbers endnotes, so no endnote shares a mark with a footnote (``1``, ``2``).
    A mark that is not a number (``*``) is kept."""
    return roman(int(marker)) if marker.isdigit() and 0 < int(marker) < 4000 else marker


NOTE_KINDS = {False: "fotnot", True: "slutnot"}
"""A footnote and an endnote, in Swedish (what a PDF's note links say to a screen reader)."""

BACK_TO_REFERENCE = "Tillbaka till hänvisningen till"
"""Where a note's own mark leads (``… fotnot 1``), said to a screen reader."""


def note_link_texts(notes: Sequence[Note]) -> dict[str, str]:
    """Where each note link leads, in words, by the link's target id: ``Fotnot 1``,
    ``Slutnot i``, ``Tillbaka till hänvisningen till fotnot 1``."""
    texts = {}
    for note in notes:
        kind = f"{NOTE_KINDS[note.endnote]} {note.marker}"
        texts[note.note_id] = kind[0].upper() + kind[1:]
        texts[f"ref-{note.note_id}"] = f"{BACK_TO_REFERENCE} {kind}"
    return texts
