"""Benchmark f: the PDF writer with riksdoc's font subsetting (uharfbuzz's bundled HarfBuzz)
against WeasyPrint's own, with the system's libharfbuzz-subset and with its fontTools fallback.

riksdoc subsets every font itself so that PDFs are the same bytes on every machine
(`convert/writers/pdf_subset.py`); this shows what that costs, and what a machine
without libharfbuzz-subset would pay without it.  In-process, ten corpus documents,
interleaved rounds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from common import CORPUS, machine

from riksdoc.readers import read
from riksdoc.writers import write
from riksdoc.writers.pdf import import_weasyprint


def main() -> None:
    import_weasyprint()
    from weasyprint.pdf.fonts import Font

    def system(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
        if to_unicode:
            font._harfbuzz_subset(to_unicode, hinting)

    def fonttools(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
        if to_unicode:
            font._fonttools_subset(to_unicode, hinting)

    ways: dict[str, Callable[..., None]] = {"riksdoc (uharfbuzz)": Font.subset,
                                            "WeasyPrint, system libharfbuzz-subset": system,
                                            "WeasyPrint, fontTools fallback": fonttools}
    documents = [read(path.read_bytes(), path.name).document
                 for path in sorted(CORPUS.glob("*.txt"))[:10]]
    write(documents[0], "pdf", stem="x")  # fonts, stylesheet and pyphen loaded once
    seconds: dict[str, list[float]] = {name: [] for name in ways}
    for round_ in range(3):
        for name, subset in ways.items():
            if name.endswith("fallback") and round_:
                continue  # one round is plenty at that speed
            Font.subset = subset
            started = time.perf_counter()
            for document in documents:
                write(document, "pdf", stem="x")
            seconds[name].append((time.perf_counter() - started) / len(documents))
    Font.subset = ways["riksdoc (uharfbuzz)"]
    print(f"machine: {machine()}")
    for name, times in seconds.items():
        print(f"{name}: {statistics.median(times) * 1000:.0f} ms a PDF "
              f"(rounds: {', '.join(f'{t * 1000:.0f}' for t in times)})")


if __name__ == "__main__":
    main()
