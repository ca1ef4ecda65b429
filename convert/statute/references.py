"""References: the citations of a statute's text (`riksdoc.statute.citations`) made links.

`link` is the last step of reading a statute.  Each citation piece becomes a
`Ref` around its words, the words unchanged:

* inside the act, to the eId of the part it names (`riksdoc.eids`, the names
  every publication uses): ``2 kap. 2–6 §§`` → ``#chp_2__sec_2`` and
  ``#chp_2__sec_6``, ``7 § andra stycket`` → ``#chp_3__sec_7__para_2``,
  ``första stycket 2`` → ``…__para_1__list_1__point_2``, ``detta kapitel`` →
  ``#chp_3``.  A section without its chapter is in the chapter the citation
  named last, else in the citing part's own; failing that, it is the one
  section of the act so numbered, where there is one (older acts number their
  sections through all chapters).  A stycke or point the section does not have
  points to the section;
* to another act, by its SFS number: ``socialtjänstlagen (2025:400)`` →
  ``/akn/se/act/2025/400``, ``9 kap. 4 § socialtjänstlagen (2025:400)`` →
  ``/akn/se/act/2025/400/~chp_9__sec_4``.

A citation inside the act that names no part of it stays text, with a warning
naming its line (``reference-unresolved``); so does a citation of another act
that gives no number (``förvaltningslagen``, ``samma lag``), without one: it is
not this act's to resolve.  `rename` points links at their parts' new names
when parts are left out (`riksdoc.statute.as_of`), and makes a link whose part
is gone text again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..akn_act_profile import act_href
from ..eids import Names, name, num_token
from ..model import (
    Block,
    Division,
    Inline,
    Level,
    ListBlock,
    ListItem,
    Message,
    Paragraph,
    Ref,
    Speech,
    Table,
    TableRow,
    walk,
)
from .citations import Cited, cite

_MAY_CITE = re.compile(r"§|[Kk]ap\.|stycke|kapitel|paragraf|\(\s*[0-9]{4}:[0-9]")
"""Text without any of these cites nothing (a quick test before the grammar)."""

Change = Callable[[tuple[Inline, ...], int | None], tuple[Inline, ...]]
"""New inline content for old, given its first input line."""

UNRESOLVED = "reference-unresolved"
"""The warning code of a citation inside the act that names no part of it."""


@dataclass(frozen=True)
class Where:
    """Where the citing text stands."""

    chapter: str | None = None
    """The eId of its chapter."""
    section: str | None = None
    """The eId of its section."""
    transitional: bool = False
    """True inside the transitional provisions."""


@dataclass
class Index:
    """The parts a citation can name, by their numbers' eId tokens."""

    names: Names
    chapters: dict[str, str] = field(default_factory=dict)
    """Chapter token (``6a``) → eId, the first version's."""
    sections: dict[tuple[str | None, str], str] = field(default_factory=dict)
    """(chapter eId or None, section token) → eId, the first version's."""
    anywhere: dict[str, str | None] = field(default_factory=dict)
    """Section token → eId where the act has one section so numbered (older acts number
    their sections through all chapters: ``93 a §`` is cited without its chapter); None
    where several chapters have one."""

    @classmethod
    def of(cls, blocks: tuple[Block, ...], names: Names) -> Index:
        index = cls(names)
        index.add(blocks, None)
        return index

    def add(self, blocks: Iterable[Block], chapter: str | None) -> None:
        for block in blocks:
            if not isinstance(block, Division) or block.level in (Level.TRANSITIONAL,
                                                                  Level.ANNEX):
                continue
            eid = self.names.of(block)
            if eid is None or block.num is None:
                self.add(block.children, chapter)
            elif block.level is Level.CHAPTER:
                self.chapters.setdefault(num_token(block.num), eid)
                self.add(block.children, eid)
            elif block.level is Level.SECTION:
                token = num_token(block.num)
                if (chapter, token) not in self.sections:
                    self.sections[(chapter, token)] = eid
                    self.anywhere[token] = eid if token not in self.anywhere else None
            else:
                self.add(block.children, chapter)


class Linker:
    """Rewrites a body with its citations as `Ref`s, gathering the warnings."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.index = Index.of(blocks, name(blocks))
        self.warnings: list[Message] = []

    # -- the model (a part is rebuilt only where its text cites something) -------------

    def blocks(self, blocks: tuple[Block, ...], where: Where, line: int | None
               ) -> tuple[Block, ...]:
        out = tuple(self.block(block, where, line) for block in blocks)
        return blocks if all(a is b for a, b in zip(out, blocks, strict=True)) else out

    def block(self, block: Block, where: Where, line: int | None) -> Block:
        if isinstance(block, Division):
            return self.division(block, where)
        if isinstance(block, Paragraph):
            content = self.inlines(block.content, where, _first(block, line))
            return block if content is block.content else replace(block, content=content)
        if isinstance(block, ListBlock):
            items = tuple(self.item(item, where, line) for item in block.items)
            return block if all(a is b for a, b in zip(items, block.items, strict=True)) \
                else replace(block, items=items)
        if isinstance(block, Speech):  # not a statute's; its words are cited as they are
            return block
        rows = tuple(self.row(row, where, line) for row in block.rows)
        return block if all(a is b for a, b in zip(rows, block.rows, strict=True)) \
            else replace(block, rows=rows)

    def item(self, item: ListItem, where: Where, line: int | None) -> ListItem:
        line = _first(item, line)
        content = self.inlines(item.content, where, line)
        blocks = self.blocks(item.blocks, where, line)
        return item if content is item.content and blocks is item.blocks \
            else replace(item, content=content, blocks=blocks)

    def row(self, row: TableRow, where: Where, line: int | None) -> TableRow:
        line = _first(row, line)
        cells = tuple(self.inlines(cell, where, line) for cell in row.cells)
        return row if all(a is b for a, b in zip(cells, row.cells, strict=True)) \
            else replace(row, cells=cells)

    def division(self, division: Division, where: Where) -> Division:
        eid = self.index.names.of(division)
        if division.level is Level.CHAPTER:
            where = Where(chapter=eid)
        elif division.level is Level.SECTION:
            where = Where(where.chapter, eid, where.transitional)
        elif division.level in (Level.TRANSITIONAL, Level.ANNEX):
            where = Where(transitional=division.level is Level.TRANSITIONAL)
        children = self.blocks(division.children, where, _first(division, None))
        return division if children is division.children \
            else replace(division, children=children)

    # -- text -------------------------------------------------------------------------------

    def inlines(self, content: tuple[Inline, ...], where: Where, line: int | None
                ) -> tuple[Inline, ...]:
        if not any(isinstance(part, str) and _MAY_CITE.search(part) for part in content):
            return content
        out: list[Inline] = []
        for part in content:
            if isinstance(part, str):
                out += self.text(part, where, line)
            else:
                out.append(part)
        return tuple(out)

    def text(self, text: str, where: Where, line: int | None) -> list[Inline]:
        out: list[Inline] = []
        last = 0
        for cited in cite(text):
            href = self.resolve(cited, where)
            words = text[cited.start:cited.end]
            if href is None:
                if not cited.other_act:
                    named = _named(cited)
                    read_as = f" (read as {named})" if named and named != words else ""
                    self.warnings.append(Message(UNRESOLVED, f"'{words}'{read_as} names no "
                                                 "part of this act; kept as text", line))
                continue
            if cited.start > last:
                out.append(text[last:cited.start])
            out.append(Ref(words, href))
            last = cited.end
        if last < len(text):
            out.append(text[last:])
        return out

    def resolve(self, cited: Cited, where: Where) -> str | None:
        """The href of what *cited* names, or None."""
        if cited.other_act:
            return act_href(cited.act, _portion(cited)) if cited.act else None
        if cited.this == "chapter":
            return _local(where.chapter)
        if cited.this is None and cited.section is None:
            return _local(self.index.chapters.get(num_token(cited.chapter or "")))
        section = where.section if cited.this is not None else self.section(cited, where)
        if section is None:
            return None
        return "#" + self.part_of(section, cited)

    def section(self, cited: Cited, where: Where) -> str | None:
        assert cited.section is not None
        token = num_token(cited.section)
        if cited.chapter is not None:
            chapter = self.index.chapters.get(num_token(cited.chapter))
            return self.index.sections.get((chapter, token)) if chapter else None
        found = self.index.sections.get((None if where.transitional else where.chapter, token))
        return found or self.index.anywhere.get(token)  # numbered through all chapters

    def part_of(self, section: str, cited: Cited) -> str:
        """The stycke and point of *section* the citation names, as far as they exist."""
        if cited.stycke is None:
            return section
        stycke = f"{section}__para_{cited.stycke}"
        if stycke not in self.index.names:
            return section
        if cited.point is not None:
            point = f"{stycke}__list_1__point_{cited.point}"
            if point in self.index.names:
                return point
        return stycke


def link(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Message, ...]]:
    """*blocks* with their citations as references, and a warning for each citation
    inside the act that names no part of it."""
    linker = Linker(blocks)
    return linker.blocks(blocks, Where(), None), tuple(linker.warnings)


def count(blocks: tuple[Block, ...]) -> dict[str, int]:
    """How many references a body holds: ``inside`` the act, to ``other acts`` (the
    amendment and repeal notes among them)."""
    counts = {"inside": 0, "other acts": 0}
    for part in _inlines(blocks):
        if isinstance(part, Ref):
            counts["inside" if part.href.startswith("#") else "other acts"] += 1
    return counts


def rename(blocks: tuple[Block, ...], renamed: dict[str, str], reason: str
           ) -> tuple[tuple[Block, ...], tuple[Message, ...]]:
    """*blocks* with every link inside the act pointed at its part's new eId (*renamed*:
    old → new); a link whose part is gone becomes text again (its words kept), with a
    warning saying *reason*."""
    warnings: list[Message] = []

    def inlines(content: tuple[Inline, ...], line: int | None) -> tuple[Inline, ...]:
        if not any(isinstance(p, Ref) and p.href.startswith("#") for p in content):
            return content
        out: list[Inline] = []
        for part in content:
            if isinstance(part, Ref) and part.href.startswith("#"):
                target = renamed.get(part.href[1:])
                if target is not None:
                    part = replace(part, href="#" + target)
                else:
                    warnings.append(Message(UNRESOLVED, f"'{part.text}' {reason}; kept as "
                                            "text", line))
                    part = part.text
            if isinstance(part, str) and out and isinstance(out[-1], str):
                out[-1] += part
            else:
                out.append(part)
        return tuple(out)

    return _map_inlines(blocks, inlines), tuple(warnings)


def _map_inlines(blocks: tuple[Block, ...], change: Change) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        line = block.span.first if not isinstance(block, (ListBlock, Table)) \
            and block.span is not None else None
        if isinstance(block, Division):
            out.append(replace(block, children=_map_inlines(block.children, change)))
        elif isinstance(block, Paragraph):
            out.append(replace(block, content=change(block.content, line)))
        elif isinstance(block, ListBlock):
            out.append(replace(block, items=tuple(
                replace(item, content=change(item.content, item.span.first if item.span
                                             else None),
                        blocks=_map_inlines(item.blocks, change)) for item in block.items)))
        elif isinstance(block, Speech):
            out.append(block)
        else:
            out.append(replace(block, rows=tuple(
                replace(row, cells=tuple(change(cell, None) for cell in row.cells))
                for row in block.rows)))
    return tuple(out)


def _inlines(blocks: tuple[Block, ...]) -> Iterable[Inline]:
    for block, _ in walk(blocks):
        if isinstance(block, Paragraph):
            yield from block.content
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from item.content
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell


def _first(part: Paragraph | ListItem | TableRow | Division, line: int | None) -> int | None:
    """The first input line of *part*, else *line*."""
    return part.span.first if part.span is not None else line


def _local(eid: str | None) -> str | None:
    return "#" + eid if eid is not None else None


def _portion(cited: Cited) -> str | None:
    """The part of another act a citation names, as an eId of that act."""
    chapter = f"chp_{num_token(cited.chapter)}" if cited.chapter else None
    if cited.section is None:
        return chapter
    section = f"sec_{num_token(cited.section)}"
    return f"{chapter}__{section}" if chapter else section


def _named(cited: Cited) -> str:
    """What a citation piece was read as naming, in the statute's own words: ``31 d §``
    for the ``d`` of ``31 b-d §§``, ``6 kap. 13 §``; "" for a piece that names no section
    or chapter (a stycke of the citing section)."""
    chapter = f"{cited.chapter} kap." if cited.chapter and cited.chapter_given else ""
    section = f"{cited.section} §" if cited.section else ""
    return " ".join(part for part in (chapter, section) if part)
