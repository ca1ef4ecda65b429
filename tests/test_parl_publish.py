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

import httpx
import pytest
from lxml import etree, html

from riksdoc.model import Division
from riksdoc.outline import label
from riksdoc.readers import Read, read
from riksdoc.writers import write

from .test_parl_corpus import PARL, words
from .test_server import client, server  # noqa: F401 (fixtures: a real `riksdoc serve`)

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


# --- the headed structure in every publication ---------------------------------------------------

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@pytest.mark.parametrize("stem", ["prop-2018-19-138", "bet-2018-19-TU14", "mot-2019-20-3063"])
def test_html_anchors_are_the_akn_eids_of_the_same_parts(stem: str) -> None:
    """A link into the web page names a part as the archive's AKN does: every heading's id
    is the eId of the AKN part with that number and heading, the proposals' too."""
    document = result(stem).document
    page = html.fromstring(write(document, "html", stem="x"))
    akn = etree.fromstring(write(document, "akn", stem="x"))
    headed = page.xpath("//div[@class='body']//section[@id][h2 or h3 or h4 or h5 or h6]")
    assert len(headed) > 5
    for section in headed:
        (element,) = akn.xpath("//*[@eId=$eid]", eid=section.get("id"))
        heading = section[0]
        number = heading.xpath("span[@class='number']/text()")
        # a part's number and heading; an annex's in the preface of its attachment
        assert number == element.xpath("a:num/text() | a:doc/a:preface//a:docNumber/text()",
                                        namespaces=AKN)
        assert heading.text_content().strip().endswith("".join(element.xpath(
            "a:heading/text() | a:doc/a:preface//a:docTitle/text()", namespaces=AKN)))
    proposals = page.xpath("//div[@class='proposal']/@id")
    assert proposals == akn.xpath("//a:point[ancestor::a:list][not(ancestor::a:quotedStructure)]"
                                  "/@eId", namespaces=AKN)


def test_a_bills_proposed_law_is_linkable_by_the_same_eid_in_html() -> None:
    document = result("prop-2018-19-138").document
    page = html.fromstring(write(document, "html", stem="x"))
    eid = "sec_2__law_1__mod_1__qstr_1__chp_3__sec_1"
    (section,) = page.xpath("//*[@id=$eid]", eid=eid)
    assert section.xpath(".//span[contains(@class, 'number')]/text()")[0] == "1 §"
    assert page.xpath("//nav[@class='toc']//a[@href='#sec_2']/text()") == [
        "2 Förslag till lag om ändring i brottsbalken"]


def test_numbered_headings_are_headings_of_their_depth() -> None:
    """``2`` an h2, ``2.1`` under it an h3, ``2.1.1`` an h4 — in HTML as in the outline."""
    page = html.fromstring(write(result("prop-2018-19-138").document, "html", stem="x"))
    ranks = {}
    for heading in page.xpath("//div[@class='body']//*[self::h2 or self::h3 or self::h4]"):
        number = heading.xpath("span[@class='number']/text()")
        if number and re.fullmatch(r"\d+(\.\d+)*", number[0]):
            ranks[number[0]] = heading.tag
    assert ranks["4"] == "h2" and ranks["4.3"] == "h3"
    assert all(tag == f"h{min(num.count('.') + 2, 6)}" for num, tag in ranks.items())


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return [("".join(p.xpath("w:pPr/w:pStyle/@w:val", namespaces={"w": W})),
             "".join(p.xpath(".//w:t/text()", namespaces={"w": W})))
            for p in body.iter(f"{{{W}}}p")]


def test_docx_headings_are_words_heading_styles_and_proposals_hang() -> None:
    data = write(result("mot-2019-20-3063").document, "docx", stem="x")
    paragraphs = docx_paragraphs(data)
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert ("Heading1", "Förslag till riksdagsbeslut") in headings
    assert any(style == "Heading2" for style, _ in headings)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    proposals = [p for p in body.iter(f"{{{W}}}p")
                 if p.xpath("w:pPr/w:ind/@w:hanging", namespaces={"w": W})]
    assert len(proposals) == 22
    first = "".join(proposals[0].xpath(".//w:t/text()", namespaces={"w": W}))
    assert first.startswith("1.Riksdagen ställer sig bakom")  # number, tab, text
    marks = body.xpath("//w:bookmarkStart/@w:name", namespaces={"w": W})
    links = body.xpath("//w:hyperlink/@w:anchor", namespaces={"w": W})
    assert marks and set(marks) == set(links)  # bookmarks where a link (its contents) points


@pytest.mark.integration
def test_a_long_papers_pdf_has_bookmarks_and_a_table_of_contents_with_pages(
        tmp_path: Path) -> None:
    from pypdf import PdfReader

    document = result("bet-2018-19-TU14").document
    path = tmp_path / "x.pdf"
    path.write_bytes(write(document, "pdf", stem="x"))
    reader = PdfReader(path)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == ["Sammanfattning", "Behandlade förslag", "Utskottets förslag till riksdagsbeslut"]
    assert "Reservationer" in top and any(t.startswith("Bilaga") for t in top)
    first = reader.pages[0].extract_text()
    assert "Innehåll" in first
    listed = re.search(r"Reservationer[ .]*?(\d+)\s*$", first, re.M)
    assert listed is not None
    reservations = next(item for item in reader.outline
                        if not isinstance(item, list) and item.title == "Reservationer")
    assert int(listed.group(1)) == reader.get_destination_page_number(reservations) + 1


@pytest.mark.integration
def test_a_short_papers_pdf_has_no_table_of_contents(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(write(result("mot-2018-19-3079").document, "pdf", stem="x"))
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Innehåll" not in text


def test_a_long_papers_docx_has_a_contents_field_linking_to_its_parts(tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    document = result("bet-2018-19-TU14").document
    path = tmp_path / "x.docx"
    path.write_bytes(write(document, "docx", stem="x"))
    errors = [e for e in OpenXmlValidator().validate(path).errors if e.severity.value == "error"]
    assert not errors, [f"{e.part_uri} {e.path}: {e.description}" for e in errors]
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
    ns = {"w": W}
    entries = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='TOC1' or w:pPr/w:pStyle/@w:val='TOC2']",
                         namespaces=ns)
    texts = ["".join(p.xpath("w:hyperlink/w:r/w:t/text()", namespaces=ns)) for p in entries]
    assert texts[:3] == ["Sammanfattning", "Behandlade förslag",
                         "Utskottets förslag till riksdagsbeslut"]
    assert "Reservationer" in texts
    instructions = body.xpath("//w:instrText/text()", namespaces=ns)
    assert instructions[0].strip().startswith("TOC \\o")
    anchors = body.xpath("//w:hyperlink/@w:anchor", namespaces=ns)
    marks = set(body.xpath("//w:bookmarkStart/@w:name", namespaces=ns))
    assert anchors and set(anchors) <= marks  # every entry leads to its part
    assert settings.xpath("//w:updateFields/@w:val", namespaces=ns) == ["true"]
    short = write(result("mot-2018-19-3079").document, "docx", stem="x")
    assert b"TOC \\o" not in zipfile.ZipFile(io.BytesIO(short)).read("word/document.xml")


# -- the web page and the API --------------------------------------------------------------

@pytest.mark.parametrize("name", ["raw/skr-2018-19-70.txt", "raw/bet-2018-19-JuU17.txt",
                                  "raw/prop-2019-20-19.txt", "records/mot-2019-20-3063.json"])
def test_the_api_and_the_page_take_a_paper_with_its_identity_and_outline(
        client: httpx.Client, name: str) -> None:  # noqa: F811
    """Every kind of paper, text or record, through the API and the page: its designation,
    its people, an outline whose anchors are the ids of its HTML."""
    data = (PARL / name).read_bytes()
    reply = client.post("/api/convert", files={"file": (Path(name).name, data)},
                        data={"formats": "akn,html"})
    assert reply.status_code == 200, reply.text
    answer = reply.json()
    expected = Path(name).stem.split("-", 1)[1].replace("-", "/", 1).replace("-", ":")
    assert answer["metadata"]["number"] == expected
    assert answer["metadata"]["paper"]["authors"]
    outline = answer["outline"]
    assert outline
    page_link = answer["files"]["html"]["url"]
    ids = set(html.fromstring(client.get(page_link).content).xpath("//@id"))
    assert {entry["eid"] for entry in outline} <= ids
    posted = client.post("/", files={"file": (Path(name).name, data), "formats": (None, "html")})
    assert posted.status_code == 303
    page = html.fromstring(client.get(posted.headers["location"]).text)
    (section,) = page.xpath("//section[@aria-labelledby='h-outline']")
    assert len(section.xpath(".//a")) >= len(outline)
