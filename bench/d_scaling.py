"""Benchmark d: the seed's body repeated ×10 and ×100, all three formats: time ratio
and peak memory.  Targets: t(×100) / t(×10) ≤ 11, peak RSS ≤ 400 MB.

    python bench/d_scaling.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, SEED, machine


def scaled(copies: int, folder: Path) -> Path:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    header, body, closing = lines[:1], lines[1:5], lines[5:]
    path = folder / f"seed-x{copies}.txt"
    path.write_text("\n".join(header + body * copies + closing) + "\n", encoding="utf-8")
    return path


def measure(path: Path, out: str) -> tuple[float, float, float]:
    """Wall seconds of the command, seconds converting the document (read and the three
    writers, from the report), and the process's peak RSS in MB."""
    code = ("import json, resource, sys; from riksdoc.cli import main; "
            "rc = main(['convert', sys.argv[1], '-t', 'akn,docx,pdf', '-o', sys.argv[2], '-j', '1', "
            "'--force', '--report', sys.argv[2] + '/report.json']); assert rc == 0; "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(path), out], check=True,
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    report = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))
    converting = sum(report["documents"][0]["timings"].values())
    return wall, converting, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {}
        for copies in (1, 10, 100):
            path = scaled(copies, folder)
            measure(path, tmp)  # warm the disk cache
            results[copies] = measure(path, tmp)
            wall, converting, rss = results[copies]
            print(f"×{copies:<4} {path.stat().st_size:>9,} bytes  command {wall:6.2f} s  "
                  f"converting {converting:6.2f} s  peak RSS {rss:5.0f} MB")
    print(f"time ratio ×100/×10, command:    {results[100][0] / results[10][0]:.2f} (target ≤ 11)")
    print(f"time ratio ×100/×10, converting: {results[100][1] / results[10][1]:.2f} (target ≤ 11)")
    print(f"peak RSS ×100: {results[100][2]:.0f} MB (target ≤ 400 MB)")


if __name__ == "__main__":
    main()
