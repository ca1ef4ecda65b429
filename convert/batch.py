"""Converting many documents: the runners and the run that settles every outcome.

The per-document work is `riksdoc.engine.convert_job`; this module runs it
over a batch in a pool of warm, supervised worker processes (`run_local`) or
on a Dask cluster (`riksdoc.cluster.run_dask`, where each Dask worker runs it in
a supervised process of its own), which give the same outputs.  Either way a
document that runs past its time limit has its process killed and fails alone.
The parent process finds and reads the inputs (`riksdoc.inputs`), writes every
output atomically and keeps the manifest that makes reruns incremental
(`riksdoc.outputs`), and reports.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Never

from .cluster import run_dask
from .engine import Job, Outcome, code_fingerprint, convert_job, make_pool, outcome_of
from .housestyle import BUILT_IN, HouseStyle
from .inputs import Input, Inputs, Passed, collect_inputs, read_source, stem_of
from .limits import DEFAULT, Limits
from .model import Kind
from .outputs import MANIFEST, Manifest, Run, write_atomic
from .writers import FORMATS

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = [  # the inputs, outputs and Dask runner are re-exported: callers know batch
    "MANIFEST", "Input", "Inputs", "Options", "Passed", "collect_inputs", "read_source",
    "run_batch", "run_dask", "run_local", "stem_of", "write_atomic"]


# --- running jobs -----------------------------------------------------------

def run_local(jobs: Iterable[Job], workers: int, formats: Sequence[str]) -> Iterator[Outcome]:
    """Outcomes in completion order, from *workers* warm, supervised processes.

    Even one worker is a process of its own: the time limit is enforced by killing it.
    """
    window = workers * 4  # bounded: a 100 000-file batch does not hold every input in memory
    pool = make_pool(workers, formats)  # its workers start with the first job, if any
    try:
        pending: dict[Future[Outcome], Job] = {}
        source = iter(jobs)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                next_job = next(source, None)
                if next_job is None:
                    exhausted = True
                else:
                    future = pool.submit(convert_job, next_job, timeout=next_job.limits.max_seconds)
                    pending[future] = next_job
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield outcome_of(future, pending.pop(future))
    finally:
        pool.stop()


# --- a whole batch --------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """How a batch runs."""

    formats: tuple[str, ...]
    """Formats to write."""
    out_dir: Path
    """Where outputs go."""
    workers: int = 1
    """Worker processes (even one is a process of its own: the time limit kills it)."""
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
    as_of: datetime.date | None = None
    """Publish statutes as in force on this day (``--as-of``); None: every version."""
    style: HouseStyle = BUILT_IN
    """The house style of PDF, DOCX and HTML."""
    single: str | None = None
    """The one output's file (``-``: standard output) instead of names in `out_dir`; no
    manifest is kept then."""
    verbosity: int = 0
    """-1 failures only; 0 also warnings; 1 also a line per document."""


def run_batch(inputs: Sequence[Input], options: Options,
              say: Callable[[str], None]) -> list[Outcome]:
    """Convert *inputs*; outcomes in input order.

    *say* gets one line per failure and warning (printed above the progress bar).
    """
    return _Batch(inputs, options, say).run()


class _Batch:
    """One run: the jobs handed to the runner, and every outcome settled as it comes."""

    def __init__(self, inputs: Sequence[Input], options: Options,
                 say: Callable[[str], None]) -> None:
        self.inputs = {i.source: i for i in inputs}
        self.options = options
        self.say = say
        self.run_lock = Run(options.out_dir)
        self.manifest = Manifest(options.out_dir, self.run_lock.id)
        self.early: deque[Outcome] = deque()  # unreadable inputs and skips, settled in turn
        self.names: dict[str, str] = {}
        self.keys: dict[str, str] = {}  # manifest keys, computed here so every worker agrees
        self.done: dict[str, Outcome] = {}
        self.bar = _progress_bar(options.progress if options.single != "-" else "never",
                                 len(inputs))
        self.last_save = time.monotonic()

    def run(self) -> list[Outcome]:
        workers = max(1, min(self.options.workers, len(self.inputs)))
        # standard output needs no claim on a folder (which may be one the user cannot write)
        with contextlib.nullcontext() if self.options.single == "-" else self.run_lock:
            if self.options.single is None:
                self.run_lock.remove_stale_parts(recursive=any(i.folder for i in self.inputs.values()))
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
        """A job for each input that needs converting, the largest first; the others become
        early outcomes.

        Output names are claimed in input order (the first input keeps a name two would
        share); the jobs then go out largest first, so that a batch's one long document
        does not start last while the other workers have run out of work.
        """
        options = self.options
        fingerprint = code_fingerprint()
        claimed = [item for item in self.inputs.values() if self._claim(item)]
        for item in sorted(claimed, key=_size, reverse=True):
            source = item.source
            clash = _overwrites_input(item, self.targets(item))
            data = clash or read_source(source, options.limits)
            if isinstance(data, str):
                self.fail(source, item.stem, data)
                continue
            job = Job(source, "stdin.txt" if source == "-" else source, data, options.formats,
                      item.stem, options.limits, options.kind, options.style, fingerprint,
                      as_of=options.as_of)
            self.keys[source] = job.key()
            if not options.force and source != "-" and options.single is None and \
                    self.manifest.unchanged(item.name, self.keys[source]):
                self.early.append(Outcome(source, item.stem, "skipped"))
                continue
            yield job

    def _claim(self, item: Input) -> bool:
        """Whether *item* may have its output name; if another input has it, *item* fails."""
        if item.name in self.names:
            self.fail(item.source, item.stem, f"output name {item.name!r} is already used by "
                                              f"{self.names[item.name]} (rename one, or "
                                              f"convert them into different folders)")
            return False
        self.names[item.name] = item.source
        return True

    def targets(self, item: Input) -> dict[str, Path]:
        """Where each of *item*'s outputs goes, by format."""
        if self.options.single is not None:
            return {name: Path(self.options.single) for name in self.options.formats}
        folder = self.options.out_dir / item.folder
        return {name: folder / f"{item.stem}{FORMATS[name].suffix}"
                for name in self.options.formats}

    def fail(self, source: str, stem: str, error: str) -> None:
        self.early.append(Outcome(source, stem, "failed", error=error))

    def settle_early(self) -> None:
        while self.early:
            self.settle(self.early.popleft())

    def settle(self, outcome: Outcome) -> None:
        """Write a converted outcome's files, record it, say what went wrong."""
        item = self.inputs[outcome.source]
        if outcome.status == "converted":
            self.store(outcome, item)
        if outcome.status == "converted" and self.options.single is None:  # still: storing may fail
            self.manifest.record(item.name, self.keys[outcome.source], outcome.source,
                                 [Path(f).relative_to(self.options.out_dir).as_posix()
                                  for f in outcome.files])
        if outcome.status == "failed":
            self.tell(f"{outcome.source}: {outcome.error}")
        if self.options.verbosity >= 0:
            for warning in outcome.warnings:
                self.tell(f"{outcome.source}: warning: {warning}")
        if self.options.verbosity > 0 and outcome.status != "failed":
            self.tell(f"{outcome.source} → {', '.join(outcome.files)}" if outcome.files
                      else f"{outcome.source}: unchanged since the last run, skipped")
        self.done[outcome.source] = outcome
        self.bar.update(1)
        if time.monotonic() - self.last_save > 2:  # a killed run keeps most of its manifest
            self.save()
            self.last_save = time.monotonic()

    def store(self, outcome: Outcome, item: Input) -> None:
        """Write an outcome's outputs; on failure the outcome says why and none is left."""
        targets = self.targets(item)
        written: list[str] = []
        try:
            for name, data in outcome.outputs.items():
                if self.options.single == "-":
                    sys.stdout.buffer.write(data)
                    sys.stdout.buffer.flush()
                    continue
                targets[name].parent.mkdir(parents=True, exist_ok=True)
                write_atomic(targets[name], data, self.run_lock.id)
                written.append(str(targets[name]))
        except OSError as exc:
            for name in written:  # a failed input leaves no output at all
                Path(name).unlink(missing_ok=True)
            written = []
            outcome.status = "failed"
            where = self.options.single or self.options.out_dir
            outcome.error = f"cannot write to {where}: {exc.strerror or exc}"
        outcome.files = written
        outcome.outputs = {}

    def tell(self, line: str) -> None:
        with self.bar.external_write_mode(file=sys.stderr):  # above the bar, not through it
            self.say(line)

    def save(self) -> None:
        problem = self.manifest.save()
        if problem:
            self.tell(problem)


def _size(item: Input) -> int:
    """*item*'s size in bytes, as far as it is known before reading (0: standard input, a
    folder, a file that cannot be seen: reading it will say why)."""
    try:
        return 0 if item.source == "-" else os.stat(item.source).st_size
    except OSError:
        return 0


def _overwrites_input(item: Input, targets: dict[str, Path]) -> str | None:
    """Why writing *item*'s outputs would replace the input itself, or None."""
    if item.source == "-":
        return None
    for name, target in targets.items():
        try:
            if target.exists() and os.path.samefile(target, item.source):
                return f"the {name} output would overwrite this input; write elsewhere with -o"
        except OSError:
            continue
    return None


def _progress_bar(mode: str, total: int) -> tqdm[Never]:
    from tqdm import tqdm

    disable = mode == "never" or (mode == "auto" and not sys.stderr.isatty())
    return tqdm(total=total, unit="doc", file=sys.stderr, disable=disable, dynamic_ncols=True,
                mininterval=0.2, leave=False)
