"""Writing outputs safely: atomic files, the manifest, and runs that share a folder.

* Every file is written to a hidden temporary file beside it and renamed into
  place (`write_atomic`), so a reader sees the old file or the whole new one.
  It is created with mode 0666 less the user's umask, as any new file is.
* A run into an output folder holds a lock of its own there (`Run`) for as
  long as it lives; its temporary files carry its id.  A later run removes the
  temporary files of runs whose lock is free (they were killed), and never
  those of a run still going.
* The manifest (`Manifest`) records what each output was made from, so
  unchanged inputs are skipped.  It is saved under a lock, merged with what is
  on disk: two runs into one folder keep each other's entries.

The lock files are hidden (``.riksdoc-*``) and the locks are the operating
system's (``flock``, ``LockFileEx`` through the filelock package), which a
killed process lets go of.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import OutputError
from .version import __version__

MANIFEST = ".riksdoc-manifest.json"
"""File in the output folder that records what each output was made from."""

_LOCK_PREFIX = ".riksdoc-"
"""riksdoc's own hidden files in an output folder start so (manifest, its lock, run locks)."""

_PART = re.compile(r"^\..+\.(?P<run>[0-9a-f]{16})-[0-9a-f]{8}\.part$")


def is_own_file(name: str) -> bool:
    """Is *name* one of riksdoc's bookkeeping files (manifest, lock, temporary file)?"""
    return name.startswith(_LOCK_PREFIX) or (name.startswith(".") and name.endswith(".part"))


def write_atomic(path: Path, data: bytes, run: str | None = None) -> None:
    """Write *data* to a temporary file beside *path*, then rename it into place.

    A reader of *path* sees the old file or the complete new one, never a part;
    a killed run leaves at most a hidden ``.NAME.<run>-<n>.part`` file, which the
    next run into the same folder removes (`Run.remove_stale_parts`).
    """
    tmp = path.parent / f".{path.name}.{run or _run_id()}-{secrets.token_hex(4)}.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _run_id() -> str:
    return secrets.token_hex(8)


class Run:
    """One run's claim on an output folder: a lock held while the run lives.

    Use as a context manager; `id` names the run's temporary files.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.id = _run_id()
        self._lock = FileLock(self._lock_path(self.id), timeout=0)

    def _lock_path(self, run: str) -> Path:
        return self.directory / f"{_LOCK_PREFIX}run-{run}.lock"

    def __enter__(self) -> Run:
        try:
            self._lock.acquire()
        except Timeout:  # a fresh lock no one holds, refused: a file system without locks
            raise OutputError(self.directory, "its file system cannot lock files") from None
        except OSError as exc:  # read-only, or a file system that takes no files (/sys)
            raise OutputError(self.directory, exc.strerror or str(exc)) from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
        with contextlib.suppress(OSError):
            self._lock_path(self.id).unlink()

    def remove_stale_parts(self, recursive: bool = False) -> None:
        """Remove the temporary files of runs that were killed (their lock is free)."""
        ended: dict[str, bool] = {}
        for part in self._parts(recursive):
            match = _PART.match(part.name)
            run = match.group("run") if match else None
            if run == self.id:
                continue
            if run is not None and run not in ended:
                ended[run] = self._has_ended(run)
            if run is None or ended[run]:  # no run id: an older riksdoc's leftover
                with contextlib.suppress(OSError):
                    part.unlink()
        for run, gone in ended.items():
            if gone:
                with contextlib.suppress(OSError):
                    self._lock_path(run).unlink()

    def _parts(self, recursive: bool) -> Iterator[Path]:
        try:
            yield from (self.directory.rglob(".*.part") if recursive
                        else self.directory.glob(".*.part"))
        except OSError:
            return

    def _has_ended(self, run: str) -> bool:
        path = self._lock_path(run)
        if not path.exists():
            return True
        other = FileLock(path, timeout=0)
        try:
            other.acquire()
        except Timeout:
            return False  # still running
        except OSError:
            return False  # cannot tell: leave its files alone
        other.release()
        return True


class Manifest:
    """What each output was last made from, so unchanged inputs are skipped."""

    def __init__(self, directory: Path, run: str | None = None) -> None:
        self.directory = directory
        self.path = directory / MANIFEST
        self.run = run
        self.entries: dict[str, dict[str, object]] = self._load()
        """Output name (``stem``, or ``folder/stem`` in a mirrored tree) →
        ``{"key", "input", "files"}``; ``files`` relative to the folder."""
        self._changed: dict[str, dict[str, object]] = {}

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        outputs = loaded.get("outputs") if isinstance(loaded, dict) else None
        if not isinstance(outputs, dict):  # a damaged or hand-edited manifest counts for nothing
            return {}
        return {name: entry for name, entry in outputs.items() if isinstance(entry, dict)}

    def unchanged(self, name: str, key: str) -> bool:
        """Were *name*'s outputs made from this very key, and are they all still there?"""
        entry = self.entries.get(name, {})
        files = entry.get("files")
        return entry.get("key") == key and isinstance(files, list) and all(
            isinstance(file, str) and (self.directory / file).is_file() for file in files)

    def outputs(self) -> set[str]:
        """Every file the manifest records as an output, relative to the folder."""
        found: set[str] = set()
        for entry in self.entries.values():
            files = entry.get("files")
            if isinstance(files, list):
                found.update(file for file in files if isinstance(file, str))
        return found

    def record(self, name: str, key: str, source: str, files: list[str]) -> None:
        """*name*'s outputs are *files* (relative to the folder), made from *key*."""
        entry: dict[str, object] = {"key": key, "input": source, "files": files}
        self.entries[name] = self._changed[name] = entry

    def save(self) -> str | None:
        """Merge this run's entries into the manifest on disk; a one-line reason if that
        cannot be done (the outputs stand)."""
        if not self._changed:
            return None
        try:
            with FileLock(self.directory / f"{_LOCK_PREFIX}manifest.lock", timeout=60):
                entries = self._load()  # what other runs saved meanwhile stays
                entries.update(self._changed)
                data = {"riksdoc": __version__, "outputs": dict(sorted(entries.items()))}
                text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
                write_atomic(self.path, text.encode(), self.run)
        except Timeout:
            return f"{self.path}: cannot update the manifest (another run holds its lock); " \
                   "the next run will convert these inputs again"
        except OSError as exc:
            return f"{self.path}: cannot update the manifest ({exc.strerror or exc}); " \
                   "the next run will convert these inputs again"
        self.entries.update(entries)
        self._changed.clear()
        return None
