"""Bytes → text: the first step of the pipeline.

Word-to-text exports arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM
(Windows tools), or a legacy single-byte code page (cp1252, latin-1).  The
order of trust:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
   without one, text whose every other byte is NUL is UTF-16 (LE or BE);
2. input that is valid UTF-8 is UTF-8 (strict decoding; ASCII is UTF-8); UTF-8
   with a few damaged bytes stays UTF-8, each bad sequence becoming U+FFFD and
   listed (so one bad byte does not turn every å into mojibake);
3. anything else is handed to charset-normalizer, and accepted only when it
   names a code page in which the bytes decode cleanly to text.

Binary input is refused before that: NUL bytes without a UTF-16/32 BOM, and
the signatures of the formats people most often rename to ``.txt`` by mistake
(PNG, JPEG, GIF, PDF, ZIP/DOCX, OLE2/DOC, gzip, RTF is text and passes).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE with BOM"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
)

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX and ODT are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (a binary Word .doc?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)

# Western single-byte code pages (Swedish text) that charset-normalizer may
# choose among; Central European and DOS pages are left out because they read
# å as ĺ or Õ (seen on short texts). A
# guess outside this list (e.g. a CJK multi-byte code page for a few stray
# bytes) is more likely a misdetection of binary junk than real input.
_LEGACY = {"cp1252", "latin_1", "iso8859_15"}


@dataclass(frozen=True)
class Decoded:
    """Text and how it was decoded."""

    text: str
    """The decoded text (a leading BOM removed)."""
    encoding: str
    """Human-readable name of the encoding used, e.g. ``UTF-8``, ``cp1252``."""
    replaced: tuple[tuple[int, int, bytes], ...] = ()
    """Invalid byte sequences in otherwise UTF-8 text, each (line, column, bytes), shown
    as U+FFFD in the text; the normaliser reports them."""


def decode(data: bytes) -> Decoded:
    """Decode *data* or raise `InputError` saying why it is not text."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), label)
            except UnicodeDecodeError as exc:
                if codec == "utf-8":  # a few damaged bytes, as without the BOM
                    damaged = _decode_damaged_utf8(data[len(bom):])
                    return Decoded(damaged.text, "UTF-8 with BOM (with invalid bytes)",
                                   damaged.replaced)
                raise InputError(f"starts with a {label.split(' with')[0]} byte-order mark "
                                 f"but byte {exc.start + len(bom)} is not valid {codec}") from None
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"not a text file: looks like {what}")
    bomless = _bomless_utf16(data)
    if bomless:
        try:
            return Decoded(data.decode(bomless), f"UTF-16 {bomless[-2:].upper()} without BOM")
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"not a text file: NUL byte at offset {nul} "
                         "(binary data, or UTF-16 without a byte-order mark)")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _mostly_utf8(data):
        return _decode_damaged_utf8(data)
    return _decode_legacy(data, first_bad)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes, rather than a legacy code page?

    Legacy text (å = E5) almost never contains a valid UTF-8 multi-byte
    sequence; UTF-8 text with Swedish letters is full of them.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    invalid = len(data.decode("utf-8", "replace")) - len(data.decode("utf-8", "ignore"))
    return valid > 0 and 4 * valid >= invalid


def _decode_damaged_utf8(data: bytes) -> Decoded:
    """Decode as UTF-8, invalid sequences shown as U+FFFD and listed (line, column, bytes)."""
    parts, replaced, position = [], [], 0
    line, line_start = 1, 0
    while position < len(data):
        try:
            parts.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            good = data[position: position + exc.start].decode("utf-8")
            parts.append(good + "\ufffd")
            bad_at = position + exc.start
            line += data.count(b"\n", line_start, bad_at)
            line_start = data.rfind(b"\n", 0, bad_at) + 1
            column = len(data[line_start:bad_at].decode("utf-8", "replace")) + 1
            replaced.append((line, column, data[bad_at: position + exc.end]))
            line_start = bad_at
            position += exc.end
    return Decoded("".join(parts), "UTF-8 (with invalid bytes)", tuple(replaced))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: text in Latin scripts has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    pairs = len(data) // 2
    if odd.count(0) > 0.9 * pairs and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * pairs and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, first_bad: int) -> Decoded:
    from charset_normalizer import from_bytes  # only legacy input pays for the import

    for match in from_bytes(data, cp_isolation=sorted(_LEGACY)):
        if match.encoding in _LEGACY:
            try:
                return Decoded(data.decode(match.encoding), match.encoding)
            except UnicodeDecodeError:
                continue
    # Too short for detection to be sure ("Öl"): Word on Swedish Windows writes
    # cp1252, so take it if every byte is defined there and the text has no
    # more control characters than text does.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and sum(ch < " " and ch not in "\t\n\r\f\v" for ch in text) <= len(text) // 100:
        return Decoded(text, "cp1252")
    raise InputError(f"not valid UTF-8 (byte {first_bad}) and not recognisable as a "
                     "legacy code page such as cp1252")
