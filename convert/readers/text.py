"""Word→text export → decode → normalise → parse."""

from __future__ import annotations

from ..decode import decode
from ..normalise import normalise
from ..parse import parse
from . import Read


def read(data: bytes) -> Read:
    """Read a plain-text export."""
    decoded = decode(data)
    normalised = normalise(decoded.text, decoded.encoding)
    return Read(parse(normalised), normalised)
