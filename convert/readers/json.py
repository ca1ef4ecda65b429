"""riksdoc JSON → model."""

from __future__ import annotations

import json

from ..errors import InputError
from ..jsonmodel import load
from ..limits import DEFAULT, Limits
from . import Read

MAX_DIGITS = 15
"""Most digits of a whole number in riksdoc JSON (its numbers are question numbers, days,
months and years)."""


def read(data: bytes, limits: Limits = DEFAULT) -> Read:
    """Read JSON written by ``riksdoc convert -t json``; the bytes are checked by the caller,
    the model is held to *limits* here."""
    try:
        value = json.loads(data.decode("utf-8"), parse_int=_whole_number)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    except ValueError as exc:  # from _whole_number
        raise InputError(str(exc)) from None
    document = load(value, longest=max(limits.max_blocks, limits.max_table_cells,
                                       limits.max_list_items, limits.max_notes))
    limits.check_document(document)
    return Read(document)


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text.lstrip('-')):,} digits; riksdoc JSON has none "
                         f"over {MAX_DIGITS}")
    return int(text)
