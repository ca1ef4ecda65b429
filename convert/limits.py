"""Size limits on inputs: what riksdoc refuses rather than grinding through.

A Riksdag answer is a few kilobytes; these limits are far above any real
document and well below what would exhaust a worker (a PDF of 100 000
paragraphs is thousands of pages).  ``riksdoc convert`` sets them with
``--max-bytes``, ``--max-lines``, ``--max-line-length`` and ``--timeout``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError
from .normalise import Normalised


@dataclass(frozen=True)
class Limits:
    """Largest input riksdoc accepts."""

    max_bytes: int = 10_000_000
    """Size of one input file in bytes (10 MB)."""
    max_lines: int = 50_000
    """Lines of one text input after normalisation."""
    max_line_length: int = 100_000
    """Characters in one line (one paragraph) of a text input."""
    max_seconds: float = 120.0
    """Time to convert one document to every format asked for."""

    def check_size(self, size: int) -> None:
        """Refuse an input of *size* bytes over the limit."""
        if size > self.max_bytes:
            raise InputError(f"is {size:,} bytes; the limit is {self.max_bytes:,} (--max-bytes)")

    def check_text(self, normalised: Normalised) -> None:
        """Refuse text with too many or too long lines."""
        if len(normalised.lines) > self.max_lines:
            raise InputError(f"has {len(normalised.lines):,} lines; the limit is "
                             f"{self.max_lines:,} (--max-lines)")
        for line in normalised.lines:
            if len(line.text) > self.max_line_length:
                raise InputError(f"line {line.number} has {len(line.text):,} characters; the "
                                 f"limit is {self.max_line_length:,} (--max-line-length)")


DEFAULT = Limits()


class TimeLimit:
    """``with TimeLimit(seconds):`` raises `InputError` when the block runs too long.

    Uses a real-time interval timer, so it works in a process's main thread
    (the CLI, pool workers); elsewhere (e.g. a Dask worker thread) it does nothing.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = False

    def __enter__(self) -> TimeLimit:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread() and self.seconds > 0:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.active = True
        return self

    def _expired(self, signum: int, frame: object) -> None:
        raise InputError(f"took longer than {self.seconds:g} s to convert (--timeout)")

    def __exit__(self, *exc: object) -> None:
        if self.active:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
