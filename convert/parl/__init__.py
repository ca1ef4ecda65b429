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

`kind_of_text` decides, without ``--kind``, whether a text is a paper: its header
(``Motion till riksdagen``, ``Justitieutskottets betänkande``, ``Regeringens
proposition 2018/19:138``) or a motion's body.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import (
    Block,
    Division,
    Document,
    Kind,
    Level,
    Message,
    Note,
    Paper,
    Paragraph,
    Person,
    inline_text,
    walk,
)
from ..normalise import Normalised
from ..parse.body import inlines
from .clean import clean
from .contents import contents
from .grammar import Reader
from .header import looks_like_paper, read_header
from .lines import MEMBERS, PAPERS, listed_people, ministry

__all__ = ["PAPERS", "clean", "kind_of_text", "parse_normalised"]


def kind_of_text(text: str) -> Kind | None:
    """The kind of paper *text* (decoded, not yet normalised) opens as, or None."""
    lines = [line.strip(" \t\u00a0") for line in text[:20000].splitlines()[:400]]
    return looks_like_paper(lines)


def parse_normalised(normalised: Normalised, *, name: str = "", kind: Kind | None = None,
                     hints: dict[int, str] | None = None) -> Document:
    """A paper's normalised text as a `Document` (*kind*: the kind ``--kind`` names, which
    a text without a header is read as; *hints*: what markup says of input lines, by line
    number, ``heading`` or ``text``, for a text rendered from HTML)."""
    lines = normalised.lines
    header = read_header(lines, name, kind if kind in PAPERS else None)
    printed = any(change.kind == "running-head" for change in normalised.changes)
    reader = Reader(lines[header.body:], header.kind, contents(normalised), header.title, printed,
                    hints or {})
    blocks, warnings = reader.run()
    paper = _signed(header.paper, blocks)
    place, date, date_text = reader.dated or (None, None, None)
    notes = tuple(Note(n.note_id, n.marker, inlines(n.text), n.endnote) for n in normalised.notes)
    checks = _checks(header.kind, paper, blocks, normalised)
    return Document(header.kind, heading=header.title, place=place, date=date, date_text=date_text,
                    blocks=blocks, notes=notes, paper=paper,
                    warnings=(*header.warnings, *warnings, *checks))


def _checks(kind: Kind, paper: Paper, blocks: tuple[Block, ...],
            normalised: Normalised) -> list[Message]:
    """What a paper of *kind* has and this one lacks: a designation, a signature block,
    proposals (motions and reports), a heading its table of contents lists."""
    divisions = [b for b, _ in walk(blocks) if isinstance(b, Division)]
    levels = {d.level for d in divisions}
    last = normalised.lines[-1].number if normalised.lines else None
    out = []
    if paper.number is None:
        out.append(Message("no-designation", f"the {kind.value} states no designation "
                           "(session and number)"))
    if Level.SIGNATURES not in levels:
        out.append(Message("no-signatures", f"no signature block in the {kind.value} (is the text "
                           "cut short?)", last))
    if kind in (Kind.MOTION, Kind.REPORT) and Level.PROPOSAL not in levels:
        out.append(Message("no-proposals", f"no proposals for the Riksdag's decision in the "
                           f"{kind.value} (is the text cut short?)", last))
    if kind is Kind.REPORT and Level.SIGNATURES in levels:
        out += _counted(divisions)
    found = {d.num for d in divisions if d.level is Level.HEADED and d.num}
    for entry in contents(normalised):
        if entry.num and entry.num[0].isdigit() and entry.num not in found and kind is not Kind.REPORT:
            out.append(Message("heading-not-found", f"the table of contents lists {entry.num} "
                               f"{entry.title!r}, which the text has no heading for", entry.line))
    return out


_NUMBER_WORDS = ("inga", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
                 "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton",
                 "nitton", "tjugo")
_STATED = re.compile(r"\bI betänkandet finns (?:(?P<res>\w+) reservation(?:er)?)?(?: \([^)]*\))?"
                     r"(?:,? (?:och|samt) )?(?:(?P<op>\w+) särskil(?:t|da) yttranden?)?")


def _counted(divisions: list[Division]) -> list[Message]:
    """A report's summary counts its reservations and special opinions (``I betänkandet finns
    13 reservationer (S, M) och ett särskilt yttrande (V).``): a warning where the parts
    found are not as many."""
    for division in divisions:
        for child in division.children:
            if not isinstance(child, Paragraph):
                continue
            m = _STATED.search(inline_text(child.content))
            if m is None or not (m.group("res") or m.group("op")):
                continue
            out = []
            for group, level, what in (("res", Level.RESERVATION, "reservations"),
                                       ("op", Level.OPINION, "special opinions")):
                stated = _number(m.group(group)) if m.group(group) else None
                found = sum(1 for d in divisions if d.level is level)
                if stated is not None and stated != found:
                    out.append(Message("count-differs", f"the summary states {stated} {what}, the "
                                       f"text has {found}", child.span.first if child.span else None))
            return out
    return []


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ("ingen", "ett"):
        return {"ingen": 0, "ett": 1}[word]
    return _NUMBER_WORDS.index(word) if word in _NUMBER_WORDS else None


def _signed(paper: Paper, blocks: tuple[Block, ...]) -> Paper:
    """The paper's authors (who its first signature block names, a report's members apart;
    else its ``av`` line's), a report's members, a bill's ministry."""
    block = next((b for b, _ in walk(blocks) if isinstance(b, Division)
                  and b.level is Level.SIGNATURES), None)
    if block is None:
        return paper
    members: list[Person] = []
    found = paper.ministry
    for child in block.children:
        text = inline_text(child.content) if isinstance(child, Paragraph) else ""
        if (m := MEMBERS.match(text)) is not None:
            members = listed_people(m.group("list"))
        elif found is None:
            found = ministry(text)
    authors = tuple(p for p in block.people if p not in members) or paper.authors
    return replace(paper, authors=authors, members=tuple(members), ministry=found)
