"""The exceptions users see, each said in one line: a problem with an input, or with the
place the outputs go."""

from __future__ import annotations


class InputError(Exception):
    """Input riksdoc refuses, with a reason fit for one line on stderr.

    The CLI prints ``riksdoc: FILE: REASON`` and exits 1; it never shows a
    traceback for this exception.
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


class OutputError(Exception):
    """An output folder riksdoc cannot write to (read-only, a pseudo file system, no
    locks), with a reason fit for one line; the CLI prints ``riksdoc: FOLDER: cannot
    write there: REASON`` and exits 1."""

    def __init__(self, directory: object, reason: str) -> None:
        super().__init__(f"{directory}: cannot write there: {reason}")
        self.directory = directory
        self.reason = reason
