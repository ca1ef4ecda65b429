"""Benchmark e: Skollag (2010:800) to AKN only, and memory against the size of the text.
Targets: `riksdoc convert sfs-2010-800.json -t akn` ≤ 1 s wall (interpreter start
included); peak RSS growing linearly with the text.

    python bench/e_statute_akn.py

The command is timed as a user runs it (median of 5 after a warm-up), with the time
the conversion itself took (read + AKN writer, from the report) beside it.  For
memory, the text is cut to its first quarter and half, and doubled (the whole text
twice); each is converted in a fresh process and its peak RSS taken.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, machine

RECORD = ROOT / "tests" / "corpus-sfs" / "api" / "sfs-2010-800.json"
TEXT = ROOT / "tests" / "corpus-sfs" / "raw" / "sfs-2010-800.txt"
CODE = ("import json, resource, sys; from riksdoc.cli import main; "
        "rc = main(['convert', sys.argv[1], '-t', 'akn', '-k', 'sfs', '-o', sys.argv[2], '-j', '1',"
        " '--force', '--progress', 'never', '--report', sys.argv[2] + '/report.json']); "
        "assert rc == 0; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def command(source: Path, out: str) -> tuple[float, float, float, float]:
    """Wall seconds of the command, its CPU seconds (user + system: what it costs when the
    machine is shared), seconds converting (from the report), peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CODE, str(source), out], check=True,
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    converting = sum(report["documents"][0]["timings"].values())
    return wall, cpu, converting, int(done.stdout.split()[-1]) / 1024


def cut(fraction: float, folder: Path) -> Path:
    """The first *fraction* of the text's lines (2.0: the text twice)."""
    lines = TEXT.read_bytes().split(b"\r\n")
    kept = lines[:int(len(lines) * fraction)] if fraction <= 1 else lines * int(fraction)
    path = folder / f"sfs-2010-800-x{fraction:g}.txt"
    path.write_bytes(b"\r\n".join(kept))
    return path


def main() -> None:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        command(RECORD, tmp)  # warm the disk cache and the bytecode
        runs = [command(RECORD, tmp) for _ in range(5)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        converting = statistics.median(r[2] for r in runs)
        print(f"Skollag record → AKN: command {wall:.2f} s wall (runs "
              f"{', '.join(f'{r[0]:.2f}' for r in runs)}), {cpu:.2f} s CPU, converting "
              f"{converting:.2f} s, peak RSS {runs[0][3]:.0f} MB (target ≤ 1 s); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print("memory against the text's size (the raw text, -k sfs):")
        sizes = []
        for fraction in (0.25, 0.5, 1.0, 2.0):
            path = cut(fraction, Path(tmp))
            _, _, seconds, rss = command(path, tmp)
            sizes.append((path.stat().st_size, rss))
            print(f"  ×{fraction:<4g} {path.stat().st_size:>9,} bytes  converting {seconds:5.2f} s  "
                  f"peak RSS {rss:5.0f} MB")
        (small, rss_small), (large, rss_large) = sizes[0], sizes[-1]
        print(f"peak RSS per MB of text beyond the smallest: "
              f"{(rss_large - rss_small) / ((large - small) / 1e6):.0f} MB/MB")


if __name__ == "__main__":
    main()
