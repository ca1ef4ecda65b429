"""eIds: the one name each part of a hierarchical body has in every publication.

The Akoma Ntoso naming convention names a part by where it stands: its kind's
prefix and its number under its parent's name, ``chp_8__sec_1__para_2``,
``chp_8__sec_1__para_1__list_1__point_3``.  `name` gives those names by walking
the model once, so the AKN ``eId``, the HTML ``id`` (``#chp_2__sec_3__para_2``),
the DOCX bookmark and every reference that points at a part agree — for statutes
and for any other text made of `Division`s (reports, bills).

The rules (docs/akn-profile.md, "The body"):

* each level has a prefix (`PREFIXES`): ``part``, ``chp``, ``sec``, ``para`` (a
  stycke), ``crossheading`` (a rubrik), ``transitional``, ``att`` (an annex);
  within a stycke that introduces a list, ``list`` and ``point``;
* parts, chapters, sections, transitional groups and points carry their number
  (`num_token`: ``6 a kap.`` → ``6a``, ``2022:1315`` → ``2022-1315``, ``a)`` →
  ``a``); the others, and a part without a number, are counted among their
  siblings of the same prefix (``para_2``);
* a name already taken — the second version of a time-limited part — gets
  ``-v`` and the version's first day in force (``chp_1__sec_1-v2026-07-01``),
  else ``-v2``, ``-v3`` …;
* annexes stand after the body (AKN attachments) and are counted on their own
  (``att_1``), their parts named under them (``att_1__sec_1``);
* a block that stands outside any stycke (a model not made by the parser) is
  counted as a ``para``; lists and points are named only in a stycke of the
  shape "text, then its list" (`points_shape`), where AKN gives them elements
  of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .grammar import ORDINALS
from .model import Block, Division, Level, ListBlock, ListItem, Paragraph, Speech, Table

PREFIXES: dict[Level, str] = {
    Level.PART: "part",
    Level.CHAPTER: "chp",
    Level.SECTION: "sec",
    Level.PARAGRAPH: "para",
    Level.HEADING: "crossheading",
    Level.TRANSITIONAL: "transitional",
    Level.AMENDMENT: "transitional",
    Level.ANNEX: "att",
}
"""The naming convention's prefix of each level."""

NUMBERED = frozenset({Level.PART, Level.CHAPTER, Level.SECTION, Level.TRANSITIONAL,
                      Level.AMENDMENT})
"""Levels whose name carries their number where they have one (the others, and annexes,
are counted)."""

_NUM_WORDS = re.compile(r"\b(?:kap|Kap|KAP)\.|§+|\b(?:AVD|Avd|avd)\.|\bAVDELNING(?:EN)?\b|"
                        r"\bAvdelning\b|\bBilaga\b|\bBILAGA\b|\boch\b")
_LETTER = re.compile(r"([0-9])\s+([a-z])\b")
_TOKEN_PARTS = re.compile(r"[A-Za-z0-9]+")
_POINT = re.compile(r"[0-9]+|[a-zåäö]")


def num_token(num: str) -> str:
    """The number part of an eId: ``6 a kap.`` → ``6a``, ``7-10 §§`` → ``7-10``,
    ``AVDELNING I.`` → ``I``, ``FÖRSTA AVDELNINGEN`` → ``1``, ``2022:1315`` → ``2022-1315``,
    ``a)`` → ``a``."""
    first = num.split()[0].upper() if num.split() else ""
    if first in ORDINALS:
        return str(ORDINALS.index(first) + 1)
    text = _LETTER.sub(r"\1\2", _NUM_WORDS.sub(" ", num).strip())
    return "-".join(_TOKEN_PARTS.findall(text))


def points_shape(children: tuple[Block, ...]) -> bool:
    """Is a stycke with these *children* its text followed by the list(s) it introduces —
    the shape AKN writes as ``list``/``intro``/``point`` (anything else is ``content``)?"""
    lists = sum(isinstance(c, ListBlock) for c in children)
    texts = sum(isinstance(c, Paragraph) for c in children)
    return bool(lists) and texts <= 1 and not any(isinstance(c, (Table, Division))
                                                  for c in children) \
        and not (texts and isinstance(children[0], ListBlock))


Named = Division | ListBlock | ListItem | Paragraph | Table | Speech
"""What gets a name: divisions, and in a stycke its lists and their points; a bare
paragraph, list, table or speech outside any stycke."""


class Names:
    """The eIds of one body's parts, by the part (its identity in this model)."""

    def __init__(self) -> None:
        self._by_part: dict[int, str] = {}
        self._parts: list[Named] = []  # keeps every named part alive: ids stay unique
        self.used: set[str] = set()
        """Every eId given."""

    def of(self, part: Named) -> str | None:
        """The eId of *part*, or None for a part that has none (text inside a stycke)."""
        return self._by_part.get(id(part))

    def items(self) -> list[tuple[Named, str]]:
        """Every named part with its eId, in reading order."""
        return [(part, self._by_part[id(part)]) for part in self._parts]

    def __contains__(self, eid: object) -> bool:
        return eid in self.used

    def __len__(self) -> int:
        return len(self.used)

    def give(self, part: Named, eid: str, start: str | None = None) -> str:
        """Name *part* *eid*, or a version's name where *eid* is taken (see the module)."""
        if id(part) in self._by_part:  # the same object at a second place keeps its name
            return self._by_part[id(part)]
        if eid in self.used:
            versioned = f"{eid}-v{start}" if start else None
            if versioned is None or versioned in self.used:
                n = 2
                while f"{eid}-v{n}" in self.used:
                    n += 1
                versioned = f"{eid}-v{n}"
            eid = versioned
        self.used.add(eid)
        self._by_part[id(part)] = eid
        self._parts.append(part)
        return eid


def name(blocks: tuple[Block, ...]) -> Names:
    """Name every part of a body (annexes after it, as AKN has them)."""
    names = Names()
    body = [b for b in blocks if not (isinstance(b, Division) and b.level is Level.ANNEX)]
    annexes = [b for b in blocks if isinstance(b, Division) and b.level is Level.ANNEX]
    _name_children(names, body, "")
    counters: dict[str, int] = {}
    for annex in annexes:
        _name_division(names, annex, "", counters)
    return names


def _name_children(names: Names, blocks: Iterable[Block], prefix: str) -> None:
    counters: dict[str, int] = {}
    for block in blocks:
        if isinstance(block, Division):
            _name_division(names, block, prefix, counters)
        else:  # a bare block: a paragraph of its own, nothing named inside it
            names.give(block, _child(prefix, "para", _count(counters, "para")))


def _name_division(names: Names, division: Division, prefix: str,
                   counters: dict[str, int]) -> None:
    short = PREFIXES[division.level]
    count = _count(counters, short)
    token = num_token(division.num) if division.num and division.level in NUMBERED else ""
    start = division.validity.start.isoformat() \
        if division.validity is not None and division.validity.start is not None else None
    eid = names.give(division, _child(prefix, short, token or str(count)), start)
    if division.level is Level.PARAGRAPH:
        if points_shape(division.children):
            _name_lists(names, [c for c in division.children if isinstance(c, ListBlock)], eid)
        return
    _name_children(names, division.children, eid)


def _name_lists(names: Names, lists: list[ListBlock], prefix: str) -> None:
    counters: dict[str, int] = {}
    for block in lists:
        eid = names.give(block, _child(prefix, "list", _count(counters, "list")))
        points: dict[str, int] = {}
        for item in block.items:
            count = _count(points, "point")
            token = num_token(item.marker)
            point = names.give(item, _child(eid, "point", token if _POINT.fullmatch(token)
                                            else str(count)))
            if item.blocks and all(isinstance(b, ListBlock) for b in item.blocks):
                _name_lists(names, [b for b in item.blocks if isinstance(b, ListBlock)], point)


def _count(counters: dict[str, int], short: str) -> int:
    counters[short] = counters.get(short, 0) + 1
    return counters[short]


def _child(prefix: str, short: str, token: object) -> str:
    return f"{prefix}__{short}_{token}" if prefix else f"{short}_{token}"
