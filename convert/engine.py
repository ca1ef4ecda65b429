"""Converting one document: the per-document engine the CLI, the batch and the server share.

`convert_job` is the whole of it: a `Job` (the input's bytes, the formats, the
output stem, the limits) in, an `Outcome` (every output's bytes, warnings,
timings, or one line saying why not) out.  No file system, no clock in its
results, never an exception for bad input.  It runs in-process, in a pool of
warm worker processes (`make_pool`) or on a Dask cluster, and gives the same
outputs in each.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from .errors import InputError
from .housestyle import BUILT_IN, HouseStyle, builtin_fingerprint
from .limits import DEFAULT, Limits, TimeLimit
from .model import Kind
from .readers import read
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
                     self.style.fingerprint if styled else ""):
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
    """Convert one job in memory; never raises for bad input (the outcome says it)."""
    outcome = Outcome(job.source, job.stem)
    started = time.perf_counter()
    try:
        with TimeLimit(job.limits.max_seconds):
            _convert_into(job, outcome, started)
    except InputError as exc:
        outcome.status, outcome.error, outcome.outputs = "failed", str(exc), {}
    except RecursionError:
        outcome.status, outcome.error, outcome.outputs = "failed", "structure too deeply nested", {}
    except Exception as exc:  # a bug of ours must cost one document, not the batch
        outcome.status, outcome.outputs = "failed", {}
        outcome.error = f"internal error ({type(exc).__name__}: {exc}); please report it"
    return outcome


def _convert_into(job: Job, outcome: Outcome, started: float) -> None:
    if job.riksdoc is not None and job.riksdoc != code_fingerprint():
        raise InputError(f"refused by a worker whose riksdoc differs from the one that sent it "
                         f"(riksdoc {__version__}, code and styles {code_fingerprint()[:12]}, "
                         f"not {job.riksdoc[:12]}); install the same riksdoc everywhere")
    result = read(job.data, job.reader_name, job.limits, job.kind)
    outcome.timings["read"] = time.perf_counter() - started
    document = result.document
    outcome.warnings = [f"line {w.line}: {w.text}" if w.line else w.text
                        for w in document.warnings]
    for name in job.formats:
        began = time.perf_counter()
        outcome.outputs[name] = write(document, name, stem=job.stem, style=job.style)
        outcome.timings[name] = time.perf_counter() - began


def warm(formats: Sequence[str], style: HouseStyle = BUILT_IN) -> None:
    """Import the writers a batch needs, so each worker pays the import once.

    Runs first in every pool worker, so it also ties the worker's life to
    its parent's (Linux): a batch or server killed with SIGKILL leaves no
    worker behind.
    """
    _die_with_parent()
    for name in formats:  # e.g. the PDF writer's fonts and parsed stylesheet
        FORMATS[name].warm(style)


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        pass


# --- the warm worker processes ---------------------------------------------

def make_pool(workers: int, formats: Sequence[str]) -> ProcessPoolExecutor:
    """Worker processes that have imported the writers for *formats* (shared by batch and server).

    Submit `convert_job` to it.  Workers are forked, so they start warm with
    whatever this process already imported.
    """
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=warm, initargs=(tuple(formats),))
