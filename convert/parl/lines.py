"""Recognisers: what a line of a paper is, and the genre's own headings.

A paper's normalised text has one block a line (a paragraph, a heading, a list
item, a table row), or, in older exports, paragraphs hard-wrapped over several
lines.  Each recogniser here looks at one line (and, for headings, the line
after it) and says whether it is a heading of the genre, a numbered heading, a
signature line, an annex's label and so on; `riksdoc.parl.grammar` tries them
in the order of its table, in the state the text is in.

`GENRE` is the genre's vocabulary of headings, one row a heading, saying for
which kinds it is a heading and what it is: a part at the top (``Motivering``,
``Utskottets överväganden``), a part below a topic (``Propositionen``,
``Utskottets ställningstagande``), or a part that holds no headings of its own
(``Utskottets förslag i korthet``).  A heading the table does not know is an
*ordinary* heading, placed by the text around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..grammar import NOTE_REF
from ..model import Kind, Person
from ..vocabulary import MONTHS

PAPERS = frozenset({Kind.MOTION, Kind.REPORT, Kind.BILL, Kind.COMMUNICATION})
"""The kinds this package reads."""

# --- the genre's headings ------------------------------------------------------------

TOP, SUB, LEAF, PROPOSALS, RESERVATIONS, OPINIONS, PROTOCOL = (
    "top", "sub", "leaf", "proposals", "reservations", "opinions", "protocol")
"""What a genre heading opens: a part at the top (TOP), a part below the current topic
that may hold headings (SUB) or not (LEAF), the proposals for decision (PROPOSALS),
the group of reservations or special opinions, the protocol extract."""

ALL_KINDS = PAPERS
REPORTS = frozenset({Kind.REPORT})
GOVERNMENT = frozenset({Kind.BILL, Kind.COMMUNICATION})


@dataclass(frozen=True)
class Genre:
    """One heading the genre knows."""

    pattern: re.Pattern[str]
    """The heading's words (the whole line)."""
    role: str
    """What it opens (`TOP`, `SUB`, `LEAF`, `PROPOSALS`, …)."""
    kinds: frozenset[Kind]
    """The kinds of paper in which it is this heading."""


def _genre(words: str, role: str, kinds: frozenset[Kind] = ALL_KINDS) -> Genre:
    return Genre(re.compile(rf"^(?:{words})$", re.IGNORECASE), role, kinds)


GENRE: tuple[Genre, ...] = (
    _genre(r"(?:Utskottets )?[Ff]örslag till riksdagsbeslut|Hemställan", PROPOSALS),
    _genre(r"Motivering|Bakgrund till motionen|Tabeller|Tabell(?:er)? och diagram",
           TOP, frozenset({Kind.MOTION})),
    _genre(r"Sammanfattning|Behandlade förslag|Redogörelse för ärendet|Utskottets överväganden"
           r"|Inledning", TOP, REPORTS),
    _genre(r"Reservationer|Reservation", RESERVATIONS, REPORTS),
    _genre(r"Särskilda yttranden|Särskilt yttrande", OPINIONS, REPORTS),
    _genre(r"Utskottets förslag i korthet", LEAF, REPORTS),
    _genre(r"Propositionen|Propositionerna|Motionerna|Motionen|Skrivelsen|Skrivelserna"
           r"|Utskottets ställningstagande|Ställningstagande", SUB, REPORTS),
    _genre(r"(?:Propositionens|Skrivelsens) huvudsakliga innehåll", TOP, GOVERNMENT),
    _genre(r"Utdrag ur protokoll vid regeringssammanträde\b.*", PROTOCOL, GOVERNMENT),
)
"""The genre's headings, by kind (the first row that matches wins)."""


def genre(text: str, kind: Kind) -> Genre | None:
    """The genre heading *text* is in a paper of *kind*, or None."""
    for row in GENRE:
        if kind in row.kinds and row.pattern.match(text):
            return row
    return None


# --- numbered headings ----------------------------------------------------------------

NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})(?P<dot>\.)?(?:[ \u00a0\t]+|(?=[A-ZÅÄÖ]))"
                      r"(?P<title>\S.*)$")
"""``4.1 Allmänt …``, ``4.1Allmänt …`` (a print's glued number), ``2. Fler …``."""


def numbered(text: str) -> re.Match[str] | None:
    """A line that may be a numbered heading (the grammar decides by the table of contents
    and the numbering so far)."""
    m = NUMBERED.match(text)
    if m is None or not (m.group("title")[:1].isupper() or m.group("title")[:1] == "("):
        return None
    return m


def path(num: str) -> tuple[int, ...]:
    """``4.1`` → (4, 1)."""
    return tuple(int(part) for part in num.split("."))


def follows(previous: tuple[int, ...], num: tuple[int, ...]) -> bool:
    """Can heading *num* come next after heading *previous* (its first child, its next
    sibling, or an ancestor's next sibling)?  The first heading is ``1``."""
    if not previous:
        return num == (1,)
    if num == previous + (1,):
        return True
    depth = len(num)
    return depth <= len(previous) and num[:-1] == previous[:depth - 1] \
        and num[-1] == previous[depth - 1] + 1


# --- heading-like lines -----------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.:;,!?]$")
_RUNS_ON = re.compile(r"\b(?:och|eller|samt|om|att|enligt|i|av|för|till|med|som|den|det|de|en|ett|än|inte"
                      r"|ska|skall|kan|har|är|bör|blir|mer|på|vid|under|efter|mellan|genom|mot|hos"
                      r"|utan|vilket|vilka|där|när|så|men|dock|även|också|sig|sin|sitt|sina)$")
_LABEL = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?: [\wåäöÅÄÖ-]+){0,5}: ")
_DESIGNATION = re.compile(r"^\d{4}/\d{2,4}:")
_SENTENCES = re.compile(r"[.!?] [A-ZÅÄÖ]")
_CAPTION = re.compile(r"^(?:Tabell|Figur|Diagram|Bild|Källa|Anm\.)\b")
LIST_ITEM = re.compile(r"^(?P<marker>\d{1,3}[.)]|[a-zåäö][.)]|[IVXLC]{1,6}\.|[·•▪➢❖✓□◦‣∙*\-–—])\s+(?=\S)")
"""A list item's marker and the space after it (as `riksdoc.normalise.LIST_MARKER`)."""
HEADING_MAX = 200
"""A heading is short; longer text is a paragraph."""


def heading_like(text: str) -> bool:
    """Could *text* be a heading: short, starting with a capital (or a year), no sentence
    end, not running on into the next line, no label (``Närvarande: …``), no list item,
    table row, designation or caption?"""
    text = NOTE_REF.sub("", text)
    if not 0 < len(text) <= HEADING_MAX or "\t" in text:
        return False
    first = text[0]
    if not (first.isupper() or (first.isdigit() and re.match(r"^\d{4} [a-zåäö]", text))):
        return False
    return not (_SENTENCE_END.search(text) or _RUNS_ON.search(text) or _LABEL.match(text)
                or LIST_ITEM.match(text) or _DESIGNATION.match(text) or _CAPTION.match(text)
                or _SENTENCES.search(text) or text.endswith(("-", "–")) or text.count(",") >= 3)


# --- the signature block ------------------------------------------------------------------

DATE_END = re.compile(rf"^(?:\d{{1,2}} )?(?:{'|'.join(MONTHS)}) \d{{4}}$")
"""The rest of a date a line broke (``december 2018`` after ``… den 6``)."""

PLACE_DATE = re.compile(r"^(?P<place>[A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)?) den (?P<day>\d{1,2}) "
                        rf"(?P<month>{'|'.join(MONTHS)}) (?P<year>\d{{4}})$")
"""``Stockholm den 25 april 2019``: the date line above signatures."""
ON_BEHALF = re.compile(r"^På (?P<who>.+?) vägnar$")
"""``På justitieutskottets vägnar``."""
MEMBERS = re.compile(r"^Följande ledamöter har deltagit i beslutet:\s*(?P<list>.*)$")
"""A report's list of the members who took part in the decision."""
PERSON_NAME = (r"[A-ZÅÄÖÉÜ][\w'’-]*(?: (?:(?:af|von|van|de|la|di|du|le) )?[A-ZÅÄÖÉÜ][\w'’-]*){1,4}")
"""A person's name in a signature: two to five capitalised parts (a particle allowed)."""
PERSON = re.compile(rf"(?P<name>{PERSON_NAME})\s+\((?P<party>[A-Za-zÅÄÖåäö]{{1,4}}|[^()]*departementet"
                     r"|Statsrådsberedningen)\)")
_PARTY = re.compile(r"^[A-Za-zÅÄÖåäö]{1,4}$")


def person(text: str) -> Person | None:
    """``Johan Forssell (M)``, ``Morgan Johansson (Justitiedepartementet)`` (a ministry is
    not a party: it is left out of the person), ``Fredrik Lundh Sammeli``; None if *text*
    is not one person."""
    text = text.strip()
    m = PERSON.fullmatch(text)
    if m:
        party = m.group("party")
        return Person(m.group("name"), party if _PARTY.match(party) else None)
    if re.fullmatch(PERSON_NAME, text):
        return Person(text)
    return None


def ministry(text: str) -> str | None:
    """``Morgan Johansson (Justitiedepartementet)`` → ``Justitiedepartementet``."""
    m = PERSON.fullmatch(text.strip())
    if m and not _PARTY.match(m.group("party")):
        return m.group("party")
    return None


def people_cells(text: str) -> list[str]:
    """The text of each person in a line of signatures: its cells, a cell holding several
    (``Ronny Korsberg (mp) Roy Ottosson (mp)``) split between them."""
    out: list[str] = []
    for cell in (c for c in text.split("\t") if c.strip()):
        matches = [m.group() for m in PERSON.finditer(cell)]
        out += matches if len(matches) > 1 else [cell]
    return out


def signers_row(text: str) -> list[Person] | None:
    """A row of signatures in cells (a Word table's row, TAB-separated), each a person with
    or without a party or ministry (``Stefan Löfven<TAB>Margot Wallström
    (Utrikesdepartementet)``); None if any cell is something else."""
    cells = [c for c in text.split("\t") if c.strip()]
    if len(cells) < 2:
        return None
    found = [person(cell) for cell in cells]
    return [p for p in found if p is not None] if all(found) else None


def people_row(text: str) -> list[Person] | None:
    """A line of signatures: cells (or, in older texts, runs) of ``Name (Party)``; None if
    the line is anything else."""
    cells = [c for c in text.split("\t") if c.strip()]
    if not cells:
        return None
    found: list[Person] = []
    for cell in cells:
        matches = list(PERSON.finditer(cell))
        if not matches or "".join(m.group() for m in matches).replace(" ", "") != cell.replace(" ", ""):
            return None
        for m in matches:
            party = m.group("party")
            if not _PARTY.match(party):
                return None
            found.append(Person(m.group("name"), party))
    return found


def listed_people(text: str) -> list[Person]:
    """Every ``Name (Party)`` in a list (``av Per Ramhorn (SD), Christina Östberg (SD) och
    Clara Aranda (SD).``, the members who took part in a decision)."""
    return [Person(m.group("name"), m.group("party")) for m in _LISTED.finditer(text)]


_LISTED = re.compile(rf"(?:^|,\s*|\s+och\s+|:\s*|^av\s+)(?P<name>{PERSON_NAME})\s+\((?P<party>[A-Za-zÅÄÖåäö]{{1,4}})\)")
BY_LINE = re.compile(r"^av (?P<who>.+)$")
"""``av Johan Forssell m.fl. (M)``, ``av Per Ramhorn (SD), … och Clara Aranda (SD).``"""
SPEAKS = re.compile(rf"^(?P<name>{PERSON_NAME}) \((?P<party>[A-Za-zÅÄÖåäö]{{1,4}})\) anför:$")
"""``Jens Holm (V) anför:``: who gives a special opinion."""

# --- other lines ---------------------------------------------------------------------------

ANNEX = re.compile(r"^(?P<num>Bilaga(?: \d{1,2}[A-Za-z]?)?)(?:\s+(?P<title>\S.*))?$")
"""``Bilaga``, ``Bilaga 2``, ``Bilaga 1 Förteckning över behandlade förslag``."""
LAW_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?Förslag till (?:lag|förordning)\b")
"""``Förslag till lag om ändring i brottsbalken``: a proposed law's heading."""
PROPOSAL = re.compile(r"^(?P<num>\d{1,3})\.?(?:\s+|(?=[A-ZÅÄÖ]))(?P<text>\S.*)$")
"""A numbered proposal: ``1. Riksdagen …``, ``1.<TAB>Regeringens lagförslag``."""
RESERVATION = re.compile(r"^(?P<num>\d{1,2})\.?\s*(?P<title>[A-ZÅÄÖ].*\([^()]+\))$")
"""``1. Aviserat lagförslag, punkt 2 (SD)``: a reservation (or special opinion)."""
OPINION_TITLE = re.compile(r"^(?P<title>[A-ZÅÄÖ].*\((?:[A-Za-zÅÄÖåäö]{1,4}(?:, )?)+\))$")
"""``Sjöfartsfrågor (V)``: an unnumbered special opinion's title."""
DECISION = re.compile(r"^(?:Riksdagen|Därmed|Regeringen föreslår)\b")
"""The words a decision starts with; such a line is never a heading."""
DEPARTMENT_LINE = re.compile(r"(?:[A-ZÅÄÖ]\w*- och [a-zåäö]\w*|[A-ZÅÄÖ]\w*)departementet"
                             r"|Statsrådsberedningen")
"""A department of the Government Offices alone on a line (above a protocol extract)."""
