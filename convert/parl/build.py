"""Constructors' material: the parts of a paper being read, and their running text.

A part being read is an `Open` node on the reader's stack (a headed part, a
proposal, a reservation, a signature block …); its running text is a `Flow`,
which gathers paragraphs (a hard-wrapped paragraph's lines joined, a PDF's
paragraph broken by a page joined again), list items and table rows.
`Open.close` freezes a node into the model's `Division`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    Block,
    Division,
    Level,
    ListBlock,
    ListItem,
    Paragraph,
    Person,
    Span,
    Table,
    TableRow,
)
from ..normalise import Line
from ..parse.body import inlines

_SENTENCE_END = re.compile(r"[.!?:;”\"’»)]$")
_CONJUNCTION = re.compile(r"^(?:och|eller|samt|respektive|resp\.|som|till|,)\b")


def join_wrapped(before: str, after: str) -> str:
    """Two rows of one wrapped text as one: with a space, or none where a word broke at
    its hyphen (``50-`` / ``årsjubileum``; not ``miljö-`` / ``och hälsoskydd``)."""
    if not before:
        return after
    if not after:
        return before
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum() \
            and after[:1].islower() and not _CONJUNCTION.match(after):
        return before + after
    return f"{before} {after}"


LEVELS = {"proposal": Level.PROPOSAL, "reservation": Level.RESERVATION, "opinion": Level.OPINION,
          "signatures": Level.SIGNATURES, "law": Level.LAW, "annex": Level.ANNEX}
"""The model level of each role a part plays (every other role is a headed part)."""


def hard_wrapped(lines: tuple[Line, ...]) -> bool:
    """Is the text hard-wrapped: do a good part of its long lines stop mid-sentence with the
    next line going on in lower case?  (A line a block, as the Riksdag's HTML gives it,
    rarely does.)"""
    long = [i for i, line in enumerate(lines) if len(line.text) >= 50]
    if not long:
        return False
    broken = sum(1 for i in long if i + 1 < len(lines) and continues(lines[i].text, lines[i + 1].text)
                 and lines[i + 1].text[:1].islower())
    return broken / len(long) > 0.3


def continues(previous: str, text: str, width: int = 0) -> bool:
    """Is *text* the rest of the paragraph *previous* began (a hard-wrapped line, or a
    paragraph a printed page broke)?  Not after a sentence's end; yes in lower case, after
    a comma or a broken word, or after a line as full as the text's lines run (*width*:
    the text's full line, 0 if unknown), which stops short of a paragraph's end only
    where a sentence goes on with a name (``… och`` / ``Nationella operativa …``)."""
    if _SENTENCE_END.search(previous):
        return False
    return text[:1].islower() or text[:1].isdigit() or previous.endswith((",", "-", "–")) \
        or (width > 0 and len(previous) >= 0.85 * width)


def line_width(lines: tuple[Line, ...]) -> int:
    """The length of a full line of a text hard-wrapped at one width: the median of its
    long lines', where most long lines are that long give or take 15 %; 0 where too few
    lines are long to tell, or their lengths vary as paragraphs do."""
    long = sorted(len(line.text) for line in lines if len(line.text) >= 40)
    if len(long) < 20:
        return 0
    median = long[len(long) // 2]
    near = sum(1 for length in long if 0.85 * median <= length <= 1.15 * median)
    return median if near >= 0.7 * len(long) else 0


@dataclass
class Flow:
    """The running text of one part: paragraphs, the open list, the open table."""

    blocks: list[Block] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    items: list[tuple[str, list[Line]]] = field(default_factory=list)
    ordered: bool = False
    rows: list[TableRow] = field(default_factory=list)
    wrapped: bool = True
    """Whether the text is hard-wrapped (or a print's): a line may go on on the next one.
    Where each line is a block (the Riksdag's HTML), no two lines are joined."""
    width: int = 0
    """A hard-wrapped text's full line (`line_width`); 0 if unknown."""

    def text(self, line: Line) -> None:
        """A line of running text: the rest of the open item or paragraph, or a new one."""
        if self.wrapped and self.items and continues(self.items[-1][1][-1].text, line.text,
                                                     self.width):
            self.items[-1][1].append(line)
            return
        if self.wrapped and self.lines and continues(self.lines[-1].text, line.text, self.width):
            self.lines.append(line)
            return
        self.close()
        self.lines.append(line)

    def item(self, line: Line, marker: str, ordered: bool) -> None:
        """A list item (its marker, then its text on *line*)."""
        if self.lines or self.rows or (self.items and self.ordered != ordered):
            self.close()
        self.ordered = ordered
        self.items.append((marker, [line]))

    def row(self, line: Line) -> None:
        """A table row (cells separated by TABs)."""
        if self.lines or self.items:
            self.close()
        cells = tuple(inlines(cell) for cell in line.text.split("\t"))
        self.rows.append(TableRow(cells, Span(line.number, line.number)))

    def close(self) -> None:
        """The open paragraph, list or table becomes a block."""
        if self.lines:
            text = ""
            for line in self.lines:
                text = join_wrapped(text, line.text)
            self.blocks.append(Paragraph(inlines(text), Span(self.lines[0].number,
                                                             self.lines[-1].number)))
            self.lines = []
        if self.items:
            self.blocks.append(ListBlock(self.ordered, tuple(_item(marker, lines)
                                                             for marker, lines in self.items)))
            self.items = []
        if self.rows:
            self.blocks.append(Table(tuple(self.rows)))
            self.rows = []

    def take(self) -> list[Block]:
        """Every block so far (the open ones closed), leaving the flow empty."""
        self.close()
        blocks, self.blocks = self.blocks, []
        return blocks

    @property
    def empty(self) -> bool:
        return not (self.blocks or self.lines or self.items or self.rows)


def _item(marker: str, lines: list[Line]) -> ListItem:
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text)
    return ListItem(marker, inlines(text[len(marker):].lstrip()),
                    Span(lines[0].number, lines[-1].number))


@dataclass
class Open:
    """A part being read."""

    role: str
    """What it is: ``root``, a genre heading's role (``top``, ``sub``, ``leaf``,
    ``proposals``, ``reservations``, ``opinions``, ``protocol``), ``topic`` (a heading
    the table of contents lists), ``numbered``, ``ordinary``, ``annex``, ``proposal``,
    ``reservation``, ``opinion``, ``signatures`` or ``law``."""
    first: int
    num: str | None = None
    heading: str | None = None
    path: tuple[int, ...] = ()
    """A numbered heading's number as numbers (``4.1`` → (4, 1))."""
    children: list[Block] = field(default_factory=list)
    flow: Flow = field(default_factory=Flow)
    people: list[Person] = field(default_factory=list)
    last: int = 0
    fresh: bool = True
    """Nothing below its heading yet."""
    labelled: bool = False
    """For an annex: its label (``Bilaga 1``) has been read in the text."""

    def add(self, block: Block) -> None:
        """A finished part (or block) after the running text so far."""
        self.children.extend(self.flow.take())
        self.children.append(block)
        self.fresh = False
        self.touch(block.span.last if isinstance(block, (Division, Paragraph)) and block.span else 0)

    def touch(self, line: int) -> None:
        self.last = max(self.last, line)
        self.fresh = False

    def close(self) -> Division:
        self.children.extend(self.flow.take())
        return Division(LEVELS.get(self.role, Level.HEADED), self.num, self.heading,
                        tuple(self.children), span=Span(self.first, max(self.first, self.last)),
                        people=tuple(self.people))

    def blocks(self) -> tuple[Block, ...]:
        """The root's blocks (the document's body)."""
        self.children.extend(self.flow.take())
        return tuple(self.children)
