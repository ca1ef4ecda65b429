"""riksdoc JSON → model."""

from __future__ import annotations

import json

from ..errors import InputError
from ..jsonmodel import load
from ..limits import DEFAULT, Limits
from . import Read


def read(data: bytes, limits: Limits = DEFAULT) -> Read:
    """Read JSON written by ``riksdoc convert -t json`` (*limits* are checked by the caller
    on the bytes; JSON has no lines to limit)."""
    del limits
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    return Read(load(value))
