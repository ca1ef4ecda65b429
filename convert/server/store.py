"""Results held in memory for download: kept their whole lifetime, under random tokens.

A result stays downloadable for `ResultStore.keep_seconds` whatever else
happens: no other conversion can push it out.  Memory is bounded instead by
refusing new work: when the results held (plus the one being added) would
pass `ResultStore.keep_bytes`, `add` raises `StoreFull`, which the server
answers with 503 and a Retry-After of when the oldest result expires.
"""

from __future__ import annotations

import io
import math
import secrets
import time
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from ..writers import FORMATS

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Fixed member time: the same files always give the same ZIP bytes."""

OVERHEAD = 4096
"""Bytes counted for each result beyond its files (the description, the token), so a
flood of tiny results is bounded too."""


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
        """Bytes counted against the store's bound."""
        return OVERHEAD + sum(len(f.data) for f in self.files.values())


class StoreFull(Exception):
    """No room for another result until older ones expire."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the result store is full; retry in {retry_after} s")
        self.retry_after = retry_after
        """Whole seconds until the oldest result expires."""


class ResultStore:
    """Results by random token, each kept *keep_seconds*; at most *keep_bytes* held."""

    def __init__(self, keep_seconds: float, keep_bytes: int) -> None:
        self.keep_seconds = keep_seconds
        self.keep_bytes = keep_bytes
        self._results: OrderedDict[str, Result] = OrderedDict()  # oldest first
        self._bytes = 0

    def add(self, result: Result) -> str:
        """Store *result*; its token (unguessable, URL-safe).  `StoreFull` if it does not fit."""
        self._expire()
        if self._bytes + result.size > self.keep_bytes:
            raise StoreFull(self.retry_after())
        token = secrets.token_urlsafe(24)
        self._results[token] = result
        self._bytes += result.size
        return token

    def has_room(self, size: int = OVERHEAD) -> bool:
        """Would a result of *size* bytes fit now?"""
        self._expire()
        return self._bytes + size <= self.keep_bytes

    def retry_after(self) -> int:
        """Seconds until the oldest result expires (at least 1)."""
        if not self._results:
            return 1
        oldest = next(iter(self._results.values()))
        return max(1, math.ceil(oldest.created + self.keep_seconds - time.monotonic()))

    def get(self, token: str) -> Result | None:
        """The result under *token*, if it has not expired."""
        self._expire()
        return self._results.get(token)

    def __len__(self) -> int:
        return len(self._results)

    @property
    def bytes(self) -> int:
        """Bytes counted now."""
        return self._bytes

    def _expire(self) -> None:
        """Drop expired results: every result lives equally long, so they are the oldest."""
        now = time.monotonic()
        while self._results:
            token, oldest = next(iter(self._results.items()))
            if now - oldest.created <= self.keep_seconds:
                break
            del self._results[token]
            self._bytes -= oldest.size


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
