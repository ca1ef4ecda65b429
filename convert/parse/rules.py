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
(``… av Krister``, ``… och``, ``den``) is read together with the next line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from ..grammar import DATE, NUMBER, ROLE
from ..model import Kind, Person, QuestionRef, SwedishDate
from ..vocabulary import MONTHS
from .body import continues
from .lines import LineClass, Reading, classify, is_prose, short_line
from .parts import Group, pair, read_addressee, read_groups, read_people


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

MOST_PARTS = 4
"""The most lines one header line is read from when the export split it."""

_INCOMPLETE = re.compile(r"(?:,|\s(?:och|samt|eller|av|om|till|i|på|för|med|mellan|från|vid|"
                         r"under|efter|inom|mot|utan|en|ett|den|det|de|att))$"
                         r"|^(?:den(?:\s\d+)?|av|till|om)$")
"""A line that stops where its construct cannot (a title never ends ``… i``)."""
_STARTS_CONSTRUCT = re.compile(r"(?:av|till)$")
"""A line starting a questioner or addressee line of its own, never a wrapped rest."""
_CONTINUES = re.compile(rf"^(?:(?:och|samt)\s+|,\s*)?(?:fråga\w*\s+|interpellation\w*\s+)?{NUMBER}")
_DATE = re.compile(rf"(?:den\s+)?{DATE}", re.IGNORECASE)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


@dataclass
class Segment:
    """The text of one document or number line (with its continuations), and the
    title lines that follow it."""

    text: str
    """Numbers, questioners and titles as the line(s) write them."""
    line: int
    """Input line where it starts."""
    titles: list[str] = field(default_factory=list)
    """Titles on lines of their own, in order, for the questions that lack one."""


@dataclass
class Draft:
    """A question as the header has told of it so far."""

    session: str
    number: int
    as_written: str
    questioner: Person | None = None
    title: str | None = None


@dataclass
class Top:
    """What letterhead and header said; built by `read_top`."""

    kind: Kind | None = None
    """The kind the opening words announce (the decision table may change it)."""
    opening: str | None = None
    """The opening words as written (``Svar på frågorna``, ``Meddelande om …``)."""
    start: int | None = None
    """Index of the document line (None: no header)."""
    end: int = 0
    """Index of the first body line."""
    segments: list[Segment] = field(default_factory=list)
    letterhead: list[tuple[int, ...]] = field(default_factory=list)
    """The lines kept as the preamble: each the indexes of one line (a split line's
    parts together), in order."""
    by: list[tuple[list[Person], str | None, Person | None]] = field(default_factory=list)
    """Each questioner line's people, title and ``till … om`` addressee, in order."""
    addressee: Person | None = None
    minister: Person | None = None
    date_at: list[int] = field(default_factory=list)
    """Indexes of the date line's lines (``den`` / ``7 april``)."""
    to_riksdag: bool = False
    """A ``Till riksdagen`` line in letterhead or header."""
    form: bool = False
    """The header is the Riksdag's printed form."""
    form_fields: dict[str, str] = field(default_factory=dict)
    quoted_at: int | None = None
    """Index of the first prose line before any document line."""
    warnings: list[tuple[str, str, int | None]] = field(default_factory=list)

    def questions(self) -> list[Draft]:
        """The questions, from the segments, then the questioner lines' people and titles."""
        drafts: list[Draft] = []
        for segment in self.segments:
            own: list[Draft] = []
            for group in read_groups(segment.text):
                own += _drafts(group)
            for title in segment.titles:
                lacking = [d for d in own if d.title is None]
                if lacking:
                    lacking[0].title = title
            drafts += own
        for people, said, _ in self.by:
            lacking = [d for d in drafts if d.questioner is None]
            for draft, person in zip(lacking, pair_people(lacking, people), strict=True):
                draft.questioner = person
            untitled = [d for d in drafts if d.title is None]
            if said and untitled:
                untitled[0].title = said
        return drafts


def _drafts(group: Group) -> list[Draft]:
    drafts = [Draft(n.session, n.number, n.as_written, person)
              for n, person in zip(group.numbers, pair(group.numbers, group.people),
                                   strict=True)]
    if drafts and group.title:
        drafts[0].title = group.title
    return drafts


def pair_people(drafts: list[Draft], people: list[Person]) -> list[Person | None]:
    """Who asked each of *drafts*: one person for all, one each, else nobody."""
    if len(people) == 1:
        return [people[0]] * len(drafts)
    if len(people) == len(drafts):
        return list(people)
    return [None] * len(drafts)


def to_questions(drafts: list[Draft]) -> tuple[QuestionRef, ...]:
    """The drafts as the model's questions."""
    return tuple(QuestionRef(d.session, d.number, d.as_written, d.questioner, d.title)
                 for d in drafts)


class _Reader:
    """Applies `RULES` to the lines' readings; the actions are its methods."""

    def __init__(self, texts: list[str], numbers: list[int]) -> None:
        self.texts = texts
        self.numbers = numbers
        self.readings = [classify(t) for t in texts]
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
        joined, used = self.joined(index, reading)
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

    def joined(self, index: int, reading: Reading) -> tuple[Reading, int]:
        """*reading*, or it read together with the lines after it where it stops
        mid-construct and they make the construct whole (``av Krister`` / ``Örnfjäder (S)``,
        ``den`` / ``7 april``, ``Statsrådet`` / a name, ``… och`` / more), or where the
        next line is its wrapped rest (``… (M) Vägar`` / ``i Norrland``)."""
        used = 1
        for _ in range(MOST_PARTS - 1):
            found = self.join_next(index + used - 1, reading)
            if found is None:
                break
            reading, following = found
            used = following - index + 1
        return reading, used

    def join_next(self, last: int, reading: Reading) -> tuple[Reading, int] | None:
        """*reading* (ending at index *last*) together with the next line, if they belong
        together; with the index of that line."""
        following = self.next_line(last)
        if following is None:
            return None
        after = self.readings[following]
        if following == last + 1 and _wrapped(reading, after) and \
                not self.split_questioner(following):
            together = classify(f"{reading.text} {after.text}")
            if together.cls in (reading.cls, *HEADER_CLASSES, *_FRAGMENTS):
                return together, following
        wanted = _wanted(reading)
        if not wanted:
            return None
        if reading.cls is LineClass.ROLE and (after.cls is not LineClass.NAME or
                                              len((after.get("name") or "").split()) < 2):
            return None  # a title alone (letterhead); a full name next completes it
        if reading.cls in (*_FRAGMENTS, LineClass.FORM_BOX) and after.cls in HEADER_CLASSES and \
                not _INCOMPLETE.search(reading.text):
            return None  # the next line is whole on its own
        together = classify(f"{reading.text} {after.text}")
        if together.cls not in wanted or not _finished(reading, together) or (
                together.cls is LineClass.BY and not read_people(together.text[3:])[0]):
            return None
        return together, following

    def split_questioner(self, index: int) -> bool:
        """Is line *index* the first part of a questioner line split in two (``av Krister``
        / ``Örnfjäder (S)``), rather than a title's wrapped ``av Inlandsbanan``?"""
        reading = self.readings[index]
        following = self.next_line(index)
        if reading.cls is not LineClass.BY or following is None:
            return False
        return bool(read_people(f"{reading.text[3:]} {self.texts[following]}")[0])

    def next_line(self, index: int) -> int | None:
        for following in range(index + 1, len(self.texts)):
            if self.texts[following]:
                return following
        return None

    def line(self, index: int) -> int:
        return self.numbers[index]

    def warn(self, code: str, text: str, index: int | None) -> None:
        self.top.warnings.append((code, text, None if index is None else self.line(index)))

    # -- actions ---------------------------------------------------------------------

    def open_document(self, index: int, reading: Reading, used: int) -> bool:
        if self.top.quoted_at is not None:
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
        if new and new <= old and self.top.start is not None:
            self.top.letterhead.append((self.top.start,))
            self.top.start = index
            self.top.segments = [Segment(rest, self.line(index))]
            self.top.opening = reading.get("opening")
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
            segments[-1].text = f"{segments[-1].text} {reading.text}".strip()
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
            following = self.next_line(index)
            if following is None:
                return False
            value, used = self.texts[following], following - index + 1
        self.top.form_fields[name or ""] = value
        if name == "number":
            self.number_line(index, classify(value), used)
        return self.keep(index, used)

    def __getattr__(self, name: str) -> object:  # pragma: no cover - a typo in RULES
        raise AttributeError(f"RULES names an action the reader does not have: {name}")


HEADER_CLASSES = (LineClass.DOCUMENT, LineClass.FORM_TITLE, LineClass.NUMBER, LineClass.BY,
                  LineClass.TO, LineClass.MINISTER, LineClass.DATE, LineClass.PLACE_DATE)
"""What a split line can turn out to be, read together with the next line."""

_FRAGMENTS = (LineClass.SHORT, LineClass.NAME, LineClass.ROLE, LineClass.BODY)


def _wanted(reading: Reading) -> tuple[LineClass, ...]:
    """What *reading* becomes when it is only the first part of a split line, if it can be
    one: a fragment (``Svar på`` / ``fråga 2017/18:1 …``, ``den`` / ``7 april``,
    ``Statsrådet`` / a name) or a header line that stops mid-construct (``… av Krister`` /
    ``Örnfjäder (S)``, ``… polis och`` / ``militär``)."""
    cls, text = reading.cls, reading.text
    if cls is LineClass.ROLE:
        return (LineClass.MINISTER,)
    if cls in (LineClass.TO, LineClass.MINISTER) and not reading.get("party") and \
            len(_name_of(reading).split()) < 2:
        return (cls,)  # "till Närings- och innovationsminister Morgan" / "Ström (S)"
    if cls is LineClass.BY and (not read_people(text[3:].strip())[0]
                                or _unfinished_questioner(reading)):
        return (LineClass.BY,)
    incomplete = bool(_INCOMPLETE.search(text)) or _unfinished_questioner(reading)
    if cls in _FRAGMENTS or (cls is LineClass.FORM_BOX and reading.get("value") is None):
        wanted: tuple[LineClass, ...] = ()
        if len(text.split()) <= 6:
            wanted += HEADER_CLASSES + (LineClass.DEPARTMENT, LineClass.ROLE)
        if incomplete:
            wanted += HEADER_CLASSES + (LineClass.SHORT, LineClass.NAME, LineClass.BODY)
        return wanted
    if not incomplete or _opening_alone(reading):
        return ()
    if cls in (LineClass.DOCUMENT, LineClass.NUMBER, LineClass.BY):
        return (cls,)
    return ()


def _wrapped(reading: Reading, after: Reading) -> bool:
    """Is *after* the rest of *reading*, wrapped onto the next line?  It goes on in lower
    case where *reading* has not ended a sentence, and is no header line of its own
    (``av …`` and ``till …`` lines start in lower case too)."""
    if reading.cls not in (LineClass.DOCUMENT, LineClass.NUMBER, LineClass.BY, *_FRAGMENTS):
        return False
    if _opening_alone(reading):
        return False
    if after.cls is LineClass.BY and not read_people(after.text[3:])[0]:
        # "… (M) Upprustning" / "av Inlandsbanan": the title goes on (the caller has made
        # sure this is not "av Krister" / "Örnfjäder (S)")
        return (_has_people(reading) or bool(_tail(reading))) and \
            continues(reading.text, after.text)
    return after.cls in _FRAGMENTS and after.text[:1].islower() and \
        not _STARTS_CONSTRUCT.match(after.text) and continues(reading.text, after.text)


def _has_people(reading: Reading) -> bool:
    """Does a questioner, document or number line already say who asked (last group)?"""
    rest = reading.get("rest") or ""
    if reading.cls is LineClass.BY:
        return bool(read_people(rest)[0])
    if reading.cls in (LineClass.DOCUMENT, LineClass.NUMBER):
        groups = read_groups(rest)
        return bool(groups) and bool(groups[-1].people)
    return False


def _name_of(reading: Reading) -> str:
    """The name on an addressee or minister line."""
    if reading.cls is LineClass.TO:
        found = read_addressee(reading.get("addressee") or "")
        return found.name if found else ""
    return reading.get("name") or ""


def _opening_alone(reading: Reading) -> bool:
    """``Svar på fråga``, ``Fråga``, ``Interpellation`` alone: the older layouts, whose
    numbers follow on lines of their own (a notice's opening may go on: ``Meddelande om`` /
    ``försenat svar …``)."""
    return reading.cls is LineClass.DOCUMENT and reading.get("rest") is None and \
        reading.get("kind") != Kind.NOTICE.value


_TO_OPEN = re.compile(rf"till\s+(?:{ROLE})(?:\s+[A-ZÅÄÖ][\w-]*)*")
"""``till närings- och innovationsminister [Morgan]``: an addressee still waiting for
its name or its ``om …``."""


def _tail(reading: Reading) -> str | None:
    """What follows the numbers and people of a document, number or questioner line."""
    rest = reading.get("rest")
    if not rest:
        return None
    if reading.cls is LineClass.BY:
        people, tail = read_people(rest)
        return tail if people else None
    if reading.cls in (LineClass.DOCUMENT, LineClass.NUMBER):
        groups = read_groups(rest)
        if groups and groups[-1].addressee is None:
            return groups[-1].title or ""
    return None


def _unfinished_questioner(reading: Reading) -> bool:
    """A document, number or questioner line that stops inside ``av Namn (M)`` (``… av
    Anna``) or inside ``till … om …`` (``… till närings- och innovationsminister``)."""
    tail = _tail(reading)
    if tail is None:
        return False
    return (reading.cls is not LineClass.BY and tail.startswith("av ")) or \
        bool(_TO_OPEN.fullmatch(tail))


def _finished(reading: Reading, together: Reading) -> bool:
    """Does *together* finish the ``till … om …`` that *reading* left open?  (A line that
    only names the minister asked is complete; the next line must not be swallowed.)"""
    tail = _tail(reading)
    if tail is None or not _TO_OPEN.fullmatch(tail):
        return True
    if together.cls in (LineClass.DOCUMENT, LineClass.NUMBER):
        groups = read_groups(together.get("rest") or "")
        return bool(groups) and groups[-1].addressee is not None
    after = _tail(together) or ""
    m = re.fullmatch(r"till\s+(?P<to>.+?)\s+om\s+.+", after)
    return m is not None and read_addressee(m.group("to")) is not None


def read_top(texts: list[str], numbers: list[int]) -> Top:
    """Apply the grammar to a document's lines (*texts*, their input line *numbers*)."""
    top = _Reader(texts, numbers).run()
    _form_fields(top)
    for segment in top.segments:  # "av Namn (v) till utrikesminister X om …" on the document line
        for group in read_groups(segment.text):
            if group.addressee is not None and top.addressee is None:
                top.addressee = group.addressee
    return top


def _form_fields(top: Top) -> None:
    """The printed form's boxes as the header's fields."""
    fields = top.form_fields
    if not top.form:
        return
    if "questioner" in fields:
        person, _ = read_people(f"{fields['questioner']} ({fields['party']})") \
            if "party" in fields else ([Person(fields["questioner"])], "")
        top.by.append((person or [Person(fields["questioner"])], fields.get("title"), None))
    elif "title" in fields:
        top.by.append(([], fields["title"], None))
    if "addressee" in fields and top.addressee is None:
        top.addressee = read_addressee(fields["addressee"]) or Person(fields["addressee"])


def form_date(value: str) -> SwedishDate | None:
    """A form's date box: ``1 mars 2003``, ``den 1 mars 2003`` or ``2003-03-01``."""
    m = _DATE.fullmatch(value.strip())
    try:
        if m:
            year = m.group("year")
            return SwedishDate(int(m.group("day")), MONTHS.index(m.group("month").lower()) + 1,
                               int(year) if year else None)
        iso = _ISO.fullmatch(value.strip())
        if iso:
            return SwedishDate(int(iso.group("day")), int(iso.group("month")),
                               int(iso.group("year")))
    except ValueError:
        return None
    return None
