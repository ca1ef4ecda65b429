"""Word document (.docx) → model, so an edited riksdoc DOCX can be republished.

A DOCX written by riksdoc (and then edited in Word or LibreOffice) is read by
its paragraph styles (`riksdoc.ooxml.styles` has the table): the header lines
give the questions (number as written, questioner, party), the Title
paragraphs their titles, the place-and-date line the place and date, each
signature paragraph one signature block (a line break a line), and the body
paragraphs, lists, tables and notes the body.  The document type comes from
the category property (``Svar på skriftlig fråga (frs)``), else from the
header line.  Lines are read with the text parser's own grammar
(`riksdoc.grammar`), so a model read from text comes back equal.

Edits are welcome: the visible text is the source of truth, nothing is taken
from hidden copies.  List markers are recomputed from the Word numbering
(an inserted item gets the next number); note markers are Word's automatic
numbers unless the note has a custom mark; note ids are ``fn<marker>`` /
``en<marker>`` as the text reader makes them.  What the model cannot hold is
a warning, never silently absorbed: a paragraph style riksdoc does not know,
a heading added to the body, bold, italic or underlined text.

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

from .. import grammar
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
    SwedishDate,
    Table,
)
from ..ooxml import styles as st
from ..ooxml.document import BodyParagraph, DocumentPart
from ..ooxml.package import Package
from ..vocabulary import HEAD_WORDS, own_words
from . import Read

_HEADING = re.compile(r"^(?:heading|rubrik)\s*\d$", re.IGNORECASE)


def read(data: bytes, limits: Limits = DEFAULT, kind: Kind | None = None,
         name: str = "") -> Read:
    """Read a .docx; `InputError` if it is not one or is not safe to open.

    A DOCX riksdoc did not write goes through the text pipeline, with the
    same *limits* on lines (and the *kind* asked for) as a text export.
    """
    del name
    word = DocumentPart(Package(data))
    if _by_riksdoc(word):
        return Read(_Builder(word).document())
    from .text import read as read_text
    return read_text(word.as_text().encode("utf-8"), limits, kind)


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
        self.titles: list[str | None] = []
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
        self.warnings: list[Message] = []
        self.unknown_styles: set[str] = set()

    def document(self) -> Document:
        for item in self.word.items():
            if isinstance(item, Table):
                self.blocks.append(item)
            elif item.text.strip() or any(isinstance(p, NoteRef) for p in item.content):
                self._formatting(item)
                handler = self.BY_STYLE.get(item.style)
                if handler is None or not handler(self, item):
                    self.body(item)
        notes = self.word.notes(self.warn)
        questions = [QuestionRef(q.session, q.number, q.as_written, q.questioner, t)
                     for q, t in zip(self.questions, self.titles, strict=True)]
        return Document(
            kind=self.kind or Kind.GENERIC, questions=tuple(questions), heading=self.heading,
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
        found = grammar.document_line(item.text)
        if found is None:
            self.warn("docx-header", f"header line not understood, kept as text: {item.text}")
            (self.blocks if self.questions else self.preamble).append(Paragraph(item.content))
            return True
        words, question = found
        if not self.questions:  # the first document line says the kind, in its own words
            if self.kind is None:
                self.kind = grammar.kind_of_head(words)
            self.head = own_words(words, self.kind) if self.kind in HEAD_WORDS else None
        self.questions.append(question)
        self.titles.append(None)
        return True

    def title(self, item: BodyParagraph) -> bool:
        if self.questions and self.titles[-1] is None:
            self.titles[-1] = item.text
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
        self.addressee = grammar.addressee(text[5:] if text.startswith("till ") else text)
        return True

    def minister_line(self, item: BodyParagraph) -> bool:
        if self.minister is not None:
            return False
        text, party = grammar.split_party(item.text)
        person = grammar.minister(text)
        self.minister = Person(person.name, party, person.role) if person else Person(text, party)
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
        lines = tuple(item.text.split("\n"))
        self.signatures.append(Signature(grammar.signatory(lines) or Person(lines[0]), lines))
        return True

    BY_STYLE: ClassVar[dict[str, Callable[[_Builder, BodyParagraph], bool]]] = {
        st.PREAMBLE: preamble_line, st.HEADER: header, st.TITLE: title,
        st.ADDRESSEE: addressee_line, st.MINISTER: minister_line, st.PLACE_DATE: place_date,
        st.DATE_LINE: place_date, st.SIGNATURE: signature,
    }
    """What each structure style holds (`riksdoc.ooxml.styles`); anything else is body."""

    # -- the body --------------------------------------------------------------

    def body(self, item: BodyParagraph) -> None:
        if item.num_id is not None or item.style in st.LIST_STYLES:
            self._list_item(item)
            return
        if _HEADING.match(item.style):
            self.warn("docx-heading", f"a heading added in the body is read as a paragraph "
                      f"(riksdoc's model has no headings there): {_snippet(item.text)}")
        elif item.style not in st.BODY_STYLES | st.STRUCTURE_STYLES \
                and item.style not in self.unknown_styles:
            self.unknown_styles.add(item.style)
            self.warn("docx-style", f"unrecognised paragraph style {item.style!r}: read as "
                      f"body text ({_snippet(item.text)})")
        self.blocks.append(Paragraph(item.content))

    def _list_item(self, item: BodyParagraph) -> None:
        lists = self.word.lists
        ordered = item.style == st.LIST_NUMBER
        if item.style not in st.LIST_STYLES and item.num_id:
            ordered = bool(lists.ordered(item.num_id, item.level))
        marker = lists.next_marker(item.num_id, item.level, ordered) \
            if item.num_id else ("1." if ordered else "•")
        list_item = ListItem(marker, item.content)
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, ListBlock) and last.ordered == ordered:
            self.blocks[-1] = ListBlock(ordered, (*last.items, list_item))
        else:
            self.blocks.append(ListBlock(ordered, (list_item,)))

    def _formatting(self, item: BodyParagraph) -> None:
        if item.formatting:
            kinds = " and ".join(sorted(item.formatting))
            self.warn("docx-formatting", f"{kinds} text cannot be kept (riksdoc's model has "
                      f"no emphasis); the words are: {_snippet(item.text)}")


# -- helpers ---------------------------------------------------------------------------

def _snippet(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= length else f"'{text[:length - 1]}…'"
