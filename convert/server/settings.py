"""How the server runs: the ``riksdoc serve`` options in one object."""

from __future__ import annotations

from dataclasses import dataclass

from ..housestyle import BUILT_IN, HouseStyle


@dataclass(frozen=True)
class Settings:
    """How the server runs (`riksdoc serve` options)."""

    host: str = "127.0.0.1"
    """Interface to bind; loopback by default."""
    port: int = 8000
    """TCP port."""
    max_upload: int = 10_000_000
    """Largest request body accepted, in bytes (larger → 413)."""
    timeout: float = 60.0
    """Seconds one request may spend reading and converting (longer → 504)."""
    workers: int = 2
    """Worker processes for conversions."""
    keep_seconds: float = 1800.0
    """How long results stay downloadable."""
    keep_results: int = 100
    """At most this many results are held (the oldest go first)."""
    keep_bytes: int = 256_000_000
    """At most this many bytes of results are held (the oldest go first)."""
    style: HouseStyle = BUILT_IN
    """The house style of the outputs and of the page itself (``--style DIR``)."""
