"""Normalised text → `Document`: recognise what the document is and its parts.

Recognition goes from the most to the least specific shape, and a document is
typed as an answer (``frs``) only when its header says ``Svar på fråga``:

* answers: ``Svar på fråga 2017/18:112 av Namn (M) Titel`` on one line, over
  two lines, with a blank line between; joint answers to several questions;
  the older layout (``den 14 september`` / ``Svar på fråga`` /
  ``2010/11:680 Titel`` / ``Statsrådet Namn``, questioner only in the body);
* notices (``Meddelande om …``) that an answer is delayed or will not come;
* written questions (``Fråga 2015/16:910 Titel`` / ``av Namn (M)`` /
  ``till Statsrådet …``, or ``Fråga 2002/03:11 av Namn (v) till … om …``);
* interpellations (``Interpellation 2018/19:244 Titel`` / ``av`` / ``till``);
* anything else: a generic document, first line as heading, with a warning.

Every warning carries the input line it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# The shared grammar, under the names the rules below were written with.
from .grammar import (
    DATE as _DATE,
    MINISTER_LINE as _MINISTER_LINE,
    NAME as _NAME,
    NOTE_REF as _NOTE_REF,
    NUMBER as _NUMBER,
    PARTY as _PARTY,
    addressee as _addressee,
    date as _date,
    question as _question,
    signatory,
)
from .model import (
    Block,
    Document,
    Inline,
    Kind,
    ListBlock,
    ListItem,
    Message,
    Note,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    Span,
    SwedishDate,
    Table,
    TableRow,
)
from .normalise import LIST_MARKER, NOTE_OPEN, Line, Normalised
from .vocabulary import endnote_marker, own_words

_QUESTION_PART = re.compile(
    rf"^(?:fråga\s+)?{_NUMBER}\s+av\s+(?P<name>.+?)\s+{_PARTY}(?:\s+(?P<title>.*))?$",
    re.IGNORECASE)
_PART_SPLIT = re.compile(r"(?:,\s*|\s+och\s+)(?:fråga\s+)?(?=\d{4}/\d{2,4}:\d+\s+av\s)",
                         re.IGNORECASE)
_ANSWER_HEAD = re.compile(r"^Svar på (?:skriftlig )?fråga\b\s*", re.IGNORECASE)
_OLD_NUMBER_TITLE = re.compile(rf"^{_NUMBER}(?:\s+(?P<title>.+))?$")
_DATE_ONLY = re.compile(rf"^den\s+{_DATE}$", re.IGNORECASE)
_CLOSING = re.compile(rf"^(?P<place>[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?)\s+den\s+{_DATE}$")
_ASKED_ME = re.compile(rf"^(?P<name>{_NAME}) har (?:frågat|ställt)")
_QUESTION_HEAD = re.compile(rf"^(?P<word>Fråga|Interpellation)\s+{_NUMBER}\s*(?P<rest>.*)$",
                            re.IGNORECASE)
_BY = re.compile(rf"^av\s+(?P<name>.+?)\s+{_PARTY}$")
_TO = re.compile(r"^till\s+(?P<to>.+)$")
_ONE_LINE_QUESTION = re.compile(
    rf"^av\s+(?P<name>.+?)\s+{_PARTY}\s+till\s+(?P<to>.+?)\s+om\s+(?P<title>.+)$")
_NOTICE_HEAD = re.compile(r"^Meddelande om\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;”\"’»)]$")


def parse(normalised: Normalised) -> Document:
    """Recognise *normalised* text as one `Document`."""
    parser = _Parser(normalised)
    return parser.without_note_marks(parser.document())


@dataclass
class _Head:
    """What the header of a document gave, and where its body starts."""

    kind: Kind
    questions: tuple[QuestionRef, ...]
    body_start: int
    addressee: Person | None = None
    minister: Person | None = None
    head: str | None = None
    heading: str | None = None


class _Parser:
    def __init__(self, normalised: Normalised) -> None:
        self.lines = list(normalised.lines)
        self.notes = normalised.notes
        self.warnings: list[Message] = []

    # -- the document ------------------------------------------------------

    def document(self) -> Document:
        start = self._first_header_line()
        head = None
        if start is not None:
            head = self._answer(start) or self._notice(start) or self._question(start)
        if start is None or head is None:
            return self._generic()
        preamble, dated, dated_line = self._preamble(start)
        end, place, date, signatures = self._closing(head.body_start)
        if date is None:
            date = dated
        elif dated_line is not None:  # the closing dates the document; the top line stays text
            preamble = tuple(sorted((*preamble, dated_line), key=lambda p: p.span.first if p.span else 0))
        questions = head.questions
        if head.kind is Kind.ANSWER:
            questions = self._questioner_from_body(questions, head.body_start, end)
            if end == len(self.lines) and not signatures and head.minister is None:
                self._warn("no-closing", "no closing place-and-date line or signature found",
                           self.lines[-1].number if self.lines else None)
        return Document(
            kind=head.kind,
            questions=questions,
            head=head.head,
            heading=head.heading,
            addressee=head.addressee,
            minister=head.minister,
            place=place,
            date=date[0] if date else None,
            date_text=date[1] if date else None,
            signatures=signatures,
            preamble=preamble,
            blocks=self._blocks(head.body_start, end),
            notes=self._notes(),
            warnings=tuple(self.warnings),
        )

    def _first_header_line(self) -> int | None:
        for index, line in enumerate(self.lines[:40]):
            text = line.text
            if _ANSWER_HEAD.match(text) or _NOTICE_HEAD.match(text) or _QUESTION_HEAD.match(text):
                return index
            if text in ("Fråga", "Interpellation") or re.fullmatch(r"Svar på fråga", text):
                return index
        return None

    def _preamble(self, start: int) -> tuple[tuple[Paragraph, ...], tuple[SwedishDate, str] | None,
                                             Paragraph | None]:
        """Lines before the header: a bare date line (older layout), or unknown letterhead.

        Returns the other lines as paragraphs, the date, and the date line as a
        paragraph (kept as text when a closing line dates the document instead).
        """
        kept, dated, dated_line = [], None, None
        index = 0
        while index < start:
            line = self.lines[index]
            if not line.text:
                index += 1
                continue
            joined, used = self._join_date(index, start)
            if joined is not None and dated is None:
                dated = joined
                used_lines = self.lines[index:index + used]
                dated_line = Paragraph(self._inlines(" ".join(u.text for u in used_lines)),
                                       Span(used_lines[0].number, used_lines[-1].number))
                index += used
                continue
            kept.append(Paragraph(self._inlines(line.text), Span(line.number, line.number)))
            index += 1
        if kept:
            self._warn("preamble", f"{len(kept)} line(s) before the header kept as a preamble",
                       kept[0].span.first if kept[0].span else None)
        return tuple(kept), dated, dated_line

    def _join_date(self, index: int, stop: int) -> tuple[tuple[SwedishDate, str] | None, int]:
        """``den 14 september``, possibly broken over two lines (``den`` / ``7 april``)."""
        text = self.lines[index].text
        if text.lower() == "den" and index + 1 < stop:
            text, used = f"den {self.lines[index + 1].text}", 2
        else:
            used = 1
        m = _DATE_ONLY.match(text)
        date = self._valid_date(m, self.lines[index].number) if m else None
        if date is None:
            return None, 0
        return (date, text[4:]), used

    # -- answers -----------------------------------------------------------

    def _answer(self, start: int) -> _Head | None:
        first = self.lines[start]
        m = _ANSWER_HEAD.match(first.text)
        if not m:
            return None
        rest = first.text[m.end():]
        index = start + 1
        if not rest:  # older layout: "Svar på fråga" alone, then "2010/11:680 Titel"
            index = self._skip_empty(index)
            if index < len(self.lines) and _OLD_NUMBER_TITLE.match(self.lines[index].text):
                return self._old_answer(index)
            self._warn("answer-header", "'Svar på fråga' without a question number", first.number)
            return None
        header, index = self._complete_header(rest, index)
        questions = self._question_parts(header, first.number)
        if not questions:
            self._warn("answer-header", "cannot read the question number, questioner and party "
                       "after 'Svar på fråga'", first.number)
            return None
        return _Head(Kind.ANSWER, questions, index, head=own_words(m.group(), Kind.ANSWER))

    def _complete_header(self, text: str, index: int) -> tuple[str, int]:
        """Join header lines while the last question still lacks its title."""
        while re.search(rf"{_PARTY}$", text) or re.search(r"\b(?:och|,)$", text):
            following = self._skip_empty(index)
            if following >= len(self.lines) or self._looks_like_body(self.lines[following].text):
                break
            text = f"{text} {self.lines[following].text}"
            index = following + 1
        return text, index

    @staticmethod
    def _looks_like_body(text: str) -> bool:
        return bool(_ASKED_ME.match(text) or _CLOSING.match(text) or len(text) > 250)

    def _question_parts(self, header: str, line: int) -> tuple[QuestionRef, ...]:
        parts = _PART_SPLIT.split(header)
        found = []
        for part in parts:
            m = _QUESTION_PART.match(part.strip())
            if not m:
                return ()
            found.append(_question(m, Person(m.group("name"), m.group("party")),
                                   (m.group("title") or "").strip() or None))
        if found and found[-1].title is None:
            self._warn("no-title", "the header gives no title for the last question", line)
        return tuple(found)

    def _old_answer(self, index: int) -> _Head:
        m = _OLD_NUMBER_TITLE.match(self.lines[index].text)
        assert m
        title = m.group("title")
        index = self._skip_empty(index + 1)
        minister = None
        if index < len(self.lines):
            mm = _MINISTER_LINE.match(self.lines[index].text)
            if mm:
                minister = Person(mm.group("name"), None, mm.group("role"))
                index += 1
        question = _question(m, None, title)
        return _Head(Kind.ANSWER, (question,), index, minister=minister)

    def _questioner_from_body(self, questions: tuple[QuestionRef, ...], start: int,
                              end: int) -> tuple[QuestionRef, ...]:
        """The older layout names the questioner only in the body: ``X har frågat mig``."""
        if len(questions) != 1 or questions[0].questioner is not None:
            return questions
        first = self._skip_empty(start)
        m = _ASKED_ME.match(self.lines[first].text) if first < end else None
        if not m:
            self._warn("no-questioner", "the questioner is not named", None)
            return questions
        q = questions[0]
        return (QuestionRef(q.session, q.number, q.as_written, Person(m.group("name")), q.title),)

    # -- notices, questions, interpellations ---------------------------------

    def _notice(self, start: int) -> _Head | None:
        line = self.lines[start]
        if not _NOTICE_HEAD.match(line.text):
            return None
        m = re.search(_NUMBER, line.text)
        if not m:  # "Meddelande om att svaret dröjer": the whole line is its heading
            return _Head(Kind.NOTICE, (), start + 1, heading=line.text)
        rest = line.text[m.end():].strip()
        by = re.match(rf"^av\s+(?P<name>.+?)\s+{_PARTY}\s*(?P<title>.*)$", rest)
        person = Person(by.group("name"), by.group("party")) if by else None
        title = (by.group("title") if by else rest).strip() or None
        return _Head(Kind.NOTICE, (_question(m, person, title),), start + 1,
                     head=own_words(line.text[:m.start()], Kind.NOTICE))

    def _question(self, start: int) -> _Head | None:
        header, index = self._question_header(start)
        m = _QUESTION_HEAD.match(header)
        if not m:
            return None
        kind = Kind.QUESTION if m.group("word").lower() == "fråga" else Kind.INTERPELLATION
        rest = m.group("rest").strip()
        one = _ONE_LINE_QUESTION.match(rest)
        if one:  # early-2000s: "Fråga 2002/03:11 av Namn (v) till utrikesminister X om titel"
            return _Head(kind, (_question(m, Person(one.group("name"), one.group("party")),
                                          one.group("title")),),
                         index, addressee=_addressee(one.group("to")))
        title, by, to = rest or None, None, None
        while index < len(self.lines) and (by is None or to is None):
            following = self._skip_empty(index)
            if following >= len(self.lines):
                break
            text = self.lines[following].text
            if by is None and (bm := _BY.match(text)):
                by = Person(bm.group("name"), bm.group("party"))
            elif by is None and text.startswith("av ") and following + 1 < len(self.lines) \
                    and (bm := _BY.match(f"{text} {self.lines[following + 1].text}")):
                by = Person(bm.group("name"), bm.group("party"))  # name broken over two lines
                following += 1
            elif to is None and (tm := _TO.match(text)):
                to = _addressee(tm.group("to"))
            elif title is None and by is None:
                title = text
            else:
                break
            index = following + 1
        if by is None:
            self._warn("no-questioner", f"{m.group('word')} without an 'av Namn (parti)' line",
                       self.lines[start].number)
        return _Head(kind, (_question(m, by, title),), index, addressee=to)

    def _question_header(self, start: int) -> tuple[str, int]:
        """``Fråga`` / ``2010/11:438`` on separate lines → one header string."""
        text = self.lines[start].text
        index = start + 1
        if text in ("Fråga", "Interpellation"):
            following = self._skip_empty(index)
            if following < len(self.lines) and re.match(rf"^{_NUMBER}", self.lines[following].text):
                return f"{text} {self.lines[following].text}", following + 1
        return text, index

    # -- closing -----------------------------------------------------------

    def _closing(self, start: int) -> tuple[int, str | None, tuple[SwedishDate, str] | None,
                                             tuple[Signature, ...]]:
        """Find ``Stockholm den 25 oktober 2017`` and the signature block after it."""
        for index in range(len(self.lines) - 1, start - 1, -1):
            m = _CLOSING.match(self.lines[index].text)
            if not m:
                continue
            after = [line for line in self.lines[index + 1:] if line.text]
            if len(after) > 6:  # a date line followed by more body is not the closing
                continue
            valid = self._valid_date(m, self.lines[index].number)
            if valid is None:  # "31 februari": kept as text, never a date
                continue
            date = (valid, self.lines[index].text[m.start("day"):])
            return index, m.group("place"), date, self._signatures(after)
        return len(self.lines), None, None, ()

    def _signatures(self, lines: list[Line]) -> tuple[Signature, ...]:
        if not lines:
            return ()
        texts = tuple(line.text for line in lines)
        person = signatory(texts)
        if person is None:
            self._warn("signature", "no name in the signature block", lines[0].number)
            return (Signature(Person(texts[0]), texts),)
        return (Signature(person, texts),)

    # -- body --------------------------------------------------------------

    def _blocks(self, start: int, end: int) -> tuple[Block, ...]:
        blocks: list[Block] = []
        paragraph: list[Line] = []

        def flush() -> None:
            if paragraph:
                text = " ".join(line.text for line in paragraph)
                blocks.append(Paragraph(self._inlines(text),
                                        Span(paragraph[0].number, paragraph[-1].number)))
                paragraph.clear()

        for line in self.lines[start:end]:
            text = line.text
            if not text:
                flush()
                continue
            if "\t" in text:
                flush()
                cells = text[:-1].split("\t") if text.endswith("\t") else text.split("\t")
                row = TableRow(tuple(self._inlines(cell) for cell in cells),
                               Span(line.number, line.number))
                if blocks and isinstance(blocks[-1], Table):
                    blocks[-1] = Table(blocks[-1].rows + (row,))
                else:
                    blocks.append(Table((row,)))
                continue
            marker = LIST_MARKER.match(text)
            if marker:
                flush()
                item = ListItem(marker.group(), self._inlines(text[marker.end():].lstrip()),
                                Span(line.number, line.number))
                ordered = marker.group()[0].isalnum()
                if blocks and isinstance(blocks[-1], ListBlock) and blocks[-1].ordered == ordered:
                    blocks[-1] = ListBlock(ordered, blocks[-1].items + (item,))
                else:
                    blocks.append(ListBlock(ordered, (item,)))
                continue
            if paragraph and not _continues(paragraph[-1].text, text):
                flush()
            paragraph.append(line)
        flush()
        return tuple(blocks)

    def _inlines(self, text: str) -> tuple[Inline, ...]:
        parts: list[Inline] = []
        last = 0
        for m in _NOTE_REF.finditer(text):
            if m.start() > last:
                parts.append(text[last:m.start()])
            parts.append(NoteRef(m.group(1)))
            last = m.end()
        if last < len(text):
            parts.append(text[last:])
        return tuple(parts)

    def _notes(self) -> tuple[Note, ...]:
        # Endnotes are numbered i, ii, …: the export numbers both kinds from 1.
        return tuple(Note(n.note_id, endnote_marker(n.marker) if n.endnote else n.marker,
                          self._inlines(n.text), n.endnote)
                     for n in self.notes)

    # -- generic -----------------------------------------------------------

    def _generic(self) -> Document:
        if not self.lines:
            self._warn("empty", "the document has no text", None)
            return Document(Kind.GENERIC, warnings=tuple(self.warnings))
        first = self.lines[0]
        self._warn("generic-document", "not recognised as an answer, question, interpellation "
                   "or notice; converted as a generic document", first.number)
        return Document(Kind.GENERIC, heading=first.text, blocks=self._blocks(1, len(self.lines)),
                        notes=self._notes(), warnings=tuple(self.warnings))

    # -- helpers -----------------------------------------------------------

    def without_note_marks(self, doc: Document) -> Document:
        """Metadata is plain text: a note reference in a header, title or signature line is
        taken out there (the note itself stays, with the document's notes)."""
        warned: set[str] = set()

        def plain(text: str | None) -> str | None:
            if text is None or NOTE_OPEN not in text:
                return text
            clean = _NOTE_REF.sub("", text)
            if clean not in warned:
                warned.add(clean)
                self._warn("note-in-metadata", f"a note reference in '{clean}' cannot stay "
                           "there; the note is kept with the other notes", None)
            return clean

        def person(p: Person | None) -> Person | None:
            return p and Person(plain(p.name) or "", plain(p.party), plain(p.role))

        doc = replace(
            doc, heading=plain(doc.heading), place=plain(doc.place), date_text=plain(doc.date_text),
            addressee=person(doc.addressee), minister=person(doc.minister),
            questions=tuple(replace(q, title=plain(q.title), questioner=person(q.questioner))
                            for q in doc.questions),
            signatures=tuple(Signature(person(s.person) or s.person,
                                       tuple(plain(line) or "" for line in s.lines))
                             for s in doc.signatures))
        return replace(doc, warnings=tuple(self.warnings))

    def _valid_date(self, m: re.Match[str], line: int) -> SwedishDate | None:
        try:
            return _date(m)
        except ValueError:
            self._warn("invalid-date", f"'{m.group()}' is not a date; kept as text", line)
            return None

    def _skip_empty(self, index: int) -> int:
        while index < len(self.lines) and not self.lines[index].text:
            index += 1
        return index

    def _warn(self, code: str, text: str, line: int | None) -> None:
        self.warnings.append(Message(code, text, line))


def _continues(previous: str, text: str) -> bool:
    """Is *text* the hard-wrapped continuation of the line before it?

    Exports with one paragraph a line never trigger this: a paragraph ends with
    sentence punctuation.  Text wrapped at a fixed width does: the line before
    ends mid-sentence and this one goes on in lower case (or after a comma).
    """
    if _SENTENCE_END.search(previous):
        return False
    return text[:1].islower() or text[:1].isdigit() or previous.endswith((",", "-", "–"))
