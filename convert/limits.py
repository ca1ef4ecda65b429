"""Size limits on inputs: what riksdoc refuses rather than grinding through.

A Riksdag answer is a few kilobytes; these limits are far above any real
document and well below what would exhaust a worker (a PDF of 100 000
paragraphs is thousands of pages).  ``riksdoc convert`` sets them with
``--max-bytes``, ``--max-lines``, ``--max-line-length`` and ``--timeout``.

They apply to the model too, whichever reader made it (`Limits.check_document`:
blocks, list items, table cells, notes, the length of a marker, the numbers
a document names), and every number read from a document is read with
`bounded_number`: ASCII digits only (a Unicode digit is text, not a number)
and never more of them than its range needs, so no conversion ever meets a
number too large to handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError
from .model import Block, Division, Document, ListBlock, Table
from .normalise import Normalised

LARGEST_NUMBER = 999_999
"""The largest question number (or other document number) riksdoc accepts."""
SESSION = re.compile(r"[0-9]{4}/[0-9]{2}")
"""A session (riksmöte) in canonical form, ASCII digits: ``2017/18``."""


@dataclass(frozen=True)
class Limits:
    """Largest input riksdoc accepts."""

    max_bytes: int = 10_000_000
    """Size of one input file in bytes (10 MB)."""
    max_lines: int = 50_000
    """Lines of one text input after normalisation."""
    max_line_length: int = 100_000
    """Characters in one line (one paragraph) of a text input."""
    max_seconds: float = 120.0
    """Time to convert one document to every format asked for.  Enforced from outside:
    the worker pool (`riksdoc.pool`) kills the conversion's process at its deadline."""
    max_blocks: int = 50_000
    """Paragraphs, lists and tables in one document (the preamble's paragraphs too)."""
    max_list_items: int = 50_000
    """List items in one document."""
    max_table_cells: int = 50_000
    """Table cells in one document (the DOCX writer lays out about 7 000 a second)."""
    max_notes: int = 2_000
    """Footnotes and endnotes in one document."""
    max_marker_length: int = 64
    """Characters of one list marker or note mark (``1)``, ``iv.``, ``*``)."""

    def check_size(self, size: int) -> None:
        """Refuse an input of *size* bytes over the limit."""
        if size > self.max_bytes:
            raise InputError(f"is {size:,} bytes; the limit is {self.max_bytes:,} (--max-bytes)")

    def check_text(self, normalised: Normalised) -> None:
        """Refuse text with too many or too long lines."""
        if len(normalised.lines) > self.max_lines:
            raise InputError(f"has {len(normalised.lines):,} lines; the limit is "
                             f"{self.max_lines:,} (--max-lines)")
        for line in normalised.lines:
            if len(line.text) > self.max_line_length:
                raise InputError(f"line {line.number} has {len(line.text):,} characters; the "
                                 f"limit is {self.max_line_length:,} (--max-line-length)")

    def check_count(self, what: str, count: int, limit: int) -> None:
        """Refuse a document with more than *limit* of *what* (called while reading, so a
        reader stops as soon as it knows)."""
        if count > limit:
            raise InputError(f"has more than {limit:,} {what}; riksdoc reads no more")

    def check_marker(self, marker: str) -> None:
        """Refuse a list marker or note mark longer than `max_marker_length`."""
        if len(marker) > self.max_marker_length:
            raise InputError(f"has a list marker or note mark of {len(marker):,} characters; "
                             f"the limit is {self.max_marker_length}")

    def check_document(self, document: Document) -> None:
        """Refuse a model past these limits, or naming a number riksdoc cannot hold.

        Every block counts, however deep (a statute's divisions, blocks inside list items)."""
        blocks = len(document.preamble)
        items = cells = 0
        stack: list[Block] = list(document.blocks)
        while stack:
            block = stack.pop()
            blocks += 1
            if isinstance(block, ListBlock):
                items += len(block.items)
                for item in block.items:
                    self.check_marker(item.marker)
                    stack.extend(item.blocks)
            elif isinstance(block, Table):
                cells += sum(len(row.cells) for row in block.rows)
            elif isinstance(block, Division):
                self.check_marker(block.num or "")
                stack.extend(block.children)
        self.check_count("paragraphs, lists, tables and parts", blocks, self.max_blocks)
        self.check_count("list items", items, self.max_list_items)
        self.check_count("table cells", cells, self.max_table_cells)
        self.check_count("notes", len(document.notes), self.max_notes)
        for note in document.notes:
            self.check_marker(note.marker)
        for question in document.questions:
            if not SESSION.fullmatch(question.session):
                raise InputError(f"session {question.session[:20]!r} is not one (2017/18)")
            if not 0 < question.number <= LARGEST_NUMBER:
                raise InputError(f"question number {str(question.number)[:20]} is out of range "
                                 f"(1 to {LARGEST_NUMBER:,})")


DEFAULT = Limits()


def bounded_number(text: str | None, low: int, high: int) -> int | None:
    """*text* as a whole number if it is one in ``low..high`` written in ASCII digits (with
    an optional minus sign), else None.  Never converts more digits than *high* has."""
    if text is None:
        return None
    digits = text[1:] if text.startswith("-") else text
    if not digits or not digits.isascii() or not digits.isdigit() \
            or len(digits.lstrip("0")) > len(str(max(abs(low), abs(high)))):
        return None
    number = int(text)
    return number if low <= number <= high else None
