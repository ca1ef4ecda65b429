"""Word document (.docx) → model, so an edited riksdoc DOCX can be republished.

A DOCX written by riksdoc (and then edited in Word or LibreOffice) is read by
its paragraph styles (`riksdoc.ooxml.styles` has the table): the header lines
give the questions (number as written, questioner, party), the Title
paragraphs their titles, the place-and-date line the place and date, each
signature paragraph one signature block (a line break a line), and the body
paragraphs, lists, tables and notes the body.  The document type comes from
the category property (``Svar på skriftlig fråga (frs)``), else from the
header line.  Lines are read with the text parser's own grammar
(`riksdoc.grammar`), so a model read from text comes back equal.

Edits are welcome: the visible text is the source of truth, nothing is taken
from hidden copies.  List markers are recomputed from the Word numbering
(an inserted item gets the next number); note markers are Word's automatic
numbers unless the note has a custom mark; note ids are ``fn<marker>`` /
``en<marker>`` as the text reader makes them.  What the model cannot hold is
a warning, never silently absorbed: a paragraph style riksdoc does not know,
a heading added to the body, bold, italic or underlined text.

A DOCX not written by riksdoc (no riksdoc category or styles) is read as
text: its paragraphs (tables as tab-separated rows, notes in the Word-export
form) go through the same normalise-and-parse pipeline as a text export.

Reading is safe: `riksdoc.ooxml.package` refuses zip bombs and unsafe XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from lxml import etree

from .. import grammar
from ..errors import InputError
from ..limits import DEFAULT, Limits
from ..model import (
    Block,
    Document,
    Inline,
    Kind,
    ListBlock,
    ListItem,
    Message,
    Note,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    SwedishDate,
    Table,
    TableRow,
    inline_text,
)
from ..ooxml import CORE_PROPERTIES, OFFICE_DOCUMENT, W_NS, styles as st, val, w
from ..ooxml.notes import is_mark_run, note_elements
from ..ooxml.numbering import Lists
from ..ooxml.package import Package
from ..vocabulary import HEAD_WORDS, own_words
from . import Read

_SKIPPED = {"pPr", "rPr", "del", "moveFrom", "instrText", "delText", "fldData", "commentReference",
            "footnoteRef", "endnoteRef", "lastRenderedPageBreak", "bookmarkStart", "bookmarkEnd",
            "proofErr", "annotationRef", "sectPr", "tblPr", "trPr", "tcPr",
            "Fallback"}  # mc:Fallback repeats mc:Choice (text boxes): read it once
_FORMATTING = {"b": "bold", "i": "italic", "u": "underlined"}
"""Direct run formatting the model has no place for, by element."""
_FORMATTING_STYLES = {"strong": "bold", "emphasis": "italic"}
"""Character styles that mean the same."""
_HEADING = re.compile(r"^(?:heading|rubrik)\s*\d$", re.IGNORECASE)


def read(data: bytes, limits: Limits = DEFAULT) -> Read:
    """Read a .docx; `InputError` if it is not one or is not safe to open.

    A DOCX riksdoc did not write goes through the text pipeline, with the
    same *limits* on lines as a text export.
    """
    word = _WordDocument(Package(data))
    if word.by_riksdoc():
        return Read(_Builder(word).document())
    from .text import read as read_text
    return read_text(word.as_text().encode("utf-8"), limits)


# -- the document part: paragraphs and tables with their inline content -----------------

@dataclass
class _Ref:
    """A note reference met in the text."""

    endnote: bool
    word_id: str
    custom_mark: str | None


@dataclass
class _Paragraph:
    """One paragraph as the reader sees it: style name, content, list membership."""

    style: str
    content: tuple[Inline, ...]
    num_id: str | None = None
    level: str = "0"
    formatting: set[str] = field(default_factory=set)
    """Direct formatting on its text the model cannot keep (``bold``, ``italic`` …)."""

    @property
    def text(self) -> str:
        return inline_text(self.content)


class _WordDocument:
    """The package's main document with its styles, numbering and notes parts."""

    def __init__(self, package: Package) -> None:
        main = package.related("").get(OFFICE_DOCUMENT, "word/document.xml")
        root = package.xml(main)
        if root is None or etree.QName(root).localname != "document" \
                or etree.QName(root).namespace != W_NS:
            raise InputError("not a Word document (no WordprocessingML main part)")
        body = root.find(w("body"))
        if body is None:
            raise InputError("not a Word document (no w:body)")
        self.body: etree._Element = body
        parts = package.related_by_name(main)
        self.style_names = st.style_names(package.xml(parts.get("styles")))
        self.lists = Lists.of(package.xml(parts.get("numbering")))
        self.note_parts = {False: note_elements(package.xml(parts.get("footnotes"))),
                           True: note_elements(package.xml(parts.get("endnotes")))}
        self.core = package.xml(package.related("").get(CORE_PROPERTIES))
        self.refs: list[_Ref] = []
        self.ids: list[str] = []
        self.markers: list[str] = []

    def category_kind(self) -> Kind | None:
        """The kind the category property names, if riksdoc wrote one."""
        if self.core is None:
            return None
        for el in self.core:
            if isinstance(el.tag, str) and etree.QName(el).localname == "category" and el.text:
                return grammar.category_kind(el.text)
        return None

    def by_riksdoc(self) -> bool:
        """Was this written by riksdoc (category code or a Riksdoc style in use)?"""
        if self.category_kind() is not None:
            return True
        used = {self.style_of(p) for p in self.body.iter(w("p"))}
        return any(name.startswith(st.RIKSDOC_PREFIX) for name in used)

    def style_of(self, p: etree._Element) -> str:
        """The name of paragraph *p*'s style (``Normal`` where it names none)."""
        style_id = val(p.find(w("pPr")), "pStyle")
        if style_id is None:
            return "Normal"
        return self.style_names.get(style_id, style_id)

    def items(self) -> Iterator[_Paragraph | Table]:
        """Paragraphs and tables of the body in order (content controls opened)."""
        def walk(parent: etree._Element) -> Iterator[_Paragraph | Table]:
            for child in parent:
                if not isinstance(child.tag, str):
                    continue
                name = etree.QName(child).localname
                if name == "p":
                    yield self._paragraph(child)
                elif name == "tbl":
                    yield self._table(child)
                elif name in ("sdt", "sdtContent", "ins", "customXml", "smartTag"):
                    yield from walk(child)
        yield from walk(self.body)

    def _paragraph(self, p: etree._Element) -> _Paragraph:
        parts: list[Inline] = []
        formatting: set[str] = set()
        self._collect(p, parts, formatting=formatting)
        numpr = p.find(f"{w('pPr')}/{w('numPr')}")
        num_id = val(numpr, "numId")
        return _Paragraph(self.style_of(p), _merge(parts),
                          num_id if num_id not in (None, "0") else None,
                          val(numpr, "ilvl") or "0", formatting)

    def _table(self, tbl: etree._Element) -> Table:
        rows = []
        for tr in tbl.findall(w("tr")):
            cells = tr.findall(w("tc"))
            while cells and _filler(cells[-1]):
                cells.pop()
            rows.append(TableRow(tuple(self._cell(tc) for tc in cells)))
        return Table(tuple(rows))

    def _cell(self, tc: etree._Element) -> tuple[Inline, ...]:
        parts: list[Inline] = []
        for index, p in enumerate(tc.iter(w("p"))):
            if index:
                parts.append(" ")
            self._collect(p, parts)
        return _merge(parts)

    def _collect(self, element: etree._Element, parts: list[Inline], notes: bool = True,
                 formatting: set[str] | None = None) -> None:
        """Text and note references of *element*, in reading order.

        With *notes* False (inside a note's own text) note references are left out;
        *formatting* collects the direct formatting of runs with text.
        """
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name in _SKIPPED:
                continue
            if name == "t":
                parts.append(child.text or "")
            elif name == "tab":
                parts.append("\t")
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("\u2011")
            elif name in ("footnoteReference", "endnoteReference"):
                custom = None
                if child.get(w("customMarkFollows")) in ("1", "true", "on"):
                    custom = "".join(t.text or "" for t in child.itersiblings(w("t")))
                if notes:
                    parts.append(self._reference(name == "endnoteReference",
                                                 child.get(w("id"), ""), custom))
                if custom is not None:
                    return  # the rest of this run is the custom mark
            else:  # runs, insertions, hyperlinks, fields, content controls, smart tags
                if name == "r" and formatting is not None:
                    formatting |= self._formatting(child)
                self._collect(child, parts, notes, formatting)

    def _formatting(self, run: etree._Element) -> set[str]:
        """Bold, italic or underlining set on *run* (directly or by a character style)."""
        rpr = run.find(w("rPr"))
        if rpr is None or not "".join(t.text or "" for t in run.iter(w("t"))).strip():
            return set()
        found = {label for tag, label in _FORMATTING.items()
                 if rpr.find(w(tag)) is not None
                 and val(rpr, tag) not in ("0", "false", "off", "none")}
        style = self.style_names.get(val(rpr, "rStyle") or "", "").lower()
        if style in _FORMATTING_STYLES:
            found.add(_FORMATTING_STYLES[style])
        return found

    def _reference(self, endnote: bool, word_id: str, custom: str | None) -> NoteRef:
        ordinal = 1 + sum(1 for ref in self.refs if ref.endnote == endnote)
        marker = custom if custom is not None else str(ordinal)
        note_id = f"{'en' if endnote else 'fn'}{marker}"
        while note_id in self.ids:
            note_id += "'"
        self.refs.append(_Ref(endnote, word_id, custom))
        self.ids.append(note_id)
        self.markers.append(marker)
        return NoteRef(note_id)

    # -- notes ------------------------------------------------------------------

    def note_content(self, note: etree._Element) -> tuple[Inline, ...]:
        """A note's text, its own mark left out."""
        parts: list[Inline] = []
        for index, p in enumerate(note.iter(w("p"))):
            if index:
                parts.append(" ")
            leading = index == 0
            for child in p:
                if not isinstance(child.tag, str):
                    continue
                name = etree.QName(child).localname
                if name in _SKIPPED:
                    continue
                if leading and name == "r" and is_mark_run(child, self.style_names):
                    continue  # the note's own mark: Word's footnoteRef or a custom mark
                leading = leading and not "".join(child.itertext()).strip()
                self._collect(child, parts, notes=False)
        merged = _merge(parts)
        if merged and isinstance(merged[0], str):
            merged = (merged[0].lstrip(), *merged[1:]) if merged[0].strip() else merged[1:]
        return merged

    def notes(self, warn: Callable[[str, str], None]) -> tuple[Note, ...]:
        """The notes referred to, in order of first reference."""
        notes = []
        seen: set[tuple[bool, str]] = set()
        for ref, note_id, marker in zip(self.refs, self.ids, self.markers, strict=True):
            if (ref.endnote, ref.word_id) in seen:
                continue
            seen.add((ref.endnote, ref.word_id))
            element = self.note_parts[ref.endnote].get(ref.word_id)
            if element is None:
                warn("docx-note", f"note {marker} has no text in the document")
                continue
            notes.append(Note(note_id, marker, self.note_content(element), ref.endnote))
        return tuple(notes)

    # -- a DOCX from elsewhere: its text through the text pipeline ------------

    def as_text(self) -> str:
        """The body as a Word→text export would give it (notes in the POI form)."""
        lines: list[str] = []
        for item in self.items():
            if isinstance(item, Table):
                lines.extend("\t".join(inline_text(cell) for cell in row.cells)
                             for row in item.rows)
                continue
            text, bodies = [], []
            for part in item.content:
                if isinstance(part, NoteRef):
                    index = self.ids.index(part.note_id)
                    ref = self.refs[index]
                    kind = "endnote" if ref.endnote else "footnote"
                    marker = self.markers[index]
                    text.append(f"[{kind}Ref:{marker}]")
                    element = self.note_parts[ref.endnote].get(ref.word_id)
                    if element is not None:
                        bodies.append(f"[{marker}: {inline_text(self.note_content(element))}]")
                else:
                    text.append(part)
            lines.append("".join(text) + "".join(f" {b}" for b in bodies))
        return "\n".join(lines) + "\n"


# -- the model, paragraph by paragraph, by style ------------------------------------------

class _Builder:
    """Takes a riksdoc DOCX's paragraphs apart by their styles into a `Document`."""

    def __init__(self, word: _WordDocument) -> None:
        self.word = word
        self.kind = word.category_kind()
        self.questions: list[QuestionRef] = []
        self.titles: list[str | None] = []
        self.heading: str | None = None
        self.head: str | None = None
        self.addressee: Person | None = None
        self.minister: Person | None = None
        self.place: str | None = None
        self.date: SwedishDate | None = None
        self.date_text: str | None = None
        self.signatures: list[Signature] = []
        self.preamble: list[Paragraph] = []
        self.blocks: list[Block] = []
        self.warnings: list[Message] = []
        self.unknown_styles: set[str] = set()

    def document(self) -> Document:
        for item in self.word.items():
            if isinstance(item, Table):
                self.blocks.append(item)
            elif item.text.strip() or any(isinstance(p, NoteRef) for p in item.content):
                self._formatting(item)
                handler = self.BY_STYLE.get(item.style)
                if handler is None or not handler(self, item):
                    self.body(item)
        notes = self.word.notes(self.warn)
        questions = [QuestionRef(q.session, q.number, q.as_written, q.questioner, t)
                     for q, t in zip(self.questions, self.titles, strict=True)]
        return Document(
            kind=self.kind or Kind.GENERIC, questions=tuple(questions), heading=self.heading,
            head=self.head, addressee=self.addressee, minister=self.minister, place=self.place,
            date=self.date, date_text=self.date_text, signatures=tuple(self.signatures),
            preamble=tuple(self.preamble), blocks=tuple(self.blocks), notes=notes,
            warnings=tuple(self.warnings))

    def warn(self, code: str, text: str) -> None:
        self.warnings.append(Message(code, text))

    # -- one method a style; False: not taken, read as body text ----------------

    def preamble_line(self, item: _Paragraph) -> bool:
        self.preamble.append(Paragraph(item.content))
        return True

    def header(self, item: _Paragraph) -> bool:
        found = grammar.document_line(item.text)
        if found is None:
            self.warn("docx-header", f"header line not understood, kept as text: {item.text}")
            (self.blocks if self.questions else self.preamble).append(Paragraph(item.content))
            return True
        words, question = found
        if not self.questions:  # the first document line says the kind, in its own words
            if self.kind is None:
                self.kind = grammar.kind_of_head(words)
            self.head = own_words(words, self.kind) if self.kind in HEAD_WORDS else None
        self.questions.append(question)
        self.titles.append(None)
        return True

    def title(self, item: _Paragraph) -> bool:
        if self.questions and self.titles[-1] is None:
            self.titles[-1] = item.text
        elif not self.questions and self.heading is None:
            self.heading = item.text
        else:
            self.warn("docx-heading", f"a title added in the body is read as a paragraph "
                      f"(riksdoc's model has no headings there): {_snippet(item.text)}")
            return False
        return True

    def addressee_line(self, item: _Paragraph) -> bool:
        if self.addressee is not None:
            return False
        text = item.text
        self.addressee = grammar.addressee(text[5:] if text.startswith("till ") else text)
        return True

    def minister_line(self, item: _Paragraph) -> bool:
        if self.minister is not None:
            return False
        text, party = grammar.split_party(item.text)
        person = grammar.minister(text)
        self.minister = Person(person.name, party, person.role) if person else Person(text, party)
        return True

    def place_date(self, item: _Paragraph) -> bool:
        if self.place is not None or self.date_text is not None:
            return False
        text = item.text
        m = grammar.PLACE_DATE.match(text)
        if m is None:
            self.warn("docx-date", f"no date in the place-and-date line: {text}")
            self.place = text
            return True
        try:
            self.date = grammar.date(m)
        except ValueError:
            self.warn("docx-date", f"not a date in the place-and-date line: {text}")
            self.place = text
            return True
        self.place, self.date_text = m.group("place"), m.group("text")
        return True

    def signature(self, item: _Paragraph) -> bool:
        lines = tuple(item.text.split("\n"))
        self.signatures.append(Signature(grammar.signatory(lines) or Person(lines[0]), lines))
        return True

    BY_STYLE: ClassVar[dict[str, Callable[[_Builder, _Paragraph], bool]]] = {
        st.PREAMBLE: preamble_line, st.HEADER: header, st.TITLE: title,
        st.ADDRESSEE: addressee_line, st.MINISTER: minister_line, st.PLACE_DATE: place_date,
        st.SIGNATURE: signature,
    }
    """What each structure style holds (`riksdoc.ooxml.styles`); anything else is body."""

    # -- the body --------------------------------------------------------------

    def body(self, item: _Paragraph) -> None:
        if item.num_id is not None or item.style in st.LIST_STYLES:
            self._list_item(item)
            return
        if _HEADING.match(item.style):
            self.warn("docx-heading", f"a heading added in the body is read as a paragraph "
                      f"(riksdoc's model has no headings there): {_snippet(item.text)}")
        elif item.style not in st.BODY_STYLES | st.STRUCTURE_STYLES \
                and item.style not in self.unknown_styles:
            self.unknown_styles.add(item.style)
            self.warn("docx-style", f"unrecognised paragraph style {item.style!r}: read as "
                      f"body text ({_snippet(item.text)})")
        self.blocks.append(Paragraph(item.content))

    def _list_item(self, item: _Paragraph) -> None:
        lists = self.word.lists
        ordered = item.style == st.LIST_NUMBER
        if item.style not in st.LIST_STYLES and item.num_id:
            ordered = bool(lists.ordered(item.num_id, item.level))
        marker = lists.next_marker(item.num_id, item.level, ordered) \
            if item.num_id else ("1." if ordered else "•")
        list_item = ListItem(marker, item.content)
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, ListBlock) and last.ordered == ordered:
            self.blocks[-1] = ListBlock(ordered, (*last.items, list_item))
        else:
            self.blocks.append(ListBlock(ordered, (list_item,)))

    def _formatting(self, item: _Paragraph) -> None:
        if item.formatting:
            kinds = " and ".join(sorted(item.formatting))
            self.warn("docx-formatting", f"{kinds} text cannot be kept (riksdoc's model has "
                      f"no emphasis); the words are: {_snippet(item.text)}")


# -- helpers ---------------------------------------------------------------------------

def _merge(parts: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent text runs joined, empty ones dropped: the model's canonical inline form."""
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += part
                continue
        out.append(part)
    return tuple(out)


def _snippet(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= length else f"'{text[:length - 1]}…'"


def _filler(tc: etree._Element) -> bool:
    """LibreOffice's stand-in for a short row's missing cells (w:gridAfter in riksdoc's DOCX):
    an empty cell with every border switched off."""
    if "".join(tc.itertext()).strip():
        return False
    borders = tc.find(f"{w('tcPr')}/{w('tcBorders')}")
    if borders is None:
        return False
    sides = {etree.QName(b).localname: b.get(w("val")) for b in borders}
    return all(sides.get(side) == "nil" for side in ("top", "left", "bottom", "right"))
