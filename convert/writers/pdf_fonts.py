"""The shipped fonts as the PDF writer serves them, and the text layer they give.

A PDF's text layer maps each *glyph* to text (the font's ToUnicode map), and
WeasyPrint writes one entry per glyph.  Source Serif draws the hyphen-minus,
U+2010 and the soft hyphen with one glyph, so a hyphen that layout inserts at
a line end and the author's own hyphen would share one entry: either
``nät‐\\nverk`` cannot be found as ``nätverk``, or ``Sven-Erik`` extracts with
the wrong hyphen.

So each font is served to WeasyPrint with one glyph more, ``hyphen.layout``:
a copy of the hyphen's outline and width, reached from `LAYOUT_HYPHEN`, a
Unicode noncharacter that print.css names as the ``hyphenate-character``
(normalisation removes noncharacters from every text, so none is the
author's).  After layout, `restore_soft_hyphens` rewrites that glyph's
ToUnicode entry to U+00AD SOFT HYPHEN, the character Unicode has for a
hyphen that only marks a line break.  The author's hyphen-minus keeps its own
glyph and extracts as U+002D.  Every extractor that reads ToUnicode (poppler,
pdfminer.six, pypdf, viewers' search) then sees ``nät\\u00ad`` ``verk``.

The fonts are the OFL Source Serif Pro / Source Sans Pro files of the PyPI
packages (read through importlib.resources), and a house style's own
TrueType fonts (``fonts/``, `riksdoc.housestyle`), which get the same glyph;
the extra glyph is added in memory, per process, and only a subset ever
leaves it, embedded in a PDF (named ``Riksdoc-Serif`` / ``Riksdoc-Sans`` by
its @font-face family, not with the reserved name).
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from ..housestyle import BUILT_IN, HouseStyle

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pikepdf

LAYOUT_HYPHEN = "\ufdef"
"""The hyphenate-character of print.css: a noncharacter drawn as a hyphen by the served
fonts, whose text becomes U+00AD in the finished PDF."""

SOFT_HYPHEN = "\u00ad"
"""What a hyphen inserted by layout extracts as."""

LAYOUT_GLYPH = "hyphen.layout"
"""Name of the glyph added to each served font."""

FONT_PACKAGES = {
    "SourceSerifPro": "font_source_serif_pro",
    "SourceSansPro": "font_source_sans_pro",
}
"""Font file prefix → the PyPI package (OFL) that ships it."""

_FONT_NAME = re.compile(r"^(?P<family>[A-Za-z]+)-[A-Za-z]+\.ttf$")


class URLRefused(ValueError):
    """WeasyPrint asked for a URL riksdoc does not serve."""


def font_file(name: str) -> bytes:
    """The shipped font file *name* (``SourceSerifPro-Regular.ttf``), or `URLRefused`."""
    match = _FONT_NAME.match(name)
    if not match or match.group("family") not in FONT_PACKAGES:
        raise URLRefused(f"not a shipped font: {name!r}")
    path = files(FONT_PACKAGES[match.group("family")]) / "files" / name
    if not path.is_file():
        raise URLRefused(f"no such shipped font: {name!r}")
    return path.read_bytes()


def font_data(name: str, style: HouseStyle = BUILT_IN) -> bytes:
    """The font file *name*: *style*'s own (``fonts/NAME``) where it has one, else the shipped
    one; `URLRefused` if neither."""
    return style.font(name) or font_file(name)


@lru_cache(maxsize=32)
def served_font(name: str, style: HouseStyle = BUILT_IN) -> bytes:
    """The font *name* (`font_data`) with the `LAYOUT_GLYPH` added, as WeasyPrint gets it.

    Only the tables the new glyph needs are rebuilt (glyph order, glyf/loca,
    hmtx, maxp, post names, cmap); the others are copied as they are.  No
    bounding box or timestamp is recomputed, so the bytes are the same on
    every run.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_data(name, style)), lazy=True, recalcBBoxes=False,
                  recalcTimestamp=False)
    order = font.getGlyphOrder()
    hyphen = font.getBestCmap()[ord("-")]
    glyf = font["glyf"]
    outline = glyf[hyphen]
    font.setGlyphOrder([*order, LAYOUT_GLYPH])
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs[LAYOUT_GLYPH] = outline
    font["hmtx"][LAYOUT_GLYPH] = font["hmtx"][hyphen]
    font["maxp"].numGlyphs = len(order) + 1
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            table.cmap[ord(LAYOUT_HYPHEN)] = LAYOUT_GLYPH
    if "DSIG" in font:  # a signature over the old tables would be false
        del font["DSIG"]
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


_LAYOUT_ENTRY = re.compile(rb"(<[0-9a-fA-F]+>\s*)<" + LAYOUT_HYPHEN.encode("utf-16-be").hex().encode()
                           + rb">", re.IGNORECASE)


def restore_soft_hyphens(pdf: pikepdf.Pdf) -> int:
    """Rewrite every ToUnicode entry of the layout glyph to U+00AD; how many fonts had one."""
    import pikepdf

    soft = SOFT_HYPHEN.encode("utf-16-be").hex().encode()
    changed = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        cmap = obj.get("/ToUnicode")
        if not isinstance(cmap, pikepdf.Stream):
            continue
        data = cmap.read_bytes()
        fixed, count = _LAYOUT_ENTRY.subn(rb"\1<" + soft + rb">", data)
        if count:
            cmap.write(fixed)
            changed += 1
    return changed
