"""Word→text export → decode → normalise → parse."""

from __future__ import annotations

from ..decode import decode
from ..errors import InputError
from ..limits import DEFAULT, Limits
from ..normalise import normalise
from ..parse import parse
from . import Read


def read(data: bytes, limits: Limits = DEFAULT) -> Read:
    """Read a plain-text export; empty or whitespace-only text is refused."""
    if not data:
        raise InputError("is empty")
    decoded = decode(data)
    normalised = normalise(decoded.text, decoded.encoding, decoded.replaced)
    if not normalised.lines:
        raise InputError("contains no text (only whitespace or exporter markers)")
    limits.check_text(normalised)
    document = parse(normalised)
    limits.check_document(document)
    return Read(document, normalised)
