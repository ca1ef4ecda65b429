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
    Kind.STATUTE: "Författning",
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

