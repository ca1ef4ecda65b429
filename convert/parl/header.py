"""A paper's header: which kind it is, its designation, title and authors' line.

=================  ===========================================================
kind               header (one line each, empty lines between allowed)
=================  ===========================================================
motion             ``Motion till riksdagen`` [number] / ``2019/20:3063`` /
                   ``av Johan Forssell m.fl. (M)`` / title; older texts start
                   at the ``av`` line; a page heading's ``Motion 2000/01:MJ218
                   av … (v)`` on one line
committee report   ``Justitieutskottets betänkande`` / ``2018/19:JuU17`` / title
bill               ``Regeringens proposition 2018/19:138`` / title (wrapped) /
                   ``Regeringen överlämnar denna proposition till riksdagen.``
communication      ``Regeringens skrivelse 2018/19:70`` / title / ``Regeringen
                   överlämnar denna skrivelse till riksdagen.``
=================  ===========================================================

A motion published without its header (the Riksdag's web page keeps the header
outside the document's body) is recognised by its body: ``Förslag till
riksdagsbeslut`` with ``Riksdagen ställer sig bakom det som anförs i
motionen …``, or the older ``Hemställan`` / ``… hemställs`` / ``att riksdagen``.
An archive's file name (``mot-2022-23-2112.txt``, ``mot_202223__2112.docx``, or the
Riksdag's document id ``HA022112``) may then give the designation, with a warning
saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from ..grammar import canonical_session
from ..model import Kind, Message, Paper, Person
from ..normalise import Line
from .build import join_wrapped
from .lines import BY_LINE, genre, listed_people

DESIGNATION = r"(?P<y1>\d{4})/(?P<y2>\d{2}|\d{4}):(?P<number>[A-Za-zÅÄÖåäö]*\d+)"
"""``2019/20:3063``, ``2018/19:JuU17``, ``2019/2020:12``."""

_MOTION = re.compile(rf"^Motion(?: till riksdagen)?(?:\s+{DESIGNATION})?(?:\s+(?P<by>av .+))?$")
_REPORT = re.compile(rf"^(?P<committee>[A-ZÅÄÖ]\w*utskottets) betänkande(?:\s+{DESIGNATION})?$")
_GOVERNMENT = re.compile(rf"^Regeringens (?P<word>proposition|skrivelse)(?:\s+{DESIGNATION})?$")
_NUMBER_LINE = re.compile(rf"^{DESIGNATION}$")
_HANDS_OVER = re.compile(r"^Regeringen överlämnar denna (?:proposition|skrivelse) till riksdagen\.?$")
_FILE = re.compile(r"^(?P<kind>mot|bet|prop|skr)[-_](?P<y1>\d{4})[-_]?(?P<y2>\d{2})[-_]+(?P<number>[A-Za-z]*\d+)$",
                   re.IGNORECASE)
_DOK_ID = re.compile(r"^H(?P<session>[0-9A-Z])(?P<series>0[123])(?P<number>[A-Za-zÅÄÖåäö]*\d+)$")
"""The Riksdag's document id (``dok_id``): ``H7023063`` is series 02 (motions) of the
session ``H7`` (2019/20; ``H0`` is 2012/13, ``HA`` 2022/23), number 3063."""
_SERIES = {"01": (Kind.REPORT,), "02": (Kind.MOTION,), "03": (Kind.BILL, Kind.COMMUNICATION)}
_SESSION_CODES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MOTION_BODY = re.compile(r"^(?:\d+\.\s*)?(?:Riksdagen ställer sig bakom det som anförs i motionen"
                          r"|Riksdagen (?:begär|tillkännager|beslutar|anvisar)\b"
                          r"|Med hänvisning till det anförda hemställs|att riksdagen\b)")
KIND_WORDS = {"proposition": Kind.BILL, "skrivelse": Kind.COMMUNICATION}


@dataclass
class Header:
    """What a paper's header gave, and where its body starts."""

    kind: Kind
    paper: Paper
    title: str | None
    body: int
    """Index of the body's first line."""
    warnings: list[Message] = field(default_factory=list)


def looks_like_paper(lines: list[str]) -> Kind | None:
    """The kind of paper the opening lines of a text (stripped, not yet normalised) show,
    or None: a header, or a motion's body without one."""
    texts = [text for text in lines[:400] if text][:41]
    for seen, text in enumerate(texts, start=1):
        kind = _header_kind(text, texts[seen] if seen < len(texts) else "")
        if kind is not None and seen <= 3:
            return kind
        if _MOTION_BODY.match(text) or (seen == 1 and BY_LINE.match(text) and listed_by(text)):
            return Kind.MOTION
    return None


def listed_by(text: str) -> bool:
    """Is *text* a motion's author line (``av Per Bolund m.fl. (mp)``)?"""
    return bool(re.match(r"^av .+\((?:[A-Za-zÅÄÖåäö]{1,4})(?:, [A-Za-zÅÄÖåäö]{1,4})*\)$", text))


def _header_kind(text: str, following: str = "") -> Kind | None:
    """The kind a header line names; a government paper's number may stand on the
    *following* line (``Regeringens proposition`` / ``2020/21:123``), as on its cover."""
    if _REPORT.match(text):
        return Kind.REPORT
    m = _GOVERNMENT.match(text)
    if m and (m.group("number") or _NUMBER_LINE.match(following)):
        return KIND_WORDS[m.group("word")]
    if _MOTION.match(text) and (text.startswith("Motion till riksdagen") or " av " in text):
        return Kind.MOTION
    return None


def read_header(lines: tuple[Line, ...], name: str, forced: Kind | None) -> Header:
    """The header of a paper's normalised *lines* (``name``: the input's file name)."""
    start = next((i for i, line in enumerate(lines) if line.text), 0)
    first = lines[start].text if lines else ""
    second = _next(lines, start + 1)
    kind = _header_kind(first, lines[second].text if second < len(lines) else "")
    if kind is Kind.REPORT:
        header = _report(lines, start)
    elif kind in (Kind.BILL, Kind.COMMUNICATION):
        header = _government(lines, start, kind)
    elif kind is Kind.MOTION or (forced in (None, Kind.MOTION) and listed_by(first)):
        header = _motion(lines, start)
    else:
        header = Header(forced or Kind.MOTION, Paper(), None, start)
        if forced is None:
            header.warnings.append(Message("no-header", "no header naming the paper; read as a "
                                           "motion by its body", lines[start].number if lines else None))
    return _from_name(header, name)


def _next(lines: tuple[Line, ...], index: int) -> int:
    while index < len(lines) and not lines[index].text:
        index += 1
    return index


def _designation(m: re.Match[str]) -> tuple[str, str, str]:
    """(session, number, as written) from a match of `DESIGNATION`."""
    return (canonical_session(m.group("y1"), m.group("y2")), m.group("number"),
            f"{m.group('y1')}/{m.group('y2')}:{m.group('number')}")


def _motion(lines: tuple[Line, ...], start: int) -> Header:
    index = start
    doc_line = session = number = as_written = by = None
    m = _MOTION.match(lines[index].text)
    if m:
        doc_line = "Motion till riksdagen" if lines[index].text.startswith("Motion till riksdagen") \
            else "Motion"
        if m.group("number"):
            session, number, as_written = _designation(m)
        by = m.group("by")
        index = _next(lines, index + 1)
    if as_written is None and index < len(lines) and (n := _NUMBER_LINE.match(lines[index].text)):
        session, number, as_written = _designation(n)
        index = _next(lines, index + 1)
    if by is None and index < len(lines) and listed_by(lines[index].text):
        by = lines[index].text
        index = _next(lines, index + 1)
    title = None
    if doc_line is not None and index < len(lines) and _title_line(lines[index].text, Kind.MOTION):
        title, index = _title(lines, index, Kind.MOTION)
    paper = Paper(session, number, as_written, doc_line, by, tuple(_by_people(by)))
    return Header(Kind.MOTION, paper, title, index)


def _by_people(by: str | None) -> list[Person]:
    """The people an ``av`` line names: ``av A och B (KD)`` → A and B, both KD;
    ``av A m.fl. (M, KD)`` → A, party not stated alone."""
    if by is None:
        return []
    m = re.match(r"^av (?P<names>.+?)(?: m\.fl\.)? \((?P<parties>[^()]+)\)$", by)
    if not m:
        return listed_people(by)
    parties = [p.strip() for p in m.group("parties").split(",")]
    names = re.split(r",\s*|\s+och\s+", m.group("names"))
    party = parties[0] if len(parties) == 1 else None
    return [Person(n.strip(), party) for n in names if n.strip()]


def _report(lines: tuple[Line, ...], start: int) -> Header:
    m = _REPORT.match(lines[start].text)
    assert m
    doc_line = lines[start].text if not m.group("number") else lines[start].text[:m.start("y1")].strip()
    committee = m.group("committee")[:-1]  # "Justitieutskottets" → "Justitieutskottet"
    session = number = as_written = None
    if m.group("number"):
        session, number, as_written = _designation(m)
    index = _next(lines, start + 1)
    if as_written is None and index < len(lines) and (n := _NUMBER_LINE.match(lines[index].text)):
        session, number, as_written = _designation(n)
        index = _next(lines, index + 1)
    title = None
    if index < len(lines) and _title_line(lines[index].text, Kind.REPORT):
        title, index = _title(lines, index, Kind.REPORT)
    return Header(Kind.REPORT, Paper(session, number, as_written, doc_line, committee=committee),
                  title, index)


def _government(lines: tuple[Line, ...], start: int, kind: Kind) -> Header:
    m = _GOVERNMENT.match(lines[start].text)
    assert m
    index = _next(lines, start + 1)
    if m.group("number"):
        doc_line = lines[start].text[:m.start("y1")].strip()
    else:  # the number on a line of its own (`_header_kind` saw it there)
        doc_line, m = lines[start].text, _NUMBER_LINE.match(lines[index].text)
        assert m
        index = _next(lines, index + 1)
    session, number, as_written = _designation(m)
    end = index
    while end < len(lines) and end < index + 8 and not _HANDS_OVER.match(lines[end].text):
        end += 1
    title = None
    if end < len(lines) and end > index:
        title = ""
        for line in lines[index:end]:
            title = join_wrapped(title, line.text)
        index = end
    elif index < len(lines) and _title_line(lines[index].text, kind):
        # no "Regeringen överlämnar …" line near: the title is the block after the number
        title, index = _title(lines, index, kind)
    return Header(kind, Paper(session, number, as_written, doc_line), title or None, index)


def _title_line(text: str, kind: Kind) -> bool:
    """Can *text*, after the header's number, be the title (not the body's first heading)?"""
    return bool(text) and genre(text, kind) is None and not text.startswith("Innehållsförteckning") \
        and len(text) <= 300 and not _MOTION_BODY.match(text)


def _title(lines: tuple[Line, ...], index: int, kind: Kind) -> tuple[str, int]:
    """The title at *index*: one line (the Riksdag's HTML) or, in hard-wrapped text, the
    lines up to the next empty one; and the index after it."""
    title = lines[index].text
    following = index + 1
    while following < len(lines) and lines[following].text \
            and _continues_title(lines[following].text, kind):
        title = join_wrapped(title, lines[following].text)
        following += 1
    return title, _next(lines, following)


def _continues_title(text: str, kind: Kind) -> bool:
    """A hard-wrapped title goes on in lower case (``… för`` / ``migrationsdomstolarna``)."""
    return text[:1].islower() and genre(text, kind) is None


def _from_name(header: Header, name: str) -> Header:
    """A designation the text does not state, from an archive's file name (with a warning)."""
    paper = header.paper
    if paper.number is not None:
        return header
    stem = PurePath(name).name.split(".")[0]
    m = _FILE.match(stem)
    if m and m.group("kind").lower() == header.kind.value:
        session, number = canonical_session(m.group("y1"), m.group("y2")), m.group("number")
    elif (d := _DOK_ID.match(stem)) and header.kind in _SERIES[d.group("series")]:
        first = 2012 + _SESSION_CODES.index(d.group("session"))
        session, number = f"{first}/{(first + 1) % 100:02d}", d.group("number")
    else:
        return header
    header.paper = replace(paper, session=session, number=number)
    header.warnings.append(Message("number-from-name", f"the text states no designation; "
                                   f"{session}:{number} is taken from the file name"))
    return header
