"""Raw OOXML for what python-docx has no API for, in one place.

python-docx builds the document; this module holds every tweak made below
its API: the styles part from ``styles/docx/styles.xml``, Swedish settings,
page-number fields, the footnotes/endnotes parts and their references, the
numbering part for real Word lists, package tidying (python-docx's template
ships a thumbnail, a Word 2010 ``stylesWithEffects`` copy, a bibliography
custom-XML item and "Microsoft Macintosh Word" in app.xml), and rewriting
the zip with fixed entry timestamps so the same input gives the same bytes.

It also holds the safe XML parser the DOCX reader uses.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Sequence

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace."""

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp: the earliest a zip can state, i.e. no clock."""

LANGUAGE = "sv-SE"
"""The document language (also set in styles/docx/styles.xml)."""

FIRST_NOTE_ID = 2
"""Note ids 0 and 1 are the separator and continuation separator Word expects."""


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


# -- safe parsing (reader) ---------------------------------------------------

def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False)


def parse_safely(data: bytes, name: str) -> etree._Element:
    """Parse one package part; refuse any DOCTYPE (OOXML never has one: XXE, billion laughs).

    Raises ValueError with a one-line reason.
    """
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"{name} is not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise ValueError(f"{name} has a DOCTYPE declaration, which OOXML never has")
    return root


# -- styles and settings -------------------------------------------------------

def use_styles(document: WordDocument, styles_xml: bytes) -> None:
    """Put *styles_xml* (the text part from styles/) in place of the template's styles."""
    document.part._styles_part._element = parse_xml(styles_xml)  # noqa: SLF001 (no API)


def tidy_package(document: WordDocument) -> None:
    """Drop the template's parts that are noise or that would contradict our styles."""
    part = document.part
    for rId, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/"
                           "relationships/stylesWithEffects"):
            del part.rels[rId]
    package = part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rId]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML  # noqa: SLF001 (generic part, no API)


def drop_core_dates(document: WordDocument) -> None:
    """Take ``dcterms:created`` and ``dcterms:modified`` out of the core properties (the
    template carries its own 2013 dates): a document whose text states no full date gets
    none, rather than a made-up one."""
    core = document.core_properties._element  # noqa: SLF001 (python-docx cannot unset them)
    for name in ("created", "modified"):
        for element in core.findall(f"{{http://purl.org/dc/terms/}}{name}"):
            core.remove(element)


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><TotalTime>0</TotalTime>"
    b"<Application>riksdoc</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>")
"""Extended properties without the template's stale counts and application name."""


def swedish_settings(document: WordDocument, *, footnotes: bool, endnotes: bool) -> None:
    """Settings for a Swedish document: language, decimal comma, hyphenation, spell check.

    The template claims its spelling was checked clean (``proofState``) and its
    theme language is en-US; both would mislead Word's Swedish proofing.
    """
    settings = document.settings.element
    for tag in ("proofState", "savePreviewPicture"):
        for el in settings.findall(w(tag)):
            settings.remove(el)
    for el in settings.iter(w("themeFontLang")):
        el.set(w("val"), LANGUAGE)
        el.attrib.pop(w("eastAsia"), None)
    for tag, value in (("decimalSymbol", ","), ("listSeparator", ";")):
        for el in settings.iter(w(tag)):
            el.set(w("val"), value)
    tab = settings.find(w("defaultTabStop"))
    hyphenation = etree.Element(w("autoHyphenation"))
    if tab is not None:
        tab.addnext(hyphenation)
    compat = settings.find(w("compat"))
    # footnotePr/endnotePr name the separator notes; schema order puts them before w:compat.
    for wanted, tag in ((footnotes, "footnotePr"), (endnotes, "endnotePr")):
        if not wanted or compat is None:
            continue
        pr = etree.Element(w(tag))
        # Arabic numbers for both kinds: Word and LibreOffice number endnotes i, ii, ...
        # by default, but the model's automatic note markers are 1, 2, ...
        etree.SubElement(pr, w("numFmt"), {w("val"): "decimal"})
        for note_id in (0, 1):
            etree.SubElement(pr, w(tag[:-2])).set(w("id"), str(note_id))
        compat.addprevious(pr)
    if endnotes:  # LibreOffice reads the endnote format from the section, not the settings
        sect_pr = document.sections[-1]._sectPr  # noqa: SLF001
        pr = etree.Element(w("endnotePr"))
        etree.SubElement(pr, w("numFmt"), {w("val"): "decimal"})
        sect_pr.find(w("pgSz")).addprevious(pr)


# -- fields --------------------------------------------------------------------

def add_field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with *shown* as its cached result."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None),
                       ("result", shown), ("end", None)):
        r = paragraph.add_run()._r  # noqa: SLF001 (python-docx has no field API)
        if kind == "instr":
            el = etree.SubElement(r, w("instrText"))
            el.text = text
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif kind == "result":
            etree.SubElement(r, w("t")).text = text
        else:
            etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)


# -- notes ---------------------------------------------------------------------

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
    ref = etree.SubElement(run._r, w(f"{kind}Reference"))  # noqa: SLF001
    if custom_mark is not None:
        ref.set(w("customMarkFollows"), "1")
    ref.set(w("id"), str(word_id))
    if custom_mark is not None:
        etree.SubElement(run._r, w("t")).text = custom_mark  # noqa: SLF001


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
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    partname, content_type, reltype = (
        ("/word/endnotes.xml", CT.WML_ENDNOTES, RT.ENDNOTES) if endnote else
        ("/word/footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES))
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    document.part.relate_to(part, reltype)


# -- numbering -----------------------------------------------------------------

@dataclass(frozen=True)
class ListXml:
    """One Word list (one w:num with its own w:abstractNum)."""

    num_format: str
    """w:numFmt: ``bullet``, ``decimal``, ``lowerLetter``, ``upperLetter``, ``lowerRoman``,
    ``upperRoman``; for markers that follow no sequence, ``none``."""
    level_text: str
    """w:lvlText: ``%1)`` for numbers, the bullet itself, or a literal marker."""
    start: int
    """Number of the first item."""


def set_numbering(document: WordDocument, lists: Sequence[ListXml], *,
                  indent_twips: int, hanging_twips: int, marker_font: str) -> list[int]:
    """Replace the template's numbering with *lists*; their w:numId values in order.

    Markers get *marker_font* explicitly: a bullet level without a font is
    OpenSymbol to LibreOffice, which then saves ``•`` and ``–`` as Symbol-font
    private-use characters.
    """
    root = etree.Element(w("numbering"), nsmap={"w": W_NS})
    for index, spec in enumerate(lists):
        abstract = etree.SubElement(root, w("abstractNum"), {w("abstractNumId"): str(index)})
        etree.SubElement(abstract, w("multiLevelType"), {w("val"): "singleLevel"})
        lvl = etree.SubElement(abstract, w("lvl"), {w("ilvl"): "0"})
        etree.SubElement(lvl, w("start"), {w("val"): str(spec.start)})
        etree.SubElement(lvl, w("numFmt"), {w("val"): spec.num_format})
        etree.SubElement(lvl, w("lvlText"), {w("val"): spec.level_text})
        etree.SubElement(lvl, w("lvlJc"), {w("val"): "left"})
        ppr = etree.SubElement(lvl, w("pPr"))
        etree.SubElement(ppr, w("ind"), {w("left"): str(indent_twips),
                                         w("hanging"): str(hanging_twips)})
        rpr = etree.SubElement(lvl, w("rPr"))
        etree.SubElement(rpr, w("rFonts"), {w(a): marker_font for a in ("ascii", "hAnsi", "cs")})
    ids = []
    for index, _ in enumerate(lists):
        num = etree.SubElement(root, w("num"), {w("numId"): str(index + 1)})
        etree.SubElement(num, w("abstractNumId"), {w("val"): str(index)})
        ids.append(index + 1)
    document.part.numbering_part._element = parse_xml(  # noqa: SLF001 (no API)
        etree.tostring(root, encoding="UTF-8"))
    return ids


def number_paragraph(paragraph: WordParagraph, num_id: int) -> None:
    """Make *paragraph* an item of list *num_id* (level 0)."""
    ppr = paragraph._p.get_or_add_pPr()  # noqa: SLF001
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


# -- tables --------------------------------------------------------------------

def drop_surplus_cells(row_element: etree._Element, keep: int, grid_columns: int) -> None:
    """Keep *keep* cells of a table row; say the rest of the grid is empty (w:gridAfter)."""
    cells = row_element.findall(w("tc"))
    for cell in cells[keep:]:
        row_element.remove(cell)
    missing = grid_columns - keep
    if missing <= 0:
        return
    trpr = row_element.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        row_element.insert(0, trpr)
    etree.SubElement(trpr, w("gridAfter"), {w("val"): str(missing)})


# -- the zip -------------------------------------------------------------------

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


__all__ = ["W_NS", "LANGUAGE", "FIRST_NOTE_ID", "NoteXml", "ListXml", "w", "safe_parser",
           "parse_safely", "use_styles", "tidy_package", "swedish_settings", "add_field",
           "add_note_reference", "add_notes_part", "set_numbering", "number_paragraph",
           "drop_surplus_cells", "fixed_zip"]
