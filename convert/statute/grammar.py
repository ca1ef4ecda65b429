"""The grammar of Swedish statute text: one transition table, and the reader that runs it.

The reader goes through the normalised lines once.  For each line it takes the
first rule of `RULES` whose recogniser (`riksdoc.statute.lines`) accepts the line
in the current state, and runs the rule's constructor, which opens, extends or
closes parts of the model.  The state is what the text is in at that line:

=============  ==================================================================
state          meaning
=============  ==================================================================
body           between parts, chapters and sections (the stack's top is the
               document, a part or a chapter)
heading        just after a number line (``8 kap.``, ``AVD. I``, ``Bilaga 2``) or a
               rubrik: a line continuing it extends the heading
section        just after a section line, before its first stycke
stycke         in a stycke's running text
list           in a list item (the stycke's list)
table          in a table (the stycke's table)
transitional   in the transitional provisions or one amending act's group of them
annex          in an annex
=============  ==================================================================

The stack gives the nesting: part › chapter › section › stycke, and
transitional provisions › amending act › section.  A constructor that opens a
part closes what cannot hold it (`CONTAINS`): a chapter line closes the section
and the chapter before it.  Constructors may decline (return False); the next
rule is tried then.  A line no rule takes is kept as a stycke with a warning
naming it; so is anything the reader is unsure of (numbering out of order, a
stycke before the first section, a chapter without sections).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Block, Division, Level, Message
from ..normalise import Line
from . import lines as rec
from .build import Open, Stycke, join_lines, table_row
from .lines import (
    Marker,
    Numbered,
    Text,
    ends_period,
    ends_sentence,
    number_key,
    read_marker,
)

BODY, HEADING, SECTION, STYCKE, LIST, TABLE, TRANSITIONAL, ANNEX = (
    "body", "heading", "section", "stycke", "list", "table", "transitional", "annex")
ALL = frozenset({BODY, HEADING, SECTION, STYCKE, LIST, TABLE, TRANSITIONAL, ANNEX})
IN_TEXT = frozenset({STYCKE, LIST, TABLE})
SAME = "="


@dataclass(frozen=True)
class Rule:
    """(state, recogniser) → (constructor, next state)."""

    recogniser: Callable[[Text, int], object]
    """Says whether the line is this kind of line (`riksdoc.statute.lines`)."""
    states: frozenset[str]
    """The states in which the rule applies."""
    constructor: str
    """The `Reader` method that builds what was recognised."""
    next: str
    """The state after it (``=``: unchanged; ``a|b``: one of them, as the line says)."""
    anywhere: bool = False
    """True if the recogniser can accept a line inside a chunk; the others see only lines
    that open one (a shortcut: their recognisers would refuse the rest anyway)."""


RULES: tuple[Rule, ...] = (
    Rule(rec.marker, ALL, "hold_marker", SAME, anywhere=True),
    Rule(rec.part, ALL, "open_part", HEADING),
    Rule(rec.chapter, ALL, "open_chapter", HEADING, anywhere=True),  # "1 Kap." after a note
    Rule(rec.chapter_repealed, ALL, "open_repealed_chapter", STYCKE),
    Rule(rec.transitional, ALL, "open_transitional", TRANSITIONAL),   # not inside them
    Rule(rec.act_number, ALL, "open_amendment", TRANSITIONAL),        # only inside them
    Rule(rec.annex, ALL, "open_annex", f"{HEADING}|{STYCKE}"),
    Rule(rec.section, ALL, "open_section", f"{SECTION}|{STYCKE}"),
    Rule(rec.section_repealed, ALL, "open_repealed_section", STYCKE),
    Rule(rec.repeal_note, frozenset({BODY}), "act_repeal_note", STYCKE),  # only first
    Rule(rec.title, frozenset({HEADING}), "adopt_heading", f"{BODY}|{ANNEX}"),  # headless only
    Rule(rec.rubrik, ALL - {SECTION}, "rubrik", HEADING),
    Rule(rec.row, ALL, "row", f"{TABLE}|{STYCKE}"),  # a note under the last row ends it
    Rule(rec.item, ALL, "item", LIST),
    Rule(rec.note, IN_TEXT, "amendment_note", SAME),
    Rule(rec.opening, IN_TEXT - {TABLE}, "continue_text", SAME),  # text left unfinished
    Rule(rec.opening, ALL, "stycke", STYCKE),
    Rule(rec.continuation, frozenset({HEADING}), "heading_line", HEADING, anywhere=True),
    Rule(rec.continuation, ALL - {HEADING}, "text_line", f"{STYCKE}|{LIST}", anywhere=True),
)
"""The grammar, tried in order: the first rule whose state and recogniser accept a line wins."""

_ANYWHERE = tuple(rule for rule in RULES if rule.anywhere)
"""The rules tried on a line inside a chunk."""

_OUTER_STATE = {Level.TRANSITIONAL: TRANSITIONAL, Level.ANNEX: ANNEX}
"""The state inside the transitional provisions or an annex (which stand at the top)."""
"""The rules tried on a line inside a chunk."""

CONTAINS: dict[Level | None, frozenset[Level]] = {
    None: frozenset({Level.PART, Level.CHAPTER, Level.SECTION, Level.HEADING, Level.PARAGRAPH,
                     Level.TRANSITIONAL, Level.ANNEX}),
    Level.PART: frozenset({Level.CHAPTER, Level.SECTION, Level.HEADING, Level.PARAGRAPH}),
    Level.CHAPTER: frozenset({Level.SECTION, Level.HEADING, Level.PARAGRAPH}),
    Level.SECTION: frozenset({Level.PARAGRAPH}),
    Level.TRANSITIONAL: frozenset({Level.AMENDMENT, Level.SECTION, Level.HEADING,
                                   Level.PARAGRAPH}),
    Level.AMENDMENT: frozenset({Level.SECTION, Level.HEADING, Level.PARAGRAPH}),
    Level.ANNEX: frozenset({Level.SECTION, Level.HEADING, Level.PARAGRAPH}),
    Level.HEADING: frozenset(),
}
"""What each level may hold (None: the document itself); the genre's nesting."""

_WHAT = {Level.CHAPTER: "Kapitlet", Level.HEADING: "Rubriken", Level.PART: "Avdelningen",
         Level.ANNEX: "Bilagan"}


def read(lines: tuple[Line, ...]) -> tuple[tuple[Block, ...], tuple[Message, ...]]:
    """The body of a statute from its normalised lines, and the reader's warnings."""
    return Reader(Text(lines)).run()


class Reader:
    """Runs `RULES` over a `Text`; the constructors are its methods."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.stack: list[Open] = [Open(None, None, 1)]  # type: ignore[arg-type]
        self.pending: list[tuple[int, Marker]] = []
        self.in_heading = False
        self.warnings: list[Message] = []
        self.warned_unsectioned: set[int] = set()
        self.tracing = False
        """Record (line, the rule's next state, the state after) for every step: tests."""
        self.trace: list[tuple[int, str, str]] = []

    # -- the loop ------------------------------------------------------------------

    def run(self) -> tuple[tuple[Block, ...], tuple[Message, ...]]:
        index = 0
        while index < len(self.text):
            if not self.text.texts[index]:
                index += 1
                continue
            index += self.step(index)
        self.flush_pending()
        while len(self.stack) > 1:
            self.pop()
        root = self.stack[0]
        root.close_stycke()
        return tuple(root.children), tuple(self.warnings)

    def step(self, index: int) -> int:
        """Apply the first rule that takes line *index*; the number of lines it used."""
        state = self.state
        for rule in RULES if self.text.starts[index] else _ANYWHERE:
            if state not in rule.states:
                continue
            match = rule.recogniser(self.text, index)
            if not match:
                continue
            used = getattr(self, rule.constructor)(index, match)
            if used is False:
                continue
            if self.tracing:
                self.trace.append((self.line(index), rule.next, self.state))
            return 1 if used is None or used is True else int(used)
        self.warn("not-recognised", "line not recognised; kept as a stycke", index)
        self.stycke(index, True)
        return 1

    @property
    def state(self) -> str:
        if self.in_heading:
            return HEADING
        top = self.stack[-1]
        stycke = top.stycke
        if stycke is not None:
            return TABLE if stycke.rows else LIST if stycke.lists else STYCKE
        level = top.level
        if level is Level.SECTION:
            return SECTION
        if level is None or level is Level.CHAPTER or level is Level.PART:
            return BODY
        return _OUTER_STATE.get(self.stack[1].level, BODY)  # under transitional or annex

    @property
    def top(self) -> Open:
        return self.stack[-1]

    # -- constructors: structure ----------------------------------------------------

    def hold_marker(self, i: int, marker: Marker) -> None:
        """A marker right under a number line belongs to that part (``12 § /Träder …/`` then
        ``/Upphör …/``); any other marker waits for the part it stands above."""
        top = self.top
        just_opened = not self.text.starts[i] and top.stycke is None and not top.children \
            and top.level in (Level.SECTION, Level.CHAPTER, Level.PART, Level.ANNEX)
        if just_opened and (self.in_heading or top.level is Level.SECTION):
            top.markers.append(marker)
        else:
            self.pending.append((i, marker))

    def open_part(self, i: int, found: Numbered) -> None:
        node = self.open(Level.PART, found.num, i)
        node.heading = found.rest or None
        self.in_heading = True

    def open_chapter(self, i: int, found: Numbered) -> None:
        if any(o.level in (Level.TRANSITIONAL, Level.ANNEX) for o in self.stack):
            self.warn("chapter-after-end", f"chapter '{found.num}' after the transitional "
                      "provisions or an annex", i)
        marker, rest = rec.marker_after(found.rest)
        self.check_numbering(Level.CHAPTER, found.key, i, bool(marker))
        node = self.open(Level.CHAPTER, found.num, i)
        if marker:
            node.markers.append(read_marker(marker))  # type: ignore[arg-type]
        node.heading = rest or None
        self.in_heading = True

    def open_repealed_chapter(self, i: int, found: Numbered) -> None:
        node = self.open(Level.CHAPTER, found.num, i)
        node.repealed = True
        node.stycke = Stycke(self.line(i), self.line(i), [found.rest], repeal=True)

    def open_transitional(self, i: int, _: object) -> bool | None:
        if any(o.level is Level.TRANSITIONAL for o in self.stack):
            return False  # "Övergångsbestämmelser" inside them is a rubrik or text
        node = self.open(Level.TRANSITIONAL, None, i)
        node.heading = self.text.texts[i]
        return None

    def open_amendment(self, i: int, m: re.Match[str]) -> bool | None:
        if not any(o.level is Level.TRANSITIONAL for o in self.stack):
            return False
        self.open(Level.AMENDMENT, self.text.texts[i], i)
        return None

    def open_annex(self, i: int, found: Numbered) -> None:
        node = self.open(Level.ANNEX, found.num, i)
        rest = found.rest
        if rec.REPEAL.match(rest):
            node.repealed = True
            node.stycke = Stycke(self.line(i), self.line(i), [rest], repeal=True)
        else:
            node.heading = rest or None
            self.in_heading = True

    def open_section(self, i: int, found: Numbered) -> bool | None:
        """A section; but a section number going backwards (other than 1 §, without a
        version marker) opens no section: such a chunk is a stycke starting with a
        reference (``5 § Lagen (…)``), kept with a warning."""
        marker, rest = rec.marker_after(found.rest)
        versioned = bool(marker or self.pending)
        if not versioned and found.key != "1" and self.numbering_backwards(found.key):
            self.warn("section-backwards", f"'{found.num}' after a higher section number; "
                      "read as a stycke, not a new section", i)
            return False
        if not versioned and self.out_of_sequence(found.key, i):
            self.warn("section-out-of-sequence", f"'{found.num}' jumps ahead of the section "
                      "that follows it; read as a stycke, not a new section", i)
            return False
        self.check_numbering(Level.SECTION, found.key, i, versioned)
        node = self.open(Level.SECTION, found.num, i)
        if marker:
            node.markers.append(read_marker(marker))  # type: ignore[arg-type]
        if rest:
            node.stycke = Stycke(self.line(i), self.line(i), [rest])
        return None

    def open_repealed_section(self, i: int, found: Numbered) -> None:
        self.check_numbering(Level.SECTION, found.key, i, False)
        node = self.open(Level.SECTION, found.num, i)
        node.repealed = True
        node.stycke = Stycke(self.line(i), self.line(i), [found.rest], repeal=True)

    def act_repeal_note(self, i: int, _: object) -> bool | None:
        root = self.stack[0]
        if len(self.stack) > 1 or root.children or root.stycke is not None:
            return False
        self.flush_pending()
        root.stycke = Stycke(self.line(i), self.line(i), [self.text.texts[i]], repeal=True)
        return None

    def adopt_heading(self, i: int, _: object) -> int | bool:
        """The heading of a chapter, part or annex whose number line has none (``1 Kap.`` /
        ``Allmänna bestämmelser``, ``Bilaga 1`` / ``Nationella program``)."""
        top = self.top
        if top.level not in (Level.CHAPTER, Level.PART, Level.ANNEX) or top.heading is not None:
            return False
        chunk = self.text.chunk(i)
        top.heading = join_lines(chunk)
        top.last = self.line(i + len(chunk) - 1)
        self.in_heading = False
        return len(chunk)

    def rubrik(self, i: int, _: object) -> None:
        """A rubrik: a heading over the sections after it."""
        node = self.open(Level.HEADING, None, i)
        node.heading = self.text.texts[i]
        self.in_heading = True

    def heading_line(self, i: int, _: object) -> None:
        self.top.add_heading(self.text.texts[i])
        self.top.last = self.line(i)

    # -- constructors: text ------------------------------------------------------------

    def continue_text(self, i: int, _: object) -> bool | None:
        """After a list item or stycke left unfinished (``… enligt``, ``… 8 kap. 21 och
        23 §§, 10 kap.``), a chunk starting in lower case or with a digit is the rest of
        it, broken by an empty line (with a warning)."""
        text = self.text.texts[i]
        stycke = self.top.stycke
        if stycke is None or self.pending or not (text[:1].islower() or text[:1].isdigit()) \
                or rec.chapter_shaped(text):
            return False
        last = stycke.last_item()
        if last is not None:
            before = last.text()
            if ends_sentence(before) or re.search(r"\b(?:och|eller)$", before):
                return False
        elif not stycke.lines or ends_period(" ".join(stycke.lines)) \
                or stycke.lines[-1].endswith((":", ";")):
            return False
        self.warn("text-continued", "text continues after an empty line", i)
        stycke.extend(self.line(i), text)
        return None

    def stycke(self, i: int, _: object) -> None:
        """A new stycke."""
        self.new_stycke(i).text(self.line(i), self.text.texts[i])

    def text_line(self, i: int, _: object) -> None:
        if self.top.stycke is None:
            self.new_stycke(i).text(self.line(i), self.text.texts[i])
        else:
            self.top.stycke.extend(self.line(i), self.text.texts[i])

    def item(self, i: int, m: re.Match[str]) -> None:
        stycke = self.top.stycke
        if stycke is None or stycke.in_table:
            stycke = self.new_stycke(i)
        stycke.item(self.line(i), m.group("marker"), self.text.texts[i][m.end():])

    def row(self, i: int, _: object) -> int:
        """A table row (a chunk of lines with column gaps); an amendment note under the
        last row ends the table's stycke."""
        chunk = self.text.cells[i:self.text.chunk_ends[i]]
        note = len(chunk) > 1 and "\t" not in chunk[-1] and rec.AMENDMENT_NOTE.fullmatch(chunk[-1])
        cells = chunk[:-1] if note else chunk
        stycke = self.top.stycke
        if stycke is None or not stycke.in_table:
            stycke = self.new_stycke(i)
        stycke.row(table_row(cells, self.line(i), self.line(i + len(cells) - 1)))
        if note:
            stycke.after_table(self.line(i + len(chunk) - 1), chunk[-1])
        return len(chunk)

    def amendment_note(self, i: int, _: object) -> None:
        """``Lag (2022:1315).`` alone after a stycke ends that stycke."""
        stycke = self.top.stycke
        assert stycke is not None
        if stycke.in_table:
            self.new_stycke(i).text(self.line(i), self.text.texts[i])
        else:
            stycke.extend(self.line(i), self.text.texts[i])

    # -- helpers ---------------------------------------------------------------------

    def open(self, level: Level, num: str | None, i: int) -> Open:
        """Close what cannot hold *level*, then open it; pending markers are its own."""
        self.in_heading = False
        self.top.close_stycke()
        while level not in CONTAINS[self.top.level]:
            self.pop()
            self.top.close_stycke()
        node = Open(level, num, self.line(i), last=self.line(i))
        if self.pending:
            node.markers = [marker for _, marker in self.pending]
            node.leading = True
            self.check_marker_targets(level)
            self.pending = []
        self.stack.append(node)
        return node

    def new_stycke(self, i: int) -> Stycke:
        """A new stycke in the innermost part that can hold one."""
        self.in_heading = False
        self.flush_pending()
        top = self.top
        top.close_stycke()
        while Level.PARAGRAPH not in CONTAINS[top.level]:
            self.pop()
            top = self.top
            top.close_stycke()
        if top.level in (None, Level.PART, Level.CHAPTER) and id(top) not in self.warned_unsectioned:
            self.warned_unsectioned.add(id(top))
            self.warn("stycke-outside-section", "text before the first section (or outside "
                      "any section); kept as a stycke of its own", i)
        top.stycke = Stycke(self.line(i), self.line(i))
        return top.stycke

    def pop(self) -> None:
        node = self.stack.pop()
        division = node.close()
        if node.level is Level.CHAPTER and not node.repealed and not any(
                isinstance(c, Division) and c.level is Level.SECTION for c in division.children):
            self.warn_line("chapter-without-sections",
                           f"chapter '{node.num}' has no sections", node.first)
        self.top.children.append(division)
        self.top.last = max(self.top.last, division.span.last if division.span else 0)

    def flush_pending(self) -> None:
        """Markers no part took stay in the text, as a stycke, with a warning."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        first = pending[0][0]
        self.warn("marker-without-part", "validity marker above no section, chapter or "
                  "rubrik; kept as text", first)
        top = self.top
        top.close_stycke()
        stycke = Stycke(self.line(first), self.line(first))
        for index, marker in pending:
            stycke.text(self.line(index), marker.text)
        top.children.append(stycke.close())

    def check_marker_targets(self, level: Level) -> None:
        for index, marker in self.pending:
            expected = _WHAT.get(level)
            if marker.what is not None and marker.what != expected:
                self.warn("marker-mismatch", f"marker '{marker.text}' names "
                          f"{marker.what.lower()} but stands above a {level.value}", index)

    def last_number(self, level: Level) -> tuple[str | None, bool]:
        """The number of the last *level* part in the container a new one would join, and
        whether it is a version (has markers)."""
        container = self.stack[-1]
        for node in reversed(self.stack):
            if level in CONTAINS[node.level]:
                container = node
                break
        previous = next((o for o in reversed(self.stack) if o.level is level), None)
        if previous is not None and self.stack.index(previous) > self.stack.index(container):
            return previous.num, bool(previous.markers)
        siblings = [c for c in container.children if isinstance(c, Division) and c.level is level]
        if siblings:
            return siblings[-1].num, siblings[-1].validity is not None
        return None, False

    def out_of_sequence(self, key: str, i: int) -> bool:
        """Does section *key* jump ahead (``1 §`` … ``5 §``) of the next section line, which
        comes back between them (``2 §``)?  Then *key* starts a stycke citing it."""
        last, _ = self.last_number(Level.SECTION)
        if last is None or number_key(key)[0] <= number_key(last)[0] + 1:
            return False
        following = rec.next_section(self.text, i)
        return following is not None and \
            number_key(last) < number_key(following) < number_key(key)

    def numbering_backwards(self, key: str) -> bool:
        last, _ = self.last_number(Level.SECTION)
        return last is not None and number_key(key) < number_key(last)

    def check_numbering(self, level: Level, key: str, i: int, versioned: bool) -> None:
        """Warn where a chapter or section number repeats or goes backwards."""
        last, last_versioned = self.last_number(level)
        if last is None:
            return
        new, old = number_key(key), number_key(last)
        if new == old and not (versioned and last_versioned):
            self.warn("duplicate-number", f"{level.value} {last} appears again", i)
        elif new < old:
            self.warn("numbering-backwards", f"{level.value} {key} after {last}", i)

    def line(self, index: int) -> int:
        return self.text.lines[index].number

    def warn(self, code: str, text: str, index: int) -> None:
        self.warn_line(code, text, self.line(index))

    def warn_line(self, code: str, text: str, line: int) -> None:
        self.warnings.append(Message(code, text, line))
