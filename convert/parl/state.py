"""The reader's state: the body's lines, the stack of open parts, and small helpers.

`ReaderState` holds what the reader of `riksdoc.parl.grammar` knows at each line —
the lines, the table of contents, the markup's hints, the open parts and the
numbering so far — and the helpers its rules share.  The rules themselves are
`riksdoc.parl.headings` (headed parts) and `riksdoc.parl.grammar` (the rest, and the
table that orders them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Kind, Message, SwedishDate
from ..normalise import Line
from . import lines as rec
from .build import Open, hard_wrapped, line_width
from .contents import Entry

TEXT, PROPOSALS, PROPOSAL, SIGNATURES, GROUP, AUTHORED = (
    "text", "proposals", "proposal", "signatures", "group", "authored")
ANY = frozenset({TEXT, PROPOSALS, PROPOSAL, SIGNATURES, GROUP, AUTHORED})
TEXTUAL = frozenset({TEXT, GROUP, AUTHORED})


HEADED_ROLES = frozenset({"top", "sub", "proposals", "reservations", "opinions", "protocol", "topic",
                       "numbered", "ordinary", "annex"})
"""Roles of parts that are headed (a heading right after one of them is its child)."""
STOPS = frozenset({"root", "annex"})
"""Parts a heading at the top of the body (or of an annex) does not close."""


@dataclass(frozen=True)
class Found:
    """What a recogniser found: a part's number and heading, and the lines it took."""

    num: str | None
    heading: str | None
    used: int = 1
    role: str = ""


FINISHED = re.compile(r"[.!?:;)”\"’»]$")
"""How a line that finishes a paragraph (or a sentence) ends."""


class ReaderState:
    """The lines, the open parts and the helpers the rules share."""

    def __init__(self, lines: tuple[Line, ...], kind: Kind, contents: tuple[Entry, ...],
                 title: str | None = None, printed: bool = False,
                 hints: dict[int, str] | None = None) -> None:
        self.lines = lines
        self.title = title
        self.hints = hints or {}
        """What markup says of a line (by input line number): ``heading`` or ``text``."""
        self.wrapped = printed or hard_wrapped(lines)
        """Whether a paragraph may go on on the next line (a print's, or hard-wrapped text)."""
        self.width = line_width(lines) if self.wrapped else 0
        """A hard-wrapped text's full line."""
        self.kind = kind
        self.stack: list[Open] = [Open("root", lines[0].number if lines else 1)]
        self.stack[0].flow.wrapped, self.stack[0].flow.width = self.wrapped, self.width
        self.warnings: list[Message] = []
        self.path: tuple[int, ...] = ()
        self.dated: tuple[str, SwedishDate, str] | None = None
        self.numbered_toc = {e.num: e for e in contents if e.num and e.num[0].isdigit()
                             and kind is not Kind.REPORT}
        self.titles = {key(e.title): e for e in contents if e.title}
        self.annexes: dict[str, Entry] = {}
        """Annexes the contents list, by their title's key and (past 8 characters) by the key
        of each of its starts a wrapped title's first line may be."""
        for entry in (e for e in contents if e.num and e.num.startswith("Bilaga")):
            title = key(entry.title)
            self.annexes.setdefault(title, entry)
            words = title.split(" ")
            for n in range(1, len(words)):
                start = " ".join(words[:n])
                if len(start) > 8:
                    self.annexes.setdefault(start, entry)
        self.toc_depth = max((len(rec.path(n)) for n in self.numbered_toc), default=0)

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
        node.flow.wrapped, node.flow.width = self.wrapped, self.width
        self.stack.append(node)
        return node

    def inside(self, *roles: str) -> Open | None:
        """The innermost open part with one of *roles*, or None."""
        return next((node for node in reversed(self.stack) if node.role in roles), None)

    def warn(self, code: str, text: str, index: int) -> None:
        self.warnings.append(Message(code, text, self.lines[index].number))

    def line(self, index: int) -> int:
        return self.lines[index].number

    def leave_signatures(self) -> None:
        """Running text after a signature block is not part of it."""
        if self.top.role == "signatures":
            self.pop()


def key(text: str) -> str:
    """Text compared without case, punctuation and spacing."""
    return re.sub(r"\W+", " ", text).strip().lower()
