"""The grammar of a paper's body: one transition table, and the reader that runs it.

The reader goes through the body's normalised lines once.  For each line it
takes the first rule of `RULES` whose state includes the current one and whose
recogniser (a method of `Reader`, or of `riksdoc.parl.headings.HeadingRules` for
headed parts; they read `riksdoc.parl.lines`) accepts the line, and runs the
rule's constructor, which opens, fills or closes parts.  A
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
from dataclasses import dataclass

from ..model import Block, Kind, Message, Paragraph, Person, Span, SwedishDate
from ..normalise import Line
from ..parse.body import inlines
from ..vocabulary import MONTHS
from . import lines as rec
from .build import Open
from .headings import HeadingRules
from .state import ANY, AUTHORED, PROPOSAL, PROPOSALS, SIGNATURES, TEXTUAL, Found


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


class Reader(HeadingRules):
    """Runs `RULES` over a paper's body; the recognisers and constructors are its methods
    (those of headed parts in `HeadingRules`)."""

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
                or rec.signers_row(text) or rec.person(text) or rec.PLACE_DATE.match(text))

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

    # -- running text ----------------------------------------------------------------------

    def row(self, index: int) -> bool:
        return "\t" in self.text_of(index)

    def item(self, index: int) -> re.Match[str] | None:
        return rec.LIST_ITEM.match(self.text_of(index))

    def text(self, index: int) -> bool:
        return True

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


FINISHED = re.compile(r"[.!?:;)”\"’»]$")

