"""The documents' own grammar: what a number, a name, a party, a date, a minister line,
an addressee and a signature look like, and small functions that read them.

The parser (`riksdoc.parse`) builds its recognition rules from these; the DOCX
reader reads the lines riksdoc writes (document line, place-and-date line,
person lines) with the same ones, so a person is split into role, name and
party by one set of rules whichever format it comes from.  Composing those
lines is `riksdoc.vocabulary`'s job; recognising them is this module's.

Normalised text marks a note reference with `NOTE_OPEN` … `NOTE_CLOSE` around
the note id (`riksdoc.normalise`); `NOTE_REF` finds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Kind, Person, QuestionRef, SwedishDate
from .normalise import NOTE_CLOSE, NOTE_OPEN
from .vocabulary import MONTHS

NUMBER = r"(?P<session>(?P<y1>\d{4})/(?P<y2>\d{2}|\d{4})):(?P<number>\d+)"
"""A designation, ``2017/18:112`` or ``2019/2020:1880`` (groups session, y1, y2, number)."""

# A hyphen only separates the parts of a name ("Elmsäter-Svärd"), never sits inside
# a part: one way to match, so no catastrophic backtracking on "A-A-A-…".
NAME = r"[A-ZÅÄÖÉÜ][\w'’.]*(?:[ -][A-ZÅÄÖÉÜa-zåäö][\w'’.]*){0,5}"
"""A person's name as the documents write it: up to six capitalised parts."""

PARTY = r"\((?P<party>[A-Za-zÅÄÖåäö-]{1,4})\)"
"""Party letters in brackets, ``(M)``, ``(fp)`` (group party)."""

DATE = (r"(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")(?:\s+(?P<year>\d{4}))?")
"""``25 oktober 2017`` or, in older layouts, ``14 september`` (groups day, month, year)."""

MINISTER_LINE = re.compile(
    rf"^(?P<role>Statsrådet|Statsministern?|[A-ZÅÄÖ][a-zåäö-]*minister(?:n)?)\s+(?P<name>{NAME})$")
"""``Statsrådet Catharina Elmsäter-Svärd``: the minister line of the older answer layout."""

ADDRESSEE = re.compile(
    rf"^(?P<role>(?:[\w-]+\s+(?:och\s+)?)*?(?:[\w-]*minister[n]?|[Ss]tatsrådet))\s+"
    rf"(?P<name>{NAME})(?:\s+{PARTY})?$")
"""``Statsrådet Ardalan Shekarabi (S)``, ``utrikesminister Anna Lindh``: who a question is to."""

NOTE_REF = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")
"""A note reference in normalised text; group 1 is the note id."""

ON_BEHALF = "Enligt uppdrag"
"""The line above a civil servant's name in a signature block: not a name."""

DOCUMENT_LINE = re.compile(
    r"^(?P<head>Svar på (?:.+? )?fråga|och fråga|Fråga|Interpellation|Meddelande om (?:.+? )?fråga)"
    rf"\s+{NUMBER}(?:\s+av\s+(?P<name>.+?)(?:\s+\((?P<party>[^()]+)\))?)?\s*$", re.IGNORECASE)
"""A document line as riksdoc writes it (`riksdoc.vocabulary.document_line`):
``Svar på fråga 2017/18:112 av Mikael Cederbratt (M)``, ``och fråga 2017/18:113 av …``."""

PLACE_DATE = re.compile(rf"^(?:(?P<place>.+?)\s+)?den\s+(?P<text>{DATE})\s*$", re.IGNORECASE)
"""A place-and-date line as riksdoc writes it: ``Stockholm den 25 oktober 2017``,
``den 14 september`` (groups place, text and those of `DATE`)."""

_HEAD_KINDS = {"svar": Kind.ANSWER, "fråga": Kind.QUESTION, "interpellation": Kind.INTERPELLATION,
               "meddelande": Kind.NOTICE}
_CATEGORY = re.compile(r"\((?P<code>[a-z]+)\)\s*$")
_PARTY_AT_END = re.compile(r"^(?P<rest>.+?)\s+\((?P<party>[^()]+)\)$")


def canonical_session(y1: str, y2: str) -> str:
    """``2019/2020`` → ``2019/20``; ``2017/18`` stays."""
    return f"{y1}/{y2[-2:]}"


def question(m: re.Match[str], questioner: Person | None, title: str | None) -> QuestionRef:
    """The question a match of `NUMBER` names, with who asked and its title."""
    return QuestionRef(canonical_session(m.group("y1"), m.group("y2")), int(m.group("number")),
                       m.group("session") + ":" + m.group("number"), questioner,
                       title.strip() if title else None)


def date(m: re.Match[str]) -> SwedishDate:
    """The date a match of `DATE` states; ValueError if there is no such day."""
    year = m.group("year")
    return SwedishDate(int(m.group("day")), MONTHS.index(m.group("month").lower()) + 1,
                       int(year) if year else None)


def addressee(text: str) -> Person:
    """``Statsrådet Ardalan Shekarabi (S)``, ``utrikesminister Anna Lindh``; the whole text
    as the name where it is not of that shape."""
    m = ADDRESSEE.match(text.strip())
    if not m:
        return Person(text.strip())
    return Person(m.group("name"), m.group("party"), m.group("role"))


def minister(text: str) -> Person | None:
    """``Statsrådet Catharina Elmsäter-Svärd`` as role and name, or None if it is not a
    minister line."""
    m = MINISTER_LINE.match(text)
    return Person(m.group("name"), None, m.group("role")) if m else None


def split_party(text: str) -> tuple[str, str | None]:
    """``Anna Lindh (S)`` → (``Anna Lindh``, ``S``); text without a party → (text, None)."""
    m = _PARTY_AT_END.match(text)
    return (m.group("rest"), m.group("party")) if m else (text, None)


def signatory(lines: Sequence[str]) -> Person | None:
    """Who signs a signature block: its first line that is a name (note references
    aside, and never `ON_BEHALF`), with the line below it as their title; None if no
    line is a name."""
    for index, text in enumerate(lines):
        if re.fullmatch(NAME, NOTE_REF.sub("", text)) and text != ON_BEHALF:
            role = lines[index + 1] if index + 1 < len(lines) else None
            return Person(text, None, role)
    return None


def document_line(text: str) -> tuple[str, QuestionRef] | None:
    """A document line riksdoc wrote, as (its opening words, the question it names without
    a title); None if *text* is not one."""
    m = DOCUMENT_LINE.match(text)
    if m is None:
        return None
    questioner = Person(m.group("name").strip(), m.group("party")) if m.group("name") else None
    return m.group("head"), question(m, questioner, None)


def kind_of_head(words: str) -> Kind | None:
    """The kind a document line's opening words say (``Svar på fråga`` → answer); None
    for words that say none (``och fråga``)."""
    return _HEAD_KINDS.get(words.split()[0].lower()) if words.split() else None


def category_kind(text: str) -> Kind | None:
    """The kind a category property names (``Svar på skriftlig fråga (frs)``, see
    `riksdoc.vocabulary.category`), or None."""
    m = _CATEGORY.search(text)
    if m and m.group("code") in {k.value for k in Kind}:
        return Kind(m.group("code"))
    return None


ORDINALS = ("FÖRSTA", "ANDRA", "TREDJE", "FJÄRDE", "FEMTE", "SJÄTTE", "SJUNDE", "ÅTTONDE",
            "NIONDE", "TIONDE", "ELFTE", "TOLFTE", "TRETTONDE", "FJORTONDE", "FEMTONDE",
            "SEXTONDE", "SJUTTONDE", "ARTONDE", "NITTONDE", "TJUGONDE")
"""Swedish ordinals as parts are numbered in the oldest codes (``FÖRSTA AVDELNINGEN``)."""
