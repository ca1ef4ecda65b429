"""Benchmark c: ``riksdoc convert`` of 30 documents (the corpus, the seed, and copies) to
AKN, wall time of the whole command (interpreter start included).  Target: ≤ 0.5 s.

    python bench/c_akn_corpus.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import RIKSDOC, best_of, machine, run, thirty


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as out:
        docs = thirty(Path(tmp))
        seconds = best_of(5, lambda: run([*RIKSDOC, "convert", str(docs), "-t", "akn",
                                          "-o", out, "--force"]))
    print(f"machine: {machine()}")
    print("documents: 30")
    print(f"riksdoc -t akn, whole command: {seconds:.3f} s (target ≤ 0.5 s)")


if __name__ == "__main__":
    main()
