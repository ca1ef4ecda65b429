"""Line classes: what one line of a Riksdag document can be, decided from the line alone.

`classify` runs the recognisers of `RECOGNISERS` in order and returns the first
that accepts the line, as a `Reading` (the class and what the recogniser read
from it).  The grammar in `riksdoc.parse.rules` then decides, from the line
classes in order, where the letterhead, the header, the body and the closing
are; no recogniser looks at any other line.

===============  ==============================================================
class            a line that is …
===============  ==============================================================
SPEECH           a speaker line of a debate record: ``Anf. 1 Statsrådet NAMN (S):``
FORM_TITLE       the title of the Riksdag's printed form: ``SKRIFTLIG FRÅGA TILL
                 STATSRÅD``, ``INTERPELLATION TILL STATSRÅD``
DOCUMENT         a document line: ``Svar på fråga(n/orna) …``, ``Fråga …``,
                 ``Skriftlig fråga …``, ``Interpellation …``, ``Meddelande om …``,
                 ``Svar på interpellation …`` (a number may follow, or nothing)
NUMBER           a number line: ``2010/11:680 Titel`` (older layout), ``Nr 2010/11:680``
BY               a questioner line: ``av Namn (M)`` [title | ``till … om …``]
TO               an addressee line: ``till Statsrådet Namn (S)``
TO_RIKSDAG       ``Till riksdagen``: the document is addressed to the Riksdag
FORM_BOX         a box of the printed form: ``Frågeställare: Namn`` (label: value)
MINISTER         a minister line: title and name (``Närings- och handelsminister Namn``)
ROLE             a title alone: ``Justitie- och migrationsministern``, ``Statsrådet``
DEPARTMENT       a whole line naming a department: ``Justitiedepartementet``
REFERENCE        a registry line: ``Dnr Ju2017/07898/POL``, ``Ju2017/07898/POL``; the heading
                 riksdagen.se puts above an answer (``… 2015/16:1070 besvarad av …``)
DATE             a date line without place: ``den 14 september``
PLACE_DATE       ``Stockholm den 25 oktober 2017``
BY_ORDER         ``Enligt uppdrag``
NAME             a name alone (a signature): ``Morgan Johansson``, ``… (S)``, ``… ––``
ASKED            a body line naming the questioner: ``Hans Olsson har frågat mig …``
DELAY            a notice's statement: ``Frågan kommer att besvaras …``
DEBATE_END       ``Överläggningen var härmed avslutad.``
SHORT            a short line not ending like a sentence: a title, a heading
BODY             anything else: running text
===============  ==============================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from ..grammar import DASHES, DATE, NAME, NUMBER, ON_BEHALF, PARTY, ROLE, SENTENCE_END
from ..model import DEPARTMENT, Kind


class LineClass(Enum):
    """What a line is (see the module docstring for the table)."""

    EMPTY = "empty"
    SPEECH = "speech"
    FORM_TITLE = "form title"
    DOCUMENT = "document line"
    NUMBER = "number line"
    BY = "questioner line"
    TO = "addressee line"
    TO_RIKSDAG = "Till riksdagen"
    FORM_BOX = "form box"
    MINISTER = "minister line"
    ROLE = "title line"
    DEPARTMENT = "department line"
    REFERENCE = "reference line"
    DATE = "date line"
    PLACE_DATE = "place and date"
    BY_ORDER = "Enligt uppdrag"
    NAME = "name line"
    ASKED = "asked line"
    DELAY = "delay statement"
    DEBATE_END = "end of debate"
    SHORT = "short line"
    BODY = "body"


@dataclass(frozen=True)
class Reading:
    """One line as a recogniser read it."""

    cls: LineClass
    """The line's class."""
    text: str
    """The line's text."""
    data: dict[str, str | None] = field(default_factory=dict)
    """What the recogniser read (named groups: ``opening``, ``rest``, ``name``, ``party`` …)."""

    def get(self, key: str) -> str | None:
        """One value the recogniser read, or None."""
        return self.data.get(key)


Recogniser = Callable[[str], "dict[str, str | None] | None"]


def _matcher(pattern: str, flags: int = 0) -> Recogniser:
    compiled = re.compile(pattern, flags)

    def recognise(text: str) -> dict[str, str | None] | None:
        m = compiled.fullmatch(text)
        return m.groupdict() if m else None
    return recognise


# -- document lines --------------------------------------------------------------

OPENINGS: tuple[tuple[Kind, str], ...] = (
    (Kind.ANSWER, r"Svar på (?:skriftlig(?:a)? )?fråg(?:a|an|or|orna)"),
    (Kind.DEBATE, r"(?:§ ?[0-9]+ )?Svar på interpellation(?:en|er|erna)?"),
    (Kind.NOTICE, r"Meddelande om\b.*?"),
    (Kind.QUESTION, r"(?:Skriftlig f|F)råga"),
    (Kind.INTERPELLATION, r"Interpellation"),
)
"""The opening words of a document line and the kind they announce (before the
decision table in `riksdoc.parse.rules` has looked at the rest of the document)."""

_NUMBERED = re.compile(
    r"(?P<opening>" + "|".join(f"(?:{o})" for _, o in OPENINGS) + r")"
    rf"(?: (?:nr |nummer )?(?P<rest>{NUMBER}.*))?")


def document_line(text: str) -> dict[str, str | None] | None:
    """``Svar på fråga 2017/18:112 av …``, ``Fråga`` alone, ``Meddelande om att svaret dröjer``.

    The opening alone is a document line only where the whole line is the
    opening (older layout: ``Svar på fråga`` / ``2010/11:680 Titel``); a notice's
    opening may be any words (``Meddelande om att svaret dröjer``).
    """
    m = _NUMBERED.fullmatch(text)
    if not m:
        return None
    opening = m.group("opening")
    for kind, pattern in OPENINGS:
        if re.fullmatch(pattern, opening):
            if m.group("rest") is None and kind is not Kind.NOTICE and opening != text:
                return None
            return {"kind": kind.value, "opening": opening, "rest": m.group("rest")}
    return None


FORM_TITLE = re.compile(r"(?P<opening>(?:SKRIFTLIG FRÅGA|INTERPELLATION) TILL STATSRÅD(?:ET)?)"
                        r"(?: (?P<rest>.*))?", re.IGNORECASE)
"""The printed form's title, upper case as printed (case ignored)."""


def form_title(text: str) -> dict[str, str | None] | None:
    """``SKRIFTLIG FRÅGA TILL STATSRÅD`` (the rest of the line, if any, is a box)."""
    m = FORM_TITLE.fullmatch(text)
    if not m or not text[:1].isupper():
        return None
    kind = Kind.QUESTION if m.group("opening").lower().startswith("skriftlig") \
        else Kind.INTERPELLATION
    return {"kind": kind.value, "opening": m.group("opening"), "rest": m.group("rest")}


FORM_LABELS: dict[str, str] = {
    "nr": "number", "nummer": "number", "fråga nr": "number", "frågans nummer": "number",
    "interpellation nr": "number", "beteckning": "number",
    "frågeställare": "questioner", "interpellant": "questioner", "från": "questioner",
    "ledamot": "questioner", "riksdagsledamot": "questioner", "namn": "questioner",
    "parti": "party", "partibeteckning": "party",
    "till": "addressee", "till statsråd": "addressee", "statsråd": "addressee",
    "ställd till": "addressee", "frågan ställs till": "addressee",
    "interpellationen ställs till": "addressee",
    "rubrik": "title", "ämne": "title", "titel": "title", "ärende": "title",
    "datum": "date", "inlämnad": "date",
    "fråga": "text", "frågan": "text", "frågetext": "text", "interpellationen": "text",
    "interpellationstext": "text", "text": "text",
}
"""The labels of the printed form's boxes (lower case) and the field each fills."""

_BOX = re.compile(r"(?P<label>[^\t:]{1,40}?)\s*(?::\s*|\t)(?P<value>[^\t]*?)\t?")


def form_box(text: str) -> dict[str, str | None] | None:
    """``Frågeställare: Anna Berg``, ``Parti\\tM\\t`` (a table row), or a label alone."""
    m = _BOX.fullmatch(text)
    label = (m.group("label") if m else text.rstrip(":")).strip().lower()
    if label not in FORM_LABELS:
        return None
    return {"field": FORM_LABELS[label], "label": label,
            "value": (m.group("value").strip() or None) if m else None}


# -- people and places -------------------------------------------------------------

_NAME_PARTY = rf"(?P<name>{NAME})(?:\s+{PARTY})?"

speech_line = _matcher(
    rf"(?P<marker>Anf\.\s*[0-9]+)\s+(?P<label>(?:(?P<role>{ROLE})\s+)?(?P<name>{NAME})"
    rf"(?:\s+{PARTY})?(?:\s+(?:replik|\(replik\)|forts\.?))?\s*(?::|(?=$)))"
    rf"(?:\s+(?P<said>\S.*))?")
"""``Anf. 1 Statsrådet YLVA JOHANSSON (S):``, ``Anf. 2 LARS BECKMAN (M) replik:``,
``Anf. 5 TALMANNEN:`` (the Speaker), ``Anf. 126 Statsrådet Helene Hellmark Knutsson (S)``;
what the speaker says may follow on the same line, after the colon (group ``said``)."""

by_line = _matcher(r"av\s+(?P<rest>.+)")
"""``av Namn (M)``, ``av Namn (M) Titel``, ``av Namn (v) till … om …`` (read by `parts`)."""

to_line = _matcher(rf"till\s+(?P<addressee>(?:{ROLE})\s+{NAME}(?:\s+{PARTY})?)"
                   rf"(?:\s+om\s+(?P<title>.+))?")
"""``till Statsrådet Ardalan Shekarabi (S)``, ``till utrikesminister Carl Bildt (M) om …``:
a minister's title and name (``till kulturen``, wrapped from a title, is not one)."""

to_riksdag = _matcher(r"Till riksdagen\.?", re.IGNORECASE)

minister_line = _matcher(rf"(?P<role>{ROLE})\s+{_NAME_PARTY}")
"""``Statsrådet Catharina Elmsäter-Svärd``, ``Närings- och handelsminister Mikael Damberg (S)``."""

role_line = _matcher(rf"(?P<role>{ROLE})")

department_line = _matcher(rf"(?P<department>{DEPARTMENT.pattern})")

reference_line = _matcher(r"(?P<reference>(?:Dnr:?\s*)?[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,3}[0-9]{4}/[0-9]+(?:/[\w-]+)*"
                          r"(?:\s.*)?|Dnr\b.*)")
"""``Dnr Ju2017/07898/POL``, ``Ju2017/07898/POL``, ``N2016/02637/PUB``."""

page_heading = _matcher(rf"(?P<reference>Svar på (?:skriftlig )?fråga\s+{NUMBER}\s+besvarad\s+av\s.*)")
"""``Svar på skriftlig fråga 2015/16:1070 besvarad av Statsrådet …``: the heading riksdagen.se
puts above an answer, not its document line (that follows, after the letterhead)."""

date_line = _matcher(rf"den\s+{DATE}", re.IGNORECASE)
"""``den 14 september`` (older layout: no place, often no year)."""

place_date = _matcher(rf"(?P<place>[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?)\s+den\s+{DATE}")
"""``Stockholm den 25 oktober 2017``."""

by_order = _matcher(rf"{ON_BEHALF}\.?", re.IGNORECASE)

name_line = _matcher(rf"(?P<name>{NAME})(?<![.!?:;])(?:\s+{PARTY})?(?P<dashes>{DASHES.pattern})?")
"""A signature: ``Morgan Johansson``, ``Morgan Johansson (S)``, ``Ann Linde ––``."""

asked_line = _matcher(
    rf"(?P<names>{NAME}(?:(?:,\s+|\s+och\s+){NAME})*)\s+har\s+(?:frågat|ställt|i\s+en\s+fråga)"
    r"(?P<rest>.*)")
"""``Hans Olsson har frågat mig …``, ``Åsa Coenraads har ställt några frågor till mig …``."""

delay_line = _matcher(
    r"(?:Frågan|Interpellationen|Frågorna|Interpellationerna|Svaret)\s+(?:kommer\s+(?:inte\s+)?att\s+"
    r"besvaras|kan\s+(?:inte\s+)?besvaras|besvaras|lämnas|kommer\s+inte\s+att\s+lämnas)(?P<rest>.*)")
"""``Interpellationen kommer att besvaras fredagen den 15 februari 2019.``"""

debate_end = _matcher(r"Överläggningen var (?:härmed )?avslutad\.?")


def short_line(text: str) -> dict[str, str | None] | None:
    """A line that could be a title or a heading: short, and not ending like a sentence
    (a question mark may end a title)."""
    if len(text) > 200 or (SENTENCE_END.search(text) and not text.endswith(("?", ")", "”"))):
        return None
    return {}


def body(text: str) -> dict[str, str | None] | None:
    """Anything at all."""
    return {}


RECOGNISERS: tuple[tuple[LineClass, Recogniser], ...] = (
    (LineClass.SPEECH, speech_line),
    (LineClass.FORM_TITLE, form_title),
    (LineClass.REFERENCE, page_heading),
    (LineClass.DOCUMENT, document_line),
    (LineClass.NUMBER, _matcher(rf"(?:Nr\.?\s+)?(?P<rest>{NUMBER}.*)")),
    (LineClass.TO_RIKSDAG, to_riksdag),
    (LineClass.BY, by_line),
    (LineClass.TO, to_line),
    (LineClass.DEPARTMENT, department_line),
    (LineClass.BY_ORDER, by_order),
    (LineClass.PLACE_DATE, place_date),
    (LineClass.DATE, date_line),
    (LineClass.MINISTER, minister_line),
    (LineClass.ROLE, role_line),
    (LineClass.REFERENCE, reference_line),
    (LineClass.FORM_BOX, form_box),
    (LineClass.DELAY, delay_line),
    (LineClass.ASKED, asked_line),
    (LineClass.DEBATE_END, debate_end),
    (LineClass.NAME, name_line),
    (LineClass.SHORT, short_line),
    (LineClass.BODY, body),
)
"""The recognisers in the order they are tried; the first that accepts a line decides
its class.  More specific shapes come first (a speaker line before a minister line,
a department before a name)."""


def classify(text: str) -> Reading:
    """The class of one line of normalised text (note markers already taken out)."""
    if not text:
        return Reading(LineClass.EMPTY, text)
    for cls, recognise in RECOGNISERS:
        data = recognise(text)
        if data is not None:
            return Reading(cls, text, data)
    raise AssertionError("the BODY recogniser accepts every line")


def is_prose(reading: Reading) -> bool:
    """Running text: a sentence of some length (a line no header or letterhead holds)."""
    if reading.cls is not LineClass.BODY:
        return reading.cls in (LineClass.ASKED, LineClass.DELAY)
    return len(reading.text.split()) >= 6 or len(reading.text) > 200
