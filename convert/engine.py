"""Converting one document: the per-document engine the CLI, the batch and the server share.

`convert_job` is the whole of it: a `Job` (the input's bytes, the formats, the
output stem, the limits) in, an `Outcome` (every output's bytes, warnings,
timings, or one line saying why not) out.  No file system, no clock in its
results, never an exception for bad input.  It runs in a pool of warm,
supervised worker processes (`make_pool`, `riksdoc.pool`), which enforces the
job's time limit by killing a conversion's process at its deadline, locally
or on each Dask worker (`riksdoc.batch`); `outcome_of` turns what the pool
reports (a time-out, a worker that died) into the job's outcome.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from .errors import InputError
from .housestyle import BUILT_IN, HouseStyle, builtin_fingerprint
from .limits import DEFAULT, Limits
from .model import Kind
from .pool import PoolStopped, TimedOut, WorkerDied, WorkerPool
from .readers import READERS, Read, read
from .version import __version__
from .writers import FORMATS, write


@dataclass(frozen=True)
class Job:
    """One input to convert."""

    source: str
    """The input as the user named it (a path, or ``-`` for stdin)."""
    reader_name: str
    """File name that chooses the reader (``x.txt``, ``x.akn.xml``, ``x.docx``)."""
    data: bytes
    """The input's bytes."""
    formats: tuple[str, ...]
    """Formats to write."""
    stem: str
    """Base name of the outputs."""
    limits: Limits = DEFAULT
    """Size limits the input must keep."""
    kind: Kind | None = None
    """The kind to read a text as (``--kind``); None: recognise it."""
    style: HouseStyle = BUILT_IN
    """The house style PDF, DOCX and HTML are drawn in."""
    riksdoc: str | None = None
    """`code_fingerprint` of the riksdoc that made the job: a worker whose own differs
    refuses it (None: any)."""
    as_of: datetime.date | None = None
    """For a statute: publish the law in force on this day (``--as-of``); None: every
    version."""

    def key(self) -> str:
        """Content hash of the input, the options and riksdoc itself (the manifest's key).

        riksdoc itself is its version and a hash of its code and built-in styles,
        so a changed stylesheet or writer makes every output out of date; so does
        another house style, or a change to it, where a format has looks.
        """
        styled = any(FORMATS[name].styled for name in self.formats)
        digest = hashlib.sha256()
        for part in (__version__, code_fingerprint(), ",".join(sorted(self.formats)),
                     self.reader_name.lower().rsplit(".", 1)[-1],
                     self.kind.value if self.kind else "",
                     self.style.fingerprint if styled else "",
                     self.as_of.isoformat() if self.as_of else ""):
            digest.update(part.encode() + b"\0")
        digest.update(self.data)
        return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """A hash of riksdoc's code and built-in styles (`riksdoc.housestyle.builtin_fingerprint`).

    Read through importlib.resources, and only the files every installation has
    (the package's ``.py`` files and the style files), so a checkout and a wheel of the same
    commit agree.
    """
    digest = hashlib.sha256()
    for name, data in sorted(_code_files(files("riksdoc"), "")):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    digest.update(builtin_fingerprint().encode())
    return digest.hexdigest()


def _code_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.is_dir():
            if prefix + entry.name != "styles" and entry.name != "__pycache__":
                yield from _code_files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".py"):
            yield prefix + entry.name, entry.read_bytes()


def identity() -> dict[str, str]:
    """What this installation of riksdoc is: its version and `code_fingerprint` (a Dask
    worker is asked for it before it gets work)."""
    return {"version": __version__, "fingerprint": code_fingerprint()}


@dataclass
class Outcome:
    """What became of one input."""

    source: str
    """The input as named."""
    stem: str
    """Base name of its outputs."""
    status: str = "converted"
    """``converted``, ``failed`` or ``skipped`` (unchanged since the last run)."""
    outputs: dict[str, bytes] = field(default_factory=dict)
    """Output bytes by format (empty once written, and for failures)."""
    files: list[str] = field(default_factory=list)
    """Paths written."""
    error: str | None = None
    """One-line reason for a failure."""
    warnings: list[str] = field(default_factory=list)
    """Parse warnings, ``line N: text``."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent reading and writing each format (not deterministic, by nature)."""

    def record(self) -> dict[str, object]:
        """This outcome as a report record."""
        return {"input": self.source, "outputs": self.files, "status": self.status,
                "error": self.error, "warnings": self.warnings,
                "timings": {k: round(v, 4) for k, v in self.timings.items()}}


def convert_job(job: Job) -> Outcome:
    """Convert one job in memory; never raises for bad input (the outcome says it).

    No time limit applies here: run it in a pool (`make_pool`, `outcome_of`) for that."""
    outcome = Outcome(job.source, job.stem)
    started = time.perf_counter()
    try:
        _convert_into(job, outcome, started)
    except Exception as exc:  # a bug of ours must cost one document, not the batch
        outcome.status, outcome.error, outcome.outputs = "failed", failure_reason(exc), {}
    return outcome


def failure_reason(exc: Exception) -> str:
    """One line saying why reading or converting failed (for a bug of ours: what to report)."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "structure too deeply nested"
    if isinstance(exc, MemoryError):
        return "needs more memory than it may use"
    return f"internal error ({type(exc).__name__}: {exc}); please report it"


def read_job(job: Job) -> Read:
    """*job*'s input read, and for a statute with ``as_of`` its law on that day (another
    kind comes back unchanged, with a warning): what the batch and the server convert."""
    result = read(job.data, job.reader_name, job.limits, job.kind)
    if job.as_of is None:
        return result
    from .statute.as_of import as_of
    return replace(result, document=as_of(result.document, job.as_of))


def _convert_into(job: Job, outcome: Outcome, started: float) -> None:
    if job.riksdoc is not None and job.riksdoc != code_fingerprint():
        raise InputError(f"refused by a worker whose riksdoc differs from the one that sent it "
                         f"(riksdoc {__version__}, code and styles {code_fingerprint()[:12]}, "
                         f"not {job.riksdoc[:12]}); install the same riksdoc everywhere")
    document = read_job(job).document
    outcome.timings["read"] = time.perf_counter() - started
    outcome.warnings = [f"line {w.line}: {w.text}" if w.line else w.text
                        for w in document.warnings]
    for name in job.formats:
        began = time.perf_counter()
        outcome.outputs[name] = write(document, name, stem=job.stem, style=job.style)
        outcome.timings[name] = time.perf_counter() - began


def warm(formats: Sequence[str], style: HouseStyle = BUILT_IN) -> None:
    """Import the writers a batch needs, so each worker pays the import once."""
    for name in formats:  # e.g. the PDF writer's fonts and parsed stylesheet
        FORMATS[name].warm(style)


# --- the warm worker processes ---------------------------------------------

def make_pool(workers: int, formats: Sequence[str], preload: Sequence[str] = ()) -> WorkerPool:
    """Supervised worker processes that have loaded the writers for *formats* (shared by the
    batch, the server and each Dask worker).

    Submit `convert_job` with the job's time limit and read its future with `outcome_of`::

        outcome_of(pool.submit(convert_job, job, timeout=job.limits.max_seconds), job)

    *preload* names more modules the workers need (the server's request function).
    """
    modules = [f"{__package__}.engine",
               *(f"{__package__}.readers.{reader.module}" for reader in READERS),
               *(f"{__package__}.writers.{FORMATS[name].module}" for name in formats), *preload]
    return WorkerPool(workers, warm, (tuple(formats),), preload=modules)


def outcome_of(future: Future[Outcome], job: Job) -> Outcome:
    """The outcome of *job*, run in a pool: its own, or a failure saying what the pool saw."""
    try:
        return future.result()
    except TimedOut:
        error = f"took longer than {job.limits.max_seconds:g} s to convert (--timeout)"
    except WorkerDied as exc:
        error = f"conversion stopped: {exc}"
    except PoolStopped as exc:
        error = f"not converted: {exc}"
    except CancelledError:
        error = "not converted: the run was stopped"
    except Exception as exc:  # the job could not be handed over (e.g. pickling)
        error = failure_reason(exc)
    return Outcome(job.source, job.stem, "failed", error=error)
