"""The closing: ``Stockholm den 25 oktober 2017`` and the signature block after it.

The closing is the last place-and-date line whose following lines are all
lines a signature block holds — names, titles, a department, ``Enligt
uppdrag``, a line to sign on — so a date line quoted in the body (a notice a
question cites, with running text after it) is never taken for the closing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..grammar import DASHES, plain
from ..model import Signature, SwedishDate
from ..normalise import Line
from .lines import LineClass, classify, place_date
from .people import signatures

SIGNATURE_CLASSES = (LineClass.NAME, LineClass.MINISTER, LineClass.ROLE, LineClass.DEPARTMENT,
                     LineClass.BY_ORDER, LineClass.SHORT)
"""Classes of the lines a signature block may hold."""

MOST_SIGNATURE_LINES = 8
"""More lines than this after a date line are body, not a signature block."""

MOST_TITLE_CHARACTERS = 60
"""A signer's title (``Expeditions- och rättschef``) is short."""


@dataclass
class Closing:
    """Where the closing starts, and what it says."""

    start: int
    """Index of the place-and-date line (len(lines) when there is no closing)."""
    place: str | None = None
    date: SwedishDate | None = None
    date_text: str | None = None
    signatures: tuple[Signature, ...] = ()
    warnings: tuple[tuple[str, str, int | None], ...] = ()


def find_closing(lines: list[Line], start: int, valid_date) -> Closing:  # type: ignore[no-untyped-def]
    """The closing at or after index *start*; *valid_date*(match data, line) gives the date
    or None (and warns) for an impossible one."""
    for index in range(len(lines) - 1, start - 1, -1):
        data = place_date(plain(lines[index].text))
        if data is None:
            continue
        after = [line for line in lines[index + 1:] if line.text]
        if len(after) > MOST_SIGNATURE_LINES or not all(_signature_line(line) for line in after):
            continue
        date = valid_date(data, lines[index].number)
        if date is None:
            continue
        raw = lines[index].text  # note marks stay, to be taken out (and reported) later
        date_text = raw[raw.index(" den ") + 5:]
        found, problems = signatures(tuple(line.text for line in after))
        warnings = tuple(("signature", problem, after[at].number) for at, problem in problems)
        return Closing(index, data["place"], date, date_text, found, warnings)
    return Closing(len(lines))


def _signature_line(line: Line) -> bool:
    """A line a signature block holds; a short line only where it could be a title
    (``Kansliråd``), never a question (``Vad avser statsrådet att göra?``)."""
    text = plain(line.text)
    cls = classify(text).cls
    if cls is LineClass.SHORT:
        return len(text) <= MOST_TITLE_CHARACTERS and not text.endswith("?")
    return cls in SIGNATURE_CLASSES or bool(DASHES.fullmatch(text))
