"""Bytes → text: every encoding Word exports arrive in, and refusal of binary input."""

from __future__ import annotations

import codecs
import subprocess
import sys

import pytest

from riksdoc.decode import decode
from riksdoc.errors import InputError
from riksdoc.normalise import normalise

from .conftest import ROOT, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("data, encoding", [
    (SEED_TEXT.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"), "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
    (SEED_TEXT.encode("cp1252"), "cp1252"),
], ids=["utf8", "utf8-bom", "utf16le", "utf16be", "cp1252"])
def test_every_encoding_of_the_seed_normalises_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert normalise(decoded.text).text == normalise(SEED_TEXT).text


def test_latin1_text_with_swedish_letters_is_read_as_a_legacy_code_page() -> None:
    text = "Svar på fråga 2017/18:112 av Åsa Öberg (M) Ärenden\nHon har frågat mig om åtgärder.\n"
    decoded = decode(text.encode("latin-1"))
    assert decoded.text == text
    assert decoded.encoding in {"cp1252", "latin_1", "iso8859_15"}


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF file"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "ZIP archive"),
    (b"Svar p\xe5 fr\xe5ga\x00\x00\x00 more", "NUL byte"),
    (bytes(range(128, 256)) * 8, "not valid UTF-8"),
], ids=["png", "pdf", "zip", "nul", "junk"])
def test_binary_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data)


def test_a_png_renamed_txt_is_refused_by_the_cli_in_one_line(tmp_path) -> None:
    picture = tmp_path / "svar.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    good = tmp_path / "seed.txt"
    good.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(picture), str(good),
                          "-t", "json", "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    failure, summary = run.stderr.splitlines()
    assert failure == f"riksdoc: {picture}: not a text file: looks like a PNG image"
    assert summary.startswith("riksdoc: 1 converted, 1 failed, 0 skipped in ")
    # the other input still converted
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["seed.json"]


@pytest.mark.parametrize("codec, label", [("utf-16-le", "UTF-16 LE without BOM"),
                                          ("utf-16-be", "UTF-16 BE without BOM")])
def test_utf16_without_bom_is_recognised(codec: str, label: str) -> None:
    decoded = decode(SEED_TEXT.encode(codec))
    assert (decoded.text, decoded.encoding) == (SEED_TEXT, label)
