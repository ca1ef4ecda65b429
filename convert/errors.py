"""The one exception users see: a problem with an input, said in one line."""

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
