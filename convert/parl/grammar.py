"""The grammar of a paper's body: one transition table, and the reader that runs it.

The reader goes through the body's normalised lines once.  For each line it
takes the first rule of `RULES` whose state includes the current one and whose
recogniser (a method of `Reader`, reading `riksdoc.parl.lines`) accepts the
line, and runs the rule's constructor, which opens, fills or closes parts.  A
constructor may use several lines (a heading wrapped over two) or decline (the
next rule is tried).  The state is what the innermost open part is:

===========  =====================================================================
state        the innermost open part
===========  =====================================================================
text         a headed part (or the body itself): running text, headings
proposals    ``(Utskottets) förslag till riksdagsbeslut``, before or between its
             proposals
proposal     one proposal (yrkande, förslagspunkt)
signatures   a signature block
group        ``Reservationer`` or ``Särskilda yttranden``, between its members
authored     a reservation or special opinion, before its first line
===========  =====================================================================

Where a heading goes (the hierarchy) is decided by what it is: a numbered
heading by its number (``2.1`` under ``2``); the genre's headings by the genre
(`riksdoc.parl.lines.GENRE`: ``Utskottets överväganden`` at the top,
``Propositionen`` under the topic it is about); a heading the table of contents
lists at the level below the genre's top; any other heading below the part it
follows, as the sibling of the heading before it, or as the child of a heading
directly above it.  The table of contents (which the normaliser took out of the
text) also confirms numbered headings, gives their full wording where the text
wraps them, and marks where annexes start.  Anything unsure is a warning with
its line; no line is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Block, Division, Kind, Message, Paragraph, Person, Span, SwedishDate
from ..normalise import Line
from ..vocabulary import MONTHS
from . import lines as rec
from .build import Open, hard_wrapped, inlines
from .clean import Entry, join_wrapped
from .law import read_law

TEXT, PROPOSALS, PROPOSAL, SIGNATURES, GROUP, AUTHORED = (
    "text", "proposals", "proposal", "signatures", "group", "authored")
ANY = frozenset({TEXT, PROPOSALS, PROPOSAL, SIGNATURES, GROUP, AUTHORED})
TEXTUAL = frozenset({TEXT, GROUP, AUTHORED})


@dataclass(frozen=True)
class Rule:
    """(state, recogniser) → constructor."""

    states: frozenset[str]
    """The states in which the rule applies."""
    recogniser: str
    """The `Reader` method that says whether the line is this kind of line."""
    constructor: str
    """The `Reader` method that builds what was recognised."""


RULES: tuple[Rule, ...] = (
    Rule(ANY, "place_date", "open_signatures"),          # Stockholm den 25 april 2019
    Rule(frozenset({SIGNATURES}), "signature", "sign"),  # names, På … vägnar, ledamöter
    Rule(ANY - {SIGNATURES}, "people_row", "open_signatures"),  # Name (M)<TAB>Name (KD)
    Rule(ANY, "own_label", "skip_label"),                # the open annex's label again
    Rule(ANY, "annex", "open_annex"),                    # Bilaga 2 / its title
    Rule(ANY, "genre", "open_genre"),                    # Motivering, Reservationer …
    Rule(ANY, "numbered", "open_numbered"),              # 4.1 Allmänt om …
    Rule(ANY, "authored", "open_authored"),              # 1. Title, punkt 2 (SD)
    Rule(frozenset({AUTHORED}), "by_line", "by"),        # av Name (SD), … och Name (SD).
    Rule(frozenset({PROPOSALS, PROPOSAL}), "proposal", "open_proposal"),  # 1. Riksdagen …
    Rule(TEXTUAL | {PROPOSAL}, "heading", "open_ordinary"),  # a heading the genre doesn't name
    Rule(ANY, "row", "add_row"),                         # cells<TAB>cells
    Rule(ANY, "item", "add_item"),                       # 1. / • / – item
    Rule(ANY, "text", "add_text"),                       # running text
)
"""The grammar, tried in order: the first rule whose state and recogniser accept a line wins."""

_HEADINGS = frozenset({"top", "sub", "proposals", "reservations", "opinions", "protocol", "topic",
                       "numbered", "ordinary", "annex"})
"""Roles of parts that are headed (a heading right after one of them is its child)."""
_STOPS = frozenset({"root", "annex"})
"""Parts a heading at the top of the body (or of an annex) does not close."""


@dataclass(frozen=True)
class Found:
    """What a recogniser found: a part's number and heading, and the lines it took."""

    num: str | None
    heading: str | None
    used: int = 1
    role: str = ""


class Reader:
    """Runs `RULES` over a paper's body; the recognisers and constructors are its methods."""

    def __init__(self, lines: tuple[Line, ...], kind: Kind, contents: tuple[Entry, ...],
                 title: str | None = None, printed: bool = False,
                 hints: dict[int, str] | None = None) -> None:
        self.lines = lines
        self.title = title
        self.hints = hints or {}
        """What markup says of a line (by input line number): ``heading`` or ``text``."""
        self.wrapped = printed or hard_wrapped(lines)
        """Whether a paragraph may go on on the next line (a print's, or hard-wrapped text)."""
        self.kind = kind
        self.stack: list[Open] = [Open("root", lines[0].number if lines else 1)]
        self.stack[0].flow.wrapped = self.wrapped
        self.warnings: list[Message] = []
        self.path: tuple[int, ...] = ()
        self.dated: tuple[str, SwedishDate, str] | None = None
        self.numbered_toc = {e.num: e for e in contents if e.num and e.num[0].isdigit()
                             and kind is not Kind.REPORT}
        self.titles = {_key(e.title): e for e in contents if e.title}
        self.annexes = [e for e in contents if e.num and e.num.startswith("Bilaga")]
        self.toc_depth = max((len(rec.path(n)) for n in self.numbered_toc), default=0)

    # -- the loop ------------------------------------------------------------------------

    def run(self) -> tuple[tuple[Block, ...], tuple[Message, ...]]:
        index = 0
        while index < len(self.lines):
            if not self.lines[index].text:
                self.top.flow.close()
                index += 1
                continue
            index += self.step(index)
        while len(self.stack) > 1:
            self.pop()
        return self.stack[0].blocks(), tuple(self.warnings)

    def step(self, index: int) -> int:
        """Apply the first rule that takes line *index*; the number of lines it used."""
        state = self.state
        for rule in RULES:
            if state not in rule.states:
                continue
            found = getattr(self, rule.recogniser)(index)
            if not found:
                continue
            used = getattr(self, rule.constructor)(index, found)
            if used is False:
                continue
            return 1 if used is None or used is True else int(used)
        raise AssertionError("the text rule takes every line")

    @property
    def state(self) -> str:
        role = self.top.role
        if role in ("signatures", "proposal", "proposals"):
            return {"signatures": SIGNATURES, "proposal": PROPOSAL, "proposals": PROPOSALS}[role]
        if role in ("reservations", "opinions"):
            return GROUP
        if role in ("reservation", "opinion") and self.top.fresh:
            return AUTHORED
        return TEXT

    @property
    def top(self) -> Open:
        return self.stack[-1]

    # -- helpers ---------------------------------------------------------------------------

    def text_of(self, index: int) -> str:
        return self.lines[index].text

    def next_index(self, index: int) -> int | None:
        """The next non-empty line after *index*, or None."""
        index += 1
        while index < len(self.lines) and not self.lines[index].text:
            index += 1
        return index if index < len(self.lines) else None

    def pop(self) -> None:
        node = self.stack.pop()
        division = node.close()
        self.top.add(division)

    def pop_while(self, condition: Callable[[Open], bool]) -> None:
        while len(self.stack) > 1 and condition(self.top):
            self.pop()

    def push(self, node: Open) -> Open:
        self.top.flow.close()
        node.flow.wrapped = self.wrapped
        self.stack.append(node)
        return node

    def inside(self, *roles: str) -> Open | None:
        """The innermost open part with one of *roles*, or None."""
        return next((node for node in reversed(self.stack) if node.role in roles), None)

    def warn(self, code: str, text: str, index: int) -> None:
        self.warnings.append(Message(code, text, self.lines[index].number))

    def line(self, index: int) -> int:
        return self.lines[index].number

    # -- recognisers and constructors: the signature block ------------------------------

    def place_date(self, index: int) -> re.Match[str] | None:
        return rec.PLACE_DATE.match(self.text_of(index))

    def open_signatures(self, index: int, found: object) -> int:
        """A signature block: in a report at the end of its proposals, elsewhere at the top."""
        proposals = self.inside("proposals") if self.kind is Kind.REPORT else None
        self.pop_while(lambda node: node is not proposals and node.role != "root"
                       and not (proposals is None and node.role == "annex"))
        self.push(Open("signatures", self.line(index), last=self.line(index)))
        return self.sign(index, found)

    def signature(self, index: int) -> object:
        text = self.text_of(index)
        return (rec.ON_BEHALF.match(text) or rec.MEMBERS.match(text) or rec.people_row(text)
                or rec.person(text) or rec.PLACE_DATE.match(text))

    def sign(self, index: int, found: object) -> int:
        """One line of a signature block: each name a paragraph; the people noted."""
        line = self.lines[index]
        node = self.top
        if isinstance(found, re.Match) and found.re is rec.PLACE_DATE:
            self.date_line(found, line.text)
        elif isinstance(found, re.Match) and found.re is rec.MEMBERS:
            node.people.extend(rec.listed_people(found.group("list")))
        elif isinstance(found, list) and len(found) > 0:
            node.people.extend(found)
            for cell in rec.people_cells(line.text):
                node.add(Paragraph(inlines(cell), Span(line.number, line.number)))
            return 1
        elif isinstance(found, Person):
            node.people.append(found)
        node.add(Paragraph(inlines(line.text), Span(line.number, line.number)))
        return 1

    def date_line(self, m: re.Match[str], text: str) -> None:
        if self.dated is None:
            date = SwedishDate(int(m.group("day")), MONTHS.index(m.group("month")) + 1,
                               int(m.group("year")))
            self.dated = (m.group("place"), date, text[m.start("day"):])

    def people_row(self, index: int) -> list[Person] | None:
        found = rec.people_row(self.text_of(index))
        if not found or any(" " not in p.name for p in found):
            return None
        following = self.next_index(index)
        if following is not None and not self.signature(following):
            return None  # a name in running text, not a signature block
        return found

    # -- annexes, the genre's headings, numbered headings ----------------------------------

    def annex(self, index: int) -> Found | None:
        text = self.text_of(index)
        entry = self.toc_annex(text)
        if entry is not None:
            heading, used = self.continued(index, entry.title)
            following = index + used
            while following < len(self.lines) and not self.lines[following].text:
                following += 1
            labelled = following < len(self.lines) and self.lines[following].text == entry.num
            if labelled:
                used = following - index + 1  # the print's running head gave the label too
            return Found(entry.num, heading, used, role="labelled" if labelled else "")
        m = rec.ANNEX.match(text)
        if m is None:
            return None
        if m.group("title"):
            return Found(m.group("num"), m.group("title"), role="labelled") \
                if rec.heading_like(m.group("title")) else None
        title = self.next_index(index)
        if title is not None and rec.heading_like(self.text_of(title)) \
                and not rec.ANNEX.match(self.text_of(title)):
            return Found(m.group("num"), self.text_of(title), title - index + 1, role="labelled")
        return Found(m.group("num"), None, role="labelled")

    def own_label(self, index: int) -> bool:
        """``Bilaga 1`` alone inside annex 1: its label, where a print's page put it (the
        running head of the annex's page), not a new annex."""
        annex = self.inside("annex")
        return annex is not None and annex.num is not None and self.text_of(index) == annex.num \
            and not annex.labelled

    def skip_label(self, index: int, found: object) -> None:
        annex = self.inside("annex")
        assert annex is not None
        annex.labelled = True
        annex.touch(self.line(index))

    def toc_annex(self, text: str) -> Entry | None:
        key = _key(text)
        if not key:
            return None
        for entry in self.annexes:
            title = _key(entry.title)
            if title and (title == key or (title.startswith(key + " ") and len(key) > 8)):
                return entry
        return None

    def open_annex(self, index: int, found: Found) -> int:
        self.pop_while(lambda node: True)
        node = self.push(Open("annex", self.line(index), found.num, found.heading,
                              last=self.line(index + found.used - 1)))
        node.labelled = found.role == "labelled"
        self.path = ()  # an annex numbers its headings afresh
        return found.used

    def genre(self, index: int) -> rec.Genre | None:
        text = self.text_of(index)
        return rec.genre(text, self.kind) if len(text) <= rec.HEADING_MAX else None

    def open_genre(self, index: int, found: rec.Genre) -> int | None:
        role = found.role
        department: Paragraph | None = None
        if role == rec.PROPOSALS and self.inside("reservation", "opinion"):
            role = rec.SUB  # a reservation's own proposal: its text, under the reservation
        if role in (rec.SUB, rec.LEAF):
            self.pop_while(lambda node: node.role in ("sub", "leaf", "ordinary", "proposal"))
        elif role == rec.PROTOCOL:
            department = self.take_department()
            self.pop_while(lambda node: True)
        else:
            self.pop_while(lambda node: node.role not in _STOPS)
        node = self.push(Open(role, self.line(index), heading=self.text_of(index),
                              last=self.line(index)))
        if role == rec.PROTOCOL and department is not None:
            node.flow.blocks.append(department)
            node.first = department.span.first if department.span else node.first
        return None

    def take_department(self) -> Paragraph | None:
        """The department line a print puts above a protocol extract belongs to it."""
        flow = self.top.flow
        flow.close()
        last = flow.blocks[-1] if flow.blocks else None
        if isinstance(last, Paragraph) and len(last.content) == 1 and isinstance(last.content[0], str) \
                and rec.DEPARTMENT_LINE.fullmatch(last.content[0]):
            flow.blocks.pop()
            return last
        return None

    def numbered(self, index: int) -> Found | None:
        m = rec.numbered(self.text_of(index))
        if m is None:
            return None
        num, title = m.group("num"), m.group("title")
        entry = self.numbered_toc.get(num)
        if entry is not None and _key(entry.title).startswith(_key(title)):
            heading, used = self.continued(index, entry.title)
            return Found(num, heading, used)
        by_title = self.titles.get(_key(title))
        if by_title is not None and by_title.num and by_title.num[0].isdigit() and by_title.num != num:
            self.warn("heading-number", f"heading '{title}' is numbered '{num}{m.group('dot') or ''}' "
                      f"in the text but '{by_title.num}' in the table of contents; numbered as "
                      "the table of contents says", index)
            return Found(by_title.num, title)
        if m.group("dot") or not rec.heading_like(title):
            return None
        deeper = len(rec.path(num)) > self.toc_depth
        if (not self.numbered_toc or deeper) and rec.follows(self.path, rec.path(num)):
            return Found(num, title)
        return None

    def open_numbered(self, index: int, found: Found) -> int:
        assert found.num is not None
        number = rec.path(found.num)
        self.pop_while(lambda node: node.role not in _STOPS
                       and not (node.path and len(node.path) < len(number)))
        role = "numbered"
        heading = found.heading or ""
        if (g := rec.genre(heading, self.kind)) is not None and g.role == rec.PROPOSALS:
            role = "proposals"
        self.push(Open(role, self.line(index), found.num, found.heading, path=number,
                       last=self.line(index + found.used - 1)))
        self.path = number
        if rec.LAW_HEADING.match(heading):
            return found.used + self.law(index + found.used)
        return found.used

    def continued(self, index: int, title: str) -> tuple[str, int]:
        """The heading at *index* with the lines that continue it to the *title* the table of
        contents gives (a print wraps long headings); and the lines it took."""
        m = rec.numbered(self.text_of(index))
        text = m.group("title") if m and not self.text_of(index).startswith("Bilaga") \
            and _key(title).startswith(_key(m.group("title"))) else self.text_of(index)
        used, target = 1, _key(title)
        following = index + 1
        while _key(text) != target:
            while following < len(self.lines) and not self.lines[following].text:
                following += 1
            if following >= len(self.lines):
                break
            joined = join_wrapped(text, self.lines[following].text)
            if not target.startswith(_key(joined)):
                break
            text, used, following = joined, following - index + 1, following + 1
        return text, used

    # -- reservations and special opinions -------------------------------------------------

    def authored(self, index: int) -> Found | None:
        group = self.inside("reservations", "opinions")
        if group is None:
            return None
        text = self.text_of(index)
        role = "reservation" if group.role == "reservations" else "opinion"
        m = rec.RESERVATION.match(text)
        if m:
            return Found(m.group("num") + ".", m.group("title"), role=role)
        if role == "opinion" and (t := rec.OPINION_TITLE.match(text)) and rec.heading_like(text):
            return Found(None, t.group("title"), role=role)
        return None

    def open_authored(self, index: int, found: Found) -> None:
        group = self.inside("reservations", "opinions")
        self.pop_while(lambda node: node is not group)
        self.push(Open(found.role, self.line(index), found.num, found.heading, last=self.line(index)))

    def by_line(self, index: int) -> re.Match[str] | None:
        text = self.text_of(index)
        return rec.BY_LINE.match(text) or rec.SPEAKS.match(text)

    def by(self, index: int, found: re.Match[str]) -> None:
        """``av Name (SD), … och Name (SD).``, ``Name (V) anför:``: the part's authors."""
        node = self.top
        if found.re is rec.SPEAKS:
            node.people.append(Person(found.group("name"), found.group("party")))
        else:
            node.people.extend(rec.listed_people(self.text_of(index)))
        node.flow.text(self.lines[index])
        node.touch(self.line(index))

    # -- proposals -------------------------------------------------------------------------

    def proposal(self, index: int) -> Found | None:
        text = self.text_of(index)
        m = rec.PROPOSAL.match(text)
        if m is not None:
            body = m.group("text")
            heading = body if rec.heading_like(body) and not rec.DECISION.match(body) else None
            return Found(m.group("num") + ("." if text[len(m.group("num")):][:1] == "." else ""),
                         heading, role="" if heading else body)
        decision = text.startswith("Riksdagen ")
        if self.state == PROPOSAL:  # a lone decision after another: a proposal of its own
            top = self.top
            return Found(None, None, role=text) if decision and top.num is None \
                and top.heading is None and not top.fresh else None
        if rec.DECISION.match(text) and not text.startswith("Regeringen föreslår"):
            return Found(None, None, role=text)
        following = self.next_index(index)
        if rec.heading_like(text) and following is not None \
                and rec.DECISION.match(self.text_of(following)):
            return Found(None, text)
        return None

    def open_proposal(self, index: int, found: Found) -> None:
        proposals = self.inside("proposals")
        self.pop_while(lambda node: node is not proposals)
        node = self.push(Open("proposal", self.line(index), found.num, found.heading,
                              last=self.line(index)))
        if found.role:  # the proposal's text on the same line as its number
            node.flow.text(Line(self.line(index), found.role))
            node.touch(self.line(index))

    # -- ordinary headings and proposed laws -----------------------------------------------

    def heading(self, index: int) -> bool:
        text = self.text_of(index)
        if self.state == PROPOSAL and self.kind is not Kind.MOTION:
            return False
        if text == self.title and self.next_index(index) is not None:
            return True  # a print repeats the title above the text
        if rec.DECISION.match(text) or rec.DEPARTMENT_LINE.fullmatch(text) or rec.people_row(text) \
                or (rec.person(text) and _key(text) not in self.titles):
            return False
        hint = self.hints.get(self.line(index))
        if hint == "text":
            return False  # the markup says it is body text
        if hint == "heading" and not _FINISHED.search(text) and not text.endswith(",") \
                and len(text) <= rec.HEADING_MAX and self.next_index(index) is not None:
            return True  # the markup says it is a heading
        if not rec.heading_like(text):
            return False
        return self.stands_alone(index)

    def stands_alone(self, index: int) -> bool:
        """Is the heading-like line at *index* set apart as a heading: not the rest of a
        paragraph above it, not the first line of one below it, not above a table or list?"""
        open_lines = self.top.flow.lines
        if open_lines and open_lines[-1].number == self.line(index) - 1 \
                and not _FINISHED.search(open_lines[-1].text):
            return False  # the rest of a paragraph a line or page broke
        following = self.next_index(index)
        if following is None:
            return False
        after = self.text_of(following)
        if after[:1].islower() or rec.LIST_ITEM.match(after):
            return False  # the first line of a wrapped paragraph, or one introducing a list
        return "\t" not in after and not rec.PLACE_DATE.match(after) \
            and not (rec.heading_like(after) and self.next_index(following) is None)

    def open_ordinary(self, index: int, found: object) -> int:
        text = self.text_of(index)
        listed = _key(text) in self.titles and not rec.LAW_HEADING.match(text)
        top = self.top
        if listed:
            self.pop_while(lambda node: node.role not in _STOPS | {"top", "reservations", "opinions"}
                           and not node.path)
        elif not (top.fresh and top.role in _HEADINGS):
            self.pop_while(lambda node: node.role in ("leaf", "proposal")
                           or (node.role == "proposals" and not node.path))
            if self.top.role == "ordinary":
                self.pop()
        self.push(Open("topic" if listed else "ordinary", self.line(index), heading=text,
                       last=self.line(index)))
        if rec.LAW_HEADING.match(text):
            return 1 + self.law(index + 1)
        return 1

    def law(self, start: int) -> int:
        """The proposed law below the heading just opened: its lines up to the next part,
        read with the statute grammar; the number of lines it took."""
        end = start
        while end < len(self.lines):
            text = self.lines[end].text
            if text and end > start and (self.annex(end) or self.genre(end) or self.numbered(end)
                                         or self.place_date(end)
                                         or (rec.LAW_HEADING.match(text) and rec.heading_like(text))):
                break
            end += 1
        blocks, warnings = read_law(list(self.lines[start:end]))
        for block in blocks:
            self.top.add(block)
        self.warnings.extend(warnings)
        if not any(isinstance(b, Division) for b in blocks):
            self.warn("law-without-text", "a proposed law's heading without its text (the "
                      "print may give it only as a picture)", start - 1)
        return end - start

    # -- running text ----------------------------------------------------------------------

    def row(self, index: int) -> bool:
        return "\t" in self.text_of(index)

    def item(self, index: int) -> re.Match[str] | None:
        return rec.LIST_ITEM.match(self.text_of(index))

    def text(self, index: int) -> bool:
        return True

    def leave_signatures(self) -> None:
        """Running text after a signature block is not part of it."""
        if self.top.role == "signatures":
            self.pop()

    def add_row(self, index: int, found: object) -> None:
        self.leave_signatures()
        self.top.flow.row(self.lines[index])
        self.top.touch(self.line(index))

    def add_item(self, index: int, found: re.Match[str]) -> None:
        self.leave_signatures()
        marker = found.group("marker")
        self.top.flow.item(self.lines[index], marker, marker[0].isalnum())
        self.top.touch(self.line(index))

    def add_text(self, index: int, found: object) -> None:
        self.leave_signatures()
        self.top.flow.text(self.lines[index])
        self.top.touch(self.line(index))


_FINISHED = re.compile(r"[.!?:;)”\"’»]$")


def _key(text: str) -> str:
    """Text compared without case, punctuation and spacing."""
    return re.sub(r"\W+", " ", text).strip().lower()
