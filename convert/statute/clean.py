"""Normalising statute text: the shared chain, with column gaps kept for tables.

Statute text from the legal database is hard-wrapped plain text, not a Word
export: it has no notes to lift out, its trailing spaces mean nothing, and its
tables are columns aligned with tabs and runs of spaces.  The chain is the
Word-export chain (`riksdoc.normalise`) with its whitespace step replaced by
`statute_whitespace`, so that a column gap survives as a TAB for the table
recogniser instead of collapsing into a space.

After `clean`, these hold besides what `riksdoc.normalise` guarantees for
characters (no controls, NFC, no invisible characters, exporter markers out):

* No line ends with whitespace; a line of only whitespace is empty.
* A TAB stands for one column gap: a run of whitespace holding a tab or at
  least three spaces, between two cells or at the start of a line (an empty
  first cell).  Nowhere else is there a TAB.
* No two spaces in a row; no line starts with a space.
* Every change is in the report: ``trailing-whitespace``, ``leading-whitespace``,
  ``whitespace-line``, ``space-run`` and ``column-gap`` (a gap other than a
  single TAB, with what it was).
"""

from __future__ import annotations

import re

from ..normalise import (
    Line,
    Log,
    Normalised,
    Step,
    compose_nfc,
    map_symbol_bullets,
    normalise,
    remove_bookmarks,
    remove_comments,
    remove_control_characters,
    remove_embedded_file_names,
    remove_images,
    remove_invisible_characters,
    split_line_breaks,
    trim_empty_edges,
)

_SPACES = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000"
_GAP = re.compile(r"[ \u00a0]*\t[\t \u00a0]*| {3,}")
_TWO = re.compile(r" {2}")


def statute_whitespace(lines: list[Line], log: Log) -> list[Line]:
    """Ends trimmed, column gaps become one TAB, other space runs one space."""
    return [_tidy(line, log) for line in lines]


def _tidy(line: Line, log: Log) -> Line:
    text = line.text
    if "\t" not in text and "  " not in text:  # most lines: at most a trailing space
        stripped = text.rstrip(" ")
        if stripped.strip() == stripped and stripped:
            if len(stripped) < len(text):
                log.change("trailing-whitespace", line.number, len(stripped) + 1,
                           text[len(stripped):])
                return Line(line.number, stripped)
            return line
    if not text.strip(_SPACES):
        if text:
            log.change("whitespace-line", line.number, 1, text, "line of only whitespace → empty line")
        return Line(line.number, "")
    end = len(text.rstrip(_SPACES))
    if end < len(text):
        log.change("trailing-whitespace", line.number, end + 1, text[end:])
        text = text[:end]
    start = len(text) - len(text.lstrip(_SPACES))
    lead = ""
    if start:
        if _GAP.fullmatch(text[:start]):
            lead = "\t"  # an indented continuation of a table cell: the first cell is empty
            if text[:start] != "\t":
                log.change("column-gap", line.number, 1, text[:start], "column gap → one TAB")
        else:
            log.change("leading-whitespace", line.number, 1, text[:start])
        text = text[start:]
    out, last = [], 0
    for m in _GAP.finditer(text):
        out.append(text[last:m.start()])
        out.append("\t")
        if m.group() != "\t":
            log.change("column-gap", line.number, start + m.start() + 1, m.group(),
                       "column gap → one TAB")
        last = m.end()
    out.append(text[last:])
    joined = "".join(out)
    for m in reversed(list(_TWO.finditer(joined))):
        log.change("space-run", line.number, m.start() + 1, m.group(), "2 spaces → 1")
    return Line(line.number, lead + _TWO.sub(" ", joined))


STEPS: tuple[Step, ...] = (
    split_line_breaks,
    remove_control_characters,
    compose_nfc,
    remove_invisible_characters,
    map_symbol_bullets,
    remove_comments,
    remove_bookmarks,
    remove_images,
    remove_embedded_file_names,
    statute_whitespace,
    trim_empty_edges,
)
"""The statute chain, in the order the steps run (no note extraction: the database's
text has no Word notes, and a ``[footnoteRef:1]`` in it stays text)."""


def clean(text: str, encoding: str = "str",
          replaced: tuple[tuple[int, int, bytes], ...] = ()) -> Normalised:
    """Normalise statute *text* (already decoded) with `STEPS`."""
    return normalise(text, encoding, replaced, steps=STEPS)
