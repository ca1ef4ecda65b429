"""riksdoc: Word→text exports of Riksdag documents → AKN XML, DOCX and PDF.

The package reads as its pipeline: `decode` → `normalise` → `parse` → `model`
→ `writers` (and `readers` for the formats riksdoc reads back).  For scripts,
the top level offers a small API (`riksdoc.api`)::

    import riksdoc

    answer = riksdoc.read("answer.txt")                  # a Read: .document, .normalised
    print(answer.document.kind, answer.document.title)
    pdf = riksdoc.write(answer.document, "pdf")          # bytes
    riksdoc.convert("answer.txt", "out/", formats=["akn", "docx"])

Everything not in ``__all__`` is internal and may change.  Importing riksdoc
is cheap: a writer's libraries (WeasyPrint for PDF, python-docx, lxml) are
imported only when that format is written.
"""

from .api import convert, formats, read, write
from .errors import InputError
from .limits import Limits
from .model import Document, Kind
from .readers import Read
from .version import __version__
from .writers import UnknownFormat

__all__ = [
    "Document",
    "InputError",
    "Kind",
    "Limits",
    "Read",
    "UnknownFormat",
    "__version__",
    "convert",
    "formats",
    "read",
    "write",
]
