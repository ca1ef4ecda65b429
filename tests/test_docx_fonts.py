"""The fonts a DOCX carries: subset, obfuscated as ECMA-376 says, declared for stand-ins."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont
from lxml import etree

from riksdoc.writers import docx_fonts

W = f"{{{docx_fonts.W_NS}}}"


def test_obfuscation_is_the_spec_xor_and_its_own_inverse() -> None:
    data = bytes(range(64))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    hidden = docx_fonts.obfuscate(data, key)
    # the key's bytes from the last hex pair to the first: FF EE DD … 00
    order = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert hidden[:32] == bytes(b ^ order[i % 16] for i, b in enumerate(data[:32]))
    assert hidden[32:] == data[32:]
    assert docx_fonts.obfuscate(hidden, key) == data


def test_faces_are_subset_deterministic_and_keep_the_names_word_matches() -> None:
    faces = docx_fonts.faces("Åsa Coenraads – 45 000 kr")
    assert [(f.font, f.face) for f in faces] == [
        ("Source Serif Pro", "regular"), ("Source Serif Pro", "bold"),
        ("Source Sans Pro", "regular"), ("Source Sans Pro", "bold"),
        ("Source Sans Pro Semibold", "regular")]
    again = docx_fonts.faces("Åsa Coenraads – 45 000 kr")
    assert [(f.data, f.key) for f in faces] == [(f.data, f.key) for f in again]
    for face in faces:
        font = TTFont(io.BytesIO(docx_fonts.obfuscate(face.data, face.key)))
        assert font["name"].getDebugName(1) == face.font
        assert "Open Font License" in font["name"].getDebugName(13)
        assert {ord(c) for c in "ÅåÄäÖöéü–€"} <= set(font.getBestCmap())
        assert len(font.getGlyphOrder()) < 1000  # a subset, not the whole font


def test_a_character_outside_the_repertoire_is_added() -> None:
    [serif, *_] = docx_fonts.faces("schwa ə")
    font = TTFont(io.BytesIO(docx_fonts.obfuscate(serif.data, serif.key)))
    assert ord("ə") in font.getBestCmap()  # IPA Extensions, outside `keep`


def test_font_table_declares_family_pitch_panose_signature_and_embedded_faces() -> None:
    faces = docx_fonts.faces("Hej")
    root = etree.fromstring(docx_fonts.fonts_part([(f, f"rId{i}") for i, f in enumerate(faces)]))
    fonts = {f.get(f"{W}name"): f for f in root.iter(f"{W}font")}
    serif = fonts["Source Serif Pro"]
    assert [etree.QName(c).localname for c in serif] == [
        "panose1", "charset", "family", "pitch", "sig", "embedRegular", "embedBold"]
    assert serif.find(f"{W}family").get(f"{W}val") == "roman"
    assert fonts["Source Sans Pro"].find(f"{W}family").get(f"{W}val") == "swiss"
    assert serif.find(f"{W}panose1").get(f"{W}val") == "02040603050405020204"
    assert serif.find(f"{W}pitch").get(f"{W}val") == "variable"
    embedded = serif.find(f"{W}embedRegular")
    assert embedded.get(f"{W}fontKey") == faces[0].key and embedded.get(f"{W}subsetted") == "1"
