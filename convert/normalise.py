"""Clean a Word→text export (Apache Tika, Apache POI) without losing a word.

`normalise(text)` runs a chain of small named steps over the text's lines.
Each step returns the new lines and records every change it made as a
`Change` (kind, input line, column, the text removed or replaced, detail).
Nothing is dropped silently: what leaves the text is either in the report or
kept as a note.

After `normalise`, these hold for `Normalised.lines`:

* Line numbers refer to physical lines of the input (CR, LF and CRLF each end
  a line); a line split by a vertical tab, form feed or Unicode line/paragraph
  separator keeps its input line number.
* No exporter markers remain: ``[bookmark: …]``, ``[image: …]``, reviewer
  comments (``\\tComment by AUTHOR: …``), footnote/endnote markup, and the
  embedded-part file names Tika appends after the body (``image1.png``,
  ``oleObject1.bin``) are gone, all reported (comments with author and text,
  images with their alt text).
* No Word field instruction exported as text remains (``PAGE \\* MERGEFORMAT``,
  ``STYLEREF Kantrubrik``, ``MERGEFIELD Namn``, ``HYPERLINK "…"``, ``TOC \\o "1-3" \\h``):
  each is reported with its field name; the field's result (the text Word showed)
  stays.
* Footnotes and endnotes are `ExtractedNote` entries; their reference points
  are the only place `NOTE_OPEN` … `NOTE_CLOSE` occur, around the note id.
* No C0/C1 control characters other than TAB, no noncharacters (U+FDD0–FDEF,
  U+xFFFE/xFFFF), no lone surrogates, no soft hyphens, no zero-width spaces
  (U+200B, U+2060, U+FEFF).  Joiners (U+200C/D) and bidirectional marks stay:
  scripts and emoji need them.
* Word's Symbol-font bullets (private-use U+F0B7 …) are the Unicode bullets
  they display as.
* Text is in Unicode NFC.
* A TAB occurs only in table rows (a table has at least two rows of at least
  two non-empty cells), where every cell, empty ones included, is followed by
  one (Tika's form).  Every other tab, including the one after a list marker,
  became one space.
* No line starts with whitespace or ends with whitespace other than a table
  row's last tab, no line holds two spaces in a row, and a line of only
  whitespace (any Unicode space, tabs) is empty.  Non-breaking
  spaces inside text are kept.
* List markers (``1)``, ``a)``, ``II.``, ``·``, ``•``, ``–``, ``-``) are
  still at the start of their lines, followed by one space.
* No empty lines at the start or the end.
* The author's words are never changed: no spelling, case or punctuation is
  touched.

The chain is idempotent: normalising `Normalised.text` again changes nothing
(a property test checks it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

NOTE_OPEN = "\ufdd0"
"""Opens a note reference in a normalised line; a noncharacter, so never content."""
NOTE_CLOSE = "\ufdd1"
"""Closes a note reference."""


@dataclass(frozen=True)
class Line:
    """A line of text and the input line it came from."""

    number: int
    """1-based physical line of the input."""
    text: str
    """The line's text, without its line ending."""


@dataclass(frozen=True)
class Change:
    """One change a normalisation step made."""

    kind: str
    """What was changed: ``bookmark``, ``image``, ``comment``, ``footnote`` … (see `KINDS`)."""
    line: int
    """Input line."""
    column: int
    """1-based column in the line as the step saw it."""
    text: str
    """The text removed or replaced, exactly."""
    detail: str | None = None
    """What it was (the comment's author and text, an image's alt text, a replacement)."""


@dataclass(frozen=True)
class ExtractedNote:
    """A footnote or endnote lifted out of the export's inline markup."""

    note_id: str
    """``fn1``, ``en1``: unique within the document."""
    marker: str
    """The number the export gave it."""
    text: str
    """The note's text, normalised like every other line."""
    endnote: bool
    """True for an endnote."""
    line: int
    """Input line of the reference."""


@dataclass(frozen=True)
class Normalised:
    """The clean text, its notes and the report of what changed."""

    lines: tuple[Line, ...]
    """Clean lines (see the module docstring for what holds)."""
    notes: tuple[ExtractedNote, ...]
    """Notes in order of reference."""
    changes: tuple[Change, ...]
    """Every change, in the order the steps made them."""
    encoding: str = "str"
    """How the input was decoded (set by the caller that decoded bytes)."""

    @property
    def text(self) -> str:
        """The clean text in its documented plain form.

        A note reference shows as ``[^1]`` (endnotes ``[^e1]``) and the notes
        follow the body after an empty line, one a line: ``[^1]: note text``.
        """
        body = "\n".join(_show_refs(line.text, self.notes) for line in self.lines)
        if not self.notes:
            return body + "\n" if body else ""
        shown = "\n".join(f"[^{_show_marker(n)}]: {n.text}".rstrip() for n in self.notes)
        return f"{body}\n\n{shown}\n"

    def report(self) -> dict[str, object]:
        """The report as plain data (for ``--report`` JSON)."""
        return {
            "encoding": self.encoding,
            "changes": [
                {"kind": c.kind, "line": c.line, "column": c.column, "text": c.text,
                 "detail": c.detail}
                for c in self.changes
            ],
            "notes": [
                {"id": n.note_id, "marker": n.marker, "endnote": n.endnote, "line": n.line,
                 "text": n.text}
                for n in self.notes
            ],
        }


def _show_marker(note: ExtractedNote) -> str:
    return f"e{note.marker}" if note.endnote else note.marker


def _show_refs(text: str, notes: tuple[ExtractedNote, ...]) -> str:
    by_id = {n.note_id: n for n in notes}
    return _REF.sub(lambda m: f"[^{_show_marker(by_id[m.group(1)])}]", text)


_REF = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")

@dataclass
class Log:
    """What the steps of one run record: every change, and the notes they lifted out."""

    changes: list[Change]
    """Changes in the order the steps made them."""
    notes: list[ExtractedNote]
    """Notes in order of reference."""

    def change(self, kind: str, line: int, column: int, text: str, detail: str | None = None) -> None:
        """Record one change."""
        self.changes.append(Change(kind, line, column, text, detail))


Step = Callable[[list[Line], Log], list[Line]]
"""A normalisation step: lines in, lines out, what it changed recorded in the `Log`."""


# --- characters -----------------------------------------------------------

_LINE_SPLITTERS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_SPLITTER_NAMES = {"\x0b": "vertical tab (Word line break)", "\x0c": "form feed (page break)",
                   "\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}


def split_line_breaks(lines: list[Line], log: Log) -> list[Line]:
    """Vertical tab, form feed and Unicode line separators end a line."""
    if not _anywhere(_LINE_SPLITTERS, lines):
        return lines
    out: list[Line] = []
    for line in lines:
        for m in _LINE_SPLITTERS.finditer(line.text):
            log.change("line-break", line.number, m.start() + 1, m.group(),
                       _SPLITTER_NAMES[m.group()] + " → new line")
        out.extend(Line(line.number, part) for part in _LINE_SPLITTERS.split(line.text))
    return out


_NONCHARACTERS = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                         for plane in range(17))
_INVALID = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef"
                      + _NONCHARACTERS + "]")


def remove_control_characters(lines: list[Line], log: Log) -> list[Line]:
    """C0/C1 controls (but TAB), lone surrogates and noncharacters carry no text."""
    def name(ch: str) -> str:
        if "\ud800" <= ch <= "\udfff":
            return "lone surrogate"
        return "noncharacter" if ch >= "\ufdd0" else "control character"
    return _remove(lines, log, _INVALID, "control-character",
                   lambda m: f"U+{ord(m.group()):04X} ({name(m.group())})")


_COMBINING_SEQUENCE = re.compile("[^\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                                 "\ufe20-\ufe2f][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff"
                                 "\u20d0-\u20ff\ufe20-\ufe2f]+|[\uac00-\ud7a3\u1100-\u11ff]{2,}"
                                 "|[^\x00-\x7f]")


def compose_nfc(lines: list[Line], log: Log) -> list[Line]:
    """Unicode NFC, so that the same word is the same code points in every output."""
    if unicodedata.is_normalized("NFC", "\n".join(line.text for line in lines)):
        return lines
    out = []
    for line in lines:
        composed = unicodedata.normalize("NFC", line.text)
        if composed != line.text:
            for m in _COMBINING_SEQUENCE.finditer(line.text):
                if unicodedata.normalize("NFC", m.group()) != m.group():
                    log.change("unicode-composition", line.number, m.start() + 1, m.group(),
                               f"composed to {unicodedata.normalize('NFC', m.group())!r} (NFC)")
        out.append(Line(line.number, composed))
    return out


_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_INVISIBLE_NAMES = {"\u00ad": "soft hyphen", "\u200b": "zero-width space",
                    "\u2060": "word joiner", "\ufeff": "zero-width no-break space"}


def remove_invisible_characters(lines: list[Line], log: Log) -> list[Line]:
    """Soft hyphens and zero-width spaces: the PDF hyphenates by itself."""
    return _remove(lines, log, _INVISIBLE, "invisible-character",
                   lambda m: _INVISIBLE_NAMES[m.group()])


SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓",
                  "\uf02d": "-", "\uf0a8": "□"}
"""Word's Symbol-font bullets (private-use code points) → the Unicode bullets they show as."""
_SYMBOL = re.compile("[" + "".join(SYMBOL_BULLETS) + "]")


def map_symbol_bullets(lines: list[Line], log: Log) -> list[Line]:
    """Word's Symbol/Wingdings bullets are private-use code points; use the glyph they show."""
    if not _anywhere(_SYMBOL, lines):
        return lines
    out = []
    for line in lines:
        for m in _SYMBOL.finditer(line.text):
            log.change("symbol-bullet", line.number, m.start() + 1, m.group(),
                       f"U+{ord(m.group()):04X} → {SYMBOL_BULLETS[m.group()]}")
        out.append(Line(line.number, _SYMBOL.sub(lambda m: SYMBOL_BULLETS[m.group()], line.text)))
    return out


# --- exporter markers -----------------------------------------------------

_COMMENT = re.compile(r"\tComment by ([^:\t\n]+): ([^\t\n]*)")


def remove_comments(lines: list[Line], log: Log) -> list[Line]:
    """Reviewer comments must never be published: out of the text, into the report."""
    return _remove(lines, log, _COMMENT, "comment",
                   lambda m: f"comment by {m.group(1)}: {m.group(2)}")


_BOOKMARK = re.compile(r"\[bookmark: ?([^\[\]\n]*)\]")
"""A bookmark's name holds no bracket: so a scan from one ``[bookmark:`` stops at the next
``[``, and a line of unclosed ones is read in linear time, not quadratic."""


def remove_bookmarks(lines: list[Line], log: Log) -> list[Line]:
    """Word bookmarks (``_GoBack``, ``_Hlk…``, ``_Toc…``) are positions, not text."""
    return _remove(lines, log, _BOOKMARK, "bookmark", lambda m: m.group(1))


_IMAGE = re.compile(r"\[image(?:: ?([^\[\]\n]*))?\]")


def remove_images(lines: list[Line], log: Log) -> list[Line]:
    """An image cannot travel in text; its alt text goes to the report."""
    return _remove(lines, log, _IMAGE, "image",
                   lambda m: f"alt text: {m.group(1)}" if m.group(1) else "no alt text")


_QUOTED = r'"[^"\n]*"'
_SWITCH = r'\\(?:\*\s+[A-Za-z]+|[@#]\s+(?:"[^"\n]*"|[^\s"\\{}]+)|[A-Za-z!](?:\s+"[^"\n]*")?)'
_NAMED_FIELDS = "STYLEREF|MERGEFIELD|PAGEREF|NOTEREF|SEQ|DOCPROPERTY|DOCVARIABLE|MACROBUTTON"
_QUOTED_FIELDS = "HYPERLINK|INCLUDEPICTURE|INCLUDETEXT|FILLIN|XE|TC"
_SWITCHED_FIELDS = ("PAGE|NUMPAGES|SECTIONPAGES|SECTION|DATE|TIME|CREATEDATE|SAVEDATE|PRINTDATE"
                    "|FILENAME|AUTHOR|TOC|INDEX|LISTNUM|AUTONUM|NUMWORDS|REF")
_FIELD = re.compile(
    rf'(?<![\w\\]){{?[ ]?(?:(?P<named>{_NAMED_FIELDS})\s+(?:{_QUOTED}|[^\s"\\{{}}]+)'
    rf'|(?P<quoted>{_QUOTED_FIELDS})(?=\s+["\\])'
    rf'|(?P<switched>{_SWITCHED_FIELDS})(?=\s+\\)|(?P<ref>REF)\s+_\w+)'
    rf'(?:\s+(?:{_SWITCH}|{_QUOTED}))*(?:[ ]?}})?[ ]?')
"""A Word field instruction as text: its name (upper case, as Word writes it) with the
argument it needs (a style or field name, a quoted target) or at least one switch, and
the space that separates it from the field's result."""


def remove_field_codes(lines: list[Line], log: Log) -> list[Line]:
    """Word field instructions (``PAGE \\* MERGEFORMAT``, ``HYPERLINK "…"``) are not text;
    the result Word showed for the field, where the export has it, stays."""
    def detail(m: re.Match[str]) -> str:
        name = m.group("named") or m.group("quoted") or m.group("switched") or m.group("ref")
        return f"Word field instruction {name}"
    return _remove(lines, log, _FIELD, "field-code", detail)


_NOTE_REF = re.compile(r"\[(footnote|endnote)Ref: ?(\d+)\]")
_INLINE_BODY = re.compile(r" ?\[(\d+): ")


def extract_notes(lines: list[Line], log: Log) -> list[Line]:
    """Footnotes and endnotes become notes attached to their reference points.

    POI and Tika ≤ 3.2 write the reference ``[footnoteRef:N]`` inline and the
    body `` [N: text] `` at the end of the same paragraph; Tika ≥ 3.3 writes
    the body as a line of its own after the paragraph (``[N: text]`` or
    ``N text``).  A reference whose body is nowhere is reported, not invented.
    """
    out: list[Line] = []
    consumed: set[int] = set()
    taken = {note.note_id for note in log.notes}
    for index, line in enumerate(lines):
        if index in consumed:
            continue
        refs = list(_NOTE_REF.finditer(line.text))
        if not refs:
            out.append(line)
            continue
        text, bodies = _split_inline_bodies(line, log)
        pieces, last = [], 0
        for m in _NOTE_REF.finditer(text):
            pieces.append(text[last:m.start()])
            last = m.end()
            endnote, marker = m.group(1) == "endnote", m.group(2)
            body = bodies.pop(marker, None)
            if body is None:
                body = _body_on_later_line(lines, index, marker, consumed, log)
            if body is None:
                log.change("note-without-text", line.number, m.start() + 1, m.group(),
                           "reference whose note text the export does not contain")
                continue
            note_id = f"{'en' if endnote else 'fn'}{marker}"
            while note_id in taken:  # a set: searching the notes for each id is quadratic
                note_id += "'"
            taken.add(note_id)
            log.notes.append(ExtractedNote(note_id, marker, body, endnote, line.number))
            log.change("note", line.number, m.start() + 1, m.group(),
                       f"{'endnote' if endnote else 'footnote'} {marker} kept as a note")
            pieces.append(f"{NOTE_OPEN}{note_id}{NOTE_CLOSE}")
        pieces.append(text[last:])
        for marker, body in bodies.items():  # a body with no reference: still text
            log.change("note-without-reference", line.number, 1, body,
                       f"note {marker} kept in the text")
            pieces.append(f" {body}")
        out.append(Line(line.number, "".join(pieces)))
    return out


def _split_inline_bodies(line: Line, log: Log) -> tuple[str, dict[str, str]]:
    refs = list(_NOTE_REF.finditer(line.text))
    # Bodies are the paragraph's tail: only after its last reference.
    starts = [m for m in _INLINE_BODY.finditer(line.text) if refs and m.start() >= refs[-1].end()]
    if not starts:
        return line.text, {}
    bodies: dict[str, str] = {}
    for m, nxt in zip(starts, starts[1:] + [None], strict=True):
        raw = line.text[m.start(): nxt.start() if nxt else len(line.text)]
        body = raw[m.end() - m.start():].rstrip()
        body = body[:-1] if body.endswith("]") else body
        marker = m.group(1)
        while marker in bodies:  # a second body for one marker: kept, as a body without reference
            marker += "'"
        bodies[marker] = body.strip()
    return line.text[: starts[0].start()].rstrip(" "), bodies


def _body_on_later_line(lines: list[Line], index: int, marker: str, consumed: set[int],
                        log: Log) -> str | None:
    own = re.compile(rf"^\s*\[{marker}: ?(.*?)\]?\s*$|^\s*{marker}[.:)]?\s+(\S.*)$")
    looked = 0
    for later in range(index + 1, len(lines)):
        if later in consumed or not lines[later].text.strip():
            continue
        m = own.match(lines[later].text)
        if m:
            consumed.add(later)
            return (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        looked += 1
        if looked >= 3:
            break
    # Endnotes gather at the end of the document: look for the bracketed form anywhere.
    exact = re.compile(rf"^\s*\[{marker}: ?(.*)\]\s*$")
    for later in range(index + 1, len(lines)):
        m = exact.match(lines[later].text) if later not in consumed else None
        if m:
            consumed.add(later)
            return m.group(1).strip()
    return None


_EMBEDDED = re.compile(
    r"^(?:image\d+|oleObject\d+|media\d+|chart\d+|package\d*|Microsoft_[\w.-]+|Worksheet\d*)"
    r"\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin|xlsx?|xlsm|docx?|pptx?|vsdx?|pdf)$",
    re.IGNORECASE)


def remove_embedded_file_names(lines: list[Line], log: Log) -> list[Line]:
    """Tika lists the names of embedded parts after the body; they are not text."""
    end = len(lines)
    while end and (not lines[end - 1].text.strip() or _EMBEDDED.match(lines[end - 1].text.strip())):
        end -= 1
    for line in lines[end:]:
        if line.text.strip():
            log.change("embedded-file", line.number, 1, line.text,
                       "name of an embedded part Tika appends after the body")
    return lines[:end] + [line for line in lines[end:] if not line.text.strip()]


# --- whitespace -----------------------------------------------------------

LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[a-zåäö][.)]|[IVXLC]{1,6}\.|[·•▪➢❖✓□◦‣∙*\-–—])(?=\s)")
"""A list marker at the start of a (stripped) line: numbers, letters, roman numerals, bullets, dashes."""

_SPACE_RUN = re.compile(r" {2,}")
_WHITESPACE = ("\t \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
               "\u200a\u202f\u205f\u3000")  # tab and every Unicode space separator (Zs)


def tidy_whitespace(lines: list[Line], log: Log) -> list[Line]:
    """Tabs become cell separators or spaces; ends trimmed; space runs collapsed."""
    rows = _table_rows(lines)
    out = []
    for index, line in enumerate(lines):
        text = line.text
        if not text.strip(_WHITESPACE):
            if text:
                log.change("whitespace-line", line.number, 1, text,
                           "line of only whitespace → empty line")
            out.append(Line(line.number, ""))
            continue
        if index in rows:
            text = _table_row(line, log)
        else:
            text = _tabs_to_spaces(Line(line.number, _trim(line, _WHITESPACE, log)), log)
        for m in reversed(list(_SPACE_RUN.finditer(text))):
            log.change("space-run", line.number, m.start() + 1, m.group(),
                       f"{len(m.group())} spaces → 1")
        out.append(Line(line.number, _SPACE_RUN.sub(" ", text)))
    return out


def _trim(line: Line, characters: str, log: Log) -> str:
    """*line*'s text without leading and trailing *characters*, each end reported."""
    text = line.text
    stripped = text.lstrip(characters)
    if len(stripped) < len(text):
        log.change("leading-whitespace", line.number, 1, text[: len(text) - len(stripped)])
    end = stripped.rstrip(characters)
    if len(end) < len(stripped):
        log.change("trailing-whitespace", line.number, len(text) - len(stripped) + len(end) + 1,
                   stripped[len(end):])
    return end


def _table_row(line: Line, log: Log) -> str:
    """A table row in Tika's form: every cell followed by a tab, spaces around cells trimmed.

    Only spaces are trimmed at the ends, so an empty first or last cell stays a
    cell and the columns keep their places; the row-end tab Tika writes is the
    last cell's own.
    """
    text = _trim(line, _WHITESPACE.replace("\t", ""), log)
    cells = text[:-1].split("\t") if text.endswith("\t") else text.split("\t")
    column = 1
    for cell in cells:
        if cell.strip(_WHITESPACE) != cell:
            log.change("cell-whitespace", line.number, column, cell,
                       "spaces around a table cell removed")
        column += len(cell) + 1
    return "".join(cell.strip(_WHITESPACE) + "\t" for cell in cells)


def _table_rows(lines: list[Line]) -> set[int]:
    """Indexes of the lines that are table rows.

    Tika ends every cell with a tab, so each of its rows ends with one; POI
    separates cells without a final tab.  Among consecutive lines of two or
    more tab-separated cells, a table is two or more consecutive lines that
    end with a tab (Tika) or, where none does, the whole run if it has two or
    more lines (POI).  So a stray tab inside a sentence does not make a table,
    and a table stays a table when normalised again.
    """
    def cells(text: str) -> int:
        text = text.strip(" \u00a0")
        if LIST_MARKER.match(text):
            return 0
        return sum(1 for cell in text.split("\t") if cell.strip(" \u00a0"))

    def row_end(i: int) -> bool:
        return lines[i].text.rstrip(" \u00a0").endswith("\t")

    def tables(run: list[int]) -> list[list[int]]:
        if not any(row_end(i) for i in run):
            return [run]
        groups: list[list[int]] = [[]]
        for i in run:
            if row_end(i):
                groups[-1].append(i)
            elif groups[-1]:
                groups.append([])
        return groups

    rows: set[int] = set()
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and cells(lines[i].text) >= 2:
            run.append(i)
            continue
        for group in tables(run):
            if len(group) >= 2:
                rows.update(group)
        run = []
    return rows


def _tabs_to_spaces(line: Line, log: Log) -> str:
    for m in re.finditer(r"[ ]*\t[\t ]*", line.text):
        log.change("tab", line.number, m.start() + 1, m.group(), "tab → space")
    return re.sub(r"[ ]*\t[\t ]*", " ", line.text)


def tidy_notes(lines: list[Line], log: Log) -> list[Line]:
    """Notes get the same whitespace rules as the text (one line each, so no tabs)."""
    for index, note in enumerate(log.notes):
        for m in _NOTE_REF.finditer(note.text):  # notes do not nest
            log.change("note-without-text", note.line, m.start() + 1, m.group(),
                       f"reference inside the text of note {note.marker}")
        (clean,) = tidy_whitespace([Line(note.line, _NOTE_REF.sub("", note.text))], log)
        log.notes[index] = ExtractedNote(note.note_id, note.marker, clean.text.replace("\t", " "),
                                         note.endnote, note.line)
    return lines


def trim_empty_edges(lines: list[Line], log: Log) -> list[Line]:
    """No empty lines before the first or after the last line of text."""
    start, end = 0, len(lines)
    while start < end and not lines[start].text:
        start += 1
    while end > start and not lines[end - 1].text:
        end -= 1
    return lines[start:end]


# --- the chain ------------------------------------------------------------

STEPS: tuple[Step, ...] = (
    split_line_breaks,
    remove_control_characters,
    compose_nfc,
    remove_invisible_characters,
    map_symbol_bullets,
    remove_comments,
    remove_bookmarks,
    remove_images,
    remove_field_codes,
    extract_notes,
    remove_embedded_file_names,
    tidy_whitespace,
    tidy_notes,
    trim_empty_edges,
)
"""The steps, in the order they run."""

KINDS = ("invalid-byte", "line-break", "control-character", "invisible-character", "symbol-bullet", "comment",
         "bookmark", "image", "field-code", "note", "note-without-text", "note-without-reference",
         "embedded-file", "whitespace-line", "leading-whitespace", "trailing-whitespace", "tab",
         "cell-whitespace", "space-run", "unicode-composition")
"""Every `Change.kind` a step can record."""


def normalise(text: str, encoding: str = "str",
              replaced: tuple[tuple[int, int, bytes], ...] = (),
              steps: tuple[Step, ...] = STEPS) -> Normalised:
    """Run the chain over *text* (already decoded) and return the result.

    *replaced* lists the byte sequences decoding could not read (line, column,
    bytes); they are U+FFFD in *text* and are reported here.  *steps* is the
    chain (statute text has its own, `riksdoc.statute.clean`).
    """
    lines = [Line(number, part) for number, part in enumerate(_physical_lines(text), start=1)]
    log = Log([Change("invalid-byte", line, column, "\ufffd",
                      f"byte(s) {raw.hex(' ')} not valid in the encoding → U+FFFD")
               for line, column, raw in replaced], [])
    for step in steps:
        lines = step(lines, log)
    return Normalised(tuple(lines), tuple(log.notes), tuple(log.changes), encoding)


def _anywhere(pattern: re.Pattern[str], lines: list[Line]) -> bool:
    """Does *pattern* occur in any line?  One search over the whole text: the common
    answer is no, and no pattern a step removes spans a line end."""
    return pattern.search("\n".join(line.text for line in lines)) is not None


def _physical_lines(text: str) -> list[str]:
    if not text:
        return []
    parts = re.split(r"\r\n|\r|\n", text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def _remove(lines: list[Line], log: Log, pattern: re.Pattern[str], kind: str,
            detail: Callable[[re.Match[str]], str]) -> list[Line]:
    if not _anywhere(pattern, lines):
        return lines
    out = []
    for line in lines:
        for m in pattern.finditer(line.text):
            log.change(kind, line.number, m.start() + 1, m.group(), detail(m))
        out.append(Line(line.number, pattern.sub("", line.text)))
    return out
