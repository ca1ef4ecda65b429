"""The PDF writer: A4, PDF/A-3b with the AKN embedded once, tagged, fonts embedded,
text extractable in order, Swedish hyphenation, same bytes every run, fetches nothing.

The text checks run ``pdftotext`` (poppler-utils).  No binary goldens: every
test asserts a property a reader or an archive cares about.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pyphen
import pytest

from riksdoc import vocabulary
from riksdoc.model import Document, Kind, Paragraph, Person, QuestionRef
from riksdoc.writers import akn, html as html_writer, pdf as writer

from .conftest import CORPUS, ROOT, SEED, all_inputs, output, read_document
from .test_html import RICH, assert_words_in_order, model_words

RAW = CORPUS / "raw"
STAND_IN = b'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso><doc name="stand-in"/></akomaNtoso>\n'
"""Attachment for the tests that call `writer.render_pdf` directly on hand-made HTML."""

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) not installed")


def make_pdf(document: Document, stem: str) -> bytes:
    """The PDF, end to end through the writer (AKN embedded)."""
    return writer.write(document, stem=stem)


@pytest.fixture(autouse=True)
def weasyprint_warnings(request: pytest.FixtureRequest):
    """Fail a test if WeasyPrint logs a warning or error it did not expect.

    A test that expects some marks itself ``@pytest.mark.weasyprint_warns``
    and receives the records through the fixture.
    """
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
    if "expect_weasyprint_warnings" not in request.fixturenames:
        assert not records, "WeasyPrint warned: " + "; ".join(r.getMessage() for r in records)


@pytest.fixture
def expect_weasyprint_warnings(weasyprint_warnings):
    """The WeasyPrint log records of a test that expects some."""
    return weasyprint_warnings


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return make_pdf(read_document(SEED), SEED.stem)


def page_texts(data: bytes, *, raw: bool = False) -> list[str]:
    """``pdftotext`` of each page: its reading order (no layout), or with *raw* the order
    the page's content stream draws the text in, which is the document's order."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    texts = []
    for number in range(1, count + 1):
        mode = ["-raw"] if raw else []
        result = subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", "-f", str(number),
                                 "-l", str(number), "-", "-"],
                                input=data, capture_output=True, check=True)
        texts.append(result.stdout.decode("utf-8"))
    return texts


def body_text(document: Document, data: bytes) -> str:
    """The extracted text, in the order the pages draw it, without the page furniture
    (running header, ``1 (2)``).

    The drawing order is the document's (poppler's reading order would read a
    table's right-aligned figures as a column of their own).  Furniture sits
    between the last line of one page and the first of the next, where it
    would split a word hyphenated across the page break.
    """
    header = vocabulary.running_header(document)
    kept = []
    for text in page_texts(data, raw=True):
        kept += [line for line in text.splitlines()
                 if line.strip() != header and not re.fullmatch(r"\d+ \(\d+\)", line.strip())]
    return "\n".join(kept)


def fonts(pdf: pikepdf.Pdf):
    """(name, font descriptor) of every font used on every page."""
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants is not None else font
            yield str(target.get("/BaseFont")), target.get("/FontDescriptor")


def struct_types(node, found: set[str]) -> set[str]:
    """Every ``/S`` structure type under *node*."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            struct_types(child, found)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.add(str(node.S))
        if "/K" in node:
            struct_types(node.K, found)
    return found


# -- the seed: the "done when" --------------------------------------------------


def test_seed_is_a4(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        for page in pdf.pages:
            box = [round(float(v)) for v in page.MediaBox]
            assert box == [0, 0, 595, 842]


def test_seed_declares_pdfa_3b(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp.get("pdfaid:part") == "3"
        assert xmp.get("pdfaid:conformance") == "B"
        assert pdf.pdf_version == "1.7"
        assert "/OutputIntents" in pdf.Root  # sRGB, required for PDF/A


def test_seed_embeds_exactly_one_file_listed_once_in_af(seed_pdf: bytes) -> None:
    document = read_document(SEED)
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        assert list(pdf.attachments) == [f"{SEED.stem}.akn.xml"]
        spec = pdf.attachments[f"{SEED.stem}.akn.xml"]
        assert spec.get_file().read_bytes() == akn.write(document, stem=SEED.stem)
        af = list(pdf.Root.AF)
        assert len(af) == 1, "the catalog /AF lists the attachment more than once"
        assert af[0].objgen == spec.obj.objgen
        assert spec.obj.AFRelationship == "/Source"
        stream = spec.obj.EF.F
        assert stream.Subtype == "/application/xml"
        assert str(stream.Params.CreationDate) == str(stream.Params.ModDate) == "D:20171025000000Z"


def test_cli_pdf_embeds_exactly_the_akn_output(tmp_path: Path) -> None:
    """``riksdoc convert seed -t pdf,akn``: the PDF carries the very bytes of the .akn.xml."""
    from riksdoc.cli import main
    assert main(["convert", str(SEED), "-t", "pdf,akn", "-o", str(tmp_path), "-j", "1"]) == 0
    akn_bytes = (tmp_path / f"{SEED.stem}.akn.xml").read_bytes()
    with pikepdf.open(tmp_path / f"{SEED.stem}.pdf") as pdf:
        assert list(pdf.attachments) == [f"{SEED.stem}.akn.xml"]
        assert pdf.attachments[f"{SEED.stem}.akn.xml"].get_file().read_bytes() == akn_bytes


def test_weasyprint_70_duplicates_af_and_riksdoc_repairs_it() -> None:
    """WeasyPrint's issue 2917, watched: raw output lists the file twice; ours once."""
    html = html_writer.write(read_document(SEED), stem="s")
    raw = writer.render_pdf(html, attachment=STAND_IN, stem="s", finish=False)
    fixed = writer.render_pdf(html, attachment=STAND_IN, stem="s")
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        raw_count = len(pdf.Root.AF)
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        assert len(pdf.Root.AF) == 1
    if raw_count == 1:
        pytest.skip("this WeasyPrint no longer duplicates /AF; _finish's de-duplication is a no-op")
    assert raw_count == 2


def test_seed_is_tagged_with_lang_and_title(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert {"/H1", "/P"} <= struct_types(root.StructTreeRoot, set())
        assert str(root.Lang) == "sv"
        assert root.ViewerPreferences.DisplayDocTitle is True
        info = pdf.docinfo
        assert str(info.Title) == "Samarbete mellan polis och militär"
        assert str(info.Author) == "Morgan Johansson"
        assert str(info.Subject) == "Svar på skriftlig fråga 2017/18:112"
        assert "2017/18:112" in str(info.Keywords)
        assert str(info.CreationDate) == str(info.ModDate) == "D:20171025"
        xmp = pdf.open_metadata()
        assert xmp.get("dc:title") == "Samarbete mellan polis och militär"
        assert xmp.get("xmp:CreateDate") == "2017-10-25"


def test_seed_embeds_every_font_from_the_shipped_families(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:  # objects die with the file: check inside
        found = list(fonts(pdf))
        assert len(found) >= 3  # serif body, sans title, sans document line
        for name, descriptor in found:
            assert descriptor is not None, name
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), name
            # Subset (six-letter tag) of riksdoc's own @font-face families, never a system font.
            assert re.fullmatch(r"/[A-Z]{6}\+Riksdoc-(Serif|Sans)(-.*)?", name), name


@needs_pdftotext
def test_seed_every_word_extractable_in_order(seed_pdf: bytes) -> None:
    document = read_document(SEED)
    text = body_text(document, seed_pdf)
    assert_words_in_order(model_words(document), text)
    # The header line keeps its case (small capitals, not text-transform).
    assert "Svar på fråga 2017/18:112 av Mikael Cederbratt (M)" in text


@needs_pdftotext
def test_swedish_hyphenation(seed_pdf: bytes) -> None:
    """Lines break inside words, and only where Swedish patterns allow."""
    text = "\n".join(page_texts(seed_pdf))
    breaks = re.findall(r"(\w+)\u00ad\n(\w+)", text)
    assert breaks, "no word was hyphenated at a line end"
    swedish = pyphen.Pyphen(lang="sv")
    for head, tail in breaks:
        assert len(head) in swedish.positions(head + tail), f"{head}-{tail}"


# -- same bytes --------------------------------------------------------------------------


def test_every_stream_is_compressed_and_objects_are_packed(seed_pdf: bytes) -> None:
    """WeasyPrint writes uncompressed and the finishing pass compresses: nothing may be
    left out of that (a reader downloads the file; an archive keeps it) but the XMP
    metadata, which stays plain text so that tools that do not parse PDF find it."""
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        streams = {obj.objgen: obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)}
        plain = [objgen for objgen, obj in streams.items() if obj.get("/Filter") != "/FlateDecode"]
        assert len(streams) > 10
        assert plain == [pdf.Root.Metadata.objgen]
    assert b"/ObjStm" in seed_pdf


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_as_it_was_after_a_pdf(enabled: bool) -> None:
    """The writer pauses Python's cyclic garbage collector for the layout; a server's
    worker (or a caller that turned it off itself) must get it back as it was."""
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        writer.write(read_document(SEED), stem="seed")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_same_bytes_twice_in_process(seed_pdf: bytes) -> None:
    assert make_pdf(read_document(SEED), SEED.stem) == seed_pdf


def test_same_bytes_in_other_processes_whatever_the_epoch_and_hash_seed(seed_pdf: bytes) -> None:
    """No clock and no hash-order luck: fresh processes, different SOURCE_DATE_EPOCH."""
    script = ("import sys; from tests.test_pdf import make_pdf; from tests.conftest import SEED, "
              "read_document; sys.stdout.buffer.write(make_pdf(read_document(SEED), SEED.stem))")
    for epoch, seed in (("0", "1"), ("1700000000", "2"), (None, "3")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        env.pop("SOURCE_DATE_EPOCH", None)
        if epoch is not None:
            env["SOURCE_DATE_EPOCH"] = epoch
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                                capture_output=True, check=True)
        assert result.stdout == seed_pdf, f"differs with SOURCE_DATE_EPOCH={epoch}"


# -- dates --------------------------------------------------------------------------------


def test_yearless_document_gets_no_invented_date() -> None:
    document = read_document(RAW / "frs-2010-11-680.txt")
    data = make_pdf(document, "old")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
        xmp = pdf.open_metadata()
        assert xmp.get("xmp:CreateDate") is None and xmp.get("xmp:ModifyDate") is None
        params = pdf.attachments["old.akn.xml"].obj.EF.F.Params
        # the embedded AKN says "no date" by its placeholder; the PDF by leaving dates out
        assert "/ModDate" not in params and "/CreationDate" not in params
        assert int(params.Size) > 0
    assert writer.attachment_date(document) is None
    assert b"1970" not in data and b"19700101" not in data


# -- fetching ---------------------------------------------------------------------------------


def test_fetcher_serves_only_own_fonts_and_styles() -> None:
    fetcher = writer.fetcher_class()()
    font = fetcher.fetch("riksdoc-font:SourceSerifPro-Regular.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert b"@page" in fetcher.fetch("riksdoc-style:print.css").read()
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/",
                "data:text/css,body{}", "ftp://example.com/x", "/etc/passwd",
                "riksdoc-font:../../../etc/passwd", "riksdoc-font:DejaVuSans-Bold.ttf",
                "riksdoc-font:SourceSerifPro-Nope.ttf", "riksdoc-style:../pyproject.toml",
                "riksdoc-style:/etc/passwd.css"):
        with pytest.raises(writer.URLRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 11


def test_weasyprint_is_refused_what_it_asks_for(expect_weasyprint_warnings) -> None:
    """Markup that would fetch (hand-made, the model never produces it) gets nothing."""
    html = (b'<!DOCTYPE html><html lang="sv"><head><title>t</title>'
            b'<link rel="stylesheet" href="file:///etc/passwd"></head><body><p>x</p>'
            b'<img src="file:///etc/passwd" alt=""><img src="http://127.0.0.1:9/a.png" alt="">'
            b'</body></html>')
    _, _, fetcher = writer.resources()
    before = len(fetcher.refused)
    data = writer.render_pdf(html, attachment=STAND_IN, stem="t")
    assert set(fetcher.refused[before:]) == {"file:///etc/passwd", "http://127.0.0.1:9/a.png"}
    assert b"root:" not in data
    assert expect_weasyprint_warnings  # WeasyPrint reports the refusals


@needs_pdftotext
def test_urls_in_document_text_are_text_not_fetches() -> None:
    document = Document(kind=Kind.ANSWER, questions=(
        QuestionRef("2017/18", 1, "2017/18:1", Person("A B", "M"), '<img src="file:///etc/passwd">'),),
        blocks=(Paragraph(('<link rel="stylesheet" href="http://example.com/x.css"> '
                           '@import url(file:///etc/passwd); <script>alert(1)</script>',)),))
    _, _, fetcher = writer.resources()
    before = len(fetcher.refused), len(fetcher.served)
    data = make_pdf(document, "hostile")
    assert (len(fetcher.refused), len(fetcher.served)) == before  # nothing asked for
    text = body_text(document, data)
    assert '<img src="file:///etc/passwd">' in text.replace("\n", " ")
    assert "<script>alert(1)</script>" in text.replace("\n", " ")


def test_resources_are_built_once_per_process() -> None:
    assert writer.resources() is writer.resources()
    font_config, css, _ = writer.resources()
    make_pdf(read_document(SEED), "a")
    assert writer.resources()[0] is font_config and writer.resources()[1] is css


def test_importing_convert_does_not_import_weasyprint() -> None:
    code = ("import sys, riksdoc, riksdoc.cli, riksdoc.writers, riksdoc.writers.pdf, "
            "riksdoc.writers.html; print('weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.strip() == "False"


# -- lists, notes, tables, and every corpus document ----------------------------------------


@needs_pdftotext
def test_rich_document_keeps_markers_and_every_word() -> None:
    data = make_pdf(RICH, "rich")
    text = body_text(RICH, data)
    assert_words_in_order(model_words(RICH), text)
    assert re.search(r"1\)\s*första punkten", text) and re.search(r"–\s*strecksats", text)


@needs_pdftotext
@pytest.mark.parametrize("path", all_inputs(), ids=lambda p: p.name)
def test_every_input_converts_with_sane_pages_and_all_words(path: Path) -> None:
    document = read_document(path)
    made = output(path, "pdf")  # made once a session; the other corpus tests share it
    assert made.logged == (), "WeasyPrint warned: " + "; ".join(made.logged)
    data = made.data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert 1 <= len(pdf.pages) <= 3
        assert len(pdf.Root.AF) == 1
    assert_words_in_order(model_words(document), body_text(document, data))


@needs_pdftotext
def test_running_header_names_the_department_where_the_letterhead_does() -> None:
    from riksdoc.normalise import normalise
    from riksdoc.parse import parse
    lines = SEED.read_text(encoding="utf-8").splitlines()
    text = "\n".join(["Justitiedepartementet", "Till riksdagen", "", lines[0], *lines[1:5] * 4,
                      *lines[5:]])
    document = parse(normalise(text))
    assert vocabulary.running_header(document).startswith("Justitiedepartementet · ")
    pages = page_texts(writer.write(document, stem="x"))
    assert len(pages) >= 2
    assert vocabulary.running_header(document) in pages[1]
    assert vocabulary.running_header(document) not in pages[0]  # page 1 has the letterhead itself
