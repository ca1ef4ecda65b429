"""The readings of table cells and words that DOCX and PDF set alike."""

from __future__ import annotations

import pytest

from riksdoc.model import Table, TableRow
from riksdoc.writers import typeset


def table(*rows: tuple[str, ...]) -> Table:
    return Table(tuple(TableRow(tuple((c,) if c else () for c in row)) for row in rows))


@pytest.mark.parametrize(("text", "number"), [
    ("120", True), ("45 000", True), ("45\u00a0000", True), ("2,5", True), ("−3", True),
    ("12 %", True), ("2019/20", True), ("1 234,50", True),
    ("500 miljoner kr", False), ("Län", False), ("", False), ("1,5 miljarder", False),
    ("12 34", False),
])
def test_is_number(text: str, number: bool) -> None:
    assert typeset.is_number(text) is number


@pytest.mark.parametrize(("rows", "header"), [
    ((("Län", "Miljoner kronor"), ("Norrbotten", "120"), ("Västerbotten", "95")), True),
    ((("År", "Belopp", "Not"), ("2018", "500 miljoner kr", "")), True),
    ((("Utgiftsområde", "2019", "2020"), ("Rättsväsendet", "45 000", "47 000")), True),
    ((("2018", "Beslut"), ("2019", "Beslut")), False),        # like the rows below it
    ((("Namn", "Parti"), ("Anna Berg", "S")), False),         # words over words: unsure
    ((("Norrbotten", "120"), ("Västerbotten", "95")), False),  # a figure in the first row
    ((("Län", "Mkr"),), False),                               # nothing below
])
def test_header_row(rows: tuple, header: bool) -> None:
    assert typeset.header_row(table(*rows)) is header


def test_numeric_columns_ignore_the_header_empty_cells_and_dashes() -> None:
    t = table(("Län", "Mkr", "Not"), ("Norrbotten", "120", "a"), ("Gotland", "–", ""),
              ("Västerbotten", "1 095", "b"))
    assert typeset.numeric_columns(t) == {1}


def test_keep_whole_marks_names_and_the_authors_hyphens() -> None:
    pieces = list(typeset.keep_whole(
        "Sven-Erik Österberg om risk- och hotbedömningar i Regeringskansliet och Sverige."))
    assert [(p, r) for p, r in pieces if r] == [
        ("Sven-Erik", "name"), ("Österberg", "name"), ("risk- och", "compound"),
        ("Regeringskansliet", "name"), ("Sverige", "name")]
    assert "".join(p for p, _ in pieces).endswith("och Sverige.")
    assert list(typeset.keep_whole("helt vanlig text")) == [("helt vanlig text", None)]
