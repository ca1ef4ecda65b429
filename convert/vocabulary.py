"""The words riksdoc itself puts around a document's text, the same in every format.

Writers compose document lines and date lines from these; the parser and
the readers recognise them.  One table each, so that a joint answer or a
notice reads the same in AKN, DOCX, HTML and PDF.
"""

from __future__ import annotations

from .model import Document, Kind

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
"""Swedish month names, January first."""

HEAD_WORDS = {
    Kind.ANSWER: "Svar på fråga",
    Kind.QUESTION: "Fråga",
    Kind.INTERPELLATION: "Interpellation",
    Kind.NOTICE: "Meddelande om fråga",
}
"""How a document line starts, by kind, where the text does not say otherwise."""

KIND_NAMES = {
    Kind.ANSWER: "Svar på skriftlig fråga",
    Kind.QUESTION: "Skriftlig fråga",
    Kind.INTERPELLATION: "Interpellation",
    Kind.NOTICE: "Meddelande",
    Kind.GENERIC: "Dokument",
}
"""What each kind of document is called, in Swedish."""


def own_words(words: str, kind: Kind) -> str | None:
    """*words* as the text's own opening (`Document.head`), or None where they are the
    kind's usual ones."""
    words = " ".join(words.split())
    return None if words.lower() == HEAD_WORDS[kind].lower() else words


def head_words(document: Document, index: int) -> str:
    """The words before question *index*'s number in its document line.

    The first line opens with the text's own words (`Document.head`) or the
    kind's usual ones; in a joint answer the others read ``fråga …`` and the
    last ``och fråga …``, as the Riksdag's own joint headers do.
    """
    if index == 0:
        return document.head or HEAD_WORDS.get(document.kind, "")
    return "och fråga" if index == len(document.questions) - 1 else "fråga"



_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def roman(number: int) -> str:
    """``4`` → ``iv``: lower-case roman numerals."""
    out = []
    for letters, value in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def endnote_marker(marker: str) -> str:
    """An endnote's mark: the export's number as a roman numeral (``1`` → ``i``), the
    way Word numbers endnotes, so no endnote shares a mark with a footnote (``1``, ``2``).
    A mark that is not a number (``*``) is kept."""
    return roman(int(marker)) if marker.isdigit() and 0 < int(marker) < 4000 else marker


NOTE_KINDS = {False: "fotnot", True: "slutnot"}
"""A footnote and an endnote, in Swedish (what a PDF's note links say to a screen reader)."""

NOTES_LABEL = "Noter"
"""The label of the list of notes after the text."""

BACK_TO_REFERENCE = "Tillbaka till hänvisningen till"
"""Where a note's own mark leads (``… fotnot 1``), said to a screen reader."""
