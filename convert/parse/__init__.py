"""Normalised text → `Document`: recognise what the document is and its parts.

Recognition is rules over line classes, in three readable tables:

* `riksdoc.parse.lines.RECOGNISERS` — what one line can be (document line,
  number line, title, minister line, place and date, signature, department,
  ``Enligt uppdrag``, speaker line …), decided from the line alone;
* `riksdoc.parse.rules.RULES` — the grammar of letterhead and header:
  (state, line class) → (action, next state), tolerant of order and of lines
  split or joined by the export;
* `riksdoc.parse.document.KIND_RULES` — what the document then is: an answer
  only when its opening says ``Svar på fråga``; a debate record wherever
  speaker lines (``Anf. 1 …``) make one; a question or interpellation
  addressed to the Riksdag that asks no minister is a notice about it.

Lines the export split are read together again by `riksdoc.parse.splits`;
the questions a header names (numbers, who asked, titles) by
`riksdoc.parse.parts`; people (ministers, speakers, signatures, questioners the
body names) by `riksdoc.parse.people`.  The body is read by
`riksdoc.parse.body`, the closing by `riksdoc.parse.closing`.  The tokens all
of it is built from are `riksdoc.grammar`'s.  Every warning carries the input
line it concerns.

The functions other modules may use (the DOCX reader reads its lines with
them, so a line reads the same from text and from Word) are re-exported here.
"""

from __future__ import annotations

from ..grammar import canonical_session
from .body import continues
from .document import named_in_body, parse
from .lines import LineClass, Reading, classify
from .parts import Group, Number, pair, read_addressee, read_groups
from .people import asked_in, minister, signature, signatures, speaker

__all__ = ["Group", "LineClass", "Number", "Reading", "asked_in", "canonical_session",
           "classify", "continues", "minister", "named_in_body", "pair", "parse",
           "read_addressee", "read_groups", "signature", "signatures", "speaker"]
