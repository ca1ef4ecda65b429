"""The supervised worker pool every conversion runs in: deaths cost one task at most, deadlines
are kept by killing, cancelled work stops, and all of it under ``spawn`` as on Windows and macOS.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import CancelledError, wait
from pathlib import Path

import pytest

from riksdoc.pool import PoolStopped, TimedOut, WorkerDied, WorkerPool

from .conftest import ROOT, SEED


def pid() -> int:
    return os.getpid()


def nap(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def fail() -> None:
    raise ValueError("the task's own error")


def alive(process_id: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{process_id}/status").read_text()
    except OSError:
        return False


@pytest.fixture(scope="module", params=["spawn", "forkserver"])
def pool(request: pytest.FixtureRequest):
    if request.param not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip(f"no {request.param} here")
    with WorkerPool(2, method=request.param) as started:
        assert started.wait_ready(60)
        yield started


def test_tasks_run_in_other_processes_and_errors_come_back(pool: WorkerPool) -> None:
    assert pool.submit(pid).result(30) in pool.pids()
    with pytest.raises(ValueError, match="the task's own error"):
        pool.submit(fail).result(30)


def test_an_idle_worker_killed_costs_nothing(pool: WorkerPool) -> None:
    os.kill(pool.pids()[0], signal.SIGKILL)
    futures = [pool.submit(pid) for _ in range(4)]
    assert all(isinstance(f.result(60), int) for f in futures)
    assert pool.wait_ready(60) and len(pool.pids()) == 2


def test_a_busy_worker_killed_costs_only_its_task(pool: WorkerPool) -> None:
    futures = [pool.submit(nap, 0.6) for _ in range(6)]
    deadline = time.monotonic() + 30
    while not pool.busy_pids() and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(pool.busy_pids()[0], signal.SIGKILL)
    wait(futures, timeout=60)
    errors = [f.exception() for f in futures]
    assert sum(isinstance(e, WorkerDied) for e in errors) == 1
    assert sum(e is None for e in errors) == 5
    assert "killed by signal 9" in str(next(e for e in errors if e))


def test_a_task_past_its_deadline_is_killed_then_and_the_queue_moves_on(pool: WorkerPool) -> None:
    started = time.monotonic()
    hung = pool.submit(nap, 60, timeout=0.5)
    queued = [pool.submit(pid, timeout=30) for _ in range(3)]
    with pytest.raises(TimedOut):
        hung.result(30)
    assert time.monotonic() - started < 1.5
    assert all(isinstance(f.result(60), int) for f in queued)


def test_cancel_withdraws_a_queued_task_and_kills_a_running_one(pool: WorkerPool) -> None:
    assert pool.wait_ready(60)
    running = [pool.submit(nap, 60) for _ in range(2)]
    queued = pool.submit(pid)
    deadline = time.monotonic() + 30
    while len(pool.busy_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    busy = pool.busy_pids()
    pool.cancel(queued)
    assert queued.cancelled()
    for future in running:
        pool.cancel(future)
    for future in running:
        with pytest.raises(CancelledError):
            future.result(10)
    assert all(not alive(p) for p in busy)


def test_stop_ends_every_worker_at_once() -> None:
    pool = WorkerPool(2, method="spawn").start()
    assert pool.wait_ready(60)
    workers = pool.pids()
    running = pool.submit(nap, 60)
    time.sleep(0.2)
    started = time.monotonic()
    pool.stop()
    assert time.monotonic() - started < 3
    assert isinstance(running.exception(5), PoolStopped)
    assert not any(alive(p) for p in workers)
    assert isinstance(pool.submit(pid).exception(1), PoolStopped)


def test_a_worker_that_cannot_start_fails_tasks_rather_than_looping() -> None:
    with WorkerPool(1, fail, method="spawn") as pool:
        future = pool.submit(pid)
        assert isinstance(future.exception(120), PoolStopped)


def test_the_cli_batch_under_spawn_keeps_its_time_limit(tmp_path: Path) -> None:
    """The time limit is the pool's, not a signal's: it holds under spawn and on Dask."""
    env = {**os.environ, "RIKSDOC_START_METHOD": "spawn"}
    run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(SEED), str(SEED.parent),
                          "-t", "json", "-o", str(tmp_path), "-j", "2"], capture_output=True,
                         text=True, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / f"{SEED.stem}.json").is_file()
    slow = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(SEED), "-t", "pdf",
                           "-o", str(tmp_path / "slow"), "--timeout", "0.01"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert slow.returncode == 1
    assert slow.stderr.splitlines() == [
        f"riksdoc: {SEED}: took longer than 0.01 s to convert (--timeout)"]
