"""Decoded text → the pipeline of its kind (``--kind``, or as detected) → the model."""

from __future__ import annotations

from ..decode import decode
from ..errors import InputError
from ..kinds import force, pipeline_for
from ..limits import DEFAULT, Limits
from ..model import Kind
from . import Read


def read(data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None, name: str = "") -> Read:
    """Read a plain-text export or statute text; empty or whitespace-only text is refused.

    *kind* forces the document's kind (``--kind``); *name* is the input's file
    name (a statute's may give its SFS number).
    """
    if not data:
        raise InputError("is empty")
    decoded = decode(data)
    pipeline = pipeline_for(decoded.text, kind)
    normalised = pipeline.normalise(decoded.text, decoded.encoding, decoded.replaced)
    if not normalised.lines:
        raise InputError("contains no text (only whitespace or exporter markers)")
    limits.check_text(normalised)
    document = force(pipeline.parse(normalised, name), kind)
    limits.check_document(document)
    return Read(document, normalised)
