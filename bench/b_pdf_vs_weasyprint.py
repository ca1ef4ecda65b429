"""Benchmark b: riksdoc's PDF writer against a bare WeasyPrint render of the same HTML and
stylesheet with a shared FontConfiguration.  Target: ratio ≤ 1.15.

The bare render is the floor: same HTML, same parsed CSS, same fonts, no AKN,
no attachment, no PDF/A or tags.  The writer adds the HTML and AKN writers,
the embedded file, PDF/A-3b, the structure tree and the catalog fix-up.

    python bench/b_pdf_vs_weasyprint.py
"""

from __future__ import annotations

import statistics
import sys

from common import ROOT, best_of, inputs, machine

sys.path.insert(0, str(ROOT))


def main() -> None:
    from riksdoc.readers import read
    from riksdoc.writers import akn, html, pdf

    documents = [read(p.read_bytes(), p.name).document for p in inputs()]
    pdf.warm()
    font_config, css, fetcher = pdf.resources()
    from weasyprint import HTML, Attachment

    pages = [html.write(d, stem="x").decode("utf-8") for d in documents]
    attachments = [akn.write(d, stem="x") for d in documents]

    def ours() -> None:
        for d in documents:
            pdf.write(d, stem="x")

    def bare() -> None:
        for page in pages:
            HTML(string=page, url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=font_config)

    def same_options() -> None:  # what WeasyPrint itself costs for what the writer asks of it
        for page, attachment in zip(pages, attachments, strict=True):
            embedded = Attachment(string=attachment, name="x.akn.xml", url_fetcher=fetcher,
                                  relationship="Source")
            HTML(string=page, url_fetcher=fetcher).write_pdf(
                stylesheets=[css], font_config=font_config, attachments=[embedded],
                pdf_variant="pdf/a-3b", pdf_tags=True)

    # Interleaved rounds, so that drift in the machine's load hits all three alike.
    rounds = {ours: [], bare: [], same_options: []}
    for _ in range(7):
        for action, times in rounds.items():
            times.append(best_of(1, action))
    ours_s, bare_s, same_s = (statistics.median(rounds[a]) for a in (ours, bare, same_options))
    n = len(documents)
    print(f"machine: {machine()}")
    print(f"documents: {n} (one process, warm; median of 7 interleaved rounds)")
    print(f"riksdoc PDF writer:                          {ours_s / n * 1000:5.1f} ms/document")
    print(f"bare WeasyPrint:                             {bare_s / n * 1000:5.1f} ms/document")
    print(f"WeasyPrint with PDF/A-3b, tags, attachment:  {same_s / n * 1000:5.1f} ms/document")
    print(f"ratio writer/bare: {ours_s / bare_s:.2f} (target ≤ 1.15)")
    print(f"ratio writer/WeasyPrint with the same options: {ours_s / same_s:.2f}")


if __name__ == "__main__":
    main()
