"""Recognising papers shape by shape: headers, numbered and genre headings, the table of
contents, a print's page furniture, proposals, signatures, reservations, a bill's
proposed law; and, for any text made of the genre's lines, a strict-valid AKN that
reads back."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from riksdoc.errors import InputError
from riksdoc.model import Division, Document, Kind, Level, Paragraph, Table, inline_text, walk
from riksdoc.parl import grammar
from riksdoc.parl.clean import clean
from riksdoc.parl.contents import contents
from riksdoc.readers import read
from riksdoc.validate import problems
from riksdoc.writers import write

from .conftest import TESTS


def paper(text: str, kind: Kind | None = None, name: str = "x.txt") -> Document:
    return read(text.encode("utf-8"), name, kind=kind).document


def parts(document: Document, level: Level) -> list[Division]:
    return [b for b, _ in walk(document.blocks) if isinstance(b, Division) and b.level is level]


def outline(document: Document) -> list[tuple[int, str | None, str | None]]:
    return [(depth, b.num, b.heading) for b, depth in walk(document.blocks)
            if isinstance(b, Division) and b.level is Level.HEADED]


# --- headers ----------------------------------------------------------------------------------

def test_a_motions_header_on_one_line_and_an_author_line_naming_two() -> None:
    document = paper("Motion till riksdagen 2021/22:1234\nav Anna Andersson och Bo Berg (KD)\n"
                     "Bättre vägar\nFörslag till riksdagsbeslut\nRiksdagen ställer sig bakom det som "
                     "anförs i motionen om vägar och tillkännager detta för regeringen.\n")
    assert document.kind is Kind.MOTION and document.heading == "Bättre vägar"
    assert document.paper is not None and document.paper.designation == "2021/22:1234"
    assert [(p.name, p.party) for p in document.paper.authors] == [("Anna Andersson", "KD"),
                                                                    ("Bo Berg", "KD")]
    (proposal,) = parts(document, Level.PROPOSAL)
    assert proposal.num is None


def test_a_bills_title_wrapped_beside_its_label_is_joined() -> None:
    text = ("Regeringens proposition 2020/21:123\nEtt längre namn på\tProp.\n"
            "en proposition\t2020/21:123\nRegeringen överlämnar denna proposition till riksdagen.\n"
            "Stockholm den 11 mars 2021\nStefan Löfven\nAnna Ekström (Utbildningsdepartementet)\n"
            "Propositionens huvudsakliga innehåll\nText.\n")
    result = read(text.encode(), "x.txt")
    document = result.document
    assert document.kind is Kind.BILL and document.heading == "Ett längre namn på en proposition"
    assert document.paper is not None and document.paper.ministry == "Utbildningsdepartementet"
    assert [p.name for p in document.paper.authors] == ["Stefan Löfven", "Anna Ekström"]
    assert document.date is not None and document.date.iso() == "2021-03-11"
    assert [c.text for c in result.normalised.changes if c.kind == "title-block"] == [  # type: ignore[union-attr]
        "Prop.", "2020/21:123"]


def test_a_communication_and_a_report_are_typed_by_their_headers() -> None:
    assert paper("Regeringens skrivelse 2019/20:5\nEtt ämne\nRegeringen överlämnar denna "
                 "skrivelse till riksdagen.\n").kind is Kind.COMMUNICATION
    report = paper("Finansutskottets betänkande\n2019/20:FiU1\n\nStatens budget\n\nSammanfattning\n"
                   "Utskottet föreslår att riksdagen godkänner ramarna.\n")
    assert report.kind is Kind.REPORT and report.heading == "Statens budget"
    assert report.paper is not None and report.paper.committee == "Finansutskottet"
    assert report.paper.designation == "2019/20:FiU1"


def test_a_motion_without_a_header_names_its_number_from_the_archive_file() -> None:
    document = paper("Förslag till riksdagsbeslut\n1. Riksdagen ställer sig bakom det som anförs i "
                     "motionen om x och tillkännager detta för regeringen.\n", name="mot-2022-23-77.txt")
    assert document.kind is Kind.MOTION and document.paper is not None
    assert document.paper.designation == "2022/23:77" and document.paper.as_written is None
    assert [w.code for w in document.warnings] == ["number-from-name", "no-signatures"]


@pytest.mark.parametrize("name, designation", [("HA022112.txt", "2022/23:2112"),
                                               ("H7023063.txt", "2019/20:3063"),
                                               ("H601JuU17.txt", None)])  # a report's series
def test_a_motions_number_from_the_riksdags_document_id(name: str, designation: str | None) -> None:
    document = paper("Förslag till riksdagsbeslut\nRiksdagen ställer sig bakom det som anförs i "
                     "motionen om x och tillkännager detta för regeringen.\n", name=name)
    assert document.paper is not None and document.paper.designation == designation


# --- headings ------------------------------------------------------------------------------------

def test_numbered_headings_nest_by_their_numbers_in_every_printed_form() -> None:
    text = ("Motion till riksdagen\n2019/20:1\nav A B (S)\nTitel\n"
            "1\u00a0\u00a0 Inledning\nText ett.\n2 Bakgrund\nText två.\n"
            "2.1Glued heading\nText.\n2.1.1\tTabbed heading\nText.\n3 Sist\nText.\n")
    assert outline(paper(text)) == [(0, "1", "Inledning"), (0, "2", "Bakgrund"),
                                     (1, "2.1", "Glued heading"), (2, "2.1.1", "Tabbed heading"),
                                     (0, "3", "Sist")]


def test_a_number_out_of_sequence_is_text_not_a_heading() -> None:
    text = ("Motion till riksdagen\n2019/20:1\nav A B (S)\nTitel\n1 Inledning\nText.\n"
            "105 Kronor per dag\nText.\n")
    assert [num for _, num, _ in outline(paper(text))] == ["1"]


def test_unnumbered_headings_are_placed_by_the_text_around_them() -> None:
    text = ("Motion till riksdagen\n2019/20:1\nav A B (S)\nTitel\nMotivering\nSkolan\n"
            "Barn ska lära sig läsa.\nVården\nVården ska vara nära.\n")
    assert outline(paper(text)) == [(0, None, "Motivering"), (1, None, "Skolan"), (1, None, "Vården")]


def test_a_reports_genre_headings_nest_under_the_topic_the_contents_lists() -> None:
    text = ("Justitieutskottets betänkande\n2018/19:JuU1\nTitel\nInnehållsförteckning\n"
            "Utskottets överväganden\nStraffrätt\n\nUtskottets överväganden\nStraffrätt\n"
            "Utskottets förslag i korthet\nRiksdagen avslår motionerna.\nMotionerna\nBakgrund\n"
            "Text om bakgrunden.\nUtskottets ställningstagande\nUtskottet avstyrker.\n")
    assert outline(paper(text)) == [
        (0, None, "Utskottets överväganden"), (1, None, "Straffrätt"),
        (2, None, "Utskottets förslag i korthet"), (2, None, "Motionerna"), (3, None, "Bakgrund"),
        (2, None, "Utskottets ställningstagande")]


def test_a_reports_topic_its_contents_do_not_list_is_the_heading_above_a_topics_own() -> None:
    text = ("Justitieutskottets betänkande 2021/22:JuU14\nTitel\nUtskottets överväganden\n"
            "Straffskalan\nUtskottets förslag i korthet\nRiksdagen antar förslaget.\n"
            "Utskottets ställningstagande\nUtskottet tillstyrker.\nPreskriptionen\nMotionerna\n"
            "Motionärerna vill ändra.\n")
    assert outline(paper(text)) == [
        (0, None, "Utskottets överväganden"), (1, None, "Straffskalan"),
        (2, None, "Utskottets förslag i korthet"), (2, None, "Utskottets ställningstagande"),
        (1, None, "Preskriptionen"), (2, None, "Motionerna")]


def test_a_line_that_continues_a_paragraph_or_starts_one_is_no_heading() -> None:
    text = ("Motion till riksdagen\n2019/20:1\nav A B (S)\nTitel\nMotivering\n"
            "Vi vill att skolan, vården,\nOch omsorgen ska fungera.\nKort rad utan punkt\n"
            "som fortsätter här.\n")
    assert outline(paper(text)) == [(0, None, "Motivering")]


# --- the table of contents and a print's page --------------------------------------------------

def test_contents_listing_the_headings_above_them_end_where_the_body_goes_on() -> None:
    text = ("Justitieutskottets betänkande\n2021/22:JuU14\nTitel\nSammanfattning\nKort.\n"
            "Innehållsförteckning\nSammanfattning\nUtskottets förslag till riksdagsbeslut\n"
            "Redogörelse för ärendet\nUtskottets förslag till riksdagsbeslut\n1.\tLagförslaget\n"
            "Riksdagen antar regeringens förslag.\nRedogörelse för ärendet\nText.\n")
    result = read(text.encode(), "x.txt")
    listed = [c.text for c in result.normalised.changes if c.kind == "table-of-contents"]  # type: ignore[union-attr]
    assert listed == ["Innehållsförteckning", "Sammanfattning", "Utskottets förslag till riksdagsbeslut",
                      "Redogörelse för ärendet"]
    assert [n.heading for n in parts(result.document, Level.PROPOSAL)] == ["Lagförslaget"]


def test_a_tabbed_table_of_contents_with_wrapped_entries_goes_to_the_report() -> None:
    text = ("Regeringens proposition 2020/21:9\nTitel\nRegeringen överlämnar denna proposition "
            "till riksdagen.\nInnehållsförteckning\n1\tFörslag till riksdagsbeslut ......\t3\n"
            "2\tEn lång rubrik som bryts\t\u00a0\n\u00a0\tpå två rader .......\t4\n"
            "Bilaga\tTabeller .........\t9\n1\tFörslag till riksdagsbeslut\nRegeringens förslag:\n"
            "Riksdagen antar regeringens förslag till lag om ändring i x.\n2 En lång rubrik som bryts\n"
            "på två rader\nText.\n")
    normalised = clean(text)
    entries = [(e.num, e.title, e.page) for e in contents(normalised)]
    assert entries == [("1", "Förslag till riksdagsbeslut", "3"),
                       ("2", "En lång rubrik som bryts på två rader", "4"), ("Bilaga", "Tabeller", "9")]
    document = read(text.encode(), "x.txt").document
    assert [(num, heading) for _, num, heading in outline(document)] == [
        ("1", "Förslag till riksdagsbeslut"), ("2", "En lång rubrik som bryts på två rader")]


def test_running_heads_and_page_numbers_go_and_a_broken_paragraph_is_whole_again() -> None:
    text = ("Regeringens skrivelse 2018/19:9\nTitel\nRegeringen överlämnar denna skrivelse till "
            "riksdagen.\n1 Bakgrund\nDet här stycket bryts på\n2\nSkr. 2018/19:9\nsidan och fortsätter.\n"
            "Skr. 2018/19:9 Nästa stycke börjar efter huvudet.\n")
    result = read(text.encode(), "x.txt")
    texts = [inline_text(b.content) for b, _ in walk(result.document.blocks) if isinstance(b, Paragraph)]
    assert "Det här stycket bryts på sidan och fortsätter." in texts
    assert "Nästa stycke börjar efter huvudet." in texts
    kinds = [c.kind for c in result.normalised.changes]  # type: ignore[union-attr]
    assert kinds.count("running-head") == 2 and kinds.count("page-number") == 1


def test_a_tabbed_line_near_the_top_of_a_print_with_a_bare_running_head() -> None:
    """Found by the generated texts below: a report's print (its bare number as the running
    head) with a TAB-separated line among its first lines read as a title block."""
    text = ("\tBilaga 2\n1. Riksdagen begär att regeringen genomför en informationskampanj om\n"
            "2018/19:JuU17\n2018/19:JuU17\n2018/19:JuU17\n")
    document = read(text.encode("utf-8"), "x.txt").document
    data = write(document, "akn", stem="x")
    assert problems(data) == []
    assert "Bilaga 2" in data.decode() and "informationskampanj" in data.decode()


def test_a_reports_print_repeats_its_bare_number_as_the_running_head() -> None:
    text = ("Justitieutskottets betänkande\n2018/19:JuU30\nEtt ämne\nSammanfattning\n"
            "Utskottet föreslår att riksdagen avslår motionerna. I betänkandet\nbehandlas också "
            "betänkande 2018/19:JuU30 i fråga om\n1\n2018/19:JuU30\nett och annat.\n"
            "Utskottets förslag till riksdagsbeslut\n1. Motionerna\nRiksdagen avslår motionerna.\n"
            "Stockholm den 1 april 2019\nPå justitieutskottets vägnar\nAnna Ordförande\n2\n"
            "2018/19:JuU30\nRedogörelse för ärendet\nText.\n")
    result = read(text.encode(), "x.txt")
    assert result.document.paper is not None and result.document.paper.designation == "2018/19:JuU30"
    texts = [inline_text(b.content) for b, _ in walk(result.document.blocks) if isinstance(b, Paragraph)]
    assert any("betänkande 2018/19:JuU30 i fråga om ett och annat." in t for t in texts)
    kinds = [c.kind for c in result.normalised.changes]  # type: ignore[union-attr]
    assert kinds.count("running-head") == 2


def test_a_pdfs_text_form_feeds_and_numbered_pages_and_full_lines_make_whole_paragraphs() -> None:
    line = "Signalspaning regleras i lagen om signalspaning och i förordningen om"
    body = "\n".join(f"{line[:45]} {i:02d} ord till här och där." for i in range(24))
    text = ("Regeringens skrivelse 2018/19:9\nTitel\nRegeringen överlämnar denna skrivelse till "
            f"riksdagen.\n1 Bakgrund\n{body}\n{line}\n1 (4)\n\fSkr. 2018/19:9\n"
            "Nationella operativa avdelningen i Polismyndigheten.\n"
            "Utdrag ur protokoll vid regeringssammanträde den 6\ndecember 2018\nFöredragande: X\n")
    result = read(text.encode(), "x.txt")
    texts = [inline_text(b.content) for b, _ in walk(result.document.blocks) if isinstance(b, Paragraph)]
    assert f"{line} Nationella operativa avdelningen i Polismyndigheten." in texts
    assert "1 (4)" not in texts
    assert outline(result.document)[-1] == (0, None, "Utdrag ur protokoll vid regeringssammanträde "
                                                     "den 6 december 2018")


def test_a_footnote_at_a_pages_foot_becomes_a_note_at_its_glued_mark() -> None:
    text = ("Regeringens proposition 2019/20:1\nTitel\nRegeringen överlämnar denna proposition till "
            "riksdagen.\n1 Förslag till lag om ändring i lagen (1999:1) om x\n"
            "Härigenom föreskrivs att 1 § lagen (1999:1) om x1 ska ha följande lydelse.\n"
            "1 §2\nEn ny mening.\n4\t1 Lagen omtryckt 2001:2.\n2 Senaste lydelse 2010:3.\n"
            "Prop. 2019/20:1\n5\n")
    document = read(text.encode(), "x.txt").document
    assert [inline_text(n.content) for n in document.notes] == ["Lagen omtryckt 2001:2.",
                                                               "Senaste lydelse 2010:3."]
    (section,) = parts(document, Level.SECTION)
    assert section.num == "1 §"


# --- proposals, signatures, reservations ------------------------------------------------------------

def test_a_reports_points_carry_their_titles_decisions_and_reservation_references() -> None:
    text = ("Socialutskottets betänkande\n2019/20:SoU9\nTitel\nUtskottets förslag till riksdagsbeslut\n"
            "1.\tLagförslaget\nRiksdagen antar regeringens förslag.\n2.\tÖvrigt\nRiksdagen avslår "
            "motionerna\n2019/20:1 av A B (S),\n2019/20:2 av C D (M).\nReservation 1 (M)\n"
            "Stockholm den 1 oktober 2019\nPå socialutskottets vägnar\nAnna Ordförande\n"
            "Följande ledamöter har deltagit i beslutet: Anna Ordförande (S) och Bo Ledamot (M).\n"
            "Redogörelse för ärendet\nText.\n")
    document = paper(text)
    points = parts(document, Level.PROPOSAL)
    assert [(p.num, p.heading) for p in points] == [("1.", "Lagförslaget"), ("2.", "Övrigt")]
    assert inline_text(points[1].children[-1].content) == "Reservation 1 (M)"  # type: ignore[union-attr]
    (block,) = parts(document, Level.SIGNATURES)
    assert document.paper is not None and [p.name for p in document.paper.members] == [
        "Anna Ordförande", "Bo Ledamot"]
    assert [p.name for p in document.paper.authors] == ["Anna Ordförande"]
    assert block in parts(document, Level.HEADED)[0].children


@pytest.mark.parametrize("lines, expected", [
    (["Ronny Korsberg (mp) Roy Ottosson (mp)"], ["Ronny Korsberg (mp)", "Roy Ottosson (mp)"]),
    (["Johan Forssell (M)\t\u00a0", "Andreas Carlson (KD)\tLouise Meijer (M)"],
     ["Johan Forssell (M)", "Andreas Carlson (KD)", "Louise Meijer (M)"]),
    (["Stockholm den 4 oktober 2009", "", "Per Bolund (mp)", "", "Lage Rahm (mp)"],
     ["Stockholm den 4 oktober 2009", "Per Bolund (mp)", "Lage Rahm (mp)"]),
    (["Stockholm den 11 juni 2019", "Stefan Löfven\tMargot Wallström (Utrikesdepartementet)\t"],
     ["Stockholm den 11 juni 2019", "Stefan Löfven", "Margot Wallström (Utrikesdepartementet)"]),
])
def test_signatures_in_every_layout(lines: list[str], expected: list[str]) -> None:
    text = "Motion till riksdagen\n2019/20:1\nav A B (S)\nTitel\nMotivering\nText.\n" + "\n".join(lines) + "\n"
    (block,) = parts(paper(text), Level.SIGNATURES)
    assert [inline_text(c.content) for c in block.children] == expected  # type: ignore[union-attr]


def test_a_reservation_has_its_authors_and_its_own_proposal() -> None:
    text = ("Trafikutskottets betänkande\n2018/19:TU1\nTitel\nReservationer\n"
            "1.\tVägar, punkt 1 (C, L)\nav Anna Ek (C) och Bo Alm (L).\nFörslag till riksdagsbeslut\n"
            "Vi anser att förslaget borde ha följande lydelse:\nRiksdagen ställer sig bakom det som "
            "anförs i reservationen.\nStällningstagande\nVi anser att vägarna behövs.\n")
    (reservation,) = parts(paper(text), Level.RESERVATION)
    assert (reservation.num, reservation.heading) == ("1.", "Vägar, punkt 1 (C, L)")
    assert [(p.name, p.party) for p in reservation.people] == [("Anna Ek", "C"), ("Bo Alm", "L")]
    assert [d.heading for d in reservation.children if isinstance(d, Division)] == [
        "Förslag till riksdagsbeslut", "Ställningstagande"]


def test_a_whole_report_in_the_current_form_and_its_summarys_count_of_reservations() -> None:
    """A report made after the genre's description (one-line header, contents that list the
    headings above them, a topic they do not list, a reservation, a special opinion, an
    annex) whose summary counts two reservations where it has one."""
    result = read((TESTS / "fixtures" / "report-2021-22-JuU14.txt").read_bytes(), "x.txt")
    document = result.document
    assert document.paper is not None and document.paper.designation == "2021/22:JuU14"
    assert [(p.num, p.heading) for p in parts(document, Level.PROPOSAL)] == [
        ("1.", "Regeringens lagförslag"), ("2.", "Övriga motionsyrkanden")]
    (signatures,) = parts(document, Level.SIGNATURES)
    assert [p.party for p in signatures.people] == [None, "S", "M", "KD", "V"]
    assert [len(parts(document, level)) for level in (Level.RESERVATION, Level.OPINION,
                                                      Level.ANNEX)] == [1, 1, 1]
    assert (1, None, "Straffskalan") in outline(document)
    assert [(w.code, w.line) for w in document.warnings] == [("count-differs", 5)]


def test_a_proposed_law_with_chapters_sections_and_entry_into_force() -> None:
    text = ("Regeringens proposition 2020/21:123\nTitel\nRegeringen överlämnar denna proposition "
            "till riksdagen.\n1 Förslag till lag om ändring i skollagen (2010:800)\n"
            "Härigenom föreskrivs att 2 kap. 3 och 4 §§ skollagen (2010:800) ska ha följande lydelse.\n"
            "2 kap.\n3 §\nEn huvudman ska finnas.\n4 §\nHuvudmannen ska\n1. planera,\n2. följa upp.\n"
            "1. Denna lag träder i kraft den 1 juli 2021.\n2. Äldre föreskrifter gäller fortfarande.\n")
    document = paper(text)
    (law,) = parts(document, Level.LAW)
    assert [s.num for s in parts(document, Level.SECTION)] == ["3 §", "4 §"]
    assert parts(document, Level.TRANSITIONAL)[0] in law.children
    data = write(document, "akn", stem="x")
    assert problems(data) == []
    assert b'eId="sec_1__law_1__mod_1__qstr_1__chp_2__sec_4"' in data
    assert read(data, "x.akn.xml").document == document


def test_the_rule_table_names_methods_the_reader_has() -> None:
    for rule in grammar.RULES:
        assert callable(getattr(grammar.Reader, rule.recogniser))
        assert callable(getattr(grammar.Reader, rule.constructor))
        assert rule.states <= grammar.ANY


# --- any text of the genre's lines -------------------------------------------------------------------

LINES = sorted({line for path in (TESTS / "corpus-parl" / "raw").glob("*.txt")
                for line in path.read_text("utf-8").split("\n")})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=40),
       st.sampled_from([None, Kind.MOTION, Kind.REPORT, Kind.BILL, Kind.COMMUNICATION]))
def test_any_text_of_the_genres_lines_is_a_valid_paper_that_reads_back(lines: list[str],
                                                                       kind: Kind | None) -> None:
    text = "\n".join(lines) + "\n"
    if not text.strip(" \n\t\u00a0"):
        return
    try:
        document = read(text.encode("utf-8"), "x.txt", kind=kind).document
    except InputError as refused:  # nothing but a print's furniture (running heads): refused
        assert "contains no text" in str(refused)
        return
    data = write(document, "akn", stem="x")
    assert problems(data) == []
    assert read(data, "x.akn.xml").document == document


def test_every_corpus_paper_parses_without_a_warning_it_should_not_give() -> None:
    import json
    index = {e["file"]: e for e in map(json.loads, (TESTS / "corpus-parl" / "index.jsonl")
                                       .read_text("utf-8").splitlines())}
    for path in sorted((TESTS / "corpus-parl" / "raw").glob("*.txt")):
        codes = {w.code for w in read(path.read_bytes(), path.name).document.warnings}
        allowed = {"number-from-name", "heading-number", "law-text-outside-section", "text-continued",
                   "wording-columns"}
        if index[path.name]["truncated"]:  # a text cut short lacks its end: it says so
            allowed |= {"no-signatures", "no-proposals"}
        assert codes <= allowed, path.name


def test_a_proposed_laws_old_and_new_wording_side_by_side_is_warned_about_with_its_line() -> None:
    """A comparison's columns come one after the other in a text export (a printed PDF's out
    of order): the parser cannot say which wording a section holds, and says so."""
    text = ("Regeringens proposition 2019/20:1\nTitel\nRegeringen överlämnar denna proposition "
            "till riksdagen.\n1 Förslag till lag om ändring i brottsbalken\nHärigenom föreskrivs "
            "att 3 kap. 1 § brottsbalken ska ha följande lydelse.\nNuvarande lydelse\tFöreslagen "
            "lydelse\n3 kap.\n1 §\nDen gamla lydelsen.\nDen nya lydelsen.\n"
            "Denna lag träder i kraft den 1 januari 2020.\n")
    warnings = [w for w in read(text.encode(), "p.txt").document.warnings
                if w.code == "wording-columns"]
    assert [w.line for w in warnings] == [6]
    assert "(columns headed 'Nuvarande lydelse / Föreslagen lydelse')" in warnings[0].text
    plain = text.replace("Nuvarande lydelse\tFöreslagen lydelse\n", "")
    assert not [w for w in read(plain.encode(), "p.txt").document.warnings
                if w.code == "wording-columns"]


def test_a_bills_number_under_its_header_and_its_old_and_new_wording_in_paired_rows() -> None:
    """A Word export of a bill: the number on the line under ``Regeringens proposition``, the
    title beside the cover's label cells, the comparison's rows ``old<TAB>new``: a bill with
    its number and title, each section holding its two wordings paired, and no warning that
    the columns are unpaired."""
    text = ("Regeringens proposition\n2020/21:123\nÄndrade regler om tillsyn\tProp.\n \t2020/21:123\n"
            "Regeringen överlämnar denna proposition till riksdagen.\nStockholm den 4 mars 2021\n"
            "Stefan Löfven\nMorgan Johansson (Justitiedepartementet)\n"
            "1 Förslag till lag om ändring i lagen (2010:800) om tillsyn\n"
            "Härigenom föreskrivs att 3 kap. 1 § lagen (2010:800) om tillsyn ska ha följande lydelse.\n"
            "Nuvarande lydelse\tFöreslagen lydelse\n3 kap.\n1 §\n"
            "Tillsynen utövas av länsstyrelsen.\tTillsynen utövas av Inspektionen för tillsyn.\n"
            "Denna lag träder i kraft den 1 juli 2021.\n")
    document = paper(text)
    assert document.kind is Kind.BILL and document.heading == "Ändrade regler om tillsyn"
    assert document.paper is not None and document.paper.designation == "2020/21:123"
    (section,) = parts(document, Level.SECTION)
    rows = [row for block, _ in walk(section.children) if isinstance(block, Table)
            for row in block.rows]
    assert [[inline_text(cell) for cell in row.cells] for row in rows] == [
        ["Tillsynen utövas av länsstyrelsen.", "Tillsynen utövas av Inspektionen för tillsyn."]]
    assert not [w for w in document.warnings if w.code == "wording-columns"]
    data = write(document, "akn", stem="x")
    assert problems(data) == []
    assert b'eId="sec_1__law_1__mod_1__qstr_1__chp_3__sec_1"' in data
