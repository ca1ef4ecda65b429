"""The outline of a text made of `Division`s: what a reader navigates by, at which rank.

One reading of the hierarchy that every publication shares, so the PDF's
bookmarks, the HTML's headings and table of contents, the DOCX's Heading
styles (and with them Word's navigation pane) and the web page's outline all
agree.  It is generic: statutes use it now, reports and bills can add their
levels to the tables below.

* A division is *headed* when it has a number or a heading and is not a stycke:
  it gets a heading of its rank (`rank`: 1 for the top of the outline, 2 for
  what stands in it …; HTML ``h2``…, Word ``Heading 1``…).  The document's
  title stands above rank 1 (``h1``, Word's ``Title``).
* A *run-in* level (`RUN_IN`: a statute's section, paragraf) has no heading of
  its own: its number opens its first stycke (``1 §`` in semibold, the Swedish
  convention), and it is in the outline (a bookmark) but not a heading.
* A *leaf heading* (`Level.HEADING`, a rubrik) heads the parts after it without
  holding them: a heading at the rank of its siblings, not in the outline.
* The outline (`entries`) holds the headed and run-in divisions with their
  eIds (`riksdoc.eids`) and labels — number and heading as written, a
  version's marker words left out (`label`).
* A paper's proposals and signature blocks (`OWN_LAYOUT`) are neither headings
  nor in the outline: each publication lays them out in its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .eids import Names
from .model import Block, Division, Document, Level, Paragraph, inline_text

RUN_IN = frozenset({Level.SECTION})
"""Levels whose number runs into their first stycke instead of a heading."""
UNHEADED = frozenset({Level.PARAGRAPH})
"""Levels that are never headings (a stycke)."""
LEAF_HEADINGS = frozenset({Level.HEADING})
"""Levels that are a heading only (a rubrik): at their siblings' rank, not in the outline."""
OWN_LAYOUT = frozenset({Level.PROPOSAL, Level.SIGNATURES})
"""Levels a paper lays out in its own way, never as headings nor in the outline: a
proposal (its number hanging before its text), a signature block (names two to a row)."""
MAX_RANK = 5
"""Ranks go no deeper (HTML has ``h2``…``h6`` below the title)."""


def hierarchical(document: Document) -> bool:
    """Is the body made of divisions (a statute, a report), not flat paragraphs (a letter)?"""
    return any(isinstance(block, Division) for block in document.blocks)


def label(division: Division) -> str:
    """``1 kap. Inledande bestämmelser``, ``3 a §``, ``Övergångsbestämmelser``: the number
    and heading as written."""
    return " ".join(part for part in (division.num, division.heading) if part)


def markers(division: Division, *, leading: bool) -> list[str]:
    """A version's marker words that stand above the part (*leading*) or after its number."""
    validity = division.validity
    if validity is None or validity.leading != leading:
        return []
    return list(validity.markers)


def opens_with_text(division: Division) -> bool:
    """Does a run-in division's first stycke open with a paragraph its number can open?"""
    first = division.children[0] if division.children else None
    if not isinstance(first, Division) or first.level is not Level.PARAGRAPH \
            or first.validity is not None:
        return False
    return bool(first.children) and isinstance(first.children[0], Paragraph)


def headed(division: Division) -> bool:
    """Does *division* have a heading of its own (see the module docstring)?"""
    return division.level not in UNHEADED | RUN_IN | OWN_LAYOUT \
        and bool(division.num or division.heading)


@dataclass(frozen=True)
class Entry:
    """One division in the outline."""

    division: Division
    """The division."""
    eid: str
    """Its eId: the anchor a link, a bookmark or a table of contents points at."""
    rank: int
    """1 at the top of the outline."""
    children: tuple[Entry, ...]
    """The entries under it."""

    @property
    def label(self) -> str:
        """Its number and heading as written."""
        return label(self.division)


def ranks(blocks: tuple[Block, ...]) -> dict[int, int]:
    """The rank of every headed, run-in and leaf-heading division, by its identity."""
    found: dict[int, int] = {}

    def visit(parts: tuple[Block, ...], rank: int) -> None:
        for part in parts:
            if not isinstance(part, Division):
                continue
            if headed(part) or part.level in RUN_IN:
                found[id(part)] = min(rank, MAX_RANK)
                visit(part.children, rank + (part.level not in LEAF_HEADINGS))
            else:
                visit(part.children, rank)
    visit(blocks, 1)
    return found


def entries(blocks: tuple[Block, ...], names: Names) -> tuple[Entry, ...]:
    """The outline: headed and run-in divisions (not rubriker), nested, with eIds."""
    return tuple(_entries(blocks, names, 1))


def _entries(parts: tuple[Block, ...], names: Names, rank: int) -> Iterator[Entry]:
    for part in parts:
        if not isinstance(part, Division):
            continue
        eid = names.of(part)
        if part.level in LEAF_HEADINGS | OWN_LAYOUT or eid is None:
            continue
        if headed(part) or part.level in RUN_IN:
            yield Entry(part, eid, min(rank, MAX_RANK),
                        tuple(_entries(part.children, names, rank + 1)))
        else:
            yield from _entries(part.children, names, rank)


def flat(outline: tuple[Entry, ...]) -> Iterator[Entry]:
    """Every entry, depth first."""
    for entry in outline:
        yield entry
        yield from flat(entry.children)


def signer_line(paragraph: Paragraph, block: Division) -> bool:
    """Is *paragraph* of signature block *block* one signer's name line (``Name (Party)``),
    not its place and date, on whose behalf, or the list of members?"""
    text = inline_text(paragraph.content)
    return not text.startswith("Följande") and any(
        text == person.name or text.startswith(person.name + " (") for person in block.people)
