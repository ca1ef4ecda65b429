"""The application: routes of the page and the API over one `Service`.

The `Service` holds what every request shares (settings, templates, the
worker pool, the result store) and does the one thing both the page and the
API do: read and convert a submission under one deadline.  Route handlers
are short functions that take the service from ``request.app.state``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..engine import Job, Outcome, convert_job
from ..kinds import choices, kind_named
from ..limits import Limits
from ..readers import suffixes
from ..version import __version__
from ..vocabulary import kind_label
from ..writers import FORMATS
from .forms import BodyLimit, RequestProblem, Submission, read_submission
from .openapi import openapi_document
from .pool import Interrupted, Pool, Timeout, inspect_input
from .settings import Settings
from .store import Result, ResultStore, StoredFile, zip_outputs
from .view import CHANGE_LABELS, describe, size, stem_for, visible

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

    def __init__(self, settings: Settings, convert: Callable[[Job], Outcome]) -> None:
        self.settings = settings
        self.convert = convert
        self.formats = available_formats()
        env = jinja2.Environment(loader=jinja2.FunctionLoader(self.template_source),
                                 autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                 undefined=jinja2.StrictUndefined)
        env.filters["size"] = size
        env.filters["visible"] = visible
        self.templates = Jinja2Templates(env=env)
        self.pool = Pool(settings.workers, self.formats, grace=settings.timeout)
        self.store = ResultStore(settings.keep_seconds, settings.keep_results,
                                 settings.keep_bytes)
        # The readers' own line limits stand; the byte and time limits are the server's (its
        # deadline covers reading and converting, so it ends a conversion before the worker's
        # own timer would, which is only a backstop).
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

    def problem(self, request: Request, status: int, message: str, text: str = "") -> Response:
        """A refusal: JSON for the API, the form again with the message for the page."""
        if _is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return self.page(request, "index.html", status, error=message, text=text)

    async def convert_submission(self, submission: Submission,
                                 preview: bool) -> tuple[dict[str, Any], Outcome]:
        """Read and convert under one deadline; `RequestProblem` for anything refused.

        With *preview*, HTML is made too (the page shows it)."""
        timeout = self.settings.timeout
        deadline = asyncio.get_running_loop().time() + timeout
        try:
            read_result = await self.pool.run(deadline, inspect_input, submission.data,
                                              submission.reader_name, self.limits,
                                              submission.kind)
            if isinstance(read_result, str):
                raise RequestProblem(422, f"Indata kunde inte läsas: {read_result}")
            wanted = (*(submission.formats or self.formats), *(("html",) if preview else ()))
            stem = submission.stem or stem_for(read_result.document)
            job = Job(submission.source, submission.reader_name, submission.data,
                      tuple(dict.fromkeys(wanted)), stem, self.limits, submission.kind,
                      self.settings.style)
            outcome: Outcome = await self.pool.run(deadline, self.convert, job)
        except Timeout:
            raise RequestProblem(504, f"Konverteringen tog mer än {timeout:g} sekunder och "
                                      "avbröts. Försök igen, eller med en mindre fil.") from None
        except Interrupted:
            raise RequestProblem(503, "Konverteringen avbröts oväntat (arbetsprocessen dog). "
                                      "Försök igen.") from None
        if outcome.error:
            raise RequestProblem(422, f"Indata kunde inte konverteras: {outcome.error}")
        view = describe(read_result)
        view.update(stem=stem, source=submission.source)
        return view, outcome

    def stored(self, view: dict[str, Any], outcome: Outcome) -> str:
        """Keep an outcome's files for download; the result's token."""
        files = {name: StoredFile(f"{view['stem']}{FORMATS[name].suffix}",
                                  FORMATS[name].media_type, data)
                 for name, data in outcome.outputs.items()}
        return self.store.add(Result(view, files))

    def result(self, token: str) -> Result:
        """The result under *token*; 404 once it has expired."""
        result = self.store.get(token)
        if result is None:
            raise HTTPException(404, "Resultatet finns inte längre: resultat sparas i "
                                     f"{self.settings.keep_seconds / 60:g} minuter. "
                                     "Konvertera dokumentet igen.")
        return result


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


# --- the page ------------------------------------------------------------------------

async def index(request: Request) -> Response:
    return _service(request).page(request, "index.html", error=None, text="")


async def submit(request: Request) -> Response:
    service = _service(request)
    text = ""
    try:
        submission = await read_submission(request, service.settings)
        if submission.stem is None and len(submission.data) <= 200_000:
            text = submission.data.decode("utf-8", "replace")  # shown again if refused
        view, outcome = await service.convert_submission(submission, preview=True)
    except RequestProblem as exc:
        return service.problem(request, exc.status, exc.message, text)
    token = service.stored(view, outcome)
    return RedirectResponse(request.url_for("result", token=token), status_code=303)


async def result_page(request: Request) -> Response:
    service = _service(request)
    token = request.path_params["token"]
    result = service.result(token)
    downloads = [{"format": name, "label": FORMATS[name].label,
                  "filename": stored.filename, "size": len(stored.data),
                  "url": request.url_for("download", token=token, filename=stored.filename)}
                 for name in FORMATS if (stored := result.files.get(name)) is not None]
    preview = request.url_for("preview", token=token) if "html" in result.files else None
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
            return Response(item.data, media_type=item.media_type, headers={
                "Content-Disposition": f'attachment; filename="{item.filename}"'})
    raise HTTPException(404, "Filen finns inte i det här resultatet.")


# --- the API -------------------------------------------------------------------------

async def api_convert(request: Request) -> Response:
    service = _service(request)
    try:
        submission = await read_submission(request, service.settings)
        view, outcome = await service.convert_submission(submission, preview=False)
    except RequestProblem as exc:
        return service.problem(request, exc.status, exc.message)
    accept = request.headers.get("accept", "")
    if request.query_params.get("zip") in ("1", "true", "yes") or (
            "application/zip" in accept and "application/json" not in accept):
        return Response(zip_outputs(view["stem"], outcome.outputs), media_type="application/zip",
                        headers={"Content-Disposition":
                                 f'attachment; filename="{view["stem"]}.zip"'})
    token = service.stored(view, outcome)
    files = {name: {"url": str(request.url_for("download", token=token,
                                               filename=item.filename)),
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
    return _service(request).problem(request, exc.status, exc.message)


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


def create_app(settings: Settings | None = None,
               convert: Callable[[Job], Outcome] = convert_job) -> Starlette:
    """The web application.  *convert* is `convert_job` (tests give a slow one to test
    the time limit; it must be picklable)."""
    settings = settings or Settings()
    service = Service(settings, convert)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.pool.start()
        try:
            yield
        finally:
            service.pool.stop()

    app = Starlette(routes=ROUTES, lifespan=lifespan,
                    middleware=[Middleware(SecurityHeaders),
                                Middleware(BodyLimit, limit=settings.max_upload)],
                    exception_handlers={RequestProblem: on_problem, HTTPException: on_http})
    app.state.service = service
    app.state.settings = settings
    app.state.pool = service.pool
    return app


class SecurityHeaders:
    """ASGI middleware: the page's content policy and friends on every response
    that does not set its own (the preview sets a stricter one)."""

    HEADERS = (
        (b"content-security-policy",
         b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
         b"form-action 'self'; frame-ancestors 'none'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cache-control", b"no-store"),
    )

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
