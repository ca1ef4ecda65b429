"""Lines the export split or wrapped, read together again.

Word exports break a header line where the author pressed Shift+Enter, text
exports wrap it at a fixed width: ``Svar på`` / ``fråga 2017/18:1 …``, ``av
Krister`` / ``Örnfjäder (S)``, ``den`` / ``7 april``, ``… (M) Vägar`` / ``i
Norrland``.  `Lines.joined` reads a line together with the lines after it
where the line stops where its construct cannot (`INCOMPLETE`), is a fragment
that with the next line makes a header line (`HEADER_CLASSES`), or goes on in
the next line as hard-wrapped text does (`riksdoc.parse.body.continues`).
"""

from __future__ import annotations

import re

from ..grammar import ROLE
from ..model import Kind
from .body import continues
from .lines import LineClass, Reading, classify
from .parts import read_addressee, read_groups, read_people

MOST_PARTS = 4
"""The most lines one header line is read from when the export split it."""

INCOMPLETE = re.compile(r"(?:,|\s(?:och|samt|eller|av|om|till|i|på|för|med|mellan|från|vid|"
                        r"under|efter|inom|mot|utan|en|ett|den|det|de|att))$"
                        r"|^(?:den(?:\s[0-9]+)?|av|till|om|och|samt|§\s?[0-9]+)$")
"""A line that stops where its construct cannot (a title never ends ``… i``)."""
_STARTS_CONSTRUCT = re.compile(r"(?:av|till)$|(?:(?:och|samt)\s+)?(?:fråga|interpellation)\w*\s+[0-9]")
"""A line starting a questioner or addressee line of its own, or the next question of a
joint header (``och fråga 2018/19:103 …``), never a wrapped rest."""


class Lines:
    """A document's lines, classified, with the rules for reading split ones together."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.readings = [classify(t) for t in texts]

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
                not INCOMPLETE.search(reading.text):
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
    incomplete = bool(INCOMPLETE.search(text)) or _unfinished_questioner(reading)
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
