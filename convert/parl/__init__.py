"""Riksdag papers: motions, committee reports, bills and communications → the model.

The papers pipeline, in processing order:

* `clean` — normalisation: the shared chain with table cells kept, a print's
  running heads, page numbers and title block out, the table of contents out
  (all in the report), footnotes at a page's foot made notes;
* `header` — which kind of paper, its designation, title and author line;
* `lines` — recognisers: what each line is, and the genre's headings;
* `grammar` — the transition table and the reader that runs it over the body;
* `build` — the parts being read and their running text;
* `law` — a bill's proposed law, read with the statute grammar
  (`riksdoc.statute.grammar`);
* `record` and `html` — the Riksdag's open-data record of any document, its
  metadata and its HTML body.

`looks_like_paper` decides, without ``--kind``, whether a text is a paper: its
header (``Motion till riksdagen``, ``Justitieutskottets betänkande``,
``Regeringens proposition 2018/19:138``) or a motion's body.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Division, Document, Kind, Level, Message, Paper, Person, walk
from ..normalise import Normalised
from .clean import clean, contents
from .grammar import Reader
from .header import looks_like_paper as _opening_kind, read_header
from .lines import MEMBERS, PAPERS, ministry

__all__ = ["PAPERS", "clean", "looks_like_paper", "parse_normalised"]


def looks_like_paper(text: str) -> bool:
    """Does *text* (decoded, not yet normalised) read as a motion, report, bill or
    communication?"""
    return kind_of_text(text) is not None


def kind_of_text(text: str) -> Kind | None:
    """The kind of paper *text* (decoded) opens as, or None."""
    lines = [line.strip(" \t\u00a0") for line in text[:20000].splitlines()[:400]]
    return _opening_kind(lines)


def parse_normalised(normalised: Normalised, *, name: str = "", kind: Kind | None = None) -> Document:
    """A paper's normalised text as a `Document` (*kind*: the kind ``--kind`` names)."""
    lines = normalised.lines
    header = read_header(lines, name, kind if kind in PAPERS else None)
    printed = any(change.kind == "running-head" for change in normalised.changes)
    reader = Reader(lines[header.body:], header.kind, contents(normalised), header.title, printed)
    blocks, warnings = reader.run()
    paper = _authors(header.paper, blocks, header.kind)
    place, date, date_text = reader.dated or (None, None, None)
    notes = tuple(_note(n) for n in normalised.notes)
    return Document(header.kind, heading=header.title, place=place, date=date, date_text=date_text,
                    blocks=blocks, notes=notes, paper=paper,
                    warnings=(*header.warnings, *warnings, *_checks(paper, header.kind)))


def _note(note: object) -> object:
    from ..model import Note
    from ..normalise import ExtractedNote
    from .build import inlines
    assert isinstance(note, ExtractedNote)
    return Note(note.note_id, note.marker, inlines(note.text), note.endnote)


def _authors(paper: Paper, blocks: tuple[object, ...], kind: Kind) -> Paper:
    """Who signs (the first signature block's people, a report's members apart), the
    report's members, a bill's ministry."""
    block = next((b for b, _ in walk(blocks) if isinstance(b, Division)  # type: ignore[arg-type]
                  and b.level is Level.SIGNATURES), None)
    if block is None:
        return paper
    members: list[Person] = []
    dept = paper.ministry
    for child in block.children:
        text = "".join(part for part in getattr(child, "content", ()) if isinstance(part, str))
        if (m := MEMBERS.match(text)) is not None:
            from .lines import listed_people
            members = listed_people(m.group("list"))
        elif dept is None and (found := ministry(text)) is not None:
            dept = found
    authors = tuple(p for p in block.people if p not in members) or paper.authors
    return replace(paper, authors=authors, members=tuple(members), ministry=dept)


def _checks(paper: Paper, kind: Kind) -> list[Message]:
    out = []
    if paper.number is None:
        out.append(Message("no-designation", f"the {kind.value} states no designation "
                           "(session and number)"))
    return out
