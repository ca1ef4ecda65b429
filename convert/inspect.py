"""A human-readable account of what riksdoc found in one input (``riksdoc inspect``)."""

from __future__ import annotations

from .model import Division, Document, ListBlock, Paragraph, Speech, Table, walk
from .readers import Read
from .vocabulary import BY, kind_label, person_text


def describe(result: Read, source: str) -> str:
    """Encoding, normalisation report, kind, metadata and warnings, one fact a line."""
    doc = result.document
    out = [f"File:      {source}"]
    if result.normalised is not None:
        norm = result.normalised
        out.append(f"Encoding:  {norm.encoding}")
        if norm.changes:
            out.append(f"Normalisation: {len(norm.changes)} change(s)")
            for c in sorted(norm.changes, key=lambda c: (c.line, c.column)):
                detail = f" — {c.detail}" if c.detail else ""
                out.append(f"  line {c.line}, col {c.column}: {c.kind} {c.text!r}{detail}")
        else:
            out.append("Normalisation: nothing to change")
    out.append(f"Type:      {doc.kind.value} ({kind_label(doc.kind).lower()})")
    if doc.head:
        out.append(f"Opening:   {doc.head}")
    for q in doc.questions:
        who = f" {BY} {person_text(q.questioner)}" if q.questioner else ""
        if q.questioner and not q.questioner_stated:
            who += " (named in the body)"
        out.append(f"Question:  {q.designation}{who}" + (f" — {q.title}" if q.title else ""))
    if doc.heading:
        out.append(f"{'Title:    ' if doc.statute or doc.paper else 'Heading:  '} {doc.heading}")
    out += _statute_lines(doc)
    out += _paper_lines(doc)
    if doc.addressee:
        out.append(f"To:        {person_text(doc.addressee)}")
    if doc.minister:
        out.append(f"Minister:  {person_text(doc.minister)}")
    if doc.place or doc.date:
        date = doc.date.iso() if doc.date else "no date"
        out.append(f"Place/date: {doc.place or 'no place'}, {date}"
                   + (f" ({doc.date_text})" if doc.date_text else ""))
    for s in doc.signatures:
        out.append(f"Signed:    {person_text(s.person)}")
    if doc.department and doc.statute is None and doc.paper is None:
        out.append(f"Sender:    {doc.department}")
    for speech in (b for b in doc.blocks if isinstance(b, Speech)):
        out.append(f"Speech:    {speech.marker} {person_text(speech.speaker)}")
    contents = [c for c in result.normalised.changes if c.kind == "table-of-contents"] \
        if result.normalised is not None else []
    if contents:
        out.append(f"Contents:  table of contents of {len(contents) - 1} line(s) taken out of "
                   f"the text (lines {contents[0].line}–{contents[-1].line}, in the report)")
    body = _body_counts(doc)
    if doc.notes:
        body.append(f"{len(doc.notes)} note(s)")
    out.append("Body:      " + (", ".join(body) or "empty"))
    for w in doc.warnings:
        out.append(f"Warning:   {'line ' + str(w.line) + ': ' if w.line else ''}{w.text}")
    return "\n".join(out)


def _body_counts(doc: Document) -> list[str]:
    """``3 paragraph(s), 1 list(s)``; a hierarchy's parts by level (``32 chapter(s)``)."""
    counts = [(sum(isinstance(b, kind) for b in doc.blocks), name)
              for kind, name in ((Paragraph, "paragraph"), (ListBlock, "list"), (Table, "table"),
                                 (Speech, "speech"))]
    body = [f"{n} {name}(s)" for n, name in counts if n]
    levels: dict[str, int] = {}
    for block, _ in walk(doc.blocks):
        if isinstance(block, Division):
            levels[block.level.value] = levels.get(block.level.value, 0) + 1
    return body + [f"{n} {_LEVEL_NAMES.get(level, level)}" for level, n in levels.items()]


_LEVEL_NAMES = {"part": "part(s)", "chapter": "chapter(s)", "section": "section(s)",
                "paragraph": "stycke(n)", "heading": "rubrik(er)", "annex": "annex(es)",
                "transitional": "transitional provisions", "amendment": "amending act group(s)",
                "headed": "headed part(s)", "proposal": "proposal(s)",
                "reservation": "reservation(s)", "opinion": "special opinion(s)",
                "signatures": "signature block(s)", "law": "proposed law(s)"}


def _paper_lines(doc: Document) -> list[str]:
    """A paper's designation, header, authors, committee or ministry, where known."""
    p = doc.paper
    if p is None:
        return []
    facts = [("Number:", p.designation), ("Header:", p.doc_line), ("By:", p.by_line),
             ("Committee:", p.committee), ("Ministry:", p.ministry),
             ("Authors:", ", ".join(person_text(a) for a in p.authors) or None),
             ("Members:", f"{len(p.members)} taking part in the decision" if p.members else None),
             ("Record:", p.record_id)]
    return [f"{label:<11}{value}" for label, value in facts if value]


def _statute_lines(doc: Document) -> list[str]:
    """SFS number, form, department and dates of a statute, where known."""
    s = doc.statute
    if s is None:
        return []
    facts = [("SFS:", s.number), ("Form:", s.form), ("Dept.:", s.department),
             ("Issued:", s.issued.isoformat() if s.issued else None),
             ("In force:", s.in_force.isoformat() if s.in_force else None),
             ("Through:", f"SFS {s.consolidated_through}" if s.consolidated_through else None),
             ("Repealed:", f"by SFS {s.repealed_by}" if s.repealed_by else None)]
    out = [f"{label:<11}{value}" for label, value in facts if value]
    if s.amendments:
        out.append(f"{'Amended:':<11}{len(s.amendments)} amending act(s)")
    return out
