"""A Word file that travels: valid OOXML for Word (openxml-audit), its fonts inside, and
the same look where they are not installed (LibreOffice headless, checked with pdffonts).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from riksdoc.writers import docx as writer, docx_fonts

from .conftest import NOTES_FIXTURE, SEED, print_inputs, read_document

NO_SOURCE_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont>
    <pattern><patelt name="family"><string>Source Serif Pro</string></patelt></pattern>
    <pattern><patelt name="family"><string>Source Sans Pro</string></patelt></pattern>
    <pattern><patelt name="family"><string>Source Sans Pro Semibold</string></patelt></pattern>
    <glob>*Source*</glob>
  </rejectfont></selectfont>
</fontconfig>
"""
"""A font configuration for a machine without Source Serif/Sans, whatever this one has."""


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    files = {}
    for path in print_inputs():
        files[path.stem] = folder / f"{path.stem}.docx"
        files[path.stem].write_bytes(writer.write(read_document(path), stem=path.stem))
    return files


@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_openxml_audit_finds_no_error(path: Path, docx_files: dict[str, Path]) -> None:
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(docx_files[path.stem])
    errors = [e for e in result.errors if e.severity.value == "error"]
    assert not errors, [f"{e.part_uri} {e.path}: {e.description}" for e in errors]


def test_every_face_is_embedded_obfuscated_and_declared(docx_files: dict[str, Path]) -> None:
    with zipfile.ZipFile(docx_files[SEED.stem]) as package:
        names = package.namelist()
        fonts = [n for n in names if n.startswith("word/fonts/")]
        assert len(fonts) == sum(1 for font in docx_fonts.settings()["font"]
                                 for face in docx_fonts.FACES if face in font
                                 and "italic" not in face.lower())  # a letter has no italics
        assert all(n.endswith(".odttf") for n in fonts)
        types = package.read("[Content_Types].xml").decode()
        assert docx_fonts.OBFUSCATED_FONT in types
        settings = package.read("word/settings.xml").decode()
        assert "<w:embedTrueTypeFonts/>" in settings and "<w:saveSubsetFonts/>" in settings
        for name in fonts:  # obfuscated: no font signature at the start
            assert package.read(name)[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true")


@pytest.mark.integration
def test_libreoffice_without_the_fonts_renders_in_source_serif_and_sans(
        docx_files: dict[str, Path], tmp_path: Path) -> None:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None or shutil.which("pdffonts") is None:
        pytest.fail("the integration test needs LibreOffice and pdffonts (poppler-utils)")
    config = tmp_path / "fonts.conf"
    config.write_text(NO_SOURCE_FONTS.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path), "FONTCONFIG_FILE": str(config)}
    listed = subprocess.run(["fc-list", ":", "family"], env=env, capture_output=True, text=True)
    assert "Source" not in listed.stdout, "the fonts must not be installed for this test"
    sources = [docx_files[name] for name in (SEED.stem, NOTES_FIXTURE.stem, "frs-2012-13-600")]
    out = tmp_path / "out"
    subprocess.run([program, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=300, env=env)
    for source in sources:
        report = subprocess.run(["pdffonts", str(out / f"{source.stem}.pdf")], check=True,
                                capture_output=True, text=True).stdout
        used = {line.split()[0].split("+")[-1] for line in report.splitlines()[2:]}
        assert used <= {"SourceSerifPro-Regular", "SourceSerifPro-Bold", "SourceSansPro-Regular",
                        "SourceSansPro-Bold", "SourceSansPro-Semibold"}, (source.name, used)
        assert {"SourceSerifPro-Regular", "SourceSansPro-Semibold"} <= used, (source.name, used)


def test_current_word_opens_it_without_compatibility_mode(docx_files: dict[str, Path]) -> None:
    with zipfile.ZipFile(docx_files[SEED.stem]) as package:
        settings = package.read("word/settings.xml").decode()
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert '<w:consecutiveHyphenLimit w:val="2"/>' in settings
