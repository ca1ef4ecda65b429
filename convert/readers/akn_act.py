"""Akoma Ntoso ``act`` in riksdoc's statute profile (docs/akn-profile.md) → the model.

The inverse of `riksdoc.writers.akn_act`: the body's parts become `Division`s
again, ``period``s their `Validity` (dates from ``temporalData`` and
``lifecycle``, the marker words from ``subheading class="validity"``), ``ref``s
`Ref`s, attachments annexes, and the statute's metadata comes from
``proprietary/rd:statute`` and the preface.  What is not of the profile is an
`InputError` with a one-line reason.
"""

from __future__ import annotations

import datetime

from lxml import etree

from ..akn_act_profile import (
    AMENDMENT_CLASS,
    CROSSHEADING,
    VALIDITY_CLASS,
    split_range,
    statute_of_record,
)
from ..akn_profile import AKN_NS, RD_NS
from ..errors import InputError
from ..model import (
    Block,
    Division,
    Document,
    HeaderField,
    Inline,
    Kind,
    Level,
    ListBlock,
    ListItem,
    Paragraph,
    Ref,
    Statute,
    Table,
    TableRow,
    Validity,
)
from ..statute.lines import read_marker

_A = f"{{{AKN_NS}}}"
_RD = f"{{{RD_NS}}}"
_LEVELS = {"part": Level.PART, "chapter": Level.CHAPTER, "section": Level.SECTION}
_HEADS = ("num", "heading", "subheading")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def read_act(root: etree._Element) -> Document:
    """The statute an ``akomaNtoso`` root with an ``act`` holds."""
    act = root.find(_A + "act")
    if act is None:
        raise InputError("not an Akoma Ntoso act")
    return _ActReader(act).document()


class ActParts:
    """Reads a statute's parts (chapters, sections, stycken, lists, tables) back into the
    model: an act's body, or a proposed law quoted in a bill.

    *periods* are the act's ``temporalGroup``s (eId → start and end), for versions."""

    def __init__(self, periods: dict[str, tuple[datetime.date | None, datetime.date | None]]
                 | None = None) -> None:
        self.periods = periods or {}

    @staticmethod
    def _empty(body: etree._Element) -> bool:
        children = [c for c in body if isinstance(c.tag, str)]
        return len(children) == 1 and children[0].get("class") == "emptyBody"

    # -- body ------------------------------------------------------------------------------

    def blocks(self, parent: etree._Element) -> list[Block]:
        out: list[Block] = []
        for child in parent:
            name = _local(child)
            if not name or name in _HEADS:
                continue
            if name == "paragraph":
                out.extend(self.stycke(child))
            elif name in _LEVELS:
                out.append(self.division(child, _LEVELS[name]))
            elif name == "transitional":
                level = Level.AMENDMENT if child.get("class") == AMENDMENT_CLASS \
                    else Level.TRANSITIONAL
                out.append(self.division(child, level))
            elif name == "hcontainer" and child.get("name") == CROSSHEADING:
                out.append(self.division(child, Level.HEADING))
            else:
                raise InputError(f"<{name}> is not part of riksdoc's statute profile")
        return out

    def division(self, element: etree._Element, level: Level,
                 children: list[Block] | None = None) -> Division:
        num = element.find(_A + "num")
        heading = element.find(_A + "heading")
        return Division(level, _text(num) if num is not None else None,
                        _text(heading) if heading is not None else None,
                        tuple(self.blocks(element) if children is None else children),
                        self.validity(element), element.get("status") == "removed")

    def validity(self, element: etree._Element, markers: list[str] | None = None,
                 leading: bool | None = None) -> Validity | None:
        period = element.get("period")
        if period is None:
            return None
        if period.lstrip("#") not in self.periods:
            raise InputError(f"period {period!r} refers to no temporalGroup")
        start, end = self.periods[period.lstrip("#")]
        if markers is None:
            heads = [c for c in element if _local(c) in _HEADS]
            markers = [_text(c) for c in heads if c.get("class") == VALIDITY_CLASS]
            num = next((n for n, c in enumerate(heads) if _local(c) == "num"), None)
            first = next((n for n, c in enumerate(heads) if c.get("class") == VALIDITY_CLASS), 0)
            leading = bool(markers) and (num is None or first < num)  # no number: they lead
        found = [m for m in (read_marker(text) for text in markers) if m is not None]
        by = next((m.by for m in found if m.by), None)
        return Validity(start, end, tuple(markers), bool(leading), by)

    def stycke(self, element: etree._Element) -> list[Block]:
        """A ``paragraph``: a stycke (or, marked ``class="block"``, a bare block)."""
        children: list[Block] = []
        for child in element:
            name = _local(child)
            if name == "content":
                children += self.content(child)
            elif name == "list":
                children += self.list_blocks(child)
            elif name and name not in _HEADS:
                raise InputError(f"<{name}> in a stycke is not part of riksdoc's statute profile")
        if element.get("class") == "block":
            return children
        return [self.division(element, Level.PARAGRAPH, children)]

    def list_blocks(self, element: etree._Element) -> list[Block]:
        """``list`` → its intro as a paragraph, then the list."""
        out: list[Block] = []
        intro = element.find(_A + "intro")
        if intro is not None:
            out.append(Paragraph(self.inlines(_first_p(intro))))
        items = [self.point(p) for p in element.iterfind(_A + "point")]
        out.append(ListBlock(element.get("class") == "ordered", tuple(items)))
        return out

    def point(self, element: etree._Element) -> ListItem:
        num = element.find(_A + "num")
        marker = _text(num) if num is not None else ""
        content = element.find(_A + "content")
        if content is not None:
            blocks = self.content(content)
            first = blocks[0] if blocks and isinstance(blocks[0], Paragraph) else Paragraph(())
            return ListItem(marker, first.content, blocks=tuple(blocks[1:]))
        text: tuple[Inline, ...] = ()
        sub: list[Block] = []
        for index, child in enumerate(element.iterfind(_A + "list")):
            found = self.list_blocks(child)
            if index == 0 and found and isinstance(found[0], Paragraph):
                text = found[0].content
                found = found[1:]
            sub += found
        return ListItem(marker, text, blocks=tuple(sub))

    def content(self, element: etree._Element) -> list[Block]:
        out: list[Block] = []
        for child in element:
            name = _local(child)
            if name == "p":
                out.append(Paragraph(self.inlines(child)))
            elif name == "blockList":
                items = []
                for item in child.iterfind(_A + "item"):
                    num = item.find(_A + "num")
                    inner = self.content(item)
                    first = inner[0] if inner and isinstance(inner[0], Paragraph) else Paragraph(())
                    items.append(ListItem(_text(num) if num is not None else "", first.content,
                                          blocks=tuple(inner[1:])))
                out.append(ListBlock(child.get("class") == "ordered", tuple(items)))
            elif name == "table":
                rows = []
                for tr in child.iterfind(_A + "tr"):
                    cells = []
                    for td in tr:
                        if _local(td) in ("td", "th"):
                            p = td.find(_A + "p")
                            cells.append(self.inlines(p) if p is not None else ())
                    rows.append(TableRow(tuple(cells)))
                out.append(Table(tuple(rows)))
            elif name and name != "num":
                raise InputError(f"<{name}> in content is not part of riksdoc's statute profile")
        return out

    def inlines(self, element: etree._Element | None) -> tuple[Inline, ...]:
        if element is None:
            return ()
        parts: list[Inline] = []

        def add(text: str | None) -> None:
            if text:
                if parts and isinstance(parts[-1], str):
                    parts[-1] += text
                else:
                    parts.append(text)

        add(element.text)
        for child in element:
            for part in self.inline(child):
                if isinstance(part, str):
                    add(part)
                else:
                    parts.append(part)
            add(child.tail)
        return tuple(parts)

    def inline(self, element: etree._Element) -> list[Inline]:
        """An element inside a paragraph's text: a ``ref`` as a `Ref`, an ``rref`` as the
        `Ref` of each end with the dash between them (`split_range`), anything else its
        text (a reader of notes reads ``authorialNote`` here)."""
        if _local(element) == "ref":
            return [Ref(_text(element), element.get("href", ""), element.get("class"))]
        if _local(element) == "rref":
            first, join, last = split_range(_text(element))
            return [Ref(first, element.get("from", "")), join,
                    Ref(last, element.get("upTo", ""))]
        return [_text(element)]


class _ActReader(ActParts):
    def __init__(self, act: etree._Element) -> None:
        self.act = act
        events = {e.get("eId"): _date(e.get("date"))
                  for e in act.iterfind(f"{_A}meta/{_A}lifecycle/{_A}eventRef")}
        periods: dict[str, tuple[datetime.date | None, datetime.date | None]] = {}
        for group in act.iterfind(f"{_A}meta/{_A}temporalData/{_A}temporalGroup"):
            interval = group.find(_A + "timeInterval")
            if interval is None:
                continue
            periods[group.get("eId", "")] = (
                events.get((interval.get("start") or "").lstrip("#")),
                events.get((interval.get("end") or "").lstrip("#")))
        super().__init__(periods)

    def document(self) -> Document:
        preface = self.act.find(_A + "preface")
        body = self.act.find(_A + "body")
        if body is None:
            raise InputError("not a riksdoc AKN act: no <body>")
        title = preface.find(f".//{_A}docTitle") if preface is not None else None
        blocks = [] if self._empty(body) else self.blocks(body)
        attachments = self.act.find(_A + "attachments")
        if attachments is not None:
            blocks += [self.annex(a) for a in attachments.iterfind(_A + "attachment")]
        return Document(Kind.STATUTE, heading=_text(title) if title is not None else None,
                        blocks=tuple(blocks), statute=self.statute(preface))

    # -- metadata ----------------------------------------------------------------------

    def statute(self, preface: etree._Element | None) -> Statute:
        data = self.act.find(f"{_A}meta/{_A}proprietary/{_RD}statute")
        if data is None:
            raise InputError("not a riksdoc AKN act: no rd:statute in meta/proprietary")
        return statute_of_record(data, self.header(preface))

    @staticmethod
    def header(preface: etree._Element | None) -> tuple[HeaderField, ...]:
        if preface is None:
            return ()
        fields = []
        for p in preface.iterfind(_A + "p"):
            if p.get("class") != "header":
                continue
            key = p.find(_A + "inline")
            if key is None or key.get("name") != "field":
                fields.append(HeaderField("", _text(p)))
                continue
            rest = _text(p)[len(_text(key)):]
            if not rest.startswith(": "):
                raise InputError(f"header line {_text(p)!r} is not 'key: value'")
            fields.append(HeaderField(_text(key), rest[2:]))
        return tuple(fields)

    # -- annexes ------------------------------------------------------------------------

    def annex(self, attachment: etree._Element) -> Division:
        doc = attachment.find(_A + "doc")
        if doc is None:
            raise InputError("an attachment without a <doc> is not part of the statute profile")
        preface = doc.find(_A + "preface")
        number = title = None
        markers: list[str] = []
        leading = False
        if preface is not None:
            for p in preface.iterfind(_A + "p"):
                if p.get("class") == VALIDITY_CLASS:
                    leading = leading or number is None  # before the number, or no number
                    markers.append(_text(p))
                elif p.find(_A + "docNumber") is not None:
                    number = _text(p)
                elif p.find(_A + "docTitle") is not None:
                    title = _text(p)
        body = doc.find(_A + "mainBody")
        children = [] if body is None or self._empty(body) else self.blocks(body)
        return Division(Level.ANNEX, number, title, tuple(children),
                        self.validity(attachment, markers, leading),
                        attachment.get("status") == "removed")


def _first_p(element: etree._Element) -> etree._Element | None:
    return element.find(_A + "p")
