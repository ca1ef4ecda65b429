"""Constructors' material: the model nodes statute recognition builds, while open.

A division being read is an `Open` node on the reader's stack; a stycke being
read is a `Stycke`, which gathers its text, the list (with nested lists) or the
table it introduces.  `close` freezes them into the model's `Division`.

Inline text is built here too: wrapped lines are joined into one run (a line
ending in a hyphen keeps it: ``hälso- och sjukvård``; a number range broken at
its dash closes up: ``14-`` / ``17 kap.`` → ``14-17 kap.``), and the amendment
note that ends a stycke (``Lag (2022:1315).``) and the act a repeal note names
(``Har upphävts genom lag (2007:516).``) become references with their words kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..akn_act_profile import act_href
from ..model import (
    Block,
    Division,
    Inline,
    Level,
    ListBlock,
    ListItem,
    Paragraph,
    Ref,
    Span,
    Table,
    TableRow,
    Validity,
)
from .lines import ACT_CITATION, Marker, amendment_note

_CONJUNCTION = re.compile(r"^(?:och|eller|samt|respektive|resp\.|som|till|,)\b")


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines as one run of text."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out[-1] in "-–" and len(out) > 1 and (
                (out[-2].isdigit() and line[:1].isdigit())
                or (out[-2].isupper() and not _CONJUNCTION.match(line))):
            out += line  # 14-|17 kap., EU-|rätten: the line broke inside a word
        else:
            out += " " + line
    return out


def inlines(text: str, repeal: bool = False) -> tuple[Inline, ...]:
    """*text* with its amendment note (and, for a repeal note, the repealing act) as `Ref`s."""
    parts: list[Inline] = []
    rest = text
    note = amendment_note(rest)
    tail: list[Inline] = []
    if note:
        tail = [Ref(note.group("text"), act_href(note.group("number")), "amendment")]
        if note.group("end"):
            tail.append(note.group("end"))
        rest = rest[:note.start("text")]
    if repeal and (cited := ACT_CITATION.search(rest)):
        parts += [rest[:cited.start()], Ref(cited.group("text"), act_href(cited.group("number")),
                                            "repeal")]
        rest = rest[cited.end():]
    parts.append(rest)
    return tuple(part for part in (*parts, *tail) if part != "")


def validity(markers: list[Marker], leading: bool) -> Validity | None:
    """The validity interval the markers give a version; None without markers."""
    if not markers:
        return None
    start = next((m.date for m in markers if not m.end), None)
    end = next((m.date for m in markers if m.end), None)
    by = next((m.by for m in markers if m.by), None)
    return Validity(start, end, tuple(m.text for m in markers), leading, by)


# --- lists and tables -------------------------------------------------------------

def family(marker: str) -> str:
    """What kind of marker: ``1.`` → ``1.``, ``2)`` → ``1)``, ``b)`` → ``a)``, ``–`` → ``-``."""
    if marker[0].isdigit():
        return "1" + marker[-1]
    if marker[0].isalpha():
        return "a" + marker[-1]
    return "-"


@dataclass
class OpenItem:
    """A list item being read."""

    marker: str
    lines: list[str]
    first: int
    last: int
    blocks: list[Block] = field(default_factory=list)

    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class OpenList:
    """A list being read (items of one marker family)."""

    family: str
    items: list[OpenItem] = field(default_factory=list)

    def close(self) -> ListBlock:
        return ListBlock(self.family != "-", tuple(
            ListItem(item.marker, inlines(item.text()), Span(item.first, item.last),
                     tuple(item.blocks)) for item in self.items))


def table_row(lines: list[str], first: int, last: int) -> TableRow:
    """One row from a chunk of lines whose cells are separated by TABs.

    A cell wrapped onto the next line continues there in the same column (a
    line starting with a TAB starts in the second column), so the chunk's
    lines are joined column by column.
    """
    columns: list[list[str]] = []
    for line in lines:
        for index, cell in enumerate(line.split("\t")):
            while len(columns) <= index:
                columns.append([])
            if cell.strip():
                columns[index].append(cell.strip())
    return TableRow(tuple(inlines(join_lines(cells)) if cells else () for cells in columns),
                    Span(first, last))


# --- divisions and stycken ------------------------------------------------------------

@dataclass
class Stycke:
    """A stycke being read: its text, then the list or table it introduces."""

    first: int
    last: int
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    lists: list[OpenList] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    repeal: bool = False

    def text(self, number: int, text: str) -> None:
        """Add a line of running text (the stycke's own, before any list)."""
        self.lines.append(text)
        self.last = number

    def item(self, number: int, marker: str, text: str) -> None:
        """Add a list item: to the open list, nested below its last item, or a new list."""
        self._flush_text()
        self._flush_rows()
        kind = family(marker)
        if any(open_list.family == kind for open_list in self.lists):
            while self.lists[-1].family != kind:  # back out of the sub-list
                self._close_list()
        elif self.lists and self.lists[-1].items[-1].text().endswith("."):
            while self.lists:  # a new list after a finished one, not a sub-list
                self._close_list()
            self.lists.append(OpenList(kind))
        else:  # a first list, or a sub-list of the item that introduces it (``… om``, ``…:``)
            self.lists.append(OpenList(kind))
        self.lists[-1].items.append(OpenItem(marker, [text], number, number))
        self.last = number

    def extend(self, number: int, text: str) -> None:
        """A continuation line: of the open item, else of the text."""
        if self.lists:
            item = self.lists[-1].items[-1]
            item.lines.append(text)
            item.last = number
        else:
            self.lines.append(text)
        self.last = number

    def row(self, row: TableRow) -> None:
        """Add a table row."""
        self._flush_text()
        while self.lists:
            self._close_list()
        self.rows.append(row)
        assert row.span is not None
        self.last = row.span.last

    def after_table(self, number: int, text: str) -> None:
        """Text under the table that still belongs to its stycke (an amendment note)."""
        self._flush_rows()
        self.blocks.append(Paragraph(inlines(text), Span(number, number)))
        self.last = number

    @property
    def in_list(self) -> bool:
        return bool(self.lists)

    @property
    def in_table(self) -> bool:
        return bool(self.rows)

    def last_item(self) -> OpenItem | None:
        return self.lists[-1].items[-1] if self.lists else None

    def close(self) -> Division:
        self._flush_text()
        while self.lists:
            self._close_list()
        self._flush_rows()
        return Division(Level.PARAGRAPH, None, None, tuple(self.blocks),
                        span=Span(self.first, self.last))

    def _flush_text(self) -> None:
        if self.lines:
            self.blocks.append(Paragraph(inlines(join_lines(self.lines), self.repeal),
                                         Span(self.first, self.last)))
            self.lines = []

    def _flush_rows(self) -> None:
        if self.rows:
            self.blocks.append(Table(tuple(self.rows)))
            self.rows = []

    def _close_list(self) -> None:
        block = self.lists.pop().close()
        if self.lists:
            self.lists[-1].items[-1].blocks.append(block)
        else:
            self.blocks.append(block)


@dataclass
class Open:
    """A division being read (a part, chapter, section, rubrik, annex …)."""

    level: Level
    num: str | None
    first: int
    heading: str | None = None
    children: list[Block] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    leading: bool = False
    repealed: bool = False
    last: int = 0
    stycke: Stycke | None = None

    def add_heading(self, text: str) -> None:
        """The heading, or a further line of it."""
        self.heading = text if not self.heading else f"{self.heading} {text}"

    def close_stycke(self) -> None:
        if self.stycke is not None:
            self.children.append(self.stycke.close())
            self.last = max(self.last, self.stycke.last)
            self.stycke = None

    def close(self) -> Division:
        self.close_stycke()
        return Division(self.level, self.num, self.heading, tuple(self.children),
                        validity(self.markers, self.leading), self.repealed,
                        Span(self.first, max(self.first, self.last)))
