"""The law on a given day (``--as-of``): one version of each part, the one in force then
(where the database leaves an older version open-ended, the one that began last).

Skollag keeps both versions of its time-limited sections (``/Upphör att gälla
U:2026-07-01/`` and ``/Träder i kraft I:2026-07-01/``); as of 2026-07-01 only the
second is published, as of 2026-06-30 only the first, the transitional provisions
whole, and the expression dated to the day.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from riksdoc.cli import main
from riksdoc.eids import name
from riksdoc.model import Division, Document, Kind, Level, Ref, walk
from riksdoc.readers import read
from riksdoc.statute.as_of import as_of
from riksdoc.validate import problems
from riksdoc.writers import write

from .conftest import TESTS
from .test_statute_parse import model_text

SKOLLAG = TESTS / "corpus-sfs" / "api" / "sfs-2010-800.json"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
DAYS = (datetime.date(2026, 7, 1), datetime.date(2026, 6, 30))


@cache
def skollag() -> Document:
    return read(SKOLLAG.read_bytes(), SKOLLAG.name).document


@cache
def on(day: datetime.date) -> Document:
    return as_of(skollag(), day)


def versions(document: Document) -> dict[tuple[str, ...], list[Division]]:
    """The sections and chapters of the body by their place (chapter and number), each
    with its versions, in order."""
    found: dict[tuple[str, ...], list[Division]] = defaultdict(list)

    def visit(blocks: tuple, path: tuple[str, ...]) -> None:
        for block in blocks:
            if not isinstance(block, Division) or block.level is Level.TRANSITIONAL:
                continue
            if block.level in (Level.CHAPTER, Level.SECTION) and block.num:
                found[(*path, block.num)].append(block)
                visit(block.children, (*path, block.num))
            else:
                visit(block.children, path)
    visit(document.blocks, ())
    return found


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_each_time_limited_part_keeps_the_version_in_force_that_day(day: datetime.date) -> None:
    full, kept = versions(skollag()), versions(on(day))
    limited = {place: parts for place, parts in full.items()
               if any(p.validity is not None for p in parts)}
    assert len(limited) > 150
    for place, parts in limited.items():
        in_force = [p for p in parts if p.validity is not None and p.validity.contains(day)]
        latest = sorted(in_force, key=lambda p: p.validity.start or datetime.date.min)[-1:]
        if len(place) > 1 and place[:-1] not in kept:
            latest = []  # its chapter is not in force (9 kap. ends on 2026-07-01)
        assert [p.validity for p in kept.get(place, [])] == [p.validity for p in latest], place
    both = [place for place, parts in limited.items()
            if {(p.validity.start, p.validity.end) for p in parts if p.validity} >=
            {(None, DAYS[0]), (DAYS[0], None)}]
    assert len(both) > 50  # sections ending and starting on 2026-07-01: one of each kept
    for place in both:
        (version,) = kept[place]
        assert version.validity is not None
        assert (version.validity.start == DAYS[0]) == (day == DAYS[0])


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_both_days_are_strict_valid_acts_dated_to_the_day(day: datetime.date) -> None:
    data = write(on(day), "akn", stem="sfs-2010-800")
    assert problems(data) == []
    root = etree.fromstring(data)
    expression = root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
    assert expression == f"/akn/se/act/2010/800/swe@{day.isoformat()}"
    assert root.find(".//a:FRBRExpression/a:FRBRdate", NS).get("name") == "asOf"
    assert root.find("a:act", NS).get("contains") == "singleVersion"
    line = root.find(".//a:preface/a:p[@class='asOf']", NS)
    assert "".join(line.itertext()) == ("Lydelse den 1 juli 2026" if day == DAYS[0]
                                        else "Lydelse den 30 juni 2026")


def test_the_transitional_provisions_are_kept_whole() -> None:
    def transitional(document: Document) -> str:
        return model_text(tuple(b for b in document.blocks if isinstance(b, Division)
                                and b.level is Level.TRANSITIONAL))
    assert transitional(on(DAYS[0])) == transitional(skollag())  # its words; a link may go


def test_links_follow_the_version_kept_and_none_dangles() -> None:
    document = on(DAYS[0])
    eids = name(document.blocks).used
    hrefs = [part.href for block, _ in walk(document.blocks)
             for part in getattr(block, "content", ()) if isinstance(part, Ref)
             and part.href.startswith("#")]
    assert len(hrefs) > 1000 and all(h[1:] in eids for h in hrefs)  # paragraphs only
    assert not any("-v" in h for h in hrefs)  # one version each: no version names left
    gone = [w for w in document.warnings if "not in force on 2026-07-01" in w.text]
    assert gone and all("9 kap." in w.text for w in gone)  # chapter 9 ceases that day


def test_the_day_reads_back_from_akn_and_json() -> None:
    document = on(DAYS[0])
    for fmt, suffix in (("akn", ".akn.xml"), ("json", ".json")):
        again = read(write(document, fmt, stem="x"), "x" + suffix).document
        assert again.statute is not None and again.statute.as_of == DAYS[0]
        assert again == document


def test_the_command_takes_as_of(tmp_path: Path, capsys) -> None:
    assert main(["convert", str(SKOLLAG), "-t", "json", "-o", str(tmp_path),
                 "--as-of", "2026-07-01", "--progress", "never"]) == 0
    data = json.loads((tmp_path / "sfs-2010-800.json").read_text(encoding="utf-8"))
    assert data["statute"]["as_of"] == "2026-07-01"
    with pytest.raises(SystemExit) as exit_:
        main(["convert", str(SKOLLAG), "--as-of", "1 juli"])
    assert exit_.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def test_a_day_before_the_text_can_show_is_said() -> None:
    early = as_of(skollag(), datetime.date(2015, 1, 1))
    assert any(w.code == "as-of-before-consolidation" for w in early.warnings)
    assert not any(w.code == "as-of-before-consolidation" for w in on(DAYS[0]).warnings)


@pytest.mark.parametrize(("record", "day", "code"), [
    ("sfs-2024-1274.json", datetime.date(2020, 1, 1), "as-of-before-issued"),
    ("sfs-2025-399.json", datetime.date(2025, 3, 1), "as-of-before-issued"),
    ("sfs-2024-1274.json", datetime.date(2025, 1, 1), "as-of-before-in-force"),
    ("sfs-2024-1274.json", datetime.date(2025, 1, 15), None)])
def test_a_day_outside_the_statutes_life_is_warned_about(record: str, day: datetime.date,
                                                         code: str | None) -> None:
    """The law on a day before the statute existed is no law: the publication says nothing
    false, but the reader is told."""
    document = read((TESTS / "corpus-sfs" / "api" / record).read_bytes(), record).document
    codes = [w.code for w in as_of(document, day).warnings if w.code.startswith("as-of-before")]
    assert codes == ([code] if code else [])


def test_a_statute_text_without_header_or_numbered_name_says_its_identity_is_a_placeholder() -> None:
    data = (TESTS / "corpus-sfs" / "raw" / "sfs-2024-1274.txt").read_bytes()
    named = read(data, "sfs-2024-1274.txt", kind=Kind.STATUTE).document
    plain = read(data, "statsbidrag.txt", kind=Kind.STATUTE).document
    assert [w.code for w in named.warnings if w.code in ("no-number", "number-from-name")] == \
        ["number-from-name"]
    assert [w.code for w in plain.warnings if w.code in ("no-number", "number-from-name")] == \
        ["no-number"]
