"""riksdoc's Akoma Ntoso profile for Riksdag papers (docs/akn-profile.md, "Papers"): the
contract the paper writer, the paper reader and ``riksdoc validate`` share.

Motions, committee reports and communications are ``doc`` (``name`` ``mot``, ``bet``,
``skr``), bills ``bill`` (``name="prop"``), as `riksdoc.akn_profile.TYPES` says.  This
module names what each part of the model becomes, the classes and roles the profile
gives meaning to, and how eIds are assigned.  Nothing here builds a document; nothing
here reads one.
"""

from __future__ import annotations

from lxml import etree

from .akn_profile import AKN_NS
from .eids import num_token
from .model import Kind, Level

PAPER_KINDS = frozenset({Kind.MOTION, Kind.REPORT, Kind.BILL, Kind.COMMUNICATION})
"""The kinds this profile writes."""

NUMBERED_HEADED = "section"
"""The element of a numbered headed part (``2.1 Bakgrund``): eId ``sec_2-1``."""
HEADED = "division"
"""The element of an unnumbered headed part (``Motivering``): eId ``dvs_3``, counted."""
PROPOSALS = "list"
"""The element holding a run of proposals, each a ``point``."""
PROPOSAL = "point"
"""The element of one proposal (yrkande, förslagspunkt): eId ``…__list_1__point_3``."""
HCONTAINERS: dict[Level, str] = {
    Level.RESERVATION: "reservation",
    Level.OPINION: "opinion",
    Level.SIGNATURES: "signatures",
    Level.LAW: "law",
}
"""``hcontainer/@name`` of the parts that have no element of their own."""
TEXT = "text"
"""``hcontainer/@name`` of a run of paragraphs (lists, tables) between two parts, where
the schema wants hierarchical elements (a bill's body, between subparts)."""
ANNEX = "bilaga"
"""``doc/@name`` of an annex inside its ``attachment``."""
PART = "avsnitt"
"""``doc/@name`` of a part after the annexes that is no annex (a bill's protocol extract)."""

BY_LINE = "byLine"
"""``p/@class`` of a motion's author line in the preface."""
TITLE_BLOCK = "title"
"""``p/@class`` of the preface line holding the title."""
MEMBERS_CLASS = "members"
"""``p/@class`` of a report's list of the members who took part in the decision."""

AUTHOR, MEMBER = "author", "member"
"""TLCRole eIds beside `riksdoc.akn_profile.ROLES`: who wrote a part (a reservation, a
special opinion, a motion), a committee member who took part in a decision."""
PAPER_ROLES = {AUTHOR: "författare", MEMBER: "ledamot", "committee": "utskott",
               "ministry": "departement"}
"""TLCRole eId → showAs, for the roles this profile adds."""

_NS = f"{{{AKN_NS}}}"
_SHORT = {"section": "sec", "division": "dvs", "attachment": "att", "quotedStructure": "qstr"}
_NUMBERED = {"section", "point", "attachment", "hcontainer"}
_NAMED = {_NS + name for name in ("section", "division", "list", "point", "hcontainer", "mod",
                                  "attachment")}
_TRANSPARENT = {_NS + name for name in ("body", "mainBody", "intro", "wrapUp", "content",
                                        "attachments", "doc", "p")}


def assign_eids(document: etree._Element) -> None:
    """Give every part of a paper its naming-convention eId, in one pass, in document order:
    ``sec_2__sec_2-1``, ``dvs_2__list_1__point_3``, ``dvs_5__reservation_1``,
    ``sec_2__law_1__mod_1__qstr_1__chp_3__sec_1`` (the proposed law's own parts named as
    an act's), ``att_1__dvs_1``; notes ``…__authorialNote_1``."""
    _walk(document, "", set())
    _notes(document)


def _walk(parent: etree._Element, prefix: str, used: set[str]) -> None:
    counters: dict[str, int] = {}
    for child in parent:
        tag = child.tag
        if not isinstance(tag, str) or tag == _NS + "meta":
            continue
        if tag == _NS + "quotedStructure":
            eid = _set(child, prefix, "qstr", counters, used)
            _below(child, eid)
            continue
        if tag in _TRANSPARENT or tag not in _NAMED:
            if tag in _TRANSPARENT:
                _walk(child, prefix, used)
            continue
        name = etree.QName(child).localname
        short = child.get("name", name) if name == "hcontainer" else _SHORT.get(name, name)
        token = _num_token(child) if name in _NUMBERED else ""
        _walk(child, _set(child, prefix, short, counters, used, token), used)


def _below(quoted: etree._Element, prefix: str) -> None:
    """A proposed law's parts carry the eIds `riksdoc.eids` gives an act's
    (``chp_3__sec_1``): here they are put below the ``quotedStructure`` that holds them."""
    for element in quoted.iter():
        eid = element.get("eId")
        if eid is not None and element is not quoted:
            element.set("eId", f"{prefix}__{eid}")


def _num_token(element: etree._Element) -> str:
    num = element.find(_NS + "num")
    if num is None or not num.text:
        return ""
    return num_token(num.text)


def _set(element: etree._Element, prefix: str, short: str, counters: dict[str, int],
         used: set[str], token: str = "") -> str:
    """Name *element* ``{prefix}__{short}_{number or count}``; a number its siblings already
    used (the text repeats it) gets ``-2``, ``-3`` … ."""
    counters[short] = count = counters.get(short, 0) + 1
    eid = f"{short}_{token or count}"
    eid = f"{prefix}__{eid}" if prefix else eid
    if eid in used:
        n = 2
        while f"{eid}-{n}" in used:
            n += 1
        eid = f"{eid}-{n}"
    used.add(eid)
    attrs = dict(element.attrib)  # eId first: easier to read
    element.attrib.clear()
    element.set("eId", eid)
    element.attrib.update(attrs)
    return eid


def _notes(document: etree._Element) -> None:
    counters: dict[str, int] = {}
    for note in document.iter(_NS + "authorialNote"):
        owner = next((a.get("eId") or "" for a in note.iterancestors() if a.get("eId")), "")
        counters[owner] = count = counters.get(owner, 0) + 1
        eid = f"{owner}__authorialNote_{count}" if owner else f"authorialNote_{count}"
        attrs = dict(note.attrib)
        note.attrib.clear()
        note.set("eId", eid)
        note.attrib.update(attrs)
