"""Akoma Ntoso in riksdoc's profile for papers (`riksdoc.akn_paper_profile`) → the model.

The inverse of `riksdoc.writers.akn_paper`: ``section``/``division`` become headed
parts, ``list``/``point`` proposals, the ``hcontainer``s reservations, special
opinions, signature blocks (their people from the ``person`` markup, each with the
party written after it) and proposed laws (their ``quotedStructure`` read as an act's
parts, `riksdoc.readers.akn_act.ActParts`), attachments the annexes; the paper's
identity from ``rd:paper`` and the preface.  What is not of the profile is an
`InputError` with a one-line reason.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..akn_paper_profile import ANNEX, BY_LINE, HCONTAINERS, HEADED, NUMBERED_HEADED, TEXT
from ..akn_profile import AKN_NS, DATE_NAME, ENDNOTE, RD_NS, kind_of, parse_paper_number
from ..errors import InputError
from ..model import (
    Block,
    Division,
    Document,
    Inline,
    Kind,
    Level,
    Note,
    NoteRef,
    Paper,
    Paragraph,
    Person,
    SwedishDate,
)
from .akn_act import ActParts

_A = f"{{{AKN_NS}}}"
_RD = f"{{{RD_NS}}}"
_LEVELS = {name: level for level, name in HCONTAINERS.items()}
_TEXT_PARTS = ("content", "intro", "wrapUp")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def read_paper(document: etree._Element) -> Document:
    """The paper a ``doc`` or ``bill`` of this profile holds."""
    kind = kind_of(_local(document), document.get("name", ""))
    if kind is None:
        raise InputError(f"not a riksdoc AKN paper: {_local(document)} {document.get('name')!r}")
    return _PaperReader(document, kind).document()


class _PaperReader(ActParts):
    def __init__(self, document: etree._Element, kind: Kind) -> None:
        super().__init__()
        self.element = document
        self.kind = kind
        self.note_ids: dict[str, str] = {}
        for item in document.iterfind(f"{_A}meta/{_A}proprietary/{_RD}note"):
            self.note_ids[item.get("at", "")] = item.get("id", "")
        self.notes: dict[str, Note] = {}
        self.dated: tuple[str | None, SwedishDate, str] | None = None

    def document(self) -> Document:
        element = self.element
        body = element.find(_A + ("body" if _local(element) == "bill" else "mainBody"))
        if body is None:
            raise InputError(f"not a riksdoc AKN paper: no <{'body' if _local(element) == 'bill' else 'mainBody'}>")
        preface = element.find(_A + "preface")
        blocks = [] if _empty(body) else self.parts(body)
        attachments = element.find(_A + "attachments")
        if attachments is not None:
            blocks += [self.attachment(a) for a in attachments.iterfind(_A + "attachment")]
        title = preface.find(f".//{_A}docTitle") if preface is not None else None
        place, date, date_text = self.dated or (None, self.work_date(), None)
        order = [self.note_ids.get(eid, eid) for eid in self.note_ids]
        notes = tuple(sorted(self.notes.values(), key=lambda n: order.index(n.note_id)
                             if n.note_id in order else len(order)))
        return Document(self.kind, heading=_text(title) if title is not None else None,
                        place=place, date=date, date_text=date_text, blocks=tuple(blocks),
                        notes=notes, paper=self.paper(preface))

    def work_date(self) -> SwedishDate | None:
        """The Work's date where no date line marks it (a record's date): a stated date
        (``name="document"``), never the placeholder."""
        found = self.element.find(f"{_A}meta/{_A}identification/{_A}FRBRWork/{_A}FRBRdate")
        if found is None or found.get("name") != DATE_NAME:
            return None
        year, month, day = (int(x) for x in (found.get("date") or "").split("-"))
        return SwedishDate(day, month, year)

    def paper(self, preface: etree._Element | None) -> Paper:
        data = self.element.find(f"{_A}meta/{_A}proprietary/{_RD}paper")
        get = data.get if data is not None else (lambda key, default=None: default)
        session, number = get("session"), get("number")
        if session is None and (value := self.element.find(f".//{_A}FRBRWork/{_A}FRBRnumber")) is not None:
            session, number = parse_paper_number(value.get("value", ""))

        def people(tag: str) -> tuple[Person, ...]:
            if data is None:
                return ()
            return tuple(Person(p.get("name", ""), p.get("party")) for p in data.iterfind(_RD + tag))

        def found(tag: str) -> str | None:
            hit = preface.find(f".//{_A}{tag}") if preface is not None else None
            return _text(hit) if hit is not None else None

        by = next((_text(p) for p in preface.iterfind(_A + "p") if p.get("class") == BY_LINE), None) \
            if preface is not None else None
        return Paper(session, number, found("docNumber"), found("docType"), by, people("author"),
                     get("committee"), get("ministry"), people("member"), get("recordId"),
                     get("subtype"))

    # -- the body ----------------------------------------------------------------------------

    def parts(self, parent: etree._Element) -> list[Block]:
        out: list[Block] = []
        for child in parent:
            name = _local(child)
            if not name or name in ("num", "heading", "subheading"):
                continue
            if name in _TEXT_PARTS:
                out += self.text(child)
            elif name in (NUMBERED_HEADED, HEADED):
                out.append(self.part(child, Level.HEADED))
            elif name == "list":
                out += [self.part(point, Level.PROPOSAL) for point in child.iterfind(_A + "point")]
            elif name == "hcontainer":
                out += self.hcontainer(child)
            elif name in ("p", "blockList", "table"):
                out += self.text_blocks([child])
            else:
                raise InputError(f"<{name}> is not part of riksdoc's profile for papers")
        return out

    def hcontainer(self, element: etree._Element) -> list[Block]:
        name = element.get("name", "")
        if name == TEXT:
            return self.parts(element)
        if name == "law":
            quoted = element.find(f"{_A}content/{_A}p/{_A}mod/{_A}quotedStructure")
            if quoted is None:
                raise InputError("a proposed law (hcontainer name='law') without its quotedStructure")
            children = [] if _empty(quoted) else self.blocks(quoted)
            return [Division(Level.LAW, None, None, tuple(children))]
        if name == "annex":
            return [self.part(element, Level.ANNEX)]
        if name not in _LEVELS:
            raise InputError(f"hcontainer name={name!r} is not part of riksdoc's profile for papers")
        return [self.part(element, _LEVELS[name])]

    def part(self, element: etree._Element, level: Level) -> Division:
        num = element.find(_A + "num")
        heading = element.find(_A + "heading")
        children = self.parts(element)
        people: list[Person] = []
        for part in element:
            if _local(part) in _TEXT_PARTS:
                people += _people(part)
        return Division(level, _text(num) if num is not None else None,
                        _text(heading) if heading is not None else None, tuple(children),
                        people=tuple(people) if level in (Level.SIGNATURES, Level.RESERVATION,
                                                          Level.OPINION) else ())

    def text(self, element: etree._Element) -> list[Block]:
        children = [c for c in element if _local(c)]
        if len(children) == 1 and _local(children[0]) == "p" and not _text(children[0]) \
                and not len(children[0]):
            return []  # the empty paragraph a content without text must hold
        return self.text_blocks(children)

    def text_blocks(self, elements: list[etree._Element]) -> list[Block]:
        """Paragraphs (a date line noted), lists and tables."""
        out: list[Block] = []
        for element in elements:
            if _local(element) == "p":
                self.date_line(element)
                out.append(Paragraph(self.inlines(element)))
            else:
                out += self.content(_wrap(element))
        return out

    def date_line(self, p: etree._Element) -> None:
        date = p.find(_A + "docDate")
        if self.dated is not None or date is None or not date.get("date"):
            return
        year, month, day = (int(x) for x in (date.get("date") or "").split("-"))
        place = p.find(_A + "location")
        self.dated = (_text(place) if place is not None else None, SwedishDate(day, month, year),
                      _text(date))

    def attachment(self, attachment: etree._Element) -> Division:
        doc = attachment.find(_A + "doc")
        if doc is None:
            raise InputError("an attachment without a <doc> is not part of riksdoc's profile")
        preface = doc.find(_A + "preface")
        number = _text(preface.find(f".//{_A}docNumber")) if preface is not None \
            and preface.find(f".//{_A}docNumber") is not None else None
        title = _text(preface.find(f".//{_A}docTitle")) if preface is not None \
            and preface.find(f".//{_A}docTitle") is not None else None
        body = doc.find(_A + "mainBody")
        children = [] if body is None or _empty(body) else self.parts(body)
        level = Level.ANNEX if doc.get("name") == ANNEX else Level.HEADED
        return Division(level, number, title, tuple(children))

    # -- inline content --------------------------------------------------------------------

    def inline(self, element: etree._Element) -> list[Inline]:
        name = _local(element)
        if name == "authorialNote":
            return [self.note(element)]
        if name == "noteRef":
            target = (element.get("href") or "").lstrip("#")
            return [NoteRef(self.note_ids.get(target, target))]
        if name == "signature":
            return list(self.inlines(element))
        return super().inline(element)

    def note(self, element: etree._Element) -> NoteRef:
        eid = element.get("eId", "")
        note_id = self.note_ids.get(eid, eid)
        p = element.find(_A + "p")
        self.notes[note_id] = Note(note_id, element.get("marker", ""), self.inlines(p),
                                   element.get("class") == ENDNOTE)
        return NoteRef(note_id)


def _people(part: etree._Element) -> list[Person]:
    """The people a part's text marks up, each with the party written right after the name."""
    out = []
    for person in part.iter(_A + "person"):
        party = None
        following = person.getnext()
        if following is not None and _local(following) == "organization" \
                and (person.tail or "") == " (" and (following.tail or "").startswith(")") \
                and (following.get("refersTo") or "").startswith("#party"):
            party = _text(following)
        out.append(Person(_text(person), party))
    return out


def _empty(element: etree._Element) -> bool:
    children = [c for c in element if isinstance(c.tag, str)]
    if len(children) == 1 and children[0].get("class") == "emptyBody":
        return True
    return len(children) == 1 and _local(children[0]) == "hcontainer" and \
        children[0].find(f"{_A}content/{_A}p[@class='emptyBody']") is not None


def _wrap(element: etree._Element) -> etree._Element:
    """*element* (a list or table) in a ``content`` of its own, for `ActParts.content`."""
    holder = etree.Element(_A + "content")
    holder.append(copy.deepcopy(element))
    return holder

