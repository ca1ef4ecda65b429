"""The law on a given day: one version of each part, the one in force then.

A consolidated statute keeps every version of a time-limited part (``1 §
/Upphör att gälla U:2026-07-01/`` and ``1 § /Träder i kraft I:2026-07-01/``).
`as_of` keeps, of each part that has versions, the version whose interval holds
the day (`riksdoc.model.Validity.contains`) — where several do, the one that
began last — and leaves out a part not in force that day (a section that comes
into force later, one that has ceased).  The
transitional provisions are kept whole.  What is kept says the day
(`Statute.as_of`): the AKN expression is dated to it (``…/swe@2026-07-01``) and
the first page of every publication says ``Lydelse den 1 juli 2026``.

A reference to a part left out becomes text again, with a warning.  Where the
text cannot show that day's law — an amendment that came into force later is
in it without the wording it replaced — a warning says from which day on it can.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from ..eids import name
from ..model import Block, Division, Document, Kind, Level, Message, Statute, walk
from ..vocabulary import day_words
from .references import rename

_VERSION = re.compile(r"-v[^_]+")
"""The version part of an eId (``-v2026-07-01``, ``-v2``)."""


def as_of(document: Document, day: datetime.date) -> Document:
    """*document* (a statute) as in force on *day*; other kinds unchanged, with a warning."""
    if document.kind is not Kind.STATUTE:
        return replace(document, warnings=(*document.warnings, Message(
            "as-of-not-a-statute", "--as-of chooses among a statute's versions; this "
            f"{document.kind.value} has none and is unchanged")))
    kept: dict[int, Division] = {}
    blocks = _in_force(document.blocks, day, kept)
    renamed = _renamed(document.blocks, blocks, kept)
    blocks, gone = rename(blocks, renamed, f"names a part not in force on {day.isoformat()}")
    statute = replace(document.statute or Statute(), as_of=day)
    warnings = [*document.warnings, *gone]
    warnings += _outside_life(document.statute or Statute(), day)
    limit = reliable_from(document)
    if limit is not None and day < limit[0]:
        warnings.append(Message("as-of-before-consolidation", f"this text gives the law as "
                                f"amended through SFS {limit[1]}, in force {day_words(limit[0])}, "
                                f"without the wording it replaced: the law of "
                                f"{day_words(day)} can differ from it"))
    return replace(document, blocks=blocks, statute=statute, warnings=tuple(warnings))


def _outside_life(statute: Statute, day: datetime.date) -> list[Message]:
    """A warning where *day* is outside the statute's own life as its header or record states
    it: before it was issued or came into force, or after it was repealed."""
    if statute.issued is not None and day < statute.issued:
        return [Message("as-of-before-issued", f"the statute was issued {day_words(statute.issued)}: "
                        f"on {day_words(day)} it did not exist")]
    if statute.in_force is not None and day < statute.in_force:
        return [Message("as-of-before-in-force", f"the statute came into force "
                        f"{day_words(statute.in_force)}: on {day_words(day)} none of it was in force")]
    if statute.repealed is not None and day >= statute.repealed:
        return [Message("as-of-after-repeal", f"the statute was repealed as of "
                        f"{day_words(statute.repealed)}: on {day_words(day)} none of it was in force")]
    return []


def _in_force(blocks: tuple[Block, ...], day: datetime.date, kept: dict[int, Division]
              ) -> tuple[Block, ...]:
    """The parts in force on *day*; *kept* maps each division kept (by identity) to what
    it became (its eId may change: a second version kept alone loses its ``-v``)."""
    chosen = _chosen(blocks, day)
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Division) or block.level is Level.TRANSITIONAL:
            out.append(block)  # the transitional provisions are kept whole
        elif block.validity is None or id(block) in chosen:
            new = replace(block, children=_in_force(block.children, day, kept))
            kept[id(block)] = new
            out.append(new)
    return tuple(out)


def _chosen(blocks: tuple[Block, ...], day: datetime.date) -> set[int]:
    """The versions in force on *day*, one a part: of versions of the same part (level
    and number) whose intervals hold the day, the one that began last (the database
    leaves an older version open-ended when a later change replaces it)."""
    best: dict[tuple[Level, str | None], Division] = {}
    for block in blocks:
        if isinstance(block, Division) and block.validity is not None \
                and block.validity.contains(day):
            key = (block.level, block.num)
            if key not in best or _began(block) >= _began(best[key]):
                best[key] = block
    return {id(block) for block in best.values()}


def _began(division: Division) -> datetime.date:
    start = division.validity.start if division.validity is not None else None
    return start or datetime.date.min


def _renamed(old: tuple[Block, ...], new: tuple[Block, ...], kept: dict[int, Division]
             ) -> dict[str, str]:
    """Old eId → new eId of every part kept; a version left out → the version of the same
    part that was kept (a citation of ``2 kap. 2 §`` means the one in force)."""
    before, after = name(old), name(new)
    renamed: dict[str, str] = {}
    by_part: dict[str, str] = {}
    for part, eid in before.items():
        found = after.of(kept.get(id(part), part))
        if found is not None:
            renamed[eid] = found
            by_part.setdefault(_VERSION.sub("", eid), found)
    for _, eid in before.items():
        if eid not in renamed and (other := by_part.get(_VERSION.sub("", eid))):
            renamed[eid] = other
    return renamed


def reliable_from(document: Document) -> tuple[datetime.date, str] | None:
    """The first day whose law the text can show exactly, and the act that sets it: the
    in-force day of the latest amending act whose change the text holds without a marker
    (markers keep both wordings only of changes still to come)."""
    statute = document.statute
    if statute is None:
        return None
    marked = {day for block, _ in walk(document.blocks)
              if isinstance(block, Division) and block.validity is not None
              for day in (block.validity.start, block.validity.end) if day is not None}
    merged = [(a.in_force, a.number) for a in statute.amendments
              if a.in_force is not None and a.in_force not in marked]
    return max(merged) if merged else None
