"""Model → standalone HTML5 (the ``-t html`` publication, and the PDF's source).

The page is built as an element tree with ``lxml.html.builder``, so every text
run is escaped by the serialiser and never by hand.  The markup is semantic and
carries no visual decisions: a ``<header>`` with the document line and the
title, the body (``p``, ``ol``/``ul`` keeping the author's markers in
``data-marker``, ``table``), a closing ``<footer>`` with place, date and
signature, and the notes in a ``<section>``.  ``styles/screen.css`` is inlined
for screens (``media="screen"``, so WeasyPrint, which renders for print,
ignores it and the PDF writer adds ``styles/print.css`` instead).

The Swedish words in here (``Svar på fråga``, ``av``, ``till``, ``den``) are
the documents' own wording, not styling.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml.html import builder as E
from lxml.html import tostring

from ..model import (
    Block,
    Document,
    Inline,
    Kind,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Person,
    Speech,
    SwedishDate,
    Table,
)
from ..vocabulary import KIND_NAMES, MONTHS, DocumentLine, document_lines, head_words, line_text

STYLES = Path(__file__).resolve().parents[2] / "styles"
"""The top-level ``styles/`` directory: every visual decision lives there."""

GENERATOR = "riksdoc"

KIND_NAME = {kind: name.lower() for kind, name in KIND_NAMES.items()}
"""What the document is, in Swedish, for the keywords."""


def write(document: Document, *, stem: str) -> bytes:
    """*document* as a standalone UTF-8 HTML5 page (the same document gives the same bytes)."""
    return serialise(build(document))


def serialise(page: etree._Element) -> bytes:
    """An ``<html>`` element tree as HTML5 bytes with a doctype."""
    return tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8", method="html",
                    pretty_print=True)


# -- text helpers ------------------------------------------------------------


def person_text(person: Person) -> str:
    """``Mikael Cederbratt (M)``; the party only where the text states it."""
    return f"{person.name} ({person.party})" if person.party else person.name


def date_words(date: SwedishDate) -> str:
    """``25 oktober 2017`` (or ``14 september`` without a year), for models without date_text."""
    text = f"{date.day} {MONTHS[date.month - 1]}"
    return f"{text} {date.year}" if date.year is not None else text


def full_iso_date(document: Document) -> str | None:
    """The document's date as ``YYYY-MM-DD`` when the text states all of it, else None."""
    if document.date is None or document.date.year is None:
        return None
    return document.date.iso()


def question_line(document: Document, line: DocumentLine) -> str:
    """A document line: ``Svar på fråga 2017/18:112 av Namn (M)``, or ``Svar på frågorna
    2022/23:410, 411 och 415 av Namn (S)``; in a joint answer the second and later lines read
    ``fråga …`` and ``och fråga …``, as the Riksdag's own joint headers do.  Who asked is
    printed only where the header names them."""
    return line_text(document, line)


def description(document: Document) -> str:
    """One sentence saying what the document is (``<meta name=description>``, PDF Subject)."""
    if document.questions:
        return " ".join(question_line(document, line) for line in document_lines(document))
    return document.heading or KIND_NAME[document.kind]


def page_title(document: Document) -> str:
    """``<title>`` and the PDF Title: the document's title, else its document line."""
    return document.title or description(document)


def running_header(document: Document) -> str:
    """What the print header repeats on every page: the department where the letterhead
    names one, then the kind and the document number."""
    if document.questions:
        first = document.questions[0]
        number = f"{head_words(document, 0)} {first.as_written}".strip()
    else:
        number = document.heading or ""
    return " · ".join(part for part in (document.department, number) if part)


def author(document: Document) -> str | None:
    """Who wrote it: the signatory of an answer or notice, the questioner of a question."""
    if document.signatory is not None:
        return document.signatory.name
    if document.kind in (Kind.QUESTION, Kind.INTERPELLATION) and document.questions:
        asker = document.questions[0].questioner
        return asker.name if asker is not None else None
    return None


def keywords(document: Document) -> list[str]:
    """Every question's designation (a joint answer is found by each), the kind and the
    people concerned, without repeats, in document order."""
    words: list[str] = [q.designation for q in document.questions]
    words.append(KIND_NAME[document.kind])
    people = [q.questioner for q in document.questions] + [document.addressee, document.signatory]
    words.extend(p.name for p in people if p is not None)
    return list(dict.fromkeys(w.replace(",", " ") for w in words))


def date_line(document: Document) -> str | None:
    """``Stockholm den 25 oktober 2017``: place and date as the closing line writes them."""
    if document.date is None and document.date_text is None:
        return document.place
    when = document.date_text or date_words(document.date)  # type: ignore[arg-type]
    return f"{document.place} den {when}" if document.place else f"den {when}"


# -- element builders -----------------------------------------------------------


def inlines(content: tuple[Inline, ...], notes: dict[str, Note]) -> list:
    """Text runs and note references as children for an element."""
    children: list = []
    for part in content:
        if isinstance(part, NoteRef):
            note = notes.get(part.note_id)
            mark = note.marker if note is not None else part.note_id
            children.append(E.A(E.SUP(mark), href=f"#{part.note_id}",
                                id=f"ref-{part.note_id}", role="doc-noteref"))
        else:
            children.append(part)
    return children


def block_element(block: Block, notes: dict[str, Note]) -> etree._Element:
    """One body block as ``p``, ``ol``/``ul`` or ``table``."""
    if isinstance(block, Paragraph):
        return E.P(*inlines(block.content, notes))
    if isinstance(block, ListBlock):
        items = [E.LI(*inlines(item.content, notes), **{"data-marker": item.marker})
                 for item in block.items]
        return (E.OL if block.ordered else E.UL)(*items)
    if isinstance(block, Table):
        rows = [E.TR(*(E.TD(*inlines(cell, notes)) for cell in row.cells)) for row in block.rows]
        return E.TABLE(E.TBODY(*rows))
    if isinstance(block, Speech):
        return speech_element(block, notes)
    raise TypeError(f"unknown block {type(block).__name__}")


def speech_element(speech: Speech, notes: dict[str, Note]) -> etree._Element:
    """A speech: its speaker line as a heading, then what was said."""
    speaker = speech.speaker
    heading = E.H2(speech.line, E.CLASS("speaker"), **{"data-speaker": speaker.name})
    if speaker.party:
        heading.set("data-party", speaker.party)
    return E.SECTION(heading, *(block_element(b, notes) for b in speech.blocks),
                     E.CLASS("speech"))


def time_element(document: Document, text: str) -> list:
    """*text* with the date part wrapped in ``<time datetime=…>``.

    ``datetime`` is ``2017-10-25`` or, without a year, the HTML yearless date
    ``--09-14``: a year the text does not state is never added.
    """
    when = document.date_text or (date_words(document.date) if document.date else None)
    if document.date is None or when is None or when not in text:
        return [text]
    before, _, after = text.partition(when)
    return [before, E.TIME(when, datetime=document.date.iso()), after]


def header_element(document: Document, notes: dict[str, Note]) -> etree._Element:
    """The ``<header>``: dateline of older layouts, document line(s), title(s), addressee."""
    children: list = []
    if document.date is not None and not document.place and not document.signatures:
        # Older answers, questions and interpellations date the document at the top.
        line = date_line(document)
        if line:
            children.append(E.P(*time_element(document, line), E.CLASS("dateline")))
    first = True
    for line in document_lines(document):
        designations = " ".join(document.questions[i].designation
                                for g in line.groups for i in g.indexes)
        children.append(E.P(question_line(document, line), E.CLASS("doc-line"),
                            **{"data-designation": designations}))
        for group in line.groups:
            for index in group.indexes:
                title = document.questions[index].title
                if title:
                    children.append(E.H1(title) if first else E.P(title, E.CLASS("title")))
                    first = False
    if document.heading:
        children.append(E.H1(document.heading))
    if document.addressee is not None:
        addressee = document.addressee
        role = f"{addressee.role} " if addressee.role else ""
        children.append(E.P(f"till {role}{person_text(addressee)}", E.CLASS("addressee")))
    return E.HEADER(*children)


def closing_element(document: Document) -> etree._Element | None:
    """The closing ``<footer>``: place and date line, then each signature block."""
    children: list = []
    if document.place or document.signatures:
        line = date_line(document)
        if line:
            children.append(E.P(*time_element(document, line), E.CLASS("dateline")))
    for signature in document.signatures:
        lines = [E.P(text, E.CLASS("name" if text == signature.person.name else "line"))
                 for text in signature.lines]
        children.append(E.DIV(*lines, E.CLASS("signature")))
    return E.FOOTER(*children, E.CLASS("closing")) if children else None


def notes_element(document: Document, notes: dict[str, Note]) -> etree._Element | None:
    """Footnotes and endnotes, in order, each linked back to its reference."""
    if not document.notes:
        return None
    items = [E.LI(E.A(note.marker, E.CLASS("note-mark"), href=f"#ref-{note.note_id}"), " ",
                  *inlines(note.content, notes), id=note.note_id,
                  **{"data-marker": note.marker,
                     "class": "endnote" if note.endnote else "footnote"})
             for note in document.notes]
    return E.SECTION(E.OL(*items), E.CLASS("notes"), role="doc-endnotes",
                     **{"aria-label": "Noter"})


def head_element(document: Document) -> etree._Element:
    """``<head>``: charset, title, metadata, the inlined screen stylesheet."""
    meta = [E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(page_title(document))]
    if (who := author(document)) is not None:
        meta.append(E.META(name="author", content=who))
    meta.append(E.META(name="description", content=description(document)))
    meta.append(E.META(name="keywords", content=", ".join(keywords(document))))
    if (iso := full_iso_date(document)) is not None:
        meta.append(E.META(name="dcterms.created", content=iso))
        meta.append(E.META(name="dcterms.modified", content=iso))
    meta.append(E.META(name="generator", content=GENERATOR))
    screen = (STYLES / "screen.css").read_text(encoding="utf-8")
    meta.append(E.STYLE(screen, media="screen"))
    return E.HEAD(*meta)


def build(document: Document) -> etree._Element:
    """The whole page as an ``<html lang="sv">`` element tree."""
    notes = {note.note_id: note for note in document.notes}
    article: list = []
    if document.preamble:
        article.append(E.DIV(*(block_element(p, notes) for p in document.preamble),
                             E.CLASS("preamble")))
    article.append(header_element(document, notes))
    if document.minister is not None:
        minister = document.minister
        role = f"{minister.role} " if minister.role else ""
        article.append(E.P(f"{role}{person_text(minister)}", E.CLASS("minister")))
    article.append(E.DIV(*(block_element(b, notes) for b in document.blocks), E.CLASS("body")))
    if (closing := closing_element(document)) is not None:
        article.append(closing)
    if (section := notes_element(document, notes)) is not None:
        article.append(section)
    body = E.BODY(E.ARTICLE(*article, E.CLASS(f"document kind-{document.kind.value}"),
                            **{"data-running-header": running_header(document)}))
    return E.HTML(head_element(document), body, lang="sv")
