"""The OOXML package: a zip of XML parts tied together by relationships.

Reading (`Package`) is safe for untrusted files: at most `MAX_MEMBERS` zip
members, `MAX_TOTAL` bytes uncompressed and a compression ratio of
`MAX_RATIO` for a large member (zip bombs); parts are parsed by
`riksdoc.safexml` (no entities, DTDs or network, a DOCTYPE refused).
Writing ends with `fixed_zip`, so the same document gives the same bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from .. import safexml
from ..errors import InputError
from . import REL_NS

MAX_MEMBERS = 2000
"""Most zip members a DOCX may have (riksdoc writes about 15)."""
MAX_TOTAL = 200 * 1024 * 1024
"""Most bytes all members may unpack to."""
MAX_RATIO = 200
"""Highest uncompressed/compressed ratio for a member bigger than 1 MiB (XML packs ~10:1)."""

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp when riksdoc writes: the earliest a zip can state, no clock."""


class Package:
    """A zip, checked against bombs, with parts parsed safely on demand."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"PK"):
            raise InputError("not a DOCX file (not a zip archive)")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(f"not a DOCX file (damaged zip: {exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"refused: {len(infos)} zip members (at most {MAX_MEMBERS})")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL:
            raise InputError(f"refused: unpacks to {total} bytes (at most {MAX_TOTAL})")
        for info in infos:
            if info.file_size > 1024 * 1024 and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(f"refused: {info.filename} is compressed "
                                 f"{info.file_size // max(info.compress_size, 1)}:1 (a zip bomb?)")
        self.names = {info.filename for info in infos}
        """Every part name in the package."""

    def xml(self, name: str | None) -> etree._Element | None:
        """Part *name* parsed safely, or None if the package has no such part."""
        if name is None or name not in self.names:
            return None
        try:
            data = self.zip.read(name)  # never more than the member's checked size
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(f"cannot unpack {name}: {exc}") from None
        return safexml.parse(data, name)

    def related(self, source: str) -> dict[str, str]:
        """Relationship type → target part name, for part *source* (``""`` = the package)."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, str] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            found.setdefault(rel.get("Type", ""), name)
        return found

    def related_by_name(self, source: str) -> dict[str, str]:
        """Like `related`, keyed by the relationship type's last word (``styles``,
        ``numbering``, ``footnotes``)."""
        return {posixpath.basename(t): name for t, name in self.related(source).items()}


def fixed_zip(data: bytes) -> bytes:
    """Rewrite a package with fixed entry timestamps and attributes (same input, same bytes).

    python-docx stamps entries with the current time; the entry order it writes
    is already fixed ([Content_Types].xml, then parts in relationship order).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
