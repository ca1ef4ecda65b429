"""Slow and idle clients against ``riksdoc serve``: do normal requests still get served?

    python bench/h_connections.py                 # 10 000 idle, 20 slow heads, 20 slow bodies
    python bench/h_connections.py --idle 20000

Opens the idle connections (they send nothing), starts clients that send a request head or a
body one byte every 2 s, and meanwhile converts the seed every half second.  Reports when the
slow clients were cut off (the longest, in seconds after they started), how many idle
connections the server closed to make room, the normal requests' latency and errors, and the
server's open files at the end.  Needs a file limit above --idle (``ulimit -n``).
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import threading
import time
from pathlib import Path

import httpx
from common import SEED, machine
from g_load import start_server


def drip(port: int, head: bytes, body: bool, every: float, results: list[tuple[float, bytes]],
         seconds: float) -> None:
    """Send *head* (all at once if *body*, else a byte at a time), then a body a byte at a time."""
    started = time.monotonic()
    answer = b""
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.settimeout(every)
            if body:
                sock.sendall(head)
            data = (b"y" * 100_000) if body else head
            for index in range(len(data)):
                if time.monotonic() - started > seconds:
                    break
                sock.sendall(data[index:index + 1])
                try:
                    chunk = sock.recv(4096)
                    answer += chunk
                    if not chunk:
                        break
                except TimeoutError:
                    continue
    except OSError:
        pass
    results.append((time.monotonic() - started, answer[:12]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle", type=int, default=10_000)
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40.0)
    args = parser.parse_args()
    print(machine())
    process, base = start_server(2)
    port = int(base.rsplit(":", 1)[1])
    try:
        idle = []
        started = time.monotonic()
        for _ in range(args.idle):
            try:
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
            except OSError as exc:
                print(f"stopped opening idle connections at {len(idle)}: {exc}")
                break
        print(f"{len(idle)} idle connections opened in {time.monotonic() - started:.1f} s")
        heads: list[tuple[float, bytes]] = []
        bodies: list[tuple[float, bytes]] = []
        head = (b"POST /api/convert?formats=json HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"text/plain\r\nContent-Length: 100000\r\n\r\n")
        threads = [threading.Thread(target=drip, args=(port, head, False, 2.0, heads,
                                                       args.seconds)) for _ in range(args.slow)]
        threads += [threading.Thread(target=drip, args=(port, head, True, 2.0, bodies,
                                                        args.seconds)) for _ in range(args.slow)]
        for thread in threads:
            thread.start()
        latencies, errors = [], []
        end = time.monotonic() + args.seconds
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < end:
                begun = time.perf_counter()
                try:
                    reply = client.post("/api/convert?formats=json", content=SEED.read_bytes(),
                                        headers={"content-type": "text/plain"})
                    if reply.status_code == 200:
                        latencies.append(time.perf_counter() - begun)
                    else:
                        errors.append(str(reply.status_code))
                except httpx.HTTPError as exc:
                    errors.append(type(exc).__name__)
                time.sleep(0.5)
        for thread in threads:
            thread.join()
        closed = 0
        for sock in idle:
            sock.setblocking(False)
            with contextlib.suppress(BlockingIOError, OSError):
                if sock.recv(1) == b"":
                    closed += 1
            sock.close()
        files = len(list(Path(f"/proc/{process.pid}/fd").iterdir()))
        print(f"slow heads cut after at most {max(t for t, _ in heads):.1f} s "
              f"({sum(1 for t, _ in heads if t < args.seconds)}/{len(heads)} cut)")
        print(f"slow bodies cut after at most {max(t for t, _ in bodies):.1f} s, answers "
              f"{sorted({a.split(b' ')[1].decode() if a else 'none' for _, a in bodies})}")
        print(f"idle connections the server closed: {closed} of {len(idle)}")
        print(f"normal requests: {len(latencies)} served, median {statistics.median(latencies):.2f} s,"
              f" max {max(latencies):.2f} s; errors: {errors or 'none'}")
        print(f"server's open files at the end: {files}")
    finally:
        process.terminate()
        process.wait(30)


if __name__ == "__main__":
    main()
