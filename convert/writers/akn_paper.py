"""A paper (motion, committee report, bill, communication) → Akoma Ntoso 3.0, in riksdoc's
profile for papers (docs/akn-profile.md, "Papers"; `riksdoc.akn_paper_profile`).

* motions, reports and communications are ``<doc name="mot|bet|skr">`` with a
  ``mainBody``; bills ``<bill name="prop">`` with a ``body``; the Work is
  ``/akn/se/doc/mot/{date}/2019-20-3063`` (``/akn/se/bill/prop/…``), FRBRnumber
  ``2019-20-3063`` showAs ``2019/20:3063``;
* the header's words in the ``preface``: ``docType``, ``docNumber``, the motion's
  author line, ``docTitle``;
* headed parts as ``section`` (numbered: ``num``, eId ``sec_2-1``) or ``division``
  (unnumbered, ``dvs_3``), each with its ``heading``; text before, between and after
  subparts in ``intro``, ``hcontainer name="text"`` and ``wrapUp``;
* proposals as a ``list`` of ``point``s, each with its ``num`` (and heading);
* reservations, special opinions and signature blocks as ``hcontainer``s
  (``reservation``, ``opinion``, ``signatures``), their people marked up as
  ``person`` (TLCPerson) with their party as ``organization``, the date line's
  place and date as ``location`` and ``docDate``;
* a bill's proposed law as ``hcontainer name="law"`` holding a ``mod`` with a
  ``quotedStructure`` whose chapters, sections and stycken are written as in an
  act (`riksdoc.writers.akn_act.ActBody`) and named below it
  (``sec_2__law_1__mod_1__qstr_1__chp_3__sec_1``);
* annexes (and a part after them, such as a bill's protocol extract) as
  ``attachments``; footnotes as ``authorialNote`` at their reference.

The same model always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ..akn_paper_profile import (
    ANNEX,
    AUTHOR,
    BY_LINE,
    HCONTAINERS,
    HEADED,
    MEMBER,
    MEMBERS_CLASS,
    NUMBERED_HEADED,
    PART,
    PROPOSAL,
    PROPOSALS,
    TEXT,
    assign_eids,
)
from ..akn_profile import AKN_NS, ENDNOTE, FOOTNOTE, ORDERED, UNORDERED, akn_type
from ..eids import Names, name
from ..errors import InputError
from ..model import (
    Block,
    Division,
    Document,
    Kind,
    Level,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Person,
)
from .akn import E
from .akn_act import ActBody
from .akn_paper_meta import PaperMeta

_NS = f"{{{AKN_NS}}}"
_ELEMENT_ONLY = frozenset(f"{_NS}{name}" for name in (
    "akomaNtoso", "doc", "bill", "meta", "identification", "FRBRWork", "FRBRExpression",
    "FRBRManifestation", "references", "proprietary", "preface", "body", "mainBody", "section",
    "division", "hcontainer", "list", "point", "content", "intro", "wrapUp", "attachments",
    "attachment", "table", "tr", "blockList", "chapter", "paragraph", "transitional", "part"))


def names(document: Document) -> Names:
    """The eIds the AKN of *document* (a paper) gives its parts — headed parts, proposals,
    reservations, signature blocks, annexes, a proposed law's chapters, sections and
    stycken — so the HTML's anchors and the DOCX's bookmarks name them alike."""
    writer = _PaperWriter(document, "x")
    writer.build()
    found = Names()
    for division, element in writer.placed:
        if (eid := element.get("eId")) is not None:
            found.give(division, eid)
    for quoted, inside in writer.laws:
        for part, eid in inside.items():
            found.give(part, f"{quoted.get('eId')}__{eid}")
    return found


def write(document: Document, *, stem: str) -> bytes:
    """*document* (a paper) as AKN 3.0 XML bytes."""
    try:
        root = _PaperWriter(document, stem).build()
    except ValueError as exc:  # lxml refuses control characters and the like
        raise InputError(f"cannot be written as XML: {exc}") from None
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


class _Notes:
    """Notes at their first reference, ``noteRef``s after that."""

    def __init__(self, notes: tuple[Note, ...]) -> None:
        self.notes = {note.note_id: note for note in notes}
        self.written: dict[str, etree._Element] = {}
        self.refs: list[tuple[etree._Element, etree._Element]] = []


class _PaperWriter(ActBody):
    def __init__(self, document: Document, stem: str) -> None:
        super().__init__()
        self.doc = document
        self.row = akn_type(document.kind)
        self.meta = PaperMeta(document, self.row, stem)
        self.notes = _Notes(document.notes)
        self.components = 0
        self.placed: list[tuple[Division, etree._Element]] = []
        """Each part written, with its element (for `names`, once eIds are given)."""
        self.laws: list[tuple[etree._Element, Names]] = []
        """Each proposed law's ``quotedStructure`` with its parts' names below it."""

    # -- the document ----------------------------------------------------------------------

    def build(self) -> etree._Element:
        blocks = list(self.doc.blocks)
        split = _attachments_from(blocks)
        body_blocks, attached = blocks[:split], blocks[split:]
        parts: list[etree._Element] = []
        preface = self.preface()
        if preface:
            parts.append(E.preface(*preface))
        bill = self.row.element == "bill"
        body = etree.Element(_NS + ("body" if bill else "mainBody"))
        self.write_blocks(body, body_blocks, hierarchical=bill)
        if len(body) == 0:  # the body cannot be empty; this marker reads back as no blocks
            holder = _sub(_sub(body, "hcontainer", {"name": TEXT}), "content") if bill else body
            _sub(holder, "p", {"class": "emptyBody"})
        parts.append(body)
        if attached:
            parts.append(E.attachments(*(self.attachment(b) for b in attached
                                         if isinstance(b, Division))))
        meta = E.meta()
        element = E(self.row.element, meta, *parts, name=self.row.name)
        assign_eids(element)
        for ref, note in self.notes.refs:
            ref.set("href", "#" + (note.get("eId") or ""))
        note_ids = [(self.notes.notes[nid], el.get("eId") or "") for nid, el in self.notes.written.items()]
        unused = [n for n in self.doc.notes if n.note_id not in self.notes.written]
        if unused:
            raise InputError(f"note {unused[0].note_id!r} is referenced nowhere in the text; "
                             "a paper's notes must have a reference point to be written as AKN")
        meta.extend(self.meta.elements(note_ids))
        return E.akomaNtoso(element)

    def preface(self) -> list[etree._Element]:
        paper = self.meta.paper
        out: list[etree._Element] = []
        government = self.doc.kind in (Kind.BILL, Kind.COMMUNICATION)
        if paper.doc_line is not None and government and paper.as_written is not None:
            out.append(E.p(E.docType(paper.doc_line), " ", E.docNumber(paper.as_written)))
        else:
            if paper.doc_line is not None:
                out.append(E.p(E.docType(paper.doc_line)))
            if paper.as_written is not None:
                out.append(E.p(E.docNumber(paper.as_written)))
        if paper.by_line is not None:
            out.append(E.p(paper.by_line, **{"class": BY_LINE}))
        if self.doc.heading is not None:
            out.append(E.p(E.docTitle(self.doc.heading)))
        return out

    # -- the body ------------------------------------------------------------------------------

    def write_blocks(self, parent: etree._Element, blocks: list[Block], hierarchical: bool) -> None:
        """*blocks* into *parent*: parts as their elements, runs of proposals as a ``list``,
        runs of other blocks as they are (or, where the schema wants hierarchical
        elements, in an ``hcontainer name="text"``)."""
        for run in _runs(blocks):
            first = run[0]
            if isinstance(first, Division) and first.level is Level.PROPOSAL:
                element = _sub(parent, PROPOSALS)
                for proposal in run:
                    assert isinstance(proposal, Division)
                    self.part(element, proposal, PROPOSAL)
            elif isinstance(first, Division):
                for division in run:
                    assert isinstance(division, Division)
                    self.part(parent, division)
            elif hierarchical:
                self.content(_sub(parent, "hcontainer", {"name": TEXT}), run)
            else:
                self.content_blocks(parent, run)

    def part(self, parent: etree._Element, division: Division, tag: str | None = None) -> None:
        level = division.level
        attrs: dict[str, str] = {}
        if tag is None and level is Level.HEADED:
            tag = NUMBERED_HEADED if division.num is not None else HEADED
        elif tag is None and level in HCONTAINERS:
            tag, attrs = "hcontainer", {"name": HCONTAINERS[level]}
        elif tag is None and level is Level.ANNEX:
            tag, attrs = "hcontainer", {"name": "annex"}
        elif tag is None:
            raise InputError(f"a {level.value} outside a proposed law cannot be written in a paper")
        element = _sub(parent, tag, attrs)
        self.placed.append((division, element))
        if division.num is not None:
            _sub(element, "num", None, division.num)
        if division.heading is not None:
            _sub(element, "heading", None, division.heading)
        if level is Level.LAW:
            self.law(element, division)
        else:
            self.fill(element, division)

    def fill(self, element: etree._Element, division: Division) -> None:
        """A part's children: ``content`` if it holds no parts, else ``intro``, the parts
        (and ``hcontainer name="text"`` between them) and ``wrapUp``."""
        children = list(division.children)
        role = _ROLES.get(division.level)
        if not any(isinstance(c, Division) for c in children):
            self.content(_sub(element, "content"), children, division.people, role)
            return
        runs = list(_runs(children))
        if not isinstance(runs[0][0], Division):
            self.content(_sub(element, "intro"), runs.pop(0), division.people, role, wrap=False)
        wrap_up = runs.pop() if not isinstance(runs[-1][0], Division) else None
        for run in runs:
            self.write_blocks(element, run, hierarchical=True)
        if wrap_up is not None:
            self.content(_sub(element, "wrapUp"), wrap_up, (), None, wrap=False)

    def content(self, element: etree._Element, blocks: list[Block], people: Iterable[Person] = (),
                role: str | None = None, wrap: bool = True) -> None:
        """Blocks as the part's text (a ``content``, ``intro`` or ``wrapUp``), its people marked
        up where the text names them."""
        target = element if wrap is False or etree.QName(element).localname == "content" \
            else _sub(element, "content")
        queue = list(people)
        for block in blocks:
            if isinstance(block, Paragraph) and role is not None:
                self.marked_p(target, block, queue, role)
            else:
                self.content_blocks(target, [block])
        if queue:
            raise InputError(f"{queue[0].name!r} is among a part's people but not named in its "
                             "text; a paper's people must be named where they sign or write")
        if len(target) == 0:
            _sub(target, "p")

    def law(self, element: etree._Element, division: Division) -> None:
        """A proposed law: ``content/p/mod/quotedStructure`` holding its parts as an act's."""
        p = _sub(_sub(element, "content"), "p")
        quoted = _sub(_sub(p, "mod"), "quotedStructure")
        self.names = name(division.children)  # the law's own parts, named as an act's
        self.blocks(quoted, division.children)
        self.laws.append((quoted, self.names))
        self.names = Names()
        if len(quoted) == 0:
            _sub(quoted, "p")

    def attachment(self, division: Division) -> etree._Element:
        self.components += 1
        component = f"att_{self.components}"
        preface: list[etree._Element] = []
        if division.num is not None:
            preface.append(E.p(E.docNumber(division.num)))
        if division.heading is not None:
            preface.append(E.p(E.docTitle(division.heading)))
        body = E.mainBody()
        self.write_blocks(body, list(division.children), hierarchical=False)
        if len(body) == 0:
            _sub(body, "p", {"class": "emptyBody"})
        doc_name = ANNEX if division.level is Level.ANNEX else PART
        doc = E.doc(self.meta.attachment(component), *([E.preface(*preface)] if preface else []),
                    body, name=doc_name)
        element = E.attachment(doc)
        self.placed.append((division, element))
        return element

    # -- text --------------------------------------------------------------------------------

    def content_blocks(self, parent: etree._Element, blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, Division):
                self.part(parent, block)
            elif isinstance(block, ListBlock) and not block.items:
                raise InputError("an empty list cannot be written as AKN")
            elif isinstance(block, ListBlock):
                element = _sub(parent, "blockList", {"class": ORDERED if block.ordered else UNORDERED})
                for item in block.items:
                    entry = _sub(element, "item")
                    _sub(entry, "num", None, item.marker)
                    self.p(entry, item.content)
                    self.content_blocks(entry, item.blocks)
            else:
                super().content_blocks(parent, [block])

    def note_ref(self, parent: etree._Element, ref: NoteRef) -> etree._Element:
        """The note itself at its first reference, a ``noteRef`` after that."""
        notes = self.notes
        if ref.note_id in notes.written:
            note = notes.notes[ref.note_id]
            element = _sub(parent, "noteRef", {"marker": note.marker})
            notes.refs.append((element, notes.written[ref.note_id]))
            return element
        if ref.note_id not in notes.notes:
            raise InputError(f"reference to a note that does not exist: {ref.note_id!r}")
        note = notes.notes[ref.note_id]
        attrs = {"marker": note.marker, "class": ENDNOTE if note.endnote else FOOTNOTE}
        if not note.endnote:
            attrs["placement"] = "bottom"
        element = _sub(parent, "authorialNote", attrs)
        notes.written[ref.note_id] = element
        self.p(element, note.content)
        return element

    def marked_p(self, parent: etree._Element, paragraph: Paragraph, queue: list[Person],
                 role: str) -> None:
        """A paragraph of a signature block, reservation or opinion: the people it names (the
        next ones in *queue*) as ``person`` with their party, a date line's place and date."""
        text = "".join(part for part in paragraph.content if isinstance(part, str))
        if len(paragraph.content) != 1 or not isinstance(paragraph.content[0], str):
            self.p(parent, paragraph.content)
            return
        element = _sub(parent, "p")
        if text.startswith("Följande ledamöter"):
            role = MEMBER
            element.set("class", MEMBERS_CLASS)
        marks = self.people_marks(text, queue, role) or self.date_marks(text)
        single = role == "signatory" and bool(marks) and marks[0][0] == "person" and marks[0][1] == 0 \
            and _whole(text, marks)
        target = _sub(element, "signature") if single else element
        _fill(target, text, marks)

    def people_marks(self, text: str, queue: list[Person],
                     role: str) -> list[tuple[str, int, int, etree._Element]]:
        marks: list[tuple[str, int, int, etree._Element]] = []
        offset = 0
        while queue:
            person = queue[0]
            at = text.find(person.name, offset)
            if at < 0:
                break
            queue.pop(0)
            marks.append(("person", at, at + len(person.name),
                          E.person(person.name, refersTo="#" + self.meta.person(person.name),
                                   **{"as": "#" + self.meta.role(role)})))
            offset = at + len(person.name)
            if person.party is not None and text.startswith(f" ({person.party})", offset):
                start = offset + 2
                marks.append(("party", start, start + len(person.party),
                              E.organization(person.party, refersTo="#" + self.meta.party(person.party))))
                offset = start + len(person.party) + 1
        return marks

    def date_marks(self, text: str) -> list[tuple[str, int, int, etree._Element]]:
        doc = self.doc
        if doc.place is None or doc.date is None or doc.date_text is None \
                or text != f"{doc.place} den {doc.date_text}":
            return []
        at = len(doc.place) + len(" den ")
        return [("place", 0, len(doc.place),
                 E.location(doc.place, refersTo="#" + self.meta.location(doc.place))),
                ("date", at, len(text), E.docDate(doc.date_text, date=doc.date.iso()))]


_ROLES = {Level.SIGNATURES: "signatory", Level.RESERVATION: AUTHOR, Level.OPINION: AUTHOR}
"""The role of the people a part names, by its level."""


def _whole(text: str, marks: list[tuple[str, int, int, etree._Element]]) -> bool:
    """Do the marks (a name, and its party in brackets) make up the whole line?"""
    end = marks[-1][2] + (1 if marks[-1][0] == "party" else 0)
    return re.fullmatch(r"\s*", text[end:]) is not None and len(marks) <= 2


def _fill(element: etree._Element, text: str, marks: list[tuple[str, int, int, etree._Element]]) -> None:
    """*text* into *element* with the *marks* (spans replaced by their elements)."""
    last: etree._Element | None = None
    position = 0
    for _, start, end, mark in marks:
        between = text[position:start]
        if last is None:
            element.text = (element.text or "") + between
        else:
            last.tail = (last.tail or "") + between
        element.append(mark)
        last = mark
        position = end
    rest = text[position:]
    if last is None:
        element.text = (element.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _runs(blocks: list[Block]) -> Iterable[list[Block]]:
    """*blocks* in runs: proposals together, other parts together, other blocks together."""
    run: list[Block] = []
    kind: object = None
    for block in blocks:
        this: object = (block.level is Level.PROPOSAL) if isinstance(block, Division) else "text"
        if run and this != kind:
            yield run
            run = []
        run.append(block)
        kind = this
    if run:
        yield run


def _attachments_from(blocks: list[Block]) -> int:
    """Where the attachments start: at the first annex at the top, if everything from there
    on is an annex or a headed part (else annexes stay in the body)."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Division) and b.level is Level.ANNEX),
                 len(blocks))
    attachable = all(isinstance(b, Division) and b.level in (Level.ANNEX, Level.HEADED)
                     for b in blocks[first:])
    return first if attachable else len(blocks)


def _sub(parent: etree._Element, name: str, attrs: dict[str, str] | None = None,
         text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _NS + name, attrs)
    if text is not None:
        element.text = text
    return element


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent element-only content for people reading the XML; never inside text."""
    if element.tag not in _ELEMENT_ONLY or len(element) == 0 or (element.text or "").strip():
        return
    if any((child.tail or "").strip() for child in element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        child.tail = pad
        _indent(child, level + 1)
    element[-1].tail = pad[:-2]

