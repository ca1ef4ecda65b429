"""What letterhead and header said, as the grammar (`riksdoc.parse.rules`) reads it.

`Top` collects the header's parts in the order the lines give them: the
document or number lines (`Segment`: numbers, who asked and titles as written,
with the title lines that follow), the questioner lines, the addressee, the
minister line, the date, the letterhead lines kept.  `Top.questions` puts them
together into one `Draft` a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grammar import DATE
from ..model import Kind, Person, QuestionRef, SwedishDate
from ..vocabulary import MONTHS
from .parts import Group, pair, read_addressee, read_groups, read_people

_DATE = re.compile(rf"(?:den\s+)?{DATE}", re.IGNORECASE)
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")


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
    settled: bool = False
    """A title or questioner line has followed it: more questions start a new segment."""


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


def fill_from_form(top: Top) -> None:
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
