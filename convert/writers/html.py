"""Model → standalone HTML5 (the ``-t html`` publication, and the PDF's source).

The page is built as an element tree with ``lxml.html.builder``, so every text
run is escaped by the serialiser and never by hand.  The markup is semantic and
carries no visual decisions: a ``<header>`` with the document line and the
title(s), each title a ``<h1>``, the body (``p``, ``ol``/``ul`` keeping the
author's markers in ``data-marker``, ``table`` with a ``<thead>`` of ``<th
scope="col">`` where the first row reads as a header and ``class="num"`` on
the cells of numeric columns, see `typeset`), a closing ``<footer>`` with
place, date and signature, and the notes in a ``<section>``.  The style's
``screen.css`` (a house style's laid over the built-in one) is inlined for
screens (``media="screen"``, so WeasyPrint, which renders for print, ignores
it and the PDF writer adds ``print.css`` instead).

The page the PDF writer lays out (``build(document, for_print=True)``)
differs in two ways, both for print.css: each footnote's text follows its
first reference as a ``<span class="footnote">``, which print.css floats to
the foot of that page (CSS ``float: footnote``), so the notes section holds
only the endnotes; and the words print keeps whole (`typeset.keep_whole`:
capitalised names, words with the author's hyphen) are wrapped in ``<span
class="name">`` / ``<span class="compound">``.

Every word riksdoc adds (document lines, the date line, the running header,
the metadata in ``<head>``, which the PDF takes over) comes from
`riksdoc.vocabulary`.
"""

from __future__ import annotations

from typing import TypeAlias

from lxml.html import HtmlElement, builder as E, tostring

from .. import vocabulary
from ..housestyle import BUILT_IN, HouseStyle
from ..model import (
    Block,
    Division,
    Document,
    Inline,
    Level,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Ref,
    Speech,
    Table,
)
from . import typeset

GENERATOR = "riksdoc"

Children: TypeAlias = HtmlElement | str
"""What goes inside an element: elements and text."""


def write(document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
    """*document* as a standalone UTF-8 HTML5 page (the same document gives the same bytes)."""
    return serialise(build(document, style))


def serialise(page: HtmlElement, *, pretty: bool = True) -> bytes:
    """An ``<html>`` element tree as HTML5 bytes with a doctype.

    *pretty* indents the markup for people who read it; the page for print is
    written without, since indenting can put white space between two
    elements of running text (a name and its note mark).
    """
    data: bytes = tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8", method="html",
                           pretty_print=pretty)
    return data


def full_iso_date(document: Document) -> str | None:
    """The document's date as ``YYYY-MM-DD`` when the text states all of it, else None."""
    if document.date is None or document.date.year is None:
        return None
    return document.date.iso()


# -- element builders -----------------------------------------------------------


class Inlines:
    """Builds text runs and note references as element children, for one page.

    It remembers which notes were referenced (only the first reference of a
    note gets the ``ref-`` id the note links back to) and, for print, which
    footnotes were placed after their reference.
    """

    def __init__(self, document: Document, *, for_print: bool = False) -> None:
        self.notes = {note.note_id: note for note in document.notes}
        self.for_print = for_print
        self.referenced: set[str] = set()
        """Notes whose first reference is already built."""
        self.placed: set[str] = set()
        """Footnotes whose text follows their first reference (print only)."""

    def __call__(self, content: tuple[Inline, ...], *, in_note: bool = False) -> list[Children]:
        children: list[Children] = []
        for part in content:
            if isinstance(part, NoteRef):
                children.extend(self.reference(part, in_note=in_note))
            elif isinstance(part, Ref):  # its words; links are for the statute publication
                children.append(E.SPAN(part.text, E.CLASS(f"ref {part.kind or ''}".strip()),
                                       **{"data-href": part.href}))
            else:
                children.append(part)
        return children

    def reference(self, ref: NoteRef, *, in_note: bool = False) -> list[Children]:
        """The note mark linking to the note; for print, a footnote's text after it."""
        note = self.notes.get(ref.note_id)
        mark = note.marker if note is not None else ref.note_id
        attributes = {"href": f"#{ref.note_id}", "role": "doc-noteref", "class": "noteref"}
        if ref.note_id not in self.referenced:
            self.referenced.add(ref.note_id)
            attributes["id"] = f"ref-{ref.note_id}"
        link = E.SUP(E.A(mark, **attributes))
        if (not self.for_print or in_note or note is None or note.endnote
                or ref.note_id in self.placed):
            return [link]
        self.placed.add(ref.note_id)
        return [link, E.SPAN(*self.note_body(note), E.CLASS("footnote"), id=note.note_id,
                             role="doc-footnote", **{"data-marker": note.marker})]

    def note_body(self, note: Note) -> list[Children]:
        """The note's own mark, linking back to its first reference, then its text."""
        back = E.A(note.marker, E.CLASS("note-mark"), href=f"#ref-{note.note_id}")
        return [back, " ", *self(note.content, in_note=True)]


def block_element(block: Block, inlines: Inlines, depth: int = 0) -> HtmlElement:
    """One body block as ``p``, ``ol``/``ul``, ``table`` or a division's ``section``."""
    if isinstance(block, Paragraph):
        return E.P(*inlines(block.content))
    if isinstance(block, Division):
        return division_element(block, inlines, depth)
    if isinstance(block, ListBlock):
        items = [E.LI(*inlines(item.content),
                      *(block_element(b, inlines, depth) for b in item.blocks),
                      **{"data-marker": item.marker})
                 for item in block.items]
        return (E.OL if block.ordered else E.UL)(*items)
    if isinstance(block, Table):
        return table_element(block, inlines)
    if isinstance(block, Speech):
        return speech_element(block, inlines)
    raise TypeError(f"unknown block {type(block).__name__}")


def speech_element(speech: Speech, inlines: Inlines) -> HtmlElement:
    """A speech of a debate record: its speaker line as a heading, then what was said."""
    speaker = speech.speaker
    heading = E.H2(speech.line, E.CLASS("speaker"), **{"data-speaker": speaker.name})
    if speaker.party:
        heading.set("data-party", speaker.party)
    return E.SECTION(heading, *(block_element(b, inlines) for b in speech.blocks),
                     E.CLASS("speech"))


def division_element(division: Division, inlines: Inlines, depth: int) -> HtmlElement:
    """A division as a ``section`` (a stycke as a ``div``) with its number and heading as
    an ``h2``–``h6`` by depth; a version's marker words where the text has them (above, or
    after the number).  A paper's proposal is a ``div class="proposal"`` with its number
    hanging before its text; a signature block a ``div class="signatures"`` whose name
    lines (``p class="name"``) print in two columns."""
    if division.level is Level.PROPOSAL:
        return proposal_element(division, inlines, depth)
    if division.level is Level.SIGNATURES:
        return signatures_element(division, inlines)
    validity = division.validity
    leading = validity.markers if validity is not None and validity.leading else ()
    inside = validity.markers if validity is not None and not validity.leading else ()
    heads: list[Children] = [E.P(m, E.CLASS("validity")) for m in leading]
    title: list[Children] = [division.num] if division.num else []
    for marker in inside:
        title += [" " if title else "", E.SPAN(marker, E.CLASS("validity"))]
    if division.heading:
        title += [" " if title else "", division.heading]
    if title:
        heads.append(getattr(E, f"H{min(depth + 2, 6)}")(*title))
    body = [block_element(child, inlines, depth + 1) for child in division.children]
    if division.level is Level.PARAGRAPH:
        element: HtmlElement = E.DIV(*heads, *body, E.CLASS("stycke"))
    else:
        element = E.SECTION(*heads, *body, E.CLASS(f"division {division.level.value}"))
    return element


def proposal_element(division: Division, inlines: Inlines, depth: int) -> HtmlElement:
    """``<div class="proposal"><span class="num">1.</span> [<strong>heading</strong>] …``"""
    heads: list[Children] = []
    if division.num:
        heads.append(E.SPAN(division.num, E.CLASS("num")))
    if division.heading:
        heads.append(E.P(division.heading, E.CLASS("proposal-heading")))
    body = [block_element(child, inlines, depth + 1) for child in division.children]
    return E.DIV(*heads, *body, E.CLASS("proposal"))


def signatures_element(division: Division, inlines: Inlines) -> HtmlElement:
    """A signature block: its lines in order, each name line (``Johan Forssell (M)``)
    marked, so print sets them two to a row."""
    names = {person.name for person in division.people}
    children: list[Children] = []
    for child in division.children:
        element = block_element(child, inlines)
        if isinstance(child, Paragraph):
            text = "".join(p for p in child.content if isinstance(p, str))
            if any(text == name or text.startswith(name + " (") for name in names) \
                    and not text.startswith("Följande"):
                element.set("class", "name")
        children.append(element)
    return E.DIV(*children, E.CLASS("signatures"))


def table_element(table: Table, inlines: Inlines) -> HtmlElement:
    """A ``table``: a ``thead`` where the first row reads as a header, numeric columns
    marked ``class="num"`` (`typeset`)."""
    numeric = typeset.numeric_columns(table)

    def cell(header: bool, index: int, content: tuple[Inline, ...]) -> HtmlElement:
        attributes = {"class": "num"} if index in numeric else {}
        if header:
            return E.TH(*inlines(content), scope="col", **attributes)
        return E.TD(*inlines(content), **attributes)

    rows = list(table.rows)
    parts = []
    if typeset.header_row(table):
        head = rows.pop(0)
        parts.append(E.THEAD(E.TR(*(cell(True, i, c) for i, c in enumerate(head.cells)))))
    parts.append(E.TBODY(*(E.TR(*(cell(False, i, c) for i, c in enumerate(row.cells)))
                           for row in rows)))
    return E.TABLE(*parts)


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


def header_element(document: Document) -> HtmlElement:
    """The ``<header>``: dateline of older layouts, document line(s), title(s) (each a
    heading, the titles of a joint answer too), addressee."""
    children: list[Children] = []
    for text in vocabulary.paper_lines(document):
        children.append(E.P(text, E.CLASS("doc-line")))
    if typeset.dated_at_top(document):
        line = vocabulary.date_line(document)
        if line:
            children.append(E.P(*time_element(document, line), E.CLASS("dateline")))
    for document_line in vocabulary.document_lines(document):
        designations = " ".join(document.questions[i].designation for i in document_line.indexes)
        children.append(E.P(vocabulary.line_text(document, document_line), E.CLASS("doc-line"),
                            **{"data-designation": designations}))
        for index in document_line.indexes:
            title = document.questions[index].title
            if title:
                children.append(E.H1(title))
    if document.heading:
        children.append(E.H1(document.heading))
    if document.addressee is not None:
        children.append(E.P(vocabulary.addressee_line(document.addressee), E.CLASS("addressee")))
    return E.HEADER(*children)


def closing_element(document: Document) -> HtmlElement | None:
    """The closing ``<footer>``: place and date line, then each signature block (a paper
    has none: its date line and signatures are in its text, where it has them)."""
    if document.paper is not None:
        return None
    children: list[Children] = []
    if not typeset.dated_at_top(document):
        line = vocabulary.date_line(document)
        if line:
            children.append(E.P(*time_element(document, line), E.CLASS("dateline")))
    for signature in document.signatures:
        lines = [E.P(text, E.CLASS("name" if text == signature.person.name else "line"))
                 for text in signature.lines]
        children.append(E.DIV(*lines, E.CLASS("signature")))
    return E.FOOTER(*children, E.CLASS("closing")) if children else None


def notes_element(document: Document, inlines: Inlines) -> HtmlElement | None:
    """The notes not already placed at their reference (all on screen, the endnotes in
    print), in order, each linked back to its reference."""
    notes = [note for note in document.notes if note.note_id not in inlines.placed]
    if not notes:
        return None
    items = [E.LI(*inlines.note_body(note), id=note.note_id,
                  **{"data-marker": note.marker,
                     "class": "endnote" if note.endnote else "footnote"})
             for note in notes]
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


def build(document: Document, style: HouseStyle = BUILT_IN, *,
          for_print: bool = False) -> HtmlElement:
    """The whole page as an ``<html lang="sv">`` element tree, with *style*'s screen.css
    (*for_print*: the page the PDF writer lays out, see the module docstring)."""
    inlines = Inlines(document, for_print=for_print)
    article: list[Children] = []
    if document.preamble:
        article.append(E.DIV(*(E.P(*inlines(p.content)) for p in document.preamble),
                             E.CLASS("preamble")))
    article.append(header_element(document))
    if document.minister is not None:
        article.append(E.P(vocabulary.person_text(document.minister), E.CLASS("minister")))
    article.append(E.DIV(*(block_element(b, inlines) for b in document.blocks),
                         E.CLASS("body")))
    if (closing := closing_element(document)) is not None:
        article.append(closing)
    if (section := notes_element(document, inlines)) is not None:
        article.append(section)
    main = E.ARTICLE(*article, E.CLASS(f"document kind-{document.kind.value}"),
                     **{"data-running-header": vocabulary.running_header(document)})
    if for_print:
        mark_kept_words(main)
    return E.HTML(head_element(document, style), E.BODY(main), lang="sv")


def mark_kept_words(element: HtmlElement) -> None:
    """Wrap the words print keeps whole (`typeset.keep_whole`) in every text of *element*
    in ``<span class="name|compound">``."""
    for node in list(element.iter()):
        if node.text and node.tag != "a":  # a link's text is a note mark
            pieces = _kept_pieces(node.text)
            if pieces is not None:
                node.text = pieces[0]
                for offset, span in enumerate(pieces[1]):
                    node.insert(offset, span)
        if node is not element and node.tail:
            pieces = _kept_pieces(node.tail)
            if pieces is not None:
                node.tail = pieces[0]
                anchor = node
                for span in pieces[1]:
                    anchor.addnext(span)
                    anchor = span


def _kept_pieces(text: str) -> tuple[str, list[HtmlElement]] | None:
    """(leading text, spans) with each span's tail the text after it; None when nothing
    in *text* is kept whole."""
    parts = list(typeset.keep_whole(text))
    if all(reason is None for _, reason in parts):
        return None
    lead = parts[0][0] if parts[0][1] is None else ""
    spans: list[HtmlElement] = []
    for piece, reason in parts[1 if lead else 0:]:
        if reason is None:
            spans[-1].tail = piece
        else:
            spans.append(E.SPAN(piece, E.CLASS(reason)))
    return lead, spans
