"""Load: N concurrent clients convert the real corpus through ``riksdoc serve``; every result is
checked byte for byte against the CLI's own output.

    python bench/g_load.py                      # 5, 20 and 50 clients, a fresh server each
    python bench/g_load.py --clients 20 --requests 400 --workers 2 --formats akn,json

Each client keeps one connection and sends documents of tests/corpus/raw (and the seed) in
turn, every format asked for, half the time as one ZIP (`?zip=1`) and half as JSON whose
download links it then fetches.  Every file must equal what ``riksdoc.writers.write`` makes
of the same document.  Reported per run: conversions a second, latency of the conversion
request (p50, p95, p99), errors and mismatches, memory (the server and its workers, sampled
from /proc every 0.2 s: peak of the sum, peak of one worker) and the machine's load average
(it is shared).  Before the load, one conversion's links are kept; after it (past the run's
conversions, over 1 000 at 20 and 50 clients) they must still download.  Each run has a
server of its own with the default settings, so the result store (256 MB, 30 minutes) starts
empty: a longer run at full speed fills it, and then new work gets 503 with Retry-After, as
designed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from common import ROOT, inputs, machine

FORMATS = ("pdf", "docx", "akn", "html", "json")
"""Every format (``--formats`` asks for fewer)."""


def expected_outputs(formats: tuple[str, ...]) -> dict[str, dict[str, bytes]]:
    """File name → format → bytes, as the CLI writes them."""
    from riksdoc.readers import read
    from riksdoc.server.forms import _safe_stem  # the server's name for an uploaded file
    from riksdoc.writers import write

    out = {}
    for path in inputs():
        document = read(path.read_bytes(), path.name).document
        stem = _safe_stem(path.name)
        out[path.name] = {name: write(document, name, stem=stem) for name in formats}
    return out


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client_loop(base: str, expected: dict[str, dict[str, bytes]], requests: int, offset: int,
                tally: Tally) -> None:
    formats = ",".join(next(iter(expected.values())))
    names = sorted(expected)
    files = {name: (ROOT / "tests" / "corpus" / "raw" / name) for name in names}
    files.update({p.name: p for p in inputs()})
    with httpx.Client(base_url=base, timeout=120) as client:
        for n in range(requests):
            name = names[(offset + n) % len(names)]
            upload = {"file": (name, files[name].read_bytes(), "text/plain")}
            as_zip = (offset + n) % 2 == 0
            started = time.perf_counter()
            try:
                reply = client.post(f"/api/convert?formats={formats}" + ("&zip=1" if as_zip else ""),
                                    files=upload)
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.errors.append(f"{name}: {type(exc).__name__}")
                continue
            took = time.perf_counter() - started
            if reply.status_code != 200:
                with tally.lock:
                    tally.errors.append(f"{name}: {reply.status_code} {reply.text[:100]}")
                continue
            got = _files(client, reply, as_zip)
            bad = [fmt for fmt in expected[name] if got.get(fmt) != expected[name][fmt]]
            with tally.lock:
                tally.latencies.append(took)
                if bad:
                    tally.mismatches.append(f"{name}: {', '.join(bad)}")


def _files(client: httpx.Client, reply: httpx.Response, as_zip: bool) -> dict[str, bytes]:
    if as_zip:
        archive = zipfile.ZipFile(io.BytesIO(reply.content))
        by_suffix = {".pdf": "pdf", ".docx": "docx", ".akn.xml": "akn", ".html": "html",
                     ".json": "json"}
        return {fmt: archive.read(member) for member in archive.namelist()
                for suffix, fmt in by_suffix.items() if member.endswith(suffix)}
    return {fmt: client.get(info["url"]).content for fmt, info in reply.json()["files"].items()}


def memory_of(pid: int) -> tuple[int, int]:
    """(RSS of *pid* and its descendants, largest RSS of one descendant), in bytes."""
    def children(p: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                found += [int(c) for c in task.read_text().split()]
        return found

    def rss(p: int) -> int:
        try:
            return int(Path(f"/proc/{p}/statm").read_text().split()[1]) * 4096
        except (OSError, IndexError):
            return 0

    total, largest, todo = rss(pid), 0, children(pid)
    while todo:
        p = todo.pop()
        size = rss(p)
        total += size
        largest = max(largest, size)
        todo += children(p)
    return total, largest


def sample_memory(pid: int, stop: threading.Event, peaks: list[int]) -> None:
    while not stop.is_set():
        total, largest = memory_of(pid)
        peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
        stop.wait(0.2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "riksdoc", "serve", "--port", str(port),
                                "--workers", str(workers)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def run(clients: int, requests: int, base: str, pid: int,
        expected: dict[str, dict[str, bytes]]) -> dict[str, object]:
    tally = Tally()
    per_client = max(1, requests // clients)
    stop, peaks = threading.Event(), [0, 0]
    sampler = threading.Thread(target=sample_memory, args=(pid, stop, peaks), daemon=True)
    sampler.start()
    threads = [threading.Thread(target=client_loop, args=(base, expected, per_client, i * 7, tally))
               for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    stop.set()
    done = len(tally.latencies)
    quantiles = statistics.quantiles(tally.latencies, n=100) if done > 1 else [0.0] * 99
    return {"clients": clients, "requests": per_client * clients, "converted": done,
            "docs_per_s": done / wall, "p50": quantiles[49], "p95": quantiles[94],
            "p99": quantiles[98], "errors": len(tally.errors), "mismatches": len(tally.mismatches),
            "peak_mb": peaks[0] / 2**20, "worker_mb": peaks[1] / 2**20,
            "examples": (tally.errors + tally.mismatches)[:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="*", default=[5, 20, 50])
    parser.add_argument("--requests", type=int, default=0,
                        help="conversions a run (default: 40 a client, at least 400)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    expected = expected_outputs(formats)
    print(f"{machine()}; {len(expected)} documents, formats {','.join(formats)}; "
          f"--workers {args.workers}")
    print("| clients | conversions | docs/s | p50 s | p95 s | p99 s | errors | mismatches "
          "| peak RSS MB (server + workers) | largest worker MB | load average | first links |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for clients in args.clients:
        process, base = start_server(args.workers)
        try:
            first = httpx.post(f"{base}/api/convert?formats={args.formats}",
                               files={"file": (inputs()[0].name, inputs()[0].read_bytes())})
            kept = [info["url"] for info in first.json()["files"].values()]
            result = run(clients, args.requests or max(400, 40 * clients), base, process.pid,
                         expected)
            alive = {httpx.get(base + url).status_code for url in kept}
            load = os.getloadavg()[0]
            print(f"| {clients} | {result['converted']} | {result['docs_per_s']:.1f} | "
                  f"{result['p50']:.2f} | {result['p95']:.2f} | {result['p99']:.2f} | "
                  f"{result['errors']} | {result['mismatches']} | {result['peak_mb']:.0f} | "
                  f"{result['worker_mb']:.0f} | {load:.1f} | "
                  f"{'all download' if alive == {200} else sorted(alive)} |", flush=True)
            for example in result["examples"]:  # type: ignore[attr-defined]
                print(f"    {example}")
        finally:
            process.terminate()
            process.wait(30)


if __name__ == "__main__":
    main()
