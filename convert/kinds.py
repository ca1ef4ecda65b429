"""Which pipeline reads a text: by what it looks like, or by the kind the user names.

Each family of documents has a `TextPipeline`: its normalisation chain and its
parser.  `pipeline_for` picks one: the kind named with ``--kind`` (``-k``), or
else the first family whose detector accepts the text (`DETECTORS`), or the
letters family (answers, questions, interpellations, notices), whose parser
recognises its own kinds and falls back to a generic document.  A new family
(motions, reports, bills) adds its kinds to `model.Kind`, an entry to
`PIPELINES` and a detector — nothing else here changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .errors import InputError
from .model import Document, Kind, Message
from .normalise import Normalised, normalise


@dataclass(frozen=True)
class TextPipeline:
    """How one family of documents is read from decoded text."""

    normalise: Callable[[str, str, tuple[tuple[int, int, bytes], ...]], Normalised]
    """Decoded text (with its encoding and undecodable bytes) → normalised lines."""
    parse: Callable[[Normalised, str], Document]
    """Normalised lines and the input's file name → the document."""


def _letters(normalised: Normalised, name: str) -> Document:
    del name
    from .parse import parse  # imported when a letter is read, not for a statute
    return parse(normalised)


def _statute_clean(text: str, encoding: str, replaced: tuple[tuple[int, int, bytes], ...]
                   ) -> Normalised:
    from .statute.clean import clean
    return clean(text, encoding, replaced)


def _statute_parse(normalised: Normalised, name: str) -> Document:
    from .statute import parse_normalised
    return parse_normalised(normalised, name=name)


def _paper_clean(text: str, encoding: str, replaced: tuple[tuple[int, int, bytes], ...]
                 ) -> Normalised:
    from .parl.clean import clean
    return clean(text, encoding, replaced)


def _paper_parse(kind: Kind | None) -> Callable[[Normalised, str], Document]:
    def parse(normalised: Normalised, name: str) -> Document:
        from .parl import parse_normalised
        return parse_normalised(normalised, name=name, kind=kind)
    return parse


LETTERS = TextPipeline(normalise, _letters)
"""Answers, questions, interpellations, notices, and generic documents."""
STATUTES = TextPipeline(_statute_clean, _statute_parse)
"""Swedish statutes (SFS)."""

PIPELINES: dict[Kind, TextPipeline] = {
    Kind.ANSWER: LETTERS,
    Kind.QUESTION: LETTERS,
    Kind.INTERPELLATION: LETTERS,
    Kind.NOTICE: LETTERS,
    Kind.DEBATE: LETTERS,
    Kind.GENERIC: LETTERS,
    Kind.STATUTE: STATUTES,
    Kind.MOTION: TextPipeline(_paper_clean, _paper_parse(Kind.MOTION)),
    Kind.REPORT: TextPipeline(_paper_clean, _paper_parse(Kind.REPORT)),
    Kind.BILL: TextPipeline(_paper_clean, _paper_parse(Kind.BILL)),
    Kind.COMMUNICATION: TextPipeline(_paper_clean, _paper_parse(Kind.COMMUNICATION)),
}
"""The pipeline that reads each kind."""


def _looks_like_debate(text: str) -> bool:
    """A chamber protocol's debate (``§ 1 Svar på interpellation …``, ``Anf. 1 …``) is a
    letter-family document, though its ``§ 1`` opens a statute's text too."""
    from .parse import LineClass, classify
    lines = [line.strip() for line in text[:5000].splitlines() if line.strip()][:10]
    for line in lines:
        reading = classify(line)
        if reading.cls is LineClass.SPEECH or (
                reading.cls is LineClass.DOCUMENT and reading.get("kind") == Kind.DEBATE.value):
            return True
    return False


def _looks_like_statute(text: str) -> bool:
    from .statute import looks_like_statute
    return looks_like_statute(text)


def _opens_as(kind: Kind) -> Callable[[str], bool]:
    def looks_like(text: str) -> bool:
        from .parl import kind_of_text
        return kind_of_text(text) is kind
    return looks_like


DETECTORS: tuple[tuple[Kind, Callable[[str], bool]], ...] = (
    (Kind.DEBATE, _looks_like_debate),
    (Kind.STATUTE, _looks_like_statute),
    *((kind, _opens_as(kind)) for kind in (Kind.MOTION, Kind.REPORT, Kind.BILL, Kind.COMMUNICATION)),
)
"""Tried in order on decoded text before the letters family's own recognition."""


def choices() -> tuple[str, ...]:
    """The codes ``--kind`` accepts, in the model's order (``frs``, …, ``sfs``)."""
    return tuple(kind.value for kind in Kind if kind in PIPELINES)


def kind_named(code: str) -> Kind:
    """The kind with code *code*; `InputError` naming the choices if there is none."""
    for kind in Kind:
        if kind.value == code and kind in PIPELINES:
            return kind
    raise InputError(f"unknown kind {code!r}; choose from {', '.join(choices())}")


def pipeline_for(text: str, kind: Kind | None) -> TextPipeline:
    """The pipeline for *text*: the named kind's, a detector's, or the letters family's."""
    if kind is not None:
        return PIPELINES[kind]
    for detected, looks_like in DETECTORS:
        if looks_like(text):
            return PIPELINES[detected]
    return LETTERS


def force(document: Document, kind: Kind | None) -> Document:
    """*document* typed as *kind*, with a warning where the text read as something else."""
    if kind is None or document.kind is kind:
        return document
    warning = Message("kind-forced", f"read as {document.kind.value} but typed "
                      f"{kind.value} as asked (--kind)")
    return replace(document, kind=kind, warnings=(*document.warnings, warning))
