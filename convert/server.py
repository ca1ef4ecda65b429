"""``riksdoc serve``: a small web page and HTTP API over the same engine as the CLI.

A clerk pastes or uploads an export, sees what riksdoc recognised (kind and
metadata), what normalisation removed, the warnings and a preview, and
downloads the files.  Nothing is re-implemented here: reading is
`riksdoc.readers.read`, converting is `riksdoc.batch.convert_job`, both run in
the warm worker pool of `riksdoc.batch.make_pool` under a per-request time
limit.

Safety, in short: the body size is checked while it streams in (413 past the
limit); no path from a request ever reaches the file system — results live in
memory, in a bounded store with expiry, under random opaque tokens; a
conversion that runs past the time limit gets 504 and its worker pool is
replaced, so a hung worker never wedges the server.  The page's text and
layout live in ``styles/web/`` (Jinja2 templates, autoescaped; CSS; a little
optional JavaScript).
"""

from __future__ import annotations

import asyncio
import io
import ipaddress
import re
import secrets
import sys
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any, AsyncIterator

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .batch import Job, Outcome, convert_job, make_pool, stem_of
from .errors import InputError
from .kinds import choices, kind_named
from .limits import Limits
from .model import Document, Kind, Person
from .readers import Read, read, reader_for
from .vocabulary import KIND_NAMES
from .writers import FORMATS

WEB = Path(__file__).resolve().parents[1] / "styles" / "web"
"""Templates (``templates/``) and static files (``static/``) of the page."""

DOWNLOAD_ORDER = ("pdf", "docx", "akn", "json", "html")
"""Formats in the order the page offers them (the print PDF first)."""

FORMAT_LABELS = {"pdf": "PDF för utskrift", "docx": "Word (DOCX)",
                 "akn": "Akoma Ntoso 3.0 XML (arkiv)", "json": "riksdoc JSON",
                 "html": "HTML"}
MEDIA_TYPES = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "akn": "application/akn+xml", "json": "application/json",
               "html": "text/html; charset=utf-8"}

KIND_LABELS = {**KIND_NAMES, Kind.GENERIC: "Okänd dokumenttyp"}
CHANGE_LABELS = {
    "line-break": "radbrytning", "control-character": "styrtecken",
    "invisible-character": "osynligt tecken", "symbol-bullet": "symbolpunkt",
    "comment": "kommentar", "bookmark": "bokmärke", "image": "bild", "note": "not",
    "note-without-text": "not utan text", "note-without-reference": "not utan hänvisning",
    "embedded-file": "inbäddad fil", "whitespace-line": "rad med bara blanktecken",
    "leading-whitespace": "inledande blanktecken", "trailing-whitespace": "avslutande blanktecken",
    "tab": "tabbtecken", "space-run": "flera mellanslag i rad",
    "invalid-byte": "ogiltig byte", "cell-whitespace": "blanktecken i tabellcell",
    "unicode-composition": "sammansatt tecken (NFC)", "column-gap": "kolumnmellanrum",
}
READER_SUFFIXES = {"text": (".txt",), "docx": (".docx",), "akn": (".akn.xml", ".xml"),
                   "json": (".json",)}
"""What the file picker offers, by reader module (only readers that exist are offered)."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Fixed member time: the same files always give the same ZIP bytes."""


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


# --- what a request asks for --------------------------------------------------

class RequestProblem(Exception):
    """A request the server refuses, with a status code and one Swedish sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class TooLarge(RequestProblem):
    """The body is over the limit (raised while it streams in)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Filen eller texten är för stor: högst {_size(limit)} tas emot.")


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


def available_formats() -> tuple[str, ...]:
    """The formats offered, in `DOWNLOAD_ORDER`."""
    return tuple(name for name in DOWNLOAD_ORDER if name in FORMATS)


def available_suffixes() -> tuple[str, ...]:
    """File suffixes the upload accepts: those whose reader module exists."""
    return tuple(suffix for module, suffixes in READER_SUFFIXES.items()
                 if find_spec(f"riksdoc.readers.{module}") is not None for suffix in suffixes)


def _formats(value: str | None, available: tuple[str, ...]) -> tuple[str, ...] | None:
    if value is None or not value.strip():
        return None
    names = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise RequestProblem(400, f"Okänt format: {', '.join(unknown)}. "
                                  f"Välj bland {', '.join(available)}.")
    return names


def _kind(value: str | None) -> Kind | None:
    if value is None or not value.strip():
        return None
    try:
        return kind_named(value.strip())
    except InputError:
        raise RequestProblem(400, f"Okänd dokumenttyp: {value.strip()}. "
                                  f"Välj bland {', '.join(choices())}.") from None


def _safe_stem(filename: str) -> str:
    """An output base name from an uploaded file's name: letters, digits, ``._-`` only."""
    stem = stem_of(filename)
    cleaned = re.sub(r"[^0-9A-Za-z._-]+", "_", stem).strip("._-")
    return cleaned[:80] or "dokument"


async def read_submission(request: Request, settings: Settings,
                          available: tuple[str, ...]) -> Submission:
    """The text or file and the formats of a form post (or of a ``text/plain`` API body)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    query_formats = request.query_params.get("formats")
    query_kind = request.query_params.get("kind")
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=1, max_fields=10, max_part_size=settings.max_upload)
        try:
            submission = await _from_form(form, query_formats, available)
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
                          _formats(query_formats, available), _kind(query_kind))
    raise RequestProblem(415, "Skicka ett formulär (multipart/form-data) eller text/plain.")


async def _from_form(form: FormData, query_formats: str | None,
                     available: tuple[str, ...]) -> Submission:
    upload = form.get("file")
    text = form.get("text")
    # Repeated fields or one comma list: the same thing.
    asked = ",".join(v for v in form.getlist("formats") if isinstance(v, str)) or query_formats
    formats = _formats(asked, available)
    has_file = isinstance(upload, UploadFile) and bool(upload.filename)
    has_text = isinstance(text, str) and bool(text.strip())
    if has_file and has_text:
        raise RequestProblem(400, "Skicka antingen inklistrad text eller en fil, inte båda.")
    if has_file:
        assert isinstance(upload, UploadFile)
        # The client's file name only picks the reader and names the downloads.
        name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1] or "fil.txt"
        module = reader_for(name)
        if find_spec(f"riksdoc.readers.{module}") is None:
            raise RequestProblem(422, f"Filer av typen {Path(name).suffix} kan inte läsas "
                                      "ännu (läsaren finns inte).")
        data = await upload.read()
        if not data:
            raise RequestProblem(400, "Den valda filen är tom.")
        return Submission(data, name, _safe_stem(name), name, formats)
    if has_text:
        assert isinstance(text, str)
        # Browsers send CRLF from a text area; the reader normalises line ends like a file's.
        return Submission(text.encode("utf-8"), "inklistrad.txt", None, "inklistrad text",
                          formats)
    raise RequestProblem(400, "Ingen text eller fil skickades. Klistra in texten eller välj en fil.")


# --- the body limit -------------------------------------------------------------

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


# --- the worker pool --------------------------------------------------------------

class Timeout(Exception):
    """A conversion ran past its time limit."""


class Interrupted(Exception):
    """The worker process running a conversion died."""


def inspect_input(data: bytes, reader_name: str, limits: Limits,
                  kind: Kind | None = None) -> Read | str:
    """Read one input in a worker: the `Read`, or the `InputError` reason as one line.

    Runs in the pool (a pathological input must not block the server); the
    reason is returned, not raised, so the ``line N:`` part survives pickling.
    """
    try:
        return read(data, reader_name, limits, kind)
    except InputError as exc:
        return str(exc)
    except RecursionError:
        return "structure too deeply nested"
    except Exception as exc:  # a bug of ours: a one-line 400, not a 500 with a traceback
        return f"internal error ({type(exc).__name__}: {exc}); please report it"


class Pool:
    """The warm worker processes of `riksdoc.batch.make_pool`, replaced when one hangs."""

    def __init__(self, workers: int, formats: tuple[str, ...], grace: float) -> None:
        self.workers = workers
        self.formats = formats
        self.grace = grace
        """Seconds a replaced pool's other jobs may still run before its workers end."""
        self._pool: ProcessPoolExecutor | None = None
        self._inflight: dict[ProcessPoolExecutor, set[Future[Any]]] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers now, before the server has other threads to fork with."""
        self._pool = make_pool(self.workers, self.formats)
        self._inflight[self._pool] = set()
        self._pool.submit(int).result()  # forks the workers

    def stop(self) -> None:
        """Stop every worker, running or not."""
        with self._lock:
            pools, self._pool = list(self._inflight), None
            self._inflight.clear()
        for pool in pools:
            _terminate(pool)

    async def run(self, deadline: float, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in a worker, awaited until *deadline* (event-loop time)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pool
            if pool is None:
                raise Interrupted("the server is stopping")
            try:
                future = pool.submit(function, *args)
            except BrokenProcessPool:
                self._replace(pool)
                raise Interrupted("a worker process died") from None
            self._inflight[pool].add(future)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future),
                                          max(deadline - loop.time(), 0.0))
        except asyncio.TimeoutError:
            if not future.cancel():  # it is running: only replacing its process stops it
                with self._lock:
                    self._replace(pool, hung=future)
            raise Timeout() from None
        except BrokenProcessPool:
            with self._lock:
                self._replace(pool)
            raise Interrupted("a worker process died") from None
        finally:
            with self._lock:
                self._inflight.get(pool, set()).discard(future)

    def _replace(self, pool: ProcessPoolExecutor, hung: Future[Any] | None = None) -> None:
        """New requests go to a fresh pool; the old one ends after its other jobs (lock held)."""
        if pool is not self._pool:
            return  # already replaced by another request
        self._pool = make_pool(self.workers, self.formats)
        self._inflight[self._pool] = set()
        others = {f for f in self._inflight.pop(pool, set()) if f is not hung}
        # The other jobs on the old pool have deadlines of their own, no later than
        # one time limit from now; give them that long, then end the old workers.
        threading.Thread(target=_retire, args=(pool, others, self.grace), daemon=True,
                         name="riksdoc-retire-pool").start()


def _retire(pool: ProcessPoolExecutor, others: set[Future[Any]], grace: float) -> None:
    if others:
        wait_futures(others, timeout=grace)
    _terminate(pool)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End a pool's processes, hung ones included (shutdown alone would wait for them).

    SIGKILL, not SIGTERM: the workers are forked after uvicorn installed its
    SIGTERM handler, so they inherit it, and a SIGTERM only sets a flag in the
    worker's copy of the server.
    """
    kill = getattr(pool, "kill_workers", None)  # Python 3.14+
    if kill is not None:
        kill()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)


# --- results -------------------------------------------------------------------

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


# --- presenting a document ---------------------------------------------------------

def _person(person: Person | None) -> dict[str, str | None] | None:
    if person is None:
        return None
    return {"name": person.name, "party": person.party, "role": person.role}


def describe(result: Read) -> dict[str, Any]:
    """Kind, metadata, normalisation report and warnings as plain data (page and API)."""
    doc: Document = result.document
    questions = [{"designation": q.designation, "as_written": q.as_written,
                  "questioner": _person(q.questioner), "title": q.title}
                 for q in doc.questions]
    statute = doc.statute
    metadata = {
        "number": doc.questions[0].designation if doc.questions else
        (f"SFS {statute.number}" if statute is not None and statute.number else None),
        "questions": questions,
        "title": doc.title,
        "date": doc.date.iso() if doc.date else None,
        "date_text": doc.date_text,
        "place": doc.place,
        "signatory": _person(doc.signatory),
        "addressee": _person(doc.addressee),
    }
    if statute is not None:  # a statute: what the text or the record states about it
        metadata["statute"] = {
            "number": statute.number, "form": statute.form, "department": statute.department,
            "issued": statute.issued.isoformat() if statute.issued else None,
            "consolidated_through": statute.consolidated_through}
        metadata["date"] = statute.issued.isoformat() if statute.issued else None
    report = result.normalised.report() if result.normalised is not None else None
    return {
        "kind": doc.kind.value,
        "kind_label": KIND_LABELS[doc.kind],
        "metadata": metadata,
        "report": report,
        "warnings": [{"code": w.code, "text": w.text, "line": w.line} for w in doc.warnings],
    }


def stem_for(document: Document) -> str:
    """Output base name for pasted text: ``frs-2017-18-112`` (the corpus's naming), or
    ``dokument`` when the document has no number."""
    if document.statute is not None and document.statute.number:
        return "sfs-" + document.statute.number.replace(":", "-")
    if not document.questions:
        return "dokument"
    q = document.questions[0]
    return f"{document.kind.value}-{q.session.replace('/', '-')}-{q.number}"


def _size(n: int) -> str:
    """Bytes in Swedish for people: ``10 MB``, ``512 kB``, ``900 byte``."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            value = n / scale
            text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text} {unit}"
    return f"{n} byte"


_VISIBLE = {" ": "␣", "\t": "⇥", "\u00a0": "⍽"}


def visible(text: str) -> str:
    """*text* as a report cell shows it: invisible characters by their code point, and
    whitespace that would not be seen (all of it, or at either end) as ␣ ⇥ ⍽."""
    core = text.strip(" \t\u00a0")
    start = text.index(core) if core else len(text)
    end = start + len(core)
    out = []
    for index, char in enumerate(text):
        if char == "\t" or (char in _VISIBLE and not start <= index < end):
            out.append(_VISIBLE[char])
        elif not char.isprintable() and char not in _VISIBLE:
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)


# --- the application -------------------------------------------------------------------

def create_app(settings: Settings = Settings(),
               convert: Callable[[Job], Outcome] = convert_job) -> Starlette:
    """The web application.  *convert* is `convert_job` (tests give a slow one to test
    the time limit; it must be picklable)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(WEB / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["size"] = _size
    env.filters["visible"] = visible
    templates = Jinja2Templates(env=env)
    formats = available_formats()
    pool = Pool(settings.workers, formats, grace=settings.timeout)
    store = ResultStore(settings.keep_seconds, settings.keep_results, settings.keep_bytes)
    # The readers' own line limits stand; the byte and time limits are the server's (its
    # deadline covers reading and converting, so it ends a conversion before the worker's
    # own timer would, which is only a backstop).
    limits = Limits(max_bytes=settings.max_upload, max_seconds=settings.timeout)

    def page_context(**extra: Any) -> dict[str, Any]:
        return {"formats": formats, "labels": FORMAT_LABELS,
                "kinds": [(code, KIND_LABELS[kind_named(code)]) for code in choices()],
                "accept": ",".join(available_suffixes()), "max_upload": settings.max_upload,
                "timeout": settings.timeout, "version": __version__,
                "keep_minutes": f"{settings.keep_seconds / 60:g}", **extra}

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def problem(request: Request, status: int, message: str,
                text: str = "") -> Response:
        if is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return templates.TemplateResponse(
            request, "index.html", page_context(error=message, text=text), status_code=status)

    async def convert_submission(submission: Submission,
                                 preview: bool) -> tuple[dict[str, Any], Outcome]:
        """Read and convert under one deadline; `RequestProblem` for anything refused.

        With *preview*, HTML is made too when its writer exists (the page shows it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + settings.timeout
        try:
            read_result = await pool.run(deadline, inspect_input, submission.data,
                                         submission.reader_name, limits, submission.kind)
            if isinstance(read_result, str):
                raise RequestProblem(422, f"Indata kunde inte läsas: {read_result}")
            wanted = submission.formats or formats
            if preview and "html" in formats:
                wanted = (*wanted, "html")
            job_formats = tuple(dict.fromkeys(wanted))
            stem = submission.stem or stem_for(read_result.document)
            job = Job(submission.source, submission.reader_name, submission.data,
                      job_formats, stem, limits, submission.kind)
            outcome = await pool.run(deadline, convert, job)
        except Timeout:
            raise RequestProblem(504, f"Konverteringen tog mer än {settings.timeout:g} sekunder "
                                      "och avbröts. Försök igen, eller med en mindre fil.")
        except Interrupted:
            raise RequestProblem(503, "Konverteringen avbröts oväntat (arbetsprocessen dog). "
                                      "Försök igen.")
        if outcome.error:
            raise RequestProblem(422, f"Indata kunde inte konverteras: {outcome.error}")
        view = describe(read_result)
        view.update(stem=stem, source=submission.source)
        return view, outcome

    def stored(view: dict[str, Any], outcome: Outcome) -> str:
        files = {name: StoredFile(f"{view['stem']}{FORMATS[name].suffix}", MEDIA_TYPES[name],
                                  data)
                 for name, data in outcome.outputs.items()}
        return store.add(Result(view, files))

    # --- routes ---

    async def index(request: Request) -> Response:
        return templates.TemplateResponse(request, "index.html", page_context(error=None, text=""))

    async def submit(request: Request) -> Response:
        text = ""
        try:
            submission = await read_submission(request, settings, formats)
            if submission.stem is None and len(submission.data) <= 200_000:
                text = submission.data.decode("utf-8", "replace")
            view, outcome = await convert_submission(submission, preview=True)
        except RequestProblem as exc:
            return problem(request, exc.status, exc.message, text)
        token = stored(view, outcome)
        return RedirectResponse(request.url_for("result", token=token), status_code=303)

    def result_or_404(token: str) -> Result:
        result = store.get(token)
        if result is None:
            raise HTTPException(404, "Resultatet finns inte längre: resultat sparas i "
                                     f"{settings.keep_seconds / 60:g} minuter. "
                                     "Konvertera dokumentet igen.")
        return result

    async def result_page(request: Request) -> Response:
        token = request.path_params["token"]
        result = result_or_404(token)
        downloads = [{"format": name, "label": FORMAT_LABELS[name],
                      "filename": result.files[name].filename,
                      "size": len(result.files[name].data),
                      "url": request.url_for("download", token=token,
                                             filename=result.files[name].filename)}
                     for name in DOWNLOAD_ORDER if name in result.files]
        preview = (request.url_for("preview", token=token) if "html" in result.files else None)
        return templates.TemplateResponse(
            request, "result.html",
            page_context(view=result.view, downloads=downloads, preview=preview,
                         change_labels=CHANGE_LABELS))

    async def preview(request: Request) -> Response:
        result = result_or_404(request.path_params["token"])
        if "html" not in result.files:
            raise HTTPException(404, "Ingen förhandsvisning: HTML togs inte fram för det här resultatet.")
        # Shown in a sandboxed iframe; the CSP sandbox also holds when opened on its own.
        return Response(result.files["html"].data, media_type=MEDIA_TYPES["html"], headers={
            "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
                                       "font-src data:; img-src data:; frame-ancestors 'self'",
            "X-Frame-Options": "SAMEORIGIN"})

    async def download(request: Request) -> Response:
        result = result_or_404(request.path_params["token"])
        wanted = request.path_params["filename"]
        for item in result.files.values():
            if item.filename == wanted:
                return Response(item.data, media_type=item.media_type, headers={
                    "Content-Disposition": f'attachment; filename="{item.filename}"'})
        raise HTTPException(404, "Filen finns inte i det här resultatet.")

    async def api_convert(request: Request) -> Response:
        try:
            submission = await read_submission(request, settings, formats)
            view, outcome = await convert_submission(submission, preview=False)
        except RequestProblem as exc:
            return problem(request, exc.status, exc.message)
        accept = request.headers.get("accept", "")
        if request.query_params.get("zip") in ("1", "true", "yes") or (
                "application/zip" in accept and "application/json" not in accept):
            return Response(_zip(view["stem"], outcome.outputs), media_type="application/zip",
                            headers={"Content-Disposition":
                                     f'attachment; filename="{view["stem"]}.zip"'})
        token = stored(view, outcome)
        result = store.get(token)
        assert result is not None
        files = {name: {"url": str(request.url_for("download", token=token,
                                                   filename=item.filename)),
                        "filename": item.filename, "media_type": item.media_type,
                        "size": len(item.data)}
                 for name, item in result.files.items()}
        body = {**view, "files": files, "expires_in": settings.keep_seconds}
        return JSONResponse(body)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__,
                             "formats": list(formats),
                             "inputs": list(available_suffixes()),
                             "max_upload": settings.max_upload, "timeout": settings.timeout})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(formats, settings))

    # --- errors ---

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestProblem)
        return problem(request, exc.status, exc.message)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: "Sidan finns inte.", 405: "Metoden stöds inte här.",
                    400: "Begäran kunde inte tolkas."}
        detail = exc.detail if exc.detail and exc.detail != _default_reason(exc.status_code) \
            else messages.get(exc.status_code, "Begäran kunde inte utföras.")
        if exc.status_code == 400 and detail != messages[400]:
            detail = f"Begäran kunde inte tolkas: {detail}"
        if is_api(request):
            return JSONResponse({"error": detail, "status": exc.status_code},
                                status_code=exc.status_code, headers=exc.headers)
        return templates.TemplateResponse(request, "error.html",
                                          page_context(error=detail, status=exc.status_code),
                                          status_code=exc.status_code, headers=exc.headers)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/", submit, methods=["POST"], name="submit"),
        Route("/resultat/{token}", result_page, name="result"),
        Route("/resultat/{token}/forhandsvisning", preview, name="preview"),
        Route("/resultat/{token}/fil/{filename}", download, name="download"),
        Route("/api/convert", api_convert, methods=["POST"]),
        Route("/api/health", health),
        Route("/api/openapi.json", openapi),
        Mount("/static", StaticFiles(directory=WEB / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(SecurityHeaders),
                                Middleware(BodyLimit, limit=settings.max_upload)],
                    exception_handlers={RequestProblem: on_problem, HTTPException: on_http})
    app.state.settings = settings
    app.state.pool = pool
    return app


def _default_reason(status: int) -> str:
    from http import HTTPStatus
    return HTTPStatus(status).phrase


class SecurityHeaders:
    """ASGI middleware: the page's content policy and friends on every response
    that does not set its own (the preview sets a stricter one)."""

    HEADERS = [
        (b"content-security-policy",
         b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
         b"form-action 'self'; frame-ancestors 'none'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cache-control", b"no-store"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in self.HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _zip(stem: str, outputs: dict[str, bytes]) -> bytes:
    """Every output in one ZIP, in `DOWNLOAD_ORDER`, with fixed member times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in DOWNLOAD_ORDER:
            if name in outputs:
                info = zipfile.ZipInfo(f"{stem}{FORMATS[name].suffix}", date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, outputs[name])
    return buffer.getvalue()


def openapi_document(formats: tuple[str, ...], settings: Settings) -> dict[str, Any]:
    """The API's OpenAPI 3.1 description (the formats and limits of this server)."""
    error = {"description": "Refused; `error` says why in one sentence.",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    person = {"type": ["object", "null"], "properties": {
        "name": {"type": "string"}, "party": {"type": ["string", "null"]},
        "role": {"type": ["string", "null"]}}}
    form = {"type": "object", "properties": {
        "text": {"type": "string", "description": "The exported text, pasted."},
        "file": {"type": "string", "format": "binary",
                 "description": "Or a file: " + ", ".join(available_suffixes())},
        "formats": {"type": "string", "description": "Comma list; default all available."},
        "kind": {"type": "string", "enum": list(choices()),
                 "description": "Read the text as this kind (sfs: a statute); default: "
                                "recognise it."}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "riksdoc", "version": __version__,
                 "description": "Convert Word→text exports of Riksdag documents to "
                                "PDF, DOCX, Akoma Ntoso and JSON."},
        "paths": {
            "/api/convert": {"post": {
                "summary": "Convert one document",
                "parameters": [
                    {"name": "formats", "in": "query", "required": False,
                     "schema": {"type": "string"},
                     "description": f"Comma list from {', '.join(formats)}; default all."},
                    {"name": "kind", "in": "query", "required": False,
                     "schema": {"type": "string", "enum": list(choices())},
                     "description": "Read the text as this kind; default: recognise it."},
                    {"name": "zip", "in": "query", "required": False,
                     "schema": {"type": "string", "enum": ["1"]},
                     "description": "Answer with a ZIP of every file instead of JSON "
                                    "(or send Accept: application/zip)."}],
                "requestBody": {"required": True, "content": {
                    "multipart/form-data": {"schema": form},
                    "application/x-www-form-urlencoded": {"schema": form},
                    "text/plain": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {"description": "Metadata, normalisation report, warnings and "
                                           "download URLs (valid "
                                           f"{settings.keep_seconds:g} s).",
                            "content": {
                                "application/json": {"schema": {
                                    "$ref": "#/components/schemas/Conversion"}},
                                "application/zip": {"schema": {"type": "string",
                                                               "format": "binary"}}}},
                    "400": error, "413": {**error, "description":
                                          f"Body over {settings.max_upload} bytes."},
                    "415": error, "422": error, "503": error,
                    "504": {**error, "description":
                            f"Conversion took more than {settings.timeout:g} s."}}}},
            "/api/health": {"get": {"summary": "Server status, formats and limits",
                                    "responses": {"200": {"description": "Up."}}}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "properties": {"error": {"type": "string"},
                                                       "status": {"type": "integer"}}},
            "Conversion": {"type": "object", "properties": {
                "kind": {"type": "string", "enum": [k.value for k in Kind]},
                "kind_label": {"type": "string"},
                "metadata": {"type": "object", "properties": {
                    "number": {"type": ["string", "null"], "examples": ["2017/18:112"]},
                    "questions": {"type": "array", "items": {"type": "object", "properties": {
                        "designation": {"type": "string"}, "as_written": {"type": "string"},
                        "questioner": person, "title": {"type": ["string", "null"]}}}},
                    "title": {"type": ["string", "null"]},
                    "date": {"type": ["string", "null"],
                             "description": "YYYY-MM-DD, or --MM-DD when the text gives no year"},
                    "date_text": {"type": ["string", "null"]},
                    "place": {"type": ["string", "null"]},
                    "signatory": person, "addressee": person}},
                "report": {"type": ["object", "null"],
                           "description": "The normalisation report (text inputs only): "
                                          "encoding, changes (kind, line, column, text, detail), "
                                          "notes."},
                "warnings": {"type": "array", "items": {"type": "object", "properties": {
                    "code": {"type": "string"}, "text": {"type": "string"},
                    "line": {"type": ["integer", "null"]}}}},
                "stem": {"type": "string"},
                "files": {"type": "object", "additionalProperties": {
                    "type": "object", "properties": {
                        "url": {"type": "string"}, "filename": {"type": "string"},
                        "media_type": {"type": "string"}, "size": {"type": "integer"}}}},
                "expires_in": {"type": "number"}}},
        }},
    }


def serve(settings: Settings) -> None:
    """Run the server until interrupted."""
    import uvicorn

    if not _is_loopback(settings.host):
        print(f"riksdoc: serving on {settings.host} without any login: anyone who can reach "
              "this port can convert documents here", file=sys.stderr)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, http="h11",
                log_level="info", server_header=False)



def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
