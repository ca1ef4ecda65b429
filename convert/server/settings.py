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
    """Seconds one request may spend converting, waiting for a worker included (longer → 504)."""
    workers: int = 2
    """Worker processes for conversions."""
    keep_seconds: float = 1800.0
    """How long every result stays downloadable."""
    keep_bytes: int = 256_000_000
    """At most this many bytes of results are held; past it new work is refused (503 with
    Retry-After), never another user's result dropped."""
    style: HouseStyle = BUILT_IN
    """The house style of the outputs and of the page itself (``--style DIR``)."""
    max_uploads: int = 16
    """Request bodies held in memory at once (each up to `max_upload`); more wait their turn."""
    max_connections: int = 1000
    """Open connections; past it the one that has waited longest for a request is closed."""
    header_timeout: float = 10.0
    """Seconds a connection may take to send a request's head (slow clients are closed)."""
    body_timeout: float = 20.0
    """Seconds a request's body may take to arrive once the server reads it (else 408)."""
    shutdown_seconds: float = 3.0
    """On Ctrl-C or SIGTERM, how long requests in progress may finish before they are cut."""
