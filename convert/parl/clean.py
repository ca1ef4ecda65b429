"""Normalising a paper's text: the shared chain, with table cells kept and print layout out.

Motions, reports, bills and communications reach riksdoc as Word exports, as
the Riksdag's HTML rendered one block a line (tables as TAB-separated cells,
empty Word paragraphs as lines of a no-break space), or as the text of a
printed PDF with its running heads and page numbers between the paragraphs.
The chain is the Word-export chain (`riksdoc.normalise.STEPS`) with its
whitespace step replaced by `paper_whitespace` and three steps added after it:

* `paper_whitespace` — every TAB-separated cell trimmed (a cell of only
  no-break spaces empty), space runs one space, lines of only whitespace empty.
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
  in a row hold two or more cells with text; its rows keep their cells.  In
  any other line a TAB is a gap of the page's layout: the line's empty cells go
  and its other cells are joined by one space.

Everything taken out is in the report: ``running-head``, ``title-block``,
``table-of-contents`` (one change a line of the table of contents, its entry
in the detail), ``page-number``, ``footnote``, besides the shared chain's
kinds.  `contents` reads the table of contents back from the report, for the
parser's use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import normalise as shared
from ..normalise import NOTE_CLOSE, NOTE_OPEN, ExtractedNote, Line, Log, Normalised, Step

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


def layout_gaps(lines: list[Line], log: Log) -> list[Line]:
    """Table rows keep their cells; in every other line the TABs were gaps of the page's
    layout: its empty cells go and its other cells are joined by one space."""
    cells = [line.text.split("\t") if line.text else None for line in lines]
    tables = _table_lines(cells)
    out = []
    for index, line in enumerate(lines):
        row = cells[index]
        if row is None or len(row) == 1:
            out.append(line)
        elif index in tables:
            out.append(Line(line.number, "\t".join(_tika_row(row, tables[index]))))
        else:
            out.append(Line(line.number, _gaps_to_spaces(line, log)))
    return out


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


# --- the printed page: running heads, title block -----------------------------------

_HEADER = re.compile(r"^(?:Regeringens (?P<kind>proposition|skrivelse)|(?P<committee>\w+utskottets) "
                     r"betänkande|Motion till riksdagen)\s*(?P<number>\d{4}/\d{2,4}:[A-Za-zÅÄÖåäö]*\d+)?$")
_NUMBER = re.compile(r"^\d{4}/\d{2,4}:[A-Za-zÅÄÖåäö]*\d+$")
_LABELS = {"proposition": "Prop.", "skrivelse": "Skr."}
_RUNNING = re.compile(r"^(?P<label>Prop\.|Skr\.|Bet\.|Mot\.) (?P<number>\d{4}/\d{2,4}:[A-Za-zÅÄÖåäö]*\d+)"
                      r"(?: Bilaga \d+)?$")


def running_head(lines: list[Line]) -> str | None:
    """``Prop. 2018/19:138``: the running head of a printed paper, from its header
    (``Regeringens proposition 2018/19:138``) or, failing that, a line of that shape
    standing alone at least twice; None for a paper that is not a print."""
    for line in lines[:15]:
        m = _HEADER.match(line.text)
        if m and m.group("kind") and m.group("number"):
            return f"{_LABELS[m.group('kind')]} {m.group('number')}"
    seen: dict[str, int] = {}
    for line in lines:
        m = _RUNNING.match(line.text)
        if m:
            head = f"{m.group('label')} {m.group('number')}"
            seen[head] = seen.get(head, 0) + 1
            if seen[head] >= 2:
                return head
    return None


def page_furniture(lines: list[Line], log: Log) -> list[Line]:
    """A printed paper's running head out of every line (alone, or glued to text), and the
    title block's ``Prop.`` / number cells."""
    head = running_head(lines)
    if head is None:
        return lines
    pattern = re.compile(re.escape(head) + r"(?P<annex> Bilaga \d+)?(?![\d:])")
    out: list[Line] = []
    labelled: set[str] = set()
    for index, line in enumerate(lines):
        text = line.text
        if index < 15 and "\t" in text:
            text = _title_block(line, head, log)
        if head not in text:
            out.append(Line(line.number, text))
            continue
        kept = _without_head(Line(line.number, text), pattern, log, labelled)
        if kept is not None:
            out.append(kept)
    return out


def _without_head(line: Line, pattern: re.Pattern[str], log: Log, labelled: set[str]) -> Line | None:
    """*line* without its running heads (and the TAB or space that joined them); None when
    nothing else was on it.  An annex's first running head (``Prop. 2019/20:19 Bilaga 1``)
    leaves its label, ``Bilaga 1``, a line of the text: the annex's number."""
    text, pieces, last = line.text, [], 0
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        annex = (m.group("annex") or "").strip()
        if annex and annex not in labelled:
            labelled.add(annex)
            end = m.start("annex") + 1  # the head and its space go; the label stays
        if end < len(text) and text[end] in " \t":
            end += 1
        elif start > 0 and text[start - 1] in " \t":
            start -= 1
        detail = f"running head ({annex})" if annex else "running head"
        log.change("running-head", line.number, start + 1, text[start:end], detail)
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    rest = "".join(pieces)
    if "\t" in rest:
        rest = "\t".join(cell for cell in rest.split("\t") if cell) if \
            sum(1 for cell in rest.split("\t") if cell) > 1 else rest.replace("\t", "")
    return Line(line.number, rest) if rest.strip() else None


def _title_block(line: Line, head: str, log: Log) -> str:
    """``Straffet för mord<TAB>Prop.`` / ``<TAB>2018/19:138``: the title block's right
    column repeats the running head; its cells come out, the title's stay."""
    label, number = head.split(" ", 1)
    cells = line.text.split("\t")
    kept, column = [], 1
    for cell in cells:
        if cell in (label, number):
            log.change("title-block", line.number, column, cell, "the title block's label and number")
        elif cell:
            kept.append(cell)
        column += len(cell) + 1
    return " ".join(kept) if len(kept) < len(cells) else line.text


# --- the table of contents ----------------------------------------------------------

_CONTENTS = re.compile(r"^Innehållsförteckning\t?$", re.IGNORECASE)
_LEADERS = re.compile(r"\s*(?:\.\s?){3,}\s*")
_PAGE = re.compile(r"(?:^|\s|\t)(?P<page>\d{1,4})$")
_ENTRY_NUM = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4}\.?|Bilaga(?: \d+)?)(?:\s+|(?=[A-ZÅÄÖ]))")


@dataclass(frozen=True)
class Entry:
    """One entry of a paper's table of contents."""

    num: str | None
    """Its number as written without a final full stop (``4.1``, ``Bilaga 2``, ``1``
    for a report's reservation ``1.Aviserat lagförslag``); None if it has none."""
    title: str
    """Its title, a wrapped entry's rows joined, without dot leaders and page number."""
    page: str | None
    """The page number it gives, if any."""
    line: int
    """Its first input line."""


def table_of_contents(lines: list[Line], log: Log) -> list[Line]:
    """``Innehållsförteckning`` and its entries out of the text, each line reported."""
    start = next((i for i, line in enumerate(lines) if _CONTENTS.match(line.text)), None)
    if start is None:
        return lines
    end = _contents_end(lines, start)
    if end == start + 1:
        return lines  # a heading without entries is no table of contents
    for line in lines[start:end]:
        if line.text:
            log.change("table-of-contents", line.number, 1, line.text,
                       "table of contents" if line is lines[start] else "entry of the table of contents")
    return lines[:start] + lines[end:]


def _contents_end(lines: list[Line], start: int) -> int:
    """The index after the last line of the table of contents that starts at *start*: it
    ends at an empty line, at the body's first heading again (a repeat of its first
    entry), or at a line that cannot be an entry (running text)."""
    first: str | None = None
    index = start + 1
    while index < len(lines):
        text = lines[index].text
        if not text:
            if first is not None:
                break
            index += 1
            continue
        entry = parse_entry(text)
        if entry is None:
            break
        key = _key(entry[1])
        if first is None:
            first = key
        elif key and key == first and index > start + 2:
            break
        index += 1
    return index


def parse_entry(text: str) -> tuple[str | None, str, str | None] | None:
    """(number, title, page) of a line of a table of contents; None for running text."""
    cells = [c for c in text.split("\t") if c]
    plain = " ".join(cells)
    page = None
    leaders = bool(_LEADERS.search(plain))
    if (len(cells) > 1 and re.fullmatch(r"\d{1,4}", cells[-1])) or leaders:
        m = _PAGE.search(plain)
        if m:
            page = m.group("page")
            plain = plain[:m.start()]
    plain = _LEADERS.sub(" ", plain).strip()
    if not plain:
        return None
    if len(plain) > 200 or (plain.endswith((".", ":", ";", "!", "?")) and not leaders
                            and not re.fullmatch(r"\d{4}\.", plain)):
        return None
    m = _ENTRY_NUM.match(plain)
    num = m.group("num").rstrip(".") if m else None
    title = plain[m.end():].strip() if m else plain
    return num, title, page


_CONJUNCTION = re.compile(r"^(?:och|eller|samt|respektive|resp\.|som|till|,)\b")


def join_wrapped(before: str, after: str) -> str:
    """Two rows of one wrapped text as one: with a space, or none where a word broke at
    its hyphen (``50-`` / ``årsjubileum``; not ``miljö-`` / ``och hälsoskydd``)."""
    if not before:
        return after
    if not after:
        return before
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum() \
            and after[:1].islower() and not _CONJUNCTION.match(after):
        return before + after
    return f"{before} {after}"


def _key(title: str) -> str:
    return re.sub(r"\W+", " ", title).strip().lower()


def contents(normalised: Normalised) -> tuple[Entry, ...]:
    """The table of contents the report lists (`table_of_contents`), wrapped entries joined."""
    entries: list[Entry] = []
    pending_annex = False
    paged = entries_have_pages(normalised)
    for change in normalised.changes:
        if change.kind != "table-of-contents" or change.detail == "table of contents":
            continue
        parsed = parse_entry(change.text)
        if parsed is None:
            continue
        num, title, page = parsed
        last = entries[-1] if entries else None
        joins = last is not None and ((last.page is None and paged)
                                      or (pending_annex and num is None))
        if joins and last is not None:
            joined = join_wrapped(last.title, f"{num} {title}" if num else title)
            entries[-1] = Entry(last.num, joined, page, last.line)
        else:
            entries.append(Entry(num, title, page, change.line))
        pending_annex = num is not None and num.startswith("Bilaga") and not title
    return tuple(entries)


def entries_have_pages(normalised: Normalised) -> bool:
    """Does the table of contents give page numbers (a printed paper's does)?"""
    return any(change.kind == "table-of-contents" and _PAGE.search(change.text)
               and _LEADERS.search(change.text) for change in normalised.changes)


# --- page numbers and footnotes ---------------------------------------------------------

_PAGE_LINE = re.compile(r"^\d{1,3}$")
_LEADING_PAGE = re.compile(r"^(?P<page>\d{1,3})\t(?P<rest>.*)$")
_TRAILING_PAGE = re.compile(r"^(?P<rest>.*\S)\t(?P<page>\d{1,3})$")
_FOOTNOTE = re.compile(r"^(?P<mark>\d{1,2}) (?P<text>\S.*)$")


def page_numbers(lines: list[Line], log: Log) -> list[Line]:
    """A printed paper's page numbers out (lines of one, and a page number sharing a line
    with text); footnotes at a page's foot become notes where their mark is found."""
    if running_head(lines) is None and not any(c.kind == "running-head" for c in log.changes):
        return lines
    out: list[Line] = []
    page_start = index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        index += 1
        if _PAGE_LINE.match(text):
            log.change("page-number", line.number, 1, text, "page number")
            foot = len(out)
            while foot - 1 > page_start and _FOOTNOTE.match(out[foot - 1].text):
                foot -= 1
            _footnotes(out, page_start, foot, log)
            page_start = len(out)
        elif (m := _LEADING_PAGE.match(text)) and (_FOOTNOTE.match(m.group("rest"))
                                                   or m.group("rest")[:1].islower()):
            log.change("page-number", line.number, 1, m.group("page") + "\t", "page number")
            foot = len(out)
            out.append(Line(line.number, m.group("rest")))
            while (found := _FOOTNOTE.match(out[-1].text)) and index < len(lines) \
                    and (more := _FOOTNOTE.match(lines[index].text)) \
                    and int(more.group("mark")) == int(found.group("mark")) + 1:
                out.append(lines[index])  # the page's further footnotes
                index += 1
            _footnotes(out, page_start, foot, log)
            page_start = len(out)
        elif (m := _TRAILING_PAGE.match(text)) and "\t" not in m.group("rest"):
            log.change("page-number", line.number, len(m.group("rest")) + 1,
                       "\t" + m.group("page"), "page number")
            out.append(Line(line.number, m.group("rest")))
            page_start = len(out)
        else:
            out.append(line)
    return out


def _footnotes(out: list[Line], page_start: int, foot: int, log: Log) -> None:
    """The footnote lines from *foot* to the end of *out* (the foot of the page that begins
    at *page_start*) become notes, in order, where their mark is glued to a word above."""
    taken = [index for index in range(foot, len(out))
             if (m := _FOOTNOTE.match(out[index].text)) and _attach(out, page_start, foot, index, m, log)]
    for index in reversed(taken):
        del out[index]


def _attach(out: list[Line], page_start: int, foot: int, index: int, m: re.Match[str],
            log: Log) -> bool:
    """Footnote *index* (match *m*) as a note at the last word on the page above *foot*
    its mark is glued to; False if none is."""
    mark = m.group("mark")
    glued = re.compile(rf"(?<=[A-Za-zÅÄÖåäöéü§)])(?:{mark})(?=[\s.,;:)]|$)")
    for ref_index in range(foot - 1, page_start - 1, -1):
        ref_line = out[ref_index]
        found = list(glued.finditer(ref_line.text))
        if not found:
            continue
        spot = found[-1]
        note_id = f"fn{mark}"
        while any(n.note_id == note_id for n in log.notes):
            note_id += "'"
        footnote = out[index]
        log.notes.append(ExtractedNote(note_id, mark, m.group("text"), False, ref_line.number))
        log.change("footnote", footnote.number, 1, footnote.text,
                   f"footnote {mark} kept as a note (its mark on line {ref_line.number})")
        text = ref_line.text
        out[ref_index] = Line(ref_line.number, text[:spot.start()] + f"{NOTE_OPEN}{note_id}{NOTE_CLOSE}"
                              + text[spot.end():])
        return True
    return False


# --- the chain ----------------------------------------------------------------------------

def _steps() -> tuple[Step, ...]:
    steps: list[Step] = []
    for step in shared.STEPS:
        if step is shared.tidy_whitespace:
            steps += [paper_whitespace, page_furniture, table_of_contents, page_numbers,
                      layout_gaps]
        else:
            steps.append(step)
    return tuple(steps)


STEPS: tuple[Step, ...] = _steps()
"""The paper chain, in the order the steps run."""


def clean(text: str, encoding: str = "str",
          replaced: tuple[tuple[int, int, bytes], ...] = ()) -> Normalised:
    """Normalise a paper's *text* (already decoded) with `STEPS`."""
    return shared.normalise(text, encoding, replaced, steps=STEPS)
