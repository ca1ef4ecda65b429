"""What a request asks for: the pasted text or uploaded file, and the formats.

A request the server refuses is a `RequestProblem` with a status code and one
Swedish sentence.  The body is read once, into memory (a multipart upload too:
nothing is spooled to disk); its size and pace are checked while it streams
in (`riksdoc.server.guard.RequestBody`).  The client's file name only picks
the reader and names the downloads, and never reaches the file system.
"""

from __future__ import annotations

import datetime
import re
from contextlib import aclosing
from dataclasses import dataclass, replace

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request

from ..errors import InputError
from ..kinds import choices, kind_named
from ..model import Kind
from ..readers import stem as reader_stem
from ..writers import FORMATS
from .settings import Settings
from .view import size


class RequestProblem(Exception):
    """A request the server refuses, with a status code and one Swedish sentence."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class TooLarge(RequestProblem):
    """The body is over the limit (raised while it streams in)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Filen eller texten är för stor: högst {size(limit)} tas emot.",
                         {"Connection": "close"})  # the rest of the body is not read


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
    as_of: datetime.date | None = None
    """For a statute: the day whose law to publish (``as_of`` field or query parameter,
    ``YYYY-MM-DD``), or None for every version."""


def _kind(value: str | None) -> Kind | None:
    if value is None or not value.strip():
        return None
    try:
        return kind_named(value.strip())
    except InputError:
        raise RequestProblem(400, f"Okänd dokumenttyp: {value.strip()}. "
                                  f"Välj bland {', '.join(choices())}.") from None


def _as_of(value: str | None) -> datetime.date | None:
    if value is None or not value.strip():
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise RequestProblem(400, f"Ogiltigt datum: {value.strip()[:40]}. Skriv det som "
                                  f"ÅÅÅÅ-MM-DD, till exempel 2026-07-01.") from None


def _asked(form: FormData, name: str, query: str | None) -> str | None:
    """A form field's value where it is given, else the query parameter's."""
    value = form.get(name)
    return value if isinstance(value, str) and value.strip() else query


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


class Disconnected(Exception):
    """The client hung up while sending its request."""


async def read_submission(request: Request, settings: Settings) -> Submission:
    """The text or file and the formats of a form post (or of a ``text/plain`` API body).

    `Disconnected` if the client hangs up half way.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    query_formats = request.query_params.get("formats")
    query_kind = request.query_params.get("kind")
    query_as_of = request.query_params.get("as_of")
    try:
        if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await _form(request, content_type, settings.max_upload)
            try:
                submission = await _from_form(form, query_formats)
                return replace(submission, kind=_kind(_asked(form, "kind", query_kind)),
                               as_of=_as_of(_asked(form, "as_of", query_as_of)))
            finally:
                await form.close()
        if content_type in ("text/plain", ""):
            data = await request.body()
            if not data.strip():
                raise RequestProblem(400, "Ingen text eller fil skickades.")
            return Submission(data, "inklistrad.txt", None, "inklistrad text",
                              _formats(query_formats), _kind(query_kind), _as_of(query_as_of))
    except ClientDisconnect:
        raise Disconnected() from None
    raise RequestProblem(415, "Skicka ett formulär (multipart/form-data) eller text/plain.")


async def _form(request: Request, content_type: str, limit: int) -> FormData:
    """The form, parsed as it streams in; an uploaded file stays in memory."""
    try:
        async with aclosing(request.stream()) as stream:
            if content_type == "multipart/form-data":
                parser = MultiPartParser(request.headers, stream, max_files=1, max_fields=10,
                                         max_part_size=limit)
                parser.spool_max_size = limit + 1  # the whole body is bounded: keep it in memory
                return await parser.parse()
            return await FormParser(request.headers, stream, max_fields=10,
                                    max_part_size=limit).parse()
    except MultiPartException as exc:
        raise RequestProblem(400, f"Formuläret kunde inte tolkas: {exc.message}") from None


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
