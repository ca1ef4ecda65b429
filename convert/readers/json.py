"""riksdoc JSON → model."""

from __future__ import annotations

import json

from ..errors import InputError
from ..jsonmodel import load
from . import Read


def read(data: bytes) -> Read:
    """Read JSON written by ``riksdoc convert -t json``."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    return Read(load(value))
