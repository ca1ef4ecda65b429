"""``riksdoc serve``: a small web page and HTTP API over the same engine as the CLI.

A clerk pastes or uploads an export, sees what riksdoc recognised (kind and
metadata), what normalisation removed, the warnings and a preview, and
downloads the files.  Nothing is re-implemented here: reading is
`riksdoc.readers.read`, converting is `riksdoc.engine.convert_job`, both run in
the warm worker pool of `riksdoc.engine.make_pool` under a per-request time
limit.

Safety, in short: the body size is checked while it streams in (413 past the
limit); no path from a request ever reaches the file system — results live in
memory, in a bounded store with expiry, under random opaque tokens; a
conversion that runs past the time limit gets 504 and its worker pool is
replaced, so a hung worker never wedges the server.  The page's text and
layout live in ``styles/web/`` (Jinja2 templates, autoescaped; CSS; a little
optional JavaScript).

One module a concern: `app` (the routes and the service they share), `forms`
(what a request asks for, the body limit), `pool` (the worker processes),
`store` (results held for download), `view` (a document as the page and the
API show it), `openapi` (the API's description), `settings`.
"""

from __future__ import annotations

from .app import available_formats, create_app, serve
from .settings import Settings
from .view import describe, visible

__all__ = ["Settings", "available_formats", "create_app", "describe", "serve", "visible"]
