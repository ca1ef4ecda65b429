"""House styles: a folder laid over the built-in style changes what PDF, DOCX and HTML draw."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from riksdoc.housestyle import BUILT_IN, HouseStyle, StyleError, builtin_files
from riksdoc.ooxml.styles import merge_styles
from riksdoc.writers import write

from .conftest import ROOT, SEED, read_document

EXAMPLE = ROOT / "docs" / "house-style"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4


def riksdoc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "riksdoc", *args], capture_output=True,
                          text=True, cwd=ROOT)


def pdf_text_by_font(data: bytes) -> tuple[Counter[str], float, dict[str, str]]:
    """Characters drawn in each font (subset tag dropped) on page 1, the leftmost text, and
    the text drawn in each font."""
    counts: Counter[str] = Counter()
    texts: dict[str, str] = {}
    xs: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip() and font is not None:
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            counts[name] += len(text.strip())
            texts[name] = texts.get(name, "") + text
            xs.append(tm[4] * cm[0] + cm[4])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return counts, min(xs), texts


def pdf_fonts(data: bytes) -> set[str]:
    return {str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
            for page in PdfReader(io.BytesIO(data)).pages
            for font in page["/Resources"]["/Font"].values()}


def docx_part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def test_the_example_changes_fonts_and_margins_in_pdf_and_docx() -> None:
    document = read_document(SEED)
    house = HouseStyle.folder(EXAMPLE)
    built_in_pdf, house_pdf = (write(document, "pdf", stem="s", style=s) for s in (BUILT_IN, house))
    fonts, left, _ = pdf_text_by_font(built_in_pdf)
    assert fonts.most_common(1)[0][0] == "Riksdoc-Serif" and left == pytest.approx(25 * MM, abs=1)
    fonts, left, texts = pdf_text_by_font(house_pdf)
    assert fonts.most_common(1)[0][0] == "Riksdoc-Sans" and left == pytest.approx(35 * MM, abs=1)
    assert texts["Riksdoc-Serif-Bold"].split() == ["Samarbete", "mellan", "polis", "och", "militär"]
    assert all(font.startswith("Riksdoc-") for font in pdf_fonts(house_pdf))  # no machine's font

    built_in_docx, house_docx = (write(document, "docx", stem="s", style=s) for s in (BUILT_IN, house))
    for data, font, left_twips, size in ((built_in_docx, "Source Serif Pro", 1417, "23"),
                                         (house_docx, "Source Sans Pro", 1984, "22")):
        styles = docx_part(data, "word/styles.xml")
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        assert default.find(f"{W}rFonts").get(f"{W}ascii") == font
        assert default.find(f"{W}sz").get(f"{W}val") == size
        margins = docx_part(data, "word/document.xml").find(f".//{W}sectPr/{W}pgMar")
        assert int(margins.get(f"{W}left")) == left_twips
        assert int(margins.get(f"{W}top")) == (1701 if data is built_in_docx else 1417)
    title = docx_part(house_docx, "word/styles.xml").find(f"{W}style[@{W}styleId='Title']")
    assert title.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "Source Serif Pro"
    ids = [s.get(f"{W}styleId") for s in docx_part(built_in_docx, "word/styles.xml").iter(f"{W}style")]
    assert ids == [s.get(f"{W}styleId")  # every built-in style is still there, in its place
                   for s in docx_part(house_docx, "word/styles.xml").iter(f"{W}style")]

    page = write(document, "html", stem="s", style=house).decode()
    assert builtin_files()["screen.css"].decode() in page and "Source Sans Pro" in page


def test_a_house_style_changes_only_what_it_has(tmp_path: Path) -> None:
    """A house style with only a DOCX page setup: the PDF is the built-in one, byte for byte."""
    (tmp_path / "docx").mkdir()
    (tmp_path / "docx" / "page.toml").write_text("[page]\nleft = 40\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("Documentation is not a style file.\n", encoding="utf-8")
    house = HouseStyle.folder(tmp_path)
    document = read_document(SEED)
    assert write(document, "pdf", stem="s", style=house) == write(document, "pdf", stem="s")
    margins = docx_part(write(document, "docx", stem="s", style=house),
                        "word/document.xml").find(f".//{W}sectPr/{W}pgMar")
    assert (int(margins.get(f"{W}left")), int(margins.get(f"{W}right"))) == (2268, 1417)
    assert house.toml("docx/page.toml")["lists"] == BUILT_IN.toml("docx/page.toml")["lists"]


def test_a_house_style_brings_its_own_font(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    shipped = files("font_source_sans_pro") / "files" / "SourceSansPro-Light.ttf"
    (tmp_path / "fonts" / "Husets-Regular.ttf").write_bytes(shipped.read_bytes())
    (tmp_path / "print.css").write_text(
        '@font-face { font-family: "Husets"; src: url("riksdoc-font:Husets-Regular.ttf"); }\n'
        '.body p { font-family: "Husets"; hyphens: manual; }\n', encoding="utf-8")
    data = write(read_document(SEED), "pdf", stem="s", style=HouseStyle.folder(tmp_path))
    fonts, _, _ = pdf_text_by_font(data)
    assert fonts.most_common(1)[0][0].startswith("Husets")


@pytest.mark.parametrize("files_, reason", [
    ({}, "no style files"),
    ({"print.ccs": "x"}, "print.ccs is not a style file; a house style has files named as the "
                         "built-in style's (docx/fonts.toml, docx/hierarchy.xml,"),
    ({"docx/page.toml": "[page\nleft = 3"}, "docx/page.toml: Expected ']'"),
    ({"docx/styles.xml": "<w:styles"}, "docx/styles.xml: styles.xml is not well-formed XML"),
    ({"docx/styles.xml": "<styles/>"}, "docx/styles.xml: the root element must be w:styles"),
    ({"fonts/Trasig.ttf": "not a font"}, "fonts/Trasig.ttf: not a TrueType font"),
    ({"fonts/sub/X.ttf": "x"}, "fonts/sub/X.ttf: a font must be a .ttf file directly in fonts/"),
    ({"fonts/X.otf": "x"}, "fonts/X.otf: a font must be a .ttf file directly in fonts/"),
    ({"print.css": b"\xff\xfe"}, "print.css: not UTF-8 text"),
], ids=["empty", "unknown-file", "bad-toml", "bad-xml", "not-styles", "not-a-font",
        "font-in-subfolder", "otf", "not-utf8"])
def test_unfit_house_styles_are_refused_in_one_line(tmp_path: Path, files_: dict,
                                                    reason: str) -> None:
    folder = tmp_path / "hus"
    folder.mkdir()
    for name, content in files_.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode()
        (folder / name).write_bytes(data)
    run = riksdoc("convert", str(SEED), "--style", str(folder), "-o", f"{tmp_path / 'out'}/")
    assert run.returncode == 2
    assert run.stderr.startswith(f"riksdoc: --style {folder}: {reason}"), run.stderr
    assert len(run.stderr.splitlines()) == 1 and not (tmp_path / "out").exists()
    with pytest.raises(StyleError):
        HouseStyle.folder(folder)


def test_a_missing_folder_is_refused() -> None:
    run = riksdoc("convert", str(SEED), "--style", "/nonexistent/hus", "-t", "json", "-o", "-")
    assert (run.returncode, run.stderr) == (2, "riksdoc: --style /nonexistent/hus: not a folder\n")


def test_the_manifest_key_includes_the_house_style(tmp_path: Path) -> None:
    house = tmp_path / "hus"
    shutil.copytree(EXAMPLE, house)
    out = f"{tmp_path / 'out'}/"

    def run(*extra: str) -> str:
        done = riksdoc("convert", str(SEED), "-t", "html,json", "-o", out, "-v", *extra)
        assert done.returncode == 0, done.stderr
        return done.stderr.splitlines()[-1]

    assert run().startswith("riksdoc: 1 converted")
    assert run().startswith("riksdoc: 0 converted, 0 failed, 1 skipped")
    assert run("--style", str(house)).startswith("riksdoc: 1 converted")
    assert run("--style", str(house)).startswith("riksdoc: 0 converted, 0 failed, 1 skipped")
    with open(house / "screen.css", "a", encoding="utf-8") as css:
        css.write("body { color: #222; }\n")
    assert run("--style", str(house)).startswith("riksdoc: 1 converted")
    assert "body { color: #222; }" in (tmp_path / "out" / f"{SEED.stem}.html").read_text()


def test_formats_without_looks_do_not_depend_on_the_style() -> None:
    from riksdoc.engine import Job

    def key(style: HouseStyle, formats: tuple[str, ...]) -> str:
        return Job("x", "x.txt", b"text", formats, "x", style=style).key()

    house = HouseStyle.folder(EXAMPLE)
    assert key(house, ("akn", "json")) == key(BUILT_IN, ("akn", "json"))
    assert key(house, ("akn", "pdf")) != key(BUILT_IN, ("akn", "pdf"))


def test_styles_xml_is_laid_over_style_by_style() -> None:
    base = (b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:style w:styleId="A"><w:name w:val="a"/></w:style>'
            b'<w:style w:styleId="B"><w:name w:val="b"/></w:style></w:styles>')
    over = (b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:style w:styleId="C"><w:name w:val="c"/></w:style>'
            b'<w:docDefaults><w:rPrDefault/></w:docDefaults>'
            b'<w:style w:styleId="A"><w:name w:val="new a"/></w:style></w:styles>')
    merged = etree.fromstring(merge_styles(base, over))
    assert [(el.tag.replace(W, ""), el.get(f"{W}styleId")) for el in merged] == \
        [("docDefaults", None), ("style", "A"), ("style", "B"), ("style", "C")]
    assert merged[1].find(f"{W}name").get(f"{W}val") == "new a"
    assert merge_styles(base) == base


def test_a_house_style_docx_is_still_valid_ooxml(tmp_path: Path) -> None:
    """The laid-over styles part keeps the schema's order (docDefaults, latentStyles, styles)."""
    from openxml_audit import OpenXmlValidator

    path = tmp_path / "hus.docx"
    path.write_bytes(write(read_document(SEED), "docx", stem="s", style=HouseStyle.folder(EXAMPLE)))
    errors = [e for e in OpenXmlValidator().validate(path).errors if e.severity.value == "error"]
    assert not errors, [f"{e.part_uri} {e.path}: {e.description}" for e in errors]


def test_the_house_style_travels_with_the_work_to_dask_workers(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    house = tmp_path / "hus"
    shutil.copytree(EXAMPLE, house)
    run = riksdoc("convert", str(SEED), "-t", "docx,pdf", "-o", f"{tmp_path / 'ut'}/",
                  "--style", str(house), "--dask", "local", "-j", "1")
    assert run.returncode == 0, run.stderr
    style = HouseStyle.folder(house)
    for fmt in ("docx", "pdf"):
        made = (tmp_path / "ut" / f"{SEED.stem}.{fmt}").read_bytes()
        assert made == write(read_document(SEED), fmt, stem=SEED.stem, style=style), fmt
