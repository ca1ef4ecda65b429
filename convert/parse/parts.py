"""The questions a header names: numbers, who asked, titles, in every combination.

A document line, after its opening words, is read as *groups*::

    header   := group (SEP group)*
    group    := numbers [" av " people] [" till " addressee " om " title | " om " title | title]
    numbers  := NUMBER (("," | " och ") (NUMBER | BARE))*
    people   := NAME PARTY (("," | " och ") NAME PARTY)*
    SEP      := ("," | " och " | " samt ") ["fråga" | "frågorna" | "interpellation"] before a NUMBER

so ``2022/23:410, 411 och 415 av Anna Berg (S)`` is one group of three numbers
asked by one member, and ``2018/19:666 av Å C (M) Färdplan Arlanda, fråga
2018/19:673 av Å C (M) Revidering …`` two groups with a title each.  A bare
number (``411``) takes the session of the number before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grammar import NAME, NUMBER, PARTY, ROLE, canonical_session
from ..model import Person

_WITH_SESSION = r"[0-9]{4}/(?:[0-9]{2}|[0-9]{4}):[0-9]+"
_SEP = re.compile(rf"(?:,\s*|\s+och\s+|\s+samt\s+)(?:(?:fråga|frågan|frågorna|interpellation"
                  rf"(?:en|erna)?)\s+)?(?={_WITH_SESSION})"
                  rf"|(?<=\))(?:,\s*|\s+och\s+)(?=[0-9]{{1,5}}\b)")
_BARE = re.compile(r"(?P<bare>[0-9]{1,5})\b")
_LENIENT_PERSON = re.compile(r"(?P<name>.+?)(?:\s+\((?P<party>[^()]+)\))?")
_LEADING_NUMBER = re.compile(NUMBER)
_MORE_NUMBERS = re.compile(rf"(?:,\s*|\s+och\s+)(?:(?P<full>{_WITH_SESSION})|(?P<bare>[0-9]{{1,5}}))\b")
_PERSON = re.compile(rf"(?P<name>{NAME})\s+{PARTY}")
_PEOPLE_SEP = re.compile(r",\s*|\s+och\s+")
_ADDRESSEE = re.compile(rf"(?P<role>(?:{ROLE})|[Ss]tatsråd(?:et)?)\s+(?P<name>{NAME})(?:\s+{PARTY})?")
_TO_ABOUT = re.compile(r"till\s+(?P<to>.+?)\s+om\s+(?P<title>.+)")


@dataclass(frozen=True)
class Number:
    """A question's number as a header writes it."""

    session: str
    """Canonical session (``2019/20``)."""
    number: int
    """The number within the session."""
    as_written: str
    """As written: ``2019/2020:1880``, or a bare ``411`` in a list."""


@dataclass
class Group:
    """Numbers that share who asked and what follows them."""

    numbers: list[Number]
    """The numbers, in order."""
    people: list[Person] = field(default_factory=list)
    """Who asked (``av …``), in order; empty where the group does not say."""
    title: str | None = None
    """The text after numbers and people, if any."""
    addressee: Person | None = None
    """The minister asked, where the group says ``till … om …``."""


def read_groups(text: str, titled: bool = True) -> list[Group]:
    """The groups of *text* (a header after its opening words, starting with a number);
    an empty list if it does not start with a number.

    With *titled* False (a document line as riksdoc writes it: no titles on it),
    whatever follows ``av`` is who asked, however the name is written.
    """
    text = text.strip()
    starts = [0] + [m.end() for m in _SEP.finditer(text)]
    seps = [m.start() for m in _SEP.finditer(text)] + [len(text)]
    groups: list[Group] = []
    pending: list[Number] = []
    previous_session: str | None = None
    for start, end in zip(starts, seps, strict=True):
        segment = text[start:end]
        m = _LEADING_NUMBER.match(segment)
        bare = _BARE.match(segment) if m is None and previous_session else None
        if m:
            numbers = [Number(canonical_session(m.group("y1"), m.group("y2")),
                              int(m.group("number")), m.group())]
        elif bare and previous_session:  # "… av A (S) och 411 av B (M)": the session before
            numbers = [Number(previous_session, int(bare.group("bare")), bare.group())]
        else:
            return groups
        rest = segment[(m or bare).end():]  # type: ignore[union-attr]
        previous_session = numbers[0].session
        while more := _MORE_NUMBERS.match(rest):
            if more.group("full"):
                full = _LEADING_NUMBER.fullmatch(more.group("full"))
                assert full
                numbers.append(Number(canonical_session(full.group("y1"), full.group("y2")),
                                      int(full.group("number")), more.group("full")))
                previous_session = numbers[-1].session
            else:
                numbers.append(Number(previous_session, int(more.group("bare")),
                                      more.group("bare")))
            rest = rest[more.end():]
        rest = rest.strip()
        if not rest and end != len(text):  # a number alone before a separator: the list goes on
            pending.extend(numbers)
            continue
        group = Group(pending + numbers)
        pending = []
        read_tail(group, rest, titled)
        groups.append(group)
    if pending:
        groups.append(Group(pending))
    return groups


def read_tail(group: Group, rest: str, titled: bool = True) -> None:
    """What follows a group's numbers: ``av`` people, then ``till … om …``, ``om …`` or a title."""
    if rest.startswith("av "):
        people, after = read_people(rest[3:])
        if not titled and (after or not people):
            whole = _LENIENT_PERSON.fullmatch(rest[3:].strip())
            if whole:
                people, after = [Person(whole.group("name"), whole.group("party"))], ""
        if people:
            group.people = people
            rest = after
    if not rest:
        return
    to_about = _TO_ABOUT.fullmatch(rest)
    if to_about:
        addressee = read_addressee(to_about.group("to"))
        if addressee is not None:
            group.addressee = addressee
            group.title = to_about.group("title").strip()
            return
    group.title = rest[3:].strip() if rest.startswith("om ") else rest


def read_people(text: str) -> tuple[list[Person], str]:
    """``Anna Berg (S) och Bo Ek (M) Titel`` → the people and the text after them."""
    people: list[Person] = []
    at = 0
    while True:
        m = _PERSON.match(text, at)
        if not m:
            break
        people.append(Person(m.group("name"), m.group("party")))
        at = m.end()
        sep = _PEOPLE_SEP.match(text, at)
        if not sep or not _PERSON.match(text, sep.end()):
            break
        at = sep.end()
    return people, text[at:].strip()


def read_addressee(text: str) -> Person | None:
    """``Statsrådet Ardalan Shekarabi (S)``, ``utrikesminister Anna Lindh``; None if *text*
    names no minister."""
    m = _ADDRESSEE.fullmatch(text.strip())
    if not m:
        return None
    return Person(m.group("name"), m.group("party"), m.group("role"))


def pair(numbers: list[Number], people: list[Person]) -> list[Person | None]:
    """Who asked each number: one person for all, one each, or (else) nobody."""
    if len(people) == 1:
        return [people[0]] * len(numbers)
    if len(people) == len(numbers):
        return list(people)
    return [None] * len(numbers)
