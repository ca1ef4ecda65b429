"""Hostile and broken input through the CLI: convert correctly, or one clear line and no output.

Every case runs with every available format, so a case that converts is
checked in every output, and a case that fails leaves nothing behind.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from riksdoc import cli, outputs as written_files
from riksdoc.writers import FORMATS

from .conftest import ROOT, SEED


def available() -> list[str]:
    return list(FORMATS)


FORMAT_LIST = ",".join(available())
SEED_TEXT = SEED.read_text(encoding="utf-8")
ANSWER = ("Svar på fråga 2017/18:112 av Mikael Cederbratt (M) Samarbete\n\n{body}\n\n"
          "Stockholm den 25 oktober 2017\n\nMorgan Johansson\n")


def convert(tmp_path: Path, name: str, data: bytes, *extra: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(source), "-t", FORMAT_LIST,
                          "-o", f"{out}/", "-j", "1", *extra], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in run.stderr
    return run, out


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else []


def assert_refused(run: subprocess.CompletedProcess[str], out: Path, source: str, reason: str) -> None:
    assert run.returncode == 1
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"riksdoc: {source}: ") and reason in line, line
    assert outputs(out) == []


def converted_json(out: Path, stem: str) -> dict:
    assert sorted(outputs(out)) == sorted(f"{stem}{FORMATS[f].suffix}" for f in available())
    return json.loads((out / f"{stem}.json").read_text(encoding="utf-8")) if "json" in available() else {}


def output_texts(path: Path) -> list[bytes]:
    """The text parts of an output: the file itself, or a DOCX's XML parts (PDF streams are compressed)."""
    if path.suffix == ".pdf":
        return []
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return [archive.read(n) for n in archive.namelist() if n.endswith(".xml")]
    return [path.read_bytes()]


def body_text(data: dict) -> str:
    return " ".join(part for block in data["blocks"] for part in block.get("content", [])
                    if isinstance(part, str))


# --- refused, one line, nothing written ------------------------------------------

def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, reason", [
    (b"", "is empty"),
    (b"  \n\t\n\xc2\xa0\n", "contains no text"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "looks like a PNG image"),
    (b"%PDF-1.7\n1 0 obj << >> endobj\n", "looks like a PDF file"),
    (_zip_bytes(), "looks like a ZIP archive"),
    (b"Svar p\x00\x00 fr\x00ga", "NUL byte"),
    ("ett ord " * 700_000 + "\n", "line 1 has 5,599,999 characters"),
    ("Stycke.\n" * 100_000, "has 100,000 lines"),
], ids=["empty", "whitespace", "png", "pdf", "docx-zip", "nul", "5mb-line", "100k-paragraphs"])
def test_refused_inputs(tmp_path: Path, data, reason: str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    run, out = convert(tmp_path, "svar.txt", data)
    assert_refused(run, out, str(tmp_path / "svar.txt"), reason)


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "stor.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the refusal must come from its size alone
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(big), "-t", FORMAT_LIST,
                          "-o", f"{tmp_path / 'out'}/"], capture_output=True, text=True, cwd=ROOT)
    assert_refused(run, tmp_path / "out", str(big), "is 52,428,800 bytes; the limit is 10,000,000")


def test_limits_are_configurable(tmp_path: Path) -> None:
    run, out = convert(tmp_path, "svar.txt", SEED.read_bytes(), "--max-bytes", "1000")
    assert_refused(run, out, str(tmp_path / "svar.txt"), "the limit is 1,000 (--max-bytes)")


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "tom").mkdir()
    shutil.copy(SEED, tmp_path / "svar.txt")
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(tmp_path / "saknas.txt"),
                          str(tmp_path / "tom"), str(tmp_path / "svar.txt"), "-t", FORMAT_LIST,
                          "-o", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert f"riksdoc: {tmp_path / 'saknas.txt'}: no such file" in lines
    assert f"riksdoc: {tmp_path / 'tom'}: a folder with no file riksdoc reads " \
           "(.txt, .docx, .akn.xml, .xml, .json)" in lines
    assert lines[-1].startswith("riksdoc: 1 converted, 2 failed, 0 skipped")
    assert outputs(tmp_path / "out") == sorted(f"svar{FORMATS[f].suffix}" for f in available())


def as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
    """Root reads everything: run as 'nobody' to meet a permission error."""
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           sys.executable, "-m", "riksdoc", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "HOME": "/tmp"})


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv")
def test_unreadable_file_and_unwritable_output_directory() -> None:
    import tempfile
    tmp_path = Path(tempfile.mkdtemp(prefix="riksdoc-perm-"))  # pytest's tmp is closed to others
    tmp_path.chmod(0o755)
    secret = tmp_path / "hemlig.txt"
    shutil.copy(SEED, secret)
    secret.chmod(0o600)
    open_out = tmp_path / "open"
    open_out.mkdir(mode=0o777)
    open_out.chmod(0o777)
    run = as_nobody("convert", str(secret), "-t", FORMAT_LIST, "-o", str(open_out))
    assert_refused(run, open_out, str(secret), "permission denied")
    secret.chmod(0o644)
    closed = tmp_path / "stängd"
    closed.mkdir(mode=0o755)
    run = as_nobody("convert", str(secret), "-t", FORMAT_LIST, "-o", str(closed))
    assert run.returncode == 1 and run.stderr.splitlines() == \
        [f"riksdoc: {closed}: cannot write there: Permission denied"]
    assert outputs(closed) == []
    shutil.rmtree(tmp_path)


@pytest.mark.parametrize("refusal", [PermissionError(errno.EROFS, "Read-only file system"),
                                     "no locks"])
def test_an_output_folder_that_takes_no_lock_is_one_line(tmp_path: Path, monkeypatch, capsys,
                                                          refusal: object) -> None:
    """A folder that passes the access check but refuses the run's lock file (a read-only
    mount, /sys, a file system without locks): one line naming it, exit 1, no output."""
    from filelock import FileLock, Timeout

    def refuse(self: FileLock, *args: object, **kwargs: object) -> None:
        raise refusal if isinstance(refusal, OSError) else Timeout(self.lock_file)

    monkeypatch.setattr(FileLock, "acquire", refuse)
    out = tmp_path / "out"
    assert cli.main(["convert", str(SEED), "-t", "akn", "-o", f"{out}/"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    reason = "Read-only file system" if isinstance(refusal, OSError) else \
        "its file system cannot lock files"
    assert line == f"riksdoc: {out}: cannot write there: {reason}"
    assert not out.exists()  # the run made the folder, wrote nothing there, and removed it


def test_full_disk_leaves_no_output_and_no_temporary_file(tmp_path: Path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    real_fdopen = os.fdopen
    written = []

    class FullDisk(io.RawIOBase):
        def __init__(self, fd: int) -> None:
            self.handle = real_fdopen(fd, "wb")

        def write(self, data) -> int:
            written.append(len(data))
            if len(written) > 1 or len(available()) == 1:  # the disk is full at the second output
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(data)

        def fileno(self) -> int:
            return self.handle.fileno()

        def close(self) -> None:
            self.handle.close()

    monkeypatch.setattr(written_files.os, "fdopen", lambda fd, mode: FullDisk(fd))
    formats = ",".join(available()[:2])
    rc = cli.main(["convert", str(SEED), "-t", formats, "-o", f"{out}/", "-j", "1"])
    err = capsys.readouterr().err.splitlines()
    assert rc == 1
    assert err == [f"riksdoc: {SEED}: cannot write to {out}: No space left on device"]
    # the run made the folder and removed it again: nothing in it, no .part either
    assert not out.exists()


# --- converted correctly ----------------------------------------------------------

@pytest.mark.parametrize("data, encoding", [
    (codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "utf-16 with BOM"),
    (SEED_TEXT.encode("utf-16-le"), "utf-16 without BOM"),
    (SEED_TEXT.encode("cp1252"), "cp1252"),
], ids=["utf16-bom", "utf16-no-bom", "cp1252"])
def test_other_encodings_convert_like_the_seed(tmp_path: Path, data: bytes, encoding: str) -> None:
    run, out = convert(tmp_path, "svar.txt", data)
    assert run.returncode == 0, run.stderr
    _, ref_out = convert(tmp_path / "ref" if (tmp_path / "ref").mkdir() is None else tmp_path,
                                 "svar.txt", SEED.read_bytes())
    for name in outputs(out):
        assert (out / name).read_bytes() == (ref_out / name).read_bytes(), name


def test_invalid_utf8_and_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    body = "Regeringen har fått frågan. Trasigt: ".encode() + b"\xff" + b" och " + \
        "\ud800".encode("utf-8", "surrogatepass") + b" slut."
    run, out = convert(tmp_path, "svar.txt", ANSWER.format(body="{}").encode().replace(b"{}", body))
    assert run.returncode == 0, run.stderr
    data = converted_json(out, "svar")
    assert "Trasigt: \ufffd och \ufffd\ufffd\ufffd slut." in body_text(data)
    report = subprocess.run([sys.executable, "-m", "riksdoc", "inspect", str(tmp_path / "svar.txt")],
                            capture_output=True, text=True, cwd=ROOT).stdout
    assert "invalid-byte" in report and "ff not valid" in report


def test_xml_illegal_characters_are_removed_and_reported(tmp_path: Path) -> None:
    run, out = convert(tmp_path, "svar.txt", ANSWER.format(body="Ett\x01två\ufffetre.").encode())
    assert run.returncode == 0, run.stderr
    assert "Etttvåtre." in body_text(converted_json(out, "svar"))
    for name in outputs(out):
        for raw in output_texts(out / name):
            assert b"\x01" not in raw and "\ufffe".encode() not in raw, name


@pytest.mark.parametrize("text", [
    "Texten <script>alert('x')</script> & &amp; ]]> {{ mall }} <![CDATA[ x ]]> \"citat\" 'apostrof'.",
    "Arabiska: مرحبا بالعالم, hebreiska: שלום עולם.",
    "Emoji 👍🏽 och familj 👨‍👩‍👧 och flagga 🇸🇪.",
    "Kombinerade: e\u0301 blir é, a\u030a blir å, och q\u0307 förblir q\u0307.",
    "Länkar file:///etc/passwd och http://example.invalid/x.png och <img src=\"file:///etc/passwd\">.",
], ids=["markup", "rtl", "emoji", "combining", "urls"])
def test_tricky_text_reaches_the_outputs_intact(tmp_path: Path, text: str) -> None:
    import unicodedata

    from lxml import html as lxml_html

    from riksdoc.readers import read

    run, out = convert(tmp_path, "svar.txt", ANSWER.format(body=text).encode())
    assert run.returncode == 0, run.stderr
    expected = unicodedata.normalize("NFC", text)
    assert expected in body_text(converted_json(out, "svar"))
    document = read((out / "svar.json").read_bytes(), "svar.json").document
    for suffix in (".akn.xml", ".docx"):  # escaped on the way out, the same text on the way back
        assert read((out / f"svar{suffix}").read_bytes(), f"svar{suffix}").document == document
    page = lxml_html.fromstring((out / "svar.html").read_bytes())
    assert expected in " ".join(page.xpath("//article//p//text()")).replace("\n", " ")
    assert not page.xpath("//article//script | //article//img | //article//link")


def test_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    run, out = convert(tmp_path, "svar på fråga 112 – slutlig.txt", SEED.read_bytes())
    assert run.returncode == 0, run.stderr
    assert outputs(out) == sorted(f"svar på fråga 112 – slutlig{FORMATS[f].suffix}" for f in available())
