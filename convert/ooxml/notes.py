"""Footnotes and endnotes: their parts, their references, their marks.

A note is written as a real Word note: a reference run in the text (Word's
automatic number, or a custom mark when the model's marker is not the next
number) and a ``w:footnote``/``w:endnote`` in its own part, after the two
separator notes Word expects.  A reader finds the notes by id and tells the
note's own mark from its text (`is_mark_run`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from . import W_NS, XML_SPACE, val, w
from .numbering import NUMBER_FORMATS

FIRST_NOTE_ID = 2
"""Note ids 0 and 1 are the separator and continuation separator Word expects."""

NOTE_FORMATS = {False: "decimal", True: "lowerRoman"}
"""How Word numbers footnotes (False) and endnotes (True): 1, 2, … and i, ii, …, the
marks riksdoc gives them (and ECMA-376's defaults, which a reader assumes)."""


@dataclass(frozen=True)
class NoteXml:
    """One footnote or endnote to write: its Word id, mark and text runs."""

    word_id: int
    """w:id in the notes part (from `FIRST_NOTE_ID`)."""
    custom_mark: str | None
    """The mark when it is not Word's automatic number."""
    text: str
    """The note's text."""


def add_note_reference(paragraph: WordParagraph, word_id: int, *, endnote: bool,
                       custom_mark: str | None) -> None:
    """A footnote/endnote reference run at the end of *paragraph*."""
    kind = "endnote" if endnote else "footnote"
    run = paragraph.add_run()
    run.style = f"{kind} reference"
    ref = etree.SubElement(run._r, w(f"{kind}Reference"))  # python-docx has no notes API
    if custom_mark is not None:
        ref.set(w("customMarkFollows"), "1")
    ref.set(w("id"), str(word_id))
    if custom_mark is not None:
        etree.SubElement(run._r, w("t")).text = custom_mark


def add_notes_part(document: WordDocument, notes: Sequence[NoteXml], *, endnote: bool) -> None:
    """The footnotes (or endnotes) part with its separators, related from the document."""
    kind = "endnote" if endnote else "footnote"
    style_id, ref_style = ("EndnoteText", "EndnoteReference") if endnote else \
        ("FootnoteText", "FootnoteReference")
    root = etree.Element(w(f"{kind}s"), nsmap={"w": W_NS})
    for note_id, sep in ((0, "separator"), (1, "continuationSeparator")):
        el = etree.SubElement(root, w(kind), {w("type"): sep, w("id"): str(note_id)})
        p = etree.SubElement(el, w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("spacing"), {w("after"): "0", w("line"): "240",
                                             w("lineRule"): "auto"})
        etree.SubElement(etree.SubElement(p, w("r")), w(sep))
    for note in notes:
        el = etree.SubElement(root, w(kind), {w("id"): str(note.word_id)})
        p = etree.SubElement(el, w("p"))
        etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): style_id})
        r = etree.SubElement(p, w("r"))
        etree.SubElement(etree.SubElement(r, w("rPr")), w("rStyle"), {w("val"): ref_style})
        if note.custom_mark is None:
            etree.SubElement(r, w(f"{kind}Ref"))
        else:
            etree.SubElement(r, w("t")).text = note.custom_mark
        r = etree.SubElement(p, w("r"))
        t = etree.SubElement(r, w("t"))
        t.text = " " + note.text
        t.set(XML_SPACE, "preserve")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    partname, content_type, reltype = (
        ("/word/endnotes.xml", CT.WML_ENDNOTES, RT.ENDNOTES) if endnote else
        ("/word/footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES))
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    document.part.relate_to(part, reltype)


# -- reading ---------------------------------------------------------------------------

def note_elements(part: etree._Element | None) -> dict[str, etree._Element]:
    """The notes of a footnotes or endnotes part by w:id, separators left out."""
    if part is None:
        return {}
    return {el.get(w("id"), ""): el for el in part if el.get(w("type")) is None}


def note_formats(settings: etree._Element | None,
                 body: etree._Element | None) -> dict[bool, str]:
    """How a document numbers footnotes (False) and endnotes (True): the section's
    ``w:numFmt``, else the settings', else ECMA-376's defaults (1, 2, … and i, ii, …)."""
    formats = dict(NOTE_FORMATS)
    section = body.find(w("sectPr")) if body is not None else None
    for endnote, tag in ((False, "footnotePr"), (True, "endnotePr")):
        for root in (settings, section):  # the section's, when it says, wins
            found = val(root.find(w(tag)) if root is not None else None, "numFmt")
            if found in NUMBER_FORMATS:
                formats[endnote] = found
    return formats


def is_mark_run(run: etree._Element, style_names: dict[str, str]) -> bool:
    """Does *run* show a note's own mark (at the start of the note's text)?

    Word writes w:footnoteRef; a custom mark is a run in the note-reference
    character style (riksdoc's "footnote reference", LibreOffice's
    "Footnote Characters"/"Footnote Anchor"), or any superscript run.
    """
    if run.find(w("footnoteRef")) is not None or run.find(w("endnoteRef")) is not None:
        return True
    rpr = run.find(w("rPr"))
    if rpr is None:
        return False
    style_id = val(rpr, "rStyle")
    if style_id is not None:
        name = f"{style_id} {style_names.get(style_id, '')}".lower()
        if "footnote" in name or "endnote" in name:
            return True
    return val(rpr, "vertAlign") == "superscript"
