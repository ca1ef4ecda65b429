"""Word lists (the numbering part) and the markers they show.

Writing: a list whose markers run in sequence (``1)``, ``2)``; ``a.``, ``b.``;
``i)``, ``ii)``; a repeated bullet) is one Word list whose level text
reproduces them (``%1)``, start 1); markers that follow no sequence get one
list each with the marker as literal level text.  Either way the marker the
author wrote is what Word shows.  Reading (`Lists`) computes the marker Word
shows for each item, so an item inserted in Word gets the next number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from lxml import etree

from ..model import ListBlock
from ..normalise import SYMBOL_BULLETS
from ..vocabulary import roman
from . import W_NS, val, w

LARGEST_START = 32_767
"""The largest number a Word list may start at (Word's own cap): a list read from a file
starts at most here, so its markers stay short."""

_ROMAN_DIGITS = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def letter(number: int) -> str:
    """``1`` → ``a`` … ``26`` → ``z``, then ``aa``, ``bb`` as Word counts."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
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


# -- writing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ListXml:
    """One Word list (one w:num with its own w:abstractNum)."""

    num_format: str
    """w:numFmt: ``bullet``, ``decimal``, ``lowerLetter``, ``upperLetter``, ``lowerRoman``,
    ``upperRoman``; for markers that follow no sequence, ``none``."""
    level_text: str
    """w:lvlText: ``%1)`` for numbers, the bullet itself, or a literal marker."""
    start: int
    """Number of the first item."""
    level: int = 0
    """How deep the list is nested (w:ilvl): 0 for a list in the text, 1 for a list in
    one of its items …"""


def list_formats(block: ListBlock) -> list[ListXml]:
    """Word lists for *block*: one list if the markers run in sequence, else one an item."""
    markers = [item.marker for item in block.items]
    if not block.ordered and len(set(markers)) == 1 and "%" not in markers[0]:
        return [ListXml("bullet", markers[0], 1)]
    if block.ordered:
        for num_format in NUMBER_FORMATS:
            found = _sequence(num_format, markers)
            if found:
                return [found]
    return [ListXml("bullet" if not block.ordered else "none", m.replace("%", "%%"), 1)
            for m in markers]


def _start_of(num_format: str, core: str) -> int | None:
    """The number *core* shows in *num_format* (`format_number` read backwards, in time
    linear in *core*; letters and roman numerals below 4000), or None."""
    if not core.isascii() or not core.isalnum():
        return None
    if num_format == "decimal":  # any number (of sane length), as the author wrote it
        return int(core) if core.isdigit() and len(core) < 10 and str(int(core)) == core \
            else None
    if num_format in ("lowerLetter", "upperLetter"):
        number = (len(core) - 1) * 26 + ord(core[0].lower()) - ord("a") + 1 \
            if core[0].isalpha() else None
    else:
        number = _roman_value(core.lower())
    if number is None or not 0 < number < 4000 or format_number(num_format, number) != core:
        return None
    return number


def _roman_value(text: str) -> int | None:
    values = _ROMAN_DIGITS
    total = 0
    for index, char in enumerate(text):
        value = values.get(char)
        if value is None:
            return None
        following = values.get(text[index + 1], 0) if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _sequence(num_format: str, markers: list[str]) -> ListXml | None:
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
                return ListXml(num_format, f"{prefix}%1{suffix}", start)
    return None


def set_numbering(document: WordDocument, lists: Sequence[ListXml], *,
                  indent_twips: int, hanging_twips: int, marker_font: str) -> list[int]:
    """Replace the template's numbering with *lists*; their w:numId values in order.

    Markers get *marker_font* explicitly: a bullet level without a font is
    OpenSymbol to LibreOffice, which then saves ``•`` and ``–`` as Symbol-font
    private-use characters.
    """
    root = etree.Element(w("numbering"), nsmap={"w": W_NS})
    for index, spec in enumerate(lists):
        abstract = etree.SubElement(root, w("abstractNum"), {w("abstractNumId"): str(index)})
        etree.SubElement(abstract, w("multiLevelType"),
                         {w("val"): "singleLevel" if spec.level == 0 else "multilevel"})
        lvl = etree.SubElement(abstract, w("lvl"), {w("ilvl"): str(spec.level)})
        etree.SubElement(lvl, w("start"), {w("val"): str(spec.start)})
        etree.SubElement(lvl, w("numFmt"), {w("val"): spec.num_format})
        etree.SubElement(lvl, w("lvlText"), {w("val"): spec.level_text})
        etree.SubElement(lvl, w("lvlJc"), {w("val"): "left"})
        ppr = etree.SubElement(lvl, w("pPr"))
        etree.SubElement(ppr, w("ind"), {w("left"): str(indent_twips * (spec.level + 1)),
                                         w("hanging"): str(hanging_twips)})
        rpr = etree.SubElement(lvl, w("rPr"))
        etree.SubElement(rpr, w("rFonts"), {w(a): marker_font for a in ("ascii", "hAnsi", "cs")})
    ids = []
    for index, _ in enumerate(lists):
        num = etree.SubElement(root, w("num"), {w("numId"): str(index + 1)})
        etree.SubElement(num, w("abstractNumId"), {w("val"): str(index)})
        ids.append(index + 1)
    # python-docx has no API for the numbering part's content
    document.part.numbering_part._element = parse_xml(etree.tostring(root, encoding="UTF-8"))
    return ids


def number_paragraph(p: etree._Element, num_id: int, level: int = 0) -> None:
    """Make paragraph *p* (a list item's ``w:p``, its ``w:pPr`` holding at most its style)
    an item of list *num_id* at *level*."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    numpr = etree.Element(w("numPr"))
    etree.SubElement(numpr, w("ilvl"), {w("val"): str(level)})
    etree.SubElement(numpr, w("numId"), {w("val"): str(num_id)})
    style = ppr.find(w("pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)


# -- reading ---------------------------------------------------------------------------

@dataclass
class Lists:
    """The numbering part as a reader needs it: what marker the n-th item of a list shows."""

    formats: dict[tuple[str, str], tuple[str, str, int]] = field(default_factory=dict)
    """(numId, level) → (numFmt, lvlText, start)."""
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    """(numId, level) → items seen so far."""

    @classmethod
    def of(cls, numbering: etree._Element | None) -> Lists:
        """The lists a numbering part (or none) defines."""
        lists = cls()
        if numbering is None:
            return lists
        abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        for el in numbering.iter(w("abstractNum")):
            levels = {}
            for lvl in el.iter(w("lvl")):
                levels[lvl.get(w("ilvl"), "0")] = (val(lvl, "numFmt") or "decimal",
                                                   val(lvl, "lvlText") or "",
                                                   _int(val(lvl, "start"), 1))
            abstract[el.get(w("abstractNumId"), "")] = levels
        for num in numbering.iter(w("num")):
            levels = dict(abstract.get(val(num, "abstractNumId") or "", {}))
            for override in num.iter(w("lvlOverride")):
                start = val(override, "startOverride")
                level = override.get(w("ilvl"), "0")
                if start is not None and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, _int(start, 1))
            for level, spec in levels.items():
                lists.formats[(num.get(w("numId"), ""), level)] = spec
        return lists

    def ordered(self, num_id: str, level: str) -> bool | None:
        """Whether list *num_id* counts at *level*; None if the part does not say."""
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
        shown = format_number(num_format, number) if num_format in NUMBER_FORMATS else str(number)
        marker = text.replace("%%", "\0").replace("%1", shown).replace("\0", "%")
        # Word's (and LibreOffice's) Symbol-font bullets are private-use code points.
        return "".join(SYMBOL_BULLETS.get(char, char) for char in marker)


def _int(value: str | None, default: int) -> int:
    """A list's start as Word reads it: ASCII digits, at most `LARGEST_START` (larger is
    cut to it, without reading more digits than that needs); anything else is *default*."""
    if value is None or not value.isascii() or not value.isdigit():
        return default
    digits = value.lstrip("0") or "0"
    return LARGEST_START if len(digits) > len(str(LARGEST_START)) \
        else min(int(digits), LARGEST_START)
