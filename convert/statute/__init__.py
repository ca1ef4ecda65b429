"""Swedish statutes (SFS): text or the legal database's record → the model.

The statute pipeline, in processing order:

* `clean` — normalisation (the shared chain, column gaps kept for tables);
* `header` — the header block of older exports (``SFS nr: …``), or
  `record` — the database's JSON record, for the metadata;
* `lines` — recognisers: what each line is (chapter, section, rubrik, marker …);
* `grammar` — the transition table and the reader that runs it over the lines;
* `build` — the model nodes the grammar's constructors build;
* `citations` and `references` — what the text cites, made links (``2 kap.
  2–6 §§`` → ``#chp_2__sec_2`` …, ``lagen (2007:516)`` → ``/akn/se/act/2007/516``);
* `as_of` — the law on a given day (one version of each part).

`looks_like_statute` decides, without ``--kind``, whether a text is a statute:
a header block, or a body that opens with ``1 §``, ``1 kap.`` or ``AVD. I``
(after at most a few marker, repeal-note or heading lines).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from ..model import Document, Kind, Message, Statute
from ..normalise import Line, Normalised
from . import grammar, references
from .clean import clean
from .header import has_header, read_header, statute_from_header
from .lines import MARKER, REPEAL, heading_like

_OPENING = re.compile(r"^(?:1 ?§\.?(?:\s|$)|§ 1\.?\s|1 [Kk]ap\.(?:\s|$)|(?:AVD\.|AVDELNING|Avd\.) (?:I|1|A)\b"
                      r"|FÖRSTA AVDELNINGEN$)")
_HEADER = re.compile(r"^SFS(?: nr|-nummer|-nr)\s*:", re.IGNORECASE)
_NAME_NUMBER = re.compile(r"^(?:sfs[-_ ]?)?([0-9]{4})[-_:]([0-9]{1,5})$", re.IGNORECASE)


def looks_like_statute(text: str) -> bool:
    """Does *text* (decoded, not yet normalised) read as a statute?"""
    seen = 0
    for raw in text[:20000].splitlines()[:400]:  # the opening is enough
        line = raw.strip()
        if not line:
            continue
        if seen == 0 and _HEADER.match(line):
            return True
        if _OPENING.match(line):
            return True
        seen += 1
        if seen > 3 or not (MARKER.match(line) or REPEAL.match(line) or heading_like(line)):
            return False
    return False


def number_from_name(name: str) -> str | None:
    """``sfs-2010-800.txt`` → ``2010:800``: the SFS number an archive's file name gives."""
    stem = PurePath(name).name.split(".")[0]
    m = _NAME_NUMBER.match(stem)
    return f"{m.group(1)}:{int(m.group(2))}" if m else None


def parse_normalised(normalised: Normalised, *, name: str = "") -> Document:
    """A statute's normalised text (with or without the header block) as a `Document`.

    *name* is the input's file name: an archive's ``sfs-2010-800.txt`` gives the
    SFS number where the text states none (with a warning saying so).
    """
    lines = normalised.lines
    warnings: list[Message] = []
    statute, title = Statute(), None
    if has_header(lines):
        fields, start, warnings = read_header(lines)
        statute, title = statute_from_header(fields)
        lines = lines[start:]
    if statute.number is None and (number := number_from_name(name)):
        statute = replace(statute, number=number)
        warnings.append(Message("number-from-name", f"the text states no SFS number; "
                                f"{number} is taken from the file name"))
    elif statute.number is None:
        warnings.append(Message("no-number", "the text states no SFS number and no title (no "
                                "header block): the archive copy's identity is a placeholder; "
                                "convert the text with its header, the database's record, or "
                                "a file named like sfs-2024-1274.txt"))
    return _document(lines, statute, title, warnings)


def from_text(text: str, encoding: str = "str",
              replaced: tuple[tuple[int, int, bytes], ...] = (), *,
              name: str = "") -> tuple[Document, Normalised]:
    """A statute's decoded text as a `Document`, and its normalisation."""
    normalised = clean(text, encoding, replaced)
    return parse_normalised(normalised, name=name), normalised


def from_record(statute: Statute, title: str | None, text: str,
                warnings: list[Message] | None = None) -> tuple[Document, Normalised]:
    """A statute from the database's record: its metadata, its text and what reading the
    record warned of."""
    normalised = clean(text, "json")
    return _document(normalised.lines, statute, title, list(warnings or [])), normalised


def _document(lines: tuple[Line, ...], statute: Statute, title: str | None,
              warnings: list[Message]) -> Document:
    blocks, found = grammar.read(lines)
    blocks, unresolved = references.link(blocks)
    return Document(Kind.STATUTE, heading=title, blocks=blocks, statute=statute,
                    warnings=(*warnings, *found, *unresolved))
