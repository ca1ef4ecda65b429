"""Recognisers: small predicates that say what a line of statute text is.

Statute text is hard-wrapped, so what a line is depends on where it stands.
A line *opens* something only at the start of a chunk: after an empty line,
after a validity marker line (``/Upphör att gälla U:2026-07-01/``), or as the
first line.  Anywhere else it continues what the line before began, so a
wrapped line reading ``15 kap. 30 a § första stycket …`` stays text.

Each recogniser takes the `Text` and a line index and returns a match (or
None); they look only at the line, the chunk it belongs to and, for rubriker,
the chunks after it.  `riksdoc.statute.grammar` tries them in the order of its
table.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cached_property

from ..normalise import Line

NUM = r"\d{1,4}(?: ?[a-z](?![\w.]))?"
"""A chapter or section number as written: ``3``, ``3 a``, ``3a``."""

_CHAPTER = re.compile(rf"^(?P<num>{NUM}) (?P<word>[Kk]ap\.)(?:\s+(?P<rest>.*))?$")
_SECTION = re.compile(rf"^(?P<num>{NUM}) §(?:\s+(?P<rest>.*))?$")
_SECTIONS = re.compile(rf"^(?P<num>{NUM}(?:\s*(?:[-–]+|,|och)\s*{NUM})+) §§\s+(?P<rest>.*)$")
_PART = re.compile(r"^(?P<num>(?:AVD\.|AVDELNING|Avdelning|Avd\.)\s+[IVXLC]+\.?)(?:\s+(?P<rest>.*))?$")
_ANNEX = re.compile(r"^(?P<num>(?:Bilaga|BILAGA)(?:\s+(?:\d+\s?[a-z]?|[A-ZÅÄÖ]))?)(?:\s+(?P<rest>.*))?$")
_ACT_NUMBER = re.compile(r"^(?:SFS\s+)?(?P<number>\d{4}:\d+)$")
_TRANSITIONAL = re.compile(r"^Övergångsbestämmelser?$", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<marker>\d{1,3}\.|\d{1,3}\)|[a-zåäö]\)|[-–—•·])\s+(?=\S)")
"""A list item marker: ``1.``, ``1)``, ``a)``, ``-``, ``–`` (statutes use no others)."""

MARKER = re.compile(
    r"^/(?P<what>[A-ZÅÄÖ][a-zåäö]+ )?(?P<verb>[Uu]pphör att gälla|[Tt]räder i kraft)"
    r"(?: (?P<code>[UI]):(?P<when>[^/]*?))?(?P<by> genom [^/]*)?/$")
"""A validity marker: ``/Upphör att gälla U:2026-07-01/``, ``/Träder i kraft I:2026-07-01/``,
``/Kapitlet upphör att gälla U:2026-07-01 genom lag 2025:729/``, ``/Rubriken träder …/``."""
_MARKER_AFTER = re.compile(r"^(?P<marker>/[^/]*(?:[Uu]pphör att gälla|[Tt]räder i kraft)[^/]*/)"
                           r"(?:\s+(?P<rest>.*))?$")

REPEAL = re.compile(r"^(?:har\s+)?(?:upphävts|upphört att gälla|upphävd|upphävda|upphävt|utgått)\b",
                    re.IGNORECASE)
"""A repeal note (upphävandenotering) as the text of a section, chapter or annex."""

ACT_CITATION = re.compile(
    r"(?P<text>(?:[Ll]ag|[Ff]örordning|[Kk]ungörelse|[Kk]ungörelsen|[Ll]agen|[Ff]örordningen|"
    r"[Bb]alk|[Tt]illkännagivande|[Ii]nstruktion|SFS)\s*\(?\s*(?P<number>\d{4}:\d+)\s*\)?)")
"""A citation of an act by its SFS number: ``lag (2007:516)``, ``Lag (2022:1315)``, ``lag 2025:729``."""

AMENDMENT_NOTE = re.compile(
    r"(?:^|(?<=[.:;!?)]\s)|(?<=[.:;!?)]))(?P<text>(?:Lag|Förordning|Kungörelse|Tillkännagivande|"
    r"Instruktion|Balk)\s*\(\s*(?P<number>\d{4}:\d+)\s*\))(?P<end>\.?)$")
"""The amendment note that ends a stycke: ``Lag (2022:1315).``"""

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SENTENCE_END = re.compile(r"[.:;,!?]$")
_ABBREVIATION_END = re.compile(r"(?:\bm\. ?m\.|\bm\. ?fl\.|\bo\. ?d\.|\bosv\.|\bkap\.|\bst\.|"
                               r"\bresp\.|\bjfr\.|\bbl\. ?a\.|\bt\. ?ex\.|\bäv\.)$")
_HEADING_MAX = 200
"""A rubrik or chapter heading is short; longer text is a stycke."""


@dataclass(frozen=True)
class Marker:
    """What a validity marker line says."""

    text: str
    """The line as written."""
    end: bool
    """True for ``Upphör att gälla`` (the version ends), False for ``Träder i kraft``."""
    date: datetime.date | None
    """The day it names; None if it names none (``den dag regeringen bestämmer``)."""
    by: str | None
    """The SFS number of the act it names (``genom lag 2025:729``), if any."""
    what: str | None
    """What it is about, as written (``Kapitlet``, ``Rubriken``); None for a section."""


def read_marker(text: str) -> Marker | None:
    """The marker *text* (a whole line), or None if it is not one."""
    m = MARKER.match(text)
    if not m:
        return None
    date = None
    if m.group("when") and (d := _ISO_DATE.search(m.group("when"))):
        date = iso_date(d.group())
    by = re.search(r"\d{4}:\d+", m.group("by") or "")
    number = by.group() if by else None
    return Marker(text, m.group("verb").lower().startswith("upphör"), date, number,
                  m.group("what").strip() if m.group("what") else None)


def iso_date(text: str) -> datetime.date | None:
    """``2026-07-01`` (a date at the start of *text*) → the date; None if none or impossible."""
    m = _ISO_DATE.match(text.strip())
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def ends_sentence(text: str) -> bool:
    """Does *text* end a sentence (or a list item) rather than run on?"""
    text = text.rstrip()
    return bool(_SENTENCE_END.search(text)) and not _ABBREVIATION_END.search(text)


def ends_period(text: str) -> bool:
    """Does *text* end with a full stop that is not an abbreviation's (``kap.``, ``m.m.``)?"""
    text = text.rstrip()
    return text.endswith((".", "!", "?")) and not _ABBREVIATION_END.search(text)


def heading_like(text: str) -> bool:
    """Could *text* be a heading: short, capitalised, no sentence end, not a list item?"""
    return (0 < len(text) <= _HEADING_MAX and text[0].isupper() and "\t" not in text
            and not ends_sentence(text) and not _ITEM.match(text) and not MARKER.match(text))


def number_key(num: str) -> tuple[int, str]:
    """``3 a`` → (3, ``a``): the order of chapter and section numbers."""
    m = re.match(r"(\d+)(?: ?([a-z])(?![a-zåäö]))?", num)
    return (int(m.group(1)), m.group(2) or "") if m else (0, "")


# --- the text as lines with their chunk context ----------------------------------

class Text:
    """Normalised statute lines and what each line's position says about it."""

    def __init__(self, lines: tuple[Line, ...]) -> None:
        self.lines = lines
        self.texts = [line.text for line in lines]

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def starts(self) -> list[bool]:
        """Whether each line opens a chunk (after an empty line or a marker line)."""
        out, previous = [], ""
        for index, text in enumerate(self.texts):
            out.append(index == 0 or not previous or bool(MARKER.match(previous)))
            previous = text
        return out

    @cached_property
    def chunk_ends(self) -> list[int]:
        """For each line, the index after the last line of its chunk."""
        out = [0] * len(self.texts)
        end = len(self.texts)
        for index in range(len(self.texts) - 1, -1, -1):
            if not self.texts[index]:
                end = index
            out[index] = end
        return out

    def chunk(self, index: int) -> list[str]:
        """The lines from *index* to the end of its chunk."""
        return self.texts[index:self.chunk_ends[index]]

    def next_start(self, index: int) -> int | None:
        """The next line after *index*'s chunk that opens one, or None."""
        index = self.chunk_ends[index]
        while index < len(self.texts) and not self.texts[index]:
            index += 1
        return index if index < len(self.texts) else None


# --- recognisers -------------------------------------------------------------------

def marker(text: Text, i: int) -> Marker | None:
    """A validity marker alone on its line."""
    return read_marker(text.texts[i]) if text.texts[i].startswith("/") else None


def part(text: Text, i: int) -> re.Match[str] | None:
    """``AVD. I …`` / ``AVDELNING I. SOCIALTJÄNSTENS MÅL …``: written in capitals, or
    followed by a chapter (``Avdelning I. …`` inside a section's text is neither)."""
    if not text.starts[i]:
        return None
    m = _PART.match(text.texts[i])
    if not m:
        return None
    rest = " ".join([m.group("rest") or "", *text.chunk(i)[1:]]).strip()
    if m.group("num").isupper() and (not rest or rest.upper() == rest or heading_like(rest)):
        return m
    following = text.next_start(i)
    if not ends_sentence(rest) and following is not None and chapter(text, following):
        return m
    return None


def chapter(text: Text, i: int) -> re.Match[str] | None:
    """``8 kap. Förskolan``, ``1 Kap.`` (heading in the next chunk), ``9 kap. /Kapitlet
    upphör …/`` — a chapter line opening a short chunk whose heading starts in capitals.

    A bare ``1 Kap.`` also opens a chapter in the middle of a chunk after a
    finished sentence (a whole act's repeal note can stand right above it).
    """
    line = text.texts[i]
    m = _CHAPTER.match(line)
    if not m:
        return None
    rest = m.group("rest") or ""
    if not text.starts[i]:
        return m if not rest and i and ends_period(text.texts[i - 1]) else None
    if REPEAL.match(rest):
        return None
    chunk = text.chunk(i)
    if rest.startswith("/"):
        return m if _MARKER_AFTER.match(rest) and len(chunk) <= 4 else None
    heading = " ".join([rest, *chunk[1:]]).strip()
    if not rest or (rest[0].isupper() and len(chunk) <= 3 and len(heading) <= _HEADING_MAX):
        return m
    return None


def chapter_repealed(text: Text, i: int) -> re.Match[str] | None:
    """``1 kap. har upphört att gälla genom lag (1973:645).``"""
    m = _CHAPTER.match(text.texts[i]) if text.starts[i] else None
    return m if m and REPEAL.match(m.group("rest") or "") else None


def transitional(text: Text, i: int) -> bool:
    """``Övergångsbestämmelser`` alone."""
    return text.starts[i] and bool(_TRANSITIONAL.match(text.texts[i])) and len(text.chunk(i)) == 1


def act_number(text: Text, i: int) -> re.Match[str] | None:
    """``2022:1315`` alone: the amending act a group of transitional provisions belongs to."""
    if not text.starts[i] or len(text.chunk(i)) != 1:
        return None
    return _ACT_NUMBER.match(text.texts[i])


def annex(text: Text, i: int) -> re.Match[str] | None:
    """``Bilaga 2`` (its title follows), ``Bilaga 5 Har upphävts genom lag (2017:620).``"""
    if not text.starts[i]:
        return None
    m = _ANNEX.match(text.texts[i])
    if not m:
        return None
    rest = m.group("rest") or ""
    if not rest or REPEAL.match(rest) or (heading_like(rest) and len(text.chunk(i)) <= 2):
        return m
    return None


def section(text: Text, i: int) -> re.Match[str] | None:
    """``1 § Denna lag …``, ``3 a § /Upphör att gälla U:2026-07-01/``, ``5 §`` alone.

    What follows the sign starts a sentence (a capital letter), a marker, or
    nothing: ``2 § första stycket gäller …`` opening a chunk is a stycke citing
    a section, not a section.
    """
    if not text.starts[i]:
        return None
    m = _SECTION.match(text.texts[i])
    if not m:
        return None
    rest = m.group("rest") or ""
    if REPEAL.match(rest):
        return None
    if not rest or rest[0].isupper() or rest[0] in "/\"”»(" or rest[0].isdigit() and (
            re.match(r"\d+\. ", rest)):
        return m
    return None


def section_repealed(text: Text, i: int) -> re.Match[str] | None:
    """``14 § Har upphävts genom lag (2007:516).``, ``7-10 §§ har upphört att gälla …``"""
    if not text.starts[i]:
        return None
    m = _SECTION.match(text.texts[i]) or _SECTIONS.match(text.texts[i])
    return m if m and REPEAL.match(m.group("rest") or "") else None


def rubrik(text: Text, i: int) -> bool:
    """A rubrik: a short chunk of one to three lines without a sentence end, followed
    by a section (maybe after markers or further rubriker)."""
    if not text.starts[i]:
        return False
    chunk = text.chunk(i)
    joined = " ".join(chunk)
    if len(chunk) > 3 or not heading_like(joined) or any(MARKER.match(c) for c in chunk):
        return False
    return _leads_to_section(text, i, depth=0)


def _leads_to_section(text: Text, i: int, depth: int) -> bool:
    following = text.next_start(i)
    while following is not None and marker(text, following):
        following += 1
        if following >= len(text) or not text.texts[following]:
            return False
    if following is None:
        return False
    if section(text, following) or section_repealed(text, following):
        return True
    if depth < 3 and heading_like(" ".join(text.chunk(following))) \
            and len(text.chunk(following)) <= 3 and not _CHAPTER.match(text.texts[following]):
        return _leads_to_section(text, following, depth + 1)
    return False


def title(text: Text, i: int) -> bool:
    """A short heading-like chunk (one to three lines): the heading of a chapter, part or
    annex whose number line has none."""
    if not text.starts[i]:
        return False
    chunk = text.chunk(i)
    return len(chunk) <= 3 and heading_like(" ".join(chunk))


def row(text: Text, i: int) -> bool:
    """A table row: a chunk with a column gap (TAB) in one of its lines."""
    return text.starts[i] and any("\t" in line for line in text.chunk(i))


def item(text: Text, i: int) -> re.Match[str] | None:
    """A list item: ``1.``, ``a)``, ``-`` or ``–`` and its text."""
    return _ITEM.match(text.texts[i]) if text.starts[i] else None


def note(text: Text, i: int) -> re.Match[str] | None:
    """An amendment note alone (``Lag (2022:1315).``): it ends the stycke before it."""
    if not text.starts[i] or len(text.chunk(i)) != 1:
        return None
    return AMENDMENT_NOTE.fullmatch(text.texts[i])


def opening(text: Text, i: int) -> bool:
    """Any other line that opens a chunk: a new stycke."""
    return text.starts[i]


def continuation(text: Text, i: int) -> bool:
    """A line inside a chunk: it continues what the line before began."""
    return not text.starts[i]


def marker_after(rest: str) -> tuple[str | None, str]:
    """``/Upphör att gälla U:2026-07-01/ text`` → (the marker, the text after it)."""
    m = _MARKER_AFTER.match(rest)
    if m and read_marker(m.group("marker")):
        return m.group("marker"), m.group("rest") or ""
    return None, rest


def repeal_note(text: Text, i: int) -> bool:
    """``Har upphävts genom lag (2024:945).`` opening a chunk: a whole act's repeal note."""
    return text.starts[i] and bool(REPEAL.match(text.texts[i]))
