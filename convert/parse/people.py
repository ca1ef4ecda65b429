"""People in a document's lines: ministers, speakers, signatories, questioners named in the body.

These are the parser's public readings of single lines or signature blocks;
the DOCX reader uses the same functions, so a line reads the same from a text
export and from a riksdoc DOCX.
"""

from __future__ import annotations

import re

from ..grammar import NAME, PARTY, plain
from ..model import Person, Signature
from .lines import LineClass, Reading, classify, minister_line, speech_line

_PARTY_AT_END = re.compile(rf"^(?P<rest>.+?)\s+{PARTY}$")


def minister(text: str) -> Person | None:
    """``Statsrådet Catharina Elmsäter-Svärd``, ``Närings- och handelsminister Mikael
    Damberg (S)`` as (name, party, role); None if *text* is not a minister line."""
    data = minister_line(text)
    if data is None:
        return None
    return Person(data["name"] or "", data.get("party"), data["role"])


def speaker(text: str) -> tuple[str, Person, str] | None:
    """A debate's speaker line → (marker, speaker, label); None if *text* is not one (or
    goes on with what was said: see `speaker_and_words`).

    ``Anf. 1 Arbetsmarknadsminister YLVA JOHANSSON (S):`` → (``Anf. 1``,
    Person(``YLVA JOHANSSON``, ``S``, ``Arbetsmarknadsminister``),
    ``Arbetsmarknadsminister YLVA JOHANSSON (S):``).
    """
    found = speaker_and_words(text)
    return None if found is None or found[3] else found[:3]


def speaker_and_words(text: str) -> tuple[str, Person, str, str] | None:
    """Like `speaker`, for a line that may go on with what the speaker says after the
    colon (``Anf. 2 NAMN (M): Fru talman! …``): (marker, speaker, label, those words)."""
    data = speech_line(text)
    if data is None:
        return None
    marker, label = data["marker"] or "", data["label"] or ""
    person = Person(data["name"] or "", data.get("party"), data.get("role"))
    return marker, person, label, data.get("said") or ""


# -- signatures --------------------------------------------------------------------------

_NOT_A_SIGNER = (LineClass.DEPARTMENT, LineClass.BY_ORDER, LineClass.ROLE, LineClass.PLACE_DATE,
                 LineClass.DATE, LineClass.TO_RIKSDAG, LineClass.REFERENCE)


def signatures(lines: tuple[str, ...]) -> tuple[tuple[Signature, ...], list[tuple[int, str]]]:
    """The signature blocks of the lines after the closing date, and warnings.

    ``Enligt uppdrag`` starts a block of its own (an official signing for the
    minister named above it); a block with nobody in it (a department line
    alone) joins the next.  Warnings are (index of the line, text).
    """
    if not lines:
        return (), []
    blocks: list[list[str]] = [[]]
    for line in lines:
        if classify(plain(line)).cls is LineClass.BY_ORDER and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
    merged: list[list[str]] = []
    carry: list[str] = []
    for block in blocks:
        if _signer(block) is None and block is not blocks[-1]:
            carry += block
            continue
        merged.append(carry + block)
        carry = []
    out, warnings, at = [], [], 0
    for block in merged:
        found = signature(tuple(block))
        if _signer(block) is None:
            warnings.append((at, "no name in the signature block"))
        out.append(found)
        at += len(block)
    return tuple(out), warnings


def signature(lines: tuple[str, ...]) -> Signature:
    """One signature block: who signed (name, party, title) and every line as written.

    The name is the first line that is a name (``Morgan Johansson``, ``… (S)``,
    ``… ––``) and not a department, ``Enligt uppdrag`` or a title; the title is
    the line after the name, or a minister's title on the line before it.
    """
    readings = [classify(plain(line)) for line in lines]
    at = _signer_index(readings)
    if at is None:
        return Signature(Person(plain(lines[0]) if lines else ""), lines)
    reading = readings[at]
    name, party = reading.get("name") or reading.text, reading.get("party")
    role = reading.get("role")
    if role is None:
        role = _title_after(readings, at) or _title_before(readings, at)
    return Signature(Person(name, party, role), lines)


def _signer(block: list[str]) -> int | None:
    return _signer_index([classify(plain(line)) for line in block])


def _signer_index(readings: list[Reading]) -> int | None:
    """The name line: a name of two or more words, else a single-word name."""
    names = [i for i, r in enumerate(readings)
             if r.cls in (LineClass.NAME, LineClass.MINISTER) and r.cls not in _NOT_A_SIGNER]
    full = [i for i in names if len((readings[i].get("name") or "").split()) >= 2]
    if full:
        return full[0]
    return names[0] if names else None


def _title_after(readings: list[Reading], at: int) -> str | None:
    """The line after the name, where it is a title (``Kansliråd``, ``Expeditions- och
    rättschef``, ``Justitieminister``) and not another name, department or the like."""
    if at + 1 >= len(readings):
        return None
    after = readings[at + 1]
    one_word = after.cls is LineClass.NAME and len((after.get("name") or "").split()) < 2
    if after.cls in (LineClass.ROLE, LineClass.SHORT) or one_word:
        return after.text
    return None


def _title_before(readings: list[Reading], at: int) -> str | None:
    if at > 0 and readings[at - 1].cls is LineClass.ROLE:
        return readings[at - 1].text
    return None


# -- questioners the body names ------------------------------------------------------------

_ASKED = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\soch\s)|(?<=\ssamt\s))(?P<names>{NAME}(?:(?:,\s+|\s+och\s+){NAME}){{0,4}})\s+har\s+"
    r"(?:frågat\b|ställt\s+(?:\w+\s+){0,2}frågor?\b)")
_NAMES_SEP = re.compile(r",\s+|\s+och\s+")


def asked_in(text: str) -> list[str]:
    """The names of those who *text* says asked: ``Hans Olsson har frågat mig …``,
    ``Anna Ek och Bo Ström har frågat mig …``, one sentence after another."""
    names: list[str] = []
    for m in _ASKED.finditer(text):
        for name in _NAMES_SEP.split(m.group("names")):
            if len(name.split()) >= 2 and name not in names:  # a person has a full name
                names.append(name)
    return names
