"""The command line: help with examples, stdin, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED


def riksdoc(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "riksdoc", *args], input=stdin,
                          capture_output=True, cwd=ROOT)


@pytest.mark.parametrize("command", ["normalise", "inspect", "convert", "validate", "serve"])
def test_every_command_has_help_with_examples(command: str) -> None:
    run = riksdoc(command, "--help")
    assert run.returncode == 0
    assert b"examples:" in run.stdout and f"riksdoc {command} ".encode() in run.stdout


def test_stdin_is_read_and_named_stdin(tmp_path: Path) -> None:
    run = riksdoc("convert", "-", "-t", "json,akn", "-o", str(tmp_path), stdin=SEED.read_bytes())
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.glob("[!.]*")) == ["stdin.akn.xml", "stdin.json"]
    normalised = riksdoc("normalise", "-", stdin=SEED.read_bytes())
    assert normalised.stdout.decode().startswith("Svar på fråga 2017/18:112")


@pytest.mark.parametrize("args", [
    ["convert", str(SEED), "-t", "rtf"],
    ["convert", str(SEED), "-j", "0"],
    ["convert"],
    ["frobnicate"],
    [],
], ids=["unknown-format", "zero-jobs", "no-input", "unknown-command", "no-command"])
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    run = riksdoc(*args)
    assert run.returncode == 2
    assert b"Traceback" not in run.stderr and run.stderr


def test_normalise_refuses_a_non_text_input_in_one_line(tmp_path: Path) -> None:
    picture = tmp_path / "bild.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    run = riksdoc("normalise", str(picture))
    assert run.returncode == 1
    assert run.stderr.decode().splitlines() == [f"riksdoc: {picture}: not a text file: looks like a PNG image"]
    assert run.stdout == b""


# --- where outputs go: -o -------------------------------------------------------------

def test_o_names_the_file_for_one_input_and_one_format(tmp_path: Path) -> None:
    run = riksdoc("convert", str(SEED), "-o", str(tmp_path / "svar.pdf"))  # -t from the suffix
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "svar.pdf").read_bytes().startswith(b"%PDF-")
    run = riksdoc("convert", str(SEED), "-t", "JSON", "-o", str(tmp_path / "svar.data"))
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "svar.data").read_text(encoding="utf-8"))["kind"] == "frs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["svar.data", "svar.pdf"]


@pytest.mark.parametrize("args, message", [
    (["-o", "svar"], "-o svar: say which format svar gets with -t (one of pdf,docx,akn,json,"
                     "html), or end it with / to name a folder"),
    (["-o", "svar.pdf", "-t", "akn,pdf"], "-o svar.pdf: svar.pdf takes one output, and -t asks "
                                          "for 2 (akn,pdf); end it with / to name a folder"),
    (["-o", "-"], "-o -: say which format standard output gets with -t (one of pdf,docx,akn,"
                  "json,html)"),
    ([str(SEED), "-o", "-", "-t", "json"], "-o -: standard output takes one output, and there "
                                           "are 2 inputs"),
], ids=["no-format", "several-formats", "stdout-no-format", "stdout-several-inputs"])
def test_o_that_cannot_name_a_file_is_a_usage_error(tmp_path: Path, args: list[str],
                                                    message: str) -> None:
    copy = tmp_path / "kopia.txt"
    copy.write_bytes(SEED.read_bytes())
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(copy), *args],
                         capture_output=True, text=True, cwd=tmp_path)
    assert (run.returncode, run.stderr, run.stdout) == (2, f"riksdoc: {message}\n", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopia.txt"]


def test_o_names_a_folder_when_it_is_one_ends_in_a_slash_or_there_are_several(
        tmp_path: Path) -> None:
    existing = tmp_path / "finns"
    existing.mkdir()
    assert riksdoc("convert", str(SEED), "-t", "json", "-o", str(existing)).returncode == 0
    assert riksdoc("convert", str(SEED), "-t", "json", "-o", f"{tmp_path / 'ny'}/").returncode == 0
    other = tmp_path / "annan.txt"
    other.write_bytes(SEED.read_bytes())
    assert riksdoc("convert", str(SEED), str(other), "-t", "json",
                   "-o", str(tmp_path / "flera.json")).returncode == 0
    for folder, names in (("finns", [f"{SEED.stem}.json"]), ("ny", [f"{SEED.stem}.json"]),
                          ("flera.json", sorted(["annan.json", f"{SEED.stem}.json"]))):
        assert sorted(p.name for p in (tmp_path / folder).glob("[!.]*")) == names


def test_o_dash_writes_the_one_output_to_stdout(tmp_path: Path) -> None:
    run = riksdoc("convert", str(SEED), "-t", "pdf", "-o", "-")
    assert run.returncode == 0 and run.stderr == b""
    assert riksdoc("convert", str(SEED), "-t", "pdf", "-o", str(tmp_path / "a.pdf")).returncode == 0
    assert run.stdout == (tmp_path / "a.pdf").read_bytes()
    piped = riksdoc("convert", "-", "-t", "akn", "-o", "-", stdin=SEED.read_bytes())
    assert piped.returncode == 0 and piped.stdout.startswith(b"<?xml")
    assert not Path(ROOT / "-").exists()


# --- folders -----------------------------------------------------------------------------

def _docx_of_seed() -> bytes:
    from riksdoc.writers import write

    from .conftest import read_document
    return write(read_document(SEED), "docx", stem="x")


def test_a_folder_gives_every_input_riksdoc_reads_and_lists_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "under").mkdir(parents=True)
    seed = SEED.read_bytes()
    (folder / "VERSALER.TXT").write_bytes(seed)
    (folder / "svar.txt").write_bytes(seed)
    (folder / "redigerad.docx").write_bytes(_docx_of_seed())
    assert riksdoc("convert", str(SEED), "-t", "akn,json", "-o", str(tmp_path)).returncode == 0
    (tmp_path / f"{SEED.stem}.akn.xml").rename(folder / "arkiv.akn.xml")
    (tmp_path / f"{SEED.stem}.json").rename(folder / "modell.json")
    (folder / "anteckningar.md").write_text("inte ett svar\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "under" / "djupt.txt").write_bytes(seed)
    out = tmp_path / "out"
    run = riksdoc("convert", str(folder), "-t", "json", "-o", str(out), "-j", "1")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.glob("[!.]*")) == [
        "VERSALER.json", "arkiv.json", "modell.json", "redigerad.json", "svar.json"]
    lines = run.stderr.decode().splitlines()
    assert lines[:3] == [
        f"riksdoc: {folder}: ignored: 1 hidden file or folder (.DS_Store)",
        f"riksdoc: {folder / 'anteckningar.md'}: ignored: not a file riksdoc reads "
        "(.txt, .docx, .akn.xml, .xml, .json)",
        f"riksdoc: {folder / 'under'}: ignored: a folder (--recursive takes folders inside "
        "folders)"]
    assert lines[-1].startswith("riksdoc: 5 converted, 0 failed, 0 skipped, 3 ignored in ")
    assert riksdoc("convert", str(folder), "-q", "-t", "json", "-o", str(out)).stderr == b""


def test_recursive_mirrors_the_tree(tmp_path: Path) -> None:
    folder, out = tmp_path / "arkiv", tmp_path / "ut"
    for name in ("svar.txt", "2017/svar.txt", "2017/höst/annat.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(SEED.read_bytes())
    run = riksdoc("convert", str(folder), "-r", "-t", "json", "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("[!.]*") if p.is_file()) == \
        ["2017/höst/annat.json", "2017/svar.json", "svar.json"]
    again = riksdoc("convert", str(folder), "--recursive", "-t", "json", "-o", str(out))
    assert b"0 converted, 0 failed, 3 skipped" in again.stderr


def test_one_input_skipped_as_unchanged_says_so(tmp_path: Path) -> None:
    """A second run of one document writes nothing; it must not be silent about why."""
    out = tmp_path / "ut"
    first = riksdoc("convert", str(SEED), "-t", "json", "-o", f"{out}/")
    assert first.returncode == 0 and first.stderr == b""
    again = riksdoc("convert", str(SEED), "-t", "json", "-o", f"{out}/")
    assert again.returncode == 0
    assert b"0 converted, 0 failed, 1 skipped (unchanged since the last run; --force converts " \
        b"again)" in again.stderr


def test_a_run_where_every_input_fails_leaves_no_folder_behind(tmp_path: Path) -> None:
    """The folders a run made for its outputs go again when it wrote nothing there; a folder
    that was there before, or that holds an output, stays."""
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"not a zip")
    failed = riksdoc("convert", str(broken), "-o", f"{tmp_path / 'ny' / 'ut'}/")
    assert failed.returncode == 1 and b"not a DOCX file" in failed.stderr
    assert not (tmp_path / "ny").exists()
    (tmp_path / "fanns").mkdir()
    riksdoc("convert", str(broken), "-o", f"{tmp_path / 'fanns'}/")
    assert (tmp_path / "fanns").is_dir()
    partly = riksdoc("convert", str(broken), str(SEED), "-t", "json", "-o", f"{tmp_path / 'ny'}/")
    assert partly.returncode == 1
    assert [p.name for p in (tmp_path / "ny").iterdir() if not p.name.startswith(".")] == \
        [f"{SEED.stem}.json"]


def test_outputs_written_into_the_input_folder_are_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "svar.txt").write_bytes(SEED.read_bytes())
    assert riksdoc("convert", str(tmp_path), "-t", "akn,json", "-o", str(tmp_path)).returncode == 0
    run = riksdoc("convert", str(tmp_path), "-t", "akn,json,html", "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    ignored = [line for line in run.stderr.decode().splitlines() if ": ignored: " in line]
    assert ignored == [f"riksdoc: {tmp_path / name}: ignored: written by an earlier run (see "
                       ".riksdoc-manifest.json); name the file to convert it"
                       for name in ("svar.akn.xml", "svar.json")]
    assert (tmp_path / "svar.html").is_file()


# --- habits ----------------------------------------------------------------------------

def test_quiet_and_verbose(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "svar.txt").write_bytes(SEED.read_bytes())
    (folder / "generisk.txt").write_text("Något helt annat\n\nEn rad.\n", encoding="utf-8")
    normal = riksdoc("convert", str(folder), "-t", "json", "-o", str(tmp_path / "a"))
    assert b"warning:" in normal.stderr and b"2 converted" in normal.stderr
    quiet = riksdoc("convert", str(folder), "-t", "json", "-o", str(tmp_path / "b"), "-q")
    assert (quiet.returncode, quiet.stderr) == (0, b"")
    verbose = riksdoc("convert", str(folder), "-t", "json", "-o", str(tmp_path / "a"), "-v")
    assert f"riksdoc: {folder / 'svar.txt'}: unchanged since the last run, skipped".encode() \
        in verbose.stderr
    verbose = riksdoc("convert", str(folder), "-t", "json", "-o", str(tmp_path / "c"), "-v")
    assert f"riksdoc: {folder / 'svar.txt'} → {tmp_path / 'c' / 'svar.json'}".encode() \
        in verbose.stderr
    assert riksdoc("convert", str(SEED), "-q", "-v").returncode == 2


def test_formats_in_any_case_and_normalize_as_an_alias(tmp_path: Path) -> None:
    run = riksdoc("convert", str(SEED), "-t", "PDF,Json", "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert sorted(p.suffix for p in tmp_path.glob("[!.]*")) == [".json", ".pdf"]
    assert riksdoc("normalize", str(SEED)).stdout == riksdoc("normalise", str(SEED)).stdout != b""


def test_outputs_respect_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    for umask, mode in ((0o027, 0o640), (0o002, 0o664)):
        out = tmp_path / f"{umask:o}"
        run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(SEED), "-t",
                              "json,akn", "-o", f"{out}/"], cwd=ROOT, capture_output=True,
                             preexec_fn=lambda umask=umask: os.umask(umask))
        assert run.returncode == 0, run.stderr
        files = list(out.glob("[!.]*")) + [out / ".riksdoc-manifest.json"]
        assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}
