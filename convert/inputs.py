"""What a batch converts: the inputs the command line names, folders expanded.

A file named on the command line is an input whatever its name (the text
reader reads any).  A folder gives every file a reader claims
(`riksdoc.readers.claims`: ``.txt`` in any case, ``.docx``, ``.akn.xml``,
``.xml``, ``.json``), and with ``--recursive`` the folders inside it too,
mirrored in the output folder.  Whatever else a folder holds is listed as
passed over, never dropped in silence.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import readers
from .errors import InputError
from .limits import DEFAULT, Limits
from .outputs import MANIFEST, Manifest, is_own_file


@dataclass(frozen=True)
class Input:
    """One input of a batch, and where in the output folder its outputs go."""

    source: str
    """The file as named or found (``-``: standard input)."""
    folder: str = ""
    """Folder under the output folder for its outputs ("": the output folder itself); with
    ``--recursive``, the input's folder under the folder it was found in."""

    @property
    def stem(self) -> str:
        """Base name of its outputs."""
        return stem_of(self.source)

    @property
    def name(self) -> str:
        """Its outputs' name in the output folder, without suffix (the manifest's key)."""
        return f"{self.folder}/{self.stem}" if self.folder else self.stem


@dataclass(frozen=True)
class Passed:
    """A file or folder inside a folder input that is not converted, and why."""

    path: str
    """The file or folder."""
    reason: str
    """Why it was passed over, in a few words."""


@dataclass
class Inputs:
    """What the command line's inputs name."""

    found: list[Input] = field(default_factory=list)
    """The inputs, folders expanded (sorted), each once."""
    passed: list[Passed] = field(default_factory=list)
    """What folder inputs held that is not an input."""
    folders: bool = False
    """Whether a folder was among the inputs (its outputs go to a folder, never a file)."""


def collect_inputs(items: Sequence[str], recursive: bool = False) -> Inputs:
    """Files as given; folders expanded to every file a reader claims (`readers.claims`),
    sorted, and with *recursive* to the folders inside too (mirrored in the output).

    Everything else in a folder is listed in `Inputs.passed`: other files, folders
    (unless *recursive*), links to folders, outputs an earlier run wrote there
    (its manifest says which), hidden files in one line a folder.  A folder with no
    input stays an input, to fail with its reason."""
    inputs = Inputs()
    for item in items:
        path = Path(item)
        if item != "-" and path.is_dir():
            inputs.folders = True
            before = len(inputs.found)
            _expand(path, path, recursive, Manifest(path).outputs(), inputs)
            if len(inputs.found) > before:
                continue
        inputs.found.append(Input(item))
    unique: dict[str, Input] = {}
    for found in inputs.found:  # a file named and also in a named folder: once, as first seen
        unique.setdefault(found.source, found)
    inputs.found = list(unique.values())
    return inputs


def _expand(top: Path, folder: Path, recursive: bool, written: set[str], inputs: Inputs) -> None:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        inputs.passed.append(Passed(str(folder), f"cannot be read ({exc.strerror or exc})"))
        return
    hidden = [entry.name for entry in entries
              if entry.name.startswith(".") and not is_own_file(entry.name)]
    if hidden:
        shown = ", ".join(hidden[:3]) + (", …" if len(hidden) > 3 else "")
        what = "hidden file or folder" if len(hidden) == 1 else "hidden files and folders"
        inputs.passed.append(Passed(str(folder), f"{len(hidden)} {what} ({shown})"))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relative = entry.relative_to(top).as_posix()
        if entry.is_dir():
            if entry.is_symlink():
                inputs.passed.append(Passed(str(entry), "a link to a folder, not followed"))
            elif recursive:
                _expand(top, entry, recursive, written, inputs)
            else:
                inputs.passed.append(Passed(str(entry), "a folder (--recursive takes folders "
                                                        "inside folders)"))
        elif not readers.claims(entry.name):
            inputs.passed.append(Passed(str(entry), "not a file riksdoc reads "
                                                    f"({', '.join(readers.suffixes())})"))
        elif relative in written:
            inputs.passed.append(Passed(str(entry), f"written by an earlier run (see {MANIFEST}); "
                                                    "name the file to convert it"))
        else:
            parent = entry.parent.relative_to(top).as_posix()
            inputs.found.append(Input(str(entry), "" if parent == "." else parent))


def stem_of(source: str) -> str:
    """Output base name: ``answer.txt`` → ``answer``, ``x.akn.xml`` → ``x`` (the suffixes
    of `riksdoc.readers.READERS`), stdin → ``stdin``."""
    if source == "-":
        return "stdin"
    return readers.stem(Path(source).name)


def read_source(source: str, limits: Limits = DEFAULT) -> bytes | str:
    """The input's bytes, or a one-line reason why they cannot be read.

    A file over the size limit is refused before it is read into memory.
    """
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limits.max_bytes + 1)
        else:
            with open(source, "rb") as handle:
                limits.check_size(os.fstat(handle.fileno()).st_size)
                data = handle.read(limits.max_bytes + 1)
        limits.check_size(len(data))
        return data
    except InputError as exc:
        return str(exc)
    except IsADirectoryError:
        return f"a folder with no file riksdoc reads ({', '.join(readers.suffixes())})"
    except FileNotFoundError:
        return "no such file"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return exc.strerror or str(exc)
