"""The public Python API: ``import riksdoc`` and read, write, convert."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import riksdoc
from riksdoc.model import Kind
from riksdoc.writers import write

from .conftest import ROOT, SEED, read_document


def test_the_readme_example_runs(tmp_path: Path) -> None:
    """The README's example, exactly as printed, run in a folder holding an answer."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.DOTALL)[:1]
    assert len(code.strip().splitlines()) <= 6
    (tmp_path / "answer.txt").write_bytes(SEED.read_bytes())
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "frs Samarbete mellan polis och militär" in run.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "answer.akn.xml", "answer.docx", "answer.pdf"]


def test_read_a_path_or_bytes() -> None:
    from_path = riksdoc.read(SEED)
    assert from_path.document == read_document(SEED) and from_path.normalised is not None
    assert riksdoc.read(str(SEED)).document == from_path.document
    assert riksdoc.read(SEED.read_bytes()).document == from_path.document
    akn = riksdoc.write(from_path.document, "akn")
    back = riksdoc.read(akn, name="x.akn.xml")
    assert back.document == from_path.document and back.normalised is None
    assert back.document.kind is riksdoc.Kind.ANSWER is Kind.ANSWER


def test_write_every_format() -> None:
    document = riksdoc.read(SEED).document
    assert riksdoc.formats() == ("pdf", "docx", "akn", "json", "html")
    for name in ("akn", "docx", "html", "json"):
        assert riksdoc.write(document, name) == riksdoc.write(document, name)
    assert riksdoc.write(document, "json").startswith(b'{\n  "riksdoc_json": 1')


def test_clear_errors_for_wrong_types_and_unknown_formats(tmp_path: Path) -> None:
    document = riksdoc.read(SEED).document
    with pytest.raises(TypeError, match="read\\(\\) takes a path or bytes, not int"):
        riksdoc.read(112)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="write\\(\\) takes a riksdoc Document, not Read"):
        riksdoc.write(riksdoc.read(SEED), "pdf")  # type: ignore[arg-type]
    with pytest.raises(riksdoc.UnknownFormat, match="unknown format 'odt'; choose from pdf, docx"):
        riksdoc.write(document, "odt")
    with pytest.raises(ValueError, match="unknown format 'rtf'"):
        riksdoc.convert(SEED, tmp_path, formats=["akn", "rtf"])
    assert list(tmp_path.iterdir()) == []  # nothing written when a format is unknown
    with pytest.raises(riksdoc.InputError, match="is empty"):
        riksdoc.read(b"")
    with pytest.raises(FileNotFoundError):
        riksdoc.read(tmp_path / "saknas.txt")
    with pytest.raises(riksdoc.InputError, match="the limit is 10"):
        riksdoc.read(SEED, limits=riksdoc.Limits(max_bytes=10))


def test_convert_writes_files_and_never_over_its_source(tmp_path: Path) -> None:
    source = tmp_path / "svar.txt"
    source.write_bytes(SEED.read_bytes())
    written = riksdoc.convert(source, tmp_path / "ut", formats="json,docx")
    assert written == {"json": tmp_path / "ut" / "svar.json", "docx": tmp_path / "ut" / "svar.docx"}
    beside = riksdoc.convert(written["docx"], formats=["akn"])  # default: beside the source
    assert beside == {"akn": tmp_path / "ut" / "svar.akn.xml"}
    before = written["docx"].read_bytes()
    with pytest.raises(riksdoc.InputError, match="would overwrite"):
        riksdoc.convert(written["docx"], formats=["docx"])
    assert written["docx"].read_bytes() == before


def test_the_public_names_are_few_typed_and_documented() -> None:
    assert set(riksdoc.__all__) == {"Document", "InputError", "Kind", "Limits", "Read",
                                    "UnknownFormat", "__version__", "convert", "formats",
                                    "read", "write"}
    for name in riksdoc.__all__:
        value = getattr(riksdoc, name)
        if name != "__version__":
            assert value.__doc__, name
        if callable(value) and not isinstance(value, type):
            assert value.__annotations__, name
    assert (Path(riksdoc.__file__).parent / "py.typed").is_file()


def test_importing_riksdoc_stays_cheap() -> None:
    code = ("import sys, riksdoc; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'weasyprint', 'docx', 'lxml', 'cobalt', 'starlette', 'charset_normalizer'}))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "[]"


def test_write_and_convert_in_a_house_style(tmp_path: Path) -> None:
    from riksdoc.housestyle import HouseStyle

    house = ROOT / "docs" / "house-style"
    document = riksdoc.read(SEED).document
    in_house = riksdoc.write(document, "docx", style=house)
    assert in_house == riksdoc.write(document, "docx", style=str(house))
    assert in_house != riksdoc.write(document, "docx")
    assert in_house == write(document, "docx", stem="document", style=HouseStyle.folder(house))
    written = riksdoc.convert(SEED, tmp_path, formats=["docx"], style=house)
    assert written["docx"].read_bytes() == in_house
    with pytest.raises(ValueError, match="not a folder"):
        riksdoc.write(document, "pdf", style=tmp_path / "saknas")
    with pytest.raises(TypeError):
        riksdoc.write(document, "pdf", style=42)  # type: ignore[arg-type]
