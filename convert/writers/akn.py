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
    DEBATE_SECTION,
    ELEMENT_ONLY,
    EMPTY_BODY,
    EMPTY_SPEECH,
    ENDNOTE,
    FOOTNOTE,
    NOTES_CLASS,
    ORDERED,
    RD_NS,
    UNORDERED,
    YEARLESS_DATE,
    akn_type,
    assign_eids,
    date_component,
    question_number,
    question_uri,
    signer_role,
    speaker_role,
    stem_name,
    work_uri,
)
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
    Ref,
    Signature,
    Speech,
    SwedishDate,
    Table,
)
from ..vocabulary import BY, DATED, HEAD_WORDS, TO, document_lines, separators
from . import akn_meta
from .akn_people import mark_person, merged, signature_lines
from .akn_references import References

# --- the writer -------------------------------------------------------------

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
R = ElementMaker(namespace=RD_NS, nsmap={"rd": RD_NS})
Node = etree._Element | str


def write(document: Document, *, stem: str) -> bytes:
    """*document* as AKN 3.0 XML bytes (UTF-8, with an XML declaration).

    Raises `InputError` for the few models AKN cannot hold faithfully (an empty
    list or table, a signature whose name, title or party is not in its lines, a
    reference to a note that does not exist, characters XML forbids).
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
        self.refs = References()
        self.body_questioners: list[tuple[str, str, str | None]] = []  # question, person, party
        self.notes = {note.note_id: note for note in document.notes}
        self.written_notes: dict[str, etree._Element] = {}
        self.note_refs: list[tuple[etree._Element, etree._Element]] = []
        self.year_less: SwedishDate | None = None
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
        if self.type.element == "debate":  # a debate record's speeches, in one section
            parts.append(E.debateBody(E.debateSection(*self.body(), name=DEBATE_SECTION)))
        else:
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
        for number, line in enumerate(document_lines(doc)):
            out.append(E.p(*self.document_line(line.words, line.groups,
                                               first=number == 0 and doc.kind in HEAD_WORDS)))
            for index in line.indexes:
                question = doc.questions[index]
                if question.title is not None:
                    out.append(E.p(E.docTitle(question.title)))
                if question.questioner is not None and not question.questioner_stated:
                    self.body_questioners.append((self.question_ref(index),
                                                  self.person_ref(question.questioner.name),
                                                  question.questioner.party))
        if doc.addressee is not None:
            out.append(E.p(f"{TO} ", *self.person_group(doc.addressee, "addressee")))
        if doc.minister is not None:
            out.append(E.p(*self.person_group(doc.minister, "minister")))
        return out

    def document_line(self, words: str, groups: tuple[vocabulary.Group, ...], *,
                      first: bool) -> list[Node]:
        """``<docType>Svar på frågorna</docType> <docNumber>…410</docNumber>, <docNumber>411
        </docNumber> … av <person>…</person> (<organization>V</organization>)``."""
        line: list[Node] = [E.docType(words), " "] if first else [words + " "]
        for group_sep, group in zip(separators(len(groups)), groups, strict=True):
            line.append(group_sep)
            for sep, index in zip(separators(len(group.indexes)), group.indexes, strict=True):
                line += [sep, E.docNumber(self.doc.questions[index].as_written,
                                          refersTo="#" + self.question_ref(index))]
            if group.questioner is not None:
                line += [f" {BY} ", *self.person_group(group.questioner, "questioner")]
        return merged(line)

    def body(self) -> list[etree._Element]:
        blocks = [self.block(block) for block in self.doc.blocks]
        if not blocks:  # mainBody must hold something; this marker reads back as no blocks
            blocks = [E.p(**{"class": EMPTY_BODY})]
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
            return E.blockList(*items, **{"class": ORDERED if block.ordered else UNORDERED})
        if isinstance(block, Table):
            if not block.rows or any(not row.cells for row in block.rows):
                raise InputError("an empty table or row cannot be written as AKN")
            return E.table(*(E.tr(*(E.td(E.p(*self.inlines(cell))) if cell else E.td()
                                    for cell in row.cells)) for row in block.rows))
        raise TypeError(f"unknown block {type(block).__name__}")

    def speech(self, speech: Speech) -> etree._Element:
        """``<speech by as><num>Anf. 1</num><from>…</from><p>…</p></speech>``."""
        asked = [q.questioner.name for q in self.doc.questions if q.questioner is not None]
        role_id = speaker_role(speech.speaker, asked)
        said = [self.block(b) for b in speech.blocks] or [E.p(**{"class": EMPTY_SPEECH})]
        spoken_by = E("from", *mark_person(speech.label, speech.speaker, role_id, self.refs))
        return E.speech(E.num(speech.marker), spoken_by, *said,
                        by="#" + self.person_ref(speech.speaker.name),
                        **{"as": "#" + self.role(role_id)})

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
            line.append(E.location(doc.place, refersTo="#" + self.refs.location(doc.place)))
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
        """One ``<signature>``: its lines as written, separated by ``<eol/>``, with the
        signer's name, party and title marked up where they stand, and a department line
        as the organization that sends the document."""
        person = signature.person
        name_at, role_at = signature_lines(signature)
        out: list[Node] = []
        for index, line in enumerate(signature.lines):
            if index:
                out.append(E.eol())
            if index == name_at:
                out += mark_person(line, person if role_at is None else
                                   Person(person.name, person.party), signer_role(self.doc.kind),
                                   self.refs)
            elif index == role_at:
                out.append(E.role(line, refersTo="#" + self.role(signer_role(self.doc.kind))))
            elif DEPARTMENT.fullmatch(line):
                out.append(E.organization(line, refersTo="#" + self.refs.department(line)))
            else:
                out.append(line)
        return E.signature(*merged(out))

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
        return E.organization(party, refersTo="#" + self.refs.party(party))

    @staticmethod
    def eid_of(element: etree._Element) -> str:
        """The eId `assign_eids` gave *element* (every element this writer refers to has one)."""
        eid = element.get("eId")
        if eid is None:
            raise AssertionError(f"{etree.QName(element).localname} has no eId")
        return eid

    # -- references ------------------------------------------------------------

    def person_ref(self, name: str) -> str:
        return self.refs.person(name)

    def role(self, role_id: str) -> str:
        return self.refs.role(role_id)

    def question_ref(self, index: int) -> str:
        """The TLCReference of question *index*: the document itself for a question or
        interpellation; otherwise the written question or interpellation it concerns,
        whose date this text does not state."""
        question = self.doc.questions[index]
        number = question_number(question)
        own = index == 0 and self.doc.kind in (Kind.QUESTION, Kind.INTERPELLATION)
        concerns = Kind.INTERPELLATION if vocabulary.concerns_interpellation(self.doc) \
            else Kind.QUESTION
        href = self.uri.work_uri(work_component=False) if own else question_uri(question, concerns)
        return self.refs.question(href, f"{akn_type(concerns).name}-{number}", question.designation,
                                  "interpellation" if concerns is Kind.INTERPELLATION
                                  else "question")

    # -- meta ------------------------------------------------------------------

    def meta(self) -> list[etree._Element]:
        notes = [(n.note_id, self.eid_of(self.written_notes[n.note_id])) for n in self.doc.notes]
        return [akn_meta.identification(self.doc, self.uri, self.date_name, self.type.name,
                                        self.is_number, self.refs),
                self.refs.element(),
                akn_meta.proprietary(self.year_less, self.body_questioners, notes)]


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
