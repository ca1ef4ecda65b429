"""Benchmark i: Skollag (2010:800) published — AKN + DOCX + PDF in one riksdoc command —
against pandoc making a DOCX of the same text plus a bare WeasyPrint render of pandoc's
HTML of it.  Targets: ratio ≤ 1.2 (same run), peak RSS ≤ 600 MB; and a batch of the six
corpus statutes with ``-j`` keeps every worker busy.

    python bench/i_statute_publish.py [--rounds 3]

Each side is timed as a user runs it, one fresh process per command, in interleaved
rounds (the machine is shared: drift in its load hits both alike).  Wall time and CPU
time (user + system of the processes) are both reported; the ratio is given for each.
riksdoc's own report says where its time goes (reading, AKN, DOCX, PDF), and an
in-process run splits the PDF into layout, writing and finishing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, machine

SFS = ROOT / "tests" / "corpus-sfs" / "api"
RECORD = SFS / "sfs-2010-800.json"
BARE = "import sys, weasyprint; weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])"


def timed(commands: list[list[str]]) -> tuple[float, float, int]:
    """Wall and CPU seconds of *commands* run one after the other, and the largest peak
    RSS (KB) of any one of them, its whole process tree together.

    riksdoc's command hands the conversion to a worker process that it does not wait
    for the way ``getrusage(RUSAGE_CHILDREN)`` needs, so the tree is sampled with psutil
    (every 50 ms: each process's CPU time as last seen, the sum of their RSS).
    """
    import psutil

    started = time.perf_counter()
    cpu = 0.0
    peak = 0
    for command in commands:
        process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=ROOT)
        seen: dict[int, float] = {}
        while process.poll() is None:
            rss = 0
            for member in [process, *process.children(recursive=True)]:
                try:
                    times = member.cpu_times()
                    seen[member.pid] = times.user + times.system
                    rss += member.memory_info().rss
                except psutil.Error:
                    continue
            peak = max(peak, rss // 1024)
            time.sleep(0.05)
        stderr = process.stderr.read().decode() if process.stderr else ""
        if process.returncode != 0:
            raise SystemExit(f"{command[:3]} failed: {stderr[-500:]}")
        cpu += sum(seen.values())
    return time.perf_counter() - started, cpu, peak


def riksdoc(out: Path) -> list[list[str]]:
    return [[sys.executable, "-m", "riksdoc", "convert", str(RECORD), "-t", "akn,docx,pdf",
             "-o", str(out), "-j", "1", "--force", "--progress", "never",
             "--report", str(out / "report.json")]]


def pandoc_side(text: Path, out: Path) -> list[list[str]]:
    try:
        import pypandoc  # from pypandoc-binary, else the system's pandoc
        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        pandoc = "pandoc"
    return [[pandoc, "-f", "markdown", "-t", "docx", "-o", str(out / "p.docx"), str(text)],
            [pandoc, "-f", "markdown", "-t", "html", "-s", "--metadata", "title=Skollag",
             "-o", str(out / "p.html"), str(text)],
            [sys.executable, "-c", BARE, str(out / "p.html"), str(out / "p.pdf")]]


def where_the_pdf_time_goes() -> dict[str, float]:
    """CPU seconds of the PDF writer's steps, in this process (after a warm-up)."""
    from riksdoc import read
    from riksdoc.writers import akn, html, pdf, pdf_layout

    pdf.warm()
    document = read(RECORD).document
    clock = time.process_time
    steps: dict[str, float] = {}
    started = clock()
    page = html.serialise(html.build(document, for_print=True), pretty=False)
    steps["HTML page"] = clock() - started
    from weasyprint import HTML

    font_config, css, fetcher = pdf.resources()
    options = {"stylesheets": [css], "pdf_variant": "pdf/a-3b", "pdf_tags": True}
    with pdf.collector_paused():  # as the writer runs it
        started = clock()
        layout = pdf_layout.render(HTML(string=page.decode(), url_fetcher=fetcher),
                                   font_config=font_config, **options)
        steps["layout (WeasyPrint)"] = clock() - started
        started = clock()
        data = layout.write_pdf(finisher=pdf._finish, uncompressed_pdf=True, **options)
        steps["drawing and writing uncompressed, tags (WeasyPrint, pydyf)"] = clock() - started
    started = clock()
    pdf._post_process(data, {})
    steps["finishing (pikepdf: text layer, tags, compression)"] = clock() - started
    started = clock()
    akn.write(document, stem="x")
    steps["AKN (embedded)"] = clock() - started
    return steps


def batch(folder: Path) -> tuple[float, float, float, int]:
    """The six statutes with -j 2: wall and CPU seconds of the command, the sum of the
    documents' own conversion times (the report's timings: more than the wall time
    only if workers converted at once), and how many documents."""
    records = sorted(SFS.glob("*.json"))
    folder.mkdir(exist_ok=True)
    wall, cpu, _ = timed([[sys.executable, "-m", "riksdoc", "convert", *map(str, records),
                           "-t", "akn,docx,pdf", "-o", str(folder), "-j", "2", "--force",
                           "--progress", "never", "--report", str(folder / "report.json")]])
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    converting = sum(sum(d["timings"].values()) for d in report["documents"])
    return wall, cpu, converting, len(records)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        text = out / "skollag.txt"
        text.write_text(json.loads(RECORD.read_text(encoding="utf-8"))["fulltext"]
                        ["forfattningstext"], encoding="utf-8")
        ours, theirs = [], []
        for _ in range(args.rounds):
            ours.append(timed(riksdoc(out)))
            theirs.append(timed(pandoc_side(text, out)))
        import pikepdf
        pages = {name: len(pikepdf.open(out / name).pages)
                 for name in ("sfs-2010-800.pdf", "p.pdf")}
        print(f"pages: riksdoc {pages['sfs-2010-800.pdf']}, bare WeasyPrint of pandoc's HTML "
              f"{pages['p.pdf']}")
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        timings = report["documents"][0]["timings"]
        for label, index in (("wall", 0), ("CPU", 1)):
            a = statistics.median(r[index] for r in ours)
            b = statistics.median(r[index] for r in theirs)
            rounds = ", ".join(f"{r[index] / p[index]:.2f}" for r, p in zip(ours, theirs,
                                                                           strict=True))
            print(f"{label}: riksdoc akn+docx+pdf {a:.1f} s, pandoc docx + html + bare "
                  f"WeasyPrint {b:.1f} s: ratio {a / b:.2f} (rounds {rounds}; target ≤ 1.2)")
        print(f"peak RSS riksdoc {max(r[2] for r in ours) / 1024:.0f} MB (target ≤ 600), "
              f"bare WeasyPrint {max(p[2] for p in theirs) / 1024:.0f} MB")
        print("riksdoc's report (s):", {k: round(v, 2) for k, v in timings.items()})
        print("in the PDF writer (CPU s):",
              {k: round(v, 2) for k, v in where_the_pdf_time_goes().items()})
        wall, cpu, converting, count = batch(out / "batch")
        print(f"batch of {count} statutes, -j 2: wall {wall:.1f} s, CPU {cpu:.1f} s "
              f"({cpu / wall:.2f} cores busy on average); the documents' conversions took "
              f"{converting:.1f} s in all, {converting / wall:.2f}× the wall time")


if __name__ == "__main__":
    main()
