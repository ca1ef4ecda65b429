"""Benchmark b: riksdoc's PDF writer against a bare WeasyPrint render of the same HTML and
stylesheet with a shared FontConfiguration.  Target: ratio ≤ 1.15.

The bare render is the floor: same HTML, same parsed CSS, same fonts, no AKN,
no attachment, no PDF/A or tags.  The writer adds the HTML and AKN writers,
the embedded file, PDF/A-3b, the structure tree and the catalog fix-up.

    python bench/b_pdf_vs_weasyprint.py
"""

from __future__ import annotations

import sys

from common import ROOT, best_of, inputs, machine

sys.path.insert(0, str(ROOT))


def main() -> None:
    from convert.readers import read
    from convert.writers import html, pdf

    documents = [read(p.read_bytes(), p.name).document for p in inputs()]
    pdf.warm()
    font_config, css, fetcher = pdf.resources()
    from weasyprint import HTML

    pages = [html.write(d, stem="x").decode("utf-8") for d in documents]

    def ours() -> None:
        for d in documents:
            pdf.write(d, stem="x")

    def bare() -> None:
        for page in pages:
            HTML(string=page, url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=font_config)

    ours_s, bare_s = best_of(5, ours), best_of(5, bare)
    print(f"machine: {machine()}")
    print(f"documents: {len(documents)} (one process, warm)")
    print(f"riksdoc PDF writer:   {ours_s / len(documents) * 1000:.1f} ms/document")
    print(f"bare WeasyPrint:      {bare_s / len(documents) * 1000:.1f} ms/document")
    print(f"ratio writer/bare: {ours_s / bare_s:.2f} (target ≤ 1.15)")


if __name__ == "__main__":
    main()
