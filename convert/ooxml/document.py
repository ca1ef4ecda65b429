"""The main document part: its paragraphs and tables, with their text and note references.

`DocumentPart` opens a package's main part and the parts it relates to
(styles, numbering, footnotes, endnotes, core properties) and gives the body
as `BodyParagraph` and `riksdoc.model.Table` items in reading order: text
runs, tabs, line breaks and note references, with deletions, field codes,
bookmarks and proofing marks left out and insertions, hyperlinks, fields and
content controls opened.  It also notes the direct formatting (bold, italic,
underline) the model has no place for, and gives the notes.  What the
paragraphs *mean* is the reader's business (`riksdoc.readers.docx`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..limits import DEFAULT, Limits
from ..model import Inline, Note, NoteRef, Table, TableRow, inline_text
from . import CORE_PROPERTIES, OFFICE_DOCUMENT, W_NS, val, w
from .build import R_NS
from .notes import is_mark_run, note_elements, note_formats
from .numbering import Lists, format_number
from .package import Package
from .styles import LIST_NUMBER, LIST_STYLES, style_names

_SKIPPED = {"pPr", "rPr", "del", "moveFrom", "instrText", "delText", "fldData", "commentReference",
            "footnoteRef", "endnoteRef", "lastRenderedPageBreak", "bookmarkStart", "bookmarkEnd",
            "proofErr", "annotationRef", "sectPr", "tblPr", "trPr", "tcPr",
            "Fallback"}  # mc:Fallback repeats mc:Choice (text boxes): read it once
_FORMATTING = {"b": "bold", "i": "italic", "u": "underlined"}
"""Direct run formatting the model has no place for, by element."""
_FORMATTING_STYLES = {"strong": "bold", "emphasis": "italic"}
"""Character styles that mean the same."""


@dataclass
class NoteReference:
    """A note reference met in the text."""

    endnote: bool
    word_id: str
    custom_mark: str | None


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph's text in one character style, inside one link or none."""

    text: str
    style: str | None
    """The character style's name (``Riksdoc Number``), or None."""
    link: str | None
    """A hyperlink's target: ``#`` and a bookmark's name, or an external URI; else None."""


@dataclass
class BodyParagraph:
    """One paragraph as the reader sees it: style name, content, list membership."""

    style: str
    content: tuple[Inline, ...]
    num_id: str | None = None
    level: str = "0"
    formatting: set[str] = field(default_factory=set)
    """Direct formatting on its text the model cannot keep (``bold``, ``italic`` …)."""
    segments: tuple[Segment, ...] = ()
    """Its text by character style and link (only where the reader asks for them,
    `DocumentPart.segmented`)."""

    @property
    def text(self) -> str:
        return inline_text(self.content)


class DocumentPart:
    """The package's main document with its styles, numbering and notes parts."""

    def __init__(self, package: Package, limits: Limits = DEFAULT) -> None:
        self.limits = limits
        main = package.related("").get(OFFICE_DOCUMENT, "word/document.xml")
        root = package.xml(main)
        if root is None or etree.QName(root).localname != "document" \
                or etree.QName(root).namespace != W_NS:
            raise InputError("not a Word document (no WordprocessingML main part)")
        body = root.find(w("body"))
        if body is None:
            raise InputError("not a Word document (no w:body)")
        self.body: etree._Element = body
        self.package = package
        self.main = main
        """The main part's name (``word/document.xml``)."""
        parts = package.related_by_name(main)
        self.style_names = style_names(package.xml(parts.get("styles")))
        self.lists = Lists.of(package.xml(parts.get("numbering")))
        self.note_parts = {False: note_elements(package.xml(parts.get("footnotes"))),
                           True: note_elements(package.xml(parts.get("endnotes")))}
        self.note_formats = note_formats(package.xml(parts.get("settings")), body)
        self.core = package.xml(package.related("").get(CORE_PROPERTIES))
        self.refs: list[NoteReference] = []
        self.ids: list[str] = []
        self.markers: list[str] = []
        self.links = package.targets(main)
        """Relationship id → target of the main part (hyperlinks)."""
        self.segmented = False
        """Give each paragraph its `Segment`s (a reader of a text with a hierarchy)."""
        self.index: dict[str, int] = {}
        """Note id → its place in `refs`, `ids` and `markers`."""
        self.counts = {False: 0, True: 0}
        """References met so far: footnotes, endnotes."""
        self.primes: dict[str, int] = {}
        """Note id base → how many of its ids are taken (the n-th repeat gets n primes)."""

    def category(self) -> str | None:
        """The category core property, if the package has one."""
        if self.core is None:
            return None
        for el in self.core:
            if isinstance(el.tag, str) and etree.QName(el).localname == "category" and el.text:
                return el.text
        return None

    def styles_used(self) -> set[str]:
        """The names of the paragraph styles the body uses."""
        return {self.style_of(p) for p in self.body.iter(w("p"))}

    def style_of(self, p: etree._Element) -> str:
        """The name of paragraph *p*'s style (``Normal`` where it names none)."""
        style_id = val(p.find(w("pPr")), "pStyle")
        if style_id is None:
            return "Normal"
        return self.style_names.get(style_id, style_id)

    def items(self) -> Iterator[BodyParagraph | Table]:
        """Paragraphs and tables of the body in order (content controls opened)."""
        def walk(parent: etree._Element) -> Iterator[BodyParagraph | Table]:
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

    def list_marker(self, item: BodyParagraph) -> tuple[str, bool]:
        """(the marker Word shows before list paragraph *item*, whether its list counts):
        riksdoc's List Number style counts, List Bullet does not, another style's list says
        in the numbering part; without a list id, ``1.`` or ``•``."""
        ordered = item.style == LIST_NUMBER
        if item.style not in LIST_STYLES and item.num_id:
            ordered = bool(self.lists.ordered(item.num_id, item.level))
        marker = self.lists.next_marker(item.num_id, item.level, ordered) \
            if item.num_id else ("1." if ordered else "•")
        return marker, ordered

    def _paragraph(self, p: etree._Element) -> BodyParagraph:
        parts: list[Inline] = []
        formatting: set[str] = set()
        self.collect(p, parts, formatting=formatting)
        numpr = p.find(f"{w('pPr')}/{w('numPr')}")
        num_id = val(numpr, "numId")
        return BodyParagraph(self.style_of(p), _merge(parts),
                          num_id if num_id not in (None, "0") else None,
                          val(numpr, "ilvl") or "0", formatting,
                          self.segments(p) if self.segmented else ())

    def segments(self, element: etree._Element, link: str | None = None) -> tuple[Segment, ...]:
        """*element*'s text runs by character style and link, adjacent ones of the same
        style and link joined (Word splits runs as it pleases)."""
        out: list[Segment] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "hyperlink":
                anchor = child.get(w("anchor"))
                rid = child.get(f"{{{R_NS}}}id")
                target = f"#{anchor}" if anchor else self.links.get(rid or "")
                out += self.segments(child, target)
            elif name == "r":
                text = _run_text(child)
                style = self.style_names.get(val(child.find(w("rPr")), "rStyle") or "")
                if text:
                    out.append(Segment(text, style, link))
            elif name in ("ins", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple"):
                out += self.segments(child, link)
        merged: list[Segment] = []
        for segment in out:
            last = merged[-1] if merged else None
            if last is not None and (last.style, last.link) == (segment.style, segment.link):
                merged[-1] = Segment(last.text + segment.text, last.style, last.link)
            else:
                merged.append(segment)
        return tuple(merged)

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
            self.collect(p, parts)
        return _merge(parts)

    def collect(self, element: etree._Element, parts: list[Inline], notes: bool = True,
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
                self.collect(child, parts, notes, formatting)

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
        self.limits.check_count("notes", len(self.refs) + 1, self.limits.max_notes)
        self.counts[endnote] += 1
        marker = custom if custom is not None \
            else format_number(self.note_formats[endnote], self.counts[endnote])
        self.limits.check_marker(marker)
        base = f"{'en' if endnote else 'fn'}{marker}"
        repeats = self.primes.get(base, 0)
        if repeats > self.limits.max_marker_length:  # each repeat is a prime longer
            raise InputError(f"has more than {self.limits.max_marker_length} notes with the "
                             f"mark {marker!r}")
        note_id = base + "'" * repeats
        while note_id in self.index:  # a mark that itself ends in a prime
            repeats += 1
            note_id = base + "'" * repeats
        self.primes[base] = repeats + 1
        self.index[note_id] = len(self.refs)
        self.refs.append(NoteReference(endnote, word_id, custom))
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
                self.collect(child, parts, notes=False)
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
            if element is None:  # the reference stays, and points to an empty note
                warn("docx-note", f"note {marker} has no text in the document")
                notes.append(Note(note_id, marker, (), ref.endnote))
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
                    index = self.index[part.note_id]
                    ref = self.refs[index]
                    kind = "endnote" if ref.endnote else "footnote"
                    marker = self.markers[index]
                    text.append(f"[{kind}Ref:{marker}]")
                    element = self.note_parts[ref.endnote].get(ref.word_id)
                    if element is not None:
                        bodies.append(f"[{marker}: {inline_text(self.note_content(element))}]")
                else:
                    text.append(inline_text((part,)))  # a reference: its words
            lines.append("".join(text) + "".join(f" {b}" for b in bodies))
        return "\n".join(lines) + "\n"


def _run_text(run: etree._Element) -> str:
    """A run's visible text: ``w:t``, tabs and breaks (deleted text and field codes left
    out)."""
    out = []
    for child in run:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "t":
            out.append(child.text or "")
        elif name == "tab":
            out.append("\t")
        elif name in ("br", "cr"):
            out.append("\n")
        elif name == "noBreakHyphen":
            out.append("\u2011")
    return "".join(out)


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


def _filler(tc: etree._Element) -> bool:
    """LibreOffice's stand-in for a short row's missing cells (w:gridAfter in riksdoc's DOCX):
    an empty cell that switches off the borders the table would draw there (all four
    under a grid, the bottom rule under riksdoc's ruled tables) and sets no other."""
    if "".join(tc.itertext()).strip():
        return False
    borders = tc.find(f"{w('tcPr')}/{w('tcBorders')}")
    if borders is None:
        return False
    sides = [b.get(w("val")) for b in borders]
    return bool(sides) and all(side == "nil" for side in sides)
