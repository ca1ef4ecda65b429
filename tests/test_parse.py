"""Parsing: every real shape of an answer, and neighbours never typed as answers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from riksdoc.jsonmodel import dump, load
from riksdoc.model import Kind, ListBlock, NoteRef, Paragraph, Person, SwedishDate, Table, inline_text
from riksdoc.normalise import normalise
from riksdoc.parse import parse
from riksdoc.writers import write

from .conftest import ROOT, SEED, all_inputs, corpus_index, read_document

CLOSING = "\nStockholm den 25 oktober 2017\n\nMorgan Johansson\n"


def doc(text: str):
    return parse(normalise(text))


def paragraphs(document) -> list[str]:
    return [inline_text(b.content) for b in document.blocks if isinstance(b, Paragraph)]


# --- answers, one test a shape ---------------------------------------------

def test_header_and_title_on_one_line() -> None:
    d = doc("Svar på fråga 2017/18:112 av Mikael Cederbratt (M) Samarbete mellan polis och militär\n"
            "Mikael Cederbratt har frågat mig om X.\n" + CLOSING)
    (q,) = d.questions
    assert d.kind is Kind.ANSWER
    assert (q.session, q.number, q.questioner, q.title) == \
        ("2017/18", 112, Person("Mikael Cederbratt", "M"), "Samarbete mellan polis och militär")


def test_header_and_title_on_two_lines() -> None:
    d = doc("Svar på fråga 2018/19:52 av Hans Wallmark (M)\nRyska kränkningar\n\n"
            "Hans Wallmark har frågat mig vilka åtgärder.\n" + CLOSING)
    assert d.questions[0].title == "Ryska kränkningar"
    assert paragraphs(d) == ["Hans Wallmark har frågat mig vilka åtgärder."]


def test_blank_line_between_header_and_title() -> None:
    d = doc("Svar på fråga 2018/19:52 av Hans Wallmark (M)\n\nRyska kränkningar\n\n"
            "Hans Wallmark har frågat mig vilka åtgärder.\n" + CLOSING)
    assert d.questions[0].title == "Ryska kränkningar"
    assert len(paragraphs(d)) == 1


def test_four_digit_second_year_is_the_two_digit_session() -> None:
    d = doc("Svar på fråga 2019/2020:1880 av Anna Berg (C) Tåg\nAnna Berg har frågat mig.\n" + CLOSING)
    (q,) = d.questions
    assert (q.session, q.number, q.as_written, q.designation) == \
        ("2019/20", 1880, "2019/2020:1880", "2019/20:1880")


def test_joint_answer_with_och_between_two_questions() -> None:
    d = doc("Svar på fråga 2018/19:77 av Anna Ek (M)\nVägar i norr och 2018/19:103 av Bo Ström (M) "
            "Broar och tunnlar\n\nAnna Ek och Bo Ström har frågat mig.\n" + CLOSING)
    assert [(q.number, q.questioner.name, q.title) for q in d.questions] == \
        [(77, "Anna Ek", "Vägar i norr"), (103, "Bo Ström", "Broar och tunnlar")]


def test_joint_answer_with_comma_and_fraga() -> None:
    d = doc("Svar på fråga 2018/19:666 av Åsa Coenraads (M)\nFärdplan Arlanda, fråga 2018/19:673 av "
            "Åsa Coenraads (M) Revidering av den svenska flygstrategin och fråga 2018/19:675 av "
            "Åsa Coenraads (M) Arlandas framtid\n\nÅsa Coenraads har ställt frågor.\n" + CLOSING)
    assert [(q.number, q.title) for q in d.questions] == [
        (666, "Färdplan Arlanda"), (673, "Revidering av den svenska flygstrategin"),
        (675, "Arlandas framtid")]
    assert all(q.questioner == Person("Åsa Coenraads", "M") for q in d.questions)


def test_older_layout() -> None:
    d = doc("den 14 september\n\nSvar på fråga\n\n2010/11:680 Utbyggnad av riksväg 40\n\n"
            "Statsrådet Catharina Elmsäter-Svärd\n\nHans Olsson har frågat mig när jag avser.\n\n"
            "Först när överklagandet är berett.\n")
    (q,) = d.questions
    assert d.kind is Kind.ANSWER
    assert (q.designation, q.title, q.questioner) == \
        ("2010/11:680", "Utbyggnad av riksväg 40", Person("Hans Olsson"))
    assert d.minister == Person("Catharina Elmsäter-Svärd", None, "Statsrådet")
    assert d.date == SwedishDate(14, 9, None) and d.date.iso() == "--09-14"  # no year invented
    assert (d.place, d.signatures) == (None, ())
    assert paragraphs(d) == ["Hans Olsson har frågat mig när jag avser.", "Först när överklagandet är berett."]


def test_one_paragraph_a_line_without_blank_lines() -> None:
    d = doc("Svar på fråga 2025/26:278 av Markus Wiechel (SD)\nMöjlighet till tjänstgöring\n"
            "Markus Wiechel har frågat mig om åtgärder.\nSom statsråd kan jag inte.\n"
            "Jag avser inte att vidta några åtgärder.\nStockholm den 10 december 2025\nPål Jonson\n")
    assert len(paragraphs(d)) == 3
    assert d.signatory == Person("Pål Jonson")


def test_hard_wrapped_paragraphs_are_joined() -> None:
    d = doc("Svar på fråga 2017/18:1 av A B (S) T\nA B har frågat mig om regeringen\n"
            "avser att göra något, och\nom när.\nNästa stycke.\n" + CLOSING)
    assert paragraphs(d) == ["A B har frågat mig om regeringen avser att göra något, och om när.",
                             "Nästa stycke."]
    assert d.blocks[0].span.first == 2 and d.blocks[0].span.last == 4


def test_whitespace_only_lines_before_the_signature() -> None:
    d = doc("Svar på fråga 2023/24:618 av Sofia Skönnbrink (S)\nLivsmedelsstrategin\n\n"
            "Sofia Skönnbrink har frågat mig.\n\nStockholm den 28 februari 2024\n\n\u00a0\n\n\u00a0\n\n"
            "Peter Kullgren\n")
    assert (d.place, d.date, d.signatory) == ("Stockholm", SwedishDate(28, 2, 2024), Person("Peter Kullgren"))


def test_signature_block_of_several_lines() -> None:
    d = doc("Svar på fråga 2017/18:1 av A B (S) T\nA B har frågat mig.\n\nStockholm den 1 mars 2018\n\n"
            "Enligt uppdrag\n\nAnna Svensson\nKansliråd\n")
    (s,) = d.signatures
    assert s.lines == ("Enligt uppdrag", "Anna Svensson", "Kansliråd")
    assert s.person == Person("Anna Svensson", None, "Kansliråd")


def test_handed_over_question_keeps_the_header_questioner() -> None:
    d = doc("Svar på fråga 2018/19:212 av Johan Forssell (M)\nPolismyndighetens förslag\n\n"
            "Johan Forsell har frågat justitie- och migrationsministern om X. Arbetet inom regeringen "
            "är så fördelat att det är jag som ska svara på frågan.\n" + CLOSING)
    assert d.questions[0].questioner == Person("Johan Forssell", "M")


def test_lists_tables_and_footnotes_reach_the_model() -> None:
    d = doc("Svar på fråga 2017/18:1 av A B (S) T\nA B har frågat mig[footnoteRef:1] om vägar. "
            "[1: Fråga 2017/18:1.] \nRegeringen gör följande:\n1) Bygger.\n2) Lagar.\n"
            "· Punkt\nLän\tKronor\t\nNorrbotten\t120\t\n" + CLOSING)
    kinds = [type(b).__name__ for b in d.blocks]
    assert kinds == ["Paragraph", "Paragraph", "ListBlock", "ListBlock", "Table"]
    assert d.blocks[0].content == ("A B har frågat mig", NoteRef("fn1"), " om vägar.")
    assert [n.note_id for n in d.notes] == ["fn1"] and inline_text(d.notes[0].content) == "Fråga 2017/18:1."
    ordered, bullets, table = d.blocks[2], d.blocks[3], d.blocks[4]
    assert isinstance(ordered, ListBlock) and ordered.ordered and [i.marker for i in ordered.items] == ["1)", "2)"]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert isinstance(table, Table) and [[inline_text(c) for c in r.cells] for r in table.rows] == \
        [["Län", "Kronor"], ["Norrbotten", "120"]]


# --- neighbours ---------------------------------------------------------------

def test_written_question_modern_layout() -> None:
    d = doc("Fråga 2015/16:910 Flytt av myndigheter till Skåne\n\nav Boriana Åberg (M)\n\n"
            "till Statsrådet Ardalan Shekarabi (S)\n\n\u00a0\n\nPå Dagens Nyheters debattsida.\n")
    (q,) = d.questions
    assert d.kind is Kind.QUESTION
    assert (q.designation, q.questioner, q.title) == \
        ("2015/16:910", Person("Boriana Åberg", "M"), "Flytt av myndigheter till Skåne")
    assert d.addressee == Person("Ardalan Shekarabi", "S", "Statsrådet")


def test_written_question_early_2000s_one_line() -> None:
    d = doc("den 4 oktober\n\nFråga 2002/03:11 av Karin Thorborg (v) till utrikesminister Anna Lindh "
            "om palestiniernas situation\n\nI samband med riksmötets öppnande.\n")
    (q,) = d.questions
    assert d.kind is Kind.QUESTION
    assert (q.questioner, q.title) == (Person("Karin Thorborg", "v"), "palestiniernas situation")
    assert d.addressee == Person("Anna Lindh", None, "utrikesminister")
    assert d.date == SwedishDate(4, 10, None)


def test_interpellation() -> None:
    d = doc("Interpellation 2018/19:244 Påtryckningar mot Försäkringskassan\n\nav Arin Karapet (M)\n\n"
            "till Statsrådet Annika Strandhäll (S)\n\nI efterdyningarna.\n")
    assert d.kind is Kind.INTERPELLATION
    assert d.questions[0].questioner == Person("Arin Karapet", "M")


def test_notice_of_a_delayed_answer_is_not_an_answer() -> None:
    d = doc("Meddelande om försenat svar på fråga 2017/18:1234 av Anna Berg (C) Vägar\n\n"
            "Frågan kommer att besvaras den 30 mars 2018.\n\nStockholm den 20 mars 2018\n\nTomas Eneroth\n")
    assert d.kind is Kind.NOTICE
    (q,) = d.questions
    assert (q.designation, q.questioner, q.title) == ("2017/18:1234", Person("Anna Berg", "C"), "Vägar")


def test_anything_else_is_generic_with_a_warning() -> None:
    d = doc("Protokoll från sammanträdet\n\nNärvarande: alla.\n")
    assert d.kind is Kind.GENERIC and d.heading == "Protokoll från sammanträdet"
    assert paragraphs(d) == ["Närvarande: alla."]
    assert [(w.code, w.line) for w in d.warnings] == [("generic-document", 1)]


def test_an_answer_mentioned_in_a_question_does_not_make_it_an_answer() -> None:
    d = doc("Fråga 2017/18:9 Svar på fråga om vägar\n\nav Anna Berg (C)\n\ntill Statsrådet X Y (S)\n\n"
            "Svar på fråga 2016/17:1 av Anna Berg (C) var otydligt.\n")
    assert d.kind is Kind.QUESTION


# --- the seed and the corpus ----------------------------------------------------

def test_seed_as_json_through_the_cli(tmp_path) -> None:
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(SEED), "-t", "json",
                          "-o", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stderr == ""
    data = json.loads((tmp_path / "000_a3e8633d8479b537.json").read_text(encoding="utf-8"))
    assert data["kind"] == "frs"
    (q,) = data["questions"]
    assert (q["session"], q["number"], q["questioner"], q["title"]) == (
        "2017/18", 112, {"name": "Mikael Cederbratt", "party": "M", "role": None},
        "Samarbete mellan polis och militär")
    raw_lines = SEED.read_text(encoding="utf-8").splitlines()
    assert [b["content"] for b in data["blocks"]] == [[line.rstrip()] for line in raw_lines[1:5]]
    assert (data["place"], data["date"]) == ("Stockholm", {"day": 25, "month": 10, "year": 2017})
    assert data["signatures"][0]["person"]["name"] == "Morgan Johansson"


# Where the index and the text differ, the text wins (corpus README); these are
# the differences its notes record.
TEXT_WINS = {"frs-2019-20-757.txt": {"title": "Högspänningsledning i Södermanland"}}


@pytest.mark.parametrize("entry", corpus_index(), ids=lambda e: e["file"])
def test_corpus_document_matches_its_index_entry(entry: dict) -> None:
    from .conftest import CORPUS
    d = read_document(CORPUS / "raw" / entry["file"])
    expected = {**entry, **TEXT_WINS.get(entry["file"], {})}
    kind = expected["doc_type"].split()[0]
    assert d.kind.value == kind
    stated = [{k: q.get(k) for k in ("riksmote", "number", "questioner", "party", "title")}
              for q in [expected, *expected.get("joint_answer_with", [])]]
    found = [{"riksmote": q.session, "number": q.number,
              "questioner": q.questioner.name if q.questioner else None,
              "party": q.questioner.party if q.questioner else None, "title": q.title}
             for q in d.questions]
    assert sorted(found, key=lambda q: q["number"]) == sorted(stated, key=lambda q: q["number"])
    assert d.place == expected["place"]
    assert (d.date.iso() if d.date and d.date.year else None) == expected["answer_date"]
    assert (d.signatures[0].person.name if d.signatures else None) == expected["signatory"]
    if d.minister:  # the index's minister title is in the text only in the older layout
        assert d.minister.role == expected["minister_title"]


def test_no_corpus_non_answer_is_typed_as_an_answer() -> None:
    from .conftest import CORPUS
    for entry in corpus_index():
        if not entry["doc_type"].startswith("frs"):
            assert read_document(CORPUS / "raw" / entry["file"]).kind is not Kind.ANSWER, entry["file"]


@pytest.mark.parametrize("path", all_inputs(), ids=lambda p: p.name)
def test_json_golden_and_round_trip(path, golden) -> None:
    document = read_document(path)
    data = write(document, "json", stem=path.stem)
    golden(f"json/{path.stem}.json", data.decode("utf-8"))
    assert load(json.loads(data)) == document
    assert dump(load(json.loads(data))) == json.loads(data)  # spans and warnings survive too


def test_inspect_shows_kind_and_metadata() -> None:
    run = subprocess.run([sys.executable, "-m", "riksdoc", "inspect", str(SEED)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0
    assert "Type:      frs (svar på skriftlig fråga)" in run.stdout
    assert "Question:  2017/18:112 av Mikael Cederbratt (M) — Samarbete mellan polis och militär" in run.stdout
    assert "Place/date: Stockholm, 2017-10-25 (25 oktober 2017)" in run.stdout
    assert "Signed:    Morgan Johansson" in run.stdout
    assert "bookmark '[bookmark: _GoBack]'" in run.stdout


def test_a_letterhead_is_kept_as_preamble_and_names_the_department() -> None:
    d = doc("Justitiedepartementet\nJustitie- och migrationsministern\n\nJu2017/07898/POL\n\n"
            "Till riksdagen\n\nSvar på fråga 2017/18:112 av Mikael Cederbratt (M) Samarbete\n"
            "Mikael Cederbratt har frågat mig.\n" + CLOSING)
    assert [inline_text(p.content) for p in d.preamble] == [
        "Justitiedepartementet", "Justitie- och migrationsministern", "Ju2017/07898/POL",
        "Till riksdagen"]
    assert d.department == "Justitiedepartementet"
    assert doc("Svar på fråga 2017/18:1 av A B (S) T\nA B har frågat mig.\n" + CLOSING).department is None


def test_note_references_in_metadata_leave_plain_text_and_keep_the_note() -> None:
    d = doc("Svar på fråga 2017/18:1 av Anna A (M) Titel[footnoteRef:1] [1: Titelnot.] \n"
            "Anna A har frågat mig.\n\nStockholm den 1 mars 2018\n\n"
            "Morgan Johansson[footnoteRef:2] [2: Signaturnot.] \n")
    assert d.questions[0].title == "Titel"
    assert d.signatures[0].lines == ("Morgan Johansson",) and d.signatory == Person("Morgan Johansson")
    assert [n.note_id for n in d.notes] == ["fn1", "fn2"]
    assert "\ufdd0" not in json.dumps(dump(d))
    assert [w.code for w in d.warnings] == ["note-in-metadata", "note-in-metadata"]


def test_the_texts_own_opening_words_are_kept() -> None:
    notice = doc("Meddelande om försenat svar på fråga 2017/18:1234 av Anna Berg (C) Vägar\n\n"
                 "Frågan besvaras den 30 mars.\n")
    assert (notice.kind, notice.head) == (Kind.NOTICE, "Meddelande om försenat svar på fråga")
    plain = doc("Svar på fråga 2017/18:1 av A B (S) T\nA B har frågat mig.\n" + CLOSING)
    assert plain.head is None
    written = doc("Svar på skriftlig fråga 2017/18:1 av A B (S) T\nA B har frågat mig.\n" + CLOSING)
    assert written.head == "Svar på skriftlig fråga"
    no_number = doc("Meddelande om att svaret dröjer\n\nSvaret lämnas senare.\n")
    assert (no_number.kind, no_number.heading, no_number.questions) == \
        (Kind.NOTICE, "Meddelande om att svaret dröjer", ())
