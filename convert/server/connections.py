"""Connections before they are requests: a deadline for the request head, a cap on open
connections, and the security headers on the answers uvicorn writes itself.

uvicorn's HTTP protocol (h11) gives a connection all the time it wants to
send its request head, so one header line every few seconds holds a
connection, and enough of them exhaust the file descriptors (slowloris).
`protocol_class` makes a subclass that:

* closes a connection whose request head has not arrived `Settings.header_timeout`
  seconds after it opened (or after the previous response, on a kept-alive
  connection); the body's pace is `riksdoc.server.guard.RequestBody`'s;
* keeps at most `Settings.max_connections` open (fewer if the process may not open
  that many files): a new connection past the cap closes the one that has
  waited longest without sending a request, so idle connections can never lock
  out real requests; when every connection is busy with a request, the new one
  is closed;
* puts `riksdoc.server.guard.SECURITY_HEADERS` on the 400 uvicorn answers a
  request it cannot parse with.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .guard import with_security_headers
from .settings import Settings

RESERVED_FILES = 256
"""File descriptors kept for everything that is not a client connection."""


class Gate:
    """The open connections of one server, and which of them wait for a request."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open: set[asyncio.Protocol] = set()
        self.waiting: OrderedDict[asyncio.Protocol, asyncio.Transport] = OrderedDict()
        """Connections with no request in progress, the longest waiting first."""

    def admit(self, protocol: asyncio.Protocol) -> bool:
        """Make room for *protocol* (closing the longest-waiting idle connection if the
        cap is reached); False if every open connection is busy with a request."""
        if len(self.open) >= self.limit:
            if not self.waiting:
                return False
            oldest, transport = self.waiting.popitem(last=False)
            self.open.discard(oldest)
            transport.close()
        self.open.add(protocol)
        return True

    def leave(self, protocol: asyncio.Protocol) -> None:
        self.open.discard(protocol)
        self.waiting.pop(protocol, None)


def connection_limit(wanted: int) -> int:
    """*wanted*, or fewer if the process may not open that many files.

    On Unix the soft limit on open files is raised towards the hard limit first.
    """
    try:
        import resource
    except ImportError:  # Windows: no such per-process limit to meet
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + RESERVED_FILES
    if soft != resource.RLIM_INFINITY and soft < needed:
        raised = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - RESERVED_FILES))


def protocol_class(settings: Settings) -> type[H11Protocol]:
    """uvicorn's h11 protocol with *settings*' head deadline and connection cap."""
    gate = Gate(connection_limit(settings.max_connections))
    head_seconds = settings.header_timeout

    class GuardedH11Protocol(H11Protocol):
        head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            if not gate.admit(self):
                self.transport.close()
                return
            self._await_head()

        def connection_lost(self, exc: Exception | None) -> None:
            gate.leave(self)
            self._head_arrived()
            super().connection_lost(exc)

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before:
                self._head_arrived()

        def on_response_complete(self) -> None:
            if not self.transport.is_closing():
                self._await_head()  # a kept-alive connection's next head has the same deadline
            super().on_response_complete()

        def send_400_response(self, msg: str) -> None:
            headers = with_security_headers([(b"content-type", b"text/plain; charset=utf-8"),
                                             (b"connection", b"close")])
            for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                          h11.Data(data=msg.encode("ascii")), h11.EndOfMessage()):
                self.transport.write(self.conn.send(event) or b"")
            self.transport.close()

        def _await_head(self) -> None:
            self._head_arrived()
            gate.waiting[self] = self.transport
            self.head_timer = self.loop.call_later(head_seconds, self._head_too_slow)

        def _head_arrived(self) -> None:
            gate.waiting.pop(self, None)
            if self.head_timer is not None:
                self.head_timer.cancel()
                self.head_timer = None

        def _head_too_slow(self) -> None:
            self.head_timer = None
            gate.waiting.pop(self, None)
            if not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol
