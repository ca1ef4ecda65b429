"""Writers: `Document` → bytes, one module per format, registered in `FORMATS`.

`FORMATS` is the one table of output formats: the CLI's ``-t`` choices, the
batch's output names, the web page's downloads and the API's media types all
come from it.  Each writer module has ``write(document, *, stem, style) -> bytes``
(``stem`` is the output's base name, which the PDF needs to name its embedded
AKN file; ``style`` the `riksdoc.housestyle.HouseStyle` to draw with, which
the formats without looks ignore) and may have ``warm(style)`` to load what it
needs before the first document.  Only the formats with looks (`Format.styled`)
take a style.  Modules are imported only when their format is asked for, so a
run without PDF never imports WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from ..eids import Names, name
from ..housestyle import BUILT_IN, HouseStyle
from ..model import Document


class WriteFunction(Protocol):
    """A writer module's ``write`` as `Format.writer` gives it."""

    def __call__(self, document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes: ...


class _Unstyled(Protocol):
    """``write`` of a format without looks (AKN, JSON)."""

    def __call__(self, document: Document, *, stem: str) -> bytes: ...


class UnknownFormat(ValueError):
    """A format name riksdoc has no writer for."""

    def __init__(self, name: object) -> None:
        super().__init__(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
        self.name = name


@dataclass(frozen=True)
class Format:
    """An output format riksdoc can be asked for."""

    name: str
    """Name on the command line (``-t akn``) and in the API."""
    suffix: str
    """Added to the input's stem to name the output file."""
    media_type: str
    """Content-Type of the output."""
    label: str
    """What the web page calls it (Swedish)."""
    module: str
    """Writer module under `riksdoc.writers`."""
    styled: bool = False
    """Whether the output has looks, drawn by a `HouseStyle` (its ``write`` takes ``style``)."""

    def writer(self) -> WriteFunction:
        """The writer's ``write`` (imports its module on first use)."""
        module = import_module(f"{__name__}.{self.module}")
        if self.styled:
            styled: WriteFunction = module.write
            return styled
        unstyled: _Unstyled = module.write

        def write(document: Document, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
            return unstyled(document, stem=stem)
        return write

    def warm(self, style: HouseStyle = BUILT_IN) -> None:
        """Load what the writer needs before its first document (fonts, stylesheets)."""
        module = import_module(f"{__name__}.{self.module}")
        if hasattr(module, "warm"):
            module.warm(style)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("pdf", ".pdf", "application/pdf", "PDF för utskrift", "pdf", styled=True),
    Format("docx", ".docx",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "Word (DOCX)", "docx", styled=True),
    Format("akn", ".akn.xml", "application/akn+xml", "Akoma Ntoso 3.0 XML (arkiv)", "akn"),
    Format("json", ".json", "application/json", "riksdoc JSON", "json"),
    Format("html", ".html", "text/html; charset=utf-8", "HTML", "html", styled=True),
)}
"""Every output format, in the order the web page offers them (the print PDF first)."""

DEFAULT_FORMATS = ("akn", "docx", "pdf")
"""What ``riksdoc convert`` writes unless ``-t`` says otherwise."""


def format_named(name: str) -> Format:
    """The format called *name*; `UnknownFormat` (a ValueError) for any other name."""
    if not isinstance(name, str) or name not in FORMATS:
        raise UnknownFormat(name)
    return FORMATS[name]


def writer(name: str) -> WriteFunction:
    """The ``write`` function for format *name*."""
    return format_named(name).writer()


def write(document: Document, name: str, *, stem: str, style: HouseStyle = BUILT_IN) -> bytes:
    """*document* in format *name*, drawn in *style*."""
    return writer(name)(document, stem=stem, style=style)


def part_names(document: Document) -> Names:
    """The eIds of *document*'s parts, as its AKN names them: the HTML's anchors, the PDF's
    destinations and the DOCX's bookmarks use these, so a link into any of them names the
    same part (`riksdoc.eids`; a paper's from its own AKN profile)."""
    from ..akn_paper_profile import PAPER_KINDS
    if document.kind in PAPER_KINDS:
        from .akn_paper import names
        return names(document)
    return name(document.blocks)
