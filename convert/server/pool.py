"""The warm worker processes conversions run in, replaced when one hangs.

Reading and converting run in the pool of `riksdoc.engine.make_pool` (a
pathological input must not block the server) under a per-request deadline;
a conversion that runs past it has its pool replaced, so a hung worker never
wedges the server.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..engine import make_pool
from ..errors import InputError
from ..limits import Limits
from ..model import Kind
from ..readers import Read, read


class Timeout(Exception):
    """A conversion ran past its time limit."""


class Interrupted(Exception):
    """The worker process running a conversion died."""


def inspect_input(data: bytes, reader_name: str, limits: Limits,
                  kind: Kind | None = None) -> Read | str:
    """Read one input in a worker: the `Read`, or the `InputError` reason as one line.

    Runs in the pool (a pathological input must not block the server); the
    reason is returned, not raised, so the ``line N:`` part survives pickling.
    """
    try:
        return read(data, reader_name, limits, kind)
    except InputError as exc:
        return str(exc)
    except RecursionError:
        return "structure too deeply nested"
    except Exception as exc:  # a bug of ours: a one-line 400, not a 500 with a traceback
        return f"internal error ({type(exc).__name__}: {exc}); please report it"


class Pool:
    """The warm worker processes of `riksdoc.engine.make_pool`, replaced when one hangs."""

    def __init__(self, workers: int, formats: tuple[str, ...], grace: float) -> None:
        self.workers = workers
        self.formats = formats
        self.grace = grace
        """Seconds a replaced pool's other jobs may still run before its workers end."""
        self._pool: ProcessPoolExecutor | None = None
        self._inflight: dict[ProcessPoolExecutor, set[Future[Any]]] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers now, before the server has other threads to fork with."""
        self._pool = make_pool(self.workers, self.formats)
        self._inflight[self._pool] = set()
        self._pool.submit(int).result()  # forks the workers

    def stop(self) -> None:
        """Stop every worker, running or not."""
        with self._lock:
            pools, self._pool = list(self._inflight), None
            self._inflight.clear()
        for pool in pools:
            _terminate(pool)

    async def run(self, deadline: float, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in a worker, awaited until *deadline* (event-loop time)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pool
            if pool is None:
                raise Interrupted("the server is stopping")
            try:
                future = pool.submit(function, *args)
            except BrokenProcessPool:
                self._replace(pool)
                raise Interrupted("a worker process died") from None
            self._inflight[pool].add(future)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future),
                                          max(deadline - loop.time(), 0.0))
        except TimeoutError:
            if not future.cancel():  # it is running: only replacing its process stops it
                with self._lock:
                    self._replace(pool, hung=future)
            raise Timeout() from None
        except BrokenProcessPool:
            with self._lock:
                self._replace(pool)
            raise Interrupted("a worker process died") from None
        finally:
            with self._lock:
                self._inflight.get(pool, set()).discard(future)

    def _replace(self, pool: ProcessPoolExecutor, hung: Future[Any] | None = None) -> None:
        """New requests go to a fresh pool; the old one ends after its other jobs (lock held)."""
        if pool is not self._pool:
            return  # already replaced by another request
        self._pool = make_pool(self.workers, self.formats)
        self._inflight[self._pool] = set()
        others = {f for f in self._inflight.pop(pool, set()) if f is not hung}
        # The other jobs on the old pool have deadlines of their own, no later than
        # one time limit from now; give them that long, then end the old workers.
        threading.Thread(target=_retire, args=(pool, others, self.grace), daemon=True,
                         name="riksdoc-retire-pool").start()


def _retire(pool: ProcessPoolExecutor, others: set[Future[Any]], grace: float) -> None:
    if others:
        wait_futures(others, timeout=grace)
    _terminate(pool)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End a pool's processes, hung ones included (shutdown alone would wait for them).

    SIGKILL, not SIGTERM: the workers are forked after uvicorn installed its
    SIGTERM handler, so they inherit it, and a SIGTERM only sets a flag in the
    worker's copy of the server.
    """
    kill = getattr(pool, "kill_workers", None)  # Python 3.14+
    if kill is not None:
        kill()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
