"""The PDF's text layer, read by two extractors as an archive or a search would read it:
every word of the source comes out whole, a layout hyphen as U+00AD, the author's
hyphen as U+002D (``Sven-Erik``).

Extractors: poppler's ``pdftotext`` and pdfminer.six.  A layout hyphen at a line
end is followed by the line break, so the text is read with ``U+00AD`` + line
break removed, as a searching viewer does; nothing else is forgiven.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html

from riksdoc import vocabulary
from riksdoc.model import Document
from riksdoc.writers import html as html_writer, pdf_fonts
from riksdoc.writers.typeset import WORD

from .conftest import CORPUS, ROOT, pdf_of, print_inputs, read_document
from .test_pdf import needs_pdftotext, page_texts

SOFT_BREAK = re.compile("\u00ad[ \t]*\n")
FURNITURE = re.compile(r"\d+ \(\d+\)")


def pdfminer_pages(data: bytes) -> list[str]:
    """pdfminer.six's text of each page."""
    from pdfminer.high_level import extract_text

    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    return [extract_text(io.BytesIO(data), page_numbers=[number]) for number in range(count)]


EXTRACTORS = {"pdftotext": page_texts, "pdfminer": pdfminer_pages}


def reading_text(document: Document, pages: list[str]) -> str:
    """The pages' text without page furniture, layout hyphens and their line breaks
    taken out (a word hyphenated across a page break is whole again)."""
    lines = [line for number, page in enumerate(pages)
             for line in without_running_header(document, number, page.splitlines())
             if not FURNITURE.fullmatch(line.strip())]
    return SOFT_BREAK.sub("", "\n".join(lines) + "\n")


def without_running_header(document: Document, number: int, lines: list[str]) -> list[str]:
    """A page's lines without the running header, which pages after the first carry at
    their top (the first page's document line may read the same, and is text)."""
    header = vocabulary.running_header(document)
    if number == 0:
        return lines
    top = next((i for i, line in enumerate(lines) if line.strip()), None)
    return [line for i, line in enumerate(lines) if not (i == top and line.strip() == header)]


BLOCKS = {"p", "h1", "li", "td", "th", "div", "header", "footer", "section", "table", "tr"}


def source_words(document: Document) -> Counter[str]:
    """Every word the document shows (its screen page's text), hyphenated compounds whole;
    a note mark stays glued to the word it follows, as on the page."""
    body = lxml_html.document_fromstring(html_writer.write(document, stem="x")).body
    for element in body.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return Counter(WORD.findall(body.text_content()))


def missing_words(document: Document, pages: list[str]) -> Counter[str]:
    """Words of the source that the extracted text does not hold whole (as often)."""
    return source_words(document) - Counter(WORD.findall(reading_text(document, pages)))


@needs_pdftotext
@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_every_word_extracts_whole(path: Path, extractor: str) -> None:
    document = read_document(path)
    pages = EXTRACTORS[extractor](pdf_of(path))
    text = "".join(pages)
    assert not missing_words(document, pages), f"{extractor}: words not found whole"
    assert "\u2010" not in text, "a hyphen extracts as U+2010"
    assert pdf_fonts.LAYOUT_HYPHEN not in text and "\ufffd" not in text
    # A soft hyphen only ever stands at a line end, where layout broke the word.
    assert all(SOFT_BREAK.match(text, m.start()) for m in re.finditer("\u00ad", text))


@needs_pdftotext
@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
def test_the_authors_hyphen_extracts_as_hyphen_minus(extractor: str) -> None:
    path = CORPUS / "raw" / "frs-2017-18-293.txt"
    text = "".join(EXTRACTORS[extractor](pdf_of(path)))
    assert "Sven-Erik" in text  # U+002D, as the source writes it


@needs_pdftotext
def test_some_words_are_hyphenated_and_extract_with_a_soft_hyphen() -> None:
    """The check above is not vacuous: the corpus PDFs do break words at line ends."""
    breaks = [m for path in print_inputs()
              for m in re.finditer(r"\w\u00ad\n\w", "".join(page_texts(pdf_of(path))))]
    assert len(breaks) >= 20


def test_missing_words_sees_a_word_split_by_a_visible_hyphen() -> None:
    """The test's own yardstick: ``nät‐`` / ``verk`` (U+2010) is not ``nätverk``."""
    document = read_document(CORPUS / "raw" / "frs-2017-18-293.txt")
    pages = page_texts(pdf_of(CORPUS / "raw" / "frs-2017-18-293.txt"))
    broken = [re.sub(r"(\w)\u00ad\n", "\\1\u2010\n", page) for page in pages]
    assert "\u00ad" in "".join(pages) and missing_words(document, broken)


# -- the served fonts ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["SourceSerifPro-Regular.ttf", "SourceSansPro-Semibold.ttf"])
def test_served_font_draws_the_layout_hyphen_as_a_hyphen_of_its_own(name: str) -> None:
    font = TTFont(io.BytesIO(pdf_fonts.served_font(name)))
    original = TTFont(io.BytesIO(pdf_fonts.font_file(name)))
    cmap = font.getBestCmap()
    assert cmap[ord(pdf_fonts.LAYOUT_HYPHEN)] == pdf_fonts.LAYOUT_GLYPH
    hyphen = cmap[ord("-")]
    assert hyphen != pdf_fonts.LAYOUT_GLYPH and hyphen == original.getBestCmap()[ord("-")]
    assert font["hmtx"][pdf_fonts.LAYOUT_GLYPH] == font["hmtx"][hyphen]
    assert font["glyf"][pdf_fonts.LAYOUT_GLYPH].getCoordinates(font["glyf"])[0] == \
        font["glyf"][hyphen].getCoordinates(font["glyf"])[0]
    assert font["head"].modified == original["head"].modified  # no clock in the bytes


def test_print_css_names_the_layout_hyphen() -> None:
    css = (ROOT / "styles" / "print.css").read_text(encoding="utf-8")
    declared = re.search(r'hyphenate-character:\s*"\\([0-9A-Fa-f]+)"', css)
    assert declared and chr(int(declared.group(1), 16)) == pdf_fonts.LAYOUT_HYPHEN


def test_to_unicode_maps_the_layout_glyph_to_the_soft_hyphen() -> None:
    with pikepdf.open(io.BytesIO(pdf_of(ROOT / "seeds" / "000_a3e8633d8479b537.txt"))) as pdf:
        maps = [font.ToUnicode.read_bytes() for font in pdf.objects
                if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font"
                and "/ToUnicode" in font]
    assert any(b"<00ad>" in cmap for cmap in maps)
    assert not any(b"<fdef>" in cmap.lower() or b"<2010>" in cmap for cmap in maps)
