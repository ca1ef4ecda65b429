"""The fonts a DOCX carries, so that it looks the same where they are not installed.

The style's ``docx/fonts.toml`` (`riksdoc.housestyle`) lists the fonts the
styles use and the faces to embed: shipped fonts, or a house style's own.
Each face is subset to a repertoire that covers Swedish text (and whatever
else the document uses), then obfuscated as ECMA-376 Part 1, 17.8.1
requires: the first 32 bytes XORed with the 16 bytes of a GUID, the font
key, taken in reverse order.  The key is derived from the face and the
characters it keeps (no random ids), so the same document gives the same package.

`fonts_part` gives the ``word/fontTable.xml`` that declares each font with
what Word needs to find a stand-in (``w:panose1``, ``w:family``,
``w:pitch``, ``w:sig``, all read from the font itself but the family, which
fonts.toml states) and its embedded faces (``w:embedRegular``, ``w:embedBold``
with ``w:fontKey`` and ``w:subsetted``); the settings part must also say
``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

from ..housestyle import BUILT_IN, HouseStyle
from ..ooxml import W_NS, w
from ..ooxml.package import content_guid
from .pdf_fonts import font_data

FONTS_TOML = "docx/fonts.toml"
"""Which fonts the DOCX embeds, in a style."""

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
"""Content type of an embedded, obfuscated TrueType font (``.odttf``)."""

FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"

KEPT_NAMES = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 16, 17)
"""Name records kept in a subset: copyright, family and face names, version, PostScript
name, trademark, manufacturer, designer, URLs, the licence and its URL, typographic names."""

FACES = ("regular", "bold", "italic", "boldItalic")
"""Faces in the order CT_Font lists their w:embed… elements."""


@dataclass(frozen=True)
class Face:
    """One embedded face of a font, ready for the package."""

    font: str
    """The font's name (w:name)."""
    face: str
    """``regular``, ``bold``, ``italic`` or ``boldItalic``."""
    data: bytes
    """The subset font, obfuscated."""
    key: str
    """The GUID that obfuscates it, ``{XXXXXXXX-…}`` in upper case."""


@lru_cache(maxsize=4)
def settings(style: HouseStyle = BUILT_IN) -> dict[str, Any]:
    """*style*'s fonts.toml, parsed."""
    return style.toml(FONTS_TOML)


def repertoire(style: HouseStyle = BUILT_IN) -> frozenset[int]:
    """The code points every embedded face keeps (fonts.toml ``keep``)."""
    points: set[int] = set()
    for span in settings(style)["keep"]:
        first, _, last = span.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


def faces(text: str, style: HouseStyle = BUILT_IN, *, italic: bool = False) -> list[Face]:
    """Every face *style*'s fonts.toml lists, subset for *text* and obfuscated, in order;
    the italic faces only where the document uses them (*italic*)."""
    extra = frozenset(ord(c) for c in text) - repertoire(style)
    return [_face(font["name"], face, font[face], extra, style)
            for font in settings(style)["font"] for face in FACES
            if face in font and (italic or "italic" not in face.lower())]


@lru_cache(maxsize=256)
def _face(name: str, face: str, file: str, extra: frozenset[int], style: HouseStyle) -> Face:
    unicodes = repertoire(style) | extra
    # the face's file and code points name its key: the same for the same face and text
    # whatever HarfBuzz version subsets it
    key = content_guid(f"{file} {sorted(unicodes)}".encode() + style.fingerprint.encode())
    return Face(name, face, obfuscate(subset(file, unicodes, style), key), key)


def subset(file: str, unicodes: Iterable[int], style: HouseStyle = BUILT_IN) -> bytes:
    """The shipped font *file* with the glyphs for *unicodes*, HarfBuzz's default layout
    features (kerning, ligatures, marks) and tabular figures, and its names (the OFL
    notice included); HarfBuzz keeps the font's own timestamp, so the bytes are stable."""
    import uharfbuzz as hb

    source = font_data(file, style)
    request = hb.SubsetInput()
    for point in sorted(unicodes):
        request.unicode_set.add(point)
    request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG).add(int.from_bytes(b"tnum", "big"))
    names = request.sets(hb.SubsetInputSets.NAME_ID)
    for name_id in KEPT_NAMES:
        names.add(name_id)
    return bytes(hb.subset(hb.Face(source), request).blob.data)


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 font obfuscation: the first 32 bytes XORed with the key's bytes, the key's
    hex digits read from the last pair to the first.  Its own inverse."""
    digits = key.strip("{}").replace("-", "")
    order = bytes.fromhex(digits)[::-1]
    head = bytes(b ^ order[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def fonts_part(embedded: list[tuple[Face, str]], style: HouseStyle = BUILT_IN) -> bytes:
    """``word/fontTable.xml`` declaring each font of *style*'s fonts.toml with its embedded
    faces; *embedded* pairs each face with the relationship id of its part."""
    root = etree.Element(w("fonts"), nsmap={"w": W_NS, "r": R_NS})
    for font in settings(style)["font"]:
        panose, pitch, signature = _metrics(font["regular"], style)
        element = etree.SubElement(root, w("font"), {w("name"): font["name"]})
        etree.SubElement(element, w("panose1"), {w("val"): panose})
        etree.SubElement(element, w("charset"), {w("val"): "00"})
        etree.SubElement(element, w("family"), {w("val"): font["family"]})
        etree.SubElement(element, w("pitch"), {w("val"): pitch})
        etree.SubElement(element, w("sig"), {w(key): value for key, value in signature})
        for face, rel_id in embedded:
            if face.font == font["name"]:
                tag = "embed" + face.face[0].upper() + face.face[1:]
                etree.SubElement(element, w(tag), {f"{{{R_NS}}}id": rel_id, w("fontKey"): face.key,
                                                   w("subsetted"): "1"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=16)
def _metrics(file: str, style: HouseStyle) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(panose, pitch, signature attributes) of a font *file*: read once a process (its
    ``post`` table alone, glyph names and all, cost more than the rest of a letter's DOCX)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_data(file, style)), lazy=True)
    os2 = font["OS/2"]
    pitch = "fixed" if font["post"].isFixedPitch else "variable"
    signature = (("usb0", os2.ulUnicodeRange1), ("usb1", os2.ulUnicodeRange2),
                 ("usb2", os2.ulUnicodeRange3), ("usb3", os2.ulUnicodeRange4),
                 ("csb0", os2.ulCodePageRange1), ("csb1", os2.ulCodePageRange2))
    return _panose(os2.panose), pitch, tuple((key, f"{value:08X}") for key, value in signature)


def _panose(panose: object) -> str:
    fields = ("bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast",
              "bStrokeVariation", "bArmStyle", "bLetterForm", "bMidline", "bXHeight")
    return "".join(f"{getattr(panose, field):02X}" for field in fields)
