"""Readers: input file → `Read` (a `Document`, and the normalisation report for text).

`READERS` is the one table of input formats: the reader for a file is chosen
by its name's suffix (``.akn.xml``/``.xml`` → Akoma Ntoso, ``.docx`` → Word,
``.json`` → riksdoc's JSON or a statute record); anything else is read as
text (a Word→text export, or statute text).  The batch's output names and the
web page's file picker come from the same table.  Every reader module has
``read(data, limits, kind, name) -> Read``: *kind* forces the kind of a text
(``--kind``; files that state their kind keep it), *name* is the input's file
name; modules are imported only when a file needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

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


class ReadFunction(Protocol):
    """A reader module's ``read``."""

    def __call__(self, data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None,
                 name: str = "") -> Read: ...


@dataclass(frozen=True)
class Reader:
    """An input format riksdoc reads."""

    name: str
    """Short name (``akn``)."""
    suffixes: tuple[str, ...]
    """File name endings that choose this reader, lower case."""
    module: str
    """Reader module under `riksdoc.readers`."""

    def reader(self) -> ReadFunction:
        """The reader's ``read`` (imports its module on first use)."""
        read_function: ReadFunction = import_module(f"{__name__}.{self.module}").read
        return read_function


READERS: tuple[Reader, ...] = (
    Reader("text", (".txt",), "text"),
    Reader("docx", (".docx",), "docx"),
    Reader("akn", (".akn.xml", ".xml"), "akn"),
    Reader("json", (".json",), "json"),
)
"""Every input format, the Word→text export first (it also reads any other name)."""

TEXT = READERS[0]
"""The reader of a file whose name no reader claims."""


def _by_suffix() -> list[tuple[str, Reader]]:
    # longest first: "x.akn.xml" is AKN by ".akn.xml" before ".xml"
    pairs = [(suffix, reader) for reader in READERS for suffix in reader.suffixes]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def suffixes() -> tuple[str, ...]:
    """Every file suffix a reader claims (the web page's file picker)."""
    return tuple(suffix for reader in READERS for suffix in reader.suffixes)


def claims(name: str) -> bool:
    """Does a reader claim a file called *name* by its suffix (``X.TXT`` too)?  A folder
    input takes only these files."""
    lower = name.lower()
    return any(lower.endswith(suffix) and len(lower) > len(suffix) for suffix in suffixes())


def reader_for(name: str) -> Reader:
    """The reader for a file called *name*."""
    lower = name.lower()
    for suffix, reader in _by_suffix():
        if lower.endswith(suffix):
            return reader
    return TEXT


def stem(name: str) -> str:
    """*name* without the suffix that chose its reader: ``x.akn.xml`` → ``x``,
    ``answer.txt`` → ``answer``; a name that is only a suffix, or has none a reader
    claims, loses its last extension (``notes.md`` → ``notes``)."""
    lower = name.lower()
    for suffix, _ in _by_suffix():
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    head, dot, _ = name.rpartition(".")
    return head if dot and head else name


def read(data: bytes, name: str, limits: Limits = DEFAULT, kind: Kind | None = None) -> Read:
    """Read *data* (the content of a file called *name*) within *limits*; *kind* forces
    the kind of a text (``--kind``)."""
    limits.check_size(len(data))
    return reader_for(name).reader()(data, limits, kind, name)
