"""Shared test fixtures: the seed, the corpus, golden files.

Golden files live in tests/golden/<format>/; run ``pytest --accept`` to
rewrite them from the current output (then review the diff by eye).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from riksdoc.model import Document
from riksdoc.readers import Read, read

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
    import logging

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
