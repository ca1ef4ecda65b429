"""Normalising a paper's text: the shared chain, with table cells kept and print layout out.

Motions, reports, bills and communications reach riksdoc as Word exports, as
the Riksdag's HTML rendered one block a line (tables as TAB-separated cells,
empty Word paragraphs as lines of a no-break space), or as the text of a
printed PDF with its running heads and page numbers between the paragraphs.
The chain is the Word-export chain (`riksdoc.normalise.STEPS`) with its
whitespace step replaced by these, in this order (the page's and the table of
contents' steps are `riksdoc.parl.page` and `riksdoc.parl.contents`):

* `paper_whitespace` — every TAB-separated cell trimmed (a cell of only
  no-break spaces empty), space runs one space, lines of only whitespace empty.
* `page_breaks` — the empty line a form feed left where it split a line (a
  PDF's text starts each page with one) goes: a page break ends no paragraph.
* `double_spacing` — a text with an empty line after nearly every line of text
  loses one empty line of each run (its lines then follow each other).
* `page_furniture` — for a printed paper (one whose header names it, or whose
  running head repeats): the running head (``Prop. 2018/19:138``, also when a
  PDF glued it to a line of text, and with ``Bilaga 2`` on an annex's pages)
  and the title block's ``Prop.`` / number cells come out.
* `table_of_contents` — ``Innehållsförteckning`` and its entries (dot leaders,
  page numbers, wrapped entries) come out of the text.
* `page_numbers` — in a printed paper, lines of a page number and page numbers
  sharing a line with text; a footnote at a page's foot (``1 Senaste lydelse
  2014:274.``) whose mark is glued to a word on the same page
  (``förvaltningsdomstolar1``, ``1 §1``) becomes a note.
* `layout_gaps` — a table is a run of TAB-separated lines in which two lines
  in a row hold two or more cells with text; its rows keep their cells.  A row
  of signatures (every cell a name, ``Stefan Löfven<TAB>Margot Wallström
  (Utrikesdepartementet)``) keeps its cells with text.  In any other line a TAB
  is a gap of the page's layout: the line's empty cells go and its other cells
  are joined by one space.

Everything taken out is in the report: ``running-head``, ``title-block``,
``table-of-contents`` (one change a line of the table of contents, its entry
in the detail), ``page-number``, ``footnote``, besides the shared chain's
kinds (``tab``: a layout gap made a space).  `riksdoc.parl.contents.contents` reads
the table of contents back from the report, for the parser's use.
"""

from __future__ import annotations

import re

from .. import normalise as shared
from ..normalise import Line, Log, Normalised, Step
from .contents import table_of_contents
from .lines import signers_row
from .page import page_furniture, page_numbers

_SPACES = " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_RUN = re.compile(r" {2,}")

KINDS = ("running-head", "title-block", "table-of-contents", "page-number", "footnote",
         "tab", "cell-whitespace")
"""The change kinds this chain adds to the shared ones."""


# --- whitespace and table cells --------------------------------------------------

def paper_whitespace(lines: list[Line], log: Log) -> list[Line]:
    """Each TAB-separated cell trimmed (a cell of only spaces empty) and its space runs
    one space; a line of only whitespace empty.  TABs stay until `layout_gaps`."""
    out = []
    for line in lines:
        cells = _tidy(line, log)
        out.append(Line(line.number, "" if cells is None else "\t".join(cells)))
    return out


def _tidy(line: Line, log: Log) -> list[str] | None:
    """The line's cells, each trimmed and its space runs collapsed (reported); None for a
    line of only whitespace."""
    text = line.text
    if not text.strip(_SPACES + "\t"):
        if text:
            log.change("whitespace-line", line.number, 1, text, "line of only whitespace → empty line")
        return None
    cells, column = [], 1
    for cell in text.split("\t"):
        stripped = cell.strip(_SPACES)
        if stripped != cell:
            lead = len(cell) - len(cell.lstrip(_SPACES))
            if lead:
                log.change("leading-whitespace", line.number, column, cell[:lead])
            tail = cell[lead + len(stripped):]
            if tail:
                log.change("trailing-whitespace", line.number, column + lead + len(stripped), tail)
        for m in reversed(list(_SPACE_RUN.finditer(stripped))):
            log.change("space-run", line.number, column + m.start(), m.group(),
                       f"{len(m.group())} spaces → 1")
        cells.append(_SPACE_RUN.sub(" ", stripped))
        column += len(cell) + 1
    return cells


def page_breaks(lines: list[Line], log: Log) -> list[Line]:
    """The empty line a form feed left where it split a line (a PDF's text starts each page
    with one) goes: a page break ends no paragraph.  The form feed is in the report."""
    def split(i: int) -> bool:
        return any(0 <= j < len(lines) and lines[j].number == lines[i].number for j in (i - 1, i + 1))
    return [line for i, line in enumerate(lines) if line.text or not split(i)]


def double_spacing(lines: list[Line], log: Log) -> list[Line]:
    """A text with an empty line after (nearly) every line of text, as some exports give
    it: each run of empty lines halved (the one after a line of text goes, an empty line
    of the source's own stays), so that lines of text follow each other as in a
    single-spaced text and a gap stays a gap.  Empty lines hold no text: nothing goes to
    the report."""
    filled = [i for i, line in enumerate(lines) if line.text]
    spaced = sum(1 for i in filled if i + 1 >= len(lines) or not lines[i + 1].text)
    if len(filled) < 8 or spaced < 0.9 * len(filled):
        return lines
    out: list[Line] = []
    run: list[Line] = []
    for line in [*lines, Line(0, "x")]:
        if not line.text:
            run.append(line)
            continue
        out += run[1::2]  # of 2k + 1 empty lines, the k the source had
        run = []
        out.append(line)
    return out[:-1]


def layout_gaps(lines: list[Line], log: Log) -> list[Line]:
    """Table rows keep their cells; in every other line the TABs were gaps of the page's
    layout: its empty cells go and its other cells are joined by one space."""
    cells = [line.text.split("\t") if line.text else None for line in lines]
    tables = _table_lines(cells)
    tables.update({index: False for index in _comparison_lines(lines)})
    out = []
    for index, line in enumerate(lines):
        row = cells[index]
        if row is None or len(row) == 1:
            out.append(line)
        elif index in tables:
            out.append(Line(line.number, "\t".join(_tika_row(row, tables[index]))))
        elif signers_row(line.text):  # a row of signatures: its cells are the signers
            out.append(Line(line.number, "\t".join(cell for cell in row if cell)))
        else:
            out.append(Line(line.number, _gaps_to_spaces(line, log)))
    return out


_COMPARISON = re.compile(r"^(?:Nuvarande|Gällande|Lydelse enligt [^\t]+)\s*lydelse\t+Föreslagen lydelse"
                         r"|^(?:Nuvarande|Gällande) lydelse\t+Föreslagen lydelse|^Lydelse enligt [^\t]+\t+"
                         r"Föreslagen lydelse")
_COMPARISON_END = re.compile(r"^(?:\d{1,2}\.\s*)?(?:Denna|Dessa) (?:lag|förordning|lagar|förordningar)"
                             r" träd|^Förslag till |^Härigenom |^\d{1,2}(?:\.\d{1,2})*\s+[A-ZÅÄÖ]")


def _comparison_lines(lines: list[Line]) -> list[int]:
    """The rows of a proposed amendment's comparison (``Nuvarande lydelse<TAB>Föreslagen
    lydelse`` and the two columns under it, up to the entry into force): a table of two
    columns even where a row stands alone."""
    found: list[int] = []
    inside = False
    for index, line in enumerate(lines):
        text = line.text
        if _COMPARISON.match(text):
            inside = True
        elif inside and _COMPARISON_END.match(text):
            inside = False
        if inside and "\t" in text and sum(1 for cell in text.split("\t") if cell) >= 2:
            found.append(index)
    return found


def _table_lines(rows: list[list[str] | None]) -> dict[int, bool]:
    """The indexes of table rows (a run of TAB-separated lines in which two lines in a row
    hold two or more cells with text), each with whether its run is in Tika's form (every
    row ends with a TAB, the last cell its terminator)."""
    def full(cells: list[str] | None) -> bool:
        return cells is not None and sum(1 for c in cells if c) >= 2

    found: dict[int, bool] = {}
    index = 0
    while index < len(rows):
        if len(rows[index] or ()) < 2:
            index += 1
            continue
        end = index
        while end < len(rows) and len(rows[end] or ()) >= 2:
            end += 1
        run = range(index, end)
        if any(full(rows[i]) and full(rows[i + 1]) for i in run[:-1]):
            tika = all((rows[i] or [""])[-1] == "" for i in run)
            found.update({i: tika for i in run})
        index = end
    return found


def _tika_row(cells: list[str], tika: bool) -> list[str]:
    return cells[:-1] if tika and len(cells) > 1 else cells


def _gaps_to_spaces(line: Line, log: Log) -> str:
    """A line that is no table row: its empty cells out, the others joined by a space."""
    column = 1
    parts = line.text.split("\t")
    for cell in parts[:-1]:
        column += len(cell)
        log.change("tab", line.number, column, "\t", "gap of the page layout → space")
        column += 1
    return " ".join(cell for cell in parts if cell)


# --- the chain ----------------------------------------------------------------------------

def _steps() -> tuple[Step, ...]:
    steps: list[Step] = []
    for step in shared.STEPS:
        if step is shared.tidy_whitespace:
            steps += [paper_whitespace, page_breaks, double_spacing, page_furniture,
                      table_of_contents, page_numbers, layout_gaps]
        else:
            steps.append(step)
    return tuple(steps)


STEPS: tuple[Step, ...] = _steps()
"""The paper chain, in the order the steps run."""


def clean(text: str, encoding: str = "str",
          replaced: tuple[tuple[int, int, bytes], ...] = ()) -> Normalised:
    """Normalise a paper's *text* (already decoded) with `STEPS`."""
    return shared.normalise(text, encoding, replaced, steps=STEPS)
