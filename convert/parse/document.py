"""Normalised text → `Document`: the grammar's findings put together, and the kind decided.

`parse` reads the top (letterhead and header, `riksdoc.parse.rules`), the
closing from the end (`riksdoc.parse.closing`), and the body between them
(`riksdoc.parse.body`); then `KIND_RULES` decides what the document is.
Every warning carries the input line it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..grammar import plain
from ..model import (
    Block,
    Document,
    Kind,
    Message,
    Note,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    Span,
    Speech,
    SwedishDate,
)
from ..normalise import NOTE_OPEN, Normalised
from ..vocabulary import MONTHS, endnote_marker, own_words
from .body import blocks, inlines, speeches
from .closing import Closing, find_closing
from .lines import LineClass, classify, date_line
from .people import asked_in
from .rules import read_top
from .top import Top, form_date, to_questions


@dataclass(frozen=True)
class Evidence:
    """What the kind decision looks at."""

    announced: Kind
    """The kind the opening words announce."""
    speeches: bool
    """The body has speaker lines (``Anf. 1 …``)."""
    to_riksdag: bool
    """A ``Till riksdagen`` line in letterhead or header."""
    delay: bool
    """The body opens with a delay statement (``Frågan kommer att besvaras …``)."""
    minister_asked: bool
    """The header names the minister asked (``till Statsrådet …``)."""


KIND_RULES: tuple[tuple[str, Callable[[Evidence], bool], Kind], ...] = (
    ("speaker lines make a debate record, whatever the opening words",
     lambda e: e.speeches, Kind.DEBATE),
    ("a question or interpellation addressed to the Riksdag, or opening with a delay "
     "statement, and asking no minister, is a notice about it",
     lambda e: e.announced in (Kind.QUESTION, Kind.INTERPELLATION)
     and (e.to_riksdag or e.delay) and not e.minister_asked, Kind.NOTICE),
)
"""The kind decision, in order: the first rule whose condition holds gives the kind;
where none does, the opening words' kind stands."""


def decide(evidence: Evidence) -> tuple[Kind, str | None]:
    """The document's kind, and the rule that changed it from the announced one, if any."""
    for reason, holds, kind in KIND_RULES:
        if holds(evidence) and kind is not evidence.announced:
            return kind, reason
    return evidence.announced, None


def parse(normalised: Normalised) -> Document:
    """Recognise *normalised* text as one `Document`."""
    return _Parse(normalised).document()


class _Parse:
    def __init__(self, normalised: Normalised) -> None:
        self.lines = list(normalised.lines)
        self.texts = [plain(line.text) for line in self.lines]
        # Endnotes are numbered i, ii, …: the export numbers both kinds from 1.
        self.notes = tuple(Note(n.note_id, endnote_marker(n.marker) if n.endnote else n.marker,
                                inlines(n.text), n.endnote)
                           for n in normalised.notes)
        self.warnings: list[Message] = []

    def warn(self, code: str, text: str, line: int | None) -> None:
        self.warnings.append(Message(code, text, line))

    # -- the document --------------------------------------------------------------------

    def document(self) -> Document:
        if not self.lines:
            self.warn("empty", "the document has no text", None)
            return Document(Kind.GENERIC, warnings=tuple(self.warnings))
        top = read_top(self.texts, [line.number for line in self.lines])
        for code, text, line in top.warnings:
            self.warn(code, text, line)
        drafts = top.questions() if top.start is not None else []
        if top.start is None or (not drafts and top.kind is Kind.ANSWER):
            if top.start is not None:
                self.warn("answer-header", f"'{self.texts[top.start]}' without a question "
                          "number", self.lines[top.start].number)
            return self.generic()
        closing = find_closing(self.lines, top.end, self.valid_date)
        for code, text, line in closing.warnings:
            self.warn(code, text, line)
        body_lines = self.lines[top.end:closing.start]
        has_speeches = any(classify(t).cls is LineClass.SPEECH
                           for t in self.texts[top.end:closing.start])
        kind, reason = decide(self.evidence(top, has_speeches))
        if reason:
            self.warn("kind", f"typed {kind.value}: {reason}",
                      self.lines[top.start].number)
        if kind is Kind.DEBATE and not has_speeches:
            self.warn("no-speeches", "an interpellation answer without speaker lines ('Anf. 1 "
                      "…'): the answer given in the debate, as one text",
                      self.lines[top.start].number)
        body: tuple[Block, ...] = speeches(body_lines, self.warn) if has_speeches \
            else blocks(body_lines)
        questions = self.questioners_in_body(kind, to_questions(drafts), body)
        return self.without_note_marks(self.assemble(top, closing, kind, questions, body))

    def evidence(self, top: Top, has_speeches: bool) -> Evidence:
        first = next((t for t in self.texts[top.end:] if t), "")
        return Evidence(top.kind or Kind.GENERIC, has_speeches, top.to_riksdag,
                        classify(first).cls is LineClass.DELAY,
                        top.addressee is not None and top.addressee.role is not None)

    def assemble(self, top: Top, closing: Closing, kind: Kind,
                 questions: tuple[QuestionRef, ...], body: tuple[Block, ...]) -> Document:
        assert top.start is not None
        self.header_notes(top)
        questions = self.title_before(top, questions)
        preamble, date, date_line_kept = self.preamble(top, closing)
        if closing.date is not None:
            date = (closing.date, closing.date_text or "")
        elif date_line_kept is not None:
            preamble = tuple(p for p in preamble if p is not date_line_kept)
        if date is None and "date" in top.form_fields:
            found = form_date(top.form_fields["date"])
            date = (found, top.form_fields["date"]) if found else None
        heading = None
        if kind is Kind.NOTICE and not questions:
            heading = self.texts[top.start]
        opening = top.opening or ""
        head = own_words(opening, kind) if opening and questions else None
        if kind is Kind.ANSWER and closing.start == len(self.lines) and not closing.signatures \
                and top.minister is None:
            self.warn("no-closing", "no closing place-and-date line or signature found",
                      self.lines[-1].number)
        return Document(
            kind=kind, questions=questions, head=head, heading=heading,
            addressee=top.addressee if kind in (Kind.QUESTION, Kind.INTERPELLATION) else None,
            minister=top.minister, place=closing.place,
            date=date[0] if date else None, date_text=date[1] if date else None,
            signatures=closing.signatures, preamble=preamble, blocks=body, notes=self.notes,
            warnings=tuple(self.warnings))

    # -- parts -------------------------------------------------------------------------

    def preamble(self, top: Top, closing: Closing) -> tuple[
            tuple[Paragraph, ...], tuple[SwedishDate, str] | None, Paragraph | None]:
        """Letterhead lines kept as text, the top date line's date, and that line as a
        paragraph (it stays text where a closing line dates the document instead)."""
        kept = [self.paragraph(list(group)) for group in sorted(set(top.letterhead))]
        date, dated = None, None
        if top.date_at:
            text = " ".join(self.texts[i] for i in top.date_at)
            data = date_line(text)
            found = self.valid_date(data, self.lines[top.date_at[0]].number) if data else None
            if found is not None:
                date = (found, text[4:])
                dated = self.paragraph(top.date_at)
                kept = sorted([*kept, dated], key=lambda p: p.span.first if p.span else 0)
            else:  # "31 februari": kept as text, never a date
                kept = sorted([*kept, self.paragraph(top.date_at)],
                              key=lambda p: p.span.first if p.span else 0)
        letterhead = [p for p in kept if p is not dated]
        if letterhead:
            first = letterhead[0].span.first if letterhead[0].span else None
            self.warn("preamble", f"{len(letterhead)} line(s) before the header kept as a "
                      "preamble", first)
        return tuple(kept), date, dated

    def paragraph(self, indexes: list[int]) -> Paragraph:
        used = [self.lines[i] for i in indexes]
        return Paragraph(inlines(" ".join(line.text for line in used)),
                         Span(used[0].number, used[-1].number))

    def title_before(self, top: Top, questions: tuple[QuestionRef, ...]
                     ) -> tuple[QuestionRef, ...]:
        """The riksdagen.se page layout puts the title above the document line: with no
        title in the header, a title-like line just before it is the title."""
        if not questions or any(q.title for q in questions) or top.start is None:
            return questions
        above = [group for group in top.letterhead if group[-1] < top.start]
        if not above or any(self.texts[i] for i in range(above[-1][-1] + 1, top.start)):
            return questions
        group = above[-1]
        text = " ".join(self.texts[i] for i in group)
        if classify(text).cls not in (LineClass.SHORT, LineClass.NAME):
            return questions
        top.letterhead.remove(group)
        self.warn("title-before", f"'{text}', the line before the document line, read as the "
                  "title", self.lines[group[0]].number)
        return (replace(questions[0], title=text), *questions[1:])

    def header_notes(self, top: Top) -> None:
        """A note reference in a header line cannot stay there (metadata is plain text)."""
        assert top.start is not None
        kept = {i for group in top.letterhead for i in group}
        for index in range(top.start, top.end):
            if index not in kept and NOTE_OPEN in self.lines[index].text:
                self.warn("note-in-metadata", f"a note reference in '{self.texts[index]}' "
                          "cannot stay there; the note is kept with the other notes",
                          self.lines[index].number)

    def questioners_in_body(self, kind: Kind, questions: tuple[QuestionRef, ...],
                            body: tuple[Block, ...]) -> tuple[QuestionRef, ...]:
        found, message = named_in_body(kind, questions, body)
        if message is not None:
            self.warnings.append(message)
        return found

    # -- the rest ------------------------------------------------------------------------

    def generic(self) -> Document:
        first = self.lines[0]
        self.warn("generic-document", "not recognised as an answer, question, interpellation, "
                  "notice or debate record; converted as a generic document", first.number)
        return self.without_note_marks(Document(
            Kind.GENERIC, heading=first.text, blocks=blocks(self.lines[1:]), notes=self.notes,
            warnings=tuple(self.warnings)))

    def valid_date(self, data: dict[str, str | None], line: int) -> SwedishDate | None:
        year = data.get("year")
        try:
            return SwedishDate(int(data["day"] or 0),
                               MONTHS.index((data["month"] or "").lower()) + 1,
                               int(year) if year else None)
        except ValueError:
            text = f"{data['day']} {data['month']}" + (f" {year}" if year else "")
            self.warn("invalid-date", f"'{text}' is not a date; kept as text", line)
            return None

    def without_note_marks(self, doc: Document) -> Document:
        """Metadata is plain text: a note reference in a heading, place, date or signature
        line is taken out there (the note itself stays, with the document's notes)."""
        warned: set[str] = set()

        def clean(text: str | None) -> str | None:
            if text is None or NOTE_OPEN not in text:
                return text
            out = plain(text)
            if out not in warned:
                warned.add(out)
                self.warn("note-in-metadata", f"a note reference in '{out}' cannot stay "
                          "there; the note is kept with the other notes", None)
            return out

        doc = replace(doc, heading=clean(doc.heading), place=clean(doc.place),
                      date_text=clean(doc.date_text),
                      signatures=tuple(Signature(s.person, tuple(clean(line) or ""
                                                                 for line in s.lines))
                                       for s in doc.signatures))
        return replace(doc, warnings=tuple(self.warnings))


def named_in_body(kind: Kind, questions: tuple[QuestionRef, ...], body: tuple[Block, ...]
                  ) -> tuple[tuple[QuestionRef, ...], Message | None]:
    """Who asked, where only the body says (``Hans Olsson har frågat mig …``, the first
    speech of a debate): metadata, never printed in the document line.  Returns the
    questions and a message (what was found, or why nothing was)."""
    lacking = [i for i, q in enumerate(questions) if q.questioner is None]
    if kind not in (Kind.ANSWER, Kind.DEBATE) or not lacking:
        return questions, None
    paragraphs, speakers = _opening_paragraphs(body)
    names: list[str] = []
    line = paragraphs[0][1] if paragraphs else None
    for text, at_line in paragraphs:
        names = asked_in(text)
        if names:
            line = at_line
            break
    if not names or (len(names) != 1 and len(names) != len(lacking)):
        return questions, Message("no-questioner", "the questioner is not named" if not names
                                  else f"{len(names)} questioners named in the body for "
                                  f"{len(lacking)} questions: not paired", line)
    found = list(questions)
    for at, name in zip(lacking, names * len(lacking) if len(names) == 1 else names,
                        strict=True):
        found[at] = replace(found[at], questioner=Person(name, speakers.get(name.casefold())),
                            questioner_stated=False)
    return tuple(found), Message("questioner-in-body", f"the questioner ({', '.join(names)}) "
                                 "is named only in the body: kept as metadata", line)


def _opening_paragraphs(body: tuple[Block, ...]) -> tuple[list[tuple[str, int | None]],
                                                          dict[str, str]]:
    """The first paragraphs of the body (of the first speech, in a debate record), where
    an answer says who asked; and the parties the speaker lines state, by name."""
    texts: list[tuple[str, int | None]] = []
    parties: dict[str, str] = {}
    for block in body:
        inner = block.blocks if isinstance(block, Speech) else (block,)
        if isinstance(block, Speech) and block.speaker.party:
            parties.setdefault(block.speaker.name.casefold(), block.speaker.party)
        for part in inner:
            if isinstance(part, Paragraph) and len(texts) < 3:
                texts.append(("".join(x for x in part.content if isinstance(x, str)),
                              part.span.first if part.span else None))
    return texts, parties

