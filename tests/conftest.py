"""Shared test fixtures: the seed, the corpus, golden files.

Golden files live in tests/golden/<format>/ (akn, json, html, docx); run
``pytest --accept`` to rewrite them all from the current output (then review
the diff by eye).  XML is compared canonicalised (C14N 2.0: attributes in
order, namespaces normalised), a DOCX one package part at a time.

The generated-input tests (hypothesis) draw the same examples on every run, so the
README's test command gives the same verdict on every machine and in CI: it depends on
the code, not on the draw.  ``HYPOTHESIS_PROFILE=explore`` draws new examples each run
(a failure found so becomes a test of its own).
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings
from lxml import etree

from riksdoc.model import Document
from riksdoc.readers import Read, read

settings.register_profile("fixed", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEED = ROOT / "seeds" / "000_a3e8633d8479b537.txt"
CORPUS = TESTS / "corpus"
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures"
NOTES_FIXTURE = FIXTURES / "answer-notes-two-pages.txt"
"""A two-page answer with footnotes on both pages and two endnotes (see fixtures/README.md)."""
LIST_TABLE_FIXTURE = FIXTURES / "tika-answer.txt"
"""A Tika export with a footnote, a list and a table."""


def corpus_index() -> list[dict]:
    """The corpus index: one dict per document, as index.jsonl states it."""
    lines = (CORPUS / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus_paths() -> list[Path]:
    """Every corpus document, sorted."""
    return sorted((CORPUS / "raw").glob("*.txt"))


def all_inputs() -> list[Path]:
    """The seed and every corpus document."""
    return [SEED, *corpus_paths()]


def print_inputs() -> list[Path]:
    """Every input the PDF tests lay out: the seed, the corpus, the two fixtures."""
    return [*all_inputs(), NOTES_FIXTURE, LIST_TABLE_FIXTURE]


@cache
def pdf_of(path: Path) -> bytes:
    """The PDF of one input file, made once per test process; WeasyPrint must not warn."""
    from riksdoc.writers import pdf

    warned: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warned.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        data = pdf.write(read_document(path), stem=path.stem)
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert not warned, f"WeasyPrint warned on {path.name}: {warned}"
    return data


def read_path(path: Path) -> Read:
    """Read one input file the way the CLI does."""
    return read(path.read_bytes(), path.name)


def read_document(path: Path) -> Document:
    """The model of one input file."""
    return read_path(path).document


@dataclass(frozen=True)
class Output:
    """One input written in one format, once per test session (PDFs are slow to lay out)."""

    data: bytes
    """The output's bytes."""
    logged: tuple[str, ...]
    """What WeasyPrint logged at warning level or above while writing it."""


@cache
def output(path: Path, name: str) -> Output:
    """*path* read the way the CLI reads it and written as format *name* (stem: its own)."""
    from riksdoc.writers import write

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        data = write(read_document(path), name, stem=path.stem)
    finally:
        logger.removeHandler(handler)
    return Output(data, tuple(records))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--accept", action="store_true",
                     help="rewrite golden files from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """``golden(relative_path, actual_text)``: compare with, or with --accept write, a golden file."""
    accept = request.config.getoption("--accept")

    def check(relative: str, actual: str) -> None:
        path = GOLDEN / relative
        if accept:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --accept and review it"
        assert actual == path.read_text(encoding="utf-8"), f"{path} differs (pytest --accept to update)"

    return check


def canonical_xml(data: bytes | str) -> str:
    """*data* canonicalised (C14N 2.0), one element a line for readable diffs.

    A line break is added only between a tag and the next opening tag, or between two
    closing tags: never inside text, so no difference in text can hide.
    """
    text = etree.canonicalize(data.decode("utf-8") if isinstance(data, bytes) else data)
    text = re.sub(r">(?=<[^/])", ">\n", text)
    return re.sub(r"(</[^>]+>)(?=</)", "\\1\n", text) + "\n"


def package_parts(data: bytes) -> dict[str, str]:
    """A zip package's parts in their order: XML canonicalised, anything else as a digest."""
    import hashlib

    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            blob = package.read(name)
            if name.endswith((".xml", ".rels")):
                out[name] = canonical_xml(blob)
            elif name.endswith(".odttf"):  # HarfBuzz's subset differs between its versions
                out[name] = "an embedded font (tests/test_docx_fonts.py checks it)\n"
            else:
                out[name] = f"sha256 {hashlib.sha256(blob).hexdigest()}\n"
    return out


_PART = re.compile(r"^=== (.+)$", re.MULTILINE)


@pytest.fixture
def golden_parts(request: pytest.FixtureRequest) -> Callable[[str, dict[str, str]], None]:
    """``golden_parts(relative_path, parts)``: compare a package part by part with one golden
    file that holds every part under a ``=== name`` line (or with --accept write it)."""
    accept = request.config.getoption("--accept")

    def check(relative: str, parts: dict[str, str]) -> None:
        path = GOLDEN / relative
        if accept:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(f"=== {name}\n{text}" for name, text in parts.items()),
                            encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --accept and review it"
        chunks = _PART.split(path.read_text(encoding="utf-8"))[1:]
        expected = dict(zip(chunks[::2], [c[1:] for c in chunks[1::2]], strict=True))
        assert list(parts) == list(expected), f"{path}: the package's parts differ"
        for name, text in parts.items():
            assert text == expected[name], f"{path}: part {name} differs (pytest --accept to update)"

    return check
