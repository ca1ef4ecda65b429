"""The HTTP API's OpenAPI 3.1 description (``/api/openapi.json``)."""

from __future__ import annotations

from typing import Any

from ..kinds import choices
from ..model import Kind
from ..readers import suffixes
from ..version import __version__
from .settings import Settings


def openapi_document(formats: tuple[str, ...], settings: Settings) -> dict[str, Any]:
    """The API's OpenAPI 3.1 description (the formats and limits of this server)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "riksdoc", "version": __version__,
                 "description": "Convert Word→text exports of Riksdag documents to "
                                "PDF, DOCX, Akoma Ntoso and JSON."},
        "paths": {
            "/api/convert": {"post": _convert_operation(formats, settings)},
            "/api/health": {"get": {"summary": "Server status, formats and limits",
                                    "responses": {"200": {"description": "Up."}}}},
        },
        "components": {"schemas": {"Error": _ERROR_SCHEMA, "Conversion": _conversion_schema(),
                                   "OutlineEntry": _OUTLINE_ENTRY}},
    }


_ERROR = {"description": "Refused; `error` says why in one sentence.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_ERROR_SCHEMA = {"type": "object", "properties": {"error": {"type": "string"},
                                                  "status": {"type": "integer"}}}
_PERSON = {"type": ["object", "null"], "properties": {
    "name": {"type": "string"}, "party": {"type": ["string", "null"]},
    "role": {"type": ["string", "null"]}}}


_AS_OF = ("A statute: publish the law in force on this day (YYYY-MM-DD): of a section's "
          "versions only the one in force that day; default: every version, labelled.")


def _convert_operation(formats: tuple[str, ...], settings: Settings) -> dict[str, Any]:
    """``POST /api/convert``: parameters, the three kinds of body, the answers."""
    form = {"type": "object", "properties": {
        "text": {"type": "string", "description": "The exported text, pasted."},
        "file": {"type": "string", "format": "binary",
                 "description": "Or a file: " + ", ".join(suffixes())},
        "formats": {"type": "string", "description": "Comma list; default all available."},
        "kind": {"type": "string", "enum": list(choices()),
                 "description": "Read the text as this kind (sfs: a statute); default: "
                                "recognise it."},
        "as_of": {"type": "string", "format": "date", "description": _AS_OF}}}
    return {
        "summary": "Convert one document",
        "parameters": [
            {"name": "formats", "in": "query", "required": False,
             "schema": {"type": "string"},
             "description": f"Comma list from {', '.join(formats)}; default all."},
            {"name": "kind", "in": "query", "required": False,
             "schema": {"type": "string", "enum": list(choices())},
             "description": "Read the text as this kind; default: recognise it."},
            {"name": "as_of", "in": "query", "required": False,
             "schema": {"type": "string", "format": "date"}, "description": _AS_OF},
            {"name": "zip", "in": "query", "required": False,
             "schema": {"type": "string", "enum": ["1"]},
             "description": "Answer with a ZIP of every file instead of JSON "
                            "(or send Accept: application/zip)."}],
        "requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": form},
            "application/x-www-form-urlencoded": {"schema": form},
            "text/plain": {"schema": {"type": "string"}}}},
        "responses": {
            "200": {"description": "Metadata, normalisation report, warnings and download "
                                   f"paths, relative to the server (valid "
                                   f"{settings.keep_seconds:g} s).",
                    "content": {
                        "application/json": {"schema": {
                            "$ref": "#/components/schemas/Conversion"}},
                        "application/zip": {"schema": {"type": "string", "format": "binary"}}}},
            "400": _ERROR, "413": {**_ERROR, "description":
                                   f"Body over {settings.max_upload} bytes."},
            "403": {**_ERROR, "description": "Posted from a page of another site (Origin or "
                                             "Referer)."},
            "408": {**_ERROR, "description": f"The body took over {settings.body_timeout:g} s "
                                             "to arrive."},
            "415": _ERROR, "422": _ERROR,
            "503": {**_ERROR, "description": "Busy (results or uploads held at their bound), "
                                             "a worker died, or the server is stopping; see "
                                             "Retry-After."},
            "504": {**_ERROR, "description":
                    f"Conversion took more than {settings.timeout:g} s."}},
    }


_OUTLINE_ENTRY: dict[str, Any] = {"type": "object", "properties": {
    "label": {"type": "string", "examples": ["1 kap. Inledande bestämmelser", "3 a §"]},
    "eid": {"type": "string", "examples": ["chp_1", "chp_1__sec_3a"]},
    "level": {"type": "string", "examples": ["chapter", "section", "transitional", "annex"]},
    "children": {"type": "array", "items": {"$ref": "#/components/schemas/OutlineEntry"}}}}
"""One entry of a statute's or a paper's outline, with the entries under it."""


def _conversion_schema() -> dict[str, Any]:
    """What a conversion answers: kind, metadata, report, warnings, files."""
    metadata = {"type": "object", "properties": {
        "number": {"type": ["string", "null"], "examples": ["2017/18:112"]},
        "questions": {"type": "array", "items": {"type": "object", "properties": {
            "designation": {"type": "string"}, "as_written": {"type": "string"},
            "questioner": _PERSON, "title": {"type": ["string", "null"]}}}},
        "title": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"],
                 "description": "YYYY-MM-DD, or --MM-DD when the text gives no year"},
        "date_text": {"type": ["string", "null"]},
        "place": {"type": ["string", "null"]},
        "signatory": _PERSON, "addressee": _PERSON,
        "statute": {"type": "object", "description": "A statute only: what the text or the "
                    "database's record states.", "properties": {
                        "number": {"type": ["string", "null"], "examples": ["2010:800"]},
                        "form": {"type": ["string", "null"]},
                        "department": {"type": ["string", "null"]},
                        "issued": {"type": ["string", "null"]},
                        "consolidated_through": {"type": ["string", "null"]},
                        "as_of": {"type": ["string", "null"],
                                  "description": "The day whose law was published (as_of)"}}},
        "paper": {"type": "object", "description": "A motion, report, bill or communication "
                  "only: its identity and people as the text or the Riksdag's record states them.",
                  "properties": {
                      "session": {"type": ["string", "null"], "examples": ["2019/20"]},
                      "number": {"type": ["string", "null"], "examples": ["3063", "JuU17"]},
                      "committee": {"type": ["string", "null"]},
                      "ministry": {"type": ["string", "null"]},
                      "record_id": {"type": ["string", "null"], "examples": ["H7023063"]},
                      "authors": {"type": "array", "items": _PERSON},
                      "members": {"type": "array", "items": _PERSON}}}}}
    return {"type": "object", "properties": {
        "kind": {"type": "string", "enum": [k.value for k in Kind]},
        "kind_label": {"type": "string"},
        "metadata": metadata,
        "outline": {"type": "array", "items": {"$ref": "#/components/schemas/OutlineEntry"},
                    "description": "A statute's or paper's parts as its reader navigates them "
                                   "(chapters, sections, transitional provisions, annexes; "
                                   "a paper's numbered headings): label, "
                                   "eId (the anchor in the HTML) and the entries under it; "
                                   "empty for a letter."},
        "report": {"type": ["object", "null"],
                   "description": "The normalisation report (text inputs only): encoding, "
                                  "changes (kind, line, column, text, detail), notes."},
        "warnings": {"type": "array", "items": {"type": "object", "properties": {
            "code": {"type": "string"}, "text": {"type": "string"},
            "line": {"type": ["integer", "null"]}}}},
        "stem": {"type": "string"},
        "files": {"type": "object", "additionalProperties": {
            "type": "object", "properties": {
                "url": {"type": "string"}, "filename": {"type": "string"},
                "media_type": {"type": "string"}, "size": {"type": "integer"}}}},
        "expires_in": {"type": "number"}}}
