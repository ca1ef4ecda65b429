"""Citations in statute text: what "enligt 2 kap. 2–6 §§" names, word for word.

Swedish statutes cite their own parts, and other acts, in a small grammar:

=================  ==========================================================
piece              written
=================  ==========================================================
number             ``3``, ``3 a`` (a letter after a space: ``12 g``)
numbers            numbers joined by ``,``, ``och``, ``eller``, ``samt``, ``–``:
                   ``1, 8 a, 10, 17 och 20``, ``2–6``, ``12 g–12 j``
group              ``[numbers kap.] numbers §|§§ [stycke]``: ``2 kap. 2–6 §§``,
                   ``7 § andra stycket``; or a chapter alone: ``2 kap.``,
                   ``15–17 kap.``
stycke             ordinals and ``stycket``/``styckena``, then point numbers:
                   ``andra stycket``, ``andra och tredje styckena``,
                   ``första stycket 2``, ``första stycket 1 och 3``
chain              groups joined as numbers are: ``2 kap. 1 §, 3 kap. 3 § och
                   25 kap. 11 och 13 §§``
act                after a chain: the act it cites in, ``socialtjänstlagen
                   (2025:400)``, ``lagen (1994:137)``, ``samma lag``; alone: an
                   act with its SFS number
this part          ``detta kapitel``, ``denna paragraf``; a stycke without a
                   section: ``andra stycket``, ``första stycket 2``
=================  ==========================================================

`cite(text)` gives every citation found as `Cited` pieces, one per number
cited, each with the exact span of its words; the words between them (``–``,
``, ``, ``och``) belong to none.  What a piece names is resolved by
`riksdoc.statute.references`; this module only reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

ORDINAL_WORDS = ("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde",
                 "åttonde", "nionde", "tionde", "elfte", "tolfte")
"""Ordinals as stycken are cited (``andra stycket`` is the second)."""

_NUMBER = r"[0-9]+(?:\s[a-z]\b)?"
_JOIN = r"\s*(?:,|–|-|\s(?:och|eller|samt))\s*"
_NUMBERS = rf"{_NUMBER}(?:{_JOIN}{_NUMBER}){{0,40}}"  # bounded: linear time on any text
_SECTIONS = rf"{_NUMBER}(?:{_JOIN}(?:{_NUMBER}|[a-z]\b)){{0,40}}"
"""Sections, where a letter alone shares the number before it: ``12 e och h §§``."""
_KAP = r"\s+[Kk]ap\."
_ORDINAL = "|".join(ORDINAL_WORDS + tuple(w.capitalize() for w in ORDINAL_WORDS))
_POINTS = r"[0-9]+(?:\s*(?:,|–|-|\s(?:och|eller))\s*[0-9]+){0,20}(?!\s*(?:[Kk]ap\.|§|[a-z]\s*§|[0-9]|:))"
_STYCKE = (rf"(?P<ordinals>(?:{_ORDINAL})(?:{_JOIN}(?:{_ORDINAL})){{0,12}})\s+stycke(?:t|na)\b"
           rf"(?:\s+(?:punkt(?:erna)?\s+)?(?P<points>{_POINTS}))?")
_ACT_NAME = (r"(?:(?:[\wåäöÅÄÖ]+-\s+(?:och|eller)\s+)?[\wåäöÅÄÖ]*(?i:lag|lagen|balk|balken|"
             r"förordning|förordningen|kungörelse|kungörelsen|regeringsform|regeringsformen|"
             r"instruktion|instruktionen|stadga|stadgan|ordning|ordningen)\b)")
_START = r"(?<![\w§.:/-])"

GROUP = re.compile(
    rf"{_START}(?:(?P<chapters>{_NUMBERS}){_KAP}\s*)?(?P<sections>{_SECTIONS})\s*"
    rf"(?P<sign>§§?)(?:\s+{_STYCKE})?"
    rf"|{_START}(?P<alone>{_NUMBERS}){_KAP}(?!\s*[0-9])")
"""A group: sections (with their chapter and stycke), or chapters alone."""

CHAIN_JOIN = re.compile(_JOIN)
"""What joins two groups of a chain (the whole text between them)."""

ACT_AFTER = re.compile(
    rf"\s*(?:i\s+)?(?:(?P<same>(?:samma|nämnda|den|denna)\s+(?:lag|förordning|balk))\b"
    rf"|(?P<name>{_ACT_NAME})(?:\s*\(\s*(?P<number>[0-9]{{4}}:[0-9]+)\s*\))?)")
"""The act a chain cites in, right after it."""

ACT = re.compile(rf"\b(?P<name>{_ACT_NAME})\s*\(\s*(?P<number>[0-9]{{4}}:[0-9]+)\s*\)")
"""An act cited by its SFS number: ``socialtjänstlagen (2025:400)``, ``lagen (2007:516)``."""

THIS_PART = re.compile(rf"\b(?P<chapter>[Dd]etta kapitel)\b|\b(?P<section>[Dd]enna paragraf)\b"
                       rf"|\b{_STYCKE}")
"""This chapter, this section, or a stycke of this section."""

_NUMBER_IN = re.compile(_NUMBER)
_SECTION_IN = re.compile(rf"{_NUMBER}|\b[a-z]\b")
_POINT_IN = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Cited:
    """One thing a citation names, with the span of its words."""

    start: int
    """Where its words begin in the text."""
    end: int
    """Where they end."""
    chapter: str | None = None
    """The chapter's number, ``6 a`` (None: the citing part's own chapter, or none)."""
    section: str | None = None
    """The section's number, ``3 a`` (None for a chapter or an act)."""
    stycke: int | None = None
    """The stycke, 1 for ``första stycket`` (None: the whole section)."""
    point: str | None = None
    """The point of that stycke, ``2`` (None: the whole stycke)."""
    act: str | None = None
    """The SFS number of the act cited in (None: this act, or an act not numbered)."""
    other_act: bool = False
    """True when the words cite another act (named, numbered or ``samma lag``)."""
    this: str | None = None
    """``chapter``, ``section`` or ``stycke`` for a part named by where the text stands."""
    chapter_given: bool = False
    """True when the words say the chapter (``2 kap. 3 §``), False when it is understood."""


def cite(text: str) -> list[Cited]:
    """Every citation in *text*, piece by piece, in order (see the module docstring)."""
    found: list[Cited] = []
    if "§" not in text and "ap." not in text and "(" not in text and "styck" not in text \
            and "etta kap" not in text and "enna par" not in text:
        return found
    for pieces, end in _chains(text) if "§" in text or "ap." in text else ():
        act = ACT_AFTER.match(text, end)
        other = act is not None and not _this_act(act)
        number = act.group("number") if act is not None and other else None
        found += [replace(piece, act=number, other_act=True) if other else piece
                  for piece in pieces]
        if act is not None and act.group("number"):
            found.append(Cited(act.start("name"), act.end(), act=act.group("number"),
                               other_act=True))
    if "styck" in text or "etta kapitel" in text or "enna paragraf" in text:
        found += _not_within(found, [part for m in THIS_PART.finditer(text)
                                     for part in _this_part(m)])
    if "(" in text:
        found += _not_within(found, [Cited(m.start(), m.end(), act=m.group("number"),
                                           other_act=True) for m in ACT.finditer(text)])
    return sorted(found, key=lambda c: c.start)


def _not_within(taken: list[Cited], candidates: list[Cited]) -> list[Cited]:
    """The *candidates* whose words no piece of *taken* covers."""
    if not taken or not candidates:
        return candidates
    covered = bytearray(max(c.end for c in (*taken, *candidates)) + 1)
    for piece in taken:
        covered[piece.start:piece.end] = b"\x01" * (piece.end - piece.start)
    return [c for c in candidates if not any(covered[c.start:c.end])]


def _this_act(act: re.Match[str]) -> bool:
    same = act.group("same")
    return same is not None and same.startswith("denna")


def _chains(text: str) -> Iterator[tuple[list[Cited], int]]:
    """(pieces, end) of each chain of groups; a group that names no chapter is in the
    chapter the chain last named."""
    pieces: list[Cited] = []
    end = -1
    for m in GROUP.finditer(text):
        if pieces and not CHAIN_JOIN.fullmatch(text, end, m.start()):
            yield pieces, end
            pieces = []
        group = _group(m)
        if pieces and not group[0].chapter_given and pieces[-1].chapter_given \
                and group[0].section is not None:  # "20 kap. 13 §, 14 §": still chapter 20
            group = [replace(piece, chapter=pieces[-1].chapter, chapter_given=True)
                     for piece in group]
        pieces += group
        end = m.end()
    if pieces:
        yield pieces, end


def _group(m: re.Match[str]) -> list[Cited]:
    """A group's pieces, one a number cited: the first from the group's start (with its
    chapter), the last to its ``§`` and stycke (up to the first point cited)."""
    if m.group("alone") is not None:
        base = m.start("alone")
        out: list[Cited] = [Cited(base + n.start(), base + n.end(), chapter=_plain(n.group()),
                     chapter_given=True)
               for n in _NUMBER_IN.finditer(m.group("alone"))]
        out[0], out[-1] = replace(out[0], start=m.start()), replace(out[-1], end=m.end())
        return out
    chapters = [_plain(n.group()) for n in _NUMBER_IN.finditer(m.group("chapters") or "")]
    chapter = chapters[0] if len(chapters) == 1 else None  # "15 och 16 kap. 3 §": unsaid
    base = m.start("sections")
    out = []
    for n in _SECTION_IN.finditer(m.group("sections")):
        number = _plain(n.group())
        if number.isalpha() and out and out[-1].section:  # "12 e och h": 12 h
            number = f"{out[-1].section.split()[0]} {number}"
        out.append(Cited(base + n.start(), base + n.end(), chapter, number,
                         chapter_given=bool(chapters)))
    stycke, points = _stycke(m)
    last = out[-1]
    out[-1] = replace(last, end=points[0][1] if points else m.end(), stycke=stycke,
                      point=points[0][2] if points else None)
    out[0] = replace(out[0], start=m.start())
    out += [replace(last, start=start, end=end, stycke=stycke, point=point)
            for start, end, point in points[1:]]
    return out


def _stycke(m: re.Match[str]) -> tuple[int | None, list[tuple[int, int, str]]]:
    """The first stycke a match names (1-based), and its points with their spans."""
    ordinals = m.group("ordinals")
    if not ordinals:
        return None, []
    first = re.match(_ORDINAL, ordinals)
    assert first is not None
    stycke = ORDINAL_WORDS.index(first.group().lower()) + 1
    base = m.start("points")
    points = [(base + p.start(), base + p.end(), p.group())
              for p in _POINT_IN.finditer(m.group("points") or "")]
    return stycke, points


def _this_part(m: re.Match[str]) -> list[Cited]:
    if m.group("chapter"):
        return [Cited(m.start(), m.end(), this="chapter")]
    if m.group("section"):
        return [Cited(m.start(), m.end(), this="section")]
    stycke, points = _stycke(m)
    first = Cited(m.start(), points[0][1] if points else m.end(), stycke=stycke,
                  point=points[0][2] if points else None, this="stycke")
    return [first, *(replace(first, start=start, end=end, point=point)
                     for start, end, point in points[1:])]


def _plain(number: str) -> str:
    """``8 a`` as the model's numbers write it."""
    return " ".join(number.split())
