"""Statute recognition: the shapes of Swedish statute text, one at a time.

Each test gives a small text in the shape the legal database serves (hard-wrapped
lines, empty lines between stycken) and checks the model a lawyer would expect:
what is a chapter, a section, a stycke, a list, a version; what became a
reference; and which warnings name which lines.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from riksdoc.model import (
    Block,
    Division,
    Document,
    Level,
    ListBlock,
    Paragraph,
    Ref,
    Table,
    inline_text,
    walk,
)
from riksdoc.statute import from_text, looks_like_statute
from riksdoc.statute.clean import clean
from riksdoc.statute.grammar import RULES, SAME, Reader
from riksdoc.statute.lines import Text

from .conftest import SEED, TESTS

SFS = TESTS / "corpus-sfs"


def parse(text: str, name: str = "") -> Document:
    return from_text(text, name=name)[0]


def divisions(doc: Document, level: Level) -> list[Division]:
    return [b for b, _ in walk(doc.blocks) if isinstance(b, Division) and b.level is level]


def outline(blocks: tuple[Block, ...], depth: int = 0) -> list[str]:
    """A compact picture of the tree: ``chapter 1 kap. | Heading``, ``P text``, ``- item``."""
    out = []
    for block in blocks:
        pad = "  " * depth
        if isinstance(block, Division):
            label = " ".join(p for p in (block.num, block.heading) if p)
            out.append(f"{pad}{block.level.value} {label}".rstrip())
            out += outline(block.children, depth + 1)
        elif isinstance(block, Paragraph):
            out.append(f"{pad}P {inline_text(block.content)}")
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.append(f"{pad}{item.marker} {inline_text(item.content)}")
                out += outline(item.blocks, depth + 1)
        elif isinstance(block, Table):
            for row in block.rows:
                out.append(pad + " | ".join(inline_text(cell) for cell in row.cells))
    return out


def tokens(text: str) -> list[str]:
    """Words and numbers in order (hyphens, signs and punctuation separate them)."""
    return re.findall(r"[^\W_]+", text)


def model_text(blocks: tuple[Block, ...], markers: bool = True) -> str:
    """Every word the model holds, in reading order (numbers, headings, markers, text);
    without list items' markers if *markers* is False (formats that number lists)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Division):
            versions = list(block.validity.markers) if block.validity else []
            num, heading = [block.num or ""], [block.heading or ""]
            if block.validity is not None and block.validity.leading:
                out += versions + num + heading
            else:
                out += num + versions + heading
            out.append(model_text(block.children, markers))
        elif isinstance(block, Paragraph):
            out.append(inline_text(block.content))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out += [item.marker if markers else "", inline_text(item.content),
                        model_text(item.blocks, markers)]
        elif isinstance(block, Table):
            out += [inline_text(cell) for row in block.rows for cell in row.cells]
    return " ".join(out)


def warnings(doc: Document) -> list[tuple[int | None, str]]:
    """The uncertain recognitions, with their lines; a fragment's want of an SFS number
    (``no-number``, tested on its own) left out."""
    return [(w.line, w.code) for w in doc.warnings if w.code != "no-number"]


def test_chapter_rubrik_sections_stycken_and_lists() -> None:
    doc = parse("1 kap. Inledande bestämmelser\n\nSkolväsendet\n\n"
                "1 § Denna lag innehåller bestämmelser om skolväsendet.\n"
                "Utbildning anordnas av det allmänna.\n\n"
                "Skolväsendet omfattar skolformerna\n\n- förskola,\n\n- grundskola, och\n\n"
                "- kommunal vuxenutbildning.\n\n"
                "I skolväsendet ingår också fritidshem. Lag (2022:1315).\n\n"
                "2 § Rektorn beslutar.\n")
    assert outline(doc.blocks) == [
        "chapter 1 kap. Inledande bestämmelser",
        "  heading Skolväsendet",
        "  section 1 §",
        "    paragraph",
        ("      P Denna lag innehåller bestämmelser om skolväsendet. Utbildning anordnas av det "
         "allmänna."),
        "    paragraph",
        "      P Skolväsendet omfattar skolformerna",
        "      - förskola,",
        "      - grundskola, och",
        "      - kommunal vuxenutbildning.",
        "    paragraph",
        "      P I skolväsendet ingår också fritidshem. Lag (2022:1315).",
        "  section 2 §",
        "    paragraph",
        "      P Rektorn beslutar."]
    assert warnings(doc) == []


def test_a_wrapped_line_that_starts_like_a_chapter_or_section_continues_its_stycke() -> None:
    doc = parse("1 § Bestämmelserna i\n15 kap. 30 a § första stycket och 20 kap. 16 a § första\n"
                "stycket gäller inte.\n\n2 § Den som avses i\n3 § andra stycket får ansöka.\n")
    assert [s.num for s in divisions(doc, Level.SECTION)] == ["1 §", "2 §"]
    assert divisions(doc, Level.CHAPTER) == []
    first = divisions(doc, Level.PARAGRAPH)[0].children[0]
    assert inline_text(first.content).startswith("Bestämmelserna i 15 kap. 30 a § första stycket")


def test_a_stycke_opening_with_a_reference_is_not_a_section() -> None:
    doc = parse("1 § Text ett.\n\n2 § Text två.\n\n2 § första stycket gäller inte barn.\n\n3 § Tre.\n")
    assert [s.num for s in divisions(doc, Level.SECTION)] == ["1 §", "2 §", "3 §"]
    assert len(divisions(doc, Level.SECTION)[1].children) == 2


def test_chapter_headings_wrap_or_follow_the_number_line() -> None:
    doc = parse("8 kap. Om äktenskapsförord; så ock om andra rättshandlingar\nmellan makar\n\n"
                "1 § Text.\n\n9 Kap.\n\nOm boskillnad\n\n1 § Text.\n\n"
                "10 kap. /Kapitlet upphör att gälla U:2026-07-01 genom lag 2025:729/\n"
                "Förskoleklassen\n\n1 § Text.\n")
    chapters = divisions(doc, Level.CHAPTER)
    assert [(c.num, c.heading) for c in chapters] == [
        ("8 kap.", "Om äktenskapsförord; så ock om andra rättshandlingar mellan makar"),
        ("9 Kap.", "Om boskillnad"), ("10 kap.", "Förskoleklassen")]
    assert chapters[2].validity is not None
    assert chapters[2].validity.end == datetime.date(2026, 7, 1)
    assert chapters[2].validity.by == "2025:729" and not chapters[2].validity.leading
    assert warnings(doc) == []


def test_time_limited_versions_keep_every_version_with_its_interval() -> None:
    doc = parse("12 § /Upphör att gälla U:2025-07-01/\nLagen är uppdelad i 31 kapitel.\n\n"
                "12 § /Träder i kraft I:2025-07-01/\n/Upphör att gälla U:2026-07-01/\n"
                "Lagen är uppdelad i 32 kapitel.\n\n"
                "12 § /Träder i kraft I:2026-07-01/\nLagen är uppdelad i 31 kapitel.\n\n"
                "/Rubriken träder i kraft I:2025-07-01/\nSkolbibliotek\n\n"
                "/Träder i kraft I:2025-07-01/\n13 § Eleverna ska ha tillgång.\n\n"
                "/Kapitlet träder i kraft I:2025-07-01/\n6 a kap. Säkerhetsarbete\n\n1 § Text.\n")
    sections = divisions(doc, Level.SECTION)
    intervals = [(s.num, s.validity.start, s.validity.end) for s in sections if s.validity]
    d = datetime.date
    assert intervals == [("12 §", None, d(2025, 7, 1)), ("12 §", d(2025, 7, 1), d(2026, 7, 1)),
                         ("12 §", d(2026, 7, 1), None), ("13 §", d(2025, 7, 1), None)]
    assert sections[1].validity.markers == ("/Träder i kraft I:2025-07-01/",
                                            "/Upphör att gälla U:2026-07-01/")
    assert [s.validity.leading for s in sections if s.validity] == [False, False, False, True]
    rubrik = divisions(doc, Level.HEADING)[0]
    assert rubrik.heading == "Skolbibliotek" and rubrik.validity.leading
    chapter = divisions(doc, Level.CHAPTER)[0]
    assert chapter.validity.start == d(2025, 7, 1) and chapter.validity.leading
    assert warnings(doc) == []
    assert sections[2].validity.contains(d(2026, 7, 1)) and not sections[1].validity.contains(
        d(2026, 7, 1))


def test_amendment_notes_become_references_with_their_words() -> None:
    doc = parse("1 § Den första texten. Lag (2022:1315).\n\n2 § Enligt\n\n- punkt ett,\n\n"
                "- punkt två.\nLag (2012:493).\n\n3 § Text som slutar med en ändring. Lag\n"
                "(1968:758).\n\n4 § Text.\n\nLag (2019:1).\n")
    refs = [(p.text, p.href, p.kind) for b, _ in walk(doc.blocks)
            for p in getattr(b, "content", ()) if isinstance(p, Ref)]
    refs += [(p.text, p.href, p.kind) for b, _ in walk(doc.blocks) if isinstance(b, ListBlock)
             for item in b.items for p in item.content if isinstance(p, Ref)]
    assert sorted(refs) == sorted([
        ("Lag (2022:1315)", "/akn/se/act/2022/1315", "amendment"),
        ("Lag (2012:493)", "/akn/se/act/2012/493", "amendment"),
        ("Lag (1968:758)", "/akn/se/act/1968/758", "amendment"),
        ("Lag (2019:1)", "/akn/se/act/2019/1", "amendment")])
    fourth = divisions(doc, Level.SECTION)[3]
    assert len(fourth.children) == 1, "a note alone ends the stycke before it"


def test_repeal_notes_mark_parts_repealed_and_cite_the_act() -> None:
    doc = parse("Har upphävts genom lag (2024:945).\n1 Kap.\n\nAllmänna bestämmelser\n\n"
                "1 § Text.\n\n2 § har upphört att gälla genom lag (1968:758).\n\n"
                "7-10 §§ har upphört att gälla genom lag (1973:645).\n\n"
                "2 kap. har upphört att gälla genom lag (1973:645).\n\n"
                "Bilaga 5 Har upphävts genom lag (2017:620).\n")
    top = doc.blocks[0]
    assert isinstance(top, Division) and top.level is Level.PARAGRAPH
    assert [p for p in top.children[0].content if isinstance(p, Ref)] == [
        Ref("lag (2024:945)", "/akn/se/act/2024/945", "repeal")]
    repealed = [(d.level.value, d.num) for d, _ in walk(doc.blocks)
                if isinstance(d, Division) and d.repealed]
    assert repealed == [("section", "2 §"), ("section", "7-10 §§"), ("chapter", "2 kap."),
                        ("annex", "Bilaga 5")]
    assert warnings(doc) == []


def test_transitional_provisions_are_grouped_by_amending_act() -> None:
    doc = parse("1 § Text.\n\n\nÖvergångsbestämmelser\n\n2010:800\n\nFöreskrifter meddelas i "
                "lagen.\n\n2011:189\n\n1. Denna lag träder i kraft den 1 juli 2011.\n\n"
                "2. Äldre bestämmelser gäller.\n\n1987:788\n\nIkraftträdande m. m.\n\n"
                "1 § Balken träder i kraft.\n\nÖvergångsbestämmelser till 7 kap.\n\n"
                "2 § Äldre regler gäller.\n")
    (transitional,) = divisions(doc, Level.TRANSITIONAL)
    assert transitional.heading == "Övergångsbestämmelser"
    groups = [d for d in transitional.children if isinstance(d, Division)]
    assert [(g.level, g.num) for g in groups] == [(Level.AMENDMENT, "2010:800"),
                                                  (Level.AMENDMENT, "2011:189"),
                                                  (Level.AMENDMENT, "1987:788")]
    assert outline(groups[2].children) == [
        "heading Ikraftträdande m. m.", "section 1 §", "  paragraph", "    P Balken träder i kraft.",
        "heading Övergångsbestämmelser till 7 kap.", "section 2 §", "  paragraph",
        "    P Äldre regler gäller."]
    assert outline(groups[1].children) == [
        "paragraph", "  1. Denna lag träder i kraft den 1 juli 2011.",
        "  2. Äldre bestämmelser gäller."]
    assert warnings(doc) == []


def test_annexes_with_tables_in_columns() -> None:
    doc = parse("1 § Text.\n\nBilaga 2 \n\nPoängplan för programmen\n\n"
                "Ämne\t\t\t                        Gymnasiepoäng\t\n\n"
                "Svenska eller svenska\nsom andraspråk                                  300\n\n"
                "Engelska\t\t\t                200\n\n"
                "Ämne\t                                Gymnasiepoäng i \n"
                "                                        anpassad gymnasieskola\n")
    (annex,) = divisions(doc, Level.ANNEX)
    assert (annex.num, annex.heading) == ("Bilaga 2", "Poängplan för programmen")
    assert outline(annex.children) == [
        "paragraph", "  Ämne | Gymnasiepoäng", "  Svenska eller svenska som andraspråk | 300",
        "  Engelska | 200", "  Ämne | Gymnasiepoäng i anpassad gymnasieskola"]


def test_indented_text_is_text_and_annex_titles_vary() -> None:
    doc = parse("1 § Denna lag gäller\n     för alla som\n     bor här.\n\n"
                "Bilaga 1 (till 3 §)\n\nText i bilagan.\n\nBilaga till förordningen (2019:1)\n\n"
                "Mer text.\n")
    assert outline(doc.blocks) == [
        "section 1 §", "  paragraph", "    P Denna lag gäller för alla som bor här.",
        "annex Bilaga 1 (till 3 §)", "  paragraph", "    P Text i bilagan.",
        "annex Bilaga till förordningen (2019:1)", "  paragraph", "    P Mer text."]


def test_nested_lists_and_definition_lists() -> None:
    doc = parse("1 § I denna lag avses med\n\n- elev: den som deltar i utbildning,\n\n"
                "- skolenhet: en enhet.\n\n2 § Detta gäller dock bara om\n\n"
                "1. det saknas sökande, om\n\na) kursen är ny,\n\nb) kursen är gammal, och\n\n"
                "2. den sökande är lämplig.\n\nEfter listan.\n")
    assert outline(divisions(doc, Level.SECTION)[1].children) == [
        "paragraph", "  P Detta gäller dock bara om", "  1. det saknas sökande, om",
        "    a) kursen är ny,", "    b) kursen är gammal, och", "  2. den sökande är lämplig.",
        "paragraph", "  P Efter listan."]
    first = divisions(doc, Level.SECTION)[0].children[0].children[1]
    assert isinstance(first, ListBlock) and not first.ordered
    assert inline_text(first.items[0].content) == "elev: den som deltar i utbildning,"


def test_hyphenated_line_ends_keep_the_hyphen_and_close_up_number_ranges() -> None:
    doc = parse("1 § Kommunernas hälso-\noch sjukvård enligt 2 kap. 2-\n6 §§ och avdelning V (14-\n"
                "17 kap.) och EU-\nrätten.\n")
    text = inline_text(divisions(doc, Level.PARAGRAPH)[0].children[0].content)
    assert text == ("Kommunernas hälso- och sjukvård enligt 2 kap. 2-6 §§ och avdelning V "
                    "(14-17 kap.) och EU-rätten.")


def test_parts_in_every_style_but_not_a_section_that_lists_them() -> None:
    doc = parse("AVDELNING I. SOCIALTJÄNSTENS MÅL OCH ANDRA GRUNDLÄGGANDE \nBESTÄMMELSER\n\n"
                "1 kap. Lagens innehåll\n\n5 § Lagen består av två avdelningar:\n\n"
                "Avdelning I. Socialtjänstens mål och andra grundläggande \nbestämmelser (1-5 kap.).\n\n"
                "Avdelning II. Ansvar för planering (6 och 7 kap.).\n\n"
                "FÖRSTA AVDELNINGEN\n\nALLMÄNNA BESTÄMMELSER\n\n2 kap. Om brott\n\n1 § Text.\n\n"
                "Avd. 3. Särskilda bestämmelser\n\n3 kap. Annat\n\n1 § Text.\n")
    parts = divisions(doc, Level.PART)
    assert [(p.num, p.heading) for p in parts] == [
        ("AVDELNING I.", "SOCIALTJÄNSTENS MÅL OCH ANDRA GRUNDLÄGGANDE BESTÄMMELSER"),
        ("FÖRSTA AVDELNINGEN", "ALLMÄNNA BESTÄMMELSER"), ("Avd. 3.", "Särskilda bestämmelser")]
    assert len(divisions(doc, Level.SECTION)[0].children) == 3


def test_a_listing_of_chapters_inside_a_section_is_text() -> None:
    doc = parse("1 kap. Inledande bestämmelser\n\n1 § Lagen är uppdelad enligt följande.\n\n"
                "1 kap. Inledande bestämmelser\n\n2 kap. Definitioner\n\n3 kap. Tillsyn\n\n"
                "2 § Text.\n\n2 kap. Definitioner\n\n1 § Text.\n")
    assert [c.num for c in divisions(doc, Level.CHAPTER)] == ["1 kap.", "2 kap."]
    assert len(divisions(doc, Level.SECTION)[0].children) == 4


def test_text_without_empty_lines_still_finds_chapters_sections_and_items() -> None:
    doc = parse("1 kap. Inledande bestämmelser\n1 § Denna lag gäller\n- för alla,\n"
                "- för några.\n2 § Text.\n")
    assert outline(doc.blocks) == [
        "chapter 1 kap. Inledande bestämmelser", "  section 1 §", "    paragraph",
        "      P Denna lag gäller", "      - för alla,", "      - för några.", "  section 2 §",
        "    paragraph", "      P Text."]


@pytest.mark.parametrize(("text", "expected"), [
    ("1 § Ett.\n\n3 § Tre.\n\n3 § Tre igen.\n", [(5, "duplicate-number")]),
    ("1 kap. A\n\n1 § Ett.\n\n3 kap. C\n\n1 § Ett.\n\n2 kap. B\n\n1 § Ett.\n",
     [(9, "numbering-backwards")]),
    ("1 kap. Tomt\n\n2 kap. Fullt\n\n1 § Text.\n", [(1, "chapter-without-sections")]),
    ("Inledande text som slutar med punkt.\n\n1 § Text.\n", [(1, "stycke-outside-section")]),
    ("1 § Text.\n\n/Upphör att gälla U:2026-07-01/\n\nText.\n",
     [(3, "marker-without-part")]),
    ("1 § Gäller\n\n1. föreläggande enligt\n\n7 kap. 23 §, eller\n\n2. annat.\n",
     [(5, "text-continued"), (3, "reference-unresolved")]),  # no 7 kap. in the text
    ("1 § Text ett.\n\n5 § Lagen (2010:800) gäller.\n\n2 § Två.\n",
     [(3, "section-out-of-sequence")]),
    ("3 § Tre.\n\n1 a § Lagen gäller.\n", [(3, "section-backwards")]),
], ids=["duplicate", "chapters-backwards", "chapter-without-sections", "before-first-section",
        "marker-alone", "item-broken-by-empty-line", "reference-jumping-ahead", "section-backwards"])
def test_uncertain_recognitions_are_warnings_naming_their_line(text: str, expected: list) -> None:
    doc = parse(text)
    assert warnings(doc) == expected
    assert tokens(model_text(doc.blocks)) == tokens(text), "every word kept, in order"


@pytest.mark.parametrize(("text", "first"), [
    ("4 § Bestämmelserna gäller.\n\n5 § Mer.\n", ("section", "4 §")),
    ("3 kap. Ansvar\n\n1 § Text.\n", ("chapter", "3 kap.")),
    ("AVD. II SÄRSKILDA BESTÄMMELSER\n\n5 kap. Ansvar\n\n1 § Text.\n", ("part", "AVD. II")),
    ("andra stycket gäller inte.\n\n6 § Text.\n", ("paragraph", None)),
    ("- förskola,\n\n- skola.\n", ("paragraph", None)),
], ids=["section", "chapter", "part", "stycke", "list"])
def test_fragments_start_at_any_level(text: str, first: tuple) -> None:
    doc = parse(text)
    top = doc.blocks[0]
    assert isinstance(top, Division) and (top.level.value, top.num) == first


def test_header_block_of_an_older_iso_8859_1_export() -> None:
    from riksdoc.readers import read
    path = TESTS / "fixtures" / "sfs-2024-1274-header-latin1.txt"
    doc = read(path.read_bytes(), path.name).document
    statute = doc.statute
    assert statute is not None and statute.number == "2024:1274"
    assert statute.department == "Socialdepartementet" and statute.form == "förordning"
    assert statute.issued == datetime.date(2024, 12, 12)
    assert statute.in_force == datetime.date(2025, 1, 15)
    assert doc.heading == ("Förordning (2024:1274) om statsbidrag till regioner för att stärka "
                           "arbetet med skriftlig ordination av fysisk aktivitet")
    assert [f.key for f in statute.header] == ["SFS nr", "Departement/ myndighet", "Rubrik",
                                               "Utfärdad", "Ikraft", "Källa"]
    assert len(divisions(doc, Level.SECTION)) == 20


def test_statute_text_is_recognised_by_its_opening_and_nothing_else_is() -> None:
    for path in sorted((SFS / "raw").glob("*.txt")):
        assert looks_like_statute(path.read_text(encoding="utf-8")), path.name
    assert looks_like_statute("SFS nr: 1999:175\nRubrik: Förordning\n\n1 § Text.\n")
    assert not looks_like_statute(SEED.read_text(encoding="utf-8"))
    for path in sorted((TESTS / "corpus" / "raw").glob("*.txt")):
        assert not looks_like_statute(path.read_text(encoding="utf-8")), path.name


def _corpus_texts() -> list[Path]:
    return sorted((SFS / "raw").glob("*.txt"))


def test_the_rule_table_says_what_each_rule_does() -> None:
    """Over the corpus, every rule that fired left the reader in a state its row names."""
    fired: set[int] = set()
    for path in _corpus_texts():
        reader = Reader(Text(clean(path.read_text(encoding="utf-8")).lines))
        reader.tracing = True
        reader.run()
        for line, declared, state in reader.trace:
            if declared != SAME:
                assert state in declared.split("|"), (path.name, line, declared, state)
        fired |= {next(n for n, r in enumerate(RULES) if r.next == d) for _, d, _ in reader.trace}
    assert fired, "the corpus exercises the table"


def test_line_numbers_of_the_model_are_the_input_lines() -> None:
    text = (SFS / "raw" / "sfs-2024-1274.txt").read_text(encoding="utf-8")
    doc = parse(text)
    lines = text.splitlines()
    for section in divisions(doc, Level.SECTION):
        assert section.span is not None
        assert lines[section.span.first - 1].startswith(section.num)


def test_a_record_with_an_old_or_odd_number_still_converts() -> None:
    import json

    from riksdoc.readers import read
    from riksdoc.validate import problems
    from riksdoc.writers import write
    record = json.loads((SFS / "api" / "sfs-2025-399.json").read_text(encoding="utf-8"))
    record["beteckning"], record["fulltext"]["utfardadDateTime"] = "1736:0123 2", None
    old = read(json.dumps(record).encode(), "x.json").document
    assert old.statute is not None and old.statute.number == "1736:0123 2"
    data = write(old, "akn", stem="handelsbalk")
    assert problems(data) == [] and b'<FRBRuri value="/akn/se/act/1736/0123-2"/>' in data
    record["beteckning"] = "N1992:31"
    odd = read(json.dumps(record).encode(), "x.json").document
    assert odd.statute is not None and odd.statute.number is None
    assert [w.code for w in odd.warnings] == ["record-number"]
    assert b"/akn/se/act/9999-01-01/handelsbalk" in write(odd, "akn", stem="handelsbalk")
