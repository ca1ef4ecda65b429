"""Readings of the content that every writer sets alike: table header rows,
numeric cells, capitalised names.

The model keeps a table as rows of cells, the way the export gives them; it
does not say which row is a header or which cells are figures.  These rules
decide it once, so that the DOCX and the PDF set a table the same way:

* a cell *is a number* when it holds only a figure as Swedish texts write
  them: ``120``, ``45 000``, ``2,5``, ``−3``, ``12 %``;
* a column *is numeric* when every cell below the header is a number,
  empty or a dash standing for nil (``–``, ``..``); its cells, header
  included, are set flush right in tabular figures;
* the first row *reads as a header* when the table has more rows, no cell
  of the first row is a figure other than a year (``2019``, ``2019/20``),
  and some column has words over figures (``Län | Miljoner kronor`` over
  ``Norrbotten | 120``; ``År`` over ``2018``) or a year over amounts
  (``2019`` over ``45 000``).  A first row like the rows below it (``2018
  | Beslut`` over ``2019 | Beslut``) is data.

Words kept whole in print (`keep_whole`):

* a capitalised word of six letters or more is taken as a proper name
  (Swedish capitalises little else but sentence starts) and is never
  hyphenated; shorter words cannot be broken with three letters each side;
* a line never ends in the author's own hyphen: not inside a compound
  (``Sven-Erik``, ``EU-kommissionen``), nor after a suspended one (``risk-
  och hotbedömningar``).  Text extractors (poppler's ``pdftotext`` among
  them) take a line-final hyphen-minus for a layout hyphen and drop it, and
  the word would no longer be found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..akn_paper_profile import PAPER_KINDS
from ..model import Document, Inline, Paragraph, Table, inline_text, walk

NUMBER = re.compile(r"[−–-]?\s?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?:\s?%)?"
                    r"|[−–-]?\s?\d+(?:[,.]\d+)?(?:\s?%)?")
"""A figure as a cell holds it: thousands grouped by (no-break) spaces, decimal comma."""

NIL = re.compile(r"[−–—-]|\.\.")
"""A cell that stands for nil or not available in a table of figures."""

YEAR = re.compile(r"(?:1[89]|20)\d\d(?:/(?:\d\d|\d{4}))?")
"""A year or a session (``2019``, ``2019/20``) as a column heading writes it."""

WORD = re.compile(r"\w+(?:[-\u2011]\w+)*")
"""A word, a hyphenated compound counted as one (``Sven-Erik``)."""

NAME_LENGTH = 6
"""Capitalised words this long or longer are kept whole (see the module docstring)."""


def cell_text(cell: tuple[Inline, ...]) -> str:
    """A cell's text without note references, stripped."""
    return inline_text(cell).strip()


def is_number(text: str) -> bool:
    """True for a cell that holds only a figure (``45 000``, ``2,5``, ``−3``, ``12 %``) or a
    year (``2019/20``)."""
    return NUMBER.fullmatch(text.strip()) is not None or is_year(text)


def header_row(table: Table) -> bool:
    """Whether the table's first row reads as its header (see the module docstring)."""
    if len(table.rows) < 2:
        return False
    first = [cell_text(cell) for cell in table.rows[0].cells]
    if not any(first) or any(is_number(t) and not is_year(t) for t in first):
        return False
    for index, head in enumerate(first):
        below = [cell_text(row.cells[index]) for row in table.rows[1:] if index < len(row.cells)]
        if head and not is_number(head) and any(is_number(t) for t in below):
            return True
        if is_year(head) and any(is_number(t) and not is_year(t) for t in below):
            return True
    return False


def is_year(text: str) -> bool:
    """True for a year or a session standing alone (``2019``, ``2019/20``)."""
    return YEAR.fullmatch(text.strip()) is not None


def numeric_columns(table: Table) -> frozenset[int]:
    """Indexes of the columns whose data cells (below a header row) are all numbers."""
    data = table.rows[1:] if header_row(table) else table.rows
    columns: dict[int, bool] = {}
    for row in data:
        for index, cell in enumerate(row.cells):
            text = cell_text(cell)
            if text and not NIL.fullmatch(text):
                columns[index] = columns.get(index, True) and is_number(text)
    return frozenset(index for index, numeric in columns.items() if numeric)


_KEPT = re.compile(WORD.pattern + r"(?:-\s+" + WORD.pattern + r")?")


def keep_whole(text: str) -> Iterator[tuple[str, str | None]]:
    """*text* in pieces, each with why it is kept whole: ``"name"`` (a capitalised name,
    never hyphenated), ``"compound"`` (holds the author's hyphen), or None."""
    last = 0
    for match in _KEPT.finditer(text):
        piece = match.group()
        if piece[0].isupper() and len(piece) >= NAME_LENGTH:
            reason: str | None = "name"
        elif "-" in piece or "\u2011" in piece:
            reason = "compound"
        else:
            continue
        if match.start() > last:
            yield text[last:match.start()], None
        yield piece, reason
        last = match.end()
    if last < len(text):
        yield text[last:], None


def dated_at_top(document: Document) -> bool:
    """Whether the date line stands at the top, before the document line: older answers,
    questions and interpellations date the document there (no place, no signature).  A
    paper's date line is in its text (its signature block), never composed."""
    return document.date is not None and not document.place and not document.signatures \
        and document.paper is None


PRINTED_CONTENTS_CHARS = 15_000
"""A paper with more text than this (about five printed pages) gets a table of contents in
print and DOCX, as the Riksdag prints one in its longer papers; the screen page always has one."""
PRINTED_CONTENTS_DEPTH = 2
"""Ranks the printed table of contents goes down to (``2``, ``2.1``; not ``2.1.1``)."""


def printed_contents(document: Document) -> bool:
    """Does *document*'s print (and DOCX) get a table of contents (a paper past a few pages)?"""
    if document.kind not in PAPER_KINDS:
        return False
    length = 0
    for block, _ in walk(document.blocks):
        if isinstance(block, Paragraph):
            length += len(inline_text(block.content))
            if length > PRINTED_CONTENTS_CHARS:
                return True
    return False
