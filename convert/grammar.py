"""The documents' own grammar: the tokens a number, a name, a party, a minister's title
and a date are made of, and small functions that read them.

The parser (`riksdoc.parse`) builds its line classes and rules from these
tokens; the DOCX reader reads the lines riksdoc writes (document line, person
lines, signatures, speaker lines) through the parser's public functions, so a
person is split into role, name and party by one set of rules whichever format
it comes from.  Composing those lines is `riksdoc.vocabulary`'s job;
recognising them is this module's and the parser's.

Patterns are written so that each text can match in only one way (no nested
quantifiers over the same characters), so no input can make them backtrack
for long.  Normalised text marks a note reference with `NOTE_OPEN` …
`NOTE_CLOSE` around the note id (`riksdoc.normalise`); `NOTE_REF` finds them.
"""

from __future__ import annotations

import re

from .model import Kind, SwedishDate
from .normalise import NOTE_CLOSE, NOTE_OPEN
from .vocabulary import MONTHS

NUMBER = r"(?P<session>(?P<y1>[0-9]{4})/(?P<y2>[0-9]{2}|[0-9]{4})):(?P<number>[0-9]{1,6})(?![0-9])"
"""A designation, ``2017/18:112`` or ``2019/2020:1880`` (groups session, y1, y2, number)."""

UPPER = "A-ZÅÄÖÉÜÆØ"
"""Capital letters names and titles start with."""
LOWER = "a-zåäöéüæø"
"""Small letters."""

PARTICLES = "van|von|der|den|de|af|la|le|du|di|da|el|al|bin|ibn|ter|ten|zu"
"""The lower-case words a name may hold (``Jan van der Linden``, ``Carl af Klercker``)."""

# A hyphen only separates the parts of a name ("Elmsäter-Svärd"), never sits inside
# a part: one way to match, so no catastrophic backtracking on "A-A-A-…".
NAME = rf"[{UPPER}][\w'’.]*(?:[ -][{UPPER}][\w'’.]*| (?:{PARTICLES})(?= )){{0,6}}"
"""A person's name as written: capitalised parts (``Elmsäter-Svärd``, ``YLVA JOHANSSON``),
lower case only for a particle (``van der``)."""

PARTY = rf"\((?P<party>[{UPPER}{LOWER}-]{{1,4}})\)"
"""Party letters in brackets, ``(M)``, ``(SD)``, older ``(fp)``, ``(-)`` (group party)."""

_COMPOUND = rf"(?:[{UPPER}{LOWER}]\w*-,?\s)+och\s"
ROLE = (rf"(?:[Ss]tatsrådet|[Ss]tatsministern?|(?:{_COMPOUND})?[{UPPER}{LOWER}][\w-]*?ministern?"
        rf"|(?:[Ff]örste |[Aa]ndre |[Tt]redje )?(?:[Vv]ice )?[Tt]alman(?:nen)?"
        rf"|(?:FÖRSTE |ANDRE |TREDJE )?(?:VICE )?TALMAN(?:NEN)?)")
"""A minister's (or the Speaker's) title as written: ``Statsrådet``, ``Försvarsminister``,
``Närings- och innovationsministern``, ``Bostads-, stadsutvecklings- och it-ministern``,
``utrikesminister`` (lower case inside a sentence), ``TALMANNEN``, ``Tredje vice talman``."""

DATE = (r"(?P<day>[0-9]{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")(?:\s+(?P<year>[0-9]{4}))?")
"""``25 oktober 2017`` or, in older layouts, ``14 september`` (groups day, month, year)."""

SENTENCE_END = re.compile(r"[.!?:;”\"’»)]$")
"""A line that ends like a sentence (or a quotation, or a parenthesis)."""

DASHES = re.compile(r"\s*[-–—_]{1,}\s*$")
"""Trailing dashes or underscores after a signature (a line to sign on)."""

NOTE_REF = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")
"""A note reference in normalised text; group 1 is the note id."""

ON_BEHALF = "Enligt uppdrag"
"""The line above a civil servant's name in a signature block: not a name."""

PLACE_DATE = re.compile(rf"^(?:(?P<place>.+?)\s+)?den\s+(?P<text>{DATE})\s*$", re.IGNORECASE)
"""A place-and-date line as riksdoc writes it: ``Stockholm den 25 oktober 2017``,
``den 14 september`` (groups place, text and those of `DATE`)."""

_CATEGORY = re.compile(r"\((?P<code>[a-z]+)\)\s*$")


def canonical_session(y1: str, y2: str) -> str:
    """``2019/2020`` → ``2019/20``; ``2017/18`` stays."""
    return f"{y1}/{y2[-2:]}"


def plain(text: str) -> str:
    """*text* without its note reference points (metadata is read from plain text)."""
    return NOTE_REF.sub("", text)


def date(m: re.Match[str]) -> SwedishDate:
    """The date a match of `DATE` states; ValueError if there is no such day."""
    year = m.group("year")
    return SwedishDate(int(m.group("day")), MONTHS.index(m.group("month").lower()) + 1,
                       int(year) if year else None)


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
