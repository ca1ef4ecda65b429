"""The OOXML package: a zip of XML parts tied together by relationships.

Reading (`Package`) is safe for untrusted files: at most `MAX_MEMBERS` zip
members, `MAX_TOTAL` bytes uncompressed as declared and a compression ratio
of `MAX_RATIO` for a large member (zip bombs).  The sizes an archive declares
are not trusted either: a part is inflated a piece at a time and reading
stops at its declared size, at `MAX_PART` bytes and at `MAX_READ` bytes for
the whole package, whatever the archive claims.  Parts are parsed by
`riksdoc.safexml` (no entities, DTDs or network, a DOCTYPE refused, at most
`MAX_ELEMENTS` elements in all).
Writing ends with `fixed_zip`, so the same document gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import uuid
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
MAX_PART = 48 * 1024 * 1024
"""Most bytes one part is inflated to (a 100-page report's document.xml is a few MB)."""
MAX_READ = 96 * 1024 * 1024
"""Most bytes all the parts riksdoc reads are inflated to, together."""
MAX_ELEMENTS = 1_000_000
"""Most XML elements in all the parts riksdoc reads, together (about 120 MB as trees)."""
_PIECE = 1024 * 1024

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
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # Word writes deflate; bzip2 and LZMA inflate a read's worth without a bound
                raise InputError(f"refused: {info.filename} is compressed with a method Word "
                                 f"does not use ({info.compress_type})")
            if info.file_size > 1024 * 1024 and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(f"refused: {info.filename} is compressed "
                                 f"{info.file_size // max(info.compress_size, 1)}:1 (a zip bomb?)")
        self.names = {info.filename for info in infos}
        """Every part name in the package."""
        self.read_bytes = 0
        """Bytes inflated so far (against `MAX_READ`)."""
        self.elements_left = MAX_ELEMENTS
        """Elements the parts still to be parsed may have, together."""

    def xml(self, name: str | None) -> etree._Element | None:
        """Part *name* parsed safely, or None if the package has no such part."""
        if name is None or name not in self.names:
            return None
        root = safexml.parse(self.inflate(name), name, self.elements_left)
        self.elements_left -= sum(1 for _ in root.iter())
        return root

    def inflate(self, name: str) -> bytes:
        """Part *name*'s bytes, inflated a piece at a time within the limits."""
        declared = self.zip.getinfo(name).file_size
        if declared > MAX_PART:
            raise InputError(f"refused: {name} unpacks to {declared:,} bytes (at most {MAX_PART:,})")
        if self.read_bytes + declared > MAX_READ:
            raise InputError(f"refused: its parts unpack to more than {MAX_READ:,} bytes")
        pieces = []
        try:
            with self.zip.open(name) as member:
                while piece := member.read(_PIECE):  # stops at the declared size
                    pieces.append(piece)
                    self.read_bytes += len(piece)
                    if self.read_bytes > MAX_READ:
                        raise InputError(f"refused: its parts unpack to more than {MAX_READ:,} "
                                         "bytes")
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            raise InputError(f"cannot unpack {name}: {exc}") from None
        return b"".join(pieces)

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

    def targets(self, source: str) -> dict[str, str]:
        """Relationship id → target as written (external ones too: a hyperlink's URI),
        for part *source*."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return {}
        return {rel.get("Id", ""): rel.get("Target", "")
                for rel in rels.iter(f"{{{REL_NS}}}Relationship")}

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


def content_guid(data: bytes) -> str:
    """A GUID named by *data* (a hash, no random ids), as OOXML writes one (ST_Guid):
    ``{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}``, upper case."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
