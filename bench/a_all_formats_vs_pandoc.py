"""Benchmark a: AKN + DOCX + PDF/A for the corpus in one riksdoc call, against pandoc
making DOCX alone, one process per document.  Target: ratio ≤ 1.0.

    python bench/a_all_formats_vs_pandoc.py
"""

from __future__ import annotations

import statistics
import tempfile

from common import CORPUS, RIKSDOC, SEED, best_of, inputs, machine, run


def main() -> None:
    import pypandoc  # from pypandoc-binary

    pandoc = pypandoc.get_pandoc_path()
    docs = inputs()
    with tempfile.TemporaryDirectory() as out:
        def ours() -> None:
            run([*RIKSDOC, "convert", str(CORPUS), str(SEED), "-t", "akn,docx,pdf", "-o", out,
                 "--force"])

        def pandoc_all() -> None:
            for doc in docs:
                run([pandoc, "-f", "markdown", "-t", "docx", "-o", f"{out}/{doc.stem}.p.docx", str(doc)])

        # Interleaved rounds, so that drift in the machine's load hits both alike.
        rounds: dict = {ours: [], pandoc_all: []}
        for _ in range(5):
            for action, times in rounds.items():
                times.append(best_of(1, action))
        ours_s, theirs = (statistics.median(rounds[a]) for a in (ours, pandoc_all))
        ratios = sorted(a / b for a, b in zip(rounds[ours], rounds[pandoc_all], strict=True))
    print(f"machine: {machine()}")
    print(f"documents: {len(docs)}")
    print(f"riksdoc akn+docx+pdf, one call: {ours_s:.3f} s (median of 5 interleaved rounds)")
    print(f"pandoc docx, one process each:  {theirs:.3f} s")
    print(f"ratio riksdoc/pandoc: {ours_s / theirs:.2f} (target ≤ 1.0; per round "
          f"{', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
