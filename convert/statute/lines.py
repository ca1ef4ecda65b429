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

from ..grammar import ORDINALS
from ..model import Level
from ..normalise import Line

NUM = r"[0-9]{1,4}(?: ?[a-z](?![\w.]))?"
"""A chapter or section number as written: ``3``, ``3 a``, ``3a``."""

_CHAPTER = re.compile(rf"^(?P<num>{NUM}) (?P<word>[Kk]ap\.)(?:\s+(?P<rest>.*))?$")
_SECTION = re.compile(rf"^(?P<num>{NUM}) (?P<sign>§\.?)(?:\s+(?P<rest>.*))?$|"
                      rf"^(?P<sign_first>§) (?P<num_after>[0-9]{{1,3}}(?: ?[a-z])?\.?)(?:\s+(?P<rest_after>.*))?$")
"""``1 §``, ``3 a §``, ``1 §.`` (older laws), ``§ 1.`` (the oldest)."""
_SECTIONS = re.compile(rf"^(?P<num>{NUM}(?:\s*(?:[-–]+|,|och)\s*{NUM})+) §§\s+(?P<rest>.*)$")
_PART = re.compile(
    r"^(?P<num>(?:AVD\.|AVDELNING|Avdelning|Avd\.)\s+(?:[IVXLC]+|[0-9]{1,2}|[A-H])\.?|"
    r"[0-9]{1,2} avd\.|(?:" + "|".join(ORDINALS) + r") AVDELNINGEN)(?:\s+(?P<rest>.*))?$",
    re.IGNORECASE)
"""A part (avdelning) in any of the styles Swedish statutes use: ``AVD. I``, ``AVDELNING I.``,
``Avdelning I``, ``Avd. 1.``, ``AVD. A``, ``1 avd.``, ``FÖRSTA AVDELNINGEN``."""
_ANNEX = re.compile(r"^(?P<num>(?:Bilaga|BILAGA)(?:\s+(?:[0-9]+\s?[a-z]?|[A-ZÅÄÖ]))?)(?:\s+(?P<rest>.*))?$")
_ACT_NUMBER = re.compile(r"^(?:SFS\s+)?(?P<number>[0-9]{4}:[0-9]+)$")
_TRANSITIONAL = re.compile(r"^Övergångsbestämmelser?$", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<marker>[0-9]{1,3}\.|[0-9]{1,3}\)|[a-zåäö]\)|[-–—•·])\s+(?=\S)")
"""A list item marker: ``1.``, ``1)``, ``a)``, ``-``, ``–`` (statutes use no others)."""
_ITEM_END = re.compile(r"(?:[:;,.]|\b(?:och|eller|samt))$")
"""How a line before a list item ends when the item starts a line of its own."""

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
    r"[Bb]alk|[Tt]illkännagivande|[Ii]nstruktion|SFS)\s*\(?\s*(?P<number>[0-9]{4}:[0-9]+)\s*\)?)")
"""A citation of an act by its SFS number: ``lag (2007:516)``, ``Lag (2022:1315)``, ``lag 2025:729``."""

AMENDMENT_NOTE = re.compile(
    r"(?:^|(?<=[.:;!?)]\s)|(?<=[.:;!?)]))(?P<text>(?:Lag|Förordning|Kungörelse|Tillkännagivande|"
    r"Instruktion|Balk)\s*\(\s*(?P<number>[0-9]{4}:[0-9]+)\s*\))(?P<end>\.?)$")
"""The amendment note that ends a stycke: ``Lag (2022:1315).``"""

def amendment_note(text: str) -> re.Match[str] | None:
    """The amendment note ending *text*, if any (matched on its tail only: the note is
    short and `AMENDMENT_NOTE` is costly to try at every position of a long stycke)."""
    if not text.rstrip(".").endswith(")"):
        return None
    start = max(0, len(text) - 60)
    return AMENDMENT_NOTE.search(text, start) if start == 0 or text[start - 1] in " .:;!?)" \
        else AMENDMENT_NOTE.search(text, text.find(" ", start) + 1)


_ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
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


def heading_level(num: str | None, heading: str | None) -> Level:
    """What a heading with this number (or none) heads, as a reader of a publication sees
    it (the DOCX reader: a heading paragraph's number run and words): a part, a chapter,
    an annex, an amending act's provisions (``2022:1315``), the transitional provisions
    (``Övergångsbestämmelser``), else a rubrik."""
    if num is None:
        return Level.TRANSITIONAL if heading and _TRANSITIONAL.match(heading) else Level.HEADING
    if _PART.match(num):
        return Level.PART
    if _CHAPTER.match(num):
        return Level.CHAPTER
    if _ANNEX.match(num):
        return Level.ANNEX
    if _ACT_NUMBER.match(num):
        return Level.AMENDMENT
    return Level.HEADING


def read_marker(text: str) -> Marker | None:
    """The marker *text* (a whole line), or None if it is not one."""
    m = MARKER.match(text)
    if not m:
        return None
    date = None
    if m.group("when") and (d := _ISO_DATE.search(m.group("when"))):
        date = iso_date(d.group())
    by = re.search(r"[0-9]{4}:[0-9]+", m.group("by") or "")
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


_RUNS_ON = re.compile(r"\b(?:och|eller|samt|om|att|enligt|i|av|för|till|med)$")


def heading_like(text: str) -> bool:
    """Could *text* be a heading: short, capitalised, no sentence end, not running on into
    the next line (``… och``), not a list item, no amendment note?"""
    return (0 < len(text) <= _HEADING_MAX and text[0].isupper() and "\t" not in text
            and not ends_sentence(text) and not _RUNS_ON.search(text)
            and not _ITEM.match(text) and not MARKER.match(text)
            and not amendment_note(text))


def number_key(num: str) -> tuple[int, str]:
    """``3 a`` → (3, ``a``): the order of chapter and section numbers."""
    m = re.search(r"([0-9]+)(?: ?([a-z])(?![a-zåäö]))?", num)
    return (int(m.group(1)), m.group(2) or "") if m else (0, "")


# --- the text as lines with their chunk context ----------------------------------

class Text:
    """Normalised statute lines and what each line's position says about it."""

    def __init__(self, lines: tuple[Line, ...]) -> None:
        self.lines = lines
        self.cells = [line.text for line in lines]
        """The lines as normalised: a leading TAB is an empty first table cell."""
        self.texts = [text.lstrip("\t") for text in self.cells]
        """The lines without that indentation: what every recogniser but `row` reads."""

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def starts(self) -> list[bool]:
        """Whether each line opens a chunk: after an empty line or a marker line, or
        (for texts that leave out empty lines) a section line after a chapter line, a
        rubrik or a finished sentence, and a list item after a finished line."""
        out: list[bool] = []
        before, previous, previous_start = "", "", True
        for index, text in enumerate(self.texts):
            start = index == 0 or not previous or bool(MARKER.match(previous))
            if not start and text[:1] in "0123456789§" and "§" in text[:12]:
                found = _section_line(text)
                start = found is not None and (found.rest[:1].isupper() or found.rest[:1] == "/") \
                    and (ends_period(previous) or _CHAPTER.match(previous) is not None
                         or (heading_like(previous) and (previous_start or ends_period(before))))
            if not start and (m := _ITEM.match(text)):
                start = (bool(_ITEM_END.search(previous)) if m.group("marker")[0].isalnum()
                         else not previous.endswith(("-", "–")))
            out.append(start)
            before, previous, previous_start = previous, text, start
        return out

    @cached_property
    def chunk_ends(self) -> list[int]:
        """For each line, the index after the last line of its chunk (the next empty line
        or the next line that opens a chunk)."""
        out = [0] * len(self.texts)
        end = len(self.texts)
        starts = self.starts
        for index in range(len(self.texts) - 1, -1, -1):
            if not self.texts[index]:
                end = index
            out[index] = end
            if starts[index]:
                end = index
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


@dataclass(frozen=True)
class Numbered:
    """A numbered line: a part, chapter, section or annex, and what follows its number."""

    num: str
    """The number as written, with its word or sign: ``6 a kap.``, ``3 a §``, ``AVD. I``."""
    key: str
    """The number alone, for ordering: ``6 a``, ``3 a``, ``I``."""
    rest: str
    """The rest of the line (a heading, a marker, the first words of the text)."""


def _section_line(line: str) -> Numbered | None:
    m = _SECTION.match(line)
    if not m:
        return None
    if m.group("num") is not None:
        return Numbered(f"{m.group('num')} {m.group('sign')}", m.group("num"), m.group("rest") or "")
    return Numbered(f"§ {m.group('num_after')}", m.group("num_after").rstrip("."),
                    m.group("rest_after") or "")


def _chapter_line(line: str) -> Numbered | None:
    m = _CHAPTER.match(line)
    if not m:
        return None
    return Numbered(f"{m.group('num')} {m.group('word')}", m.group("num"), m.group("rest") or "")


def part(text: Text, i: int) -> Numbered | None:
    """A part in any of the styles statutes use (`_PART`): in capitals, or (mixed case,
    ``Avdelning I. …``) only above a chapter — inside a section's text such a line is text."""
    if not text.starts[i]:
        return None
    m = _PART.match(text.texts[i])
    if not m:
        return None
    chunk = text.chunk(i)
    rest = " ".join([m.group("rest") or "", *chunk[1:]]).strip()
    if len(chunk) > 3 or ends_sentence(rest) or (rest and not rest[0].isupper()):
        return None
    found = Numbered(m.group("num").strip(), m.group("num").strip(), m.group("rest") or "")
    if m.group("num").isupper() and (not rest or rest.upper() == rest or heading_like(rest)):
        return found
    following = text.next_start(i)  # mixed case: only above a chapter (past its heading)
    while following is not None and following < i + 8 and not chapter(text, following) \
            and title(text, following):
        following = text.next_start(following)
    if following is not None and chapter(text, following):
        return found
    return None


def chapter(text: Text, i: int) -> Numbered | None:
    """``8 kap. Förskolan``, ``1 Kap.`` (heading in the next chunk), ``9 kap. /Kapitlet
    upphör …/`` — a chapter line opening a short chunk whose heading starts in capitals
    and does not run on (``… och``), not part of a listing of chapters (`_in_listing`).

    A bare ``1 Kap.`` also opens a chapter in the middle of a chunk after a
    finished sentence (a whole act's repeal note can stand right above it).
    """
    found = _chapter_line(text.texts[i])
    if found is None:
        return None
    rest = found.rest
    if not text.starts[i]:
        return found if not rest and i and ends_period(text.texts[i - 1]) else None
    if REPEAL.match(rest):
        return None
    chunk = text.chunk(i)
    if rest.startswith("/"):
        ok = bool(_MARKER_AFTER.match(rest)) and len(chunk) <= 4
    else:
        ok = not rest or (rest[0].isupper() and len(chunk) <= 3
                          and heading_like(" ".join([rest, *chunk[1:]])))
    return found if ok and not _in_listing(text, i) else None


_LISTING = 3
"""This many chapter lines in a row with nothing between them are a listing of chapters
(a table of contents in a section's text), not chapters: a real chapter holds at least a
section or a rubrik before the next one."""


def _in_listing(text: Text, i: int) -> bool:
    run, index = [i], i
    while (index := text.next_start(index) or -1) > 0 and len(run) < _LISTING:  # forwards
        if not _plain_chapter(text, index):
            break
        run.append(index)
    index = i
    while len(run) < _LISTING:  # backwards
        previous = _previous_start(text, index)
        if previous is None or not _plain_chapter(text, previous):
            break
        run.append(previous)
        index = previous
    return len(run) >= _LISTING


def _plain_chapter(text: Text, i: int) -> bool:
    found = _chapter_line(text.texts[i])
    return found is not None and text.starts[i] and not REPEAL.match(found.rest) \
        and len(text.chunk(i)) <= 2 and (not found.rest or found.rest[0].isupper())


def _previous_start(text: Text, i: int) -> int | None:
    index = i - 1
    while index >= 0 and not text.texts[index]:
        index -= 1
    while index > 0 and text.texts[index - 1]:
        index -= 1
    return index if index >= 0 and text.texts[index] else None


def chapter_shaped(line: str) -> bool:
    """Does *line* look like a chapter heading (``2 kap. Definitioner``), wherever it stands?"""
    found = _chapter_line(line)
    return found is not None and (not found.rest or found.rest[0].isupper())


def chapter_repealed(text: Text, i: int) -> Numbered | None:
    """``1 kap. har upphört att gälla genom lag (1973:645).``"""
    found = _chapter_line(text.texts[i]) if text.starts[i] else None
    return found if found and REPEAL.match(found.rest) else None


def transitional(text: Text, i: int) -> bool:
    """``Övergångsbestämmelser`` alone."""
    return text.starts[i] and bool(_TRANSITIONAL.match(text.texts[i])) and len(text.chunk(i)) == 1


def act_number(text: Text, i: int) -> re.Match[str] | None:
    """``2022:1315`` alone: the amending act a group of transitional provisions belongs to."""
    if not text.starts[i] or len(text.chunk(i)) != 1:
        return None
    return _ACT_NUMBER.match(text.texts[i])


def annex(text: Text, i: int) -> Numbered | None:
    """``Bilaga 2`` (its title follows), ``Bilaga 5 Har upphävts genom lag (2017:620).``"""
    if not text.starts[i]:
        return None
    m = _ANNEX.match(text.texts[i])
    if not m:
        return None
    rest = m.group("rest") or ""
    title = " ".join([rest, *text.chunk(i)[1:]])
    if not rest or REPEAL.match(rest) or (
            len(text.chunk(i)) <= 2 and len(title) <= _HEADING_MAX and not ends_sentence(title)
            and (heading_like(title) or title.startswith(("(", "till "))) and "\t" not in title):
        return Numbered(m.group("num"), m.group("num"), rest)
    return None


def section(text: Text, i: int) -> Numbered | None:
    """``1 § Denna lag …``, ``3 a § /Upphör att gälla U:2026-07-01/``, ``5 §`` alone,
    ``1 §. …`` and ``§ 1. …`` in older laws.

    What follows the sign starts a sentence (a capital letter), a marker, or
    nothing: ``2 § första stycket gäller …`` opening a chunk is a stycke citing
    a section, not a section.
    """
    if not text.starts[i]:
        return None
    found = _section_line(text.texts[i])
    if found is None or REPEAL.match(found.rest):
        return None
    rest = found.rest
    if not rest or rest[0].isupper() or rest[0] in "/\"”»(" or re.match(r"[0-9]+\. ", rest):
        return found
    return None


def next_section(text: Text, i: int, reach: int = 400) -> str | None:
    """The number of the next section line after line *i* (within *reach* lines), before any
    chapter line; None if there is none."""
    index: int | None = i
    while (index := text.next_start(index)) is not None and index < i + reach:  # type: ignore[arg-type]
        if chapter(text, index) or chapter_repealed(text, index):
            return None
        found = section(text, index) or section_repealed(text, index)
        if found is not None:
            return found.key
    return None


def section_repealed(text: Text, i: int) -> Numbered | None:
    """``14 § Har upphävts genom lag (2007:516).``, ``7-10 §§ har upphört att gälla …``"""
    if not text.starts[i]:
        return None
    found = _section_line(text.texts[i])
    if found is None and (m := _SECTIONS.match(text.texts[i])):
        found = Numbered(f"{m.group('num')} §§", m.group("num"), m.group("rest") or "")
    return found if found and REPEAL.match(found.rest) else None


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
    """A table row: a chunk with a column gap (TAB) between the words of one of its lines
    (indentation alone, a TAB at the start, does not make a table)."""
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
