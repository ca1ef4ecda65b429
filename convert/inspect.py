"""A human-readable account of what riksdoc found in one input (``riksdoc inspect``)."""

from __future__ import annotations

from .model import ListBlock, Paragraph, Speech, Table
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
        out.append(f"Heading:   {doc.heading}")
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
    if doc.department:
        out.append(f"Sender:    {doc.department}")
    for speech in (b for b in doc.blocks if isinstance(b, Speech)):
        out.append(f"Speech:    {speech.marker} {person_text(speech.speaker)}")
    counts = [(sum(isinstance(b, kind) for b in doc.blocks), name)
              for kind, name in ((Paragraph, "paragraph"), (ListBlock, "list"), (Table, "table"),
                                 (Speech, "speech"))]
    body = [f"{n} {name}(s)" for n, name in counts if n]
    if doc.notes:
        body.append(f"{len(doc.notes)} note(s)")
    out.append("Body:      " + (", ".join(body) or "empty"))
    for w in doc.warnings:
        out.append(f"Warning:   {'line ' + str(w.line) + ': ' if w.line else ''}{w.text}")
    return "\n".join(out)
