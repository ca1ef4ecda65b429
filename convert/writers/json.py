"""Model → riksdoc JSON (UTF-8, keys in model order, two-space indent)."""

from __future__ import annotations

import json

from ..jsonmodel import dump
from ..model import Document


def write(document: Document, *, stem: str) -> bytes:
    """The document as JSON bytes; the same document always gives the same bytes."""
    return (json.dumps(dump(document), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
