"""The server under abuse and accident: killed workers, hung conversions, clients that leave,
slow and idle connections, cross-site posts, a full result store, Ctrl-C and SIGTERM.

The server runs as a real process (uvicorn in its main thread, its signal
handlers installed, as in production), with workers started by ``spawn`` as on
Windows and macOS, and a conversion function that hangs or dawdles on request
and writes the worker's process id where the test can find it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")

from riksdoc.engine import Job  # noqa: E402
from riksdoc.server.conversion import Converted, convert_request  # noqa: E402

from .conftest import ROOT, SEED  # noqa: E402
from .test_server import free_port, wait_until_up, with_root  # noqa: E402

SEED_TEXT = SEED.read_text(encoding="utf-8")
TIMEOUT = 6.0
"""The test server's time limit for one conversion."""
HANG = "SOV-LAENGE"
"""In an input: the conversion hangs (far past any limit)."""
DAWDLE = "SOV-KORT"
"""In an input: the conversion takes 3 s, then converts."""
PIDS = "RIKSDOC_TEST_PIDS"
"""Environment variable: a directory where a hanging or dawdling conversion writes its pid."""

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")


def sleepy_conversion(job: Job, preview: bool) -> Converted:
    """`convert_request`, but hangs or dawdles on request (runs in a worker process)."""
    for word, seconds in ((HANG, 600.0), (DAWDLE, 3.0)):
        if word.encode() in job.data:
            folder = Path(os.environ[PIDS])
            (folder / f"{word}-{os.getpid()}").write_text(str(os.getpid()))
            time.sleep(seconds)
    return convert_request(job, preview)


def start_server(port: int, pids: Path, **settings: object) -> subprocess.Popen[bytes]:
    values = {"timeout": TIMEOUT, "workers": 2, "header_timeout": 2.0, "body_timeout": 3.0,
              "max_connections": 200, "shutdown_seconds": 2.0, **settings}
    script = ("from riksdoc.server import Settings, create_app, serve; "
              "from tests.test_server_resilience import sleepy_conversion; "
              f"s = Settings(port={port}, **{values!r}); "
              "serve(s, create_app(s, conversion=sleepy_conversion))")
    env = {**with_root(), PIDS: str(pids), "RIKSDOC_START_METHOD": "spawn"}
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def pids(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pids")


@pytest.fixture(scope="module")
def server(pids: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The test server; at the end it is stopped with Ctrl-C (SIGINT) while a conversion
    hangs, and must be gone within seconds, its workers with it."""
    port = free_port()
    process = start_server(port, pids)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, 60)
    except AssertionError:
        process.kill()
        raise AssertionError(process.communicate()[1].decode(errors="replace")) from None
    yield base, process
    assert_stops_in_seconds(process, signal.SIGINT, base, pids)


def hang(base: str, pids: Path) -> threading.Thread:
    """A request whose conversion hangs, running (its worker's pid written) on return."""
    thread = threading.Thread(target=lambda: _ignore(convert, base, SEED_TEXT + f"\n{HANG}\n",
                                                     60))
    thread.start()
    pid_of(pids, HANG)
    return thread


def assert_stops_in_seconds(process: subprocess.Popen[bytes], how: int, base: str,
                            pids: Path, thread: threading.Thread | None = None) -> None:
    everything = descendants(process.pid)
    thread = thread or hang(base, pids)
    started = time.monotonic()
    process.send_signal(how)
    process.wait(timeout=15)
    assert time.monotonic() - started < 6
    assert wait_for(lambda: not any(alive(p) for p in everything), 5)
    thread.join(30)
    log = process.stderr.read().decode(errors="replace") if process.stderr else ""
    assert "Traceback" not in log, log


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(c) for c in task.read_text().split())
        except OSError:
            continue
    return {c for c in found if alive(c)}


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def descendants(pid: int) -> set[int]:
    found = children(pid)
    for child in list(found):
        found |= descendants(child)
    return found


def workers(pid: int) -> set[int]:
    """The server's worker processes (its children but the resource tracker)."""
    return {c for c in children(pid)
            if b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes()}


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def pid_of(pids: Path, word: str, seconds: float = 10) -> int:
    found: list[Path] = []
    assert wait_for(lambda: bool(found.extend(pids.glob(f"{word}-*")) or found), seconds)
    path = found[0]
    path.unlink()
    return int(path.name.rsplit("-", 1)[1])


def convert(base: str, text: str = SEED_TEXT, timeout: float = 30) -> httpx.Response:
    return httpx.post(f"{base}/api/convert?formats=json", content=text.encode(),
                      headers={"content-type": "text/plain"}, timeout=timeout)


def ok(reply: httpx.Response) -> bool:
    return reply.status_code == 200 and reply.json()["metadata"]["number"] == "2017/18:112"


# --- the pool ---------------------------------------------------------------------------

def test_killing_an_idle_worker_fails_no_request(server) -> None:
    base, process = server
    assert ok(convert(base))
    before = workers(process.pid)
    assert len(before) == 2
    os.kill(sorted(before)[0], signal.SIGKILL)
    replies = [convert(base) for _ in range(4)]  # at once: one worker left, the other warming
    assert all(ok(r) for r in replies), [r.text for r in replies]
    assert wait_for(lambda: len(workers(process.pid)) == 2, 20)


def test_killing_a_busy_worker_fails_only_its_request(server, pids: Path) -> None:
    base, _ = server
    replies: dict[str, httpx.Response] = {}

    def post(name: str, text: str) -> None:
        replies[name] = convert(base, text)

    threads = [threading.Thread(target=post, args=("busy", SEED_TEXT + f"\n{DAWDLE}\n"))]
    threads += [threading.Thread(target=post, args=(f"other-{n}", SEED_TEXT)) for n in range(6)]
    threads[0].start()
    victim = pid_of(pids, DAWDLE)
    for thread in threads[1:]:
        thread.start()
    os.kill(victim, signal.SIGKILL)
    for thread in threads:
        thread.join(60)
    assert replies["busy"].status_code == 503
    assert "arbetsprocessen dog" in replies["busy"].json()["error"]
    assert replies["busy"].headers["retry-after"] == "1"
    others = [replies[f"other-{n}"] for n in range(6)]
    assert all(ok(r) for r in others), [(r.status_code, r.text[:80]) for r in others]


def test_a_hung_conversion_is_killed_at_its_deadline(server, pids: Path) -> None:
    base, process = server
    started = time.monotonic()
    hung = convert(base, SEED_TEXT + f"\n{HANG}\n")
    took = time.monotonic() - started
    assert hung.status_code == 504, hung.text
    assert f"{TIMEOUT:g} sekunder" in hung.json()["error"]
    assert TIMEOUT - 0.5 < took < TIMEOUT + 2
    worker = pid_of(pids, HANG)
    assert wait_for(lambda: not alive(worker), 1.0)  # killed at the deadline, not later
    assert ok(convert(base))
    assert wait_for(lambda: len(workers(process.pid)) == 2, 20)


def test_work_for_a_client_that_left_is_cancelled(server, pids: Path) -> None:
    base, _ = server
    with pytest.raises(httpx.ReadTimeout):
        convert(base, SEED_TEXT + f"\n{HANG}\n", timeout=1.5)
    worker = pid_of(pids, HANG)
    assert wait_for(lambda: not alive(worker), 1.5)  # well before the deadline
    assert ok(convert(base))


# --- connections ------------------------------------------------------------------------

def _closed_after(sock: socket.socket, drip: bytes, every: float, seconds: float) -> tuple[float, bytes]:
    """Send *drip* a byte every *every* seconds until the server closes; (time taken, answer)."""
    started = time.monotonic()
    answer = b""
    sock.settimeout(every)
    for byte in (drip[i:i + 1] for i in range(len(drip))):
        try:
            sock.sendall(byte)
            chunk = sock.recv(65536)
            answer += chunk
            if not chunk:
                break
        except TimeoutError:
            pass
        except OSError:
            break
        if time.monotonic() - started > seconds:
            break
    return time.monotonic() - started, answer


def test_a_slow_request_head_is_cut(server) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        took, _ = _closed_after(sock, b"POST /api/convert HTTP/1.1\r\nHost: x\r\n" + b"X" * 100,
                                0.5, 20)
    assert took < 2.0 + 1.5  # header_timeout of the test server, plus a beat


def test_a_slow_body_gets_408_and_is_cut(server) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    head = (b"POST /api/convert?formats=json HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
            b"Content-Length: 1000\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head)
        took, answer = _closed_after(sock, b"y" * 1000, 0.5, 20)
    assert took < 3.0 + 1.5  # body_timeout of the test server, plus a beat
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"x-content-type-options: nosniff" in answer


def test_idle_connections_never_lock_out_a_request(server) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(600)]  # cap: 200
    try:
        started = time.monotonic()
        assert ok(convert(base))
        assert time.monotonic() - started < 5
        # The first ones were closed to make room (read gives end of file at once).
        idle[0].settimeout(5)
        assert idle[0].recv(1) == b""
    finally:
        for sock in idle:
            sock.close()


def test_a_request_the_server_cannot_parse_gets_the_security_headers(server) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        sock.settimeout(5)
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 400")
    assert b"content-security-policy:" in answer and b"x-frame-options: DENY" in answer


def test_the_issue_examples_end_within_seconds_and_workers_stay_small(
        server, tmp_path: Path) -> None:
    """Each crafted example of issue 14 gets a result or one line, fast, and no worker's
    peak memory passes 600 MB."""
    from .adversarial import EXAMPLES, GENERATORS
    from .test_adversarial import PENDING_PARSER

    base, process = server
    cases = [c for generate in GENERATORS.values() for c in generate(1)
             if c.name in EXAMPLES and c.name not in PENDING_PARSER]
    with httpx.Client(base_url=base, timeout=30) as client:
        for case in cases:
            started = time.monotonic()
            reply = client.post("/api/convert", files={"file": (case.filename, case.data)})
            took = time.monotonic() - started
            assert reply.status_code in (200, 413, 422), (case.name, reply.text[:200])
            if reply.status_code != 200:
                assert "\n" not in reply.json()["error"]
            assert took < 20, (case.name, took)  # 10 s unloaded; the cores are shared
    for worker in workers(process.pid):
        status = Path(f"/proc/{worker}/status").read_text()
        peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
        assert peak < 600, f"worker {worker} peaked at {peak} MB"


# --- the page and its links -------------------------------------------------------------------

def test_security_headers_on_every_kind_of_answer(server) -> None:
    base, _ = server
    replies = [httpx.get(f"{base}/"), httpx.get(f"{base}/finns-inte"),
               httpx.put(f"{base}/api/convert"), httpx.get(f"{base}/api/health"),
               httpx.post(f"{base}/api/convert", content=b"x" * 20_000_000,
                          headers={"content-type": "text/plain"})]
    assert [r.status_code for r in replies] == [200, 404, 405, 200, 413]
    for reply in replies:
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors" in reply.headers["content-security-policy"]
        assert reply.headers["referrer-policy"] == "same-origin"


def test_a_form_posted_from_another_site_is_refused(server) -> None:
    base, _ = server
    host = base.removeprefix("http://")
    for headers in ({"origin": "https://elak.example"}, {"referer": "https://elak.example/x"},
                    {"origin": "null"}):
        reply = httpx.post(f"{base}/", data={"text": SEED_TEXT}, headers=headers)
        assert reply.status_code == 403, headers
        assert "annan webbplats" in reply.text
    same = httpx.post(f"{base}/", data={"text": SEED_TEXT}, headers={"origin": f"http://{host}"})
    assert same.status_code == 303
    assert same.headers["location"].startswith("/resultat/")  # a path, not the Host header


def test_links_never_reflect_the_host_header(server) -> None:
    base, _ = server
    reply = httpx.post(f"{base}/api/convert?formats=json", content=SEED_TEXT.encode(),
                       headers={"content-type": "text/plain", "host": "elak.example"})
    assert reply.status_code == 200
    url = reply.json()["files"]["json"]["url"]
    assert url.startswith("/resultat/") and "elak" not in reply.text
    page = httpx.post(f"{base}/", data={"text": SEED_TEXT}, headers={"host": "elak.example"})
    assert page.headers["location"].startswith("/resultat/")
    assert "elak.example" not in httpx.get(base + page.headers["location"]).text


def test_results_outlive_any_number_of_other_conversions(server) -> None:
    base, _ = server
    first = convert(base).json()["files"]["json"]["url"]
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(110):  # past the old store's 100-result cap
            assert client.post("/api/convert?formats=json", content=SEED_TEXT.encode(),
                               headers={"content-type": "text/plain"}).status_code == 200
        assert client.get(first).status_code == 200


def test_attachment_names_any_file() -> None:
    from riksdoc.server.app import attachment

    header = attachment("svar-٢٠١٧.pdf")
    header.encode("latin-1")  # a header must be encodable
    assert header == ("attachment; filename=\"svar-____.pdf\"; "
                      "filename*=UTF-8''svar-%D9%A2%D9%A0%D9%A1%D9%A7.pdf")


# --- a full store, and SIGTERM ------------------------------------------------------------------

def test_a_full_store_answers_503_and_sigterm_stops_a_hung_server(tmp_path: Path) -> None:
    """Results are never dropped for others: a full store refuses new work with 503 and
    Retry-After.  Then SIGTERM stops the server within seconds while a conversion hangs (the
    module's server is stopped with Ctrl-C, at its end)."""
    port = free_port()
    process = start_server(port, tmp_path, timeout=300.0, keep_bytes=600_000)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, 60)
    hung = hang(base, tmp_path)  # admitted while there is room; it holds one worker
    statuses = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(30):
            reply = client.post("/api/convert", files={"file": ("svar.txt", SEED.read_bytes())})
            statuses.append(reply.status_code)
            if reply.status_code == 503:
                break
    assert statuses[0] == 200 and statuses[-1] == 503, statuses
    assert int(reply.headers["retry-after"]) > 1000  # the oldest result's 30 minutes
    assert "Försök igen" in reply.json()["error"]
    assert_stops_in_seconds(process, signal.SIGTERM, base, tmp_path, hung)


def _ignore(function, *args) -> None:
    with contextlib.suppress(httpx.HTTPError):
        function(*args)
