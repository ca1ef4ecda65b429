"""Presenting a document on the page and in the API: kind, metadata, outline, report,
warnings."""

from __future__ import annotations

from typing import Any

from ..model import Document, Person
from ..outline import Entry, entries, hierarchical
from ..readers import Read
from ..vocabulary import kind_label
from ..writers import part_names

CHANGE_LABELS = {
    "line-break": "radbrytning", "control-character": "styrtecken",
    "invisible-character": "osynligt tecken", "symbol-bullet": "symbolpunkt",
    "comment": "kommentar", "bookmark": "bokmärke", "image": "bild", "note": "not",
    "note-without-text": "not utan text", "note-without-reference": "not utan hänvisning",
    "embedded-file": "inbäddad fil", "whitespace-line": "rad med bara blanktecken",
    "leading-whitespace": "inledande blanktecken", "trailing-whitespace": "avslutande blanktecken",
    "tab": "tabbtecken", "space-run": "flera mellanslag i rad",
    "invalid-byte": "ogiltig byte", "cell-whitespace": "blanktecken i tabellcell",
    "unicode-composition": "sammansatt tecken (NFC)", "column-gap": "kolumnmellanrum",
}


def _person(person: Person | None) -> dict[str, str | None] | None:
    if person is None:
        return None
    return {"name": person.name, "party": person.party, "role": person.role}


def outline(document: Document) -> list[dict[str, Any]]:
    """A text with a hierarchy (a statute, a paper): what its reader navigates by, as the
    publications have it (`riksdoc.outline`): each entry's label, eId (the HTML's anchor,
    named as its AKN names it: `riksdoc.writers.part_names`) and the entries under it; a
    letter has none."""
    def entry(item: Entry) -> dict[str, Any]:
        return {"label": item.label, "eid": item.eid, "level": item.division.level.value,
                "children": [entry(child) for child in item.children]}
    if not hierarchical(document):
        return []
    return [entry(item) for item in entries(document.blocks, part_names(document))]


def describe(result: Read) -> dict[str, Any]:
    """Kind, metadata, outline, normalisation report and warnings as plain data (page and
    API)."""
    doc: Document = result.document
    questions = [{"designation": q.designation, "as_written": q.as_written,
                  "questioner": _person(q.questioner), "title": q.title}
                 for q in doc.questions]
    statute, paper = doc.statute, doc.paper
    metadata: dict[str, Any] = {
        "number": doc.questions[0].designation if doc.questions else
        (f"SFS {statute.number}" if statute is not None and statute.number else None)
        or (paper.designation if paper is not None else None),
        "questions": questions,
        "title": doc.title,
        "date": doc.date.iso() if doc.date else None,
        "date_text": doc.date_text,
        "place": doc.place,
        "signatory": _person(doc.signatory),
        "addressee": _person(doc.addressee),
    }
    if statute is not None:  # a statute: what the text or the record states about it
        metadata["statute"] = {
            "number": statute.number, "form": statute.form, "department": statute.department,
            "issued": statute.issued.isoformat() if statute.issued else None,
            "consolidated_through": statute.consolidated_through,
            "as_of": statute.as_of.isoformat() if statute.as_of else None}
        metadata["date"] = statute.issued.isoformat() if statute.issued else None
    if paper is not None:  # a paper: its identity and people as the text or record states them
        metadata["paper"] = {
            "session": paper.session, "number": paper.number, "committee": paper.committee,
            "ministry": paper.ministry, "record_id": paper.record_id,
            "authors": [_person(person) for person in paper.authors],
            "members": [_person(person) for person in paper.members]}
    report = result.normalised.report() if result.normalised is not None else None
    return {
        "kind": doc.kind.value,
        "kind_label": kind_label(doc.kind),
        "metadata": metadata,
        "outline": outline(doc),
        "report": report,
        "warnings": [{"code": w.code, "text": w.text, "line": w.line} for w in doc.warnings],
    }


def stem_for(document: Document) -> str:
    """Output base name for pasted text: ``frs-2017-18-112`` (the corpus's naming), or
    ``dokument`` when the document has no number."""
    if document.statute is not None and document.statute.number:
        return "sfs-" + document.statute.number.replace(":", "-")
    if not document.questions:
        return "dokument"
    q = document.questions[0]
    return f"{document.kind.value}-{q.session.replace('/', '-')}-{q.number}"


def size(n: int) -> str:
    """Bytes in Swedish for people: ``10 MB``, ``512 kB``, ``900 byte``."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            value = n / scale
            text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text} {unit}"
    return f"{n} byte"


_VISIBLE = {" ": "␣", "\t": "⇥", "\u00a0": "⍽"}


def visible(text: str) -> str:
    """*text* as a report cell shows it: invisible characters by their code point, and
    whitespace that would not be seen (all of it, or at either end) as ␣ ⇥ ⍽."""
    core = text.strip(" \t\u00a0")
    start = text.index(core) if core else len(text)
    end = start + len(core)
    out = []
    for index, char in enumerate(text):
        if char == "\t" or (char in _VISIBLE and not start <= index < end):
            out.append(_VISIBLE[char])
        elif not char.isprintable() and char not in _VISIBLE:
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)
