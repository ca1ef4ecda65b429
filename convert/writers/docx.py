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

The body (`riksdoc.writers.docx_body`) is paragraphs, real Word lists and
tables; a text with a hierarchy (a statute) has Word's heading styles by the
shared outline's ranks, section numbers opening their stycken, references as
hyperlinks and bookmarks named by the shared eIds, and a statute's first page
(``SFS 2010:800``, the title, ``Utfärdad den …``) and record (a custom XML part,
`riksdoc.ooxml.custom`, so the DOCX reader gives back the same `Statute`).
The page header of such a text names the current chapter (a ``STYLEREF``
field), as the print header does.

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
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.shared import Mm
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from .. import vocabulary
from ..housestyle import BUILT_IN, HouseStyle
from ..model import Document, Note, NoteRef, Ref, Signature, Statute, walk
from ..ooxml import LANGUAGE, XML_SPACE, w
from ..ooxml.build import Builder, bookmark_name
from ..ooxml.custom import add_record
from ..ooxml.notes import (
    FIRST_NOTE_ID,
    NOTE_FORMATS,
    NoteXml,
    add_note_reference,
    add_notes_part,
)
from ..ooxml.numbering import format_number, number_paragraph, set_numbering
from ..ooxml.package import fixed_zip
from ..ooxml.styles import (
    ADDRESSEE,
    BODY,
    DATE_LINE,
    HEADER,
    HEADINGS,
    MINISTER,
    PAGE_FOOTER,
    PAGE_HEADER,
    PLACE_DATE,
    PREAMBLE,
    SFS_NUMBER,
    SIGNATURE,
    STATUTE_AS_OF,
    STATUTE_HEADER,
    STATUTE_LINE,
    STATUTE_RULE,
    TITLE,
    TOC_HEADING,
    TOC_LEVELS,
    merge_styles,
    use_styles,
    with_styles,
)
from ..ooxml.tweaks import add_field, drop_core_dates, swedish_settings, tidy_package
from ..outline import entries, flat, hierarchical, ranks
from . import docx_layout, part_names, typeset
from .docx_body import BodyWriter

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
        self.hierarchy = hierarchical(document)
        self.style = style
        self.word: WordDocument = docx.Document(io.BytesIO(_base(style, self.hierarchy)))
        self.page = _page_settings(style)
        self.notes = _Notes({note.note_id: note for note in document.notes})
        self.fields = False
        """Whether the document has fields Word should update on opening (a contents)."""
        self.body = BodyWriter(self.word, Builder(self.word.styles.element),
                               self.notes.reference)
        if self.hierarchy:
            self.body.names, self.body.ranks = part_names(document), ranks(document.blocks)
            self.body.targets = {part.href[1:] for block, _ in walk(document.blocks)
                                 for part in _inlines(block)
                                 if isinstance(part, Ref) and part.href.startswith("#")}

    def write(self) -> bytes:
        self._page()
        self._properties()
        # python-docx's template document starts with no paragraphs, only the section.
        self._content()
        lists = self.page["lists"]
        ids = set_numbering(self.word, self.body.lists, indent_twips=_twips(lists["indent"]),
                            hanging_twips=_twips(lists["hanging"]),
                            marker_font=lists["marker_font"])
        for paragraph, index in self.body.numbered:
            number_paragraph(paragraph, ids[index], self.body.lists[index].level)
        self._unreferenced_notes()
        if self.document.statute is not None:
            add_record(self.word, self.document.statute)
        if self.notes.footnotes:
            add_notes_part(self.word, self.notes.footnotes, endnote=False)
        if self.notes.endnotes:
            add_notes_part(self.word, self.notes.endnotes, endnote=True)
        swedish_settings(self.word, footnotes=bool(self.notes.footnotes),
                           endnotes=bool(self.notes.endnotes))
        docx_layout.settings(self.word, self.page["hyphenation"])
        docx_layout.space_after_tables(self.word, self.page["tables"]["space_after"])
        if self.fields:  # last: after every other setting
            docx_layout.update_fields_on_open(self.word)
        docx_layout.embed_fonts(self.word, self._all_text(), self.style, italic=self.hierarchy)
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
        if self.hierarchy:  # the current chapter beside it, as in print
            docx_layout.running_chapter(header, HEADINGS[0],
                                        page["width"] - page["left"] - page["right"])
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
        shown = [t.text or "" for t in self.word.element.iter(w("t"))]
        for tag, char in (("tab", "\t"), ("br", "\n"), ("cr", "\n"), ("noBreakHyphen", "-")):
            if next(self.word.element.iter(w(tag)), None) is not None:
                shown.append(char)  # what python-docx's text gives for these elements
        return "".join([*shown, *furniture, *notes])

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
        doc, body = self.document, self.body
        for paragraph in doc.preamble:
            body.inline(paragraph.content, PREAMBLE)
        for text in vocabulary.paper_lines(doc):  # a paper's header, as its text gives it
            body.text(text, HEADER)
        line = vocabulary.date_line(doc) if doc.paper is None else None  # a paper's is its text
        if line is not None and typeset.dated_at_top(doc):  # older layouts: first, as in print
            body.text(line, DATE_LINE)
        for document_line in vocabulary.document_lines(doc):
            body.text(vocabulary.line_text(doc, document_line), HEADER)
            for index in document_line.indexes:
                title = doc.questions[index].title
                if title is not None:
                    body.text(title, TITLE)
        if doc.statute is not None:
            self._statute_front(doc.statute)
        elif doc.heading is not None:
            body.text(doc.heading, TITLE)
        if self.hierarchy and typeset.printed_contents(doc):
            self._contents()
        if doc.addressee is not None:
            body.text(vocabulary.addressee_line(doc.addressee), ADDRESSEE)
        if doc.minister is not None:
            body.text(vocabulary.person_text(doc.minister), MINISTER)
        for block in doc.blocks:
            body.block(block)
        if line is not None and not typeset.dated_at_top(doc):
            body.text(line, PLACE_DATE)
        for signature in doc.signatures:
            self._signature(signature)

    def _statute_front(self, statute: Statute) -> None:
        """``SFS 2010:800``, the title, ``Utfärdad den …`` and the other lines the HTML
        page has (an older export's header block as written)."""
        body = self.body
        if (number := vocabulary.statute_number(statute)) is not None:
            body.text(number, SFS_NUMBER)
        if self.document.heading is not None:
            body.text(self.document.heading, TITLE)
        lines = vocabulary.statute_lines(statute)
        if statute.header:
            for field_ in statute.header:
                body.text(f"{field_.key}: {field_.value}" if field_.key else field_.value,
                          STATUTE_HEADER)
            lines = [line for line in lines if line[0] == "as-of"]
        for kind, words in lines:
            body.text(words, STATUTE_AS_OF if kind == "as-of" else STATUTE_LINE)
        body.text("", STATUTE_RULE)

    def _contents(self) -> None:
        """A longer paper's table of contents: Word's ``TOC`` field to the second rank, its
        result written out (each entry a link to its part's bookmark, and a ``PAGEREF`` to
        it, which Word fills in when it updates the fields, as it offers to on opening), so
        it reads before any update."""
        body, builder = self.body, self.body.builder
        shown = [entry for entry in flat(entries(self.document.blocks, body.names))
                 if entry.rank <= typeset.PRINTED_CONTENTS_DEPTH]
        if not shown:
            return
        body.targets |= {entry.eid for entry in shown}
        self.fields = True
        body.text(vocabulary.CONTENTS, TOC_HEADING)
        for index, entry in enumerate(shown):
            p = body.append(builder.paragraph(TOC_LEVELS[entry.rank - 1]))
            if index == 0:
                _field_start(p, f'TOC \\o "1-{typeset.PRINTED_CONTENTS_DEPTH}" \\h \\z \\u')
            link = builder.hyperlink(p, anchor=bookmark_name(entry.eid))
            builder.run(link, entry.label)
            builder.run(link, "\t")
            _field_start(link, f"PAGEREF {bookmark_name(entry.eid)} \\h")
            _field_char(link, "end")
            if index == len(shown) - 1:
                _field_char(p, "end")

    def _signature(self, signature: Signature) -> None:
        paragraph = WordParagraph(self.body.text("", SIGNATURE), self.word._body)
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


def _inlines(block: object) -> tuple[object, ...]:
    """The inline content of a paragraph, a list's items or a table's cells."""
    content = getattr(block, "content", None)
    if content is not None:
        return tuple(content)
    items = getattr(block, "items", None)
    if items is not None:
        return tuple(part for item in items for part in item.content)
    rows = getattr(block, "rows", None)
    if rows is not None:
        return tuple(part for row in rows for cell in row.cells for part in cell)
    return ()


def _field_char(parent: etree._Element, kind: str) -> None:
    """A run holding a field's ``begin``, ``separate`` or ``end`` mark."""
    etree.SubElement(etree.SubElement(parent, w("r")), w("fldChar"), {w("fldCharType"): kind})


def _field_start(parent: etree._Element, instruction: str) -> None:
    """A complex field's start: its mark, its instruction, the mark before its result."""
    _field_char(parent, "begin")
    text = etree.SubElement(etree.SubElement(parent, w("r")), w("instrText"))
    text.text = f" {instruction} "
    text.set(XML_SPACE, "preserve")
    _field_char(parent, "separate")


def _twips(millimetres: float) -> int:
    return round(millimetres * 1440 / 25.4)


def write(document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
    """*document* as .docx bytes in *style* (*stem* is unused: a DOCX embeds nothing by name)."""
    del stem
    return _Writer(document, style).write()



def _fit(text: str) -> str:
    """Core properties hold at most 255 characters (the paragraphs keep the whole text)."""
    return text if len(text) <= 255 else text[:254] + "…"
