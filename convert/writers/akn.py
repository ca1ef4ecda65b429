"""Model → Akoma Ntoso 3.0 XML, in riksdoc's Riksdag profile (docs/akn-profile.md).

The profile's names, URI rules, placeholders and eId rules are
`riksdoc.akn_profile`, which the reader and the validator share.

The tree is built with lxml's ElementMaker; eIds are assigned in one pass over
the finished tree; the output has no clock or random value in it, so the same
document always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from lxml.builder import ElementMaker

from .. import vocabulary
from ..akn_paper_profile import PAPER_KINDS
from ..akn_profile import (
    AKN_NS,
    COUNTRY,
    ELEMENT_ONLY,
    EMPTY_BODY,
    ENDNOTE,
    FOOTNOTE,
    LANGUAGE,
    NOTES_CLASS,
    ORDERED,
    PARTIES,
    PROFILE_VERSION,
    RD_NS,
    RIKSDOC,
    ROLES,
    UNKNOWN_AUTHOR,
    UNKNOWN_AUTHOR_SHOWAS,
    UNORDERED,
    YEARLESS_DATE,
    akn_type,
    assign_eids,
    date_component,
    ontology_href,
    question_number,
    question_uri,
    signer_role,
    slug,
    stem_name,
    work_uri,
)
from ..errors import InputError
from ..model import (
    Block,
    Document,
    Inline,
    Kind,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Person,
    Ref,
    Signature,
    SwedishDate,
    Table,
)
from ..vocabulary import BY, DATED, HEAD_WORDS, TO, head_words

# --- the writer -------------------------------------------------------------

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
R = ElementMaker(namespace=RD_NS, nsmap={"rd": RD_NS})
Node = etree._Element | str


def write(document: Document, *, stem: str) -> bytes:
    """*document* as AKN 3.0 XML bytes (UTF-8, with an XML declaration).

    Raises `InputError` for the few models AKN cannot hold faithfully (an empty
    list or table, a signature whose name is not one of its lines, a reference
    to a note that does not exist, characters XML forbids).
    """
    if document.kind is Kind.STATUTE:  # statutes are acts, in their own profile
        from .akn_act import write as write_act
        return write_act(document, stem=stem)
    if document.kind in PAPER_KINDS:  # motions, reports, bills, communications: theirs
        from .akn_paper import write as write_paper
        return write_paper(document, stem=stem)
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
        self.type = akn_type(document.kind)
        self.persons: dict[str, str] = {}          # name → eId
        self.parties: dict[str, str] = {}          # canonical code → eId
        self.roles: list[str] = []                 # role eIds used
        self.locations: dict[str, str] = {}        # place → eId
        self.questions: dict[str, tuple[str, str, str]] = {}  # eId → (href, showAs, name)
        self.used_eids: set[str] = {RIKSDOC, UNKNOWN_AUTHOR, *ROLES}
        self.notes = {note.note_id: note for note in document.notes}
        self.written_notes: dict[str, etree._Element] = {}
        self.note_refs: list[tuple[etree._Element, etree._Element]] = []
        self.year_less: SwedishDate | None = None
        self.unknown_author = False
        date, self.date_name = date_component(document.date)
        # A document about questions is named by its own (first) question; anything else
        # (a generic document) by its file stem, made URI-safe, carried in FRBRname.
        self.is_number = bool(document.questions)
        number = question_number(document.questions[0]) if document.questions \
            else stem_name(stem)
        self.uri = work_uri(self.type, date, number)

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
        parts.append(E.mainBody(*self.body()))
        conclusions = self.conclusions(not date_in_preface)
        if conclusions:
            parts.append(E.conclusions(*conclusions))
        meta = E.meta()  # filled once the text has said what it refers to
        doc_el = E(self.type.element, meta, *parts, name=self.type.name)
        root = E.akomaNtoso(doc_el)
        assign_eids(doc_el)
        for ref_el, note_el in self.note_refs:
            ref_el.set("href", "#" + self.eid_of(note_el))
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
        for index, question in enumerate(doc.questions):
            lead: list[Node]
            if index == 0 and doc.kind in HEAD_WORDS:
                lead = [E.docType(head_words(doc, 0)), " "]
            else:
                lead = [head_words(doc, index) + " "]
            line: list[Node] = [*lead, E.docNumber(question.as_written,
                                                   refersTo="#" + self.question_ref(index))]
            if question.questioner is not None:
                line += [f" {BY} ", *self.person_group(question.questioner, "questioner")]
            out.append(E.p(*line))
            if question.title is not None:
                out.append(E.p(E.docTitle(question.title)))
        if doc.addressee is not None:
            out.append(E.p(f"{TO} ", *self.person_group(doc.addressee, "addressee")))
        if doc.minister is not None:
            out.append(E.p(*self.person_group(doc.minister, "minister")))
        return out

    def body(self) -> list[etree._Element]:
        blocks = [self.block(block) for block in self.doc.blocks]
        if not blocks:  # mainBody must hold something; this marker reads back as no blocks
            blocks = [E.p(**{"class": EMPTY_BODY})]
        return blocks

    def block(self, block: Block) -> etree._Element:
        if isinstance(block, Paragraph):
            return E.p(*self.inlines(block.content))
        if isinstance(block, ListBlock):
            if not block.items:
                raise InputError("an empty list cannot be written as AKN (blockList needs an item)")
            items = [E.item(E.num(item.marker), E.p(*self.inlines(item.content)))
                     for item in block.items]
            return E.blockList(*items, **{"class": ORDERED if block.ordered else UNORDERED})
        if isinstance(block, Table):
            if not block.rows or any(not row.cells for row in block.rows):
                raise InputError("an empty table or row cannot be written as AKN")
            return E.table(*(E.tr(*(E.td(E.p(*self.inlines(cell))) if cell else E.td()
                                    for cell in row.cells)) for row in block.rows))
        raise TypeError(f"unknown block {type(block).__name__}")

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
            out.append(E.p(*line, **{"class": NOTES_CLASS}))
        return out

    def date_line(self) -> list[etree._Element]:
        """``<location>Stockholm</location> den <docDate …>25 oktober 2017</docDate>``."""
        doc = self.doc
        line: list[Node] = []
        if doc.place is not None:
            line.append(E.location(doc.place, refersTo="#" + self.location(doc.place)))
        if doc.date is not None or doc.date_text is not None:
            line.append(f" {DATED} " if line else f"{DATED} ")
            text = doc.date_text or ""
            if doc.date is not None and doc.date.year is not None:
                line.append(E.docDate(text, date=doc.date.iso()))
            else:  # docDate/@date must be a full xs:date: the day and month go in proprietary
                self.year_less = doc.date
                line.append(E.inline(text, name=YEARLESS_DATE))
        return [E.p(*line)] if line else []

    def signature(self, signature: Signature) -> etree._Element:
        person = signature.person
        role_id = signer_role(self.doc.kind)
        if person.name not in signature.lines or (
                person.role is not None and person.role not in signature.lines):
            raise InputError(f"signature of {person.name!r}: the name and title must be "
                             "among its lines to be written as AKN")
        out: list[Node] = []
        person_done = role_done = False
        for index, line in enumerate(signature.lines):
            if index:
                out.append(E.eol())
            if not person_done and line == person.name:
                out.append(self.person(person, role_id))
                if person.party is not None:
                    out += [" (", self.organization(person.party), ")"]
                person_done = True
            elif not role_done and person.role is not None and line == person.role:
                out.append(E.role(line, refersTo="#" + self.role(role_id)))
                role_done = True
            else:
                out.append(line)
        return E.signature(*out)

    # -- inline content --------------------------------------------------------

    def inlines(self, content: Iterable[Inline]) -> list[Node]:
        out: list[Node] = []
        for part in content:
            if isinstance(part, NoteRef):
                out.append(self.note_ref(part))
            elif isinstance(part, Ref):  # a reference: its words around a ref
                attrs = {"href": part.href, **({"class": part.kind} if part.kind else {})}
                out.append(E.ref(part.text, **attrs))
            else:
                out.append(part)
        return out

    def note_ref(self, ref: NoteRef) -> etree._Element:
        """The note itself at its first reference point; a ``noteRef`` to it after that."""
        if ref.note_id in self.written_notes:
            note_el = self.written_notes[ref.note_id]
            ref_el = E.noteRef(marker=self.notes[ref.note_id].marker)
            self.note_refs.append((ref_el, note_el))  # href once the note has its eId
            return ref_el
        if ref.note_id not in self.notes:
            raise InputError(f"reference to a note that does not exist: {ref.note_id!r}")
        return self.note(self.notes[ref.note_id])

    def note(self, note: Note) -> etree._Element:
        attrs = {"marker": note.marker, "class": ENDNOTE if note.endnote else FOOTNOTE}
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

    def organization(self, party: str) -> etree._Element:
        code = party.upper()
        if code not in self.parties:
            self.parties[code] = self.new_eid("party" + (slug(code)[:1].upper() + slug(code)[1:]
                                                         if slug(code) else ""))
        return E.organization(party, refersTo="#" + self.parties[code])

    @staticmethod
    def eid_of(element: etree._Element) -> str:
        """The eId `assign_eids` gave *element* (every element this writer refers to has one)."""
        eid = element.get("eId")
        if eid is None:
            raise AssertionError(f"{etree.QName(element).localname} has no eId")
        return eid

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
        if name not in self.persons:
            self.persons[name] = self.new_eid(slug(name) or "person")
        return self.persons[name]

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
        interpellation; otherwise the written question, whose date this text does not state."""
        question = self.doc.questions[index]
        number = question_number(question)
        own = index == 0 and self.doc.kind in (Kind.QUESTION, Kind.INTERPELLATION)
        href = self.uri.work_uri(work_component=False) if own else question_uri(question)
        for eid, (known_href, _, _) in self.questions.items():
            if known_href == href:
                return eid
        eid = self.new_eid(f"{'ip' if own and self.doc.kind is Kind.INTERPELLATION else 'fr'}"
                           f"-{number}")
        self.questions[eid] = (href, question.designation, "question")
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
        work += [date, author, E.FRBRcountry(value=COUNTRY), E.FRBRsubtype(value=self.type.name)]
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
        """FRBRauthor: `riksdoc.vocabulary.author`, as the role they have in this document."""
        doc = self.doc
        person = vocabulary.author(doc)
        asks = bool(doc.questions) and person is doc.questions[0].questioner
        role_id = "questioner" if asks else signer_role(doc.kind)
        if person is None:
            self.unknown_author = True
            return E.FRBRauthor(href="#" + UNKNOWN_AUTHOR)
        return E.FRBRauthor(href="#" + self.person_ref(person.name),
                            **{"as": "#" + self.role(role_id)})

    def references(self) -> etree._Element:
        refs = [E.TLCOrganization(eId=RIKSDOC, href=ontology_href("organization", RIKSDOC),
                                  showAs="riksdoc")]
        refs += [E.TLCPerson(eId=eid, href=ontology_href("person", eid), showAs=name)
                 for name, eid in self.persons.items()]
        refs += [E.TLCOrganization(eId=eid, href=ontology_href("organization", eid),
                                   showAs=PARTIES.get(code, code))
                 for code, eid in self.parties.items()]
        refs += [E.TLCRole(eId=role, href=ontology_href("role", role), showAs=ROLES[role])
                 for role in self.roles]
        refs += [E.TLCLocation(eId=eid, href=ontology_href("location", eid), showAs=place)
                 for place, eid in self.locations.items()]
        refs += [E.TLCReference(eId=eid, href=href, showAs=show, name=name)
                 for eid, (href, show, name) in self.questions.items()]
        if self.unknown_author:
            refs.append(E.TLCConcept(eId=UNKNOWN_AUTHOR,
                                     href=ontology_href("concept", UNKNOWN_AUTHOR),
                                     showAs=UNKNOWN_AUTHOR_SHOWAS))
        return E.references(*refs, source="#" + RIKSDOC)

    def proprietary(self) -> etree._Element:
        """What AKN has no place for: a date without a year, and the model's note ids."""
        items = [R.profile(version=PROFILE_VERSION)]
        if self.year_less is not None:
            items.append(R.docDate(value=self.year_less.iso()))
        for note in self.doc.notes:
            items.append(R.note(id=note.note_id, at=self.eid_of(self.written_notes[note.note_id])))
        # rd declared here, on the only element that holds riksdoc's own vocabulary
        element = etree.Element(f"{{{AKN_NS}}}proprietary", source="#" + RIKSDOC,
                                nsmap={None: AKN_NS, "rd": RD_NS})
        element.extend(items)
        return element


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
