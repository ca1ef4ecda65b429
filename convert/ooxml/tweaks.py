"""Raw WordprocessingML the DOCX writer needs below python-docx's API, in one place.

Package tidying (python-docx's template ships a thumbnail, a Word 2010
``stylesWithEffects`` copy, a bibliography custom-XML item and "Microsoft
Macintosh Word" in app.xml), settings for a Swedish document, page-number
fields, the grid of a table whose rows are shorter than others, and core
properties without dates where the text states none.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from . import LANGUAGE, XML_SPACE, w
from .notes import NOTE_FORMATS


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
            rel.target_part._blob = _APP_XML  # a generic part: no API to set its content


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
        etree.SubElement(pr, w("numFmt"), {w("val"): NOTE_FORMATS[tag == "endnotePr"]})
        for note_id in (0, 1):
            etree.SubElement(pr, w(tag[:-2])).set(w("id"), str(note_id))
        compat.addprevious(pr)
    if endnotes:  # LibreOffice reads the endnote format from the section, not the settings
        sect_pr: etree._Element = document.sections[-1]._sectPr
        pr = etree.Element(w("endnotePr"))
        etree.SubElement(pr, w("numFmt"), {w("val"): NOTE_FORMATS[True]})
        # schema order: endnotePr before the page size (or first, in a bare section)
        page_size = sect_pr.find(w("pgSz"))
        if page_size is not None:
            page_size.addprevious(pr)
        else:
            sect_pr.insert(0, pr)



def add_field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with *shown* as its cached result."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = paragraph.add_run()._r  # python-docx has no field API
        if kind == "instr":
            el = etree.SubElement(r, w("instrText"))
            el.text = f" {instruction} "
            el.set(XML_SPACE, "preserve")
        elif kind == "result":
            etree.SubElement(r, w("t")).text = shown
        else:
            etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)



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


def drop_core_dates(document: WordDocument) -> None:
    """Take ``dcterms:created`` and ``dcterms:modified`` out of the core properties (the
    template carries its own 2013 dates): a document whose text states no full date gets
    none, rather than a made-up one."""
    core = document.core_properties._element  # python-docx cannot unset them
    for name in ("created", "modified"):
        for element in core.findall(f"{{http://purl.org/dc/terms/}}{name}"):
            core.remove(element)
