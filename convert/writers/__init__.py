"""Writers: `Document` → bytes, one module per format, registered here.

Each writer module has ``write(document, *, stem) -> bytes`` (``stem`` is the
output's base name, which the PDF needs to name its embedded AKN file).
Modules are imported only when their format is asked for, so a run without
PDF never imports WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from ..model import Document


@dataclass(frozen=True)
class Format:
    """An output format riksdoc can be asked for."""

    name: str
    """Name on the command line (``-t akn``)."""
    suffix: str
    """Added to the input's stem to name the output file."""
    module: str
    """Writer module under `riksdoc.writers`."""


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("akn", ".akn.xml", "akn"),
    Format("docx", ".docx", "docx"),
    Format("pdf", ".pdf", "pdf"),
    Format("html", ".html", "html"),
    Format("json", ".json", "json"),
)}
DEFAULT_FORMATS = ("akn", "docx", "pdf")


def writer(name: str) -> Callable[..., bytes]:
    """The ``write`` function for format *name*."""
    return import_module(f"{__name__}.{FORMATS[name].module}").write


def write(document: Document, name: str, *, stem: str) -> bytes:
    """*document* in format *name*."""
    return writer(name)(document, stem=stem)
