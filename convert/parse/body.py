"""The body: paragraphs, lists and tables, and a debate record's speeches.

A paragraph is one line, or several where the export wrapped it at a fixed
width (`continues`).  A tab-separated line is a table row, a line starting with
a list marker a list item.  In a debate record every speaker line (``Anf. 1 …``)
opens a `Speech` that holds what follows until the next speaker line or the
end of the debate (``Överläggningen var härmed avslutad.``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..grammar import NOTE_REF, SENTENCE_END, plain
from ..model import (
    Inline,
    ListBlock,
    ListItem,
    NoteRef,
    Paragraph,
    Person,
    Span,
    Speech,
    Table,
    TableRow,
)
from ..normalise import LIST_MARKER, NOTE_OPEN, Line
from .lines import LineClass, classify
from .people import speaker_and_words

Content = Paragraph | ListBlock | Table


def inlines(text: str) -> tuple[Inline, ...]:
    """Text runs and note references of one piece of normalised text."""
    parts: list[Inline] = []
    last = 0
    for m in NOTE_REF.finditer(text):
        if m.start() > last:
            parts.append(text[last:m.start()])
        parts.append(NoteRef(m.group(1)))
        last = m.end()
    if last < len(text):
        parts.append(text[last:])
    return tuple(parts)


def blocks(lines: list[Line]) -> tuple[Content, ...]:
    """Paragraphs, lists and tables of *lines*, in order."""
    out: list[Content] = []
    paragraph: list[Line] = []

    def flush() -> None:
        if paragraph:
            text = " ".join(line.text for line in paragraph)
            out.append(Paragraph(inlines(text), Span(paragraph[0].number, paragraph[-1].number)))
            paragraph.clear()

    for line in lines:
        text = line.text
        if not text:
            flush()
        elif "\t" in text:
            flush()
            _add_row(out, line)
        elif marker := LIST_MARKER.match(text):
            flush()
            _add_item(out, line, marker)
        else:
            if paragraph and not continues(paragraph[-1].text, text):
                flush()
            paragraph.append(line)
    flush()
    return tuple(out)


def _add_row(out: list[Content], line: Line) -> None:
    text = line.text
    cells = text[:-1].split("\t") if text.endswith("\t") else text.split("\t")
    row = TableRow(tuple(inlines(cell) for cell in cells), Span(line.number, line.number))
    if out and isinstance(out[-1], Table):
        out[-1] = Table(out[-1].rows + (row,))
    else:
        out.append(Table((row,)))


def _add_item(out: list[Content], line: Line, marker: re.Match[str]) -> None:
    item = ListItem(marker.group(), inlines(line.text[marker.end():].lstrip()),
                    Span(line.number, line.number))
    ordered = marker.group()[0].isalnum()
    if out and isinstance(out[-1], ListBlock) and out[-1].ordered == ordered:
        out[-1] = ListBlock(ordered, out[-1].items + (item,))
    else:
        out.append(ListBlock(ordered, (item,)))


def continues(previous: str, text: str) -> bool:
    """Is *text* the hard-wrapped continuation of the line before it?

    Exports with one paragraph a line never trigger this: a paragraph ends with
    sentence punctuation.  Text wrapped at a fixed width does: the line before
    ends mid-sentence and this one goes on in lower case (or after a comma).
    """
    if SENTENCE_END.search(previous):
        return False
    return text[:1].islower() or text[:1].isdigit() or previous.endswith((",", "-", "–"))


def speeches(lines: list[Line],
             warn: Callable[[str, str, int | None], None]) -> tuple[Content | Speech, ...]:
    """A debate record's body: what comes before the first speaker line, one `Speech` a
    speaker line, and what follows the end of the debate."""
    out: list[Content | Speech] = []
    pending: list[Line] = []
    current: tuple[str, Person, str, Span] | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            out.extend(blocks(pending))
        else:
            marker, person, label, span = current
            out.append(Speech(marker, person, label, blocks(pending), span))
        pending.clear()
        current = None

    for line in lines:
        found = speaker_and_words(plain(line.text)) if line.text.startswith("Anf") else None
        if found is not None:
            close()
            marker, person, label, said = found
            head = line.text[:line.text.index(":") + 1] if said else line.text
            if NOTE_OPEN in head:
                warn("note-in-metadata", "a note reference on a speaker line cannot stay there; "
                     "the note is kept with the other notes", line.number)
            current = (marker, person, label, Span(line.number, line.number))
            if said:  # "Anf. 2 NAMN (M): Fru talman! …": the words are the speech's first
                pending.append(Line(line.number, line.text[len(head):].lstrip()))
            continue
        if current is not None and classify(plain(line.text)).cls is LineClass.DEBATE_END:
            close()
        pending.append(line)
    close()
    return tuple(out)
