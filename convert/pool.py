"""Supervised worker processes: where every conversion runs (CLI, batch, server, Dask).

`WorkerPool` keeps a number of warm worker processes and gives each task a
deadline.  One supervisor thread watches them all:

* each worker has a pipe of its own, and a task is handed to a worker only
  when that worker is idle, so the queue lives in this process and no lock is
  shared between workers: a worker killed at any moment costs at most the task
  it was running (its future fails with `WorkerDied`), an idle worker's death
  costs nothing, and queued tasks simply go to the next free worker;
* a task still running at its deadline has its worker killed then (its future
  fails with `TimedOut`) and a fresh worker takes the queue;
* `cancel` takes a queued task out of the queue, or kills the worker running
  it (a web client that has gone away);
* `stop` kills every worker at once, running or not.

The time limit is enforced from outside the conversion, by killing its
process: no signal handler or timer runs inside it, so it holds on every
platform, in every thread, and on Dask workers (`riksdoc.batch`).  Workers
start with the ``forkserver`` method on Linux (fork safety: the server has
threads) and ``spawn`` elsewhere, as on Windows and macOS; the environment
variable ``RIKSDOC_START_METHOD`` chooses another.  Either way a task's
function and arguments are pickled, so they must be module-level functions
and plain data.

Why not a library: `concurrent.futures.ProcessPoolExecutor` marks the whole
pool broken when one worker dies.  pebble (a kept library for supervised
pools) was tried first: there an idle worker killed while no task runs breaks
the pool for good (reproduced with pebble 5.2.3: the next task fails with
"Unexpected error within the Pool"), and its workers share one channel lock,
so a worker killed while holding it stalls every other (pebble issues 97 and
163).  One pipe a worker rules out both by construction.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")

START_METHOD_VARIABLE = "RIKSDOC_START_METHOD"
"""Environment variable naming the start method (``spawn``, ``forkserver``, ``fork``)."""

START_FAILURES = 3
"""Workers in a row that die before they are ready before the pool gives up."""


class TimedOut(Exception):
    """The task ran past its time limit; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


class WorkerDied(Exception):
    """The worker process running the task ended without an answer."""

    def __init__(self, exitcode: int | None) -> None:
        how = f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0 \
            else f"exit code {exitcode}"
        super().__init__(f"the worker process died ({how})")
        self.exitcode = exitcode


class PoolStopped(Exception):
    """The pool was stopped (or could not start workers) before the task ran."""


def start_method() -> str:
    """The start method for worker processes: `START_METHOD_VARIABLE`, else the platform's safest."""
    wanted = os.environ.get(START_METHOD_VARIABLE, "").strip()
    if wanted:
        return wanted
    return "forkserver" if sys.platform.startswith("linux") else "spawn"


@dataclass
class _Task:
    function: Callable[..., Any]
    args: tuple[Any, ...]
    timeout: float | None
    future: Future[Any]
    deadline: float = 0.0
    running: bool = False
    """Its future is marked running (it was handed to a worker once already)."""
    started: bool = False
    """The worker said it has begun (before that, a worker's death costs the task nothing:
    it goes back to the queue)."""
    cancelled: bool = False


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    ready: bool = False
    task: _Task | None = None


@dataclass
class _State:
    queue: deque[_Task] = field(default_factory=deque)
    workers: list[_Worker] = field(default_factory=list)
    stopping: bool = False
    failed_starts: int = 0
    broken: str | None = None


class WorkerPool:
    """*workers* processes that each ran ``initializer(*initargs)`` once, running tasks with
    deadlines.  Thread-safe; use as a context manager or call `stop`."""

    def __init__(self, workers: int, initializer: Callable[..., object] | None = None,
                 initargs: tuple[Any, ...] = (), *, method: str | None = None,
                 preload: Sequence[str] = ()) -> None:
        self.size = max(1, workers)
        self.initializer = initializer
        self.initargs = initargs
        self.method = method or start_method()
        self.context: BaseContext = multiprocessing.get_context(self.method)
        if self.method == "forkserver" and preload:
            # Imported once in the fork server, so each worker starts with them loaded.
            self.context.set_forkserver_preload(list(preload))
        self._state = _State()
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)
        self._wake_reader, self._wake_writer = self.context.Pipe(duplex=False)
        self._thread: threading.Thread | None = None

    # -- the caller's side ---------------------------------------------------------------

    def start(self) -> WorkerPool:
        """Start the workers and their supervisor now (else on the first `submit`)."""
        with self._lock:
            if self._thread is None and not self._state.stopping:
                for _ in range(self.size):
                    self._start_worker()
                self._thread = threading.Thread(target=self._supervise, daemon=True,
                                                name="riksdoc-pool-supervisor")
                self._thread.start()
        return self

    def wait_ready(self, seconds: float) -> bool:
        """Start the pool and wait until every worker is warm; False if *seconds* pass first."""
        self.start()
        with self._ready:
            return self._ready.wait_for(
                lambda: self._state.stopping or self._state.broken is not None
                or all(w.ready for w in self._state.workers), seconds)

    def submit(self, function: Callable[..., T], *args: Any,
               timeout: float | None = None) -> Future[T]:
        """Run ``function(*args)`` in a worker; past *timeout* seconds of running, its
        worker is killed and the future fails with `TimedOut`."""
        self.start()
        future: Future[T] = Future()
        with self._lock:
            if self._state.stopping or self._state.broken:
                future.set_exception(PoolStopped(self._state.broken or "the pool is stopped"))
                return future
            self._state.queue.append(_Task(function, args, timeout, future))
        self._wake()
        return future

    def cancel(self, future: Future[Any]) -> None:
        """Withdraw a task: out of the queue if it waits, its worker killed if it runs."""
        with self._lock:
            for task in self._state.queue:
                if task.future is future:
                    self._state.queue.remove(task)
                    future.cancel()
                    return
            for worker in self._state.workers:
                if worker.task is not None and worker.task.future is future:
                    worker.task.cancelled = True
        self._wake()

    def stop(self) -> None:
        """Kill every worker now; tasks not finished fail with `PoolStopped`."""
        with self._lock:
            self._state.stopping = True
            thread = self._thread
        self._wake()
        if thread is not None:
            thread.join(timeout=10)
        else:
            self._shutdown()

    def pids(self) -> list[int]:
        """The worker processes' ids (for monitoring and tests)."""
        with self._lock:
            return [w.process.pid for w in self._state.workers if w.process.pid is not None]

    def busy_pids(self) -> list[int]:
        """The ids of the workers running a task now (that have said they began it)."""
        with self._lock:
            return [w.process.pid for w in self._state.workers
                    if w.task is not None and w.task.started and w.process.pid is not None]

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # stopped: the supervisor has closed the pipe
            self._wake_writer.send_bytes(b"")

    # -- the supervisor thread --------------------------------------------------------------

    def _supervise(self) -> None:
        try:
            while True:
                with self._lock:
                    if self._state.stopping:
                        break
                    self._dispatch()
                    waitables, timeout = self._watch_list()
                ready = wait(waitables, timeout)
                with self._lock:
                    self._handle(ready)
        finally:
            self._shutdown()

    def _watch_list(self) -> tuple[list[Any], float | None]:
        waitables: list[Any] = [self._wake_reader]
        deadlines = []
        for worker in self._state.workers:
            waitables += [worker.connection, worker.process.sentinel]
            if worker.task is not None and worker.task.timeout is not None:
                deadlines.append(worker.task.deadline)
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        return waitables, timeout

    def _dispatch(self) -> None:
        """Hand queued tasks to idle, ready workers (lock held)."""
        for worker in self._state.workers:
            while worker.ready and worker.task is None and self._state.queue:
                task = self._state.queue.popleft()
                if not task.running and not task.future.set_running_or_notify_cancel():
                    continue  # cancelled while it waited
                task.running = True
                try:
                    worker.connection.send((task.function, task.args))
                except (OSError, EOFError):  # the worker died idle: the task waits for another
                    self._state.queue.appendleft(task)
                    worker.ready = False
                    break
                except Exception as exc:  # cannot be pickled: the caller's mistake, not the worker's
                    task.future.set_exception(exc)
                    continue
                task.deadline = time.monotonic() + (task.timeout or 0.0)
                worker.task = task

    def _handle(self, ready: list[Any]) -> None:
        """Answers, deaths, deadlines and cancellations (lock held)."""
        if self._wake_reader in ready:
            while self._wake_reader.poll():
                self._wake_reader.recv_bytes()
        now = time.monotonic()
        for worker in list(self._state.workers):
            if worker.connection in ready:
                if self._receive(worker):
                    continue
                self._died(worker)  # its pipe closed: it is gone, or going
                continue
            task = worker.task
            if worker.process.sentinel in ready:
                self._died(worker)
            elif task is not None and task.cancelled:
                self._kill(worker, CancelledError())
            elif task is not None and task.timeout is not None and now >= task.deadline:
                self._kill(worker, TimedOut(task.timeout))

    def _receive(self, worker: _Worker) -> bool:
        """Take one message from *worker*; False if its pipe is closed."""
        try:
            kind, value = worker.connection.recv()
        except (EOFError, OSError):
            return False
        except Exception as exc:  # an answer that cannot be unpickled
            kind, value = "error", exc
        if kind == "ready":
            worker.ready = True
            self._state.failed_starts = 0
            self._ready.notify_all()
        elif kind == "started":
            if worker.task is not None:
                worker.task.started = True
        elif worker.task is not None:
            task, worker.task = worker.task, None
            if not task.future.done():
                if kind == "ok":
                    task.future.set_result(value)
                else:
                    task.future.set_exception(value)
        return True

    def _died(self, worker: _Worker) -> None:
        worker.process.kill()  # a worker whose pipe broke is of no more use
        worker.process.join(timeout=1)
        task = worker.task
        if task is not None and not task.started:
            self._state.queue.appendleft(task)  # it died before it began: nothing was lost
        elif task is not None:
            task.future.set_exception(WorkerDied(worker.process.exitcode))
        elif not worker.ready:
            self._state.failed_starts += 1
        self._replace(worker)

    def _kill(self, worker: _Worker, reason: BaseException) -> None:
        task, worker.task = worker.task, None
        worker.process.kill()
        worker.process.join(timeout=1)
        if task is not None:
            task.future.set_exception(reason)
        self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.connection.close()
        self._state.workers.remove(worker)
        if self._state.failed_starts >= START_FAILURES:
            self._state.broken = "worker processes fail to start; see the messages above"
            while self._state.queue:
                task = self._state.queue.popleft()
                task.future.set_exception(PoolStopped(self._state.broken))
            return
        self._start_worker()

    def _start_worker(self) -> None:
        ours, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(  # type: ignore[attr-defined]
            target=serve_tasks, args=(theirs, self.initializer, self.initargs),
            name="riksdoc-worker", daemon=True)
        process.start()
        theirs.close()
        self._state.workers.append(_Worker(process, ours))

    def _shutdown(self) -> None:
        with self._lock:
            self._state.stopping = True
            workers, self._state.workers = self._state.workers, []
            queued, self._state.queue = list(self._state.queue), deque()
        for worker in workers:
            worker.process.kill()
        for worker in workers:
            worker.process.join(timeout=2)
            worker.connection.close()
            if worker.task is not None and not worker.task.future.done():
                worker.task.future.set_exception(PoolStopped("the pool was stopped"))
        for task in queued:
            if task.future.set_running_or_notify_cancel():
                task.future.set_exception(PoolStopped("the pool was stopped"))
        self._wake_reader.close()
        self._wake_writer.close()


# -- the worker's side ------------------------------------------------------------------------

def serve_tasks(connection: Connection, initializer: Callable[..., object] | None,
                initargs: tuple[Any, ...]) -> None:
    """A worker process: warm up, say so, then run tasks until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    if initializer is not None:
        initializer(*initargs)  # an exception ends the worker: the pool counts failed starts
    try:
        connection.send(("ready", None))
    except OSError:  # the pool went away while this worker warmed up
        return
    while True:
        try:
            function, args = connection.recv()
            connection.send(("started", None))
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", function(*args))
        except BaseException as exc:  # the caller's future raises it
            answer = ("error", exc)
        try:
            connection.send(answer)
        except (EOFError, OSError):
            return
        except Exception as exc:  # an answer that cannot be pickled
            connection.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when its parent dies (a pool killed with
    SIGKILL leaves nothing behind); elsewhere a worker ends when its pipe closes."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
