"""Word document (.docx) → model, so an edited riksdoc DOCX can be republished.

A DOCX written by riksdoc (and then edited in Word or LibreOffice) is read by
its paragraph styles (see `riksdoc.writers.docx` for the table of styles): the
header lines give the questions (number as written, questioner, party), the
Title paragraphs their titles, the place-and-date line the place and date,
each signature paragraph one signature block (a line break a line), and the
body paragraphs, lists, tables and notes the body.  The document type comes
from the category property (``Svar på skriftlig fråga (frs)``), else from the
header line.  Header, minister, addressee, speaker and signature lines
are read with the text parser's own public functions (`riksdoc.parse`), so a
model read from text comes back equal; so is a questioner the header does not
name, found again in the body as the parser finds it.

Edits are welcome: the visible text is the source of truth, nothing is taken
from hidden copies.  List markers are recomputed from the Word numbering
(an inserted item gets the next number); note markers are Word's automatic
numbers unless the note has a custom mark; note ids are ``fn<marker>`` /
``en<marker>`` as the text reader makes them.

A DOCX not written by riksdoc (no riksdoc category or styles) is read as
text: its paragraphs (tables as tab-separated rows, notes in the Word-export
form) go through the same normalise-and-parse pipeline as a text export.

Reading is safe: at most `MAX_MEMBERS` zip members, `MAX_TOTAL` bytes
uncompressed and a compression ratio of `MAX_RATIO` (zip bombs), and XML
parts are parsed without entities, DTDs or network, a DOCTYPE refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

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
    Speech,
    SwedishDate,
    Table,
    TableRow,
)
from ..normalise import _SYMBOL_BULLETS
from .. import parse as grammar
from ..vocabulary import HEAD_WORDS, MONTHS, own_words
from ..writers import docx as styles
from ..writers.docx_xml import W_NS, parse_safely, w
from . import Read

MAX_MEMBERS = 2000
"""Most zip members a DOCX may have (riksdoc writes about 15)."""
MAX_TOTAL = 200 * 1024 * 1024
"""Most bytes all members may unpack to."""
MAX_RATIO = 200
"""Highest uncompressed/compressed ratio for a member bigger than 1 MiB (XML packs ~10:1)."""

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_LATER_LINE = re.compile(r"(?P<head>och fråga|fråga|och)\s+(?=\d)")
"""How the second and later document lines of a joint answer open."""
_PLACE_DATE = re.compile(
    rf"^(?:(?P<place>.+?)\s+)?den\s+(?P<text>(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})"
    r"(?:\s+(?P<year>\d{4}))?)\s*$", re.IGNORECASE)
_CATEGORY = re.compile(r"\((?P<code>[a-z]+)\)\s*$")
_PARTY_AT_END = re.compile(r"^(?P<rest>.+?)\s+\((?P<party>[^()]+)\)$")


class _Body:
    """The body's blocks as the reader goes, and the speech a speaker line has opened."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.open: tuple[str, Person, str] | None = None
        self.said: list[Block] = []

    def current(self) -> list[Block]:
        """Where the next block goes: into the open speech, or the body."""
        return self.said if self.open is not None else self.blocks

    def add(self, block: Block) -> None:
        self.current().append(block)

    def speech(self, speaker: tuple[str, Person, str]) -> None:
        self.close()
        self.open = speaker

    def close(self) -> None:
        if self.open is not None:
            marker, person, label = self.open
            self.blocks.append(Speech(marker, person, label, tuple(self.said)))  # type: ignore[arg-type]
        self.open, self.said = None, []

    def finish(self) -> tuple[Block, ...]:
        self.close()
        return tuple(self.blocks)


@dataclass
class _Header:
    """The header as the document's lines give it, while the reader goes."""

    kind: Kind | None
    head: str | None = None
    questions: list[QuestionRef] = field(default_factory=list)
    line: list[int] = field(default_factory=list)
    """Indexes (in `questions`) of the questions of the latest document line."""

_SKIPPED = {"pPr", "rPr", "del", "moveFrom", "instrText", "delText", "fldData", "commentReference",
            "footnoteRef", "endnoteRef", "lastRenderedPageBreak", "bookmarkStart", "bookmarkEnd",
            "proofErr", "annotationRef", "sectPr", "tblPr", "trPr", "tcPr",
            "Fallback"}  # mc:Fallback repeats mc:Choice (text boxes): read it once


def read(data: bytes, limits: Limits = DEFAULT) -> Read:
    """Read a .docx; `InputError` if it is not one or is not safe to open.

    A DOCX riksdoc did not write goes through the text pipeline, with the
    same *limits* on lines as a text export.
    """
    package = _Package(data)
    word = _WordDocument(package)
    if word.by_riksdoc():
        return Read(word.document())
    from .text import read as read_text
    return read_text(word.as_text().encode("utf-8"), limits)


# -- the package -----------------------------------------------------------------

class _Package:
    """The zip, checked against bombs, with parts parsed safely on demand."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"PK"):
            raise InputError("not a DOCX file (not a zip archive)")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(f"not a DOCX file (damaged zip: {exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"refused: {len(infos)} zip members (at most {MAX_MEMBERS})")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL:
            raise InputError(f"refused: unpacks to {total} bytes (at most {MAX_TOTAL})")
        for info in infos:
            if info.file_size > 1024 * 1024 and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(f"refused: {info.filename} is compressed "
                                 f"{info.file_size // max(info.compress_size, 1)}:1 (a zip bomb?)")
        self.names = {info.filename for info in infos}

    def xml(self, name: str) -> etree._Element | None:
        """Part *name* parsed safely, or None if the package has no such part."""
        if name not in self.names:
            return None
        try:
            data = self.zip.read(name)  # never more than the member's checked size
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(f"cannot unpack {name}: {exc}") from None
        try:
            return parse_safely(data, name)
        except ValueError as exc:
            raise InputError(str(exc)) from None

    def related(self, source: str) -> dict[str, str]:
        """Relationship type → target part name, for part *source* (``""`` = the package)."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, str] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            found.setdefault(rel.get("Type", ""), name)
        return found


# -- the document ----------------------------------------------------------------

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

    @property
    def text(self) -> str:
        return "".join(part for part in self.content if isinstance(part, str))


@dataclass
class _Lists:
    """The numbering part: what marker the n-th item of a list shows."""

    formats: dict[tuple[str, str], tuple[str, str, int]] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, numbering: etree._Element | None) -> _Lists:
        lists = cls()
        if numbering is None:
            return lists
        abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        for el in numbering.iter(w("abstractNum")):
            levels = {}
            for lvl in el.iter(w("lvl")):
                levels[lvl.get(w("ilvl"), "0")] = (_val(lvl, "numFmt") or "decimal",
                                                   _val(lvl, "lvlText") or "",
                                                   _int(_val(lvl, "start"), 1))
            abstract[el.get(w("abstractNumId"), "")] = levels
        for num in numbering.iter(w("num")):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iter(w("lvlOverride")):
                start = _val(override, "startOverride")
                level = override.get(w("ilvl"), "0")
                if start is not None and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, _int(start, 1))
            for level, spec in levels.items():
                lists.formats[(num.get(w("numId"), ""), level)] = spec
        return lists

    def ordered(self, num_id: str, level: str) -> bool | None:
        spec = self.formats.get((num_id, level))
        return None if spec is None else spec[0] not in ("bullet", "none")

    def next_marker(self, num_id: str, level: str, ordered: bool) -> str:
        """The marker Word shows for the next item of list *num_id*."""
        key = (num_id, level)
        index = self.counts.get(key, 0)
        self.counts[key] = index + 1
        spec = self.formats.get(key)
        if spec is None:
            return f"{index + 1}." if ordered else "•"
        num_format, text, start = spec
        number = start + index
        shown = styles.format_number(num_format, number) \
            if num_format in styles.NUMBER_FORMATS else str(number)
        marker = text.replace("%%", "\0").replace("%1", shown).replace("\0", "%")
        # Word's (and LibreOffice's) Symbol-font bullets are private-use code points.
        return "".join(_SYMBOL_BULLETS.get(char, char) for char in marker)


class _WordDocument:
    def __init__(self, package: _Package) -> None:
        self.package = package
        main = package.related("").get(_OFFICE_DOCUMENT, "word/document.xml")
        root = package.xml(main)
        if root is None or etree.QName(root).localname != "document" \
                or etree.QName(root).namespace != W_NS:
            raise InputError("not a Word document (no WordprocessingML main part)")
        self.body = root.find(w("body"))
        if self.body is None:
            raise InputError("not a Word document (no w:body)")
        related = package.related(main)
        by_type = {posixpath.basename(t): name for t, name in related.items()}
        self.style_names = self._style_names(package.xml(by_type.get("styles", "")))
        self.lists = _Lists.of(package.xml(by_type.get("numbering", "")))
        self.note_parts = {False: self._notes(package.xml(by_type.get("footnotes", ""))),
                           True: self._notes(package.xml(by_type.get("endnotes", "")))}
        core_name = package.related("").get(_CORE)
        self.core = package.xml(core_name) if core_name else None
        self.refs: list[_Ref] = []
        self.ids: list[str] = []
        self.markers: list[str] = []
        self.warnings: list[Message] = []

    # -- what the package says ------------------------------------------------

    @staticmethod
    def _style_names(styles_root: etree._Element | None) -> dict[str, str]:
        names = {}
        if styles_root is not None:
            for style in styles_root.iter(w("style")):
                name = _val(style, "name")
                names[style.get(w("styleId"), "")] = name or style.get(w("styleId"), "")
        return names

    @staticmethod
    def _notes(root: etree._Element | None) -> dict[str, etree._Element]:
        if root is None:
            return {}
        return {el.get(w("id"), ""): el for el in root if el.get(w("type")) is None}

    def _category_kind(self) -> Kind | None:
        if self.core is None:
            return None
        for el in self.core:
            if etree.QName(el).localname == "category" and el.text:
                m = _CATEGORY.search(el.text)
                if m and m.group("code") in {k.value for k in Kind}:
                    return Kind(m.group("code"))
        return None

    def by_riksdoc(self) -> bool:
        """Was this written by riksdoc (category code or a Riksdoc style in use)?"""
        if self._category_kind() is not None:
            return True
        used = {self._style_of(p) for p in self.body.iter(w("p"))}
        return any(name.startswith("Riksdoc ") for name in used)

    # -- paragraphs -----------------------------------------------------------

    def _style_of(self, p: etree._Element) -> str:
        ppr = p.find(w("pPr"))
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        if style_id is None:
            return "Normal"
        return self.style_names.get(style_id, style_id)

    def _paragraph(self, p: etree._Element) -> _Paragraph:
        parts: list[Inline] = []
        self._collect(p, parts)
        ppr = p.find(w("pPr"))
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        level = (_val(numpr, "ilvl") if numpr is not None else None) or "0"
        return _Paragraph(self._style_of(p), _merge(parts),
                          num_id if num_id not in (None, "0") else None, level)

    def _collect(self, element: etree._Element, parts: list[Inline], notes: bool = True) -> None:
        """Text and note references of *element*, in reading order.

        With *notes* False (inside a note's own text) note references are left out.
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
                self._collect(child, parts, notes)

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

    def _cell(self, tc: etree._Element) -> tuple[Inline, ...]:
        parts: list[Inline] = []
        for index, p in enumerate(tc.iter(w("p"))):
            if index:
                parts.append(" ")
            self._collect(p, parts)
        return _merge(parts)

    def _items(self) -> Iterator[_Paragraph | Table]:
        """Paragraphs and tables of the body in order (content controls opened)."""
        def walk(parent: etree._Element) -> Iterator[_Paragraph | Table]:
            for child in parent:
                if not isinstance(child.tag, str):
                    continue
                name = etree.QName(child).localname
                if name == "p":
                    yield self._paragraph(child)
                elif name == "tbl":
                    rows = []
                    for tr in child.findall(w("tr")):
                        cells = tr.findall(w("tc"))
                        while cells and _filler(cells[-1]):
                            cells.pop()
                        rows.append(TableRow(tuple(self._cell(tc) for tc in cells)))
                    yield Table(tuple(rows))
                elif name in ("sdt", "sdtContent", "ins", "customXml", "smartTag"):
                    yield from walk(child)
        yield from walk(self.body)

    # -- the model ------------------------------------------------------------

    def document(self) -> Document:
        header = _Header(self._category_kind())
        heading = addressee = minister = place = date = date_text = None
        signatures: list[Signature] = []
        preamble: list[Paragraph] = []
        body = _Body()
        for item in self._items():
            if isinstance(item, Table):
                body.add(item)
                continue
            if not item.content or (not item.text.strip() and
                                    not any(isinstance(p, NoteRef) for p in item.content)):
                continue
            style, text = item.style, item.text
            if style == styles.PREAMBLE:
                preamble.append(Paragraph(item.content))
            elif style == styles.HEADER:
                if not self._header_line(header, text):
                    (body.blocks if header.questions else preamble).append(Paragraph(item.content))
            elif style == styles.TITLE and header.line:
                self._title(header, text)
            elif style == styles.TITLE and not header.questions and heading is None:
                heading = text
            elif style == styles.ADDRESSEE and addressee is None:
                addressee = _addressee(text[5:] if text.startswith("till ") else text)
            elif style == styles.MINISTER and minister is None:
                minister = _minister(text)
            elif style == styles.PLACE_DATE and place is None and date_text is None:
                place, date, date_text = self._place_date(text)
            elif style == styles.SIGNATURE:
                signatures.append(grammar.signature(tuple(text.split("\n"))))
            elif style == styles.SPEAKER:
                body.speech(self._speaker(text))
            elif item.num_id is not None or style in (styles.LIST_BULLET, styles.LIST_NUMBER):
                self._list_item(item, body.current())
            elif grammar.classify(text).cls is grammar.LineClass.DEBATE_END:
                body.close()  # the debate is over; the record goes on
                body.add(Paragraph(item.content))
            else:
                body.add(Paragraph(item.content))
        blocks = body.finish()
        kind = header.kind or Kind.GENERIC
        questions, message = grammar.named_in_body(kind, tuple(header.questions), blocks)
        return Document(
            kind=kind, questions=questions, heading=heading, head=header.head,
            addressee=addressee, minister=minister, place=place, date=date, date_text=date_text,
            signatures=tuple(signatures), preamble=tuple(preamble), blocks=blocks,
            notes=self._note_list(),
            warnings=tuple(self.warnings) + ((message,) if message is not None
                                             and message.code != "questioner-in-body" else ()))

    def _header_line(self, header: _Header, text: str) -> bool:
        """One document line: its numbers and who asked (the parser's own reading)."""
        later = _LATER_LINE.match(text)
        if header.questions and later:
            rest = text[later.end():]
        else:
            reading = grammar.classify(text)
            opening_line = (grammar.LineClass.DOCUMENT, grammar.LineClass.FORM_TITLE)
            if reading.cls not in opening_line or not reading.get("rest"):
                self._warn("docx-header", f"header line not understood, kept as text: {text}")
                return False
            if not header.questions:  # the first document line says the kind, in its own words
                header.kind = header.kind or Kind(reading.get("kind"))
                opening = reading.get("opening") or ""
                header.head = own_words(opening, header.kind) \
                    if header.kind in HEAD_WORDS else None
            rest = reading.get("rest") or ""
        groups = grammar.read_groups(rest, titled=False)
        if not groups:
            self._warn("docx-header", f"header line not understood, kept as text: {text}")
            return False
        header.line = []
        for group in groups:
            for number, person in zip(group.numbers, grammar.pair(group.numbers, group.people)):
                header.line.append(len(header.questions))
                header.questions.append(QuestionRef(number.session, number.number,
                                                    number.as_written, person, None))
        return True

    @staticmethod
    def _title(header: _Header, text: str) -> None:
        """A title belongs to the first question of the latest document line that lacks one."""
        for index in header.line:
            question = header.questions[index]
            if question.title is None:
                header.questions[index] = QuestionRef(question.session, question.number,
                                                      question.as_written, question.questioner,
                                                      text)
                return

    def _speaker(self, text: str) -> tuple[str, Person, str]:
        """A speaker line, read as the parser reads it."""
        found = grammar.speaker(text)
        if found is None:
            self._warn("docx-speaker", f"speaker line not understood: {text}")
            marker, _, label = text.partition(" ")
            return marker, Person(label), label
        return found

    def _list_item(self, item: _Paragraph, blocks: list[Block]) -> None:
        ordered = item.style == styles.LIST_NUMBER
        if item.style not in (styles.LIST_BULLET, styles.LIST_NUMBER) and item.num_id:
            ordered = bool(self.lists.ordered(item.num_id, item.level))
        marker = self.lists.next_marker(item.num_id or "", item.level, ordered) \
            if item.num_id else ("1." if ordered else "•")
        list_item = ListItem(marker, item.content)
        if blocks and isinstance(blocks[-1], ListBlock) and blocks[-1].ordered == ordered:
            blocks[-1] = ListBlock(ordered, blocks[-1].items + (list_item,))
        else:
            blocks.append(ListBlock(ordered, (list_item,)))

    def _place_date(self, text: str) -> tuple[str | None, SwedishDate | None, str | None]:
        m = _PLACE_DATE.match(text)
        if m is None:
            self._warn("docx-date", f"no date in the place-and-date line: {text}")
            return text, None, None
        year = m.group("year")
        try:
            date = SwedishDate(int(m.group("day")), MONTHS.index(m.group("month").lower()) + 1,
                               int(year) if year else None)
        except ValueError:
            self._warn("docx-date", f"not a date in the place-and-date line: {text}")
            return text, None, None
        return m.group("place"), date, m.group("text")

    def _note_list(self) -> tuple[Note, ...]:
        notes = []
        seen: set[tuple[bool, str]] = set()
        for ref, note_id, marker in zip(self.refs, self.ids, self.markers):
            if (ref.endnote, ref.word_id) in seen:
                continue
            seen.add((ref.endnote, ref.word_id))
            element = self.note_parts[ref.endnote].get(ref.word_id)
            if element is None:
                self._warn("docx-note", f"note {marker} has no text in the document")
                continue
            notes.append(Note(note_id, marker, self._note_content(element), ref.endnote))
        return tuple(notes)

    def _note_content(self, note: etree._Element) -> tuple[Inline, ...]:
        parts: list[Inline] = []
        for index, p in enumerate(note.iter(w("p"))):
            if index:
                parts.append(" ")
            leading = index == 0
            for child in p:
                name = etree.QName(child).localname
                if name in _SKIPPED:
                    continue
                if leading and name == "r" and self._is_mark_run(child):
                    continue  # the note's own mark: Word's footnoteRef or a custom mark
                leading = leading and not "".join(child.itertext()).strip()
                self._collect(child, parts, notes=False)
        merged = _merge(parts)
        if merged and isinstance(merged[0], str):
            merged = (merged[0].lstrip(),) + merged[1:] if merged[0].strip() else merged[1:]
        return merged

    def _is_mark_run(self, run: etree._Element) -> bool:
        """A run showing a note's own mark at the start of its text.

        Word writes w:footnoteRef; a custom mark is a run in the note-reference
        character style (riksdoc's "footnote reference", LibreOffice's
        "Footnote Characters"/"Footnote Anchor", any superscript run).
        """
        if run.find(w("footnoteRef")) is not None or run.find(w("endnoteRef")) is not None:
            return True
        rpr = run.find(w("rPr"))
        if rpr is None:
            return False
        style_id = _val(rpr, "rStyle")
        if style_id is not None:
            name = f"{style_id} {self.style_names.get(style_id, '')}".lower()
            if "footnote" in name or "endnote" in name:
                return True
        return _val(rpr, "vertAlign") == "superscript"

    def _warn(self, code: str, text: str) -> None:
        self.warnings.append(Message(code, text))

    # -- a DOCX from elsewhere: its text through the text pipeline ------------

    def as_text(self) -> str:
        """The body as a Word→text export would give it (notes in the POI form)."""
        lines = []
        for item in self._items():
            if isinstance(item, Table):
                lines.extend("\t".join(_plain(cell) for cell in row.cells) for row in item.rows)
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
                        bodies.append(f"[{marker}: {_plain(self._note_content(element))}]")
                else:
                    text.append(part)
            lines.append("".join(text) + "".join(f" {b}" for b in bodies))
        return "\n".join(lines) + "\n"


# -- helpers ---------------------------------------------------------------------

def _val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(w(tag))
    return None if el is None else el.get(w("val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


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


def _plain(content: tuple[Inline, ...]) -> str:
    return "".join(p for p in content if isinstance(p, str))


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


def _minister(text: str) -> Person:
    """``Statsrådet Catharina Elmsäter-Svärd (S)`` as the text parser reads a minister line."""
    found = grammar.minister(text)
    if found is not None:
        return found
    m = _PARTY_AT_END.match(text)
    return Person(m.group("rest"), m.group("party")) if m else Person(text)


def _addressee(text: str) -> Person:
    """``utrikesminister Anna Lindh (S)`` as the text parser reads the addressee."""
    found = grammar.read_addressee(text)
    if found is not None:
        return found
    m = _PARTY_AT_END.match(text)
    return Person(m.group("rest"), m.group("party")) if m else Person(text)
