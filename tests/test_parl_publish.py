"""Papers published: HTML, DOCX and PDF show the header as the text gives it, the headed
parts as headings, the proposals with their numbers, the signatures two to a row, and
every word of the text (or the report) — and nothing the text does not say."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from lxml import etree, html

from riksdoc.model import Division
from riksdoc.outline import label
from riksdoc.readers import Read, read
from riksdoc.writers import write

from .test_parl_corpus import PARL, words

SAMPLES = ["mot-2018-19-3079", "bet-2018-19-JuU17", "prop-2019-20-19", "skr-2018-19-149"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@cache
def result(stem: str) -> Read:
    path = PARL / "raw" / f"{stem}.txt"
    return read(path.read_bytes(), path.name)


def reported(result: Read) -> Counter[str]:
    found: Counter[str] = Counter()
    assert result.normalised is not None
    for change in result.normalised.changes:
        if change.kind in ("running-head", "title-block", "table-of-contents", "page-number"):
            found.update(words(change.text))
        elif change.kind == "footnote":
            found.update(words(change.text)[:1])
    return found


def test_html_shows_the_header_proposals_and_signatures_as_the_text_gives_them() -> None:
    page = html.fromstring(write(result("mot-2018-19-3079").document, "html", stem="x"))
    assert page.xpath("//header/p[@class='doc-line']/text()") == [
        "Motion till riksdagen", "2018/19:3079", "av Johan Forssell m.fl. (M, KD)"]
    assert page.xpath("//header/h1/text()")[0].startswith("med anledning av prop. 2018/19:86")
    assert page.xpath("//div[@class='proposal']/span[@class='num']/text()") == ["1.", "2.", "3."]
    names = page.xpath("//div[@class='signatures']/p[@class='name']/text()")
    assert names == ["Johan Forssell (M)", "Andreas Carlson (KD)", "Louise Meijer (M)",
                     "Ingemar Kihlström (KD)", "Josefin Malmqvist (M)"]
    assert not page.xpath("//footer")  # no date line or signature composed beside the text's


def test_a_reports_signature_block_keeps_its_lines_in_place() -> None:
    page = html.fromstring(write(result("bet-2018-19-JuU17").document, "html", stem="x"))
    block = page.xpath("//div[@class='signatures']")[0]
    texts = ["".join(p.itertext()) for p in block]
    assert texts[:3] == ["Stockholm den 25 april 2019", "På justitieutskottets vägnar",
                         "Fredrik Lundh Sammeli"]
    assert texts[3].startswith("Följande ledamöter") and block[3].get("class") is None
    assert "Bet. 2018/19:JuU17" in page.xpath("//article/@data-running-header")


def docx_words(data: bytes) -> Counter[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        found: Counter[str] = Counter()
        for name in ("word/document.xml", "word/footnotes.xml"):
            if name in archive.namelist():
                root = etree.fromstring(archive.read(name))
                found.update(words(" ".join(root.xpath("//w:t/text()", namespaces={"w": W}))))
    return found


@pytest.mark.parametrize("stem", SAMPLES)
def test_every_word_reaches_the_docx_and_no_word_is_added(stem: str) -> None:
    got = result(stem)
    source = Counter(words((PARL / "raw" / f"{stem}.txt").read_text("utf-8")))
    out = docx_words(write(got.document, "docx", stem=stem)) + reported(got)
    assert not source - out
    assert set(out - source) <= {"1"} | set(words(got.document.paper.designation or ""))  # type: ignore[union-attr]


@pytest.mark.integration
@pytest.mark.parametrize("stem", SAMPLES[:2])
def test_every_word_reaches_the_pdf(stem: str, tmp_path: Path) -> None:
    got = result(stem)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(write(got.document, "pdf", stem=stem))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    header = f"Mot. {got.document.paper.as_written}"  # type: ignore[union-attr]
    # page furniture out: the running header (the paper's number, the current part's
    # heading) at each page's head, the page number at its foot
    parts = {label(b) for b in got.document.blocks if isinstance(b, Division)}
    lines: list[str] = []
    for page in text.split("\f"):
        kept = [line for line in page.split("\n") if line.strip()]
        while kept and (kept[0].strip() == header or (lines and kept[0].strip() in parts)):
            kept.pop(0)
        lines += [line for line in kept if not re.fullmatch(r"\d+ \(\d+\)", line.strip())]
    text = "\n".join(lines)
    text = re.sub(r"[-\u00ad\u2010]\n", "", text)  # the print's own hyphenation
    source = Counter(words((PARL / "raw" / f"{stem}.txt").read_text("utf-8")))
    assert not source - (Counter(words(text)) + reported(got))


@pytest.mark.parametrize("stem", SAMPLES)
def test_a_papers_docx_is_valid_ooxml_with_its_signatures_in_a_table(stem: str, tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    path = tmp_path / f"{stem}.docx"
    path.write_bytes(write(result(stem).document, "docx", stem=stem))
    errors = [e for e in OpenXmlValidator().validate(path).errors if e.severity.value == "error"]
    assert not errors, [f"{e.part_uri} {e.path}: {e.description}" for e in errors]
    if stem.startswith("mot"):
        with zipfile.ZipFile(path) as package:
            body = etree.fromstring(package.read("word/document.xml"))
        cells = body.xpath("//w:tbl//w:tc//w:t/text()", namespaces={"w": W})
        assert cells[:3] == ["Johan Forssell (M)", "Andreas Carlson (KD)", "Louise Meijer (M)"]

