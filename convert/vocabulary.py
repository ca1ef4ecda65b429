"""The words riksdoc itself puts around a document's text, the same in every format.

Writers compose document lines and date lines from these; the parser and
the readers recognise them.  One table each, so that a joint answer or a
notice reads the same in AKN, DOCX, HTML and PDF.

What a document line says is the header's own words: the text's opening
(`Document.head`, or the kind's usual words where the text uses those), the
numbers as written, and who asked where the header names them.  A questioner
riksdoc found only in the body is metadata and never appears in the line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document, Kind, Person

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
}
"""What each kind of document is called, in Swedish."""

_PLURAL = ("frågorna", "frågor", "interpellationerna", "interpellationer")


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
    return "och fråga" if index == len(document.questions) - 1 else "fråga"


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
            lines.append(DocumentLine(head_words(document, 0) if not lines else "och",
                                      tuple(groups)))
            groups = []
        groups.append(Group((i,), who))
    lines.append(DocumentLine(head_words(document, 0) if not lines else "och", tuple(groups)))
    return tuple(lines)


def joined(items: list[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``: a Swedish list."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"


def separators(count: int) -> list[str]:
    """What comes before each of *count* list items: ``""``, ``", "`` … ``" och "``."""
    return ["" if i == 0 else (" och " if i == count - 1 else ", ") for i in range(count)]


def person_text(person: Person) -> str:
    """``Mikael Cederbratt (M)``; the party only where the text states it."""
    return f"{person.name} ({person.party})" if person.party else person.name


def line_text(document: Document, line: DocumentLine) -> str:
    """A document line as plain text: ``Svar på frågorna 2022/23:410, 411 och 415 av Anna
    Berg (S)``, ``Svar på fråga 2017/18:112 av Mikael Cederbratt (M)``."""
    parts = []
    for sep, group in zip(separators(len(line.groups)), line.groups):
        numbers = joined([document.questions[i].as_written for i in group.indexes])
        who = f" av {person_text(group.questioner)}" if group.questioner else ""
        parts.append(f"{sep}{numbers}{who}")
    return f"{line.words} {''.join(parts)}".strip()


def concerns_interpellation(document: Document) -> bool:
    """Are the document's questions interpellations (an interpellation, a debate on one,
    a notice about one) rather than written questions?"""
    if document.kind in (Kind.INTERPELLATION, Kind.DEBATE):
        return True
    return document.kind is Kind.NOTICE and "interpellation" in (document.head or "").lower()
