"""A printed paper's page furniture: running heads, the title block, page numbers, and the
footnotes at a page's foot.

A bill or communication published as the text of its printed PDF has, between its
paragraphs, what the print repeats on every page.  These normalisation steps
(`riksdoc.parl.clean` runs them) take it out into the report:

* `page_furniture` — the running head (``Prop. 2018/19:138``, alone on a line or
  glued to text, ``… Bilaga 2`` on an annex's pages: the first of those leaves
  its label ``Bilaga 2``, the annex's number) and the title block's ``Prop.`` /
  number cells beside the title;
* `page_numbers` — lines of a page number, and a page number sharing a line with
  text; the footnotes at a page's foot (``1 Senaste lydelse 2014:274.``) whose
  mark is glued to a word above them on the page (``förvaltningsdomstolar1``,
  ``1 §1``) become notes at that mark.
"""

from __future__ import annotations

import re

from ..normalise import NOTE_CLOSE, NOTE_OPEN, ExtractedNote, Line, Log

_HEADER = re.compile(r"^(?:Regeringens (?P<kind>proposition|skrivelse)|(?P<committee>\w+utskottets) "
                     r"betänkande|Motion till riksdagen)\s*(?P<number>\d{4}/\d{2,4}:[A-Za-zÅÄÖåäö]*\d+)?$")
_NUMBER = re.compile(r"^\d{4}/\d{2,4}:[A-Za-zÅÄÖåäö]*\d+$")
_LABELS = {"proposition": "Prop.", "skrivelse": "Skr."}
_RUNNING = re.compile(r"^(?P<label>Prop\.|Skr\.|Bet\.|Mot\.) (?P<number>\d{4}/\d{2,4}:[A-Za-zÅÄÖåäö]*\d+)"
                      r"(?: Bilaga \d+)?$")


def running_head(lines: list[Line]) -> str | None:
    """``Prop. 2018/19:138``: the running head of a printed paper, from its header
    (``Regeringens proposition 2018/19:138``) or, failing that, a line of that shape
    standing alone at least twice; a report's or motion's print repeats its bare number
    (``2018/19:JuU17``) alone on a line; None for a paper that is not a print."""
    number = None
    opening = [line.text for line in lines[:15] if line.text]
    for position, text in enumerate(opening):
        m = _HEADER.match(text)
        if m and m.group("kind"):
            # the number beside the header's words, or on the line after them
            after = opening[position + 1] if position + 1 < len(opening) else ""
            found = m.group("number") or (after if _NUMBER.match(after) else None)
            if found:
                return f"{_LABELS[m.group('kind')]} {found}"
        if number is None and _NUMBER.match(text):
            number = text
    if number is not None and sum(1 for line in lines if line.text == number) >= 3:
        return number  # the header's, and at least two pages' heads
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
    bare = _NUMBER.match(head) is not None  # a number alone is a head only alone on its line
    header = next((i for i, line in enumerate(lines) if line.text == head), None) if bare else None
    for index, line in enumerate(lines):
        text = line.text
        if index < 15 and "\t" in text:
            text = _title_block(line, head, log)
        if head not in text or (bare and (index == header or not pattern.fullmatch(text))):
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
    column repeats the running head; its cells come out, the title's stay.  A report's or
    motion's head is its bare number (``2018/19:JuU17``): only that cell comes out."""
    repeated = set(head.split(" ", 1))  # ``Prop.`` and ``2018/19:138``, or the bare number
    cells = line.text.split("\t")
    kept, column = [], 1
    for cell in cells:
        if cell in repeated:
            log.change("title-block", line.number, column, cell, "the title block's label and number")
        elif cell:
            kept.append(cell)
        column += len(cell) + 1
    return " ".join(kept) if len(kept) < len(cells) else line.text



# --- page numbers and footnotes ---------------------------------------------------------

_PAGE_LINE = re.compile(r"^\d{1,3}(?: \(\d{1,3}\))?$")  # ``4``, ``1 (4)``
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


