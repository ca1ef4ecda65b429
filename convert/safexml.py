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


def parse(data: bytes, part: str | None = None,
          max_elements: int | None = None) -> etree._Element:
    """The root element of *data*; `InputError` for a DOCTYPE, XML that is not well formed,
    or (with *max_elements*) more elements than that: parsing stops there, before the tree
    takes the memory of more.

    *part* names what is parsed in the reason (``word/document.xml``); None for a
    whole file.
    """
    where = f"{part} is " if part else ""
    try:
        if max_elements is None:
            tree = etree.fromstring(data, parser()).getroottree()
        else:
            tree = _counted(data, max_elements, part).getroottree()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{where}not well-formed XML: {exc.msg}") from None
    except ValueError as exc:
        raise InputError(f"{where}not XML: {exc}") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError(f"{part or 'XML'} with a DOCTYPE is refused "
                         "(no DTDs or entities are read)")
    return tree.getroot()


_PIECE = 256 * 1024


def _counted(data: bytes, max_elements: int, part: str | None) -> etree._Element:
    """Parse *data* a piece at a time, counting elements as they start."""
    pull = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True,
                               load_dtd=False, dtd_validation=False, huge_tree=False)
    count = 0
    for start in range(0, len(data), _PIECE):
        pull.feed(data[start:start + _PIECE])
        count += sum(1 for _ in pull.read_events())
        if count > max_elements:
            raise InputError(f"{part or 'XML'} has more XML elements than riksdoc reads "
                             f"({max_elements:,} left)" if part else
                             f"XML has more than {max_elements:,} elements")
    root: etree._Element = pull.close()
    return root
