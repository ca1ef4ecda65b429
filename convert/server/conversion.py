"""One request's conversion: what runs in a worker, and how the event loop awaits it.

`convert_request` runs in a worker process of the shared pool
(`riksdoc.engine.make_pool`): it reads the input once, describes it for the
page and the API, and writes every format asked for, all under the one time
limit the pool enforces by killing the worker at the deadline.
`Conversions.run` awaits it from the event loop and withdraws the task (its
worker killed if it is running) when the deadline passes or the client hangs
up, so no worker goes on converting for nobody.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Any

from ..engine import Job, Outcome, failure_reason, make_pool, read_job
from ..pool import PoolStopped, TimedOut
from ..writers import write
from .view import describe, stem_for


@dataclass(frozen=True)
class Converted:
    """What one request's conversion gives: the description, or why it failed."""

    view: dict[str, Any] | None
    """Kind, metadata, report and warnings (`riksdoc.server.view.describe`); None if the
    input could not be read."""
    outcome: Outcome
    """The outputs, or the one-line error."""


ConvertFunction = Callable[[Job, bool], Converted]
"""``convert_request`` or a stand-in with its signature (tests); must be picklable."""


def convert_request(job: Job, preview: bool) -> Converted:
    """Read *job*'s input once, describe it and write its formats (HTML too with *preview*).

    An empty ``job.stem`` (pasted text) is named from the document (`stem_for`).  Never
    raises for bad input: the outcome says it.
    """
    outcome = Outcome(job.source, job.stem)
    try:
        result = read_job(job)
    except Exception as exc:
        outcome.status, outcome.error = "failed", failure_reason(exc)
        return Converted(None, outcome)
    view = describe(result)
    outcome.stem = job.stem or stem_for(result.document)
    view.update(stem=outcome.stem, source=job.source)
    formats = (*job.formats, *(("html",) if preview else ()))
    try:
        for name in dict.fromkeys(formats):
            outcome.outputs[name] = write(result.document, name, stem=outcome.stem,
                                          style=job.style)
    except Exception as exc:  # a bug of ours: one line, the server goes on
        outcome.status, outcome.error, outcome.outputs = "failed", failure_reason(exc), {}
    return Converted(view, outcome)


class Gone(Exception):
    """The client hung up before its conversion finished."""


class Conversions:
    """The server's worker pool, awaited from the event loop."""

    def __init__(self, workers: int, formats: tuple[str, ...],
                 function: ConvertFunction = convert_request) -> None:
        self.pool = make_pool(workers, formats, preload=(__name__,))
        self.function = function

    def start(self, seconds: float = 120.0) -> None:
        """Start the workers and wait (up to *seconds*) until they are warm, so the first
        request finds them ready."""
        self.pool.wait_ready(seconds)

    def stop(self) -> None:
        """Kill every worker, hung ones included."""
        self.pool.stop()

    async def run(self, job: Job, preview: bool, seconds: float,
                  disconnected: Callable[[], Awaitable[None]]) -> Converted:
        """Convert in a worker within *seconds* (queueing included).

        Raises `riksdoc.pool.TimedOut` past the deadline, `riksdoc.pool.WorkerDied` if the
        worker died, `riksdoc.pool.PoolStopped` when the server stops, `Gone` when
        *disconnected* returns first; in each case nothing is left running.
        """
        future: Future[Converted] = self.pool.submit(self.function, job, preview, timeout=seconds)
        work: asyncio.Future[Converted] = asyncio.wrap_future(future)
        watch: asyncio.Future[None] = asyncio.ensure_future(disconnected())
        try:
            done, _ = await asyncio.wait((work, watch), timeout=seconds,
                                         return_when=asyncio.FIRST_COMPLETED)
            if work in done:
                return _result(work)
            raise Gone() if watch in done else TimedOut(seconds)
        except asyncio.CancelledError:  # the server is stopping and cuts the request short
            raise PoolStopped("the server is stopping") from None
        finally:
            watch.cancel()
            if not future.done():
                self.pool.cancel(future)  # queued: withdrawn; running: its worker killed


def _result(work: asyncio.Future[Converted]) -> Converted:
    try:
        return work.result()
    except (CancelledError, asyncio.CancelledError):
        raise PoolStopped("the server is stopping") from None
