"""The command line: help with examples, stdin, exit codes."""

from __future__ import annotations

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
