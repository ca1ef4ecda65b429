"""Model → standalone HTML5 (the ``-t html`` publication, and the PDF's source).

The page is built as an element tree with ``lxml.html.builder``, so every text
run is escaped by the serialiser and never by hand.  The markup is semantic and
carries no visual decisions: a ``<header>`` with the document line and the
title, the body (``p``, ``ol``/``ul`` keeping the author's markers in
``data-marker``, ``table``), a closing ``<footer>`` with place, date and
signature, and the notes in a ``<section>``.  The style's ``screen.css`` (a
house style's laid over the built-in one) is inlined for screens
(``media="screen"``, so WeasyPrint, which renders for print, ignores it and
the PDF writer adds ``print.css`` instead).

Every word riksdoc adds (document lines, the date line, the running header,
the metadata in ``<head>``, which the PDF takes over) comes from
`riksdoc.vocabulary`.
"""

from __future__ import annotations

from typing import TypeAlias

from lxml.html import HtmlElement, builder as E, tostring

from .. import vocabulary
from ..housestyle import BUILT_IN, HouseStyle
from ..model import Block, Document, Inline, ListBlock, Note, NoteRef, Paragraph, Table

GENERATOR = "riksdoc"

Children: TypeAlias = HtmlElement | str
"""What goes inside an element: elements and text."""


def write(document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
    """*document* as a standalone UTF-8 HTML5 page (the same document gives the same bytes)."""
    return serialise(build(document, style))


def serialise(page: HtmlElement) -> bytes:
    """An ``<html>`` element tree as HTML5 bytes with a doctype."""
    return tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8", method="html",
                    pretty_print=True)


def full_iso_date(document: Document) -> str | None:
    """The document's date as ``YYYY-MM-DD`` when the text states all of it, else None."""
    if document.date is None or document.date.year is None:
        return None
    return document.date.iso()


# -- element builders -----------------------------------------------------------


def inlines(content: tuple[Inline, ...], notes: dict[str, Note]) -> list[Children]:
    """Text runs and note references as children for an element."""
    children: list[Children] = []
    for part in content:
        if isinstance(part, NoteRef):
            note = notes.get(part.note_id)
            mark = note.marker if note is not None else part.note_id
            children.append(E.A(E.SUP(mark), href=f"#{part.note_id}",
                                id=f"ref-{part.note_id}", role="doc-noteref"))
        else:
            children.append(part)
    return children


def block_element(block: Block, notes: dict[str, Note]) -> HtmlElement:
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
    raise TypeError(f"unknown block {type(block).__name__}")


def time_element(document: Document, text: str) -> list[Children]:
    """*text* with the date part wrapped in ``<time datetime=…>``.

    ``datetime`` is ``2017-10-25`` or, without a year, the HTML yearless date
    ``--09-14``: a year the text does not state is never added.
    """
    when = vocabulary.date_text(document)
    if document.date is None or when is None or when not in text:
        return [text]
    before, _, after = text.partition(when)
    return [before, E.TIME(when, datetime=document.date.iso()), after]


def header_element(document: Document, notes: dict[str, Note]) -> HtmlElement:
    """The ``<header>``: dateline of older layouts, document line(s), title(s), addressee."""
    children: list[Children] = []
    if document.date is not None and not document.place and not document.signatures:
        # Older answers, questions and interpellations date the document at the top.
        line = vocabulary.date_line(document)
        if line:
            children.append(E.P(*time_element(document, line), E.CLASS("dateline")))
    for index, question in enumerate(document.questions):
        children.append(E.P(vocabulary.document_line(document, index), E.CLASS("doc-line"),
                            **{"data-designation": question.designation}))
        if question.title:
            if index == 0:
                children.append(E.H1(question.title))
            else:
                children.append(E.P(question.title, E.CLASS("title")))
    if document.heading:
        children.append(E.H1(document.heading))
    if document.addressee is not None:
        children.append(E.P(vocabulary.addressee_line(document.addressee), E.CLASS("addressee")))
    return E.HEADER(*children)


def closing_element(document: Document) -> HtmlElement | None:
    """The closing ``<footer>``: place and date line, then each signature block."""
    children: list[Children] = []
    if document.place or document.signatures:
        line = vocabulary.date_line(document)
        if line:
            children.append(E.P(*time_element(document, line), E.CLASS("dateline")))
    for signature in document.signatures:
        lines = [E.P(text, E.CLASS("name" if text == signature.person.name else "line"))
                 for text in signature.lines]
        children.append(E.DIV(*lines, E.CLASS("signature")))
    return E.FOOTER(*children, E.CLASS("closing")) if children else None


def notes_element(document: Document, notes: dict[str, Note]) -> HtmlElement | None:
    """Footnotes and endnotes, in order, each linked back to its reference."""
    if not document.notes:
        return None
    items = [E.LI(E.A(note.marker, E.CLASS("note-mark"), href=f"#ref-{note.note_id}"), " ",
                  *inlines(note.content, notes), id=note.note_id,
                  **{"data-marker": note.marker,
                     "class": "endnote" if note.endnote else "footnote"})
             for note in document.notes]
    return E.SECTION(E.OL(*items), E.CLASS("notes"), role="doc-endnotes",
                     **{"aria-label": vocabulary.NOTES})


def head_element(document: Document, style: HouseStyle = BUILT_IN) -> HtmlElement:
    """``<head>``: charset, title, metadata, the inlined screen stylesheet."""
    meta = [E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(vocabulary.title(document))]
    if (who := vocabulary.author(document)) is not None:
        meta.append(E.META(name="author", content=who.name))
    meta.append(E.META(name="description", content=vocabulary.subject(document)))
    meta.append(E.META(name="keywords", content=", ".join(vocabulary.keywords(document))))
    if (iso := full_iso_date(document)) is not None:
        meta.append(E.META(name="dcterms.created", content=iso))
        meta.append(E.META(name="dcterms.modified", content=iso))
    meta.append(E.META(name="generator", content=GENERATOR))
    meta.append(E.STYLE(style.css("screen.css"), media="screen"))
    return E.HEAD(*meta)


def build(document: Document, style: HouseStyle = BUILT_IN) -> HtmlElement:
    """The whole page as an ``<html lang="sv">`` element tree."""
    notes = {note.note_id: note for note in document.notes}
    article: list[Children] = []
    if document.preamble:
        article.append(E.DIV(*(block_element(p, notes) for p in document.preamble),
                             E.CLASS("preamble")))
    article.append(header_element(document, notes))
    if document.minister is not None:
        article.append(E.P(vocabulary.person_text(document.minister), E.CLASS("minister")))
    article.append(E.DIV(*(block_element(b, notes) for b in document.blocks), E.CLASS("body")))
    if (closing := closing_element(document)) is not None:
        article.append(closing)
    if (section := notes_element(document, notes)) is not None:
        article.append(section)
    body = E.BODY(E.ARTICLE(*article, E.CLASS(f"document kind-{document.kind.value}"),
                            **{"data-running-header": vocabulary.running_header(document)}))
    return E.HTML(head_element(document, style), body, lang="sv")
