"""Word document (.docx) → model, so an edited riksdoc DOCX can be republished.

A DOCX written by riksdoc (and then edited in Word or LibreOffice) is read by
its paragraph styles (`riksdoc.ooxml.styles` has the table): the header lines
give the questions (number as written, questioner, party), the Title
paragraphs their titles, the place-and-date line the place and date, each
signature paragraph one signature block (a line break a line), and the body
paragraphs, lists, tables and notes the body.  The document type comes from
the category property (``Svar på skriftlig fråga (frs)``), else from the
header line.  Header, minister, addressee, speaker and signature lines are read
with the text parser's own public functions (`riksdoc.parse`), so a model read
from text comes back equal; so is a questioner the header does not name, found
again in the body as the parser finds it.  A speaker line (Riksdoc Speaker)
opens a speech that holds the paragraphs after it.

Edits are welcome: the visible text is the source of truth, nothing is taken
from hidden copies.  List markers are recomputed from the Word numbering
(an inserted item gets the next number); note markers are Word's automatic
numbers unless the note has a custom mark; note ids are ``fn<marker>`` /
``en<marker>`` as the text reader makes them.  What the model cannot hold is
a warning, never silently absorbed: a paragraph style riksdoc does not know,
a heading added to the body, bold, italic or underlined text.

A statute (category ``Författning (sfs)``) is read by `riksdoc.readers.docx_statute`,
by its headings, section numbers and stycken.

A DOCX not written by riksdoc (no riksdoc category or styles) is read as
text: its paragraphs (tables as tab-separated rows, notes in the Word-export
form) go through the same normalise-and-parse pipeline as a text export.

The package and its parts are opened by `riksdoc.ooxml` (`package` refuses zip bombs
and unsafe XML; `document` gives the paragraphs); this module gives them meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from .. import grammar, parse
from ..errors import InputError
from ..limits import DEFAULT, Limits
from ..model import (
    Block,
    Document,
    Kind,
    ListBlock,
    ListItem,
    Message,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    Speech,
    SwedishDate,
    Table,
)
from ..ooxml import styles as st
from ..ooxml.document import BodyParagraph, DocumentPart
from ..ooxml.package import Package
from ..vocabulary import HEAD_WORDS, own_words
from . import Read
from .docx_statute import StatuteReader, is_statute

_HEADING = re.compile(r"^(?:heading|rubrik)\s*\d$", re.IGNORECASE)
_LATER_LINE = re.compile(r"(?P<head>och fråga|fråga|och)\s+(?=\d)")
"""How the second and later document lines of a joint answer open."""
_OPENING_LINES = (parse.LineClass.DOCUMENT, parse.LineClass.FORM_TITLE)


def read(data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None,
         name: str = "") -> Read:
    """Read a .docx; `InputError` if it is not one or is not safe to open.

    A DOCX riksdoc did not write goes through the text pipeline, with the
    same *limits* on lines (and the *kind* asked for) as a text export.
    """
    del name
    word = DocumentPart(Package(data), limits)
    if _by_riksdoc(word):
        # a text with a hierarchy is read by its headings and sections
        document = StatuteReader(word).document() if is_statute(word) \
            else _Builder(word).document()
        limits.check_document(document)
        return Read(document)
    from .text import read as read_text
    text = word.as_text().encode("utf-8")
    if len(text) > limits.max_bytes:  # the text pipeline's input is this text: the same bound
        raise InputError(f"its text is {len(text):,} bytes; the limit is {limits.max_bytes:,} "
                         "(--max-bytes)")
    return read_text(text, limits, kind)


def _by_riksdoc(word: DocumentPart) -> bool:
    """Was this written by riksdoc (category code or a Riksdoc style in use)?"""
    category = word.category()
    if category is not None and grammar.category_kind(category) is not None:
        return True
    return any(name.startswith(st.RIKSDOC_PREFIX) for name in word.styles_used())


# -- the model, paragraph by paragraph, by style ------------------------------------------

class _Builder:
    """Takes a riksdoc DOCX's paragraphs apart by their styles into a `Document`."""

    def __init__(self, word: DocumentPart) -> None:
        self.word = word
        category = word.category()
        self.kind = grammar.category_kind(category) if category is not None else None
        self.questions: list[QuestionRef] = []
        self.line: list[int] = []  # the questions of the latest document line
        self.heading: str | None = None
        self.head: str | None = None
        self.addressee: Person | None = None
        self.minister: Person | None = None
        self.place: str | None = None
        self.date: SwedishDate | None = None
        self.date_text: str | None = None
        self.signatures: list[Signature] = []
        self.preamble: list[Paragraph] = []
        self.blocks: list[Block] = []
        self.speech: tuple[str, Person, str] | None = None  # the speech a speaker line opened
        self.said: list[Block] = []
        self.warnings: list[Message] = []
        self.unknown_styles: set[str] = set()
        self.open_list: tuple[list[Block], int, list[ListItem]] | None = None
        """The list still growing: the blocks it is in, its place there, its items."""

    def document(self) -> Document:
        limits = self.word.limits
        for item in self.word.items():
            if isinstance(item, Table):
                self.add(item)
            elif item.text.strip() or any(isinstance(p, NoteRef) for p in item.content):
                self._formatting(item)
                handler = self.BY_STYLE.get(item.style)
                if handler is None or not handler(self, item):
                    self.body(item)
            limits.check_count("paragraphs, lists and tables",
                               len(self.blocks) + len(self.preamble) + len(self.said),
                               limits.max_blocks)
        self.close_speech()
        notes = self.word.notes(self.warn)
        kind = self.kind or Kind.GENERIC
        questions, _ = parse.named_in_body(kind, tuple(self.questions), tuple(self.blocks))
        return Document(
            kind=kind, questions=questions, heading=self.heading,
            head=self.head, addressee=self.addressee, minister=self.minister, place=self.place,
            date=self.date, date_text=self.date_text, signatures=tuple(self.signatures),
            preamble=tuple(self.preamble), blocks=tuple(self.blocks), notes=notes,
            warnings=tuple(self.warnings))

    def warn(self, code: str, text: str) -> None:
        self.warnings.append(Message(code, text))

    # -- one method a style; False: not taken, read as body text ----------------

    def preamble_line(self, item: BodyParagraph) -> bool:
        self.preamble.append(Paragraph(item.content))
        return True

    def header(self, item: BodyParagraph) -> bool:
        """A document line: its numbers and who asked, read as the parser reads them
        (``Svar på frågorna 2022/23:410, 411 och 415 av …``; later lines ``och fråga …``)."""
        text = item.text
        later = _LATER_LINE.match(text)
        if self.questions and later:
            rest = text[later.end():]
        else:
            reading = parse.classify(text)
            rest = reading.get("rest") or ""
            if reading.cls not in _OPENING_LINES or not rest:
                return self.not_a_header(item)
            if not self.questions:  # the first document line says the kind, in its own words
                self.kind = self.kind or Kind(reading.get("kind"))
                words = reading.get("opening") or ""
                self.head = own_words(words, self.kind) if self.kind in HEAD_WORDS else None
        groups = parse.read_groups(rest, titled=False)
        if not groups:
            return self.not_a_header(item)
        self.line = []
        for group in groups:
            for number, person in zip(group.numbers, parse.pair(group.numbers, group.people),
                                      strict=True):
                self.line.append(len(self.questions))
                self.questions.append(QuestionRef(number.session, number.number,
                                                  number.as_written, person, None))
        return True

    def not_a_header(self, item: BodyParagraph) -> bool:
        self.warn("docx-header", f"header line not understood, kept as text: {item.text}")
        (self.blocks if self.questions else self.preamble).append(Paragraph(item.content))
        return True

    def title(self, item: BodyParagraph) -> bool:
        """A title belongs to the first question of the latest document line that lacks
        one; before any document line it is a generic document's heading."""
        untitled = [i for i in self.line if self.questions[i].title is None]
        if untitled:
            q = self.questions[untitled[0]]
            self.questions[untitled[0]] = QuestionRef(q.session, q.number, q.as_written,
                                                      q.questioner, item.text)
        elif not self.questions and self.heading is None:
            self.heading = item.text
        else:
            self.warn("docx-heading", f"a title added in the body is read as a paragraph "
                      f"(riksdoc's model has no headings there): {_snippet(item.text)}")
            return False
        return True

    def addressee_line(self, item: BodyParagraph) -> bool:
        if self.addressee is not None:
            return False
        text = item.text
        text = text[5:] if text.startswith("till ") else text
        self.addressee = parse.read_addressee(text) or _person(text)
        return True

    def minister_line(self, item: BodyParagraph) -> bool:
        if self.minister is not None:
            return False
        self.minister = parse.minister(item.text) or _person(item.text)
        return True

    def place_date(self, item: BodyParagraph) -> bool:
        if self.place is not None or self.date_text is not None:
            return False
        text = item.text
        m = grammar.PLACE_DATE.match(text)
        if m is None:
            self.warn("docx-date", f"no date in the place-and-date line: {text}")
            self.place = text
            return True
        try:
            self.date = grammar.date(m)
        except ValueError:
            self.warn("docx-date", f"not a date in the place-and-date line: {text}")
            self.place = text
            return True
        self.place, self.date_text = m.group("place"), m.group("text")
        return True

    def signature(self, item: BodyParagraph) -> bool:
        self.signatures.append(parse.signature(tuple(item.text.split("\n"))))
        return True

    def speaker(self, item: BodyParagraph) -> bool:
        """A speaker line (``Anf. 1 Statsrådet NAMN (S):``) opens a speech."""
        self.close_speech()
        found = parse.speaker(item.text)
        if found is None:
            self.warn("docx-speaker", f"speaker line not understood: {_snippet(item.text)}")
            marker, _, label = item.text.partition(" ")
            found = (marker, Person(label), label)
        self.speech = found
        return True

    BY_STYLE: ClassVar[dict[str, Callable[[_Builder, BodyParagraph], bool]]] = {
        st.PREAMBLE: preamble_line, st.HEADER: header, st.TITLE: title,
        st.ADDRESSEE: addressee_line, st.MINISTER: minister_line, st.PLACE_DATE: place_date,
        st.DATE_LINE: place_date, st.SIGNATURE: signature, st.SPEAKER: speaker,
    }
    """What each structure style holds (`riksdoc.ooxml.styles`); anything else is body."""

    # -- the body --------------------------------------------------------------

    def add(self, block: Block) -> None:
        """A block of the body, or of the speech a speaker line opened."""
        (self.said if self.speech is not None else self.blocks).append(block)

    def close_speech(self) -> None:
        self._close_list()  # a list inside the speech is complete before the speech is made
        if self.speech is not None:
            marker, person, label = self.speech
            self.blocks.append(Speech(marker, person, label, tuple(self.said)))  # type: ignore[arg-type]
        self.speech, self.said = None, []

    def body(self, item: BodyParagraph) -> None:
        if item.num_id is not None or item.style in st.LIST_STYLES:
            self._list_item(item)
            return
        if self.speech is not None and \
                parse.classify(item.text).cls is parse.LineClass.DEBATE_END:
            self.close_speech()  # the debate is over; the record goes on
        if _HEADING.match(item.style):
            self.warn("docx-heading", f"a heading added in the body is read as a paragraph "
                      f"(riksdoc's model has no headings there): {_snippet(item.text)}")
        elif item.style not in st.BODY_STYLES | st.STRUCTURE_STYLES \
                and item.style not in self.unknown_styles:
            self.unknown_styles.add(item.style)
            self.warn("docx-style", f"unrecognised paragraph style {item.style!r}: read as "
                      f"body text ({_snippet(item.text)})")
        self.add(Paragraph(item.content))

    def _list_item(self, item: BodyParagraph) -> None:
        marker, ordered = self.word.list_marker(item)
        list_item = ListItem(marker, item.content)
        blocks = self.said if self.speech is not None else self.blocks
        last = blocks[-1] if blocks else None
        if isinstance(last, ListBlock) and last.ordered == ordered \
                and self.open_list is not None and self.open_list[0] is blocks \
                and self.open_list[1] == len(blocks) - 1:
            self.open_list[2].append(list_item)  # the tuple is made once the list ends
        else:
            self._close_list()
            self.open_list = (blocks, len(blocks), [list_item])
            blocks.append(ListBlock(ordered, ()))

    def _close_list(self) -> None:
        """Give the open list its items (they grow in a list, not a tuple: no copy an item)."""
        if self.open_list is not None:
            blocks, index, items = self.open_list
            grown = blocks[index]
            assert isinstance(grown, ListBlock)
            blocks[index] = ListBlock(grown.ordered, tuple(items))
        self.open_list = None

    def _formatting(self, item: BodyParagraph) -> None:
        if item.formatting:
            kinds = " and ".join(sorted(item.formatting))
            self.warn("docx-formatting", f"{kinds} text cannot be kept (riksdoc's model has "
                      f"no emphasis); the words are: {_snippet(item.text)}")


# -- helpers ---------------------------------------------------------------------------

_PARTY_AT_END = re.compile(r"^(?P<rest>.+?)\s+\((?P<party>[^()]+)\)$")


def _person(text: str) -> Person:
    """A person line no rule reads (edited in Word): ``Namn (M)`` as name and party."""
    m = _PARTY_AT_END.match(text)
    return Person(m.group("rest"), m.group("party")) if m else Person(text)


def _snippet(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= length else f"'{text[:length - 1]}…'"
