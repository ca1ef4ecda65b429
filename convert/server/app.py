"""The application: routes of the page and the API over one `Service`.

The `Service` holds what every request shares (settings, templates, the
worker pool, the result store, the upload budget) and does the one thing
both the page and the API do: admit a request, read its body once and
convert it in one worker call under one deadline.  Route handlers are short
functions that take the service from ``request.app.state``.  Every link the
server hands out is a path (``/resultat/…``), never built from the request's
``Host`` header.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp

from ..engine import Job, Outcome
from ..kinds import choices, kind_named
from ..limits import Limits
from ..pool import PoolStopped, TimedOut, WorkerDied
from ..readers import suffixes
from ..version import __version__
from ..vocabulary import kind_label
from ..writers import FORMATS
from .connections import protocol_class
from .conversion import Conversions, ConvertFunction, Gone, convert_request
from .forms import Disconnected, RequestProblem, Submission, read_submission
from .guard import RequestBody, SecurityHeaders, UploadBudget, cross_site, declared_size, disconnected
from .openapi import openapi_document
from .settings import Settings
from .store import Result, ResultStore, StoredFile, StoreFull, zip_outputs
from .view import CHANGE_LABELS, size, visible

TEMPLATES = "web/templates/"
"""Where the page's Jinja2 templates are in a style (`riksdoc.housestyle`)."""
STATIC = "web/static/"
"""Where the page's CSS and JavaScript are in a style."""
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

_PREVIEW_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
                               "font-src data:; img-src data:; frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN"}
"""The preview is shown in a sandboxed iframe; the CSP sandbox also holds when it is
opened on its own."""


def available_formats() -> tuple[str, ...]:
    """The formats offered, in the order of `riksdoc.writers.FORMATS` (PDF first)."""
    return tuple(FORMATS)


class Service:
    """What the routes share, and the conversion they all run."""

    def __init__(self, settings: Settings, conversion: ConvertFunction) -> None:
        self.settings = settings
        self.formats = available_formats()
        env = jinja2.Environment(loader=jinja2.FunctionLoader(self.template_source),
                                 autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                 undefined=jinja2.StrictUndefined)
        env.filters["size"] = size
        env.filters["visible"] = visible
        self.templates = Jinja2Templates(env=env)
        self.conversions = Conversions(settings.workers, self.formats, conversion)
        self.store = ResultStore(settings.keep_seconds, settings.keep_bytes)
        self.uploads = UploadBudget(settings.max_upload * settings.max_uploads)
        # The readers' own limits stand; the byte and time limits are the server's.
        self.limits = Limits(max_bytes=settings.max_upload, max_seconds=settings.timeout)

    def template_source(self, name: str) -> str | None:
        """The template *name* of the style (a house style's own, else the built-in one)."""
        try:
            return self.settings.style.text(TEMPLATES + name)
        except KeyError:
            return None

    def static(self, name: str) -> Response:
        """The page's static file *name*: CSS laid over the built-in, other files replaced."""
        media_type = _STATIC_TYPES.get(name[name.rfind("."):]) if "." in name else None
        style = self.settings.style
        if media_type is None or "/" in name or not style.layers(STATIC + name):
            raise HTTPException(404, _HTTP_MESSAGES[404])
        data = style.css(STATIC + name).encode() if name.endswith(".css") \
            else style.data(STATIC + name)
        return Response(data, media_type=media_type)

    def page(self, request: Request, template: str, status_code: int = 200,
             headers: Mapping[str, str] | None = None, **extra: Any) -> Response:
        """A page rendered from *template* with what every page shows."""
        settings = self.settings
        context = {"formats": self.formats,
                   "labels": {name: FORMATS[name].label for name in self.formats},
                   "kinds": [(code, kind_label(kind_named(code))) for code in choices()],
                   "accept": ",".join(suffixes()), "max_upload": settings.max_upload,
                   "timeout": settings.timeout, "version": __version__,
                   "keep_minutes": f"{settings.keep_seconds / 60:g}", **extra}
        return self.templates.TemplateResponse(request, template, context,
                                               status_code=status_code, headers=headers)

    def problem(self, request: Request, status: int, message: str, text: str = "",
                headers: Mapping[str, str] | None = None) -> Response:
        """A refusal: JSON for the API, the form again with the message for the page."""
        if _is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status,
                                headers=headers)
        return self.page(request, "index.html", status, headers, error=message, text=text)

    async def convert(self, request: Request, preview: bool) -> tuple[dict[str, Any], Outcome]:
        """Admit the request, read its body once and convert it; `RequestProblem` for
        anything refused.  With *preview*, HTML is made too (the page shows it)."""
        if cross_site(request):
            raise RequestProblem(403, "Formuläret skickades från en annan webbplats och togs "
                                      "inte emot.")
        if not self.store.has_room():
            raise _busy(self.store.retry_after())
        settings = self.settings
        async with self.uploads.hold(declared_size(request, settings.max_upload),
                                     settings.timeout):
            submission = await read_submission(request, settings)
            request.state.text = _shown_again(submission)
            return await self._converted(request, submission, preview)

    async def _converted(self, request: Request, submission: Submission,
                         preview: bool) -> tuple[dict[str, Any], Outcome]:
        job = Job(submission.source, submission.reader_name, submission.data,
                  submission.formats or self.formats, submission.stem or "", self.limits,
                  submission.kind, self.settings.style, as_of=submission.as_of)
        timeout = self.settings.timeout
        try:
            converted = await self.conversions.run(job, preview, timeout,
                                                   lambda: disconnected(request))
        except TimedOut:
            raise RequestProblem(504, f"Konverteringen tog mer än {timeout:g} sekunder och "
                                      "avbröts. Försök igen, eller med en mindre fil.") from None
        except WorkerDied:
            raise RequestProblem(503, "Konverteringen avbröts oväntat (arbetsprocessen dog). "
                                      "Försök igen.", {"Retry-After": "1"}) from None
        except PoolStopped:
            raise RequestProblem(503, "Servern stängs av. Försök igen om en stund.",
                                 {"Retry-After": "10"}) from None
        except Gone:
            raise Disconnected() from None
        if converted.view is None:
            raise RequestProblem(422, f"Indata kunde inte läsas: {converted.outcome.error}")
        if converted.outcome.error:
            raise RequestProblem(422, f"Indata kunde inte konverteras: {converted.outcome.error}")
        return converted.view, converted.outcome

    def stored(self, view: dict[str, Any], outcome: Outcome) -> str:
        """Keep an outcome's files for download; the result's token (503 if there is no room)."""
        files = {name: StoredFile(f"{view['stem']}{FORMATS[name].suffix}",
                                  FORMATS[name].media_type, data)
                 for name, data in outcome.outputs.items()}
        try:
            return self.store.add(Result(view, files))
        except StoreFull as exc:
            raise _busy(exc.retry_after) from None

    def result(self, token: str) -> Result:
        """The result under *token*; 404 once it has expired."""
        result = self.store.get(token)
        if result is None:
            raise HTTPException(404, "Resultatet finns inte längre: resultat sparas i "
                                     f"{self.settings.keep_seconds / 60:g} minuter. "
                                     "Konvertera dokumentet igen.")
        return result


def _busy(retry_after: int) -> RequestProblem:
    return RequestProblem(503, "Servern har många resultat sparade just nu. Försök igen om "
                               f"{retry_after} sekunder.", {"Retry-After": str(retry_after)})


def _shown_again(submission: Submission) -> str:
    """Pasted text, to fill the form again if the conversion is refused."""
    if submission.stem is None and len(submission.data) <= 200_000:
        return submission.data.decode("utf-8", "replace")
    return ""


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def path_for(request: Request, name: str, **params: str) -> str:
    """The path of route *name* (under the application's root path), never a URL built from
    the request's Host header."""
    return str(request.scope.get("root_path", "")) + str(request.app.url_path_for(name, **params))


def attachment(filename: str) -> str:
    """A Content-Disposition header for *filename*: an ASCII fallback and the exact name
    (RFC 6266), so any name can be sent."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                       for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


# --- the page ------------------------------------------------------------------------

async def index(request: Request) -> Response:
    return _service(request).page(request, "index.html", error=None, text="")


async def submit(request: Request) -> Response:
    service = _service(request)
    view, outcome = await service.convert(request, preview=True)
    token = service.stored(view, outcome)
    return RedirectResponse(path_for(request, "result", token=token), status_code=303)


async def result_page(request: Request) -> Response:
    service = _service(request)
    token = request.path_params["token"]
    result = service.result(token)
    downloads = [{"format": name, "label": FORMATS[name].label,
                  "filename": stored.filename, "size": len(stored.data),
                  "url": path_for(request, "download", token=token, filename=stored.filename)}
                 for name in FORMATS if (stored := result.files.get(name)) is not None]
    preview = path_for(request, "preview", token=token) if "html" in result.files else None
    return service.page(request, "result.html", view=result.view, downloads=downloads,
                        preview=preview, change_labels=CHANGE_LABELS)


async def preview(request: Request) -> Response:
    result = _service(request).result(request.path_params["token"])
    if "html" not in result.files:
        raise HTTPException(404, "Ingen förhandsvisning: HTML togs inte fram för det här "
                                 "resultatet.")
    return Response(result.files["html"].data, media_type=FORMATS["html"].media_type,
                    headers=_PREVIEW_HEADERS)


async def download(request: Request) -> Response:
    result = _service(request).result(request.path_params["token"])
    wanted = request.path_params["filename"]
    for item in result.files.values():
        if item.filename == wanted:
            return Response(item.data, media_type=item.media_type,
                            headers={"Content-Disposition": attachment(item.filename)})
    raise HTTPException(404, "Filen finns inte i det här resultatet.")


# --- the API -------------------------------------------------------------------------

async def api_convert(request: Request) -> Response:
    service = _service(request)
    view, outcome = await service.convert(request, preview=False)
    accept = request.headers.get("accept", "")
    if request.query_params.get("zip") in ("1", "true", "yes") or (
            "application/zip" in accept and "application/json" not in accept):
        return Response(zip_outputs(view["stem"], outcome.outputs), media_type="application/zip",
                        headers={"Content-Disposition": attachment(f"{view['stem']}.zip")})
    token = service.stored(view, outcome)
    files = {name: {"url": path_for(request, "download", token=token, filename=item.filename),
                    "filename": item.filename, "media_type": item.media_type,
                    "size": len(item.data)}
             for name, item in service.result(token).files.items()}
    return JSONResponse({**view, "files": files, "expires_in": service.settings.keep_seconds})


async def static(request: Request) -> Response:
    return _service(request).static(request.path_params["path"])


async def health(request: Request) -> Response:
    service = _service(request)
    settings = service.settings
    return JSONResponse({"status": "ok", "version": __version__,
                         "formats": list(service.formats), "inputs": list(suffixes()),
                         "max_upload": settings.max_upload, "timeout": settings.timeout})


async def openapi(request: Request) -> Response:
    service = _service(request)
    return JSONResponse(openapi_document(service.formats, service.settings))


# --- errors ----------------------------------------------------------------------------

_HTTP_MESSAGES = {404: "Sidan finns inte.", 405: "Metoden stöds inte här.",
                  400: "Begäran kunde inte tolkas."}


async def on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestProblem)
    text = getattr(request.state, "text", "")
    return _service(request).problem(request, exc.status, exc.message, text, exc.headers)


async def on_disconnect(request: Request, exc: Exception) -> Response:
    """The client hung up: nobody reads the answer, and it is no error of ours to log."""
    return Response(status_code=400)


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    detail = exc.detail if exc.detail and exc.detail != HTTPStatus(status).phrase \
        else _HTTP_MESSAGES.get(status, "Begäran kunde inte utföras.")
    if status == 400 and detail != _HTTP_MESSAGES[400]:
        detail = f"Begäran kunde inte tolkas: {detail}"
    if _is_api(request):
        return JSONResponse({"error": detail, "status": status}, status_code=status,
                            headers=exc.headers)
    return _service(request).page(request, "error.html", status, exc.headers, error=detail,
                                  status=status)


# --- the application -----------------------------------------------------------------

ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/", submit, methods=["POST"], name="submit"),
    Route("/resultat/{token}", result_page, name="result"),
    Route("/resultat/{token}/forhandsvisning", preview, name="preview"),
    Route("/resultat/{token}/fil/{filename}", download, name="download"),
    Route("/api/convert", api_convert, methods=["POST"]),
    Route("/api/health", health),
    Route("/api/openapi.json", openapi),
    Route("/static/{path}", static, name="static"),
]


class Application(Starlette):
    """Starlette, with `SecurityHeaders` outside everything else: Starlette's own answer to
    an unexpected error gets them too."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(settings: Settings | None = None,
               conversion: ConvertFunction = convert_request) -> Starlette:
    """The web application.  *conversion* is `convert_request` (tests give a slow one to
    test the time limit; it must be picklable)."""
    settings = settings or Settings()
    service = Service(settings, conversion)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.conversions.start()
        try:
            yield
        finally:
            service.conversions.stop()

    app = Application(
        routes=ROUTES, lifespan=lifespan,
        middleware=[Middleware(RequestBody, limit=settings.max_upload,
                               seconds=settings.body_timeout)],
        exception_handlers={RequestProblem: on_problem, HTTPException: on_http,
                            Disconnected: on_disconnect})
    app.state.service = service
    app.state.settings = settings
    return app


def serve(settings: Settings, app: Starlette | None = None) -> None:
    """Run the server until Ctrl-C or SIGTERM (*app*: `create_app(settings)`).

    Requests still in progress get `Settings.shutdown_seconds` to finish; then
    they are cut and every worker is killed, hung ones included.
    """
    import uvicorn

    if not _is_loopback(settings.host):
        print(f"riksdoc: serving on {settings.host} without any login: anyone who can reach "
              "this port can convert documents here", file=sys.stderr)
    uvicorn.run(app or create_app(settings), host=settings.host, port=settings.port,
                http=protocol_class(settings), log_level="info", server_header=False,
                timeout_graceful_shutdown=max(1, round(settings.shutdown_seconds)))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
