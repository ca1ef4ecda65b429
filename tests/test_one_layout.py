"""One layout, two formats: the DOCX shows the document's visible parts in the order the
PDF does (the older layout's date line first), for every corpus document."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from riksdoc import vocabulary
from riksdoc.model import Document, Inline, ListBlock, NoteRef, Paragraph, Table
from riksdoc.writers import docx as docx_writer
from riksdoc.writers.typeset import dated_at_top

from .conftest import CORPUS, pdf_of, print_inputs, read_document
from .test_pdf import needs_pdftotext, page_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    """Text without white space and layout hyphens (a line end is not a difference)."""
    return re.sub(r"[\s\u00ad]+", "", text)


def lead(content: tuple[Inline, ...]) -> str:
    """The text up to the first note reference (formats print the note mark differently)."""
    text = ""
    for part in content:
        if isinstance(part, NoteRef):
            break
        text += part
    return text


def visible_parts(document: Document) -> dict[str, str]:
    """Each visible part of the document (not notes, not page furniture) by a label, with
    the text it starts with."""
    parts = {f"preamble {i}": lead(p.content) for i, p in enumerate(document.preamble)}
    for n, line in enumerate(vocabulary.document_lines(document)):
        parts[f"document line {n}"] = vocabulary.line_text(document, line)
        for i in line.indexes:
            if document.questions[i].title:
                parts[f"title {i}"] = document.questions[i].title or ""
    for label, text in (("heading", document.heading), ("date line", vocabulary.date_line(document))):
        if text:
            parts[label] = text
    if document.minister is not None:
        parts["minister"] = document.minister.name
    for i, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            parts[f"block {i}"] = lead(block.content)
        elif isinstance(block, ListBlock):
            parts[f"block {i}"] = lead(block.items[0].content)
        elif isinstance(block, Table):
            parts[f"block {i}"] = " ".join(lead(c) for c in block.rows[0].cells)
    for i, signature in enumerate(document.signatures):
        parts[f"signature {i}"] = signature.lines[0]
    return {label: squash(text)[:40] for label, text in parts.items() if squash(text)}


def order(parts: dict[str, str], text: str) -> list[str]:
    """The labels of *parts* in the order their texts first appear in *text*."""
    flat = squash(text)
    found = {label: flat.find(snippet) for label, snippet in parts.items()}
    missing = [label for label, at in found.items() if at < 0]
    assert not missing, f"not found: {missing}"
    return sorted(found, key=lambda label: found[label])


def docx_body_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


def pdf_body_text(document: Document, path: Path) -> str:
    from .test_pdf_text import without_running_header
    return "\n".join(line for number, page in enumerate(page_texts(pdf_of(path)))
                     for line in without_running_header(document, number, page.splitlines())
                     if not re.fullmatch(r"\d+ \(\d+\)", line.strip()))


@needs_pdftotext
@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_docx_shows_the_parts_in_the_pdfs_order(path: Path) -> None:
    document = read_document(path)
    parts = visible_parts(document)
    docx_order = order(parts, docx_body_text(docx_writer.write(document, stem=path.stem)))
    assert docx_order == order(parts, pdf_body_text(document, path))


def test_the_older_layouts_first_visible_line_is_its_date_line() -> None:
    for name in ("frs-2012-13-600.txt", "frs-2010-11-680.txt", "frs-2008-09-61.txt"):
        document = read_document(CORPUS / "raw" / name)
        assert dated_at_top(document), name
        first = docx_body_text(docx_writer.write(document, stem="x")).splitlines()[0]
        assert first == vocabulary.date_line(document)  # "den 26 juni", as the PDF's first line
