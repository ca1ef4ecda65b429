"""Converting many documents: inputs, runners, atomic and incremental output.

The per-document work is `riksdoc.engine.convert_job`; this module runs it
over a batch, in-process, in a pool of warm worker processes (`run_local`)
or on a Dask cluster (`run_dask`), which all give the same outputs.  The
parent process reads the inputs, writes every output atomically (temporary
file beside it, then rename), keeps the manifest that makes reruns
incremental, and reports.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Never

from . import readers
from .engine import Job, Outcome, convert_job, make_pool
from .errors import InputError
from .limits import DEFAULT, Limits
from .model import Kind
from .version import __version__
from .writers import FORMATS

if TYPE_CHECKING:
    from tqdm import tqdm

MANIFEST = ".riksdoc-manifest.json"
"""File in the output directory that records what each output was made from."""


# --- running jobs -----------------------------------------------------------

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
                next_job = next(source, None)
                if next_job is None:
                    exhausted = True
                else:
                    pending.add(pool.submit(convert_job, next_job))
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
    """Output base name: ``answer.txt`` → ``answer``, ``x.akn.xml`` → ``x`` (the suffixes
    of `riksdoc.readers.READERS`), stdin → ``stdin``."""
    if source == "-":
        return "stdin"
    return readers.stem(Path(source).name)


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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_stale_parts(directory: Path) -> None:
    """Temporary files a killed run left behind."""
    for stale in directory.glob(".*.part"):
        with contextlib.suppress(OSError):
            stale.unlink()


class Manifest:
    """What each output stem was last made from, so unchanged inputs are skipped."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / MANIFEST
        self.entries: dict[str, dict[str, object]] = {}
        """Output stem → ``{"key", "input", "files"}``."""
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = None
        outputs = loaded.get("outputs") if isinstance(loaded, dict) else None
        if isinstance(outputs, dict):  # a damaged or hand-edited manifest counts for nothing
            self.entries = {stem: entry for stem, entry in outputs.items()
                            if isinstance(entry, dict)}
        self.dirty = False

    def unchanged(self, stem: str, key: str, directory: Path) -> bool:
        """Were *stem*'s outputs made from this very key, and are they all still there?"""
        entry = self.entries.get(stem, {})
        files = entry.get("files")
        return entry.get("key") == key and isinstance(files, list) and all(
            isinstance(name, str) and (directory / name).is_file() for name in files)

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
        for name in written:  # a failed input leaves no output at all
            Path(name).unlink(missing_ok=True)
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
    return _Batch(inputs, options, say).run()


class _Batch:
    """One run: the jobs handed to the runner, and every outcome settled as it comes."""

    def __init__(self, inputs: Sequence[str], options: Options,
                 say: Callable[[str], None]) -> None:
        self.inputs = inputs
        self.options = options
        self.say = say
        self.manifest = Manifest(options.out_dir)
        self.early: deque[Outcome] = deque()  # unreadable inputs and skips, settled in turn
        self.stems: dict[str, str] = {}
        self.keys: dict[str, str] = {}  # manifest keys, computed here so every worker agrees
        self.done: dict[str, Outcome] = {}
        self.bar = _progress_bar(options.progress, len(inputs))
        self.last_save = time.monotonic()

    def run(self) -> list[Outcome]:
        workers = max(1, min(self.options.workers, len(self.inputs)))
        if self.options.dask:
            outcomes = run_dask(self.jobs(), self.options.dask, workers)
        else:
            outcomes = run_local(self.jobs(), workers, self.options.formats)
        try:
            for outcome in outcomes:
                self.settle_early()
                self.settle(outcome)
            self.settle_early()
        finally:
            self.bar.close()
            self.save()
        return [self.done[source] for source in self.inputs if source in self.done]

    def jobs(self) -> Iterator[Job]:
        """A job for each input that needs converting; the others become early outcomes."""
        options = self.options
        for source in self.inputs:
            stem = stem_of(source)
            if stem in self.stems:
                self.fail(source, stem, f"output name {stem!r} is already used by "
                                        f"{self.stems[stem]}")
                continue
            self.stems[stem] = source
            clash = _overwrites_input(source, stem, options)
            data = clash or read_source(source, options.limits)
            if isinstance(data, str):
                self.fail(source, stem, data)
                continue
            job = Job(source, "stdin.txt" if source == "-" else source, data, options.formats,
                      stem, options.limits, options.kind)
            self.keys[source] = job.key()
            if not options.force and source != "-" and \
                    self.manifest.unchanged(stem, self.keys[source], options.out_dir):
                self.early.append(Outcome(source, stem, "skipped"))
                continue
            yield job

    def fail(self, source: str, stem: str, error: str) -> None:
        self.early.append(Outcome(source, stem, "failed", error=error))

    def settle_early(self) -> None:
        while self.early:
            self.settle(self.early.popleft())

    def settle(self, outcome: Outcome) -> None:
        """Write a converted outcome's files, record it, say what went wrong."""
        if outcome.status == "converted":
            store(outcome, self.options.out_dir)
        if outcome.status == "converted":  # still: storing may have failed
            self.manifest.record(outcome, self.keys[outcome.source])
        if outcome.status == "failed":
            self.tell(f"{outcome.source}: {outcome.error}")
        for warning in outcome.warnings:
            self.tell(f"{outcome.source}: warning: {warning}")
        self.done[outcome.source] = outcome
        self.bar.update(1)
        if time.monotonic() - self.last_save > 2:  # a killed run keeps most of its manifest
            self.save()
            self.last_save = time.monotonic()

    def tell(self, line: str) -> None:
        with self.bar.external_write_mode(file=sys.stderr):  # above the bar, not through it
            self.say(line)

    def save(self) -> None:
        problem = self.manifest.save()
        if problem:
            self.tell(problem)


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


def _progress_bar(mode: str, total: int) -> tqdm[Never]:
    from tqdm import tqdm

    disable = mode == "never" or (mode == "auto" and not sys.stderr.isatty())
    return tqdm(total=total, unit="doc", file=sys.stderr, disable=disable, dynamic_ncols=True,
                mininterval=0.2, leave=False)
