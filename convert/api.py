"""The Python API: what ``import riksdoc`` offers people who script riksdoc.

Three functions over the same engine as the CLI: `read` a file (or its bytes)
into a `riksdoc.readers.Read`, `write` a `riksdoc.model.Document` as a
format's bytes, and `convert` a file into output files.  Everything they
refuse, they refuse with a clear exception: `TypeError` for an argument of the
wrong type, `riksdoc.writers.UnknownFormat` (a `ValueError`) for a format
riksdoc does not write, `riksdoc.errors.InputError` for input it cannot read,
and `OSError` from the file system as Python gives it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .housestyle import BUILT_IN, HouseStyle
from .kinds import kind_named
from .limits import DEFAULT, Limits
from .model import Document, Kind
from .readers import Read, read as read_bytes
from .writers import DEFAULT_FORMATS, FORMATS, format_named

Source = bytes | str | os.PathLike[str]
"""A path (``str`` or `pathlib.Path`) or the bytes of a file."""

Style = str | os.PathLike[str] | None
"""A house style folder (see ``styles/README.md``), or None for the built-in style."""


def read(source: Source, *, name: str | None = None, limits: Limits = DEFAULT,
         kind: Kind | str | None = None) -> Read:
    """Read a document from a path or from bytes.

    The reader is chosen by the file name: ``.akn.xml``/``.xml`` Akoma Ntoso,
    ``.docx`` Word, ``.json`` riksdoc JSON or a statute record, anything else
    text (a Word→text export, statute text).  For bytes, *name* is that file
    name (default: a text export).  *kind* (a `Kind` or its code, ``"sfs"``)
    reads a text as that kind, as ``--kind`` does.  The result holds the
    `Document` and, for text, the normalisation report.
    """
    forced = kind_named(kind) if isinstance(kind, str) else kind
    if isinstance(source, (bytes, bytearray, memoryview)):
        return read_bytes(bytes(source), name or "document.txt", limits, forced)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        limits.check_size(path.stat().st_size)  # refused before it is read into memory
        return read_bytes(path.read_bytes(), name or path.name, limits, forced)
    raise TypeError(f"read() takes a path or bytes, not {type(source).__name__}")


def write(document: Document, format: str, *, stem: str = "document",
          style: Style = None) -> bytes:
    """*document* in *format* (``akn``, ``docx``, ``pdf``, ``html`` or ``json``) as bytes.

    *stem* names the file a PDF embeds its AKN source as (``<stem>.akn.xml``);
    *style* is a house style folder for PDF, DOCX and HTML (`ValueError` if it is
    not one).  The same document always gives the same bytes.
    """
    if not isinstance(document, Document):
        raise TypeError(f"write() takes a riksdoc Document, not {type(document).__name__} "
                        "(riksdoc.read(...).document is one)")
    return format_named(format).writer()(document, stem=stem, style=_house_style(style))


def _house_style(style: Style) -> HouseStyle:
    if style is None:
        return BUILT_IN
    if not isinstance(style, (str, os.PathLike)):
        raise TypeError(f"style is a folder's path, not {type(style).__name__}")
    return HouseStyle.folder(style)


def convert(source: str | os.PathLike[str], output_dir: str | os.PathLike[str] | None = None,
            *, formats: Iterable[str] = DEFAULT_FORMATS, limits: Limits = DEFAULT,
            style: Style = None) -> dict[str, Path]:
    """Convert the file at *source* into one file per format; the paths written, by format.

    Outputs are named ``<stem><suffix>`` (``answer.txt`` → ``answer.akn.xml``,
    ``answer.docx``, ``answer.pdf``) in *output_dir* (default: beside the
    source), each written to a temporary file and renamed into place.  Every
    output is made before the first is written, so a failure writes nothing;
    an output that would replace *source* itself is refused.  *style* is as for `write`.
    """
    from .inputs import stem_of
    from .outputs import write_atomic

    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"convert() takes a path, not {type(source).__name__}")
    if isinstance(formats, str):
        formats = formats.split(",")
    wanted = [format_named(name.strip()) for name in formats]
    path = Path(source)
    out_dir = Path(output_dir) if output_dir is not None else path.parent
    stem = stem_of(str(path))
    targets = {f.name: out_dir / f"{stem}{f.suffix}" for f in wanted}
    for name, target in targets.items():
        if target.exists() and target.samefile(path):
            raise InputError(f"the {name} output would overwrite {path}; give another output_dir")
    house_style = _house_style(style)
    document = read(path, limits=limits).document
    outputs = {name: format_named(name).writer()(document, stem=stem, style=house_style)
               for name in targets}
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        write_atomic(targets[name], data)
    return targets


def formats() -> tuple[str, ...]:
    """The names of every format `write` and `convert` know."""
    return tuple(FORMATS)
