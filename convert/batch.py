"""Converting many documents: worker processes, atomic and incremental output.

`convert_job` is the per-document function: bytes in, output bytes out, no
file system, no clock in its results.  The same function runs in-process, in
a pool of warm worker processes (`run_local`) or on a Dask cluster
(`run_dask`), so all three give the same outputs.  The parent process reads
the inputs, writes every output atomically (temporary file beside it, then
rename), keeps the manifest that makes reruns incremental, and reports.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from . import __version__
from .errors import InputError
from .limits import DEFAULT, Limits, TimeLimit
from .model import Kind
from .readers import read
from .writers import FORMATS, write

MANIFEST = ".riksdoc-manifest.json"
"""File in the output directory that records what each output was made from."""


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

    def key(self) -> str:
        """Content hash of the input, the options and riksdoc itself (the manifest's key).

        riksdoc itself is its version and a hash of its code and styles, so a
        changed stylesheet or writer makes every output out of date.
        """
        digest = hashlib.sha256()
        for part in (__version__, code_fingerprint(), ",".join(sorted(self.formats)),
                     self.reader_name.lower().rsplit(".", 1)[-1],
                     self.kind.value if self.kind else ""):
            digest.update(part.encode() + b"\0")
        digest.update(self.data)
        return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """A hash of riksdoc's code (``convert/``) and visual decisions (``styles/``)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for root in (package, package.parent / "styles"):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
    result = read(job.data, job.reader_name, job.limits, job.kind)
    outcome.timings["read"] = time.perf_counter() - started
    document = result.document
    outcome.warnings = [f"line {w.line}: {w.text}" if w.line else w.text
                        for w in document.warnings]
    for name in job.formats:
        began = time.perf_counter()
        outcome.outputs[name] = write(document, name, stem=job.stem)
        outcome.timings[name] = time.perf_counter() - began


def warm(formats: Sequence[str]) -> None:
    """Import the writers a batch needs, so each worker pays the import once.

    Runs first in every pool worker, so it also ties the worker's life to
    its parent's (Linux): a batch or server killed with SIGKILL leaves no
    worker behind.
    """
    _die_with_parent()
    for name in formats:
        module = import_module(f"riksdoc.writers.{FORMATS[name].module}")
        if hasattr(module, "warm"):  # e.g. the PDF writer's fonts and parsed stylesheet
            module.warm()


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        pass


# --- running jobs -----------------------------------------------------------

Runner = Callable[[Iterable[Job]], Iterator[Outcome]]


def make_pool(workers: int, formats: Sequence[str]) -> ProcessPoolExecutor:
    """Worker processes that have imported the writers for *formats* (shared by batch and server).

    Submit `convert_job` to it.  Workers are forked, so they start warm with
    whatever this process already imported.
    """
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=warm, initargs=(tuple(formats),))


def run_local(jobs: Iterable[Job], workers: int, formats: Sequence[str]) -> Iterator[Outcome]:
    """Outcomes in completion order, from *workers* warm processes (1: in this process)."""
    if workers <= 1:
        for job in jobs:
            yield convert_job(job)
        return
    window = workers * 4  # bounded: a 100 000-file batch does not hold every input in memory
    with make_pool(workers, formats) as pool:
        pending: set[Future[Outcome]] = set()
        source = iter(jobs)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                job = next(source, None)
                if job is None:
                    exhausted = True
                else:
                    pending.add(pool.submit(convert_job, job))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def run_dask(jobs: Iterable[Job], address: str, workers: int) -> Iterator[Outcome]:
    """The same per-document function on a Dask cluster (``local`` starts a LocalCluster)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--dask needs the dask extra: pip install 'riksdoc[dask]'") from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        futures = [client.submit(convert_job, job, pure=False) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the parent's side: inputs, manifest, atomic output -----------------------

def collect_inputs(items: Sequence[str]) -> list[str]:
    """Files as given, directories expanded to their ``*.txt``, sorted; duplicates once.

    A directory without ``*.txt`` stays in the list, to fail as an input of its own.
    """
    found: list[str] = []
    for item in items:
        try:
            names = sorted(str(p) for p in Path(item).glob("*.txt") if p.is_file()) \
                if item != "-" and Path(item).is_dir() else []
        except OSError:  # unreadable: reading it will say why
            names = []
        found.extend(names or [item])
    return list(dict.fromkeys(found))


def stem_of(source: str) -> str:
    """Output base name: ``answer.txt`` → ``answer``, ``x.akn.xml`` → ``x``, stdin → ``stdin``."""
    if source == "-":
        return "stdin"
    name = Path(source).name
    for suffix in (".akn.xml", ".txt", ".docx", ".json", ".xml"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return Path(name).stem or name


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to a temporary file beside *path*, then rename it into place.

    A reader of *path* sees the old file or the complete new one, never a part;
    a killed run leaves at most a hidden ``.NAME.*.part`` file, which the next
    batch into the same directory removes.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_stale_parts(directory: Path) -> None:
    """Temporary files a killed run left behind."""
    for stale in directory.glob(".*.part"):
        try:
            stale.unlink()
        except OSError:
            pass


class Manifest:
    """What each output stem was last made from, so unchanged inputs are skipped."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / MANIFEST
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries: dict[str, dict[str, object]] = dict(loaded.get("outputs", {}))
        except (OSError, ValueError, AttributeError):
            self.entries = {}
        self.dirty = False

    def unchanged(self, stem: str, key: str, directory: Path) -> bool:
        entry = self.entries.get(stem)
        return bool(entry and entry.get("key") == key and all(
            (directory / name).is_file() for name in entry.get("files", [])))

    def record(self, outcome: Outcome, key: str) -> None:
        self.entries[outcome.stem] = {"key": key, "input": outcome.source,
                                      "files": [Path(f).name for f in outcome.files]}
        self.dirty = True

    def save(self) -> str | None:
        """Write the manifest; a one-line reason if it cannot be (the outputs stand)."""
        if not self.dirty:
            return None
        data = {"riksdoc": __version__, "outputs": dict(sorted(self.entries.items()))}
        try:
            write_atomic(self.path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
        except OSError as exc:
            return f"{self.path}: cannot update the manifest ({exc.strerror or exc}); " \
                   "the next run will convert these inputs again"
        self.dirty = False
        return None


def store(outcome: Outcome, out_dir: Path) -> None:
    """Write an outcome's outputs atomically; on failure the outcome says why."""
    written: list[str] = []
    try:
        for name, data in outcome.outputs.items():
            path = out_dir / f"{outcome.stem}{FORMATS[name].suffix}"
            write_atomic(path, data)
            written.append(str(path))
    except OSError as exc:
        for path in written:  # a failed input leaves no output at all
            Path(path).unlink(missing_ok=True)
        written = []
        outcome.status = "failed"
        outcome.error = f"cannot write to {out_dir}: {exc.strerror or exc}"
    outcome.files = written
    outcome.outputs = {}


# --- a whole batch --------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """How a batch runs."""

    formats: tuple[str, ...]
    """Formats to write."""
    out_dir: Path
    """Where outputs go."""
    workers: int = 1
    """Worker processes (1: in this process)."""
    force: bool = False
    """Convert unchanged inputs too."""
    dask: str | None = None
    """Dask scheduler address, ``local``, or None for local processes."""
    progress: str = "auto"
    """``auto`` (a bar when stderr is a terminal), ``always`` or ``never``."""
    limits: Limits = DEFAULT
    """Size limits on each input."""
    kind: Kind | None = None
    """The kind to read texts as (``--kind``); None: recognise each."""


def read_source(source: str, limits: Limits = DEFAULT) -> bytes | str:
    """The input's bytes, or a one-line reason why they cannot be read.

    A file over the size limit is refused before it is read into memory.
    """
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limits.max_bytes + 1)
        else:
            with open(source, "rb") as handle:
                limits.check_size(os.fstat(handle.fileno()).st_size)
                data = handle.read(limits.max_bytes + 1)
        limits.check_size(len(data))
        return data
    except InputError as exc:
        return str(exc)
    except IsADirectoryError:
        return "directory has no *.txt files"
    except FileNotFoundError:
        return "no such file"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return exc.strerror or str(exc)


def run_batch(inputs: Sequence[str], options: Options,
              say: Callable[[str], None]) -> list[Outcome]:
    """Convert *inputs*; outcomes in input order.

    *say* gets one line per failure and warning (printed above the progress bar).
    """
    manifest = Manifest(options.out_dir)
    early: deque[Outcome] = deque()  # unreadable inputs and skips, settled in turn
    stems: dict[str, str] = {}
    keys: dict[str, str] = {}  # manifest keys, computed here so that every worker agrees

    def jobs() -> Iterator[Job]:
        for source in inputs:
            stem = stem_of(source)
            if stem in stems:
                early.append(Outcome(source, stem, "failed",
                                     error=f"output name {stem!r} is already used by {stems[stem]}"))
                continue
            stems[stem] = source
            clash = _overwrites_input(source, stem, options)
            if clash:
                early.append(Outcome(source, stem, "failed", error=clash))
                continue
            data = read_source(source, options.limits)
            if isinstance(data, str):
                early.append(Outcome(source, stem, "failed", error=data))
                continue
            job = Job(source, "stdin.txt" if source == "-" else source, data, options.formats, stem,
                      options.limits, options.kind)
            keys[source] = job.key()
            if not options.force and source != "-" and \
                    manifest.unchanged(stem, keys[source], options.out_dir):
                early.append(Outcome(source, stem, "skipped"))
                continue
            yield job

    workers = max(1, min(options.workers, len(inputs)))
    if options.dask:
        outcomes = run_dask(jobs(), options.dask, workers)
    else:
        outcomes = run_local(jobs(), workers, options.formats)
    bar = _progress_bar(options.progress, len(inputs))
    done: dict[str, Outcome] = {}
    last_save = time.monotonic()

    def tell(line: str) -> None:
        with bar.external_write_mode(file=sys.stderr):  # above the bar, not through it
            say(line)

    def settle(outcome: Outcome) -> None:
        nonlocal last_save
        if outcome.status == "converted":
            store(outcome, options.out_dir)
        if outcome.status == "converted":
            manifest.record(outcome, keys[outcome.source])
        if outcome.status == "failed":
            tell(f"{outcome.source}: {outcome.error}")
        for warning in outcome.warnings:
            tell(f"{outcome.source}: warning: {warning}")
        done[outcome.source] = outcome
        bar.update(1)
        if time.monotonic() - last_save > 2:  # a killed run keeps most of its manifest
            save()
            last_save = time.monotonic()

    def save() -> None:
        problem = manifest.save()
        if problem:
            tell(problem)

    try:
        for outcome in outcomes:
            while early:
                settle(early.popleft())
            settle(outcome)
        while early:
            settle(early.popleft())
    finally:
        bar.close()
        save()
    return [done[source] for source in inputs if source in done]


def _overwrites_input(source: str, stem: str, options: Options) -> str | None:
    """Why writing *source*'s outputs would replace *source* itself, or None."""
    if source == "-":
        return None
    for name in options.formats:
        target = options.out_dir / f"{stem}{FORMATS[name].suffix}"
        try:
            if target.exists() and os.path.samefile(target, source):
                return f"the {name} output would overwrite this input; write elsewhere with -o DIR"
        except OSError:
            continue
    return None


def _progress_bar(mode: str, total: int):  # -> tqdm
    from tqdm import tqdm

    disable = mode == "never" or (mode == "auto" and not sys.stderr.isatty())
    return tqdm(total=total, unit="doc", file=sys.stderr, disable=disable, dynamic_ncols=True,
                mininterval=0.2, leave=False)
