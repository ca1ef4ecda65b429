"""Benchmark a: AKN + DOCX + PDF/A for the corpus in one riksdoc call, against pandoc
making DOCX alone, one process per document.  Target: ratio ≤ 1.0.

    python bench/a_all_formats_vs_pandoc.py
"""

from __future__ import annotations

import tempfile

from common import CORPUS, RIKSDOC, SEED, best_of, inputs, machine, run


def main() -> None:
    import pypandoc  # from pypandoc-binary

    pandoc = pypandoc.get_pandoc_path()
    docs = inputs()
    with tempfile.TemporaryDirectory() as out:
        ours = best_of(3, lambda: run([*RIKSDOC, "convert", str(CORPUS), str(SEED), "-t",
                                       "akn,docx,pdf", "-o", out, "--force"]))

        def pandoc_all() -> None:
            for doc in docs:
                run([pandoc, "-f", "markdown", "-t", "docx", "-o", f"{out}/{doc.stem}.p.docx", str(doc)])
        theirs = best_of(3, pandoc_all)
    print(f"machine: {machine()}")
    print(f"documents: {len(docs)}")
    print(f"riksdoc akn+docx+pdf, one call: {ours:.3f} s")
    print(f"pandoc docx, one process each:  {theirs:.3f} s")
    print(f"ratio riksdoc/pandoc: {ours / theirs:.2f} (target ≤ 1.0)")


if __name__ == "__main__":
    main()
