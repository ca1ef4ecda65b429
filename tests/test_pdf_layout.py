"""Typography of the printed page: where words break, and the passes that keep a
paragraph from a ladder of hyphens.

The checks read ``pdftotext``'s lines, which are the printed lines: a line that
ends in U+00AD ends in a hyphen that layout inserted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyphen
import pytest

from riksdoc import vocabulary
from riksdoc.writers import pdf as writer, pdf_layout

from .conftest import SEED, pdf_of, print_inputs, read_document
from .test_pdf import needs_pdftotext, page_texts

BREAK = re.compile(r"(\w+)\u00ad\n(\w+)")


def lines(path: Path) -> list[str]:
    return [line for page in page_texts(pdf_of(path)) for line in page.splitlines()]


@needs_pdftotext
@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_no_more_than_two_hyphenated_lines_in_a_row(path: Path) -> None:
    run = 0
    for line in lines(path):
        run = run + 1 if line.endswith("\u00ad") else 0
        assert run <= pdf_layout.MAX_HYPHENATED_LINES, f"third hyphenated line: {line!r}"


@needs_pdftotext
@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_breaks_are_swedish_leave_three_letters_and_spare_names(path: Path) -> None:
    swedish = pyphen.Pyphen(lang="sv")
    for head, tail in BREAK.findall("\n".join(lines(path))):
        word = f"{head}-{tail}"
        assert len(head) >= 3 and len(tail) >= 3, word
        assert not head[0].isupper(), f"a capitalised name was hyphenated: {word}"
        assert len(head) in swedish.positions(head + tail), word


@needs_pdftotext
@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_document_line_title_and_signature_are_not_hyphenated(path: Path) -> None:
    document = read_document(path)
    text = "\n".join(lines(path))
    kept = vocabulary.document_line_texts(document)
    kept += [q.title for q in document.questions if q.title]
    kept += [line for signature in document.signatures for line in signature.lines]
    for line in kept:
        for word in line.split():
            if len(word) >= 7:
                assert word in text, f"{word!r} of {line!r} is broken"


@needs_pdftotext
def test_a_line_never_ends_in_the_authors_hyphen() -> None:
    """pdftotext takes a line-final hyphen-minus for a layout hyphen and drops it."""
    for path in print_inputs():
        for line in lines(path):
            assert not re.search(r"\w-$", line), f"{path.name}: {line!r}"


# -- the layout passes ------------------------------------------------------------------


@needs_pdftotext
def test_the_seed_needs_a_second_pass_and_gets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the passes the seed's fourth paragraph has three hyphenated lines in a row."""
    monkeypatch.setattr(pdf_layout, "MAX_PASSES", 0)
    unchecked = writer.write(read_document(SEED), stem=SEED.stem)
    text = "\n".join(page_texts(unchecked))
    assert re.search(r"\u00ad\n[^\n]*\u00ad\n[^\n]*\u00ad\n", text)
    assert unchecked != pdf_of(SEED)


def _paragraph(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_keep_whole_wraps_the_counted_occurrence() -> None:
    p = _paragraph('<p>nätverk och nätverk<a href="#x">1</a> mot nätverk.</p>')
    assert pdf_layout.keep_whole(p, "nätverk", 1)
    assert ET.tostring(p, encoding="unicode") == (
        '<p>nätverk och <span class="unhyphenated">nätverk</span><a href="#x">1</a> mot '
        'nätverk.</p>')
    p = _paragraph('<p>ett nätverk<a href="#x">1</a> och nätverket, nätverk.</p>')
    assert pdf_layout.keep_whole(p, "nätverk", 1)  # whole words only: not "nätverket"
    assert ET.tostring(p, encoding="unicode").endswith(
        'och nätverket, <span class="unhyphenated">nätverk</span>.</p>')


def test_keep_whole_leaves_floated_footnotes_out_of_the_count() -> None:
    p = _paragraph('<p>om nätverk<span class="footnote">nätverk i noten</span> och nätverk.</p>')
    assert pdf_layout.keep_whole(p, "nätverk", 1)
    assert ET.tostring(p, encoding="unicode").endswith(
        'och <span class="unhyphenated">nätverk</span>.</p>')
    assert not pdf_layout.keep_whole(_paragraph("<p>inget här</p>"), "nätverk", 0)
