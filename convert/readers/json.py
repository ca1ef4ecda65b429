"""JSON → model: riksdoc's own JSON, or a statute record of the legal database."""

from __future__ import annotations

import json

from ..errors import InputError
from ..jsonmodel import load
from ..limits import DEFAULT, Limits
from ..model import Kind
from . import Read

MAX_DIGITS = 15
"""Most digits of a whole number in riksdoc JSON (its numbers are question numbers, days,
months and years)."""


def read(data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None,
         name: str = "") -> Read:
    """Read JSON written by ``riksdoc convert -t json``, a statute record (recognised by its
    keys: ``beteckning``, ``rubrik``, ``fulltext.forfattningstext``) or the Riksdag's
    ``dokumentstatus`` record of a document, whose text the line *limits* apply to.  They
    state their kind; *kind* (``--kind``) reads a Riksdag record as another.  The bytes
    are checked by the caller; the model is held to *limits* here."""
    try:
        value = json.loads(data.decode("utf-8"), parse_int=_whole_number)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    except ValueError as exc:  # from _whole_number
        raise InputError(str(exc)) from None
    from ..parl.record import is_record as is_riksdag_record
    if is_riksdag_record(value):  # the Riksdag's dokumentstatus, of any kind of document
        from ..parl import record
        document, normalised = record.read(value, name, kind)
        limits.check_text(normalised)
        limits.check_document(document)
        return Read(document, normalised)
    from ..statute.record import is_record
    if is_record(value):
        from ..statute import from_record
        from ..statute.record import read_record
        statute, title, text, warnings = read_record(value)
        document, normalised = from_record(statute, title, text, warnings)
        limits.check_text(normalised)
        limits.check_document(document)
        return Read(document, normalised)
    document = load(value, longest=max(limits.max_blocks, limits.max_table_cells,
                                       limits.max_list_items, limits.max_notes))
    limits.check_document(document)
    return Read(document)


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text.lstrip('-')):,} digits; riksdoc JSON has none "
                         f"over {MAX_DIGITS}")
    return int(text)
