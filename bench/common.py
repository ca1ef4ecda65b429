"""Shared helpers for the benchmarks: where things are, timing, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "raw"
SEED = ROOT / "seeds" / "000_a3e8633d8479b537.txt"
RIKSDOC = [sys.executable, "-m", "riksdoc"]


def inputs() -> list[Path]:
    """The corpus and the seed: the documents every benchmark uses."""
    return sorted(CORPUS.glob("*.txt")) + [SEED]


def best_of(runs: int, action: Callable[[], object]) -> float:
    """Median wall seconds of *runs* calls (after one warm-up call)."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, **kwargs)


def thirty(folder: Path) -> Path:
    """A folder of 30 documents: the corpus and the seed, then copies under new names."""
    docs = inputs()
    for n in range(30):
        source = docs[n % len(docs)]
        (folder / f"{n:02d}-{source.name}").write_bytes(source.read_bytes())
    return folder


def machine() -> str:
    """One line about this machine, for the record."""
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")
