"""Model → editable Word document (.docx) with named styles.

The document starts from python-docx's default template with its styles part
replaced by the style's ``docx/styles.xml`` (text in git: every visual
decision is there; a house style's styles are laid over the built-in ones)
and its page set up from ``docx/page.toml``.  Each part of the
document has its own paragraph style (`riksdoc.ooxml.styles` has the table),
so the DOCX reader can take an edited file back.  Every word riksdoc adds
(document lines, the place-and-date line, the page header, the properties)
comes from `riksdoc.vocabulary`.  A debate record's speaker lines are
paragraphs in Riksdoc Speaker, heading what each speaker said.

List markers: the author's markers are what Word shows (`riksdoc.ooxml.numbering`).
Notes are real Word footnotes/endnotes; a note whose marker is not its
automatic number (1, 2, … in reference order) keeps its mark as a custom mark.

Core properties come from the document: title, subject, author (the
signatory), keywords (every question's number and the people concerned),
category (document type with its code), identifier, language sv-SE,
created/modified from the document's date.  A document with no full date
(older layouts give no year) has no created or modified date at all: never
the clock, never a made-up date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, cast

import docx
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.text.paragraph import Paragraph as WordParagraph

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
    Signature,
    Speech,
    Table,
    inline_text,
)
from ..ooxml import LANGUAGE
from ..ooxml.notes import (
    FIRST_NOTE_ID,
    NOTE_FORMATS,
    NoteXml,
    add_note_reference,
    add_notes_part,
)
from ..ooxml.numbering import (
    ListXml,
    format_number,
    list_formats,
    number_paragraph,
    set_numbering,
)
from ..ooxml.package import fixed_zip
from ..ooxml.styles import (
    ADDRESSEE,
    BODY,
    DATE_LINE,
    HEADER,
    HEADINGS,
    LIST_BULLET,
    LIST_NUMBER,
    MINISTER,
    PAGE_FOOTER,
    PAGE_HEADER,
    PLACE_DATE,
    PREAMBLE,
    SIGNATURE,
    SPEAKER,
    TABLE,
    TABLE_NUMBER,
    TABLE_TEXT,
    TITLE,
    merge_styles,
    use_styles,
    with_styles,
)
from ..ooxml.tweaks import (
    add_field,
    drop_core_dates,
    drop_surplus_cells,
    swedish_settings,
    tidy_package,
)
from . import docx_layout, typeset

# -- writing -------------------------------------------------------------------

@dataclass
class _Notes:
    """Word ids and marks of the notes, assigned at their first reference."""

    by_id: dict[str, Note]
    footnotes: list[NoteXml] = field(default_factory=list)
    endnotes: list[NoteXml] = field(default_factory=list)
    word_ids: dict[str, int] = field(default_factory=dict)

    def reference(self, paragraph: WordParagraph, ref: NoteRef) -> None:
        note = self.by_id.get(ref.note_id)
        if note is None or ref.note_id in self.word_ids:  # dangling or repeated: keep a mark
            paragraph.add_run(f"[{ref.note_id}]")
            return
        notes = self.endnotes if note.endnote else self.footnotes
        ordinal = len(notes) + 1
        automatic = format_number(NOTE_FORMATS[note.endnote], ordinal)
        custom = None if note.marker == automatic else note.marker
        word_id = FIRST_NOTE_ID + len(notes)
        self.word_ids[ref.note_id] = word_id
        text = "".join(p if isinstance(p, str) else "" for p in note.content)
        notes.append(NoteXml(word_id, custom, text))
        add_note_reference(paragraph, word_id, endnote=note.endnote, custom_mark=custom)


@lru_cache(maxsize=4)
def _page_settings(style: HouseStyle) -> dict[str, Any]:
    return style.toml("docx/page.toml")


@lru_cache(maxsize=8)
def _base(style: HouseStyle, hierarchy: bool = False) -> bytes:
    """python-docx's template with the style's styles part and without its noise, saved once.

    Every document starts from these bytes: loading them is cheaper than
    loading the template and swapping its large styles part each time.  A
    document with a *hierarchy* (divisions) also gets the deeper heading styles.
    """
    word = docx.Document()
    styles = merge_styles(*style.layers("docx/styles.xml"))
    if hierarchy:
        styles = with_styles(styles, merge_styles(*style.layers("docx/hierarchy.xml")))
    use_styles(word, styles)
    tidy_package(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, document: Document, style: HouseStyle) -> None:
        self.document = document
        hierarchy = any(isinstance(block, Division) for block in document.blocks)
        self.style = style
        self.word: WordDocument = docx.Document(io.BytesIO(_base(style, hierarchy)))
        self.page = _page_settings(style)
        self.notes = _Notes({note.note_id: note for note in document.notes})
        self.style_ids: dict[str, str] = {}
        """Style name → style id, looked up once (`_styled`)."""
        self.section: BaseOxmlElement | None = None
        """The body's section properties, which stay its last child (`_new_paragraph`)."""
        self.lists: list[ListXml] = []
        self.numbered: list[tuple[WordParagraph, int]] = []

    def write(self) -> bytes:
        self._page()
        self._properties()
        # python-docx's template document starts with no paragraphs, only the section.
        self._content()
        lists = self.page["lists"]
        ids = set_numbering(self.word, self.lists, indent_twips=_twips(lists["indent"]),
                              hanging_twips=_twips(lists["hanging"]),
                              marker_font=lists["marker_font"])
        for paragraph, index in self.numbered:
            number_paragraph(paragraph, ids[index])
        self._unreferenced_notes()
        if self.notes.footnotes:
            add_notes_part(self.word, self.notes.footnotes, endnote=False)
        if self.notes.endnotes:
            add_notes_part(self.word, self.notes.endnotes, endnote=True)
        swedish_settings(self.word, footnotes=bool(self.notes.footnotes),
                           endnotes=bool(self.notes.endnotes))
        docx_layout.settings(self.word, self.page["hyphenation"])
        docx_layout.space_after_tables(self.word, self.page["tables"]["space_after"])
        docx_layout.embed_fonts(self.word, self._all_text(), self.style)
        out = io.BytesIO()
        self.word.save(out)
        return fixed_zip(out.getvalue())

    # -- page and properties ---------------------------------------------------

    def _page(self) -> None:
        page = self.page["page"]
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(page["width"]), Mm(page["height"])
        section.top_margin, section.bottom_margin = Mm(page["top"]), Mm(page["bottom"])
        section.left_margin, section.right_margin = Mm(page["left"]), Mm(page["right"])
        section.header_distance, section.footer_distance = Mm(page["header"]), Mm(page["footer"])
        # As in print: no header on page 1, the running header from page 2, the page
        # number on every page.
        docx_layout.first_page_apart(self.word)
        header = section.header.paragraphs[0]
        header.style = self.word.styles[PAGE_HEADER]
        header.text = vocabulary.running_header(self.document)
        section.first_page_header.paragraphs[0].style = self.word.styles[PAGE_HEADER]
        for footer in (section.footer.paragraphs[0], section.first_page_footer.paragraphs[0]):
            footer.style = self.word.styles[PAGE_FOOTER]
            add_field(footer, "PAGE", "1")
            footer.add_run(" (")
            add_field(footer, "NUMPAGES", "1")
            footer.add_run(")")

    def _all_text(self) -> str:
        """Every character the package shows (the embedded fonts keep their glyphs)."""
        furniture = [p.text for s in self.word.sections
                     for hf in (s.header, s.footer, s.first_page_header, s.first_page_footer)
                     for p in hf.paragraphs]
        notes = [n.text for n in (*self.notes.footnotes, *self.notes.endnotes)]
        return "".join([*self.word.element.itertext(), *furniture, *notes])

    def _properties(self) -> None:
        doc = self.document
        props = self.word.core_properties
        props.title = _fit(vocabulary.title(doc))
        props.subject = _fit(vocabulary.subject(doc))
        author = vocabulary.author(doc)
        props.author = _fit(author.name if author else "")
        props.keywords = _fit(", ".join(vocabulary.keywords(doc)))
        props.category = vocabulary.category(doc.kind)
        props.identifier = doc.questions[0].designation if doc.questions else ""
        props.language = LANGUAGE
        props.comments = ""
        props.last_modified_by = "riksdoc"
        props.revision = 1
        date = doc.date
        if date and date.year:
            when = datetime(date.year, date.month, date.day, tzinfo=UTC)
            props.created = when
            props.modified = when
        else:  # the text states no full date: none is written, not even a placeholder
            drop_core_dates(self.word)

    # -- content ---------------------------------------------------------------

    def _content(self) -> None:
        doc = self.document
        for paragraph in doc.preamble:
            self._inline_paragraph(paragraph.content, PREAMBLE)
        for text in vocabulary.paper_lines(doc):  # a paper's header, as its text gives it
            self._text_paragraph(text, HEADER)
        line = vocabulary.date_line(doc) if doc.paper is None else None  # a paper's is its text
        if line is not None and typeset.dated_at_top(doc):  # older layouts: first, as in print
            self._text_paragraph(line, DATE_LINE)
        for document_line in vocabulary.document_lines(doc):
            self._text_paragraph(vocabulary.line_text(doc, document_line), HEADER)
            for index in document_line.indexes:
                title = doc.questions[index].title
                if title is not None:
                    self._text_paragraph(title, TITLE)
        if doc.heading is not None:
            self._text_paragraph(doc.heading, TITLE)
        if doc.addressee is not None:
            self._text_paragraph(vocabulary.addressee_line(doc.addressee), ADDRESSEE)
        if doc.minister is not None:
            self._text_paragraph(vocabulary.person_text(doc.minister), MINISTER)
        for block in doc.blocks:
            self._block(block)
        if line is not None and not typeset.dated_at_top(doc):
            self._text_paragraph(line, PLACE_DATE)
        for signature in doc.signatures:
            self._signature(signature)

    def _text_paragraph(self, text: str, style: str) -> WordParagraph:
        paragraph = self._new_paragraph()
        if text:
            paragraph.add_run(text)
        return self._styled(paragraph, style)

    def _new_paragraph(self) -> WordParagraph:
        """An empty paragraph at the end of the body.  python-docx's ``add_paragraph`` looks
        for the body's section properties among all its children each time, which makes a
        long document quadratic; here they are found once."""
        body = self.word.element.body
        if self.section is None:
            self.section = body.find(qn("w:sectPr"))
        element = cast(CT_P, OxmlElement("w:p"))
        if self.section is not None:
            self.section.addprevious(element)
        else:
            body.append(element)
        return WordParagraph(element, self.word._body)

    def _styled(self, paragraph: WordParagraph, style: str) -> WordParagraph:
        """Give *paragraph* the style named *style*, by its id: python-docx looks a style up
        by name scanning every style each time (half a millisecond a paragraph)."""
        style_id = self.style_ids.get(style)
        if style_id is None:
            style_id = self.style_ids[style] = self.word.styles[style].style_id
        paragraph._p.style = style_id
        return paragraph

    def _inline_paragraph(self, content: tuple[Inline, ...], style: str,
                          paragraph: WordParagraph | None = None) -> WordParagraph:
        paragraph = self._styled(paragraph if paragraph is not None
                                 else self._new_paragraph(), style)
        for part in content:
            if isinstance(part, NoteRef):
                self.notes.reference(paragraph, part)
            elif isinstance(part, Ref):  # its words; links are for the statute publication
                paragraph.add_run(part.text)
            else:
                paragraph.add_run(part)
        return paragraph

    def _block(self, block: Block, depth: int = 0) -> None:
        if isinstance(block, Speech):
            self._text_paragraph(block.line, SPEAKER)
            for said in block.blocks:
                self._block(said, depth)
        elif isinstance(block, Paragraph):
            self._inline_paragraph(block.content, BODY)
        elif isinstance(block, Division):
            self._division(block, depth)
        elif isinstance(block, ListBlock):
            self._list(block)
        elif isinstance(block, Table):
            self._table(block)
        else:  # the model is closed; a new block kind must be handled here
            raise TypeError(f"unknown block {type(block).__name__}")

    def _division(self, division: Division, depth: int) -> None:
        """Number and heading as a Heading paragraph by depth (a version's marker words
        where the text has them: above, or after the number), then the children.  A
        paper's proposal is its paragraphs with the number before the first; a signature
        block its name lines two to a row."""
        if division.level is Level.PROPOSAL:
            self._proposal(division, depth)
            return
        if division.level is Level.SIGNATURES:
            self._signatures(division)
            return
        validity = division.validity
        leading = validity is not None and validity.leading
        if validity is not None and leading:
            for marker in validity.markers:
                self._text_paragraph(marker, BODY)
        inside = validity.markers if validity is not None and not leading else ()
        title = " ".join(p for p in (division.num, *inside, division.heading) if p)
        if title:
            self._text_paragraph(title, HEADINGS[min(depth, len(HEADINGS) - 1)])
        inner = depth if division.num is None and division.heading is None else depth + 1
        for child in division.children:
            self._block(child, inner)

    def _proposal(self, division: Division, depth: int) -> None:
        if division.heading is not None:
            self._text_paragraph(" ".join(p for p in (division.num, division.heading) if p), BODY)
        first = True
        for child in division.children:
            if first and division.heading is None and division.num and isinstance(child, Paragraph):
                paragraph = self.word.add_paragraph(style=self.word.styles[BODY])
                paragraph.add_run(division.num + "\t")
                self._inline_paragraph(child.content, BODY, paragraph)
            else:
                self._block(child, depth + 1)
            first = False

    def _signatures(self, division: Division) -> None:
        """A signature block: its name lines in a two-column table without rules, any other
        line (place and date, on whose behalf, the members) a paragraph of its own."""
        names = {person.name for person in division.people}
        row: list[Paragraph] = []
        for child in (*division.children, None):
            text = inline_text(child.content) if isinstance(child, Paragraph) else ""
            is_name = isinstance(child, Paragraph) and not text.startswith("Följande") and any(
                text == n or text.startswith(n + " (") for n in names)
            if is_name and isinstance(child, Paragraph):
                row.append(child)
                continue
            if row:
                self._name_table(row)
                row = []
            if isinstance(child, Paragraph):
                self._inline_paragraph(child.content, SIGNATURE)
            elif child is not None:
                self._block(child)

    def _name_table(self, names: list[Paragraph]) -> None:
        rows = (len(names) + 1) // 2
        table = self.word.add_table(rows=rows, cols=2)
        for index, name in enumerate(names):
            cell = table.rows[index // 2].cells[index % 2]
            self._inline_paragraph(name.content, SIGNATURE, cell.paragraphs[0])

    def _list(self, block: ListBlock) -> None:
        formats = list_formats(block)
        first = len(self.lists)
        self.lists.extend(formats)
        style = LIST_NUMBER if block.ordered else LIST_BULLET
        for index, item in enumerate(block.items):
            paragraph = self._inline_paragraph(item.content, style)
            self.numbered.append((paragraph, first + (index if len(formats) > 1 else 0)))
            for sub in item.blocks:  # a nested list: after its item (levels are issue 18's)
                self._block(sub)

    def _table(self, table: Table) -> None:
        columns = max((len(row.cells) for row in table.rows), default=0)
        if columns == 0:
            return
        word_table = self.word.add_table(rows=len(table.rows), cols=columns)
        word_table.style = self.word.styles[TABLE]
        docx_layout.table_look(word_table, header=typeset.header_row(table))
        numeric = typeset.numeric_columns(table)
        for row, word_row in zip(table.rows, word_table.rows, strict=True):
            # a short row has fewer cells than the grid: the rest stay empty, then go
            for index, (content, cell) in enumerate(zip(row.cells, word_row.cells, strict=False)):
                style = TABLE_NUMBER if index in numeric else TABLE_TEXT
                self._inline_paragraph(content, style, cell.paragraphs[0])
            if len(row.cells) < columns:
                drop_surplus_cells(word_row._tr, len(row.cells), columns)

    def _signature(self, signature: Signature) -> None:
        paragraph = self._styled(self._new_paragraph(), SIGNATURE)
        for index, line in enumerate(signature.lines):
            run = paragraph.add_run(line)
            if index < len(signature.lines) - 1:
                run.add_break()

    def _unreferenced_notes(self) -> None:
        """A note no text refers to still reaches the document: referenced at the end."""
        missing = [n for n in self.document.notes if n.note_id not in self.notes.word_ids]
        if not missing:
            return
        paragraph = self.word.paragraphs[-1] if self.word.paragraphs else \
            self.word.add_paragraph(style=self.word.styles[BODY])
        for note in missing:
            self.notes.reference(paragraph, NoteRef(note.note_id))


def _twips(millimetres: float) -> int:
    return round(millimetres * 1440 / 25.4)


def write(document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
    """*document* as .docx bytes in *style* (*stem* is unused: a DOCX embeds nothing by name)."""
    del stem
    return _Writer(document, style).write()



def _fit(text: str) -> str:
    """Core properties hold at most 255 characters (the paragraphs keep the whole text)."""
    return text if len(text) <= 255 else text[:254] + "…"
