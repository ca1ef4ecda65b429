"""A paper's table of contents: out of the text into the report, and read back for the parser.

`table_of_contents` (a normalisation step) takes ``Innehållsförteckning`` and its
entries out of the text: entries with dot leaders and page numbers (a print's,
as TAB-separated cells), entries without (a motion's or report's list of
headings), wrapped entries, ``Bilaga 1`` entries with their titles.  Each line is
a ``table-of-contents`` change in the report.  `contents` reads the entries back
from the report (`Entry`: number, title, page), wrapped rows joined, for the
parser to confirm numbered headings, complete wrapped ones and find annexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalise import Line, Log, Normalised
from .build import join_wrapped

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
                       "table of contents" if line is lines[start] else _described(line.text))
    return lines[:start] + lines[end:]


def _described(text: str) -> str:
    """``entry of the table of contents: 4.1 Allmänt om påföljdsbestämning, page 5``."""
    entry = parse_entry(text)
    if entry is None:
        return "entry of the table of contents"
    num, title, page = entry
    words = " ".join(part for part in (num, title) if part)
    return f"entry of the table of contents: {words}" + (f", page {page}" if page else "")


def _contents_end(lines: list[Line], start: int) -> int:
    """The index after the last line of the table of contents that starts at *start*: it
    ends at an empty line, at the body's first heading again (a repeat of its first
    entry that the text above has not had: a report's ``Sammanfattning`` comes before its
    contents, which list it), or at a line that cannot be an entry (running text)."""
    first: str | None = None
    above = {_key(line.text) for line in lines[:start]}
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
        if first is None and key not in above:
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


