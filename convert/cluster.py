"""Running a batch on a Dask cluster: the same per-document function, the same outputs.

``riksdoc convert --dask ADDRESS`` (or ``local`` for a LocalCluster on this
machine) submits `convert_supervised` for each input: on the Dask worker it runs
`riksdoc.engine.convert_job` in a supervised child process, so the time limit
holds there too (a thread cannot be stopped, a process can).  A scheduler
that cannot be reached is one line within a few seconds; every worker must
run the same riksdoc (version, code and built-in styles) as the process that
sends the work, so a cluster never mixes outputs silently.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from .engine import Job, Outcome, convert_job, identity, make_pool, outcome_of
from .errors import InputError
from .pool import WorkerPool

DASK_CONNECT_SECONDS = 3
"""How long ``--dask ADDRESS`` tries to reach the scheduler (and as long again for it to
answer)."""

DASK_WORKER_SECONDS = 10
"""How long a scheduler without workers is given for a first one to join."""


def run_dask(jobs: Iterable[Job], address: str, workers: int) -> Iterator[Outcome]:
    """The same per-document function on a Dask cluster (``local`` starts a LocalCluster).

    Every worker must run the same riksdoc (version, code and built-in styles) as this
    process: the batch is refused otherwise, and each job is refused by a worker that
    differs (one that joins later, say)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--dask needs the dask extra: pip install 'riksdoc[dask]'") from None
    import dask

    cluster = None
    if address == "local":
        with dask.config.set({"distributed.worker.daemon": False}):  # workers have children
            cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = _connect(Client, address)
    try:
        _check_workers(client, address)
        futures = [client.submit(convert_supervised, job, pure=False) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
    finally:
        with _quiet("distributed"):
            client.close()
            if cluster is not None:
                cluster.close()


def _connect(client_class: Any, address: str) -> Any:
    """A client of the scheduler at *address*, or `InputError` in one line within a few
    seconds, whatever the address is (refused, silent, not an address at all)."""
    found: dict[str, Any] = {}

    def connect() -> None:
        try:
            found["client"] = client_class(address, timeout=DASK_CONNECT_SECONDS)
        except Exception as exc:  # distributed's errors for an address it cannot use vary
            found["error"] = exc

    with _quiet("distributed"):
        # distributed bounds the TCP connect, not the handshake after it: a port where
        # something else listens would hold the command for a minute.
        attempt = threading.Thread(target=connect, name="riksdoc-dask-connect", daemon=True)
        attempt.start()
        attempt.join(2 * DASK_CONNECT_SECONDS)
    if "client" in found:
        return found["client"]
    error = found.get("error")
    reason = (str(error).splitlines()[0] if str(error) else type(error).__name__) if error \
        else f"no answer within {2 * DASK_CONNECT_SECONDS} s"
    raise InputError(f"--dask {address}: cannot reach a Dask scheduler there ({reason})")


def _check_workers(client: Any, address: str) -> None:
    """Refuse a cluster without workers, or with one that runs another riksdoc."""
    try:
        client.wait_for_workers(1, timeout=DASK_WORKER_SECONDS)
    except TimeoutError:
        raise InputError(f"--dask {address}: the scheduler has no workers "
                         f"(none joined within {DASK_WORKER_SECONDS} s)") from None
    ours = identity()
    answers = client.run(identity, on_error="return")
    wrong = sorted((worker, theirs) for worker, theirs in answers.items() if theirs != ours)
    if wrong:
        worker, theirs = wrong[0]
        if isinstance(theirs, dict):
            what = f"riksdoc {theirs.get('version')} with code and styles " \
                   f"{str(theirs.get('fingerprint'))[:12]}"
        else:
            what = f"no usable riksdoc ({type(theirs).__name__}: {theirs})"
        raise InputError(f"--dask {address}: worker {worker} runs {what}, this process riksdoc "
                         f"{ours['version']} with {ours['fingerprint'][:12]} ({len(wrong)} of "
                         f"{len(answers)} workers differ); install the same riksdoc on every "
                         "worker, or a cluster would mix outputs")


_OWN_POOL: list[WorkerPool] = []
_OWN_POOL_LOCK = threading.Lock()


def convert_supervised(job: Job) -> Outcome:
    """`convert_job` in a supervised child of this (Dask worker) process, under the job's
    time limit.

    One pool a Dask worker process, with a worker process per Dask thread, kept for the
    worker's life.  A Dask worker is a daemonic process by default, which Python forbids
    to have children; the flag has no other use there (the nanny ends the worker, and the
    pool's processes end with it), so it is lifted.
    """
    with _OWN_POOL_LOCK:
        if not _OWN_POOL:
            current = multiprocessing.current_process()
            if current.daemon:
                current.daemon = False
            _OWN_POOL.append(make_pool(_dask_threads(), job.formats))
        pool = _OWN_POOL[0]
    return outcome_of(pool.submit(convert_job, job, timeout=job.limits.max_seconds), job)


def _dask_threads() -> int:
    try:
        from distributed import get_worker

        return int(get_worker().state.nthreads)
    except (ImportError, ValueError, AttributeError):  # not on a Dask worker
        return 1


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Keep a library's log messages (a refused connection's retries) off the terminal."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)
