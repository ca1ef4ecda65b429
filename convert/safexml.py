"""Parsing XML that comes from outside (AKN files, the parts of a DOCX) safely.

No DTD is loaded, no entity is expanded, nothing is fetched from the network,
and a document that declares a DOCTYPE is refused outright (neither Akoma
Ntoso nor OOXML ever has one: it could only be an XXE or "billion laughs"
attack).  Every refusal is an `InputError` with a one-line reason.
"""

from __future__ import annotations

from lxml import etree

from .errors import InputError


def parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False)


def parse(data: bytes, part: str | None = None) -> etree._Element:
    """The root element of *data*; `InputError` for a DOCTYPE or XML that is not well formed.

    *part* names what is parsed in the reason (``word/document.xml``); None for a
    whole file.
    """
    where = f"{part} is " if part else ""
    try:
        tree = etree.fromstring(data, parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{where}not well-formed XML: {exc.msg}") from None
    except ValueError as exc:
        raise InputError(f"{where}not XML: {exc}") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError(f"{part or 'XML'} with a DOCTYPE is refused "
                         "(no DTDs or entities are read)")
    return tree.getroot()
