"""Model → standalone HTML5 (the ``-t html`` publication, and the PDF's source).

The page is built as an element tree with ``lxml.html.builder``, so every text
run is escaped by the serialiser and never by hand.  The markup is semantic and
carries no visual decisions: a ``<header>`` with the document line and the
title(s), each title a ``<h1>`` (a statute's: ``SFS 2010:800``, the title,
``Utfärdad den …``, the department, ``Lydelse den …``), for a text with a
hierarchy a table of contents (``<nav class="toc">``), the body
(`riksdoc.writers.html_body`: paragraphs, lists keeping the author's markers
in ``data-marker``, tables with a ``<thead>`` where the first row reads as a
header and ``class="num"`` on numeric columns, speeches, and the divisions
with their eIds as ids), a closing ``<footer>`` with place, date and
signature, and the notes in a ``<section>``.  The style's ``screen.css`` (a
house style's laid over the built-in one) is inlined for screens
(``media="screen"``, so WeasyPrint, which renders for print, ignores it and
the PDF writer adds ``print.css`` instead).

The page the PDF writer lays out (``build(document, for_print=True)``)
differs in two ways, both for print.css: each footnote's text follows its
first reference as a ``<span class="footnote">``, which print.css floats to
the foot of that page (CSS ``float: footnote``), so the notes section holds
only the endnotes; the words print keeps whole (`typeset.keep_whole`:
capitalised names, words with the author's hyphen) are wrapped in ``<span
class="name">`` / ``<span class="compound">`` (a statute, set without
hyphenation, has only the second); and it has no table of contents (the PDF's
bookmarks are one) and ids only where a link points.

Every word riksdoc adds (document lines, the date line, the running header,
the metadata in ``<head>``, which the PDF takes over) comes from
`riksdoc.vocabulary`.
"""

from __future__ import annotations

from lxml.html import HtmlElement, builder as E, tostring

from .. import vocabulary
from ..housestyle import BUILT_IN, HouseStyle
from ..model import Document, Kind, Statute
from ..outline import MAX_RANK, Entry, entries, flat, hierarchical
from . import typeset
from .html_body import Body, Children, Inlines

GENERATOR = "riksdoc"

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
    if document.statute is not None:
        return E.HEADER(*statute_front(document, document.statute), E.CLASS("statute"))
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


def statute_front(document: Document, statute: Statute) -> list[Children]:
    """A statute's first page: ``SFS 2010:800``, the title, ``Utfärdad den …``, the
    department, the consolidation and the day (``Lydelse den 1 juli 2026``); an older
    export's header block line by line, as written."""
    children: list[Children] = []
    if (number := vocabulary.statute_number(statute)) is not None:
        children.append(E.P(number, E.CLASS("sfs-number")))
    if document.heading:
        children.append(E.H1(document.heading))
    lines = vocabulary.statute_lines(statute)
    if statute.header:  # the header block says it in its own words
        children += [E.P(E.SPAN(field.key, E.CLASS("key")), ": " if field.key else "",
                         field.value, E.CLASS("header-field")) for field in statute.header]
        lines = [line for line in lines if line[0] == "as-of"]
    children += [E.P(words, E.CLASS(f"statute-line {kind}")) for kind, words in lines]
    return children


def contents_element(outline: tuple[Entry, ...], depth: int = MAX_RANK) -> HtmlElement | None:
    """The table of contents of a page with a hierarchy: its top entries (chapters,
    transitional provisions, annexes) with their headed entries under them to *depth*
    ranks, and the run-in ones (sections) as a row of numbers, each once."""
    if not outline:
        return None

    def item(entry: Entry) -> HtmlElement:
        headed = [e for e in entry.children if e.division.level.value != "section"
                  and e.rank <= depth]
        numbers: dict[str, Entry] = {}
        for child in flat(tuple(e for e in entry.children if e not in headed)):
            numbers.setdefault(child.label, child)
        parts: list[Children] = [E.A(entry.label, href=f"#{entry.eid}")]
        if numbers:  # a space between the links: read and copied as separate numbers
            links: list[Children] = []
            for child in numbers.values():
                links += [" "] if links else []
                links.append(E.A(child.label, href=f"#{child.eid}"))
            parts.append(E.P(*links, E.CLASS("sections")))
        if headed:
            parts.append(E.OL(*(item(e) for e in headed)))
        return E.LI(*parts)

    return E.NAV(E.H2(vocabulary.CONTENTS), E.OL(*(item(e) for e in outline)),
                 E.CLASS("toc"), **{"aria-label": vocabulary.CONTENTS})


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
    body = Body.of(document, inlines)
    article: list[Children] = []
    if document.preamble:
        article.append(E.DIV(*(E.P(*inlines(p.content)) for p in document.preamble),
                             E.CLASS("preamble")))
    article.append(header_element(document))
    if document.minister is not None:
        article.append(E.P(vocabulary.person_text(document.minister), E.CLASS("minister")))
    tree = hierarchical(document)
    outline = entries(document.blocks, body.names) if tree else ()
    if not for_print:
        toc = contents_element(outline)
    elif typeset.printed_contents(document):  # its entries' pages are print.css's (target-counter)
        toc = contents_element(outline, typeset.PRINTED_CONTENTS_DEPTH)
        body.targets = (body.targets or set()) | {entry.eid for entry in flat(outline)
                                                  if entry.rank <= typeset.PRINTED_CONTENTS_DEPTH}
    else:
        toc = None
    if toc is not None:
        article.append(toc)
    article.append(E.DIV(*body.elements(document.blocks), E.CLASS("body")))
    if (closing := closing_element(document)) is not None:
        article.append(closing)
    if (section := notes_element(document, inlines)) is not None:
        article.append(section)
    classes = f"document kind-{document.kind.value}" + (" hierarchy" if tree else "")
    main = E.ARTICLE(*article, E.CLASS(classes),
                     **{"data-running-header": vocabulary.running_header(document)})
    if for_print:  # statutes are set without hyphenation: only compounds are kept whole
        mark_kept_words(main, names=document.kind is not Kind.STATUTE)
    return E.HTML(head_element(document, style), E.BODY(main), lang="sv")


def mark_kept_words(element: HtmlElement, *, names: bool = True) -> None:
    """Wrap the words print keeps whole (`typeset.keep_whole`) in every text of *element*
    in ``<span class="name|compound">`` (without *names*: compounds only)."""
    for node in list(element.iter()):
        if node.text and (node.tag != "a" or "ref" in (node.get("class") or "")):
            pieces = _kept_pieces(node.text, names)
            if pieces is not None:
                node.text = pieces[0]
                for offset, span in enumerate(pieces[1]):
                    node.insert(offset, span)
        if node is not element and node.tail:
            pieces = _kept_pieces(node.tail, names)
            if pieces is not None:
                node.tail = pieces[0]
                anchor = node
                for span in pieces[1]:
                    anchor.addnext(span)
                    anchor = span


def _kept_pieces(text: str, names: bool) -> tuple[str, list[HtmlElement]] | None:
    """(leading text, spans) with each span's tail the text after it; None when nothing
    in *text* is kept whole."""
    parts: list[tuple[str, str | None]] = []
    for piece, reason in typeset.keep_whole(text):
        kept = reason if names or reason != "name" else None
        if kept is None and parts and parts[-1][1] is None:
            parts[-1] = (parts[-1][0] + piece, None)  # text runs joined
        else:
            parts.append((piece, kept))
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
