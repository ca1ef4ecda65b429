"""Any statute model the genre allows is written as a strict-valid act and read back equal.

The corpus tests check real statutes; this one draws models with hypothesis: every
level in the places statutes put it, versions with and without dates, repealed
parts, lists with sub-lists, tables, references, annexes, header blocks and
metadata — so the profile has no corner the parser happens not to reach.
"""

from __future__ import annotations

import datetime
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from riksdoc.model import (
    AmendingAct,
    Block,
    Division,
    Document,
    HeaderField,
    Inline,
    Kind,
    Level,
    ListBlock,
    ListItem,
    Paragraph,
    Ref,
    Statute,
    Table,
    TableRow,
    Validity,
)
from riksdoc.readers.akn import read
from riksdoc.statute.lines import read_marker
from riksdoc.validate import problems
from riksdoc.writers.akn import write

_WORD = st.text(st.sampled_from("abcåäöxyzÅÄÖ§()-.,:/ 0123456789"), min_size=1, max_size=12)
_TEXT = _WORD.filter(lambda t: t.strip() == t and "  " not in t)
_DATE = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
_NUMBER = st.builds(lambda y, n: f"{y}:{n}", st.integers(1900, 2100), st.integers(1, 2000))
_MARKERS = ("/Upphör att gälla U:2026-07-01/", "/Träder i kraft I:2026-07-01/",
            "/Kapitlet upphör att gälla U:2026-07-01 genom lag 2025:729/",
            "/Träder i kraft I:den dag regeringen bestämmer/")


@st.composite
def _content(draw: st.DrawFn) -> tuple[Inline, ...]:
    parts: list[Inline] = []
    for _ in range(draw(st.integers(0, 3))):
        if (parts and isinstance(parts[-1], str)) or draw(st.booleans()):
            parts.append(Ref(draw(_TEXT), "/akn/se/act/" + draw(_NUMBER).replace(":", "/"),
                             draw(st.sampled_from([None, "amendment", "repeal"]))))
        else:
            parts.append(draw(_TEXT))
    return tuple(parts)


@st.composite
def _validity(draw: st.DrawFn, numbered: bool) -> Validity | None:
    if draw(st.booleans()):
        return None
    markers = tuple(draw(st.lists(st.sampled_from(_MARKERS), max_size=2)))
    found = [m for m in (read_marker(text) for text in markers) if m]
    leading = (draw(st.booleans()) if numbered else True) if markers else False
    return Validity(draw(st.none() | _DATE), draw(st.none() | _DATE), markers, leading,
                    next((m.by for m in found if m.by), None))


def _list(depth: int) -> st.SearchStrategy[ListBlock]:
    sub = st.just(()) if depth >= 2 else st.lists(_list(depth + 1), max_size=1).map(tuple)
    return st.builds(ListBlock, st.booleans(), st.lists(
        st.builds(lambda m, c, b: ListItem(m, c, blocks=b), st.sampled_from(["1.", "a)", "-", "–"]),
                  _content(), sub), min_size=1, max_size=3).map(tuple))


_TABLE = st.builds(Table, st.lists(st.builds(TableRow, st.lists(
    st.just(()) | _content(), min_size=1, max_size=3).map(tuple)), min_size=1, max_size=2).map(tuple))


@st.composite
def _stycke(draw: st.DrawFn) -> Division:
    shape = draw(st.sampled_from(["text", "list", "intro+list", "table", "mixed"]))
    blocks: list[Block]
    if shape == "text":
        blocks = [Paragraph(draw(_content()))]
    elif shape == "list":
        blocks = [draw(_list(0))]
    elif shape == "intro+list":
        blocks = [Paragraph(draw(_content())), draw(_list(0)), *draw(st.lists(_list(0), max_size=1))]
    elif shape == "table":
        blocks = [draw(_TABLE)]
    else:
        blocks = draw(st.lists(st.one_of(_content().map(Paragraph), _list(0), _TABLE),
                               min_size=1, max_size=3))
    return Division(Level.PARAGRAPH, None, None, tuple(blocks))


@st.composite
def _division(draw: st.DrawFn, level: Level) -> Division:
    num = {Level.PART: st.sampled_from(["AVD. I", "AVDELNING II.", "FÖRSTA AVDELNINGEN"]),
           Level.CHAPTER: st.sampled_from(["1 kap.", "2 a kap.", "3 Kap."]),
           Level.SECTION: st.sampled_from(["1 §", "1 §", "3 a §", "7-10 §§", "§ 2."]),
           Level.AMENDMENT: _NUMBER, Level.TRANSITIONAL: st.none(), Level.HEADING: st.none(),
           Level.ANNEX: st.sampled_from(["Bilaga 1", "Bilaga", None])}[level]
    number = draw(num)
    heading = draw(st.none() | _TEXT) if level is not Level.SECTION else None
    if level is Level.HEADING:
        heading = draw(_TEXT)
    inner = {Level.PART: [Level.CHAPTER, Level.SECTION, Level.HEADING],
             Level.CHAPTER: [Level.SECTION, Level.HEADING],
             Level.TRANSITIONAL: [Level.AMENDMENT, Level.SECTION],
             Level.AMENDMENT: [Level.SECTION, Level.HEADING],
             Level.ANNEX: [Level.HEADING]}.get(level, [])
    children: list[Block] = []
    if level is not Level.HEADING:
        for _ in range(draw(st.integers(0 if level is not Level.SECTION else 1, 2))):
            kind = draw(st.sampled_from([None, *inner]))
            children.append(draw(_stycke()) if kind is None else draw(_division(kind)))
    return Division(level, number, heading, tuple(children), draw(_validity(number is not None)),
                    draw(st.booleans()) if level in (Level.SECTION, Level.CHAPTER) else False)


@st.composite
def _statute(draw: st.DrawFn) -> Document:
    top = draw(st.lists(st.sampled_from([Level.PART, Level.CHAPTER, Level.SECTION,
                                         Level.HEADING, Level.PARAGRAPH]), max_size=3))
    blocks: list[Block] = [draw(_stycke()) if level is Level.PARAGRAPH else draw(_division(level))
                           for level in top]
    if draw(st.booleans()):
        blocks.append(draw(_division(Level.TRANSITIONAL)))
    blocks += draw(st.lists(_division(Level.ANNEX), max_size=2))
    if not blocks:
        blocks = [draw(_division(Level.SECTION))]
    heading = draw(st.none() | _TEXT)
    number = draw(st.none() | _NUMBER)
    header = tuple(draw(st.lists(st.builds(HeaderField, st.sampled_from(
        ["SFS nr", "Rubrik", "Utfärdad", "Övrigt", ""]), _TEXT), max_size=3)))
    statute = Statute(
        number=number, form=draw(st.sampled_from([None, "lag", "förordning"])),
        department=draw(st.none() | st.sampled_from(["Utbildningsdepartementet",
                                                     "Socialdepartementet"])),
        issued=draw(st.none() | _DATE), in_force=draw(st.none() | _DATE),
        consolidated_through=draw(st.none() | _NUMBER),
        consolidated_date=draw(st.none() | _DATE),
        amendments=tuple(draw(st.lists(st.builds(AmendingAct, _NUMBER, st.none() | _TEXT,
                                                 st.none() | _DATE, st.none() | _TEXT,
                                                 st.none() | _TEXT), max_size=2))),
        repealed_by=draw(st.none() | _NUMBER), repealed=draw(st.none() | _DATE),
        time_limited=draw(st.none() | _DATE), preparatory_works=draw(st.none() | _TEXT),
        header=header)
    if statute.issued is not None and number is not None:  # an issue date in the number's year
        statute = Statute(**{**statute.__dict__, "issued": statute.issued.replace(
            year=int(number.split(":")[0]), day=min(statute.issued.day, 28))})
    return Document(Kind.STATUTE, heading=heading, blocks=tuple(blocks), statute=statute)


@settings(max_examples=int(os.environ.get("RIKSDOC_FUZZ_EXAMPLES", "120")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_statute(), st.text(max_size=8))
def test_any_statute_model_is_a_valid_act_that_reads_back_equal(document: Document,
                                                                 stem: str) -> None:
    data = write(document, stem=stem or "stdin")
    assert problems(data) == []
    assert read(data).document == document
