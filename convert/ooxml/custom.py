"""A statute's record in the DOCX: a custom XML part, as Word keeps data beside the text.

The text shows what a reader of the page needs (the SFS number, the title,
``Utfärdad den …``); the rest of a `Statute` — the amending acts with their
dates and notes, the consolidation, the form — has no place on the page.  It
travels in a custom XML data-store item (``customXml/item1.xml``, the
``rd:statute`` element the AKN act also carries, `riksdoc.akn_act_profile`),
which Word keeps when the clerk edits and saves the file, so the DOCX reader
gives back the same `Statute`.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from ..akn_act_profile import statute_of_record, statute_record
from ..akn_profile import RD_NS
from ..model import HeaderField, Statute
from .package import Package, content_guid

ITEM_PROPERTIES = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
"""Content type of a data-store item's properties part."""
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
"""The data-store namespace (``ds:datastoreItem``)."""


def add_record(document: WordDocument, statute: Statute) -> None:
    """*statute*'s record as a custom XML item related from the main document."""
    data = etree.tostring(statute_record(statute), xml_declaration=True, encoding="UTF-8",
                          standalone=True)
    package = document.part.package
    item = Part(PackURI("/customXml/item1.xml"), "application/xml", data, package)
    props = etree.Element(f"{{{DS_NS}}}datastoreItem", {f"{{{DS_NS}}}itemID": content_guid(data)},
                          nsmap={"ds": DS_NS})
    etree.SubElement(props, f"{{{DS_NS}}}schemaRefs")
    properties = Part(PackURI("/customXml/itemProps1.xml"), ITEM_PROPERTIES,
                      etree.tostring(props, xml_declaration=True, encoding="UTF-8",
                                     standalone=True), package)
    item.relate_to(properties, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def read_record(package: Package, main: str, header: tuple[HeaderField, ...] = ()
                ) -> Statute | None:
    """The statute record the document part *main* relates to, or None."""
    found = package.xml(package.related(main).get(RT.CUSTOM_XML))
    if found is None or found.tag != f"{{{RD_NS}}}statute":
        return None
    return statute_of_record(found, header)
