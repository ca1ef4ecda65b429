"""The body of the DOCX: paragraphs, lists, tables, and the hierarchy of divisions.

Paragraphs are built as WordprocessingML directly (`riksdoc.ooxml.build`:
python-docx's per-paragraph style look-ups would cost a 300-page statute
seconds), appended to the body in order.  A letter's flat body is Body Text
paragraphs, real Word lists and ruled tables.  A text made of `Division`s is
rendered by the shared outline (`riksdoc.outline`), as the PDF is:

* a headed division is a ``Heading N`` paragraph by its rank (Word's own
  heading styles: the navigation pane and a table of contents work), its number
  a run in the character style ``Riksdoc Heading Number``, a version's marker
  words after it in ``Riksdoc Validity Char``, a rubrik's words in ``Riksdoc
  Rubrik`` (italic, as in print);
* a run-in division (a statute's section) opens its first stycke with its
  number in ``Riksdoc Number`` (semibold), or stands on a ``Riksdoc Section``
  line of its own where marker words follow the number or no text opens it;
* a stycke is a Body Text paragraph (further paragraphs of the same stycke
  ``Riksdoc Stycke Continued``), with the list or table it introduces;
* marker words that stand above a part are a ``Riksdoc Validity`` paragraph;
* a reference is a hyperlink: to a bookmark named by the part's eId
  (`riksdoc.ooxml.build.bookmark_name`) inside the document, to the act's URI
  outside it; its runs say its kind (``Riksdoc Reference``, ``Riksdoc
  Amendment``, ``Riksdoc Repeal``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ..eids import Names
from ..model import (
    Block,
    Division,
    Inline,
    Level,
    ListBlock,
    NoteRef,
    Paragraph,
    Ref,
    Speech,
    Table,
)
from ..ooxml import styles as st, w
from ..ooxml.build import Builder, bookmark_name
from ..ooxml.numbering import ListXml, list_formats
from ..ooxml.tweaks import drop_surplus_cells
from ..outline import LEAF_HEADINGS, RUN_IN, headed, markers, opens_with_text, signer_line
from . import docx_layout, typeset

NoteWriter = Callable[[WordParagraph, NoteRef], None]
"""Writes a note reference at the end of a paragraph (the writer's notes)."""


@dataclass
class BodyWriter:
    """Writes blocks into a Word document's body (see the module docstring)."""

    word: WordDocument
    builder: Builder
    note: NoteWriter
    names: Names = field(default_factory=Names)
    ranks: dict[int, int] = field(default_factory=dict)
    targets: set[str] = field(default_factory=set)
    """eIds a link points at: their parts get a bookmark."""
    lists: list[ListXml] = field(default_factory=list)
    """Every Word list, in order (the numbering part is written from it)."""
    numbered: list[tuple[etree._Element, int]] = field(default_factory=list)
    """(list item paragraph, index in `lists`)."""
    number: list[tuple[str, str | None]] = field(default_factory=list)
    """A run-in number (and its separating space) waiting for its first paragraph."""
    external: dict[str, str] = field(default_factory=dict)
    """External link target → relationship id."""
    section: Division | None = None
    """A run-in section whose bookmark goes on its first stycke's paragraph."""

    # -- paragraphs --------------------------------------------------------------------

    def append(self, p: CT_P) -> CT_P:
        """Add a paragraph at the end of the body (before its section properties)."""
        body = self.word.element.body
        try:
            last = body[-1]  # from the end: cheap (len() would count every child)
        except IndexError:
            last = None
        if last is not None and last.tag == w("sectPr"):
            last.addprevious(p)
        else:
            body.append(p)
        return p

    def text(self, text: str, style: str) -> CT_P:
        """A paragraph of plain text in *style*."""
        p = self.builder.paragraph(style)
        if text:
            self.builder.run(p, text)
        return self.append(p)

    def inline(self, content: tuple[Inline, ...], style: str,
               p: CT_P | None = None) -> CT_P:
        """A paragraph of inline content (notes, links), appended unless *p* is given."""
        if p is None:
            p = self.append(self.builder.paragraph(style))
        for run_text, run_style in self.number:
            self.builder.run(p, run_text, run_style)
        self.number = []
        for part in content:
            if isinstance(part, NoteRef):
                self.note(WordParagraph(p, self.word._body), part)
            elif isinstance(part, Ref):
                self.link(p, part)
            else:
                self.builder.run(p, part)
        return p

    def link(self, p: etree._Element, ref: Ref) -> None:
        """A reference as a hyperlink around its words."""
        style = st.REFERENCES.get(ref.kind or "", st.REFERENCE)
        if ref.href.startswith("#"):
            link = self.builder.hyperlink(p, anchor=bookmark_name(ref.href[1:]))
        else:
            if ref.href not in self.external:
                self.external[ref.href] = self.word.part.relate_to(ref.href, RT.HYPERLINK,
                                                                   is_external=True)
            link = self.builder.hyperlink(p, rid=self.external[ref.href])
        self.builder.run(link, ref.text, style)

    def mark(self, p: etree._Element, part: object) -> None:
        """A bookmark on *p* where a link points at *part*."""
        eid = self.names.of(part)  # type: ignore[arg-type]
        if eid is not None and eid in self.targets:
            self.builder.bookmark(p, bookmark_name(eid))

    # -- blocks -------------------------------------------------------------------------

    def block(self, block: Block, style: str = st.BODY) -> None:
        if isinstance(block, Paragraph):
            self.mark(self.inline(block.content, style), block)
        elif isinstance(block, Division):
            self.division(block)
        elif isinstance(block, ListBlock):
            self.list(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Speech):  # a debate record's: the speaker line, what was said
            self.text(block.line, st.SPEAKER)
            for said in block.blocks:
                self.block(said)
        else:  # the model is closed; a new block kind must be handled here
            raise TypeError(f"unknown block {type(block).__name__}")

    def list(self, block: ListBlock, level: int = 0) -> None:
        """Real Word lists; a nested list one level deeper, after its item."""
        formats = [ListXml(f.num_format, f.level_text, f.start, level)
                   for f in list_formats(block)]
        first = len(self.lists)
        self.lists.extend(formats)
        style = st.LIST_NUMBER if block.ordered else st.LIST_BULLET
        for index, item in enumerate(block.items):
            p = self.inline(item.content, style)
            self.mark(p, item)
            self.numbered.append((p, first + (index if len(formats) > 1 else 0)))
            for sub in item.blocks:
                if isinstance(sub, ListBlock):
                    self.list(sub, level + 1)
                else:
                    self.block(sub)

    def table(self, table: Table) -> None:
        columns = max((len(row.cells) for row in table.rows), default=0)
        if columns == 0:
            return
        word_table = self.word.add_table(rows=len(table.rows), cols=columns)
        word_table.style = self.word.styles[st.TABLE]
        docx_layout.table_look(word_table, header=typeset.header_row(table))
        numeric = typeset.numeric_columns(table)
        for row, word_row in zip(table.rows, word_table.rows, strict=True):
            # a short row has fewer cells than the grid: the rest stay empty, then go
            for index, (content, cell) in enumerate(zip(row.cells, word_row.cells, strict=False)):
                paragraph = cell.paragraphs[0]
                paragraph.style = self.word.styles[st.TABLE_NUMBER if index in numeric
                                                   else st.TABLE_TEXT]
                self.inline(content, "", paragraph._p)
            if len(row.cells) < columns:
                drop_surplus_cells(word_row._tr, len(row.cells), columns)

    # -- divisions ----------------------------------------------------------------------

    def division(self, division: Division) -> None:
        if division.level is Level.PARAGRAPH:
            self.stycke(division)
            return
        if division.level is Level.PROPOSAL:
            self.proposal(division)
            return
        if division.level is Level.SIGNATURES:
            self.signatures(division)
            return
        for marker in markers(division, leading=True):
            self.text(marker, st.VALIDITY)
        rank = self.ranks.get(id(division), 1)
        if division.level in RUN_IN:
            self.run_in(division, rank)
            return
        if headed(division):
            self.mark(self.heading(division, rank), division)
        for child in division.children:
            self.block(child)

    def heading(self, division: Division, rank: int) -> etree._Element:
        """``Heading N``: the number, marker words after it, the heading."""
        p = self.append(self.builder.paragraph(st.HEADINGS[min(rank, len(st.HEADINGS)) - 1]))
        words: list[tuple[str, str | None]] = []
        if division.num:
            words.append((division.num, st.HEADING_NUMBER))
        words += [(marker, st.VALIDITY_CHAR) for marker in markers(division, leading=False)]
        if division.heading:
            words.append((division.heading,
                          st.RUBRIK if division.level in LEAF_HEADINGS else None))
        for index, (text, style) in enumerate(words):
            if index:
                self.builder.run(p, " ")
            self.builder.run(p, text, style)
        return p

    def run_in(self, division: Division, rank: int) -> None:
        """A section: its number opens its first stycke, or stands on a line of its own."""
        del rank
        inside = markers(division, leading=False)
        if inside or not opens_with_text(division):
            p = self.append(self.builder.paragraph(st.SECTION))
            words = [(division.num, st.NUMBER)] if division.num else []
            words += [(marker, st.VALIDITY_CHAR) for marker in inside]
            for index, (text, style) in enumerate(words):
                if index:
                    self.builder.run(p, " ")
                self.builder.run(p, text, style)
            self.mark(p, division)
        else:
            self.number = [(division.num, st.NUMBER), (" ", None)] if division.num else []
            self.section = division
        for child in division.children:
            self.block(child)
        self.number, self.section = [], None

    def stycke(self, division: Division) -> None:
        """A stycke: Body Text, any later paragraph of it ``Riksdoc Stycke Continued``."""
        for marker in markers(division, leading=True):
            self.text(marker, st.VALIDITY)
        for index, child in enumerate(division.children):
            if not isinstance(child, Paragraph):
                self.block(child)
                continue
            p = self.inline(child.content, st.BODY if index == 0 else st.STYCKE_CONTINUED)
            if index == 0:
                self.mark(p, division)
                if self.section is not None:
                    self.mark(p, self.section)
                    self.section = None

    # -- a paper's own parts -------------------------------------------------------------

    def proposal(self, division: Division) -> None:
        """A proposal: its number (and heading) opening its first paragraph, a tab between,
        bookmarked by its eId where a link points at it."""
        opening = [(division.num, st.HEADING_NUMBER), ("\t", None)] if division.num else []
        if division.heading is not None:
            p = self.append(self.builder.paragraph(st.BODY))
            for text, style in (*opening, (division.heading, st.HEADING_NUMBER)):
                self.builder.run(p, text, style)
            self.mark(_hanging(p), division)
            opening = []
        for index, child in enumerate(division.children):
            if isinstance(child, Paragraph) and division.num:  # under the number's column
                numbered = bool(opening) and index == 0
                self.number = opening if numbered else []
                first_p = _hanging(self.inline(child.content, st.BODY), first=numbered)
                if numbered:
                    self.mark(first_p, division)
            else:
                self.block(child)

    def signatures(self, division: Division) -> None:
        """A signature block: its name lines two to a row in a table without rules, its
        other lines (place and date, on whose behalf, the members) paragraphs of their own."""
        row: list[Paragraph] = []
        for child in (*division.children, None):
            if isinstance(child, Paragraph) and signer_line(child, division):
                row.append(child)
                continue
            if row:
                self.name_table(row)
                row = []
            if isinstance(child, Paragraph):
                self.inline(child.content, st.SIGNATURE)
            elif child is not None:
                self.block(child)

    def name_table(self, names: Sequence[Paragraph]) -> None:
        """Signers two to a row, in a table without rules."""
        table = self.word.add_table(rows=(len(names) + 1) // 2, cols=2)
        for index, signer in enumerate(names):
            cell = table.rows[index // 2].cells[index % 2]
            paragraph = cell.paragraphs[0]
            paragraph.style = self.word.styles[st.SIGNATURE]
            self.inline(signer.content, "", paragraph._p)


PROPOSAL_INDENT_MM = 8.0
"""How far a proposal's text stands in: its number hangs in that column, as in print."""


def _hanging(p: etree._Element, first: bool = True) -> etree._Element:
    """*p* indented by `PROPOSAL_INDENT_MM`, its first line (the number, a tab, the text)
    hanging out to the margin where *first*."""
    indent = str(docx_layout.twips(PROPOSAL_INDENT_MM))
    attributes = {w("left"): indent}
    if first:
        attributes[w("hanging")] = indent
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, w("pPr"))
        p.insert(0, ppr)
    docx_layout.insert_ordered(ppr, etree.Element(w("ind"), attributes),
                               (*docx_layout.PPR_ORDER, "ind"))
    return p
