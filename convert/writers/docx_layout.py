"""What makes the DOCX look like the print PDF, where python-docx has no API for it.

* **Page furniture as in print**: no header on page 1 (``w:titlePg``), the
  page number on every page, the running header from page 2.
* **Tables**: the header row repeated on each page and set by the table
  style's first-row formatting (``w:tblHeader``, ``w:tblLook``); space
  after a table, which Word tables do not have, as space before the
  paragraph that follows (the amount is in page.toml).
* **Settings**: compatibility mode 15 (current Word opens the file without
  Compatibility Mode), hyphenation limits (page.toml), and the flags that
  say the fonts are embedded as subsets.
* **Fonts**: each face of `docx_fonts` as an obfuscated part related from
  ``word/fontTable.xml``.

Every element is put where the schema's sequence wants it (`insert_ordered`),
so the parts stay valid OOXML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ..housestyle import BUILT_IN, HouseStyle
from ..ooxml import w
from ..ooxml.tweaks import add_field
from . import docx_fonts

COMPATIBILITY_MODE = "15"
"""Word 2013 and later: the mode current Word edits in without Compatibility Mode."""

SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields")
"""The head of CT_Settings' sequence, as far as riksdoc inserts into it."""

TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
              "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")
"""CT_TrPr's children, in order."""

TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
"""CT_TblPr's children, in order."""

PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
             "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing")
"""The head of CT_PPr's sequence, up to w:spacing."""


def insert_ordered(parent: etree._Element, child: etree._Element,
                   order: Sequence[str]) -> etree._Element:
    """Put *child* into *parent* right after the last sibling that *order* puts before it
    (replacing an element of the same name); *child*.  *order* need only list the schema's
    sequence up to *child*'s name: anything it does not list comes after."""
    name = etree.QName(child).localname
    for existing in parent.findall(w(name)):
        parent.remove(existing)
    earlier = set(order[:order.index(name)])
    anchor = None
    for sibling in parent:
        if isinstance(sibling.tag, str) and etree.QName(sibling).localname in earlier:
            anchor = sibling
    if anchor is None:
        parent.insert(0, child)
    else:
        anchor.addnext(child)
    return child


# -- settings -------------------------------------------------------------------------------


def settings(document: WordDocument, hyphenation: dict[str, Any]) -> None:
    """Compatibility mode 15, hyphenation limits, embedded-font flags (see module docstring).

    *hyphenation* is page.toml's ``[hyphenation]``: ``consecutive`` (lines in a row),
    ``zone`` (mm), ``caps`` (whether words in capitals may be hyphenated).
    """
    root = document.settings.element
    for setting in root.iter(w("compatSetting")):
        if setting.get(w("name")) == "compatibilityMode":
            setting.set(w("val"), COMPATIBILITY_MODE)
    for tag in ("embedTrueTypeFonts", "saveSubsetFonts"):
        insert_ordered(root, etree.Element(w(tag)), SETTINGS_ORDER)
    if root.find(w("autoHyphenation")) is None:
        insert_ordered(root, etree.Element(w("autoHyphenation")), SETTINGS_ORDER)
    insert_ordered(root, etree.Element(w("consecutiveHyphenLimit"),
                                       {w("val"): str(hyphenation["consecutive"])}),
                   SETTINGS_ORDER)
    insert_ordered(root, etree.Element(w("hyphenationZone"),
                                       {w("val"): str(twips(hyphenation["zone"]))}),
                   SETTINGS_ORDER)
    if not hyphenation["caps"]:
        insert_ordered(root, etree.Element(w("doNotHyphenateCaps")), SETTINGS_ORDER)


def update_fields_on_open(document: WordDocument) -> None:
    """``w:updateFields``: Word offers to update the fields when the file is opened (a table
    of contents gets its page numbers, which only a layout knows)."""
    insert_ordered(document.settings.element, etree.Element(w("updateFields"), {w("val"): "true"}),
                   SETTINGS_ORDER)


def twips(millimetres: float) -> int:
    """*millimetres* in twentieths of a point."""
    return round(millimetres * 1440 / 25.4)


# -- tables ---------------------------------------------------------------------------------


def table_look(table: WordTable, *, header: bool) -> None:
    """Say whether the table's first row is its header: the style's first-row formatting
    applies (``w:tblLook``) and the row repeats on each page (``w:tblHeader``)."""
    tbl_pr: etree._Element = table._tbl.tblPr  # python-docx has no API for either
    look = etree.Element(w("tblLook"), {
        w("val"): "0020" if header else "0000", w("firstRow"): "1" if header else "0",
        w("lastRow"): "0", w("firstColumn"): "0", w("lastColumn"): "0",
        w("noHBand"): "1", w("noVBand"): "1"})
    insert_ordered(tbl_pr, look, TBLPR_ORDER)
    if header and table.rows:
        row: etree._Element = table.rows[0]._tr
        properties = row.find(w("trPr"))
        if properties is None:
            properties = etree.Element(w("trPr"))
            row.insert(0, properties)
        insert_ordered(properties, etree.Element(w("tblHeader")), TRPR_ORDER)


def space_after_tables(document: WordDocument, millimetres: float) -> None:
    """Word tables have no space after: the paragraph after each table gets it before."""
    for table in document.element.body.iterchildren(w("tbl")):
        following = table.getnext()
        if following is not None and following.tag == w("p"):
            space_before(following, millimetres)


def space_before(paragraph_element: etree._Element, millimetres: float) -> None:
    """Space above one paragraph (the one after a table), in its own properties."""
    p_pr = paragraph_element.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        paragraph_element.insert(0, p_pr)
    spacing = p_pr.find(w("spacing"))
    if spacing is None:
        spacing = insert_ordered(p_pr, etree.Element(w("spacing")), PPR_ORDER)
    spacing.set(w("before"), str(twips(millimetres)))


# -- fonts ----------------------------------------------------------------------------------


def embed_fonts(document: WordDocument, text: str, style: HouseStyle = BUILT_IN, *,
                italic: bool = False) -> None:
    """Every face of *style*'s `docx_fonts` (subset for *text*; the italic ones where
    *italic*) as a part related from the font table, and the font table that declares them."""
    main = document.part
    table_part = next(rel.target_part for rel in main.rels.values()
                      if rel.reltype == RT.FONT_TABLE)
    embedded = []
    for number, face in enumerate(docx_fonts.faces(text, style, italic=italic), start=1):
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), docx_fonts.OBFUSCATED_FONT,
                    face.data, main.package)
        embedded.append((face, table_part.relate_to(part, docx_fonts.FONT_RELATIONSHIP)))
    table_part._blob = docx_fonts.fonts_part(embedded, style)


def running_chapter(header: WordParagraph, heading_style: str, width_mm: float) -> None:
    """The page header of a text with chapters: its words flush left, then, flush right, the
    current chapter (``STYLEREF``: the last *heading_style* paragraph on the page or before
    it), as the print header has them."""
    ppr = header._p.get_or_add_pPr()
    insert_ordered(ppr, etree.Element(w("jc"), {w("val"): "left"}), PPR_ORDER + ("ind", "jc"))
    tabs = etree.Element(w("tabs"))
    etree.SubElement(tabs, w("tab"), {w("val"): "right", w("pos"): str(twips(width_mm))})
    insert_ordered(ppr, tabs, PPR_ORDER)
    header.add_run("\t")
    add_field(header, f'STYLEREF "{heading_style}"', "")


def first_page_apart(document: WordDocument) -> None:
    """No running header on page 1, as in print (``w:titlePg``); the first page's own
    header stays empty."""
    document.sections[0].different_first_page_header_footer = True
