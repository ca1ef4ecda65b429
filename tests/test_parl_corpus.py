"""The papers corpus (tests/corpus-parl, see its README): motions, committee reports, bills
and communications as published, and four of the Riksdag's open-data records.

Each document is typed with the identity, title, authors and date its text states
(as the corpus index records them), its numbered headings keep the source's
numbering in order, its table of contents is out of the body and in the report,
its AKN is strict-valid and reads back (as does its JSON), and every word of it
reaches the AKN or the report.  Each record converts with its own metadata and the
same body as its text file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from riksdoc.model import Division, Document, Kind, Level, Paragraph, inline_text, walk
from riksdoc.parl.contents import contents
from riksdoc.parl.lines import follows, path as number_path
from riksdoc.readers import Read, read
from riksdoc.validate import problems
from riksdoc.writers import write

from .conftest import TESTS

PARL = TESTS / "corpus-parl"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
INDEX = {entry["file"]: entry for entry in
         (json.loads(line) for line in (PARL / "index.jsonl").read_text("utf-8").splitlines() if line)}
RAW = sorted((PARL / "raw").glob("*.txt"))
RECORDS = sorted((PARL / "records").glob("*.json"))
KINDS = {"mot": Kind.MOTION, "bet": Kind.REPORT, "prop": Kind.BILL, "skr": Kind.COMMUNICATION}


@cache
def converted(path: Path) -> tuple[Read, bytes]:
    result = read(path.read_bytes(), path.name)
    return result, write(result.document, "akn", stem=path.stem)


def divisions(document: Document, level: Level) -> list[Division]:
    return [b for b, _ in walk(document.blocks) if isinstance(b, Division) and b.level is level]


# --- identity, title, authors, date -----------------------------------------------------------

@pytest.mark.parametrize("path", RAW, ids=lambda p: p.stem)
def test_each_paper_is_typed_with_its_stated_identity(path: Path) -> None:
    entry = INDEX[path.name]
    document = converted(path)[0].document
    paper = document.paper
    assert document.kind is KINDS[entry["doc_type"]] and paper is not None
    stated = paper.doc_line is not None or paper.as_written is not None
    if entry["number"] is not None:
        assert paper.designation == entry["number"]
    if not stated:  # the text names no designation: an archive's file name gave it, said so
        assert any(w.code == "number-from-name" for w in document.warnings)
    if paper.doc_line is not None:  # a header: its title is the paper's
        assert document.heading == entry["title"]
    else:
        assert document.heading is None
    if entry["date"] is not None:
        assert document.date is not None and document.date.iso() == entry["date"]
    else:
        assert document.date is None


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.stem)
def test_each_paper_has_its_stated_authors(path: Path) -> None:
    entry = INDEX[path.name]
    paper = converted(path)[0].document.paper
    assert paper is not None
    people = [(p.name, p.party) for p in paper.authors]
    if entry["doc_type"] == "mot":
        assert people == [(a["name"], a["party"]) for a in entry["authors"]]
    elif entry["doc_type"] == "bet":
        (author,) = entry["authors"]
        assert paper.committee == author["committee"]
        assert paper.doc_line == author["stated_as"].split(";")[0]
        if "signed_by" in author:
            assert people[0][0] == author["signed_by"]
    else:
        (author,) = entry["authors"]
        assert paper.ministry == author["ministry"]
        assert [name for name, _ in people] == [author["prime_minister"], author["minister"]]


# --- structure --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", RAW, ids=lambda p: p.stem)
def test_numbered_headings_keep_the_sources_numbering_in_order(path: Path) -> None:
    result = converted(path)[0]
    document = result.document
    listed = [e.num for e in contents(result.normalised) if e.num and e.num[0].isdigit()]
    found: list[str] = []
    previous: tuple[int, ...] = ()
    for block in document.blocks:
        if isinstance(block, Division) and block.level is Level.ANNEX:
            continue  # an annex numbers its headings afresh
        for division, _ in walk((block,)):
            if isinstance(division, Division) and division.level is Level.HEADED and division.num:
                number = number_path(division.num)
                assert follows(previous, number), f"{division.num} after {previous}"
                previous = number
                found.append(division.num)
    if document.kind is not Kind.REPORT:  # a report's table of contents numbers reservations
        assert found == listed


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.stem)
def test_the_table_of_contents_is_out_of_the_body_and_in_the_report(path: Path) -> None:
    result = converted(path)[0]
    source = path.read_text("utf-8")
    body = [inline_text(b.content) for b, _ in walk(result.document.blocks) if isinstance(b, Paragraph)]
    assert not any(re.search(r"\.{5,}", text) or text == "Innehållsförteckning" for text in body)
    listed = [c for c in result.normalised.changes if c.kind == "table-of-contents"]
    if "Innehållsförteckning" in source:
        assert listed and contents(result.normalised)
        assert listed[0].text.startswith("Innehållsförteckning")
    else:
        assert not listed


# --- AKN ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [*RAW, *RECORDS], ids=lambda p: p.name)
def test_akn_is_strict_valid_and_reads_back_as_does_json(path: Path) -> None:
    result, data = converted(path)
    assert problems(data) == []
    assert read(data, "x.akn.xml").document == result.document
    assert read(write(result.document, "json", stem="x"), "x.json").document == result.document


def words(text: str) -> list[str]:
    """Lower-case words and numbers; a word broken at a line's end (or at a page's) is one
    word, as are a word's parts joined by a hyphen or soft hyphen; a running head glued
    to a word (``tydligProp.``) is words of its own."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(?<=[a-zåäö])(?=[A-ZÅÄÖ])", " ", text)
    pages: list[str] = []

    def joined(m: re.Match[str]) -> str:
        pages.extend(re.findall(r"\d+", m.group("pages")))
        return ""
    text = re.sub(r"(?<=\w)-\s*\n(?P<pages>(?:\s*\d{1,3}\s*\n)*)\s*(?=[a-zåäö])"
                  r"(?!och\b|eller\b|samt\b|till\b)", joined, text)
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    return [w.lower() for w in re.findall(r"[^\W\d_]+|\d+", text)] + pages


def akn_words(data: bytes) -> Counter[str]:
    root = etree.fromstring(data)
    found: Counter[str] = Counter()
    for part in root[0].xpath("a:preface | a:mainBody | a:body | a:attachments", namespaces=NS):
        for element in part.iter():
            if not isinstance(element.tag, str) or etree.QName(element).localname == "meta":
                continue
            if element.xpath("ancestor::a:meta", namespaces=NS):
                continue
            found.update(words(element.text or ""))
            if element is not part:
                found.update(words(element.tail or ""))
            if etree.QName(element).localname == "authorialNote":
                found.update(words(element.get("marker", "")))
    return found


@pytest.mark.parametrize("path", [*RAW, *RECORDS], ids=lambda p: p.name)
def test_every_word_reaches_the_akn_or_the_report(path: Path) -> None:
    result, data = converted(path)
    if path.suffix == ".json":
        from riksdoc.parl.record import read_record, text_of
        source = text_of(read_record(json.loads(path.read_bytes())))[0]
    else:
        source = path.read_text("utf-8")
    reported: Counter[str] = Counter()
    for change in result.normalised.changes:
        if change.kind in ("running-head", "title-block", "table-of-contents", "page-number"):
            reported.update(words(change.text))
        elif change.kind == "footnote":  # its mark; its text is the note's
            reported.update(words(change.text)[:1])
    missing = Counter(words(source)) - (akn_words(data) + reported)
    assert not missing
    extra = (akn_words(data) + reported) - Counter(words(source))
    renumbered = [w for w in result.document.warnings if w.code == "heading-number"]
    assert not extra or (renumbered and set(extra) <= set("0123456789"))


# --- proposals, signatures, reservations, the proposed law ----------------------------------------

PROPOSALS = {"mot-2019-20-3063": 22, "mot-2022-23-2112": 11, "mot-2019-20-2990": 10,
             "mot-2023-24-4": 1, "mot-1996-97-K327": 1, "mot-2000-01-MJ218": 8,
             "bet-2019-20-SoU3": 3, "bet-2018-19-TU14": 11, "bet-2018-19-JuU17": 1,
             "prop-2019-20-19": 1, "skr-2018-19-70": 0}


@pytest.mark.parametrize("stem", sorted(PROPOSALS))
def test_proposals_are_numbered_points_with_their_own_eids(stem: str) -> None:
    result, data = converted(PARL / "raw" / f"{stem}.txt")
    proposals = divisions(result.document, Level.PROPOSAL)
    assert len(proposals) == PROPOSALS[stem]
    root = etree.fromstring(data)
    points = root.xpath("//a:list/a:point", namespaces=NS)
    assert len(points) == len(proposals)
    eids = [p.get("eId") for p in points]
    assert len(set(eids)) == len(eids)
    numbered = [p.num for p in proposals if p.num]
    assert numbered == [f"{n}." for n in range(1, len(numbered) + 1)]
    if numbered:
        assert eids[-1].endswith(f"point_{len(numbered)}")


def test_a_motions_signatures_are_its_members_with_parties_in_two_columns() -> None:
    result, data = converted(PARL / "raw" / "mot-2018-19-3079.txt")
    (block,) = divisions(result.document, Level.SIGNATURES)
    assert [(p.name, p.party) for p in block.people] == [
        ("Johan Forssell", "M"), ("Andreas Carlson", "KD"), ("Louise Meijer", "M"),
        ("Ingemar Kihlström", "KD"), ("Josefin Malmqvist", "M")]
    root = etree.fromstring(data)
    signed = root.xpath("//a:hcontainer[@name='signatures']//a:signature/a:person/@refersTo", namespaces=NS)
    assert signed == ["#johanForssell", "#andreasCarlson", "#louiseMeijer", "#ingemarKihlstrom",
                      "#josefinMalmqvist"]
    assert root.xpath("//a:TLCPerson[@eId='johanForssell']/@showAs", namespaces=NS) == ["Johan Forssell"]


def test_a_reports_signature_block_names_the_chair_and_the_members() -> None:
    result, data = converted(PARL / "raw" / "bet-2018-19-JuU17.txt")
    paper = result.document.paper
    assert paper is not None and [p.name for p in paper.authors] == ["Fredrik Lundh Sammeli"]
    assert len(paper.members) == 17 and paper.members[-1].name == "Jonny Cato Hansson"
    assert paper.members[-1].party == "C"
    (block,) = divisions(result.document, Level.SIGNATURES)
    proposals = next(d for d in divisions(result.document, Level.HEADED)
                     if d.heading == "Utskottets förslag till riksdagsbeslut")
    assert block in proposals.children  # signed at the end of the proposals, as printed
    root = etree.fromstring(data)
    members = root.xpath("//a:p[@class='members']/a:person[@as='#member']", namespaces=NS)
    assert len(members) == 17


def test_reservations_and_a_special_opinion_are_parts_with_their_authors() -> None:
    document = converted(PARL / "raw" / "bet-2018-19-TU14.txt")[0].document
    reservations = divisions(document, Level.RESERVATION)
    assert [r.num for r in reservations] == [f"{n}." for n in range(1, 14)]
    assert reservations[0].heading == "Svensk sjöfarts konkurrenskraft, punkt 1 (M, KD)"
    assert {p.party for p in reservations[0].people} == {"M", "KD"}
    assert [p.name for p in reservations[1].people] == ["Mikael Larsson"]
    (opinion,) = divisions(document, Level.OPINION)
    assert opinion.heading == "Sjöfartsfrågor (V)" and [p.name for p in opinion.people] == ["Jens Holm"]
    annexes = divisions(document, Level.ANNEX)
    assert [(a.num, a.heading) for a in annexes] == [("Bilaga", "Förteckning över behandlade förslag")]


def test_a_bills_proposed_law_is_citable_by_chapter_and_section() -> None:
    result, data = converted(PARL / "raw" / "prop-2018-19-138.txt")
    (law, annexed) = divisions(result.document, Level.LAW)
    chapter = next(c for c in law.children if isinstance(c, Division) and c.level is Level.CHAPTER)
    assert chapter.num == "3 kap." and chapter.children[0].num == "1 §"  # type: ignore[union-attr]
    root = etree.fromstring(data)
    assert root.tag == f"{{{NS['a']}}}akomaNtoso" and root[0].tag == f"{{{NS['a']}}}bill"
    section = root.xpath("//a:quotedStructure//a:section[@eId='sec_2__law_1__mod_1__qstr_1__chp_3__sec_1']",
                         namespaces=NS)
    assert len(section) == 1 and section[0].findtext("a:num", namespaces=NS) == "1 §"
    assert root.xpath("//a:section[@eId='sec_2']/a:heading/text()", namespaces=NS) == [
        "Förslag till lag om ändring i brottsbalken"]
    # its footnote (a print's page foot) at its mark; its entry into force its provisions
    assert section[0].xpath(".//a:authorialNote/a:p/text()", namespaces=NS) == ["Senaste lydelse 2014:274."]
    assert root.xpath("//a:quotedStructure/a:transitional//a:p/text()", namespaces=NS)[0] == \
        "Denna lag träder i kraft den 1 januari 2020."
    assert annexed.children  # the annexed promemoria's law too


def test_a_prints_page_furniture_is_in_the_report_not_the_text() -> None:
    result = converted(PARL / "raw" / "prop-2018-19-138.txt")[0]
    kinds = Counter(c.kind for c in result.normalised.changes)
    assert kinds["running-head"] > 20 and kinds["page-number"] > 20 and kinds["title-block"] == 2
    text = " ".join(inline_text(b.content) for b, _ in walk(result.document.blocks)
                    if isinstance(b, Paragraph))
    assert "Prop. 2018/19:138" not in text
    assert "bedömningen. Sveriges Domareförbund" in " ".join(
        inline_text(b.content) for b, _ in walk(converted(PARL / "raw" / "prop-2019-20-19.txt")[0]
                                                 .document.blocks) if isinstance(b, Paragraph))


def shape(document: Document) -> list[tuple[object, ...]]:
    """The document's parts and text, line numbers aside."""
    return [(type(b).__name__, depth, b.num, b.heading) if isinstance(b, Division)
            else (type(b).__name__, depth, inline_text(b.content) if isinstance(b, Paragraph) else "")
            for b, depth in walk(document.blocks)]


@pytest.mark.parametrize("stem", ["bet-2018-19-TU14", "mot-2019-20-2990", "prop-2018-19-138",
                                  "mot-2000-01-MJ218"])
def test_a_double_spaced_export_reads_as_the_single_spaced_text(stem: str) -> None:
    path = PARL / "raw" / f"{stem}.txt"
    spaced = path.read_text("utf-8").replace("\n", "\n\n").encode()
    assert shape(read(spaced, path.name).document) == shape(converted(path)[0].document)


# --- the open-data records ------------------------------------------------------------------------

def record_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())["dokumentstatus"]["dokument"]
    return data


def as_xml(path: Path) -> bytes:
    """The record in the XML form the open-data service also serves."""
    def element(name: str, value: Any) -> list[etree._Element]:
        if isinstance(value, list):
            return [e for item in value for e in element(name, item)]
        node = etree.Element(name)
        if isinstance(value, dict):
            for key, item in value.items():
                node.extend(element(key, item))
        elif value is not None:
            node.text = str(value)
        return [node]
    (root,) = element("dokumentstatus", json.loads(path.read_bytes())["dokumentstatus"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_each_record_converts_with_its_metadata_and_the_body_of_its_text(path: Path) -> None:
    stated = record_of(path)
    document = converted(path)[0].document
    text = converted(PARL / "raw" / f"{path.stem}.txt")[0].document
    assert document.blocks == text.blocks
    paper = document.paper
    assert paper is not None
    assert (paper.session, paper.number, paper.record_id) == (stated["rm"], stated["beteckning"],
                                                              stated["dok_id"])
    assert document.heading == stated["titel"]
    assert document.date is not None and document.date.iso() == stated["datum"][:10]
    kind = KINDS["skr"] if stated["subtyp"] == "skr" else KINDS[stated["typ"]]
    assert document.kind is kind
    if document.date != text.date and text.date is not None:
        assert any(w.code == "record-differs" and "date" in w.text for w in document.warnings)
    people = json.loads(path.read_bytes())["dokumentstatus"].get("dokintressent")
    if people:
        assert [(p.name, p.party) for p in paper.authors] == [
            (p["namn"], p["partibet"]) for p in people["intressent"]]
    xml = read(as_xml(path), f"{path.stem}.xml").document
    assert xml == document


def test_a_batch_of_records_converts_like_a_batch_of_text(tmp_path: Path) -> None:
    from riksdoc.cli import main
    folder = tmp_path / "records"
    folder.mkdir()
    for path in RECORDS:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "prop-2019-20-19-xml.xml").write_bytes(as_xml(PARL / "records" / "prop-2019-20-19.json"))
    out = tmp_path / "out"
    (folder / "mot-2019-20-3063-text.txt").write_bytes((PARL / "raw" / "mot-2019-20-3063.txt").read_bytes())
    assert main(["convert", str(folder), "-o", str(out), "-t", "akn,json"]) == 0  # the folder
    made = sorted(p.name for p in out.glob("*.akn.xml"))
    assert made == sorted([f"{p.stem}.akn.xml" for p in RECORDS]
                          + ["prop-2019-20-19-xml.akn.xml", "mot-2019-20-3063-text.akn.xml"])
    assert all(problems(p.read_bytes()) == [] for p in out.glob("*.akn.xml"))
    from_record = json.loads((out / "mot-2019-20-3063.json").read_text("utf-8"))
    assert from_record["paper"]["record_id"] and from_record["kind"] == "mot"


def test_a_record_of_a_written_question_is_read_as_one() -> None:
    """Records come for every kind: a written question's reads with the letters' parser."""
    html = ("<div><p>den 4 oktober</p><p>Fråga 2002/03:11 av Karin Thorborg (v) till "
            "utrikesminister Anna Lindh om palestiniernas situation</p><p>Med anledning av detta "
            "frågar jag utrikesminister Anna Lindh:</p><p>Vad avser ministern att göra?</p></div>")
    record = {"dokumentstatus": {"dokument": {"rm": "2002/03", "beteckning": "11", "typ": "fr",
                                              "subtyp": "fr", "titel": "Palestiniernas situation",
                                              "datum": "2002-10-04 00:00:00", "html": html},
                                 "dokintressent": {"intressent": {"namn": "Karin Thorborg",
                                                                   "partibet": "V", "roll": "undertecknare"}}}}
    document = read(json.dumps(record).encode(), "fr.json").document
    assert document.kind is Kind.QUESTION
    assert document.questions[0].designation == "2002/03:11"
    assert document.date is not None and document.date.iso() == "2002-10-04"


def test_an_older_records_preformatted_or_plain_body_keeps_its_lines_and_paragraphs() -> None:
    body = ("Motion till riksdagen\n1997/98:Ub512\nav Ulf Nilsson (fp)\n\nSkolans resurser\n\n"
            + "\n".join(["skolan behöver mer resurser och lärarna behöver högre löner, vilket vi har",
                         "sagt länge i riksdagen och i kommunerna runt om i hela landet i flera år och"] * 12)
            + " mer.\n\nLärarna\n\nLärarna ska ha högre lön.\n\nStockholm den 6 oktober 1997\n\n"
              "Ulf Nilsson (fp)\n")
    for field, value in (("html", f"<pre>{body}</pre>"), ("text", body)):  # or a plain text
        record = {"dokumentstatus": {"dokument": {"rm": "1997/98", "beteckning": "Ub512", "typ": "mot",
                                                  "titel": "Skolans resurser", field: value}}}
        document = read(json.dumps(record).encode(), "mot.json").document
        assert document.kind is Kind.MOTION and document.paper is not None
        assert document.paper.designation == "1997/98:Ub512"
        (first, _) = [b for b, _ in walk(document.blocks) if isinstance(b, Paragraph)][:2]
        assert inline_text(first.content).count("skolan behöver") == 12
        assert [d.heading for d in divisions(document, Level.HEADED)] == ["Lärarna"]


# --- kinds ------------------------------------------------------------------------------------------

def test_kind_forces_a_paper_without_its_header(tmp_path: Path) -> None:
    text = "Sammanfattning\nUtskottet föreslår att riksdagen avslår motionerna.\n"
    document = read(text.encode(), "x.txt", kind=Kind.REPORT).document
    assert document.kind is Kind.REPORT
    assert [d.heading for d in divisions(document, Level.HEADED)] == ["Sammanfattning"]


def test_a_motion_without_its_header_is_recognised_by_its_body() -> None:
    document = converted(PARL / "raw" / "mot-2022-23-2112.txt")[0].document
    assert document.kind is Kind.MOTION
    assert divisions(document, Level.HEADED)[0].heading == "Förslag till riksdagsbeslut"
