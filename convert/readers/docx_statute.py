"""A statute's DOCX, as riksdoc writes it (and a clerk edits it), back to the model.

The inverse of `riksdoc.writers.docx_body` for a text with a hierarchy, read by
the paragraph and character styles (`riksdoc.ooxml.styles`), the way the text
parser reads lines:

* the first page: ``Riksdoc SFS Number``, the ``Title``, ``Riksdoc Statute
  Header`` lines (an older export's header block); the `Statute` itself comes
  from the record the writer put beside the text (`riksdoc.ooxml.custom`), else
  from those lines;
* a ``Heading N`` paragraph opens a division of rank N, closing those of rank N
  and deeper: its number is the run in ``Riksdoc Heading Number``, its marker
  words the runs in ``Riksdoc Validity Char``, its heading the rest; what it is
  (chapter, part, annex, an amending act's provisions, the transitional
  provisions, a rubrik) its number and words say
  (`riksdoc.statute.lines.heading_level`);
* a paragraph that opens with a run in ``Riksdoc Number`` opens a section (the
  rest is its first stycke), so does a ``Riksdoc Section`` line; ``Riksdoc
  Validity`` paragraphs are marker words for the part after them;
* Body Text opens a stycke, ``Riksdoc Stycke Continued`` goes on with it; list
  items (nested by their Word list level) belong to the stycke open; a table
  opens one;
* hyperlinks are references: a bookmark's name back to the eId it was made
  from (`riksdoc.ooxml.build.bookmark_name`), an external target as it is.

A part's repeal (``3 § Har upphävts genom lag …``) is read from its text, as
the parser reads it; versions' intervals from their marker words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import grammar, vocabulary
from ..eids import name
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
    Message,
    Paragraph,
    Ref,
    Statute,
    Table,
)
from ..ooxml import styles as st
from ..ooxml.build import bookmark_name
from ..ooxml.custom import read_record
from ..ooxml.document import BodyParagraph, DocumentPart, Segment
from ..statute.build import family, validity
from ..statute.lines import REPEAL, heading_level, read_marker
from ..statute.references import rename

_KINDS = {style: kind for kind, style in st.REFERENCES.items()}
_HEADING = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_NUMBER = re.compile(r"^SFS\s+(\S+)$")


@dataclass
class _Open:
    """A division being read."""

    level: Level
    num: str | None
    heading: str | None
    rank: int
    markers: list[str] = field(default_factory=list)
    leading: bool = False
    children: list[Block] = field(default_factory=list)

    def close(self) -> Division:
        found = [m for m in (read_marker(text) for text in self.markers) if m is not None]
        return Division(self.level, self.num, self.heading, tuple(self.children),
                        validity(found, self.leading) if self.markers else None,
                        _repealed(self.children))


class StatuteReader:
    """Takes a statute's paragraphs apart by their styles into a `Document`."""

    def __init__(self, word: DocumentPart) -> None:
        self.word = word
        self.stack: list[_Open] = [_Open(Level.PART, None, None, 0)]  # the body itself
        self.stycke: list[Block | _Item] | None = None
        self.pending: list[str] = []
        self.number: str | None = None
        self.heading: str | None = None
        self.header: list[tuple[str, str]] = []
        self.warnings: list[Message] = []

    def document(self) -> Document:
        self.word.segmented = True
        for item in self.word.items():
            if isinstance(item, Table):  # a table starts a stycke, as in the text
                self.close_stycke()
                self.open_stycke().append(item)
            elif item.text.strip():
                self.paragraph(item)
        self.flush_pending()
        while len(self.stack) > 1:
            self.pop()
        blocks = tuple(self.stack[0].children)
        names = name(blocks)
        blocks, lost = rename(blocks, {bookmark_name(eid): eid for eid in names.used},
                              "points to no part of the document")
        return Document(Kind.STATUTE, heading=self.heading, blocks=blocks,
                        statute=self.statute(), warnings=(*self.warnings, *lost))

    def statute(self) -> Statute:
        header = tuple(HeaderField(key, value) for key, value in self.header)
        record = read_record(self.word.package, self.word.main, header)
        if record is not None:
            return record
        self.warnings.append(Message("docx-statute-record", "the statute's record is not "
                                     "in the file; its number is read from the first page"))
        return Statute(number=self.number, header=header)

    # -- paragraphs --------------------------------------------------------------------

    def paragraph(self, item: BodyParagraph) -> None:
        style = item.style
        if style == st.SFS_NUMBER:
            m = _NUMBER.match(item.text.strip())
            self.number = m.group(1) if m else None
        elif style == st.TITLE and self.heading is None:
            self.heading = item.text
        elif style == st.STATUTE_HEADER:
            key, _, value = item.text.partition(": ")
            self.header.append((key, value) if value else ("", item.text))
        elif style in (st.STATUTE_LINE, st.STATUTE_AS_OF, st.STATUTE_RULE):
            return  # words riksdoc composes from the record (vocabulary.statute_lines)
        elif style == st.VALIDITY:
            self.pending.append(item.text)
        elif (m := _HEADING.match(style)) is not None:
            self.open_heading(item, int(m.group(1)))
        elif style == st.SECTION:
            self.open_section(item.segments)
        elif item.num_id is not None or style in st.LIST_STYLES:
            self.list_item(item)
        else:
            self.text(item, continued=style == st.STYCKE_CONTINUED)

    def open_heading(self, item: BodyParagraph, rank: int) -> None:
        num = _styled(item.segments, st.HEADING_NUMBER)
        markers = _all_styled(item.segments, st.VALIDITY_CHAR)
        words = " ".join(s.text for s in item.segments
                         if s.style not in (st.HEADING_NUMBER, st.VALIDITY_CHAR)).split()
        heading = " ".join(words) or None
        level = heading_level(num, heading)
        self.close_stycke()
        while len(self.stack) > 1 and (self.stack[-1].rank >= rank
                                       or self.stack[-1].level is Level.SECTION):
            self.pop()
        node = self.open(level, num, heading, rank, markers)
        if level is Level.HEADING:  # a rubrik holds nothing: it stands among the parts
            self.stack.remove(node)
            self.stack[-1].children.append(node.close())

    def open_section(self, segments: tuple[Segment, ...]) -> None:
        num = _styled(segments, st.NUMBER)
        markers = _all_styled(segments, st.VALIDITY_CHAR)
        self.close_stycke()
        while self.stack[-1].level is Level.SECTION:
            self.pop()
        self.open(Level.SECTION, num, None, self.stack[-1].rank + 1, markers)

    def text(self, item: BodyParagraph, *, continued: bool) -> None:
        segments = item.segments
        if segments and segments[0].style == st.NUMBER and not continued:
            self.open_section(segments[:1])
            segments = _after_number(segments[1:])
        content = _inlines(segments)
        if continued and self.stycke is not None:
            self.stycke.append(Paragraph(content))
            return
        self.close_stycke()
        self.open_stycke().append(Paragraph(content))

    def list_item(self, item: BodyParagraph) -> None:
        marker, ordered = self.word.list_marker(item)
        level = int(item.level) if item.level.isdigit() else 0
        if self.stycke and isinstance(self.stycke[-1], Table):  # a list after a table
            self.close_stycke()
        self.open_stycke().append(_Item(level, ordered, ListItem(marker,
                                                                 _inlines(item.segments))))

    # -- the stack ------------------------------------------------------------------------

    def open(self, level: Level, num: str | None, heading: str | None, rank: int,
             markers: list[str]) -> _Open:
        node = _Open(level, num, heading, rank)
        if self.pending:
            node.markers, node.leading, self.pending = self.pending, True, []
        else:
            node.markers = markers
        self.stack.append(node)
        return node

    def pop(self) -> None:
        self.close_stycke()
        node = self.stack.pop()
        self.stack[-1].children.append(node.close())

    def open_stycke(self) -> list[Block | _Item]:
        self.flush_pending()
        if self.stycke is None:
            self.stycke = []
        return self.stycke

    def close_stycke(self) -> None:
        if self.stycke is not None:
            self.stack[-1].children.append(Division(Level.PARAGRAPH, None, None,
                                                    _blocks(self.stycke)))
            self.stycke = None

    def flush_pending(self) -> None:
        """Marker words that stand above no part stay as text, as the parser keeps them."""
        if self.pending:
            pending, self.pending = self.pending, []
            self.close_stycke()
            self.stack[-1].children.append(Division(Level.PARAGRAPH, None, None, tuple(
                Paragraph((text,)) for text in pending)))


@dataclass(frozen=True)
class _Item:
    """A list item read, with its Word list level."""

    level: int
    ordered: bool
    item: ListItem


def _blocks(entries: list[Block | _Item]) -> tuple[Block, ...]:
    """A stycke's blocks: its paragraphs and tables, and its items as lists, nested by
    their levels; a new list where the markers change family (``1.`` to ``a)``)."""
    out: list[Block] = []
    index = 0
    while index < len(entries):
        entry = entries[index]
        if isinstance(entry, _Item):
            found, index = _lists(entries, index, entry.level)
            out += found
        else:
            out.append(entry)
            index += 1
    return tuple(out)


def _lists(entries: list[Block | _Item], index: int, level: int
           ) -> tuple[list[ListBlock], int]:
    """The lists at *level* from *index* on (items deeper nest in the item before them)."""
    lists: list[ListBlock] = []
    items: list[ListItem] = []
    ordered, kind = False, ""
    while index < len(entries):
        entry = entries[index]
        if not isinstance(entry, _Item) or entry.level < level:
            break
        if entry.level > level and items:
            nested, index = _lists(entries, index, entry.level)
            items[-1] = ListItem(items[-1].marker, items[-1].content,
                                 blocks=(*items[-1].blocks, *nested))
            continue
        if items and (entry.ordered != ordered or family(entry.item.marker) != kind):
            lists.append(ListBlock(ordered, tuple(items)))
            items = []
        ordered, kind = entry.ordered, family(entry.item.marker)
        items.append(entry.item)
        index += 1
    if items:
        lists.append(ListBlock(ordered, tuple(items)))
    return lists, index


def _styled(segments: tuple[Segment, ...], style: str) -> str | None:
    found = [s.text for s in segments if s.style == style]
    return "".join(found).strip() or None if found else None


def _all_styled(segments: tuple[Segment, ...], style: str) -> list[str]:
    return [s.text.strip() for s in segments if s.style == style and s.text.strip()]


def _after_number(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The segments after a run-in number, the space between left out."""
    if segments and segments[0].style is None and segments[0].link is None:
        first = segments[0]
        rest = first.text[1:] if first.text.startswith(" ") else first.text
        return ((Segment(rest, None, None),) if rest else ()) + segments[1:]
    return segments


def _inlines(segments: tuple[Segment, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for segment in segments:
        if segment.link is not None:
            out.append(Ref(segment.text, segment.link, _KINDS.get(segment.style or "")))
        elif out and isinstance(out[-1], str):
            out[-1] += segment.text
        else:
            out.append(segment.text)
    return tuple(out)


def _repealed(children: list[Block]) -> bool:
    """A part whose one stycke is a repeal note (``Har upphävts genom lag …``)."""
    if len(children) != 1 or not isinstance(children[0], Division):
        return False
    first = children[0].children[0] if children[0].children else None
    if not isinstance(first, Paragraph):
        return False
    text = "".join(p if isinstance(p, str) else p.text if isinstance(p, Ref) else ""
                   for p in first.content)
    return bool(REPEAL.match(text))


def is_statute(word: DocumentPart) -> bool:
    """Is this a statute riksdoc wrote (its category says ``sfs``)?"""
    category = word.category()
    return category is not None and grammar.category_kind(category) is Kind.STATUTE \
        and vocabulary.category(Kind.STATUTE) == category
