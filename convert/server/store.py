"""Results held in memory for download: bounded, expiring, under random tokens."""

from __future__ import annotations

import io
import secrets
import time
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from ..writers import FORMATS

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Fixed member time: the same files always give the same ZIP bytes."""


@dataclass(frozen=True)
class StoredFile:
    """One output, held in memory for download."""

    filename: str
    """``<stem><suffix>``: the name the browser saves it under."""
    media_type: str
    """Content-Type."""
    data: bytes
    """The file."""


@dataclass
class Result:
    """One conversion, downloadable under its token until it expires."""

    view: dict[str, Any]
    """What the page and the API show: kind, metadata, report, warnings."""
    files: dict[str, StoredFile]
    """Outputs by format."""
    created: float = field(default_factory=time.monotonic)
    """When it was stored (monotonic clock; only for expiry)."""

    @property
    def size(self) -> int:
        """Bytes held."""
        return sum(len(f.data) for f in self.files.values())


class ResultStore:
    """Results by random token: bounded in count and bytes, expiring after a while."""

    def __init__(self, keep_seconds: float, keep_results: int, keep_bytes: int) -> None:
        self.keep_seconds = keep_seconds
        self.keep_results = keep_results
        self.keep_bytes = keep_bytes
        self._results: OrderedDict[str, Result] = OrderedDict()

    def add(self, result: Result) -> str:
        """Store *result*; its token (unguessable, URL-safe)."""
        token = secrets.token_urlsafe(24)
        self._results[token] = result
        self._expire()
        return token

    def get(self, token: str) -> Result | None:
        """The result under *token*, if it has not expired."""
        self._expire()
        result = self._results.get(token)
        if result is not None:
            self._results.move_to_end(token)
        return result

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, r in self._results.items() if now - r.created > self.keep_seconds]:
            del self._results[token]
        total = sum(r.size for r in self._results.values())
        while self._results and (len(self._results) > self.keep_results
                                 or total > self.keep_bytes):
            _, oldest = self._results.popitem(last=False)
            total -= oldest.size


def zip_outputs(stem: str, outputs: dict[str, bytes]) -> bytes:
    """Every output in one ZIP, in the order of `riksdoc.writers.FORMATS`, with fixed
    member times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in FORMATS:
            if name in outputs:
                info = zipfile.ZipInfo(f"{stem}{FORMATS[name].suffix}", date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, outputs[name])
    return buffer.getvalue()
