"""Layout with the one hyphenation rule WeasyPrint does not apply: at most
`MAX_HYPHENATED_LINES` hyphenated lines in a row.

CSS says it with ``hyphenate-limit-lines``, which WeasyPrint 70 does not
implement.  So the PDF writer lays the page out, reads the lines of each
block, and where a line is the third in a row to end in a layout hyphen, it
keeps that line's broken word whole (wraps it in ``<span
class="unhyphenated">``, which print.css never hyphenates) and lays out
again.  Line breaks depend only on the block's own text and width, so one
pass settles the first ladder of every block; a block with a second ladder
further down takes another pass (at most `MAX_PASSES`).

Which occurrence of the word to wrap is found by counting: the word's
whole-word occurrences in the lines before the break are its occurrences
in the block's text, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .pdf_fonts import LAYOUT_HYPHEN
from .typeset import WORD

MAX_HYPHENATED_LINES = 2
"""Hyphenated lines allowed in a row."""

MAX_PASSES = 6
"""Layouts after the first, at most; a ladder left after them stays (none seen in the corpus)."""

KEEP_WHOLE = "unhyphenated"
"""The class print.css never hyphenates, put on a word that would start a third line."""

_SEPARATOR = "\x00"
"""Joins text boxes in a reconstructed block text, so no word spans two boxes."""


def render(source: Any, **options: Any) -> Any:
    """``source.render(**options)``, repeated until no block has a ladder of hyphens."""
    document = source.render(**options)
    for _ in range(MAX_PASSES):
        ladders = list(ladder_words(document))
        if not ladders:
            break
        for element, word, occurrence in ladders:
            keep_whole(element, word, occurrence)
        document = source.render(**options)
    return document


def ladder_words(document: Any) -> Iterator[tuple[Any, str, int]]:
    """(block element, word, occurrence) for the first line of each block that would be
    the third hyphenated line in a row; occurrence counts from 0."""
    for element, lines in block_lines(document).items():
        texts = [line_texts(line) for line in lines]
        run = 0
        for index, boxes in enumerate(texts):
            run = run + 1 if hyphenated(boxes) else 0
            if run > MAX_HYPHENATED_LINES and index + 1 < len(texts):
                word, before = broken_word(texts, index)
                occurrence = sum(1 for m in WORD.finditer(before) if m.group() == word)
                yield element, word, occurrence
                break


def block_lines(document: Any) -> dict[Any, list[Any]]:
    """Every block's line boxes in reading order, across pages (split blocks joined)."""
    from weasyprint.formatting_structure import boxes

    found: dict[Any, list[Any]] = {}

    def walk(box: Any, block: Any) -> None:
        if isinstance(box, boxes.LineBox):
            found.setdefault(block, []).append(box)
            return
        if isinstance(box, boxes.BlockContainerBox) and box.element is not None:
            block = box.element
        for child in getattr(box, "children", ()):
            walk(child, block)

    for page in document.pages:
        walk(page._page_box, None)
    found.pop(None, None)
    return found


def line_texts(line: Any) -> list[str]:
    """The texts of a line's text boxes, in order."""
    from weasyprint.formatting_structure import boxes

    if isinstance(line, boxes.TextBox):
        return [line.text]
    return [text for child in getattr(line, "children", ()) for text in line_texts(child)]


def hyphenated(texts: list[str]) -> bool:
    """Whether a line ends in a hyphen that layout inserted."""
    return bool(texts) and texts[-1].endswith(LAYOUT_HYPHEN)


def broken_word(texts: list[list[str]], index: int) -> tuple[str, str]:
    """The word broken at the end of line *index*, and the block's text before it."""
    joined = ""
    for boxes in texts[:index + 1]:
        line = _SEPARATOR.join(boxes)
        joined += line[:-len(LAYOUT_HYPHEN)] if hyphenated(boxes) else line + _SEPARATOR
    head = re.search(WORD.pattern + r"\Z", joined)
    tail = WORD.match(_SEPARATOR.join(texts[index + 1]))
    start = head.start() if head else len(joined)
    return joined[start:] + (tail.group() if tail else ""), joined[:start]


def keep_whole(element: Any, word: str, occurrence: int) -> bool:
    """Wrap the *occurrence*-th whole-word *word* in *element*'s text (WeasyPrint's own
    ElementTree) in a ``span`` of class `KEEP_WHOLE`; False if it is not found."""
    seen = 0
    for parent, child, attribute in _text_slots(element):
        node = getattr(child, attribute) or ""
        for match in WORD.finditer(node):
            if match.group() != word:
                continue
            if seen < occurrence:
                seen += 1
                continue
            _wrap(parent, child, attribute, node, match.start(), match.end())
            return True
    return False


def _text_slots(element: Any) -> Iterator[tuple[Any, Any, str]]:
    """(parent, element, "text"|"tail") for each text node of *element* in order, leaving
    out footnotes floated out of a block (they are blocks of their own)."""
    yield element, element, "text"
    for child in element:
        if "footnote" not in (child.get("class") or "").split():
            yield from _text_slots(child)
        yield element, child, "tail"


def _wrap(parent: Any, child: Any, attribute: str, node: str, start: int, end: int) -> None:
    namespace = child.tag[:child.tag.index("}") + 1] if child.tag.startswith("{") else ""
    span = child.makeelement(f"{namespace}span", {"class": KEEP_WHOLE})
    span.text = node[start:end]
    span.tail = node[end:]
    setattr(child, attribute, node[:start])
    if attribute == "text":
        child.insert(0, span)
    else:
        parent.insert(list(parent).index(child) + 1, span)
