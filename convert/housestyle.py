"""House styles: the built-in one, and a folder of the user's laid over it.

The built-in style is the top-level ``styles/`` folder, installed as the data
package ``riksdoc.styles``; its files are read through `importlib.resources`,
so a wheel, an sdist and a checkout all find them.  A house style
(``riksdoc convert --style DIR``, ``riksdoc serve --style DIR``) is a folder
with the same layout.  Each file it has is laid over the built-in file of
the same name, so a house style holds only what it changes and keeps what a
newer riksdoc adds to the built-in style:

=====================  ======================================================
file                   laid over the built-in one by
=====================  ======================================================
``*.css``              coming after it: its rules win, the others stand
``docx/styles.xml``    replacing the ``w:docDefaults`` and each ``w:style``
                       with the same ``w:styleId``; the other styles stand
``*.toml``             replacing values key by key, table by table
anything else          replacing it (web templates, ``web/static/page.js``)
``fonts/NAME.ttf``     (no built-in counterpart) served to ``print.css`` as
                       ``riksdoc-font:NAME.ttf`` before the shipped fonts,
                       and embedded in a DOCX where ``docx/fonts.toml``
                       names it
=====================  ======================================================

The folder is read once, when the style is loaded: every document of a run
gets the same bytes, a worker needs no access to the folder (the style
travels with the job), and the style's `HouseStyle.fingerprint` is part of
the batch manifest's key, so changing the house style remakes the outputs.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

PACKAGE = "riksdoc.styles"
"""The built-in style's import name (the folder ``styles/``)."""

FONTS = "fonts/"
"""Folder of a house style's own fonts."""

MAX_BYTES = 50_000_000
"""Largest house style riksdoc reads (fonts included)."""

_FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ttf$")
_DOCUMENTATION = re.compile(r"(^|/)README(\.[a-z]+)?$")


class StyleError(ValueError):
    """A house style folder riksdoc cannot use, with the reason in one line."""


@cache
def builtin_files() -> Mapping[str, bytes]:
    """Every file of the built-in style by its path in ``styles/`` (``docx/styles.xml``).

    Code (``__init__.py``) and documentation (``README.md``) are not style files."""
    return dict(sorted(_walk(files(PACKAGE), "")))


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        name = prefix + entry.name
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _walk(entry, name + "/")
        elif not name.endswith((".py", ".pyc")) and not _DOCUMENTATION.search(name):
            yield name, entry.read_bytes()


def _digest(items: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(items.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


@cache
def builtin_fingerprint() -> str:
    """A hash of every built-in style file: two installations that agree on it draw alike."""
    return _digest(builtin_files())


@dataclass(frozen=True, eq=False)
class HouseStyle:
    """The built-in style with a house style's own files laid over it (`BUILT_IN`: none)."""

    own: dict[str, bytes] = field(default_factory=dict)
    """The house style's files by their path in the folder (``print.css``, ``fonts/X.ttf``)."""
    origin: str = "built-in"
    """Where the style came from, for messages: the folder as the user named it."""

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the house style's own files ("" for the built-in style alone)."""
        return _digest(self.own) if self.own else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HouseStyle) and other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    # -- reading -------------------------------------------------------------------

    def layers(self, name: str) -> tuple[bytes, ...]:
        """The built-in file *name*, then the house style's, each where there is one."""
        return tuple(layer[name] for layer in (builtin_files(), self.own) if name in layer)

    def data(self, name: str) -> bytes:
        """The file *name*: the house style's own where it has one, else the built-in one."""
        found = self.layers(name)
        if not found:
            raise KeyError(f"no style file {name!r}")
        return found[-1]

    def text(self, name: str) -> str:
        """The file *name* (`data`) as text."""
        return self.data(name).decode("utf-8")

    def css(self, name: str) -> str:
        """The stylesheet *name*: the built-in rules, then the house style's."""
        return "\n".join(layer.decode("utf-8") for layer in self.layers(name))

    def toml(self, name: str) -> dict[str, Any]:
        """The TOML file *name*: the built-in values, with the house style's laid over them."""
        merged: dict[str, Any] = {}
        for layer in self.layers(name):
            _merge(merged, tomllib.loads(layer.decode("utf-8")))
        return merged

    def font(self, name: str) -> bytes | None:
        """The house style's own font *name* (``fonts/NAME``), or None."""
        return self.own.get(FONTS + name) if _FONT_NAME.match(name) else None

    # -- loading -------------------------------------------------------------------

    @classmethod
    def folder(cls, path: str | os.PathLike[str]) -> HouseStyle:
        """The house style in folder *path*, checked; `StyleError` with one line if unfit."""
        root = Path(path)
        if not root.is_dir():
            raise StyleError(f"{path}: not a folder")
        own: dict[str, bytes] = {}
        total = 0
        for file in sorted(root.rglob("*")):
            name = file.relative_to(root).as_posix()
            if file.is_dir() or any(part.startswith(".") for part in name.split("/")) \
                    or _DOCUMENTATION.search(name):
                continue
            _check_name(path, name)
            try:
                own[name] = file.read_bytes()
            except OSError as exc:
                raise StyleError(f"{path}: {name}: {exc.strerror or exc}") from None
            total += len(own[name])
            if total > MAX_BYTES:
                raise StyleError(f"{path}: more than {MAX_BYTES:,} bytes; is it a house style?")
        if not own:
            raise StyleError(f"{path}: no style files (see styles/README.md for the layout)")
        for name, data in own.items():
            _check_content(path, name, data)
        return cls(own, str(path))


BUILT_IN = HouseStyle()
"""The built-in style alone."""


def _merge(into: dict[str, Any], over: Mapping[str, Any]) -> None:
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _check_name(folder: str | os.PathLike[str], name: str) -> None:
    if name.startswith(FONTS):
        if "/" in name[len(FONTS):] or not _FONT_NAME.match(name[len(FONTS):]):
            raise StyleError(f"{folder}: {name}: a font must be a .ttf file directly in fonts/")
    elif name not in builtin_files():
        known = ", ".join(builtin_files())
        raise StyleError(f"{folder}: {name} is not a style file; a house style has files "
                         f"named as the built-in style's ({known}) and fonts in fonts/")


def _check_content(folder: str | os.PathLike[str], name: str, data: bytes) -> None:
    """Refuse what would only fail later, in every document: bad text, TOML, XML, fonts."""
    where = f"{folder}: {name}"
    if name.startswith(FONTS):
        _check_font(where, data)
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StyleError(f"{where}: not UTF-8 text") from None
    if name.endswith(".toml"):
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise StyleError(f"{where}: {exc}") from None
    elif name.endswith(".xml"):
        from .ooxml.styles import check_styles_part

        problem = check_styles_part(data)
        if problem:
            raise StyleError(f"{where}: {problem}")


def _check_font(where: str, data: bytes) -> None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        tables = set(font.keys())
        cmap = font.getBestCmap() or {}
    except (TTLibError, OSError, ValueError, AssertionError, KeyError) as exc:
        raise StyleError(f"{where}: not a TrueType font ({exc})") from None
    if "fvar" in tables:  # WeasyPrint instantiates these with fontTools, which stamps the clock
        raise StyleError(f"{where}: a variable font; use its static instances (one file a "
                         "weight and style), which embed the same way on every machine")
    if "glyf" not in tables or ord("-") not in cmap:
        # the PDF writer adds its layout hyphen to every served font (writers/pdf_fonts.py)
        raise StyleError(f"{where}: riksdoc needs TrueType outlines (glyf) and a hyphen-minus "
                         "in a font, to draw its line-end hyphen with it")

