"""The paragraph styles that carry a riksdoc DOCX's structure: the writer gives each part
of the document its own style, and the reader takes an edited file apart by them.

=====================  =====================================================
Style                  Content
=====================  =====================================================
Riksdoc Preamble       lines before the header that riksdoc did not recognise
Riksdoc Header         ``Svar på fråga 2017/18:112 av Mikael Cederbratt (M)``,
                       one a question (later ones of a joint answer start
                       ``och fråga``), or one for all where the text's
                       opening is plural (``Svar på frågorna …, 411 och
                       415 av …``); ``Fråga``/``Interpellation``/
                       ``Meddelande om fråga`` for the other kinds
Title                  the question's title (after its header line); the
                       heading of a generic document
Riksdoc Addressee      ``till utrikesminister Anna Lindh`` (questions)
Riksdoc Minister       ``Statsrådet Catharina Elmsäter-Svärd`` (older layout)
Body Text              body paragraphs
Riksdoc Speaker        a debate record's speaker line (``Anf. 1 …``), heading
                       the paragraphs of that speech
List Bullet/Number     list items: real Word lists (numbering part)
Riksdoc Table Text     table cells (Riksdoc Table tables); Riksdoc Table Number
                       for the cells of a numeric column (`writers.typeset`)
Riksdoc Date Line      ``den 14 september`` at the top (older layouts, questions)
Riksdoc Place Date     ``Stockholm den 25 oktober 2017`` after the text
Riksdoc Signature      one paragraph a signature block, a line break a line
Heading 1 … 5          a division's number and heading, by its rank in the
                       outline (a statute's chapters, the rubriker in them
                       …); 2 to 5 only in documents that have divisions
=====================  =====================================================

In documents with divisions (`riksdoc.writers.docx_body`), also:

=============================  =============================================
Style                          Content
=============================  =============================================
Riksdoc SFS Number             ``SFS 2010:800`` on a statute's first page
Riksdoc Statute Line           ``Utfärdad den 23 juni 2010``, the department,
                               ``Lydelse den 1 juli 2026`` …
Riksdoc Statute Header         a line of an older export's header block
Riksdoc Section                a section's number on a line of its own
Riksdoc Stycke Continued       a stycke's second paragraph (after a table)
Riksdoc Validity               marker words above a part
*Riksdoc Number*               (character) a section's number in its stycke
*Riksdoc Heading Number*       (character) the number in a heading
*Riksdoc Validity Char*        (character) marker words after a number
*Riksdoc Rubrik*               (character) a rubrik's words
*Riksdoc Reference* …          (character) a link's words, by its kind
=============================  =============================================

Every style is defined as text in ``styles/docx/styles.xml``; the writer puts
that part in place of the template's (`use_styles`).  A house style's
``docx/styles.xml`` is laid over it (`merge_styles`): it need hold only the
styles it changes.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from lxml import etree

from ..errors import InputError
from ..safexml import parse
from . import w

PREAMBLE = "Riksdoc Preamble"
HEADER = "Riksdoc Header"
TITLE = "Title"
ADDRESSEE = "Riksdoc Addressee"
MINISTER = "Riksdoc Minister"
BODY = "Body Text"
LIST_BULLET = "List Bullet"
LIST_NUMBER = "List Number"
TABLE_TEXT = "Riksdoc Table Text"
TABLE_NUMBER = "Riksdoc Table Number"
TABLE = "Riksdoc Table"
PLACE_DATE = "Riksdoc Place Date"
DATE_LINE = "Riksdoc Date Line"
SIGNATURE = "Riksdoc Signature"
SPEAKER = "Riksdoc Speaker"
PAGE_HEADER = "Header"
PAGE_FOOTER = "Footer"
HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5")
"""The headings of a hierarchy's divisions by rank (a statute's chapters, the rubriker in
them, deeper); the first is in styles.xml, the others in hierarchy.xml (`with_styles`)."""
TOC_HEADING = "TOC Heading"
"""A longer paper's table of contents: its heading (``Innehåll``)."""
TOC_LEVELS = ("toc 1", "toc 2")
"""Its entries by rank (Word's own TOC styles)."""
SFS_NUMBER = "Riksdoc SFS Number"
STATUTE_LINE = "Riksdoc Statute Line"
STATUTE_HEADER = "Riksdoc Statute Header"
STATUTE_AS_OF = "Riksdoc Statute As Of"
STATUTE_RULE = "Riksdoc Statute Rule"
SECTION = "Riksdoc Section"
STYCKE_CONTINUED = "Riksdoc Stycke Continued"
VALIDITY = "Riksdoc Validity"
NUMBER = "Riksdoc Number"
HEADING_NUMBER = "Riksdoc Heading Number"
VALIDITY_CHAR = "Riksdoc Validity Char"
RUBRIK = "Riksdoc Rubrik"
REFERENCE = "Riksdoc Reference"
REFERENCES = {"amendment": "Riksdoc Amendment", "repeal": "Riksdoc Repeal"}
"""The character style of a link's words by the reference's kind (else `REFERENCE`)."""

RIKSDOC_PREFIX = "Riksdoc "
"""The names of riksdoc's own styles start so; a document using one was written by riksdoc."""

BODY_STYLES = frozenset({BODY, "Normal", TABLE_TEXT, TABLE_NUMBER, "Footnote Text", "Endnote Text",
                         "footnote text", "endnote text"})
"""Styles a reader takes as plain body text without a word: riksdoc's body style, Word's
default, and what Word gives text inside tables and notes."""
LIST_STYLES = frozenset({LIST_BULLET, LIST_NUMBER})
"""Styles of list items."""
STRUCTURE_STYLES = frozenset({PREAMBLE, HEADER, TITLE, ADDRESSEE, MINISTER, PLACE_DATE,
                              DATE_LINE, SIGNATURE, SPEAKER})
"""Styles that say which part of the document a paragraph is."""


def use_styles(document: WordDocument, styles_xml: bytes) -> None:
    """Put *styles_xml* (the text part from styles/) in place of the template's styles."""
    document.part._styles_part._element = parse_xml(styles_xml)  # python-docx has no API


def with_styles(styles_xml: bytes, extra_xml: bytes) -> bytes:
    """*styles_xml* with the style definitions of *extra_xml* (another styles part) added;
    one with the id of a style already there takes its place."""
    styles = etree.fromstring(styles_xml)
    existing = {style.get(w("styleId")): style for style in styles.iter(w("style"))}
    for style in list(etree.fromstring(extra_xml).iter(w("style"))):
        old = existing.get(style.get(w("styleId")))
        if old is not None:
            old.addprevious(style)
            styles.remove(old)
        else:
            styles.append(style)
    out: bytes = etree.tostring(styles, xml_declaration=True, encoding="UTF-8",
                                standalone=True)
    return out


def style_names(styles: etree._Element | None) -> dict[str, str]:
    """Style id → style name, from a styles part (the id itself where a style has no name)."""
    names: dict[str, str] = {}
    if styles is not None:
        for style in styles.iter(w("style")):
            style_id = style.get(w("styleId"), "")
            name_el = style.find(w("name"))
            name = name_el.get(w("val")) if name_el is not None else None
            names[style_id] = name or style_id
    return names


def check_styles_part(data: bytes) -> str | None:
    """Why *data* cannot be a styles part (a house style's ``docx/styles.xml``), or None."""
    try:
        root = parse(data, "styles.xml")
    except InputError as exc:
        return str(exc)
    if root.tag != w("styles"):
        return f"the root element must be w:styles, not {etree.QName(root).localname}"
    for style in root.iter(w("style")):
        if not style.get(w("styleId")):
            return f"line {style.sourceline}: a w:style without w:styleId"
    return None


def merge_styles(base: bytes, *overs: bytes) -> bytes:
    """The styles part *base* with each of *overs* laid over it, in order.

    An over part's ``w:docDefaults`` and ``w:latentStyles`` replace the base's;
    each of its ``w:style`` elements replaces the base style with the same
    ``w:styleId`` in place, or is added after the others.  With no *overs*,
    *base* comes back unchanged.
    """
    if not overs:
        return base
    root = parse(base, "styles.xml")
    for over in overs:
        for child in parse(over, "styles.xml"):
            if child.tag in (w("docDefaults"), w("latentStyles")):
                _replace_or_insert(root, child, root.find(child.tag))
            elif child.tag == w("style"):
                style_id = child.get(w("styleId"))
                same = next((s for s in root.iterchildren(w("style"))
                             if s.get(w("styleId")) == style_id), None)
                _replace_or_insert(root, child, same)
    merged: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                   standalone=True)
    return merged


def _replace_or_insert(root: etree._Element, new: etree._Element,
                       old: etree._Element | None) -> None:
    if old is not None:
        root.replace(old, new)
    elif new.tag == w("style"):
        root.append(new)
    else:  # the schema's order: docDefaults, latentStyles, then the styles
        first_style = root.find(w("style"))
        if new.tag == w("latentStyles") or first_style is None:
            position = root.index(first_style) if first_style is not None else len(root)
        else:
            position = 0
        root.insert(position, new)
