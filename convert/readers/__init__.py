"""Readers: input file → `Read` (a `Document`, and the normalisation report for text).

The reader is chosen by file name: ``.akn.xml``/``.xml`` → Akoma Ntoso,
``.docx`` → Word, ``.json`` → riksdoc's JSON; anything else is read as a
Word→text export.  Reader modules are imported only when a file needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from ..limits import DEFAULT, Limits
from ..model import Document, Kind
from ..normalise import Normalised


@dataclass(frozen=True)
class Read:
    """What a reader made of one input."""

    document: Document
    """The document."""
    normalised: Normalised | None = None
    """The normalisation result (text inputs only)."""


_BY_SUFFIX = (
    (".akn.xml", "akn"),
    (".xml", "akn"),
    (".docx", "docx"),
    (".json", "json"),
)


def reader_for(name: str) -> str:
    """The reader module name for a file called *name*."""
    lower = name.lower()
    for suffix, reader in _BY_SUFFIX:
        if lower.endswith(suffix):
            return reader
    return "text"


def read(data: bytes, name: str, limits: Limits = DEFAULT, kind: Kind | None = None) -> Read:
    """Read *data* (the content of a file called *name*) within *limits*.

    *kind* (``--kind``) forces the kind of a text (or foreign DOCX); files that
    state their kind (AKN, riksdoc JSON, a statute record) keep it.
    """
    limits.check_size(len(data))
    reader = reader_for(name)
    module = import_module(f"{__name__}.{reader}")
    if reader == "text":
        return module.read(data, limits, kind, name)
    if reader == "docx":
        return module.read(data, limits, kind)
    if reader == "json":  # a statute record is text that line limits apply to
        return module.read(data, limits)
    return module.read(data)
