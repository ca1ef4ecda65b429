"""Paragraphs, runs, hyperlinks and bookmarks as WordprocessingML elements, built directly.

python-docx's paragraph objects look the style up by name and find their place
by XPath for every paragraph: for a 300-page statute that is most of the
DOCX's time.  The writer builds the body's paragraphs here instead, as plain
lxml elements with the same markup python-docx gives them (a ``w:pPr`` with the
style's id unless it is the default, text runs with ``w:tab`` and ``w:br`` for
tabs and line breaks), and still uses python-docx for the package, the
sections, tables, notes and numbering.

Bookmark names: Word allows letters, digits and ``_``, at most 40 characters,
starting with a letter.  `bookmark_name` turns an eId into one (``-`` → ``_``;
a longer eId → its first characters and a hash), so a link's ``w:anchor`` and
the bookmark agree, and a reader can map names back to eIds.
"""

from __future__ import annotations

import hashlib
import re

from docx.oxml import OxmlElement
from docx.oxml.text.paragraph import CT_P
from docx.styles import BabelFish
from lxml import etree

from . import XML_SPACE, w
from .styles import style_names

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
"""The relationships namespace (``r:id`` of a hyperlink)."""
HYPERLINK = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "hyperlink")
"""Relationship type of an external hyperlink's target."""

_SPECIAL = re.compile(r"([\t\r\n])")
_BOOKMARK_MAX = 40


def bookmark_name(eid: str) -> str:
    """A Word bookmark name for *eid*: ``chp_1__sec_1-v2026-07-01`` →
    ``chp_1__sec_1_v2026_07_01``; one too long for Word, its start and a hash."""
    plain = eid.replace("-", "_")
    if len(plain) <= _BOOKMARK_MAX and plain[:1].isalpha():
        return plain
    digest = hashlib.sha1(eid.encode()).hexdigest()[:10]
    return f"r{plain[:_BOOKMARK_MAX - 12]}_{digest}"


class Builder:
    """Builds a document's body elements, given its styles part (names → ids)."""

    def __init__(self, styles: etree._Element, default_style: str = "Normal") -> None:
        names = style_names(styles)
        self.ids = {name: style_id for style_id, name in names.items()}
        """Style name → style id (by Word's own name too: ``Heading 1`` is ``heading 1``)."""
        self.ids.update({BabelFish.internal2ui(name): style_id
                         for style_id, name in names.items()})
        self.default_style = default_style
        self.bookmarks = 0

    def style_id(self, name: str) -> str:
        """The id of the style called *name*; KeyError for a style the part lacks."""
        return self.ids[name]

    def paragraph(self, style: str | None = None) -> CT_P:
        """An empty ``w:p`` in *style* (None or the default style: no ``w:pStyle``), of
        python-docx's element class, so its paragraph API works on it too."""
        p: CT_P = OxmlElement("w:p")  # type: ignore[assignment]  # python-docx gives CT_P
        ppr = etree.SubElement(p, w("pPr"))
        if style is not None and style != self.default_style:
            etree.SubElement(ppr, w("pStyle"), {w("val"): self.style_id(style)})
        return p

    def run(self, parent: etree._Element, text: str, style: str | None = None
            ) -> etree._Element:
        """A ``w:r`` with *text* (tabs and line breaks as Word's own elements) appended
        to *parent*, in character style *style*."""
        r = etree.SubElement(parent, w("r"))
        if style is not None:
            etree.SubElement(etree.SubElement(r, w("rPr")), w("rStyle"),
                             {w("val"): self.style_id(style)})
        for piece in _SPECIAL.split(text):
            if piece == "\t":
                etree.SubElement(r, w("tab"))
            elif piece in ("\r", "\n"):
                etree.SubElement(r, w("br"))
            elif piece:
                t = etree.SubElement(r, w("t"))
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(XML_SPACE, "preserve")
        return r

    def hyperlink(self, parent: etree._Element, *, anchor: str | None = None,
                  rid: str | None = None) -> etree._Element:
        """A ``w:hyperlink`` appended to *parent*: to a bookmark (*anchor*) or to an
        external target (*rid*, the relationship's id)."""
        attributes = {w("anchor"): anchor} if anchor is not None else {}
        if rid is not None:
            attributes[f"{{{R_NS}}}id"] = rid
        link = etree.SubElement(parent, w("hyperlink"), attributes)
        link.set(w("history"), "1")
        return link

    def bookmark(self, p: etree._Element, name: str) -> None:
        """A bookmark called *name* around the whole of paragraph *p*."""
        self.bookmarks += 1
        number = str(self.bookmarks)
        start = etree.Element(w("bookmarkStart"), {w("id"): number, w("name"): name})
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        etree.SubElement(p, w("bookmarkEnd"), {w("id"): number})
