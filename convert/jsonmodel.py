"""The model as JSON data and back: `dump(document)` → dict, `load(dict)` → `Document`.

The JSON mirrors the dataclasses field by field (see README, "The JSON
format").  Members of the block and inline unions carry a ``"type"`` tag
(``paragraph``, ``list``, ``table``, ``division``, ``speech``, ``noteref``, ``ref``);
plain text runs are JSON strings; tuples are arrays; dates are ISO strings; the
kind is its code (``"frs"``).  Fields added to the model after format 1 (marked
`model.OPTIONAL`) are written only when set, so older documents' JSON is
unchanged.  Loading is
driven by the model's own type annotations, so a field added to the model is
dumped and loaded without touching this module.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from . import model
from .errors import InputError

FORMAT_VERSION = 1
"""Bumped when the JSON changes incompatibly."""

_TAGS: dict[type, str] = {model.Paragraph: "paragraph", model.ListBlock: "list",
                          model.Table: "table", model.Division: "division",
                          model.Speech: "speech", model.NoteRef: "noteref", model.Ref: "ref"}
_BY_TAG = {tag: cls for cls, tag in _TAGS.items()}


def dump(document: model.Document) -> dict[str, Any]:
    """The document as JSON-ready data."""
    return {"riksdoc_json": FORMAT_VERSION, **_dump(document)}


def _dump(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        data = {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not (f.metadata.get("optional") and getattr(value, f.name) == f.default)}
        tag = _TAGS.get(type(value))
        return {"type": tag, **data} if tag else data
    if isinstance(value, tuple):
        return [_dump(item) for item in value]
    return value


def load(data: Any, longest: int | None = None) -> model.Document:
    """A `Document` from data made by `dump`; `InputError` if it is not that, or if an array
    in it is longer than *longest* (refused before its items are read)."""
    if not isinstance(data, dict) or data.get("riksdoc_json") != FORMAT_VERSION:
        raise InputError(f"not a JSON riksdoc reads (riksdoc JSON version {FORMAT_VERSION}, the "
                         "legal database's record of a statute, or the Riksdag's dokumentstatus "
                         "record)")
    try:
        document: model.Document = _Loader(longest).load(
            model.Document, {k: v for k, v in data.items() if k != "riksdoc_json"})
        return document
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed riksdoc JSON: {exc}") from None


@cache
def _hints(cls: type) -> dict[str, Any]:
    """A model class's field types (resolving them is slow: once a class)."""
    return typing.get_type_hints(cls, vars(model))


class _Loader:
    def __init__(self, longest: int | None) -> None:
        self.longest = longest

    def load(self, hint: Any, value: Any) -> Any:
        if self.longest is not None and isinstance(value, list) and len(value) > self.longest:
            raise ValueError(f"an array of {len(value):,} items (at most {self.longest:,})")
        return _load(hint, value, self.load)


def _load(hint: Any, value: Any, load: Any = None) -> Any:
    load = load or _load
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        if isinstance(value, dict) and "type" in value:
            return load(_BY_TAG[value["type"]], value)
        if isinstance(value, str) and str in options:
            return value
        (option,) = [o for o in options if o is not type(None)]
        return load(option, value)
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        item = typing.get_args(hint)[0]
        return tuple(load(item, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is datetime.date:
        if not isinstance(value, str):
            raise TypeError(f"expected a date string, got {type(value).__name__}")
        return datetime.date.fromisoformat(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        unknown = set(value) - set(hints) - {"type"}
        if unknown:
            raise ValueError(f"unknown field(s) {sorted(unknown)[:5]} in {hint.__name__}")
        return hint(**{name: load(hints[name], v) for name, v in value.items() if name != "type"})
    if hint in (str, int, bool) and not isinstance(value, hint):
        raise TypeError(f"expected {hint.__name__}, got {type(value).__name__}")
    return value
