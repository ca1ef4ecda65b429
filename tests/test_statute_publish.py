"""Statutes published: what a lawyer navigates by in each publication.

The HTML gives every part an ``id`` equal to its AKN eId and a table of contents;
the DOCX has a Word heading for every chapter and rubrik and reads back to the same
model; the PDF has bookmarks chapter › section, the page number as ``n (N)`` on every
page and the SFS number and current chapter in the running header.  The PDF is laid
out for Skollag's first chapters (the whole act takes WeasyPrint tens of seconds:
bench/i_statute_publish.py measures that), the rest for the whole act.
"""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import docx
import httpx
import pikepdf
import pytest
from lxml import etree, html

from riksdoc.model import Division, Document, Level, Paragraph, Ref, walk
from riksdoc.outline import label
from riksdoc.readers import read
from riksdoc.statute.as_of import as_of
from riksdoc.writers import write

from .conftest import SEED, TESTS
from .test_server import client, server  # noqa: F401 (fixtures: a real `riksdoc serve`)

SFS = TESTS / "corpus-sfs" / "api"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@cache
def statute(stem: str) -> Document:
    path = SFS / f"{stem}.json"
    return read(path.read_bytes(), path.name).document


def divisions(document: Document, level: Level) -> list[Division]:
    return [b for b, _ in walk(document.blocks) if isinstance(b, Division) and b.level is level]


# -- HTML ---------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", ["sfs-2010-800", "sfs-2025-400", "sfs-2024-1274"])
def test_every_part_of_the_act_has_its_eid_as_an_html_id(stem: str) -> None:
    document = statute(stem)
    act = etree.fromstring(write(document, "akn", stem=stem))
    page = html.fromstring(write(document, "html", stem=stem))
    ids = Counter(e.get("id") for e in page.iter() if e.get("id"))
    eids = [e.get("eId") for e in act.iter() if e.get("eId")
            and not any(a.tag == AKN + "meta" for a in e.iterancestors())]
    sections = [e.get("eId") for e in act.iter(AKN + "section")]
    assert sections and all(ids[eid] == 1 for eid in sections)
    assert [eid for eid in eids if ids[eid] != 1] == []  # chapters, stycken, lists, points
    links = [a.get("href") for a in page.iter("a") if (a.get("href") or "")[:1] == "#"]
    assert links and all(ids[href[1:]] == 1 for href in links)  # no link dangles


def test_the_html_table_of_contents_lists_every_chapter_and_its_sections() -> None:
    document = statute("sfs-2010-800")
    page = html.fromstring(write(document, "html", stem="sfs-2010-800"))
    (toc,) = page.xpath("//nav[@class='toc']")
    top = [li.xpath("./a")[0].text for li in toc.xpath("./ol/li")]
    chapters = [label(c) for c in divisions(document, Level.CHAPTER)]
    assert top[:32] == chapters and len(chapters) == 32
    assert top[32] == "Övergångsbestämmelser" and all(t.startswith("Bilaga") for t in top[33:])
    first = toc.xpath("./ol/li[1]/p[@class='sections']/a/text()")
    assert first[:4] == ["1 §", "2 §", "3 §", "4 §"]


def test_a_section_number_opens_its_first_stycke_and_versions_are_labelled() -> None:
    page = html.fromstring(write(statute("sfs-2010-800"), "html", stem="sfs-2010-800"))
    first = page.get_element_by_id("chp_1__sec_2__para_1")
    assert first.tag == "p" and first.xpath("./span[@class='number rank-2']/text()") == ["2 §"]
    versions = page.xpath("//section[@id='chp_1__sec_1' or @id='chp_1__sec_1-v2026-07-01']")
    captions = [v.xpath(".//span[contains(@class, 'validity')]/text()") for v in versions]
    assert captions == [["/Upphör att gälla U:2026-07-01/"], ["/Träder i kraft I:2026-07-01/"]]


# -- DOCX ---------------------------------------------------------------------------------

def test_the_docx_has_a_word_heading_for_every_chapter_and_rubrik() -> None:
    document = statute("sfs-2010-800")
    word = docx.Document(io.BytesIO(write(document, "docx", stem="sfs-2010-800")))
    headings = [(p.style.name, p.text) for p in word.paragraphs
                if p.style.name.startswith("Heading")]
    chapters = divisions(document, Level.CHAPTER)
    first = [text for style, text in headings if style == "Heading 1"][:32]
    assert len(chapters) == 32 and all(  # a version's marker words follow its number
        text.startswith(c.num) and text.endswith(c.heading) for text, c in zip(first, chapters, strict=True))
    rubriker = Counter(d.heading for d in divisions(document, Level.HEADING))
    found = Counter(text for style, text in headings if style != "Heading 1")
    assert sum(rubriker.values()) > 700 and not rubriker - found
    # a section's number opens its stycke, in its own character style
    opening = next(p for p in word.paragraphs if p.text.startswith("2 § I denna lag finns"))
    assert opening.style.name == "Body Text" and opening.runs[0].text == "2 §"
    assert opening.runs[0].style.name == "Riksdoc Number"


@pytest.mark.parametrize("stem", sorted(p.stem for p in SFS.glob("*.json")))
def test_a_statute_reads_back_from_its_docx_to_the_same_model(stem: str) -> None:
    document = statute(stem)
    again = read(write(document, "docx", stem=stem), f"{stem}.docx").document
    assert again.statute == document.statute and again.heading == document.heading
    assert again.blocks == document.blocks


def test_the_docx_links_jump_to_bookmarks_named_by_eid() -> None:
    data = write(statute("sfs-2024-1274"), "docx", stem="sfs-2024-1274")
    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marks = {b.get(w + "name") for b in body.iter(w + "bookmarkStart")}
    anchors = [h.get(w + "anchor") for h in body.iter(w + "hyperlink") if h.get(w + "anchor")]
    assert anchors and all(a in marks for a in anchors)


# -- PDF ----------------------------------------------------------------------------------

def opening_chapters(count: int) -> Document:
    """Skollag's first *count* chapters, links out of them made text again."""
    document = statute("sfs-2010-800")
    chapters = tuple(b for b in document.blocks if isinstance(b, Division))[:count]
    kept = {f"chp_{n}" for n in range(1, count + 1)}

    def keep(block):
        if isinstance(block, Division):
            return replace(block, children=tuple(keep(c) for c in block.children))
        if isinstance(block, Paragraph):
            return replace(block, content=tuple(
                p.text if isinstance(p, Ref) and p.href[:1] == "#"
                and p.href[1:].split("__")[0] not in kept else p for p in block.content))
        return block
    return replace(document, blocks=tuple(keep(c) for c in chapters))


@cache
def opening_pdf() -> bytes:
    return write(opening_chapters(3), "pdf", stem="sfs-2010-800")


def page_texts(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_the_pdf_bookmarks_are_chapter_then_section() -> None:
    document = opening_chapters(3)
    with pikepdf.open(io.BytesIO(opening_pdf())) as pdf, pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        under = [[child.title for child in item.children] for item in outline.root]
    chapters = [c for c in document.blocks if isinstance(c, Division)]
    assert top == [label(c) for c in chapters]
    sections = [[b for b, _ in walk(c.children) if isinstance(b, Division)
                 and b.level is Level.SECTION] for c in chapters]
    assert [len(s) for s in under] == [len(s) for s in sections] and len(under[0]) > 10
    assert under[0][:2] == ["1 § /Upphör att gälla U:2026-07-01/",
                            "1 § /Träder i kraft I:2026-07-01/"]  # both versions, labelled


def test_copied_text_keeps_a_sections_first_line_with_the_rest(tmp_path: Path) -> None:
    """A section's number opens its first line in print; text taken from the PDF
    (pdftotext, reading order) must not break the stycke after that line."""
    path = tmp_path / "x.pdf"
    path.write_bytes(write(statute("sfs-2024-1274"), "pdf", stem="sfs-2024-1274"))
    lines = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    openings = [i for i, line in enumerate(lines) if re.match(r"\d+ (?:[a-z] )?§ \S", line)]
    assert len(openings) > 10
    broken = [lines[i] for i in openings
              if not lines[i].endswith((".", ":")) and i + 1 < len(lines) and not lines[i + 1]]
    assert broken == []


def test_every_pdf_page_has_its_number_of_all_and_the_running_header(tmp_path: Path) -> None:
    pages = page_texts(opening_pdf(), tmp_path)
    assert len(pages) > 10
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[-1].endswith(f"{number} ({len(pages)})"), number
        if number > 1:
            assert lines[0].startswith("SFS 2010:800"), number
            assert re.search(r"\b[123] kap\. ", lines[0]), number  # the current chapter
    assert pages[0].split()[:2] == ["SFS", "2010:800"] and "Utfärdad den 23 juni 2010" in pages[0]


def test_the_pdf_is_tagged_pdfa_with_the_act_embedded() -> None:
    with pikepdf.open(io.BytesIO(opening_pdf())) as pdf:
        assert pdf.open_metadata().get("pdfaid:part") == "3"
        assert "/StructTreeRoot" in pdf.Root
        roles = {str(e.get("/S")) for e in _structure(pdf.Root.StructTreeRoot)}
        assert {"/H1", "/H2", "/L", "/LI"} <= roles
        (name,) = pdf.attachments.keys()
        assert name == "sfs-2010-800.akn.xml"


def _structure(node: pikepdf.Object, depth: int = 0):
    kids = node.get("/K")
    if kids is None or depth > 40:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary):
            yield kid
            yield from _structure(kid, depth + 1)


# -- the web page and the API --------------------------------------------------------------

def test_the_api_and_the_page_show_a_statutes_outline(client: httpx.Client) -> None:  # noqa: F811
    record = (SFS / "sfs-2024-1274.json").read_bytes()
    reply = client.post("/api/convert", files={"file": ("sfs-2024-1274.json", record)},
                        data={"formats": "akn,html"})
    assert reply.status_code == 200, reply.text
    outline = reply.json()["outline"]
    assert [e["label"] for e in outline][:3] == ["1 §", "2 §", "3 §"]
    assert outline[-1]["label"] == "Övergångsbestämmelser" and outline[0]["eid"] == "sec_1"
    text = (TESTS / "corpus-sfs" / "raw" / "sfs-2024-1274.txt").read_bytes().decode("utf-8")
    posted = client.post("/", files={"text": (None, text), "kind": (None, "sfs"),
                                     "formats": (None, "html")})
    assert posted.status_code == 303
    page = html.fromstring(client.get(posted.headers["location"]).text)
    (section,) = page.xpath("//section[@aria-labelledby='h-outline']")
    parts = section.xpath("./ol/li/a | ./ol/li/details/summary/a")
    assert [a.text for a in parts] == [e["label"] for e in outline]
    assert parts[0].get("href").endswith("#sec_1") and parts[0].get("target") == "preview"
    assert page.xpath("//iframe[@name='preview']")
    letter = client.post("/api/convert", data={"text": SEED.read_text(encoding="utf-8"),
                                               "formats": "akn"})
    assert letter.json()["outline"] == []


def test_the_api_and_the_page_publish_a_statutes_law_on_a_day(client: httpx.Client  # noqa: F811
                                                             ) -> None:
    """``as_of`` on the API (field or query) and the page's date field do what ``--as-of``
    does; a malformed day is a 400 that says how to write it."""
    record = (SFS / "sfs-2025-400.json").read_bytes()  # 2 a § comes into force 2026-01-15
    answers = {day: client.post(f"/api/convert?as_of={day}", data={"formats": "akn"},
                                files={"file": ("sfs-2025-400.json", record)})
               for day in ("2026-01-14", "2026-01-15")}
    sections = {}
    for day, reply in answers.items():
        assert reply.status_code == 200, reply.text
        assert reply.json()["metadata"]["statute"]["as_of"] == day
        akn = client.get(reply.json()["files"]["akn"]["url"]).content
        assert f"/swe@{day}".encode() in akn
        sections[day] = akn.count(b"<section ")
    assert 200 < sections["2026-01-14"] < sections["2026-01-15"]
    posted = client.post("/", files={"file": ("sfs-2025-400.json", record),
                                     "as_of": (None, "2026-01-15"), "formats": (None, "akn")})
    assert posted.status_code == 303
    assert "2026-01-15" in client.get(posted.headers["location"]).text
    bad = client.post("/api/convert", data={"formats": "akn", "as_of": "15 januari"},
                      files={"file": ("sfs-2025-400.json", record)})
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.text
    page = html.fromstring(client.get("/").text)
    assert page.xpath("//input[@type='date' and @name='as_of']")


def test_the_docx_first_page_says_the_day_and_reads_back() -> None:
    day = as_of(statute("sfs-2025-399"), datetime.date(2026, 7, 1))
    word = docx.Document(io.BytesIO(write(day, "docx", stem="sfs-2025-399")))
    front = [(p.style.name, p.text) for p in word.paragraphs][:6]
    assert front[:2] == [("Riksdoc SFS Number", "SFS 2025:399"),
                         ("Title", "Förordning (2025:399) om riktålder för pension för år 2031")]
    assert ("Riksdoc Statute As Of", "Lydelse den 1 juli 2026") in front
    assert ("Riksdoc Statute Rule", "") in front  # the rule under the head, as in print
    again = read(write(day, "docx", stem="sfs-2025-399"), "x.docx").document
    assert again.blocks == day.blocks and again.statute == day.statute


@pytest.mark.parametrize("stem", ["sfs-2024-1274", "sfs-2025-399"])
def test_a_statutes_docx_is_valid_ooxml(stem: str, tmp_path: Path) -> None:
    """openxml-audit over a statute's DOCX (its custom XML record, headings, lists, links):
    no error (a lower-case GUID in the record's properties was one)."""
    from openxml_audit import OpenXmlValidator

    path = tmp_path / f"{stem}.docx"
    path.write_bytes(write(statute(stem), "docx", stem=stem))
    errors = [e for e in OpenXmlValidator().validate(path).errors if e.severity.value == "error"]
    assert not errors, [f"{e.part_uri} {e.path}: {e.description}" for e in errors]
