"""Request-level protections: security headers, the body's size and pace, the form's origin,
and the memory that uploads may hold.

Everything here is ASGI middleware or a small helper the routes call; what
happens before a request reaches the application (a slow request head, too
many connections) is `riksdoc.server.connections`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .forms import RequestProblem, TooLarge

SECURITY_HEADERS = (
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
     b"form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with
    # the page's own form post, which `cross_site` could not tell from another site's.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cache-control", b"no-store"),
)
"""Sent with every response that does not set its own (the preview sets a stricter
policy that lets it be framed by the page)."""


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """*headers* plus every `SECURITY_HEADERS` entry they do not set."""
    present = {name.lower() for name, _ in headers}
    return headers + [(n, v) for n, v in SECURITY_HEADERS if n not in present]


class SecurityHeaders:
    """ASGI middleware: `SECURITY_HEADERS` on every response, errors included (it wraps
    the whole application, Starlette's own 500 handler too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message,
                           "headers": with_security_headers(list(message.get("headers", [])))}
            await send(message)

        await self.app(scope, receive, with_headers)


class SlowBody(RequestProblem):
    """The body did not arrive in time."""

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"Begäran kom inte fram inom {seconds:g} sekunder. Försök igen.",
                         {"Connection": "close"})  # the rest of the body is not waited for


class ClientGone(Exception):
    """The client hung up; nobody is left to answer."""


class RequestBody:
    """ASGI middleware: a body over *limit* bytes raises `TooLarge` (413), one that takes
    longer than *seconds* to arrive raises `SlowBody` (408).

    A declared Content-Length over the limit is refused before anything is
    read; a chunked body is counted as it streams in.  The clock starts when
    the application first asks for the body (not while it waits for memory to
    hold it) and stops once the body is complete: waiting for the client to
    hang up afterwards is not limited.
    """

    def __init__(self, app: ASGIApp, limit: int, seconds: float) -> None:
        self.app = app
        self.limit = limit
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        too_big = bool(declared and declared.isdigit() and int(declared) > self.limit)
        seen = 0
        deadline: float | None = None
        complete = False
        loop = asyncio.get_running_loop()

        async def guarded() -> Message:
            nonlocal seen, deadline, complete
            if too_big:
                raise TooLarge(self.limit)
            if complete:
                return await receive()
            if deadline is None:
                deadline = loop.time() + self.seconds
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise SlowBody(self.seconds) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
                complete = not message.get("more_body", False)
            return message

        await self.app(scope, guarded, send)


async def disconnected(request: Request) -> None:
    """Return when the client hangs up (after its body was read)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def cross_site(request: Request) -> bool:
    """Does this request come from a page of another site?

    Browsers send ``Origin`` with every form post (``Referer`` where they do
    not); either must name this server's own host, as the request's ``Host``
    header gives it.  A request with neither comes from a program, not from a
    page someone else controls, and is let through.
    """
    source = request.headers.get("origin") or request.headers.get("referer")
    if source is None:
        return False
    host = request.headers.get("host", "")
    if source == "null" or not host:
        return True
    return urlsplit(source).netloc.lower() != host.lower()


class UploadBudget:
    """Bytes of request bodies that may be held in memory at once.

    A request reserves its declared size (or the largest allowed, for a body
    of unknown length) before its body is read and gives it back when its
    conversion is over; requests that do not fit wait their turn, up to a
    deadline, then get 503.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.held = 0
        self._changed = asyncio.Condition()

    @asynccontextmanager
    async def hold(self, size: int, seconds: float) -> AsyncIterator[None]:
        """Reserve *size* bytes for the block (503 if they cannot be had within *seconds*)."""
        size = min(size, self.capacity)
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.held + size <= self.capacity), seconds)
            except TimeoutError:
                raise RequestProblem(503, "Servern tar emot många filer just nu. Försök igen om "
                                          "en stund.", {"Retry-After": "5"}) from None
            self.held += size
        try:
            yield
        finally:
            async with self._changed:
                self.held -= size
                self._changed.notify_all()


def declared_size(request: Request, limit: int) -> int:
    """The body's size as its Content-Length declares it, else *limit*."""
    value = request.headers.get("content-length", "")
    return min(int(value), limit) if value.isdigit() else limit
