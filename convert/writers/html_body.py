"""The body of the HTML page: paragraphs, lists, tables, and the hierarchy of divisions.

Letters are flat (``p``, ``ol``/``ul`` with the author's markers in
``data-marker``, ``table``).  A text made of `Division`s (a statute; reports and
bills next) is rendered generically, by the shared outline
(`riksdoc.outline`) and names (`riksdoc.eids`):

* a headed division is a ``section class="division {level}"`` whose heading is
  an ``h2``…``h6`` by its rank (``<span class="number">1 kap.</span> Inledande
  bestämmelser``); a rubrik (a leaf heading) is a bare heading of its rank;
* a run-in division (a statute's section) is a ``section`` without a heading:
  its number (``<span class="number">1 §</span>``) opens its first stycke; where
  marker words follow the number (``1 § /Upphör att gälla U:2026-07-01/``), or
  the section opens with no text, number and markers stand on a line of their
  own (``p class="version"``);
* a stycke is a ``p class="stycke"`` (a ``div class="stycke"`` where it holds
  more than one paragraph, a list or a table);
* a version's marker words are ``<span class="validity">`` after the number, or
  a ``p class="validity"`` above a part they stand above;
* every part has its eId as ``id`` (for print, only the parts a link points
  at: the PDF's named destinations); a heading says its outline label in
  ``data-label`` (the running header and the bookmarks take it from there) and
  its rank in ``class="rank-N"``;
* a reference (`Ref`) is a link: ``#chp_2__sec_3`` inside the document, an
  act's Work URI (``/akn/se/act/2025/400``) outside it.  In print only the
  links inside the document: an AKN URI is a name, not an address a PDF
  reader could open (the embedded AKN keeps every reference for machines).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from lxml.html import HtmlElement, builder as E

from ..eids import Names
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
    walk,
)
from ..outline import (
    LEAF_HEADINGS,
    RUN_IN,
    headed,
    hierarchical,
    label,
    markers,
    opens_with_text,
    ranks,
    signer_line,
)
from . import part_names, typeset

Children: TypeAlias = HtmlElement | str
"""What goes inside an element: elements and text."""


class Inlines:
    """Builds text runs, note references and references as element children, for one page.

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
            elif isinstance(part, Ref):
                children.append(self.link(part) if not self.for_print
                                or part.href.startswith("#") else part.text)
            else:
                children.append(part)
        return children

    def link(self, ref: Ref) -> HtmlElement:
        """A reference as a link around its words (``class="ref"``, and its kind)."""
        return E.A(ref.text, E.CLASS(f"ref {ref.kind or ''}".strip()), href=ref.href)

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


@dataclass
class Body:
    """Builds the body's elements for one page (see the module docstring)."""

    inlines: Inlines
    names: Names
    ranks: dict[int, int]
    targets: set[str] | None = None
    """The eIds that get an ``id``: None for all (the page), the link targets (print)."""
    numbers: list[Children] = field(default_factory=list)
    """A run-in number waiting for the first paragraph of its section."""
    flat: bool = False
    """For print: a run-in section's parts stand in its container without a ``section``
    of their own (thousands fewer boxes to lay out); its first part says it opens one
    (``class="section-start"``) and its number carries its id."""

    @classmethod
    def of(cls, document: Document, inlines: Inlines) -> Body:
        """The builder for *document*'s page; a letter's flat body gets no ids."""
        names = part_names(document) if hierarchical(document) else Names()
        targets = None
        if inlines.for_print:
            targets = {ref.href[1:] for ref in _refs(document.blocks) if ref.href[:1] == "#"}
        return cls(inlines, names, ranks(document.blocks), targets, flat=inlines.for_print)

    def attributes(self, part: Division | ListBlock | Paragraph | Table | object
                   ) -> dict[str, str]:
        eid = self.names.of(part)  # type: ignore[arg-type]
        if eid is None or (self.targets is not None and eid not in self.targets):
            return {}
        return {"id": eid}

    # -- blocks ---------------------------------------------------------------------------

    def block(self, block: Block) -> HtmlElement:
        """One body block as ``p``, ``ol``/``ul``, ``table`` or a division."""
        if isinstance(block, Paragraph):
            return E.P(*self.opening(), *self.inlines(block.content), **self.attributes(block))
        if isinstance(block, Division):
            return self.division(block)
        if isinstance(block, ListBlock):
            return self.list_element(block)
        if isinstance(block, Table):
            return table_element(block, self.inlines)
        if isinstance(block, Speech):
            return self.speech(block)
        raise TypeError(f"unknown block {type(block).__name__}")

    def speech(self, speech: Speech) -> HtmlElement:
        """A speech of a debate record: its speaker line as a heading, then what was said."""
        speaker = speech.speaker
        heading = E.H2(speech.line, E.CLASS("speaker"), **{"data-speaker": speaker.name})
        if speaker.party:
            heading.set("data-party", speaker.party)
        return E.SECTION(heading, *self.elements(speech.blocks), E.CLASS("speech"))

    def opening(self) -> list[Children]:
        """The run-in number waiting for this paragraph, if any (once)."""
        numbers, self.numbers = self.numbers, []
        return numbers

    def list_element(self, block: ListBlock) -> HtmlElement:
        items = [E.LI(*self.inlines(item.content), *self.elements(item.blocks),
                      **{"data-marker": item.marker}, **self.attributes(item))
                 for item in block.items]
        return (E.OL if block.ordered else E.UL)(*items, **self.attributes(block))

    # -- divisions ---------------------------------------------------------------------------

    def division(self, division: Division) -> HtmlElement:
        """A division: a stycke, a run-in section, a rubrik, or a headed section."""
        if division.level is Level.PARAGRAPH:
            return self.stycke(division)
        if division.level is Level.PROPOSAL:
            return self.proposal(division)
        if division.level is Level.SIGNATURES:
            return self.signatures(division)
        leading = markers(division, leading=True)
        rank = self.ranks.get(id(division), 1)
        if division.level in RUN_IN:
            return self.run_in(division, leading, rank)
        heads: list[HtmlElement] = [E.P(m, E.CLASS("validity")) for m in leading]
        if headed(division):
            heads.append(self.heading(division, rank))
        if division.level in LEAF_HEADINGS:
            heading = heads[-1] if heads else E.P()
            heading.attrib.update(self.attributes(division))
            return heading if len(heads) == 1 else E.DIV(*heads, E.CLASS("rubrik"))
        classes = f"division {division.level.value}" + (" repealed" if division.repealed else "")
        return E.SECTION(*heads, *self.elements(division.children),
                         E.CLASS(classes), **self.attributes(division))

    def elements(self, blocks: tuple[Block, ...]) -> list[HtmlElement]:
        """The elements of *blocks* in order (a flat run-in section gives several)."""
        out: list[HtmlElement] = []
        for block in blocks:
            if self.flat and isinstance(block, Division) and block.level in RUN_IN:
                out += self.run_in_flat(block)
            else:
                out.append(self.block(block))
        return out

    def heading(self, division: Division, rank: int) -> HtmlElement:
        """``<h2><span class="number">1 kap.</span> Inledande bestämmelser</h2>``, marker
        words after the number where the text has them there."""
        title: list[Children] = [E.SPAN(division.num, E.CLASS("number"))] if division.num else []
        for marker in markers(division, leading=False):
            title += [" ", E.SPAN(marker, E.CLASS("validity"))]
        if division.heading:
            title += [" " if title else "", division.heading]
        tag = getattr(E, f"H{min(rank + 1, 6)}")
        element: HtmlElement = tag(*title, E.CLASS(f"rank-{rank} {division.level.value}"),
                                   **{"data-label": label(division)})
        return element

    def run_in(self, division: Division, leading: list[str], rank: int) -> HtmlElement:
        """A section: its number opens its first stycke, or stands on a line of its own."""
        heads, body = self.run_in_parts(division, leading, rank, {})
        classes = f"division {division.level.value}" + (" repealed" if division.repealed else "")
        return E.SECTION(*heads, *body, E.CLASS(classes), **self.attributes(division))

    def run_in_flat(self, division: Division) -> list[HtmlElement]:
        """A section's parts without a ``section`` around them (print)."""
        rank = self.ranks.get(id(division), 1)
        heads, body = self.run_in_parts(division, markers(division, leading=True), rank,
                                        self.attributes(division))
        parts = [*heads, *body]
        if parts:
            parts[0].set("class", f"{parts[0].get('class') or ''} section-start".strip())
        return parts

    def run_in_parts(self, division: Division, leading: list[str], rank: int,
                     number_id: dict[str, str]) -> tuple[list[HtmlElement], list[HtmlElement]]:
        """(the lines above the text, the stycken): the number in the first stycke or on a
        line of its own (*number_id*: the ``id`` it carries)."""
        heads: list[HtmlElement] = [E.P(m, E.CLASS("validity")) for m in leading]
        number: list[Children] = []
        if division.num:
            number.append(E.SPAN(division.num, E.CLASS(f"number rank-{rank}"),
                                 **{"data-label": _version_label(division)}, **number_id))
        inside = markers(division, leading=False)
        if inside or not opens_with_text(division):
            for marker in inside:
                number += [" ", E.SPAN(marker, E.CLASS("validity"))]
            if number:
                heads.append(E.P(*number, E.CLASS("version")))
        else:
            self.numbers = [*number, " "] if number else []
        body = self.elements(division.children)
        self.numbers = []
        return heads, body

    def stycke(self, division: Division) -> HtmlElement:
        """A stycke: a ``p`` of its own where it is one paragraph, else a ``div``."""
        leading = [E.P(m, E.CLASS("validity")) for m in markers(division, leading=True)]
        children = division.children
        if len(children) == 1 and isinstance(children[0], Paragraph) and not leading:
            return E.P(*self.opening(), *self.inlines(children[0].content), E.CLASS("stycke"),
                       **self.attributes(division))
        return E.DIV(*leading, *self.elements(children), E.CLASS("stycke"),
                     **self.attributes(division))


    # -- a paper's own parts -----------------------------------------

    def proposal(self, division: Division) -> HtmlElement:
        """``<div class="proposal"><span class="num">1.</span> [<p class="proposal-heading">]
        …``: the number hangs before the text (a point of the decision, by its eId)."""
        heads: list[Children] = []
        if division.num:
            heads.append(E.SPAN(division.num, E.CLASS("num")))
        if division.heading:
            heads.append(E.P(division.heading, E.CLASS("proposal-heading")))
        return E.DIV(*heads, *self.elements(division.children), E.CLASS("proposal"),
                     **self.attributes(division))

    def signatures(self, division: Division) -> HtmlElement:
        """A signature block: its lines in order, each name line (``Johan Forssell (M)``)
        marked ``class="name"``, so print and screen set them two to a row."""
        children: list[HtmlElement] = []
        for child in division.children:
            element = self.block(child)
            if isinstance(child, Paragraph) and signer_line(child, division):
                element.set("class", "name")
            children.append(element)
        return E.DIV(*children, E.CLASS("signatures"), **self.attributes(division))


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


def _version_label(division: Division) -> str:
    """A section's label, with its marker words where it is one of several versions."""
    markers = division.validity.markers if division.validity is not None else ()
    return " ".join((label(division), *markers))


def _refs(blocks: tuple[Block, ...]) -> list[Ref]:
    found: list[Ref] = []
    for block, _ in walk(blocks):
        contents: list[tuple[Inline, ...]] = []
        if isinstance(block, Paragraph):
            contents.append(block.content)
        elif isinstance(block, ListBlock):
            contents += [item.content for item in block.items]
        elif isinstance(block, Table):
            contents += [cell for row in block.rows for cell in row.cells]
        found += [part for content in contents for part in content if isinstance(part, Ref)]
    return found
