"""Model → editable Word document (.docx) with named styles.

The document starts from python-docx's default template with its styles part
replaced by ``styles/docx/styles.xml`` (text in git: every visual decision is
there) and its page set up from ``styles/docx/page.toml``.  Each part of the
document has its own paragraph style, so the DOCX reader can take an edited
file back:

=====================  =====================================================
Style                  Content
=====================  =====================================================
Riksdoc Preamble       lines before the header that riksdoc did not recognise
Riksdoc Header         ``Svar på fråga 2017/18:112 av Mikael Cederbratt (M)``,
                       one a question (later ones of a joint answer start
                       ``och fråga``), or one for all where the text's
                       opening is plural (``Svar på frågorna …, 411 och
                       415 av …``); ``Fråga``/``Interpellation``/
                       ``Meddelande om fråga`` for the other kinds
Title                  the question's title (after its header line); the
                       heading of a generic document
Riksdoc Addressee      ``till utrikesminister Anna Lindh`` (questions)
Riksdoc Minister       ``Statsrådet Catharina Elmsäter-Svärd`` (older layout)
Body Text              body paragraphs
Riksdoc Speaker        a debate record's speaker line (``Anf. 1 …``), heading
                       the paragraphs of that speech
List Bullet/Number     list items: real Word lists (numbering part)
Riksdoc Table Text     table cells (Table Grid tables)
Riksdoc Place Date     ``Stockholm den 25 oktober 2017`` (``den 14 september``)
Riksdoc Signature      one paragraph a signature block, a line break a line
=====================  =====================================================

List markers: a list whose markers run in sequence (``1)``, ``2)``; ``a.``,
``b.``; ``i)``, ``ii)``; a repeated bullet) is one Word list whose level text
reproduces them (``%1)``, start 1); markers that follow no sequence get one
list each with the marker as literal level text.  Either way the marker the
author wrote is what Word shows and what the reader gets back.

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
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.shared import Mm
from docx.text.paragraph import Paragraph as WordParagraph

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
    Signature,
    Speech,
    Table,
)
from ..vocabulary import KIND_NAMES, MONTHS, document_lines, line_text
from . import docx_xml as x

STYLES_DIR = Path(__file__).resolve().parents[2] / "styles" / "docx"
"""styles/docx/: styles.xml (paragraph/character/table styles) and page.toml."""

PREAMBLE = "Riksdoc Preamble"
HEADER = "Riksdoc Header"
TITLE = "Title"
ADDRESSEE = "Riksdoc Addressee"
MINISTER = "Riksdoc Minister"
BODY = "Body Text"
SPEAKER = "Riksdoc Speaker"
LIST_BULLET = "List Bullet"
LIST_NUMBER = "List Number"
TABLE_TEXT = "Riksdoc Table Text"
TABLE = "Table Grid"
PLACE_DATE = "Riksdoc Place Date"
SIGNATURE = "Riksdoc Signature"
PAGE_HEADER = "Header"
PAGE_FOOTER = "Footer"


# -- the visible lines (the reader parses these back) ---------------------------

def person_text(person: Person) -> str:
    """``Statsrådet Anna Lindh (S)``: role, name and party as far as known."""
    text = f"{person.role} {person.name}" if person.role else person.name
    return f"{text} ({person.party})" if person.party else text


def header_lines(document: Document) -> list[tuple[str, list[str]]]:
    """Each document line (``Svar på fråga 2017/18:112 av Mikael Cederbratt (M)``) with
    the titles of its questions, as the header states them."""
    out = []
    for line in document_lines(document):
        titles = [document.questions[i].title for g in line.groups for i in g.indexes]
        out.append((line_text(document, line), [t for t in titles if t is not None]))
    return out


def place_date_line(document: Document) -> str | None:
    """``Stockholm den 25 oktober 2017``, ``den 14 september``, or None."""
    date_text = document.date_text
    if date_text is None and document.date is not None:
        d = document.date
        date_text = f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if d.year else "")
    parts = [document.place] if document.place else []
    if date_text:
        parts.append(f"den {date_text}")
    return " ".join(parts) or None


def category(kind: Kind) -> str:
    """The category property: ``Svar på skriftlig fråga (frs)``."""
    return f"{KIND_NAMES[kind]} ({kind.value})"


# -- lists ---------------------------------------------------------------------

_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def roman(number: int) -> str:
    """``4`` → ``iv``."""
    out = []
    for letters, value in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letter(number: int) -> str:
    """``1`` → ``a`` … ``26`` → ``z``, then ``aa``, ``bb`` as Word counts."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


NUMBER_FORMATS = {
    "decimal": str,
    "lowerLetter": letter,
    "upperLetter": lambda n: letter(n).upper(),
    "lowerRoman": roman,
    "upperRoman": lambda n: roman(n).upper(),
}
"""Word's numbering formats riksdoc uses, and how each writes a number."""


def format_number(num_format: str, number: int) -> str:
    """*number* as Word shows it in *num_format*."""
    return NUMBER_FORMATS[num_format](number)


def _start_of(num_format: str, core: str) -> int | None:
    for n in range(1, 4000):
        if format_number(num_format, n) == core:
            return n
        if num_format == "decimal":
            return int(core) if core.isdigit() and str(int(core)) == core else None
    return None


def list_formats(block: ListBlock) -> list[x.ListXml]:
    """Word lists for *block*: one list if the markers run in sequence, else one an item."""
    markers = [item.marker for item in block.items]
    if not block.ordered and len(set(markers)) == 1 and "%" not in markers[0]:
        return [x.ListXml("bullet", markers[0], 1)]
    if block.ordered:
        for num_format in NUMBER_FORMATS:
            found = _sequence(num_format, markers)
            if found:
                return [found]
    return [x.ListXml("bullet" if not block.ordered else "none", m.replace("%", "%%"), 1)
            for m in markers]


def _sequence(num_format: str, markers: list[str]) -> x.ListXml | None:
    first = markers[0]
    for cut in range(len(first)):
        prefix = first[:cut]
        for end in range(len(first), cut, -1):
            core, suffix = first[cut:end], first[end:]
            start = _start_of(num_format, core)
            if start is None or "%" in prefix + suffix:
                continue
            wanted = [f"{prefix}{format_number(num_format, start + i)}{suffix}"
                      for i in range(len(markers))]
            if wanted == markers:
                return x.ListXml(num_format, f"{prefix}%1{suffix}", start)
    return None


# -- writing -------------------------------------------------------------------

@dataclass
class _Notes:
    """Word ids and marks of the notes, assigned at their first reference."""

    by_id: dict[str, Note]
    footnotes: list[x.NoteXml] = field(default_factory=list)
    endnotes: list[x.NoteXml] = field(default_factory=list)
    word_ids: dict[str, int] = field(default_factory=dict)

    def reference(self, paragraph: WordParagraph, ref: NoteRef) -> None:
        note = self.by_id.get(ref.note_id)
        if note is None or ref.note_id in self.word_ids:  # dangling or repeated: keep a mark
            paragraph.add_run(f"[{ref.note_id}]")
            return
        notes = self.endnotes if note.endnote else self.footnotes
        ordinal = len(notes) + 1
        custom = None if note.marker == str(ordinal) else note.marker
        word_id = x.FIRST_NOTE_ID + len(notes)
        self.word_ids[ref.note_id] = word_id
        text = "".join(p if isinstance(p, str) else "" for p in note.content)
        notes.append(x.NoteXml(word_id, custom, text))
        x.add_note_reference(paragraph, word_id, endnote=note.endnote, custom_mark=custom)


@cache
def _page_settings() -> dict[str, Any]:
    return tomllib.loads((STYLES_DIR / "page.toml").read_text(encoding="utf-8"))


@cache
def _base() -> bytes:
    """python-docx's template with our styles part and without its noise, saved once.

    Every document starts from these bytes: loading them is cheaper than
    loading the template and swapping its large styles part each time.
    """
    word = docx.Document()
    x.use_styles(word, (STYLES_DIR / "styles.xml").read_bytes())
    x.tidy_package(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.word: WordDocument = docx.Document(io.BytesIO(_base()))
        self.page = _page_settings()
        self.notes = _Notes({note.note_id: note for note in document.notes})
        self.lists: list[x.ListXml] = []
        self.numbered: list[tuple[WordParagraph, int]] = []

    def write(self) -> bytes:
        self._page()
        self._properties()
        # python-docx's template document starts with no paragraphs, only the section.
        self._content()
        lists = self.page["lists"]
        ids = x.set_numbering(self.word, self.lists, indent_twips=_twips(lists["indent"]),
                              hanging_twips=_twips(lists["hanging"]),
                              marker_font=lists["marker_font"])
        for paragraph, index in self.numbered:
            x.number_paragraph(paragraph, ids[index])
        self._unreferenced_notes()
        if self.notes.footnotes:
            x.add_notes_part(self.word, self.notes.footnotes, endnote=False)
        if self.notes.endnotes:
            x.add_notes_part(self.word, self.notes.endnotes, endnote=True)
        x.swedish_settings(self.word, footnotes=bool(self.notes.footnotes),
                           endnotes=bool(self.notes.endnotes))
        out = io.BytesIO()
        self.word.save(out)
        return x.fixed_zip(out.getvalue())

    # -- page and properties ---------------------------------------------------

    def _page(self) -> None:
        page = self.page["page"]
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(page["width"]), Mm(page["height"])
        section.top_margin, section.bottom_margin = Mm(page["top"]), Mm(page["bottom"])
        section.left_margin, section.right_margin = Mm(page["left"]), Mm(page["right"])
        section.header_distance, section.footer_distance = Mm(page["header"]), Mm(page["footer"])
        header = section.header.paragraphs[0]
        header.style = self.word.styles[PAGE_HEADER]
        number = self._designation() or (self.document.heading or "")
        header.text = " · ".join(part for part in (self.document.department, number) if part)
        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles[PAGE_FOOTER]
        x.add_field(footer, "PAGE", "1")
        footer.add_run(" (")
        x.add_field(footer, "NUMPAGES", "1")
        footer.add_run(")")

    def _designation(self) -> str | None:
        return self.document.questions[0].designation if self.document.questions else None

    def _properties(self) -> None:
        doc = self.document
        props = self.word.core_properties
        designations = [q.designation for q in doc.questions]
        props.title = _fit(doc.title or "")
        props.subject = _fit(" ".join([KIND_NAMES[doc.kind], ", ".join(designations)]).strip()
                             if designations else KIND_NAMES[doc.kind])
        author = doc.signatory
        if author is None and doc.kind in (Kind.QUESTION, Kind.INTERPELLATION) and doc.questions:
            author = doc.questions[0].questioner
        props.author = _fit(author.name if author else "")
        people = [person_text(q.questioner) for q in doc.questions if q.questioner]
        props.keywords = _fit("; ".join(dict.fromkeys([*designations, *people])))
        props.category = category(doc.kind)
        props.identifier = designations[0] if designations else ""
        props.language = x.LANGUAGE
        props.comments = ""
        props.last_modified_by = "riksdoc"
        props.revision = 1
        date = doc.date
        if date and date.year:
            when = datetime(date.year, date.month, date.day, tzinfo=timezone.utc)
            props.created = when
            props.modified = when
        else:  # the text states no full date: none is written, not even a placeholder
            x.drop_core_dates(self.word)

    # -- content ---------------------------------------------------------------

    def _content(self) -> None:
        doc = self.document
        for paragraph in doc.preamble:
            self._inline_paragraph(paragraph.content, PREAMBLE)
        for line, titles in header_lines(doc):
            self._text_paragraph(line, HEADER)
            for title in titles:
                self._text_paragraph(title, TITLE)
        if doc.heading is not None:
            self._text_paragraph(doc.heading, TITLE)
        if doc.addressee is not None:
            self._text_paragraph(f"till {person_text(doc.addressee)}", ADDRESSEE)
        if doc.minister is not None:
            self._text_paragraph(person_text(doc.minister), MINISTER)
        for block in doc.blocks:
            self._block(block)
        line = place_date_line(doc)
        if line is not None:
            self._text_paragraph(line, PLACE_DATE)
        for signature in doc.signatures:
            self._signature(signature)

    def _text_paragraph(self, text: str, style: str) -> WordParagraph:
        return self.word.add_paragraph(text, style=self.word.styles[style])

    def _inline_paragraph(self, content: tuple[Inline, ...], style: str,
                          paragraph: WordParagraph | None = None) -> WordParagraph:
        if paragraph is None:
            paragraph = self.word.add_paragraph(style=self.word.styles[style])
        else:
            paragraph.style = self.word.styles[style]
        for part in content:
            if isinstance(part, NoteRef):
                self.notes.reference(paragraph, part)
            else:
                paragraph.add_run(part)
        return paragraph

    def _block(self, block: Block) -> None:
        if isinstance(block, Speech):
            self._text_paragraph(block.line, SPEAKER)
            for said in block.blocks:
                self._block(said)
        elif isinstance(block, Paragraph):
            self._inline_paragraph(block.content, BODY)
        elif isinstance(block, ListBlock):
            self._list(block)
        elif isinstance(block, Table):
            self._table(block)
        else:  # the model is closed; a new block kind must be handled here
            raise TypeError(f"unknown block {type(block).__name__}")

    def _list(self, block: ListBlock) -> None:
        formats = list_formats(block)
        first = len(self.lists)
        self.lists.extend(formats)
        style = LIST_NUMBER if block.ordered else LIST_BULLET
        for index, item in enumerate(block.items):
            paragraph = self._inline_paragraph(item.content, style)
            self.numbered.append((paragraph, first + (index if len(formats) > 1 else 0)))

    def _table(self, table: Table) -> None:
        columns = max((len(row.cells) for row in table.rows), default=0)
        if columns == 0:
            return
        word_table = self.word.add_table(rows=len(table.rows), cols=columns)
        word_table.style = self.word.styles[TABLE]
        for row, word_row in zip(table.rows, word_table.rows):
            for content, cell in zip(row.cells, word_row.cells):
                self._inline_paragraph(content, TABLE_TEXT, cell.paragraphs[0])
            if len(row.cells) < columns:
                x.drop_surplus_cells(word_row._tr, len(row.cells), columns)  # noqa: SLF001

    def _signature(self, signature: Signature) -> None:
        paragraph = self.word.add_paragraph(style=self.word.styles[SIGNATURE])
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


def write(document: Document, *, stem: str) -> bytes:
    """*document* as .docx bytes (*stem* is unused: a DOCX embeds nothing by name)."""
    del stem
    return _Writer(document).write()


def _fit(text: str) -> str:
    """Core properties hold at most 255 characters (the paragraphs keep the whole text)."""
    return text if len(text) <= 255 else text[:254] + "…"
