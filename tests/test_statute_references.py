"""References in statute text: citations become links to the parts and acts they name.

Inside one act a citation (``2 kap. 2–6 §§``, ``7 § andra stycket``, ``första stycket
2``, ``detta kapitel``) points to the eIds of the parts it names; a citation of
another act by its SFS number points to that act's Work URI (and to the section,
where one is named).  The words are never changed; what does not resolve stays
text, with a warning naming its line.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from lxml import etree

from riksdoc.model import Paragraph, Ref, walk
from riksdoc.readers import read
from riksdoc.statute import from_text
from riksdoc.statute.references import UNRESOLVED
from riksdoc.writers import write

from .conftest import TESTS

SFS = TESTS / "corpus-sfs"
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

ACT = """1 kap. Inledande bestämmelser

1 § Denna lag gäller enligt 2 kap. 2-6 §§ och 3 §.

2 § Med elev avses den som

1. går i skolan, eller

2. ska gå där.

Bestämmelserna i första stycket 2 gäller inte. Detta kapitel gäller alla.

2 kap. Huvudmän

1 § Se 1 kap. 2 § andra stycket. Se 9 kap. 4 § socialtjänstlagen (2025:400).

2 § Text. Lag (2022:1315).

3 § Text.

4 § Text.

5 § Text.

6 § Text om 7 §, 1 kap. 9 § och lagen (1994:137) samt 3 kap. 5 § samma lag.
"""


def refs(text: str) -> list[tuple[str, str]]:
    document = from_text(text)[0]
    return [(part.text, part.href) for block, _ in walk(document.blocks)
            if isinstance(block, Paragraph) for part in block.content if isinstance(part, Ref)]


def test_citations_inside_the_act_and_of_other_acts_become_links() -> None:
    assert refs(ACT) == [
        ("2 kap. 2", "#chp_2__sec_2"), ("6 §§", "#chp_2__sec_6"),
        ("3 §", "#chp_2__sec_3"),  # a chain's chapter carries on: 2 kap. 3 §
        ("första stycket 2", "#chp_1__sec_2__para_1__list_1__point_2"),
        ("Detta kapitel", "#chp_1"),
        ("1 kap. 2 § andra stycket", "#chp_1__sec_2__para_2"),
        ("9 kap. 4 §", "/akn/se/act/2025/400/~chp_9__sec_4"),
        ("socialtjänstlagen (2025:400)", "/akn/se/act/2025/400"),
        ("Lag (2022:1315)", "/akn/se/act/2022/1315"),
        ("lagen (1994:137)", "/akn/se/act/1994/137"),
    ]  # "3 kap. 5 § samma lag" cites another act by no number: text


def test_a_citation_that_names_no_part_stays_text_with_a_warning() -> None:
    document = from_text(ACT)[0]
    unresolved = [(w.line, w.text) for w in document.warnings if w.code == UNRESOLVED]
    assert unresolved == [(25, "'7 §' names no part of this act; kept as text"),
                          (25, "'1 kap. 9 §' names no part of this act; kept as text")]
    text = " ".join("".join(part if isinstance(part, str) else part.text
                            for part in block.content)
                    for block, _ in walk(document.blocks) if isinstance(block, Paragraph))
    assert "Text om 7 §, 1 kap. 9 § och lagen (1994:137) samt 3 kap. 5 § samma lag." in text


@pytest.mark.parametrize(("text", "expected"), [
    ("1 § Se 2 § andra stycket 1 och 2.\n\n2 § Om\n\n1. a,\n\n2. b.\n",
     [("2 § andra stycket 1", "#sec_2"), ("2", "#sec_2")]),
    ("1 kap. A\n\n1 § Se 1, 2 och 3 §§.\n\n2 § B.\n\n3 § C.\n",
     [("1", "#chp_1__sec_1"), ("2", "#chp_1__sec_2"), ("3 §§", "#chp_1__sec_3")]),
    ("1 kap. A\n\n1 § Se 2 kap. 1 §, 2 §.\n\n2 kap. B\n\n1 § C.\n\n2 § D.\n",
     [("2 kap. 1 §", "#chp_2__sec_1"), ("2 §", "#chp_2__sec_2")]),
    ("1 kap. A\n\n1 § Enligt 2 kap. gäller detta kapitel.\n\n2 kap. B\n\n1 § C.\n",
     [("2 kap.", "#chp_2"), ("detta kapitel", "#chp_1")]),
    ("1 kap. A\n\n1 § Se 3 a §.\n\n2 kap. B\n\n3 a § C.\n",
     [("3 a §", "#chp_2__sec_3a")]),  # one section so numbered in the act
    ("1 § Se 2 a och b §§ men inte 2 c §.\n\n2 a § A.\n\n2 b § B.\n\n2 c § C.\n",
     [("2 a", "#sec_2a"), ("b §§", "#sec_2b"), ("2 c §", "#sec_2c")]),  # b is 2 b
], ids=["points", "enumeration", "chapter-carried", "chapter-alone", "numbered-through",
        "letters"])
def test_citation_shapes(text: str, expected: list[tuple[str, str]]) -> None:
    assert refs(text) == expected


def test_a_range_is_one_rref_in_akn_and_reads_back_as_its_two_ends() -> None:
    """``2 kap. 2-6 §§`` cites sections 2 to 6, not 2 and 6: the archive copy says so
    with an ``rref`` from the first up to the last, around the same words; reading it
    back gives the model its two links again."""
    document = from_text(ACT)[0]
    data = write(document, "akn", stem="lag")
    act = etree.fromstring(data)
    ranges = [(r.text, r.get("from"), r.get("upTo")) for r in act.iter(A + "rref")]
    assert ranges == [("2 kap. 2-6 §§", "#chp_2__sec_2", "#chp_2__sec_6")]
    assert "enligt 2 kap. 2-6 §§ och 3 §." in "".join(act.itertext())
    assert read(data, "lag.akn.xml").document.blocks == document.blocks


def test_a_warning_says_what_words_that_do_not_name_a_section_were_read_as() -> None:
    """``31 b-d §§``: the ``d`` alone is section 31 d; a clerk reading the warning must see
    that, not a stray letter."""
    document = from_text("1 § Förbud enligt 31 b-d och 31 i §§ gäller.\n")[0]
    unresolved = [w.text for w in document.warnings if w.code == UNRESOLVED]
    assert unresolved == [
        "'31 b' (read as 31 b §) names no part of this act; kept as text",
        "'d' (read as 31 d §) names no part of this act; kept as text",
        "'31 i §§' (read as 31 i §) names no part of this act; kept as text"]


# -- Skollag: the share of its citations of its own sections that resolve ---------------

_ACT_NAMED = re.compile(r"^(?:\s+|[,–-]|och\b|eller\b|samt\b|\d+|[a-z]\b|§+|kap\.|första\b|"
                        r"andra\b|tredje\b|fjärde\b|femte\b|stycket\b|styckena\b)*+(?:i\s+)?"
                        r"(?:samma lag|den lagen|"
                        r"\w*(?:lag|lagen|balken|förordningen|formen|ordningen)\b)",
                        re.IGNORECASE)
"""What follows a § that cites another act: the rest of the citation, then the act (a
fundamental law too: ``8 kap. 7 § regeringsformen``, ``riksdagsordningen``)."""


@cache
def skollag() -> etree._Element:
    path = SFS / "api" / "sfs-2010-800.json"
    return etree.fromstring(write(read(path.read_bytes(), path.name).document, "akn",
                                  stem="sfs-2010-800"))


def section_citations(act: etree._Element) -> tuple[int, list[str], list[str]]:
    """(resolved, unresolved, wrong) over every ``§`` of the body's text that cites this act:
    a § inside a ``ref`` whose href is an existing eId (or an ``rref`` whose upTo is)
    counts as resolved, one whose words
    go on to name another act (``… 9 kap. 4 § socialtjänstlagen``) is not counted."""
    eids = {e.get("eId"): e for e in act.iter() if e.get("eId")}
    resolved, unresolved, wrong = 0, [], []
    for p in act.iter(A + "p"):
        pieces = [(p.text or "", None)]
        for child in p:
            pieces += [(child.text or "", child), (child.tail or "", None)]
        for index, (text, ref) in enumerate(pieces):
            for m in re.finditer("§+", text):
                after = (text[m.end():] + "".join(t for t, _ in pieces[index + 1:]))[:120]
                href = ref.get("href", ref.get("upTo", "")) if ref is not None else ""
                if href.startswith("/akn/") or _ACT_NAMED.match(after):
                    continue  # a section of another act
                if href.startswith("#") and href[1:] in eids:
                    resolved += 1
                    target = eids[href[1:]]
                    num = target.findtext(A + "num") or ""
                    cited = re.findall(r"\d+(?: [a-z]\b)?", ref.text or "")
                    if target.tag == A + "section" and cited and not num.startswith(cited[-1]):
                        wrong.append(f"{ref.text} → {href} ({num})")
                else:
                    unresolved.append(f"line {p.sourceline}: …{text[max(0, m.start() - 30):m.end()]}")
    return resolved, unresolved, wrong


def test_skollag_citations_of_its_own_sections_resolve() -> None:
    resolved, unresolved, wrong = section_citations(skollag())
    share = resolved / (resolved + len(unresolved))
    assert resolved > 1000
    assert share >= 0.95, f"{share:.1%} resolve; unresolved: {unresolved}"
    assert wrong == []


def test_every_internal_link_of_the_corpus_resolves_and_validates() -> None:
    act = skollag()
    eids = {e.get("eId") for e in act.iter() if e.get("eId")}
    internal = [r.get("href") for r in act.iter(A + "ref") if r.get("href", "").startswith("#")]
    internal += [r.get(end) for r in act.iter(A + "rref") for end in ("from", "upTo")]
    assert len(internal) > 2000
    assert all(href[1:] in eids for href in internal)
    path = SFS / "api" / "sfs-2010-800.json"
    warned = [w for w in read(path.read_bytes(), path.name).document.warnings
              if w.code == UNRESOLVED]
    assert 0 < len(warned) < 0.05 * len(internal) and all(w.line for w in warned)
