"""What a request asks for: the pasted text or uploaded file, and the formats.

A request the server refuses is a `RequestProblem` with a status code and one
Swedish sentence.  The body size is checked while it streams in (`BodyLimit`,
413 past the limit); the client's file name only picks the reader and names
the downloads, and never reaches the file system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError
from ..kinds import choices, kind_named
from ..model import Kind
from ..readers import stem as reader_stem
from ..writers import FORMATS
from .settings import Settings
from .view import size


class RequestProblem(Exception):
    """A request the server refuses, with a status code and one Swedish sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class TooLarge(RequestProblem):
    """The body is over the limit (raised while it streams in)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Filen eller texten är för stor: högst {size(limit)} tas emot.")


@dataclass(frozen=True)
class Submission:
    """The input of one conversion request."""

    data: bytes
    """The text's or file's bytes."""
    reader_name: str
    """A file name that chooses the reader (never used on the file system)."""
    stem: str | None
    """Output base name from the uploaded file's name, or None for pasted text."""
    source: str
    """How the page names the input (``inklistrad text`` or the file's name)."""
    formats: tuple[str, ...] | None
    """Formats asked for, or None for every available one."""
    kind: Kind | None = None
    """The kind asked for (``kind`` field or query parameter), or None to recognise it."""


def _kind(value: str | None) -> Kind | None:
    if value is None or not value.strip():
        return None
    try:
        return kind_named(value.strip())
    except InputError:
        raise RequestProblem(400, f"Okänd dokumenttyp: {value.strip()}. "
                                  f"Välj bland {', '.join(choices())}.") from None


def _formats(value: str | None) -> tuple[str, ...] | None:
    if value is None or not value.strip():
        return None
    names = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise RequestProblem(400, f"Okänt format: {', '.join(unknown)}. "
                                  f"Välj bland {', '.join(FORMATS)}.")
    return names


def _safe_stem(filename: str) -> str:
    """An output base name from an uploaded file's name: letters, digits, ``._-`` only."""
    stem = reader_stem(filename)
    cleaned = re.sub(r"[^0-9A-Za-z._-]+", "_", stem).strip("._-")
    return cleaned[:80] or "dokument"


async def read_submission(request: Request, settings: Settings) -> Submission:
    """The text or file and the formats of a form post (or of a ``text/plain`` API body)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    query_formats = request.query_params.get("formats")
    query_kind = request.query_params.get("kind")
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=1, max_fields=10, max_part_size=settings.max_upload)
        try:
            submission = await _from_form(form, query_formats)
            asked = form.get("kind")
            kind = _kind(asked if isinstance(asked, str) and asked.strip() else query_kind)
            return replace(submission, kind=kind)
        finally:
            await form.close()
    if content_type in ("text/plain", ""):
        data = await request.body()
        if not data.strip():
            raise RequestProblem(400, "Ingen text eller fil skickades.")
        return Submission(data, "inklistrad.txt", None, "inklistrad text",
                          _formats(query_formats), _kind(query_kind))
    raise RequestProblem(415, "Skicka ett formulär (multipart/form-data) eller text/plain.")


async def _from_form(form: FormData, query_formats: str | None) -> Submission:
    upload = form.get("file")
    text = form.get("text")
    # Repeated fields or one comma list: the same thing.
    asked = ",".join(v for v in form.getlist("formats") if isinstance(v, str)) or query_formats
    formats = _formats(asked)
    has_file = isinstance(upload, UploadFile) and bool(upload.filename)
    has_text = isinstance(text, str) and bool(text.strip())
    if has_file and has_text:
        raise RequestProblem(400, "Skicka antingen inklistrad text eller en fil, inte båda.")
    if isinstance(upload, UploadFile) and upload.filename:
        # The client's file name only picks the reader and names the downloads.
        name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1] or "fil.txt"
        data = await upload.read()
        if not data:
            raise RequestProblem(400, "Den valda filen är tom.")
        return Submission(data, name, _safe_stem(name), name, formats)
    if isinstance(text, str) and has_text:
        # Browsers send CRLF from a text area; the reader normalises line ends like a file's.
        return Submission(text.encode("utf-8"), "inklistrad.txt", None, "inklistrad text",
                          formats)
    raise RequestProblem(400, "Ingen text eller fil skickades. Klistra in texten eller välj en fil.")


class BodyLimit:
    """ASGI middleware: raise `TooLarge` once a request body passes *limit* bytes.

    A declared Content-Length over the limit is refused before anything is
    read; a chunked body is counted as it streams in.  The exception handler
    answers 413, and uvicorn discards the rest of the body, so the
    connection and the server go on serving.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        too_big = bool(declared and declared.isdigit() and int(declared) > self.limit)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            if too_big:
                raise TooLarge(self.limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
            return message

        await self.app(scope, limited, send)
