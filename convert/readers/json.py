"""JSON → model: riksdoc's own JSON, or a statute record of the legal database."""

from __future__ import annotations

import json

from ..errors import InputError
from ..jsonmodel import load
from ..limits import DEFAULT, Limits
from ..model import Kind
from . import Read


def read(data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None,
         name: str = "") -> Read:
    """Read JSON written by ``riksdoc convert -t json``, or a statute record (recognised by
    its keys: ``beteckning``, ``rubrik``, ``fulltext.forfattningstext``), whose text the
    line *limits* apply to.  Both state their kind, so *kind* is not asked for."""
    del kind, name
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    from ..statute.record import is_record
    if is_record(value):
        from ..statute import from_record
        from ..statute.record import read_record
        statute, title, text, warnings = read_record(value)
        document, normalised = from_record(statute, title, text, warnings)
        limits.check_text(normalised)
        return Read(document, normalised)
    return Read(load(value))
