"""The grammar of a document's top: (state, line class) → (action, next state).

`RULES` is the whole grammar of letterhead and header; `Top` applies it to the
classified lines (`riksdoc.parse.lines`), one line at a time.  A pair that is
not in the table ends the header: that line is the first line of the body.

===========  ===========  ===================================================  ==========
state        line class   action                                               next state
===========  ===========  ===================================================  ==========
LETTERHEAD   DOCUMENT     open the header (the opening words say the kind)     HEADER
LETTERHEAD   FORM_TITLE   open the printed form                                FORM
LETTERHEAD   DATE         the document's date (older layout: ``den 14 sep``)   LETTERHEAD
LETTERHEAD   SPEECH       a debate record with no document line                BODY
LETTERHEAD   TO_RIKSDAG   addressed to the Riksdag (kept; a notice's sign)     LETTERHEAD
LETTERHEAD   (prose)      running text: a document line after it is quoted     LETTERHEAD
LETTERHEAD   (other)      a letterhead line, kept (department, Dnr, title …)   LETTERHEAD
HEADER       DOCUMENT     the same number again: the first was a reference     HEADER
                          line; another number: one more question (joint)
HEADER       NUMBER       one more question (older layout ``2010/11:680 T``)   HEADER
HEADER       BY           who asked (``av Namn (M)`` [title | till … om …])    HEADER
HEADER       TO           the minister asked (``till Statsrådet …``)           HEADER
HEADER       TO_RIKSDAG   addressed to the Riksdag (kept; a notice's sign)     HEADER
HEADER       MINISTER     the minister line (older layout)                     HEADER
HEADER       ROLE         a minister's title, the name on the next line        HEADER
HEADER       DATE         the document's date                                  HEADER
HEADER       SHORT, NAME  a title, while a question lacks one; a line going    HEADER
             (BODY)       on with ``och fråga 2018/19:103 …`` continues it
FORM         FORM_BOX     a box of the form (number, questioner, party …)      FORM
FORM         NUMBER       the number, unlabelled (kept as written)             FORM
===========  ===========  ===================================================  ==========

Splitting is tolerated everywhere: a line that stops where its construct cannot
(``… av Krister``, ``… och``, ``den``) is read together with the next line
(`riksdoc.parse.splits`).  What the rules find is collected in a `Top`
(`riksdoc.parse.top`).
"""

from __future__ import annotations

import re
from enum import Enum

from ..grammar import NUMBER
from ..model import Kind, Person
from .lines import LineClass, Reading, classify, is_prose, short_line
from .parts import read_addressee, read_groups, read_people
from .splits import Lines
from .top import Segment, Top, fill_from_form


class State(Enum):
    """Where the reader is in a document's top."""

    LETTERHEAD = "letterhead"
    HEADER = "header"
    FORM = "form"
    BODY = "body"


S, C = State, LineClass
RULES: dict[tuple[State, LineClass], tuple[str, State]] = {
    (S.LETTERHEAD, C.DOCUMENT): ("open_document", S.HEADER),
    (S.LETTERHEAD, C.FORM_TITLE): ("open_form", S.FORM),
    (S.LETTERHEAD, C.DATE): ("date", S.LETTERHEAD),
    (S.LETTERHEAD, C.SPEECH): ("debate_without_header", S.BODY),
    (S.LETTERHEAD, C.TO_RIKSDAG): ("to_riksdag", S.LETTERHEAD),
    (S.HEADER, C.DOCUMENT): ("another_document_line", S.HEADER),
    (S.HEADER, C.NUMBER): ("number_line", S.HEADER),
    (S.HEADER, C.BY): ("questioners", S.HEADER),
    (S.HEADER, C.TO): ("addressee", S.HEADER),
    (S.HEADER, C.TO_RIKSDAG): ("to_riksdag", S.HEADER),
    (S.HEADER, C.MINISTER): ("minister", S.HEADER),
    (S.HEADER, C.ROLE): ("minister", S.HEADER),
    (S.HEADER, C.DATE): ("date", S.HEADER),
    (S.HEADER, C.SHORT): ("title", S.HEADER),
    (S.HEADER, C.NAME): ("title", S.HEADER),
    (S.HEADER, C.BODY): ("title", S.HEADER),
    (S.FORM, C.FORM_BOX): ("box", S.FORM),
    (S.FORM, C.NUMBER): ("box", S.FORM),
}
"""The grammar of letterhead and header (see the module docstring)."""

LOOK_AHEAD = 40
"""Non-empty lines searched for a document line before a text is called generic."""

_CONTINUES = re.compile(rf"^(?:(?:och|samt)\s+|,\s*)?(?:fråga\w*\s+|interpellation\w*\s+)?{NUMBER}")
"""A line going on with more questions (``och fråga 2018/19:103 …``)."""
_NEXT_QUESTION = re.compile(rf"(?:fråga\w*|interpellation\w*)\s+{NUMBER}")
"""A line naming the next question without ``och`` or a comma before it."""


class _Reader:
    """Applies `RULES` to the lines' readings; the actions are its methods."""

    def __init__(self, texts: list[str], numbers: list[int]) -> None:
        self.lines = Lines(texts)
        self.texts, self.readings = texts, self.lines.readings
        self.numbers = numbers
        self.top = Top()
        self.state = State.LETTERHEAD

    def run(self) -> Top:
        index, seen = 0, 0
        while index < len(self.texts) and self.state is not State.BODY:
            reading = self.readings[index]
            if reading.cls is LineClass.EMPTY:
                index += 1
                continue
            seen += 1
            if self.state is State.LETTERHEAD and seen > LOOK_AHEAD:
                break
            used = self.step(index, reading)
            if used == 0:  # the header has ended: this line is the body's first
                self.state = State.BODY
                break
            index += used
        if self.top.start is None:
            self.top.letterhead = []
            self.top.end = 0
        else:
            self.top.end = index
        return self.top

    def step(self, index: int, reading: Reading) -> int:
        """Apply the rule for this line; the number of lines used (0: header ended)."""
        joined, used = self.lines.joined(index, reading)
        rule = RULES.get((self.state, joined.cls))
        if rule is None:
            return self.unruled(index, joined, used)
        action, following = rule
        if not getattr(self, action)(index, joined, used):
            return self.unruled(index, joined, used)
        self.state = following
        return used

    def unruled(self, index: int, reading: Reading, used: int) -> int:
        if self.state is not State.LETTERHEAD:
            return 0
        if is_prose(reading) and self.top.quoted_at is None:
            self.top.quoted_at = index
        self.keep(index, used)
        return used

    def line(self, index: int) -> int:
        return self.numbers[index]

    def warn(self, code: str, text: str, index: int | None) -> None:
        self.top.warnings.append((code, text, None if index is None else self.line(index)))

    # -- actions ---------------------------------------------------------------------

    def open_document(self, index: int, reading: Reading, used: int) -> bool:
        # A protocol's "§ 5 Svar på interpellation …" follows other items' running text;
        # any other document line after running text is quoted matter.
        if self.top.quoted_at is not None and reading.get("kind") != Kind.DEBATE.value:
            self.warn("quoted-document", f"'{reading.text}' follows running text: read as "
                      "quoted matter, not as this document's own line", index)
            return False
        top = self.top
        top.kind, top.opening, top.start = Kind(reading.get("kind")), reading.get("opening"), index
        top.segments.append(Segment(reading.get("rest") or "", self.line(index)))
        return True

    def open_form(self, index: int, reading: Reading, used: int) -> bool:
        if not self.open_document(index, reading, used):
            return False
        self.top.form = True
        if reading.get("rest"):
            self.top.segments[-1].text = ""
            self.box(index, classify(reading.get("rest") or ""), used)
        return True

    def debate_without_header(self, index: int, reading: Reading, used: int) -> bool:
        self.top.kind, self.top.start = Kind.DEBATE, index
        self.warn("no-document-line", "a debate record with no 'Svar på interpellation' line",
                  index)
        return True

    def another_document_line(self, index: int, reading: Reading, used: int) -> bool:
        """The Riksdag's notice form names the interpellation twice (``Interpellation
        2018/19:12`` / ``Till riksdagen`` / ``Interpellation 2018/19:12 Titel``): the first is
        a reference line, kept; another number under the same opening is one more question."""
        rest = reading.get("rest") or ""
        new = {(n.session, n.number) for g in read_groups(rest) for n in g.numbers}
        old = {(d.session, d.number) for d in self.top.questions()}
        if self.top.start is not None and ((new and new <= old) or not old):
            # the same number again, or after a heading with none ("Svar på interpellationer")
            self.top.letterhead.append((self.top.start,))
            self.top.start = index
            self.top.segments = [Segment(rest, self.line(index))]
            self.top.opening = reading.get("opening")
            self.top.kind = Kind(reading.get("kind"))
            return True
        if new and Kind(reading.get("kind")) is self.top.kind:
            self.top.segments.append(Segment(rest, self.line(index)))
            return True
        return False

    def number_line(self, index: int, reading: Reading, used: int) -> bool:
        segments = self.top.segments
        if segments and not segments[-1].text:
            segments[-1].text = reading.get("rest") or ""
        else:
            segments.append(Segment(reading.get("rest") or "", self.line(index)))
        return True

    def questioners(self, index: int, reading: Reading, used: int) -> bool:
        people, after = read_people(reading.text[3:].strip())
        if not people:
            return False
        addressee, title = None, after or None
        m = re.fullmatch(r"till\s+(?P<to>.+?)\s+om\s+(?P<title>.+)", after)
        if m and (found := read_addressee(m.group("to"))) is not None:
            addressee, title = found, m.group("title")
            self.top.addressee = self.top.addressee or found
        self.top.by.append((people, title, addressee))
        if self.top.segments:
            self.top.segments[-1].settled = True
        return True

    def addressee(self, index: int, reading: Reading, used: int) -> bool:
        if self.top.addressee is not None:
            return False
        self.top.addressee = read_addressee(reading.get("addressee") or "")
        if reading.get("title"):  # "till utrikesminister … om palestiniernas situation"
            self.top.by.append(([], reading.get("title"), None))
        return self.top.addressee is not None

    def to_riksdag(self, index: int, reading: Reading, used: int) -> bool:
        self.top.to_riksdag = True
        return self.keep(index, used)

    def minister(self, index: int, reading: Reading, used: int) -> bool:
        if self.top.minister is not None or reading.cls is not LineClass.MINISTER:
            return False
        self.top.minister = Person(reading.get("name") or "", reading.get("party"),
                                   reading.get("role"))
        return True

    def date(self, index: int, reading: Reading, used: int) -> bool:
        if self.top.date_at:
            return self.state is State.LETTERHEAD and self.keep(index, used)
        self.top.date_at = [i for i in range(index, index + used) if self.texts[i]]
        return True

    def keep(self, index: int, used: int) -> bool:
        """Keep the line (with the next ones it was read with) as a letterhead line."""
        self.top.letterhead.append(tuple(i for i in range(index, index + used) if self.texts[i]))
        return True

    def title(self, index: int, reading: Reading, used: int) -> bool:
        """A title line while a question lacks its title, or a line going on with more
        questions (``Inrättandet … och fråga 2021/22:1568 av …``)."""
        segments = self.top.segments
        if not segments:
            return False
        if _CONTINUES.search(reading.text) or re.search(rf"(?:,\s*|\s+och\s+)(?:fråga\s+)?"
                                                        rf"{NUMBER}", reading.text):
            last = segments[-1]
            if (last.settled or last.titles) and (m := _CONTINUES.match(reading.text)):
                # after its title or questioner line: a question of its own
                segments.append(Segment(reading.text[m.start("session"):], self.line(index)))
                return True
            # "fråga 2018/19:673 …" opening a line goes on as ", fråga …" would
            joint = ", " if _NEXT_QUESTION.match(reading.text) else " "
            last.text = f"{last.text}{joint}{reading.text}".strip()
            return True
        drafts = self.top.questions()
        if not drafts or all(d.title is not None for d in drafts) or short_line(reading.text) is None:
            return False  # a title does not end like a sentence (a question mark may end it)
        segments[-1].titles.append(reading.text)
        return True

    def box(self, index: int, reading: Reading, used: int) -> bool:
        """A box of the printed form: its value fills a field; the line is kept as written."""
        if reading.cls is LineClass.NUMBER:
            self.keep(index, used)
            return self.number_line(index, reading, used)
        name, value = reading.get("field"), reading.get("value")
        if name == "text":
            return False  # the question itself: the body starts here, label and all
        if value is None:  # the label alone: the value is on the next line
            following = self.lines.next_line(index)
            if following is None:
                return False
            value, used = self.texts[following], following - index + 1
        self.top.form_fields[name or ""] = value
        if name == "number":
            self.number_line(index, classify(value), used)
        return self.keep(index, used)

    def __getattr__(self, name: str) -> object:  # pragma: no cover - a typo in RULES
        raise AttributeError(f"RULES names an action the reader does not have: {name}")


def read_top(texts: list[str], numbers: list[int]) -> Top:
    """Apply the grammar to a document's lines (*texts*, their input line *numbers*)."""
    top = _Reader(texts, numbers).run()
    fill_from_form(top)
    for segment in top.segments:  # "av Namn (v) till utrikesminister X om …" on the document line
        for group in read_groups(segment.text):
            if group.addressee is not None and top.addressee is None:
                top.addressee = group.addressee
    return top


