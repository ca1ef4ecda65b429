"""A statute (model kind STATUTE) → Akoma Ntoso 3.0 ``act``, in riksdoc's SFS profile.

The profile is documented in docs/akn-profile.md ("Statutes"); in short:

* ``<act name="sfs">``; Work ``/akn/se/act/2010/800``, FRBRnumber ``2010:800``
  (showAs ``SFS 2010:800``), FRBRsubtype the form (``lag``), FRBRdate the issue
  date, the department as FRBRauthor; the expression is the consolidated
  version (``swe@2026-07-01`` where the record dates it, FRBRversionNumber the
  last amending act included);
* the body: ``part`` › ``chapter`` › ``section`` › ``paragraph`` (stycke) ›
  ``list`` › ``point``; rubriker as ``hcontainer name="crossheading"``;
  transitional provisions as ``transitional`` holding one ``transitional``
  (``class="amendment"``) per amending act, numbered with its SFS number;
  annexes as ``attachments``;
* versions of a part carry ``period="#tmpg_N"``; ``temporalData`` holds the
  intervals, ``lifecycle`` the dates (and the amending acts' in-force dates);
  the marker words themselves stay in a ``subheading class="validity"``;
* amendment and repeal notes are ``ref``s to the act's Work URI.

eIds follow the naming convention (``chp_8__sec_1__para_2__list_1__point_3``,
``chp_6a``, ``chp_2__sec_5a``); they are `riksdoc.eids`', given by one walk of
the model, so the HTML anchors and DOCX bookmarks of the same parts agree.  A
second version of a part whose plain eId is taken gets ``-v`` and its first day
in force (``chp_1__sec_1-v2026-07-01``), or ``-v2``, ``-v3`` … .
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from .. import vocabulary
from ..akn_act_profile import (
    AMENDMENT_CLASS,
    ANNEX_NAME,
    AS_OF_CLASS,
    CROSSHEADING,
    ELEMENT_ONLY,
    TAGS,
    VALIDITY_CLASS,
    is_range,
)
from ..akn_profile import (
    AKN_NS,
    RD_NS,
    akn_type,
)
from ..eids import Named, Names, name, points_shape
from ..errors import InputError
from ..model import (
    Block,
    Division,
    Document,
    Inline,
    Kind,
    Level,
    ListBlock,
    ListItem,
    NoteRef,
    Paragraph,
    Ref,
    Statute,
    Table,
    Validity,
)
from .akn import E
from .akn_act_meta import ActMeta


def write(document: Document, *, stem: str) -> bytes:
    """*document* (a statute) as AKN 3.0 ``act`` XML bytes."""
    try:
        root = _ActWriter(document, stem).build()
    except ValueError as exc:
        raise InputError(f"cannot be written as XML: {exc}") from None
    indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


class ActBody:
    """Writes a statute's parts (chapters, sections, stycken, lists, tables) as AKN elements
    into a parent: the body of an ``act``, or a proposed law quoted in a bill.

    *names* are the parts' eIds (`riksdoc.eids`); *period* names the ``temporalGroup`` of
    a version's validity (None where versions cannot be written).  `note_ref` writes a
    note reference; an act has none, so here it refuses one.
    """

    def __init__(self, names: Names | None = None,
                 period: Callable[[Validity], str] | None = None) -> None:
        self.names = names if names is not None else Names()
        self.period = period

    def note_ref(self, parent: etree._Element, ref: NoteRef) -> etree._Element:
        """A note reference inside *parent*'s text (appended; returns the new element)."""
        raise InputError("a statute with footnotes cannot be written as an AKN act "
                         "(riksdoc's statute profile has no notes)")

    # -- body ----------------------------------------------------------------------------
    # Built by appending to the parent (SubElement): a statute has tens of thousands of
    # elements, and this is a third of the cost of ElementMaker calls.

    def blocks(self, parent: etree._Element, blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, Division):
                self.division(parent, block)
            else:  # a bare block outside any stycke (models not made by the parser)
                self.content(_sub(parent, "paragraph", self.named(block, {"class": "block"})),
                             [block])

    def division(self, parent: etree._Element, division: Division) -> None:
        if division.level is Level.PARAGRAPH:
            self.stycke(parent, division)
            return
        if division.level is Level.ANNEX:
            raise InputError("an annex inside the body cannot be written as AKN "
                             "(annexes are attachments, after the body)")
        attrs: dict[str, str] = {}
        if division.level is Level.HEADING:
            attrs["name"] = CROSSHEADING
        if division.level is Level.AMENDMENT:
            attrs["class"] = AMENDMENT_CLASS
        self.version_attributes(division, attrs)
        element = _sub(parent, TAGS[division.level], self.named(division, attrs))
        self.heads(element, division)
        self.blocks(element, division.children)

    def heads(self, element: etree._Element, division: Division) -> None:
        """``num``, the marker words and ``heading``, in the order the text has them."""
        validity = division.validity
        markers = validity.markers if validity is not None else ()
        leading = validity is not None and validity.leading
        if leading:
            for marker in markers:
                _sub(element, "subheading", {"class": VALIDITY_CLASS}, marker)
        if division.num is not None:
            _sub(element, "num", None, division.num)
        if not leading:
            for marker in markers:
                _sub(element, "subheading", {"class": VALIDITY_CLASS}, marker)
        if division.heading is not None:
            _sub(element, "heading", None, division.heading)

    def named(self, part: Named, attrs: dict[str, str] | None = None) -> dict[str, str]:
        """*attrs* after the part's ``eId`` (first: easier to read)."""
        eid = self.names.of(part)
        return {"eId": eid, **(attrs or {})} if eid is not None else dict(attrs or {})

    def version_attributes(self, division: Division, attrs: dict[str, str]) -> None:
        if division.validity is not None:
            if self.period is None:
                raise InputError("a version of a part (a validity) cannot be written here")
            attrs["period"] = "#" + self.period(division.validity)
        if division.repealed:
            attrs["status"] = "removed"

    def stycke(self, parent: etree._Element, division: Division) -> None:
        """A stycke: its text, and the list it introduces as ``list`` of ``point``s."""
        children = list(division.children)
        attrs: dict[str, str] = {}
        self.version_attributes(division, attrs)
        element = _sub(parent, "paragraph", self.named(division, attrs))
        self.heads(element, division)
        if not points_shape(division.children):
            self.content(element, children)
            return
        intro: Paragraph | None = None
        for child in children:
            if isinstance(child, Paragraph):
                intro = child
            else:
                assert isinstance(child, ListBlock)
                self.points(element, child, intro.content if intro is not None else None)
                intro = None

    def points(self, parent: etree._Element, block: ListBlock,
             intro: tuple[Inline, ...] | None) -> None:
        if not block.items:
            raise InputError("an empty list cannot be written as AKN")
        element = _sub(parent, "list",
                       self.named(block, {"class": "ordered" if block.ordered else "unordered"}))
        if intro is not None:
            self.p(_sub(element, "intro"), intro)
        for item in block.items:
            self.point(element, item)

    def point(self, parent: etree._Element, item: ListItem) -> None:
        element = _sub(parent, "point", self.named(item))
        _sub(element, "num", None, item.marker)
        if item.blocks and all(isinstance(b, ListBlock) for b in item.blocks):
            for n, block in enumerate(item.blocks):
                assert isinstance(block, ListBlock)
                self.points(element, block, item.content if n == 0 else None)
            return
        content = _sub(element, "content")
        self.p(content, item.content)
        self.content_blocks(content, item.blocks)

    def content(self, parent: etree._Element, blocks: list[Block]) -> None:
        content = _sub(parent, "content")
        self.content_blocks(content, blocks)
        if len(content) == 0:
            _sub(content, "p")

    def content_blocks(self, parent: etree._Element, blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self.p(parent, block.content)
            elif isinstance(block, ListBlock):
                self.block_list(parent, block)
            elif isinstance(block, Table):
                self.table(parent, block)
            else:
                raise InputError(f"a {type(block).__name__} inside a stycke cannot be written "
                                 "as AKN")

    def block_list(self, parent: etree._Element, block: ListBlock) -> None:
        if not block.items:
            raise InputError("an empty list cannot be written as AKN")
        element = _sub(parent, "blockList",
                       {"class": "ordered" if block.ordered else "unordered"})
        for item in block.items:
            entry = _sub(element, "item")
            _sub(entry, "num", None, item.marker)
            self.p(entry, item.content)
            self.content_blocks(entry, item.blocks)

    def table(self, parent: etree._Element, table: Table) -> None:
        if not table.rows or any(not row.cells for row in table.rows):
            raise InputError("an empty table or row cannot be written as AKN")
        element = _sub(parent, "table")
        for row in table.rows:
            tr = _sub(element, "tr")
            for cell in row.cells:
                td = _sub(tr, "td")
                if cell:
                    self.p(td, cell)

    def p(self, parent: etree._Element, content: Iterable[Inline]) -> etree._Element:
        """A ``p`` with the text and its references: a ``ref`` each, and an ``rref`` for
        two that cite a range of parts (``2–6 §§``, `is_range`)."""
        element = _sub(parent, "p")
        last: etree._Element | None = None
        for part in _with_ranges(tuple(content)):
            if isinstance(part, tuple):
                first, join, end = part
                last = _sub(element, "rref", {"from": first.href, "upTo": end.href},
                            first.text + join + end.text)
            elif isinstance(part, Ref):
                attrs = {"href": part.href}
                if part.kind:
                    attrs["class"] = part.kind
                last = _sub(element, "ref", attrs, part.text)
            elif isinstance(part, NoteRef):
                last = self.note_ref(element, part)
            elif last is None:
                element.text = (element.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        return element


class _ActWriter(ActBody):
    def __init__(self, document: Document, stem: str) -> None:
        if document.notes:
            raise InputError("a statute with footnotes cannot be written as an AKN act "
                             "(riksdoc's statute profile has no notes)")
        self.doc = document
        self.statute = document.statute or Statute()
        self.meta = ActMeta(self.statute, document.heading, stem)
        super().__init__(name(document.blocks), self.meta.period)

    # -- the document ----------------------------------------------------------------

    def build(self) -> etree._Element:
        body_blocks = [b for b in self.doc.blocks
                       if not (isinstance(b, Division) and b.level is Level.ANNEX)]
        annexes = [b for b in self.doc.blocks
                   if isinstance(b, Division) and b.level is Level.ANNEX]
        body = E.body()
        if body_blocks:
            self.blocks(body, body_blocks)
        else:  # the body cannot be empty; this marker reads back as no blocks
            self.content(_sub(body, "paragraph", {"class": "emptyBody"}), [])
        parts: list[etree._Element] = []
        preface = self.preface()
        if preface:
            parts.append(E.preface(*preface))
        parts.append(body)
        if annexes:
            parts.append(E.attachments(*(self.annex(a, n) for n, a in enumerate(annexes, 1))))
        versions = any(isinstance(b, Division) and b.validity is not None
                       for b in _all(self.doc.blocks))
        act = E.act(E.meta(), *parts, name=akn_type(Kind.STATUTE).name,
                    contains="multipleVersions" if versions and self.statute.as_of is None
                    else "singleVersion")
        act[0].extend(self.meta.elements())  # once the text has said what it refers to
        return E.akomaNtoso(act)

    # -- preface -----------------------------------------------------------------------

    def preface(self) -> list[etree._Element]:
        if self.statute.header:
            lines = [self.header_line(field.key, field.value) for field in self.statute.header]
            if self.doc.heading is not None and not any(
                    f.key == "Rubrik" and f.value == self.doc.heading for f in self.statute.header):
                lines.append(E.p(E.docTitle(self.doc.heading)))  # a title the header does not give
            return lines + self.as_of()
        out = []
        if self.statute.number is not None:
            out.append(E.p("SFS ", E.docNumber(self.statute.number), **{"class": "number"}))
        if self.doc.heading is not None:
            out.append(E.p(E.docTitle(self.doc.heading)))
        return out + self.as_of()

    def as_of(self) -> list[etree._Element]:
        """``Lydelse den 1 juli 2026`` for an expression of the law on one day."""
        day = self.statute.as_of
        if day is None:
            return []
        return [E.p(f"{vocabulary.AS_OF} ", E.docDate(vocabulary.day_words(day),
                                                      date=day.isoformat()),
                    **{"class": AS_OF_CLASS})]

    def header_line(self, key: str, value: str) -> etree._Element:
        """``SFS nr: 1999:175`` — the key kept as written, the value marked up where known."""
        if not key:
            return E.p(value, **{"class": "header"})
        marked: etree._Element | str = value
        if key in ("SFS nr", "SFS-nummer") and value == self.statute.number:
            marked = E.docNumber(value)
        elif key == "Rubrik" and value == self.doc.heading:
            marked = E.docTitle(value)
        elif key == "Utfärdad" and self.statute.issued and value.startswith(
                self.statute.issued.isoformat()):
            marked = E.docDate(value, date=self.statute.issued.isoformat())
        return E.p(E.inline(key, name="field"), ": ", marked, **{"class": "header"})

    # -- annexes --------------------------------------------------------------------------

    def annex(self, division: Division, number: int) -> etree._Element:
        preface: list[etree._Element] = []
        validity = division.validity
        markers = [E.p(m, **{"class": VALIDITY_CLASS}) for m in validity.markers] \
            if validity is not None else []
        if validity is not None and validity.leading:
            preface += markers
        if division.num is not None:
            preface.append(E.p(E.docNumber(division.num)))
        if validity is not None and not validity.leading:
            preface += markers
        if division.heading is not None:
            preface.append(E.p(E.docTitle(division.heading)))
        component = f"att_{number}"
        body = E.mainBody()
        self.blocks(body, division.children)
        if len(body) == 0:
            _sub(body, "p", {"class": "emptyBody"})
        doc = E.doc(self.meta.annex(component), *([E.preface(*preface)] if preface else []),
                    body, name=ANNEX_NAME)
        attrs: dict[str, str] = {}
        self.version_attributes(division, attrs)
        return E.attachment(doc, **self.named(division, attrs))


_ELEMENT_ONLY_TAGS = frozenset(f"{{{AKN_NS}}}{name}" for name in ELEMENT_ONLY) | {
    f"{{{RD_NS}}}statute"}


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent element-only content for people reading the XML; never inside text (an act
    has no notes, so nothing element-only stands inside a paragraph's text)."""
    if element.tag not in _ELEMENT_ONLY_TAGS or len(element) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        child.tail = pad
        indent(child, level + 1)
    element[-1].tail = pad[:-2]


def _with_ranges(parts: tuple[Inline, ...]) -> Iterator[Inline | tuple[Ref, str, Ref]]:
    """*parts*, with each `Ref`, dash, `Ref` that cites a range (`is_range`) as one triple."""
    index = 0
    while index < len(parts):
        first, *rest = parts[index:index + 3]
        if isinstance(first, Ref) and len(rest) == 2 and isinstance(rest[0], str) \
                and isinstance(rest[1], Ref) and is_range(first, rest[0], rest[1]):
            yield first, rest[0], rest[1]
            index += 3
        else:
            yield first
            index += 1


def _sub(parent: etree._Element, name: str, attrs: dict[str, str] | None = None,
         text: str | None = None) -> etree._Element:
    """A new AKN element *name* appended to *parent*."""
    element = etree.SubElement(parent, f"{{{AKN_NS}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _all(blocks: Iterable[Block]) -> Iterable[Block]:
    for block in blocks:
        yield block
        if isinstance(block, Division):
            yield from _all(block.children)


