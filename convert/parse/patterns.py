"""The tokens of the genre, as regular expressions: numbers, names, parties, titles, dates.

Every recogniser in `riksdoc.parse.lines` is built from these; nothing here
decides what a line *is*.  Patterns are written so that each text can match in
only one way (no nested quantifiers over the same characters), so no input can
make them backtrack for long.
"""

from __future__ import annotations

import re

from ..normalise import NOTE_CLOSE, NOTE_OPEN
from ..vocabulary import MONTHS

NUMBER = r"(?P<session>(?P<y1>\d{4})/(?P<y2>\d{2}|\d{4})):(?P<number>\d+)"
"""``2017/18:112``, ``2019/2020:1880``: session (riksmöte) and number."""

NUMBER_TOKEN = re.compile(r"(?P<y1>\d{4})/(?P<y2>\d{2}|\d{4}):(?P<number>\d+)|(?P<bare>\d{1,5})\b")
"""A number in a list of numbers: with its session, or bare (``411`` in ``…:410, 411 och 415``)."""

UPPER = "A-ZÅÄÖÉÜÆØ"
LOWER = "a-zåäöéüæø"

PARTICLES = "van|von|der|den|de|af|la|le|du|di|da|el|al|bin|ibn|ter|ten|zu"
"""The lower-case words a name may hold (``Jan van der Linden``, ``Carl af Klercker``)."""

NAME = rf"[{UPPER}][\w'’.]*(?:[ -][{UPPER}][\w'’.]*| (?:{PARTICLES})(?= )){{0,6}}"
"""A person's name as written: capitalised parts (``Elmsäter-Svärd``, ``YLVA JOHANSSON``),
lower case only for a particle (``van der``).  A hyphen only separates parts."""

PARTY = rf"\((?P<party>[{UPPER}{LOWER}-]{{1,4}})\)"
"""Party letters in parentheses: ``(M)``, ``(SD)``, older ``(fp)``, ``(v)``, ``(-)``."""

_COMPOUND = rf"(?:[{UPPER}{LOWER}]\w*-,?\s)+och\s"
ROLE = (rf"(?:[Ss]tatsrådet|[Ss]tatsministern?|(?:{_COMPOUND})?[{UPPER}{LOWER}][\w-]*?ministern?"
        rf"|(?:[Ff]örste |[Aa]ndre |[Tt]redje )?(?:[Vv]ice )?[Tt]alman(?:nen)?"
        rf"|(?:FÖRSTE |ANDRE |TREDJE )?(?:VICE )?TALMAN(?:NEN)?)")
"""A minister's (or the Speaker's) title as written: ``Statsrådet``, ``Försvarsminister``,
``Närings- och innovationsministern``, ``Bostads-, stadsutvecklings- och it-ministern``,
``utrikesminister`` (lower case inside a sentence), ``TALMANNEN``, ``Tredje vice talman``."""

DATE = rf"(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})(?:\s+(?P<year>\d{{4}}))?"
"""``25 oktober 2017``, or ``14 september`` without a year."""

WEEKDAY = r"(?:måndagen|tisdagen|onsdagen|torsdagen|fredagen|lördagen|söndagen)\s+"

SENTENCE_END = re.compile(r"[.!?:;”\"’»)]$")
"""A line that ends like a sentence (or a quotation, or a parenthesis)."""

DASHES = re.compile(r"\s*[-–—_]{1,}\s*$")
"""Trailing dashes or underscores after a signature (a line to sign on)."""


def canonical_session(y1: str, y2: str) -> str:
    """``2019/2020`` → ``2019/20``; ``2017/18`` stays."""
    return f"{y1}/{y2[-2:]}"


NOTE_REF = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")
"""A note reference point in a normalised line."""


def plain(text: str) -> str:
    """*text* without its note reference points (metadata is read from plain text)."""
    return NOTE_REF.sub("", text)
