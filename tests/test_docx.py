"""The DOCX writer and reader: styles, properties, notes, lists, round trip, safety."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from hypothesis import given, settings, strategies as st
from lxml import etree

from riksdoc.cli import main
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
    Speech,
    SwedishDate,
    Table,
    TableRow,
    inline_text,
)
from riksdoc.readers.docx import read
from riksdoc.writers.docx import write

from .conftest import SEED, all_inputs, package_parts, read_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = [p.name for p in all_inputs()]


def docx_of(document: Document) -> bytes:
    return write(document, stem="test")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts(data)[name])


def style_names(data: bytes) -> dict[str, str]:
    styles = xml(data, "word/styles.xml")
    return {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val")
            for s in styles.iter(f"{W}style")}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def docx_words(data: bytes) -> list[str]:
    """Every word of the body, footnotes and endnotes, paragraphs in order."""
    found = []
    package = parts(data)
    for name in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
        if name not in package:
            continue
        root = etree.fromstring(package[name])
        for p in root.iter(f"{W}p"):
            found.extend(words(" ".join(t.text or "" for t in p.iter(f"{W}t"))))
    return found


def model_words(document: Document) -> list[str]:
    """The model's words in the order the DOCX shows them (notes after the body; the date
    line first where the document is dated at the top, as in the PDF)."""
    from riksdoc.writers.typeset import dated_at_top
    texts = [inline_text(p.content) for p in document.preamble]
    date_words = [document.place or "", document.date_text or ""]
    if dated_at_top(document):
        texts += date_words
    for q in document.questions:  # who asked is printed where the header names them only
        texts += [q.as_written, q.questioner.name if q.questioner and q.questioner_stated
                  else "", q.title or ""]
    texts += [document.heading or ""]
    blocks = [inner for block in document.blocks
              for inner in ((Paragraph((block.line,)), *block.blocks)
                            if isinstance(block, Speech) else (block,))]
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(inline_text(block.content))
        elif isinstance(block, ListBlock):
            texts += [inline_text(item.content) for item in block.items]
        else:
            texts += [inline_text(cell) for row in block.rows for cell in row.cells]
    if not dated_at_top(document):
        texts += date_words
    texts += [line for s in document.signatures for line in s.lines]
    texts += [inline_text(n.content) for n in document.notes if not n.endnote]
    texts += [inline_text(n.content) for n in document.notes if n.endnote]
    return words(" ".join(texts))


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_document(SEED)


@pytest.fixture(scope="module")
def seed_docx(seed: Document) -> bytes:
    return docx_of(seed)


# -- hand-made models: what the corpus does not show -------------------------

Q = QuestionRef("2017/18", 112, "2017/18:112", Person("Mikael Cederbratt", "M"),
                "Samarbete mellan polis och militär")

HAND_MADE = {
    "lists-table-notes": Document(
        kind=Kind.ANSWER, questions=(Q,), place="Stockholm", date=SwedishDate(25, 10, 2017),
        date_text="25 oktober 2017",
        signatures=(Signature(Person("Anna Svensson", None, "Kansliråd"),
                              ("Enligt uppdrag", "Anna Svensson", "Kansliråd")),
                    Signature(Person("Morgan Johansson"), ("Morgan Johansson",))),
        preamble=(Paragraph(("Justitiedepartementet",)), Paragraph(("Till riksdagen",))),
        blocks=(
            Paragraph(("Regeringen har vidtagit åtgärder", NoteRef("fn1"), " enligt följande:")),
            ListBlock(True, (ListItem("1)", ("fler poliser,",)), ListItem("2)", ("nya lagar", NoteRef("fn2"), ",")),
                             ListItem("3)", ("mer pengar.",)))),
            ListBlock(False, (ListItem("•", ("första punkten",)), ListItem("•", ("andra punkten",)))),
            Paragraph(("Sammanställning", NoteRef("en1"), ":")),
            Table((TableRow((("År",), ("Belopp",), ("Not",))),
                   TableRow((("2018",), ("500 miljoner kr",), ())),
                   TableRow((("2019",), ("1,5 miljarder kr",))))),
            ListBlock(True, (ListItem("a)", ("oregelbunden",)), ListItem("c)", ("följd",)))),
            ListBlock(False, (ListItem("–", ("tankstreck",)), ListItem("▪", ("ruta",)))),
            ListBlock(True, (ListItem("iv.", ("fyra",)), ListItem("v.", ("fem",)))),
            Paragraph(("Med egen markör", NoteRef("fn*"), ".")),
        ),
        notes=(Note("fn1", "1", ("Se prop. 2017/18:1.",)),
               Note("fn2", "2", ("Lagrådsremiss.",)),
               Note("en1", "1", ("Källa: Polismyndigheten.",), endnote=True),
               Note("fn*", "*", ("En asterisk.",))),
    ),
    "generic": Document(kind=Kind.GENERIC, heading="Ett annat dokument",
                        blocks=(Paragraph(("Första stycket.",)), Paragraph(("Andra stycket.",)))),
    "old-layout-yearless": Document(
        kind=Kind.ANSWER,
        questions=(QuestionRef("2010/11", 680, "2010/11:680", Person("Hans Olsson"),
                               "Utbyggnad av riksväg 40"),),
        minister=Person("Catharina Elmsäter-Svärd", None, "Statsrådet"),
        date=SwedishDate(14, 9, None), date_text="14 september",
        blocks=(Paragraph(("Hans Olsson har frågat mig om riksväg 40.",)),)),
    "question-four-digit-session": Document(
        kind=Kind.QUESTION,
        questions=(QuestionRef("2019/20", 1880, "2019/2020:1880", Person("Boriana Åberg", "M"),
                               "Flytt av myndigheter"),),
        addressee=Person("Ardalan Shekarabi", "S", "Statsrådet"),
        date=SwedishDate(7, 4, None), date_text="7 april",
        blocks=(Paragraph(("Avser statsrådet att agera?",)),)),
    "notice": Document(
        kind=Kind.NOTICE, questions=(QuestionRef("2018/19", 52, "2018/19:52",
                                                 Person("Hans Wallmark", "M"), "Ryska kränkningar"),),
        blocks=(Paragraph(("Frågan kommer att besvaras den 4 februari 2019.",)),)),
}


# -- the seed ---------------------------------------------------------------

def test_seed_opens_with_python_docx_on_a4(seed_docx: bytes) -> None:
    word = docx.Document(io.BytesIO(seed_docx))
    section = word.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    # the same page as the PDF: print.css's @page margin, top right bottom left
    css = (Path(__file__).resolve().parents[1] / "styles" / "print.css").read_text(encoding="utf-8")
    top, right, bottom, left = (Mm(float(v)) for v in re.search(
        r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm", css).groups())
    for actual, expected in ((section.top_margin, top), (section.right_margin, right),
                             (section.bottom_margin, bottom), (section.left_margin, left)):
        assert abs(actual - expected) < Mm(0.5)


def test_swedish_in_document_defaults_and_settings(seed_docx: bytes) -> None:
    styles = xml(seed_docx, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "sv-SE"
    settings = xml(seed_docx, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == "sv-SE"
    assert settings.find(f"{W}proofState") is None, "must not claim spelling was checked"
    assert settings.find(f"{W}autoHyphenation") is not None


def test_core_properties(seed_docx: bytes) -> None:
    props = docx.Document(io.BytesIO(seed_docx)).core_properties
    assert props.title == "Samarbete mellan polis och militär"
    assert props.subject == "Svar på skriftlig fråga 2017/18:112"
    assert props.author == "Morgan Johansson"
    assert props.language == "sv-SE"
    assert props.category == "Svar på skriftlig fråga (frs)"
    assert props.identifier == "2017/18:112"
    assert props.keywords == ("2017/18:112, svar på skriftlig fråga, Mikael Cederbratt, "
                              "Morgan Johansson")
    assert props.last_modified_by == "riksdoc"
    assert props.comments == ""
    assert props.created == props.modified == datetime(2017, 10, 25, tzinfo=UTC)


def test_yearless_date_gets_no_date_at_all() -> None:
    data = docx_of(HAND_MADE["old-layout-yearless"])
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created is None and props.modified is None  # no 1980, no template date
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"dcterms:created" not in z.read("docProps/core.xml")


def test_page_furniture_is_the_pdfs(seed_docx: bytes) -> None:
    """No header on page 1 (titlePg), the PDF's running header from page 2, the page
    number on every page."""
    word = docx.Document(io.BytesIO(seed_docx))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == [""]
    assert [p.text for p in section.header.paragraphs] == ["Svar på fråga 2017/18:112"]
    for footer in (section.footer, section.first_page_footer):
        element = footer._element
        assert [t.text.strip() for t in element.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
        assert "".join(t.text for t in element.iter(f"{W}t")) == "1 (1)"


def test_department_once_in_the_header_as_in_the_pdf() -> None:
    from riksdoc.vocabulary import running_header
    document = HAND_MADE["lists-table-notes"]
    section = docx.Document(io.BytesIO(docx_of(document))).sections[0]
    assert section.header.paragraphs[0].text == running_header(document) == \
        "Justitiedepartementet · Svar på fråga 2017/18:112"
    assert not "".join(p.text for p in section.first_page_header.paragraphs)


def test_each_part_has_its_own_named_style(seed_docx: bytes) -> None:
    word = docx.Document(io.BytesIO(seed_docx))
    by_text = {p.text: p.style.name for p in word.paragraphs}
    assert by_text["Svar på fråga 2017/18:112 av Mikael Cederbratt (M)"] == "Riksdoc Header"
    assert by_text["Samarbete mellan polis och militär"] == "Title"
    assert by_text["Stockholm den 25 oktober 2017"] == "Riksdoc Place Date"
    assert by_text["Morgan Johansson"] == "Riksdoc Signature"
    body = [p for p in word.paragraphs if p.text.startswith("Mikael Cederbratt har frågat")]
    assert body and body[0].style.name == "Body Text"


def test_no_template_noise(seed_docx: bytes) -> None:
    package = parts(seed_docx)
    assert not any("thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")
                   for n in package)
    assert b"<Application>riksdoc</Application>" in package["docProps/app.xml"]
    assert not any(b"python-docx" in blob or b"Macintosh" in blob for blob in package.values())


# -- every document ------------------------------------------------------------

def all_models() -> list[tuple[str, Document]]:
    return [(p.name, read_document(p)) for p in all_inputs()] + list(HAND_MADE.items())


@pytest.mark.parametrize("name, document", all_models(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_used_style_is_defined(name: str, document: Document) -> None:
    data = docx_of(document)
    defined = set(style_names(data))
    for part, blob in parts(data).items():
        if not part.startswith("word/") or not part.endswith(".xml"):
            continue
        root = etree.fromstring(blob)
        for tag in ("pStyle", "rStyle", "tblStyle"):
            for el in root.iter(f"{W}{tag}"):
                assert el.get(f"{W}val") in defined, f"{part}: style {el.get(f'{W}val')} undefined"


@pytest.mark.parametrize("name, document", all_models(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_word_is_in_the_docx_in_order(name: str, document: Document) -> None:
    data = docx_of(document)
    expected = model_words(document)
    assert expected and is_subsequence(expected, docx_words(data))
    assert b"[bookmark" not in parts(data)["word/document.xml"]


@pytest.mark.parametrize("name, document", all_models(), ids=lambda v: v if isinstance(v, str) else "")
def test_round_trip_is_equal(name: str, document: Document) -> None:
    back = read(docx_of(document)).document
    assert back == document
    assert back.warnings == ()


@pytest.mark.parametrize("name, document", all_models(), ids=lambda v: v if isinstance(v, str) else "")
def test_same_bytes_twice_with_fixed_timestamps(name: str, document: Document) -> None:
    first, second = docx_of(document), docx_of(document)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


SHARED_PARTS = ("docProps/app.xml", "word/styles.xml", "word/webSettings.xml",
                "word/theme/theme1.xml")
"""Parts no document changes (the template and styles/docx/): one golden for all.  Not
the font table: its font keys follow the characters each document embeds."""


@pytest.mark.parametrize("name, document", all_models(), ids=lambda v: v if isinstance(v, str) else "")
def test_golden(name: str, document: Document, golden_parts) -> None:
    """Every part of the package, canonicalised, compared one part at a time."""
    parts = package_parts(docx_of(document))
    golden_parts(f"docx/{Path(name).stem}.txt",
                 {part: text for part, text in parts.items() if part not in SHARED_PARTS})
    if name == SEED.name:
        golden_parts("docx/_shared.txt", {part: parts[part] for part in SHARED_PARTS})
    else:  # the same as the seed's, whatever the document
        seed = package_parts(docx_of(read_document(SEED)))
        assert {part: parts[part] for part in SHARED_PARTS} == \
            {part: seed[part] for part in SHARED_PARTS}


def test_cli_docx_to_docx_gives_the_same_bytes(tmp_path: Path) -> None:
    assert main(["convert", str(SEED), "-t", "docx", "-o", f"{tmp_path / 'a'}/"]) == 0
    written = tmp_path / "a" / f"{SEED.stem}.docx"
    assert main(["convert", str(written), "-t", "docx", "-o", f"{tmp_path / 'b'}/"]) == 0
    assert (tmp_path / "b" / written.name).read_bytes() == written.read_bytes()


# -- notes and lists are real Word notes and lists ------------------------------

def test_footnotes_and_endnotes_are_real_word_notes() -> None:
    data = docx_of(HAND_MADE["lists-table-notes"])
    package = parts(data)
    types = package["[Content_Types].xml"].decode()
    assert "wordprocessingml.footnotes+xml" in types and "wordprocessingml.endnotes+xml" in types
    rels = package["word/_rels/document.xml.rels"].decode()
    assert 'Target="footnotes.xml"' in rels and 'Target="endnotes.xml"' in rels
    body = etree.fromstring(package["word/document.xml"])
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    assert refs == ["2", "3", "4"]
    assert [r.get(f"{W}id") for r in body.iter(f"{W}endnoteReference")] == ["2"]
    custom = [r for r in body.iter(f"{W}footnoteReference") if r.get(f"{W}customMarkFollows")]
    assert len(custom) == 1 and custom[0].getnext().text == "*"
    settings = etree.fromstring(package["word/settings.xml"])
    # Endnotes i, ii (riksdoc's endnote marks): this hand-made endnote's "1" is a custom mark.
    assert settings.find(f"{W}endnotePr/{W}numFmt").get(f"{W}val") == "lowerRoman"
    [endnote] = body.iter(f"{W}endnoteReference")
    assert endnote.get(f"{W}customMarkFollows") == "1" and endnote.getnext().text == "1"
    notes = etree.fromstring(package["word/footnotes.xml"])
    texts = {n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip()
             for n in notes.iter(f"{W}footnote")}
    assert texts["2"] == "Se prop. 2017/18:1." and texts["4"] == "* En asterisk."


def test_lists_are_word_numbering_with_the_author_markers() -> None:
    data = docx_of(HAND_MADE["lists-table-notes"])
    numbering = xml(data, "word/numbering.xml")
    levels = [(lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"),
               lvl.find(f"{W}start").get(f"{W}val")) for lvl in numbering.iter(f"{W}lvl")]
    assert levels[0] == ("decimal", "%1)", "1")
    assert levels[1] == ("bullet", "•", "1")
    assert ("lowerRoman", "%1.", "4") in levels
    word = docx.Document(io.BytesIO(data))
    numbered = [p for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert {p.style.name for p in numbered} == {"List Number", "List Bullet"}


def test_an_item_inserted_in_word_gets_the_next_number() -> None:
    word = docx.Document(io.BytesIO(docx_of(HAND_MADE["lists-table-notes"])))
    first = next(p for p in word.paragraphs if p.text == "fler poliser,")
    first._p.addnext(etree.fromstring(etree.tostring(first._p)))  # Enter at the end, in Word terms
    out = io.BytesIO()
    word.save(out)
    back = read(out.getvalue()).document
    items = next(b for b in back.blocks if isinstance(b, ListBlock)).items
    assert [i.marker for i in items] == ["1)", "2)", "3)", "4)"]


# -- edited files ------------------------------------------------------------------

def test_edits_in_word_come_back(seed: Document, seed_docx: bytes) -> None:
    word = docx.Document(io.BytesIO(seed_docx))
    for p in word.paragraphs:
        if p.style.name == "Title":
            p.text = "Ny rubrik"
        elif p.style.name == "Riksdoc Place Date":
            p.text = "Göteborg den 1 november 2017"
    second = [p for p in word.paragraphs if p.style.name == "Body Text"][1]
    second.insert_paragraph_before("Ett tillagt stycke.", style="Body Text")
    out = io.BytesIO()
    word.save(out)
    back = read(out.getvalue()).document
    assert back.title == "Ny rubrik"
    assert back.blocks[1] == Paragraph(("Ett tillagt stycke.",))
    assert back.blocks[2:] == seed.blocks[1:]
    assert (back.place, back.date, back.date_text) == ("Göteborg", SwedishDate(1, 11, 2017),
                                                       "1 november 2017")


def _edited(seed_docx: bytes, edit) -> tuple[Document, list[str]]:
    word = docx.Document(io.BytesIO(seed_docx))
    edit(word)
    out = io.BytesIO()
    word.save(out)
    document = read(out.getvalue()).document
    return document, [f"{w.code}: {w.text}" for w in document.warnings]


def test_what_the_model_cannot_keep_is_a_warning_not_silence(seed: Document,
                                                             seed_docx: bytes) -> None:
    def edit(word) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        for name in ("Quote",):  # as Word adds a built-in style when it is first used
            word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        body = [p for p in word.paragraphs if p.style.name == "Body Text"]
        body[0].runs[0].bold = True
        body[1].insert_paragraph_before("Bakgrund", style="Heading 1")
        body[2].insert_paragraph_before("Ett citat.", style="Quote")
        body[3].insert_paragraph_before("Ett till.", style="Quote")  # one warning a style
        body[-1].add_run(" Kursivt.").italic = True

    document, warnings = _edited(seed_docx, edit)
    assert [w.split(":")[0] for w in warnings] == [
        "docx-formatting", "docx-heading", "docx-style", "docx-formatting"]
    assert warnings[0].startswith("docx-formatting: bold text cannot be kept")
    assert "'Bakgrund'" in warnings[1] and "read as a paragraph" in warnings[1]
    assert "unrecognised paragraph style 'Quote'" in warnings[2]
    assert warnings[3].startswith("docx-formatting: italic text cannot be kept")
    # nothing is lost: every word is still in the body, in order
    texts = [inline_text(b.content) for b in document.blocks if isinstance(b, Paragraph)]
    assert "Bakgrund" in texts and "Ett citat." in texts and "Ett till." in texts
    assert len(document.blocks) == len(seed.blocks) + 3


def test_a_second_title_is_read_as_a_paragraph_with_a_warning(seed_docx: bytes) -> None:
    def edit(word) -> None:
        body = [p for p in word.paragraphs if p.style.name == "Body Text"]
        body[1].insert_paragraph_before("Mellanrubrik", style="Title")

    document, warnings = _edited(seed_docx, edit)
    assert document.title == "Samarbete mellan polis och militär"
    assert Paragraph(("Mellanrubrik",)) in document.blocks
    assert warnings == ["docx-heading: a title added in the body is read as a paragraph "
                        "(riksdoc's model has no headings there): 'Mellanrubrik'"]


def test_plain_edits_give_no_warning(seed_docx: bytes) -> None:
    def edit(word) -> None:
        body = [p for p in word.paragraphs if p.style.name == "Body Text"]
        body[0].add_run(" Tillagt.")
        body[1].runs[0].bold = False  # switched off: nothing the model loses
        word.add_paragraph("Normal text.")

    assert _edited(seed_docx, edit)[1] == []


def test_a_docx_from_elsewhere_goes_through_the_text_parser() -> None:
    word = docx.Document()
    for text in ("Svar på fråga 2017/18:112 av Mikael Cederbratt (M)",
                 "Samarbete mellan polis och militär",
                 "Mikael Cederbratt har frågat mig om militären.",
                 "Stockholm den 25 oktober 2017", "Morgan Johansson"):
        word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    document = read(out.getvalue()).document
    assert document.kind is Kind.ANSWER
    assert document.questions[0].designation == "2017/18:112"
    assert document.signatures[0].person.name == "Morgan Johansson"


# -- unsafe and wrong input ----------------------------------------------------------

def replaced(data: bytes, name: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, blob if info.filename == name else source.read(info))
    return out.getvalue()


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(InputError, match="not a DOCX"):
        read(b"Svar p\xe5 fr\xe5ga")


def test_a_zip_without_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hej")
    with pytest.raises(InputError, match="not a Word document"):
        read(out.getvalue())


def test_zip_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>")
    assert len(out.getvalue()) < 100_000
    with pytest.raises(InputError, match="zip bomb"):
        read(out.getvalue())


def test_too_many_members_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for index in range(2500):
            z.writestr(f"m{index}", b"")
    with pytest.raises(InputError, match="zip members"):
        read(out.getvalue())


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE w:document [<!ENTITY y "aaaaaaaaaa"><!ENTITY x "&y;&y;&y;&y;&y;&y;&y;&y;">]>',
], ids=["external-entity", "entity-expansion"])
def test_xml_with_entities_is_refused(seed_docx: bytes, doctype: bytes) -> None:
    document = parts(seed_docx)["word/document.xml"]
    head, rest = document.split(b"?>", 1)
    evil = head + b"?>" + doctype + rest.replace(b"Morgan Johansson", b"&x;")
    with pytest.raises(InputError, match="DOCTYPE"):
        read(replaced(seed_docx, "word/document.xml", evil))


# -- a real client ---------------------------------------------------------------------

def soffice(tmp_path: Path, target: str, *sources: Path) -> Path:
    """Convert *sources* with LibreOffice headless (throwaway profile); the output folder."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.fail("the integration tests need LibreOffice (soffice)")
    out = tmp_path / "out"
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run([program, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", target, "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=300, env=env)
    return out


@pytest.mark.integration
def test_libreoffice_renders_every_word(seed: Document, seed_docx: bytes, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("the integration test needs pdftotext (poppler-utils)")
    source = tmp_path / "seed.docx"
    source.write_bytes(seed_docx)
    pdf = soffice(tmp_path, "pdf", source) / "seed.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode("utf-8")
    # Hyphenation may split a word at a line end: join "-\n" before comparing.
    rendered = words(re.sub(r"-\s*\n\s*", "", text))
    # LibreOffice draws the document line's small capitals as scaled capitals, so its PDF
    # text has that line in capitals, split at each change of size: compare it squashed.
    line = "Svar på fråga 2017/18:112 av Mikael Cederbratt (M)"
    assert re.sub(r"\s", "", line).upper() in re.sub(r"\s", "", text)
    titles_only = tuple(replace(q, as_written="", questioner=None) for q in seed.questions)
    assert is_subsequence(model_words(replace(seed, questions=titles_only)), rendered)
    assert "1 (1)" in text


@pytest.mark.integration
def test_saved_again_by_libreoffice_reads_back_equal(tmp_path: Path) -> None:
    """An answer opened and saved in LibreOffice (as an editor would) republishes unchanged."""
    models = {"seed": read_document(SEED), **HAND_MADE,
              **{p.stem: read_document(p) for p in all_inputs()
                 if p.stem in ("frs-2010-11-680", "frs-2018-19-666", "fr-2002-03-11")}}
    sources = []
    for name, document in models.items():
        sources.append(tmp_path / f"{name}.docx")
        sources[-1].write_bytes(docx_of(document))
    out = soffice(tmp_path, "docx:MS Word 2007 XML", *sources)
    for name, document in models.items():
        saved = (out / f"{name}.docx").read_bytes()
        assert saved != docx_of(document), "LibreOffice should have rewritten the file"
        assert read(saved).document == document, name


# -- any text survives ---------------------------------------------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"),
                              blacklist_characters="\ufffe\uffff"), min_size=1, max_size=40) \
    .filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(paragraphs=st.lists(_TEXT, min_size=1, max_size=4), title=_TEXT,
       items=st.lists(_TEXT, min_size=1, max_size=3))
def test_any_text_round_trips(paragraphs: list[str], title: str, items: list[str]) -> None:
    question = QuestionRef("2017/18", 112, "2017/18:112", Person("Mikael Cederbratt", "M"),
                           title.strip())
    document = Document(
        kind=Kind.ANSWER, questions=(question,),
        blocks=(*(Paragraph((text,)) for text in paragraphs),
                ListBlock(False, tuple(ListItem("•", (text,)) for text in items))))
    assert read(docx_of(document)).document == document


def test_a_generic_document_with_a_long_first_line_still_converts() -> None:
    # found by tests/test_fuzz.py: Word's core properties hold at most 255 characters
    heading = "Lång rubrik " * 40
    document = Document(Kind.GENERIC, heading=heading.strip(),
                        blocks=(Paragraph(("Text.",)),))
    data = write(document, stem="x")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert read(data).document == document


def test_page_header_names_the_department_where_the_letterhead_does() -> None:
    from riksdoc.normalise import normalise
    from riksdoc.parse import parse
    document = parse(normalise("Miljö- och energidepartementet\nTill riksdagen\n\n"
                               + SEED.read_text(encoding="utf-8")))
    header = docx.Document(io.BytesIO(write(document, stem="x"))).sections[0].header
    assert header.paragraphs[0].text == "Miljö- och energidepartementet · Svar på fråga 2017/18:112"
    plain = docx.Document(io.BytesIO(write(read_document(SEED), stem="x"))).sections[0].header
    assert plain.paragraphs[0].text == "Svar på fråga 2017/18:112"
