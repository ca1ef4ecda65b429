"""Font subsetting for the PDF: the same bytes on every machine.

WeasyPrint embeds a subset of each font, made by the system's
``libharfbuzz-subset`` where it finds one and by fontTools where it does
not.  The two give different fonts, and fontTools also stamps the subset's
``head.modified`` with the clock, so the same document gave different PDFs
from one machine, and from one run, to the next.

riksdoc therefore subsets every font itself, with the HarfBuzz that the
``uharfbuzz`` wheel bundles: the same library, of the same version, wherever
riksdoc is installed, and on a machine without ``libharfbuzz-subset`` as fast
as on one with it.  `subset_font` makes the subset exactly the way
WeasyPrint's own HarfBuzz path does (retained glyph ids, the same tables
dropped, then the unused tail cut); `install` puts it in place of
WeasyPrint's ``Font.subset`` once per process.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH",
                  "PCLT", "SVG ")
"""Tables WeasyPrint drops from an embedded font: layout and bitmaps a PDF does not use."""


def subset_font(font: bytes, index: int, glyphs: Iterable[int], *, hinting: bool,
                notdef_outline: bool) -> bytes | None:
    """*font* (face *index* of the file) cut down to *glyphs*, keeping their ids; None if
    HarfBuzz cannot subset it (the caller keeps the whole font)."""
    import uharfbuzz as hb

    wanted = sorted(set(glyphs))
    if not wanted:
        return None
    face = hb.Face(hb.Blob(font), index)
    first = _input(wanted, hb.SubsetFlags.RETAIN_GIDS, notdef_outline)
    first.sets(hb.SubsetInputSets.DROP_TABLE_TAG).update(_tag(t) for t in DROPPED_TABLES)
    try:
        kept = hb.subset(face, first)
        # The glyphs after the last one used are empty now: cut them off.
        second = _input(range(max(wanted) + 1), 0 if hinting else hb.SubsetFlags.NO_HINTING,
                        notdef_outline)
        data: bytes = hb.subset(kept, second).blob.data
    except RuntimeError:  # uharfbuzz: "subset failed"
        return None
    return data or None


def _input(glyphs: Iterable[int], flags: int, notdef_outline: bool) -> Any:
    import uharfbuzz as hb

    subset_input = hb.SubsetInput()
    subset_input.glyph_set.update(glyphs)
    subset_input.flags = (flags | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
                          | hb.SubsetFlags.DESUBROUTINIZE
                          | (hb.SubsetFlags.NOTDEF_OUTLINE if notdef_outline else 0))
    return subset_input


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def install() -> None:
    """Subset every font WeasyPrint embeds with `subset_font` (idempotent).

    Raises RuntimeError if WeasyPrint's ``Font`` is not the shape this was
    written for (``subset(self, to_unicode, hinting)`` over ``file_content``,
    ``index`` and ``missing``), rather than make PDFs that differ by machine.
    """
    from weasyprint.pdf.fonts import Font

    if getattr(Font.subset, "riksdoc", False):
        return
    if list(inspect.signature(Font.subset).parameters) != ["self", "to_unicode", "hinting"]:
        raise RuntimeError("this WeasyPrint's Font.subset is not the one riksdoc replaces; "
                           "install the WeasyPrint version pyproject.toml names")

    def subset(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
        if not to_unicode:
            return
        data = subset_font(font.file_content, font.index, to_unicode, hinting=hinting,
                           notdef_outline=bool(font.missing))
        if data is not None:
            font.file_content = data

    subset.riksdoc = True  # type: ignore[attr-defined]
    Font.subset = subset
