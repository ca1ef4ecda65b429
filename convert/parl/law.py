"""A bill's proposed law: ``Förslag till lag (om ändring i) …`` read with the statute grammar.

Under its heading a proposed law has, as printed:

* the enacting words, ``Härigenom föreskrivs att 3 kap. 1 § brottsbalken ska ha
  följande lydelse.`` (or ``… i fråga om … dels att …, dels att …``): kept as
  the bill's own paragraphs before the law;
* the law's text — chapters, sections, stycken, lists, tables, an amendment's
  ``Nuvarande lydelse`` / ``Föreslagen lydelse`` columns — read by
  `riksdoc.statute.grammar` into a `Level.LAW` division;
* the entry into force (``Denna lag träder i kraft den 1 januari 2020.``, and
  numbered transitional provisions ``1. Denna lag träder i kraft …``): the
  law's transitional provisions (a `Level.TRANSITIONAL` division without a
  heading, as the print has none).

A footnote mark glued to a section's number (``1 §1``, a note the normaliser
lifted out) moves to the start of the section's first stycke, so the number is
a number.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import (
    Block,
    Division,
    Inline,
    Level,
    ListBlock,
    ListItem,
    Message,
    Paragraph,
    Span,
    Table,
    TableRow,
)
from ..normalise import NOTE_OPEN, Line
from ..parse.body import inlines
from ..statute import grammar as statute
from .build import Flow

_ENACTING = re.compile(r"^Härigenom (?:föreskrivs|förordnas|meddelas)\b")
_IN_FORCE = re.compile(r"^(?:\d{1,2}\.\s*)?(?:Denna|Dessa) (?:lag|förordning|lagar|förordningar) "
                       r"(?:träder|träda) i kraft\b")
_COLUMNS = re.compile(r"^(?:Nuvarande lydelse|Lydelse enligt (?:SFS )?\d{4}:\d+|Föreslagen lydelse)"
                      r"(?:\s+Föreslagen lydelse)?\s*$")
"""An amendment's old and new wording side by side: their column headings, on one line or
each on its own."""
_NUMBER_NOTE = re.compile(r"^(?P<num>\d{1,4}(?: ?[a-z])? (?:§|kap\.))(?P<notes>(?:\ufdd0[^\ufdd1]*\ufdd1)+)$")


def read_law(lines: list[Line]) -> tuple[list[Block], list[Message]]:
    """The blocks of a proposed law's *lines* (everything under its heading): the enacting
    words as paragraphs, then the law as a `Level.LAW` division."""
    lines = [line for line in lines if line.text]
    if not lines:
        return [], []
    intro, start = _enacting(lines)
    end = next((i for i in range(start, len(lines)) if _IN_FORCE.match(lines[i].text)), len(lines))
    body, warnings = _statute(lines[start:end])
    children = list(body)
    if end < len(lines):
        provisions, more = _statute(lines[end:])  # stycken without a section, as printed
        warnings += [w for w in more if w.code != "stycke-outside-section"]
        children.append(Division(Level.TRANSITIONAL, None, None, tuple(provisions),
                                 span=Span(lines[end].number, lines[-1].number)))
    blocks: list[Block] = list(intro)
    if children:
        blocks.append(Division(Level.LAW, None, None, tuple(children),
                               span=Span(lines[start].number if start < len(lines)
                                         else lines[-1].number, lines[-1].number)))
    return blocks, [w for w in warnings if w.code != "stycke-outside-section"] \
        + _outside(warnings) + _columns(lines)


def _columns(lines: list[Line]) -> list[Message]:
    """A warning where the law sets its old and new wording side by side and the text does
    not pair them: a printed PDF's text gives the two columns one after the other (even
    apart), so the sections hold the wording in the order the text gives it, not sorted
    into old and new.  A Word export's rows (``old<TAB>new``) are paired: each section
    holds them as a table of the two columns, and nothing is uncertain."""
    heads = [line for line in lines if _COLUMNS.match(line.text)]
    paired = any(_cells(line.text) >= 2 for line in lines if not _COLUMNS.match(line.text))
    if not heads or paired:
        return []
    headed = " / ".join(cell.strip() for cell in heads[0].text.split("\t") if cell.strip())
    return [Message("wording-columns", f"old and new wording side by side (columns headed "
                    f"'{headed}'): the text gives the columns one after the "
                    f"other, not paired; the sections hold the wording as the text gives it "
                    f"(check which is the proposed one)", heads[0].number)]


def _cells(text: str) -> int:
    """How many cells with words a TAB-separated line has."""
    return sum(1 for cell in text.split("\t") if cell.strip())


def _outside(warnings: list[Message]) -> list[Message]:
    """One warning, not one a part, for proposed text outside any section (a comparison's
    column headings, an amendment's lone stycke)."""
    lines = [w.line for w in warnings if w.code == "stycke-outside-section"]
    if not lines:
        return []
    return [Message("law-text-outside-section", "proposed law text outside any chapter or "
                    "section (column headings, an amended stycke); kept as stycken", lines[0])]


def _enacting(lines: list[Line]) -> tuple[list[Block], int]:
    """The enacting words at the start, as paragraphs, and the index after them."""
    if not _ENACTING.match(lines[0].text):
        return [], 0
    flow = Flow()
    index = 0
    while index < len(lines):
        text = lines[index].text
        if index and not (text.startswith("dels ") or text[:1].islower()):
            break
        if text.startswith("dels "):
            flow.close()  # each clause is a paragraph of its own in print
        flow.text(lines[index])
        index += 1
        if re.search(r"(?:lydelse|följande|ordning)[.:]$", text):
            break
    return flow.take(), index


def _statute(lines: list[Line]) -> tuple[tuple[Block, ...], list[Message]]:
    """*lines* (one block each) through the statute grammar, a note on a number line moved to
    the text after it."""
    prepared: list[Line] = []
    carried = ""
    for line in lines:
        text = carried + line.text
        carried = ""
        m = _NUMBER_NOTE.match(text)
        if m:
            text, carried = m.group("num"), m.group("notes")
        if prepared:
            prepared.append(Line(line.number, ""))  # each printed block is a chunk of its own
        prepared.append(Line(line.number, text))
    if carried:
        prepared.append(Line(lines[-1].number, carried))
    blocks, warnings = statute.read(tuple(prepared))
    return tuple(_with_notes(block) for block in blocks), list(warnings)


def _with_notes(block: Block) -> Block:
    """*block* with the note markers left in its text runs as `NoteRef`s."""
    if isinstance(block, Paragraph):
        return replace(block, content=_content(block.content))
    if isinstance(block, Division):
        return replace(block, children=tuple(_with_notes(child) for child in block.children))
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(_item(item) for item in block.items))
    if isinstance(block, Table):
        return replace(block, rows=tuple(TableRow(tuple(_content(cell) for cell in row.cells),
                                                  row.span) for row in block.rows))
    return block  # a speech: no statute holds one


def _item(item: ListItem) -> ListItem:
    return replace(item, content=_content(item.content),
                   blocks=tuple(_with_notes(b) for b in item.blocks))


def _content(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if not any(isinstance(part, str) and NOTE_OPEN in part for part in content):
        return content
    out: list[Inline] = []
    for part in content:
        out.extend(inlines(part) if isinstance(part, str) else (part,))
    return tuple(out)
