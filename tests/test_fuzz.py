"""Fuzzing: generated and mutated documents never crash or hang, and every success is sound.

A short run is part of the suite. The long run is by hand:

    RIKSDOC_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -p no:cacheprovider

Every document that converts must give strict-valid AKN that reads back, a DOCX
python-docx opens, and (when the PDF writer is there) a PDF with pages.
"""

from __future__ import annotations

import io
import json
import os
from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from riksdoc.errors import InputError
from riksdoc.jsonmodel import dump
from riksdoc.normalise import NOTE_OPEN
from riksdoc.readers import read
from riksdoc.writers import write

from .conftest import corpus_paths

EXAMPLES = int(os.environ.get("RIKSDOC_FUZZ_EXAMPLES", "40"))
SECONDS_PER_DOCUMENT = 20.0


FORMATS = ["akn", "docx", "pdf"]

NAMES = st.sampled_from(["Mikael Cederbratt", "Åsa Coenraads", "Hans Olsson", "Anna-Lena Ek",
                         "Jan van der Berg", "Östen Öh"])
PARTIES = st.sampled_from(["M", "S", "SD", "C", "V", "KD", "L", "MP", "fp", "v", "-"])
SESSIONS = st.sampled_from(["2017/18", "2019/2020", "2008/09", "1999/00"])
NUMBERS = st.integers(min_value=1, max_value=4000)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ÉéüÜ.,:;!?–-”’()/&<>\"'0123456789",
                min_size=1, max_size=60)
NOISE = st.sampled_from([
    "[bookmark: _GoBack]", "[image: Karta]", "[footnoteRef:1]", " [1: En not.] ", "\u00ad",
    "\u200b", "\u00a0", "\t", "  ", "\tComment by Lena: stryk", "\r\n", "\x0b", "· ", "1) ",
    "a) ", "II. ", "– ", "\uf0b7\t", "<script>", "]]>", "&amp;", "{{", "👍🏽", "e\u0301",
    "שלום", "\x01", "\ufffe",
])
TITLE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö ÅÄÖ", min_size=1, max_size=40).map(str.strip) \
    .filter(bool).map(lambda t: t[0].upper() + t[1:])


@st.composite
def paragraph(draw) -> str:
    parts = draw(st.lists(st.one_of(WORDS, NOISE), min_size=1, max_size=12))
    return "".join(parts)


@st.composite
def answer_text(draw) -> str:
    name, party = draw(NAMES), draw(PARTIES)
    number = f"{draw(SESSIONS)}:{draw(NUMBERS)}"
    title = draw(TITLE)
    header = draw(st.sampled_from([
        f"Svar på fråga {number} av {name} ({party}) {title}",
        f"Svar på fråga {number} av {name} ({party})\n{title}",
        f"Svar på fråga {number} av {name} ({party})\n\n{title}",
        f"den 14 september\n\nSvar på fråga\n\n{number} {title}\n\nStatsrådet {name}",
        f"Fråga {number} {title}\n\nav {name} ({party})\n\ntill Statsrådet {draw(NAMES)} (S)",
        f"Interpellation {number} {title}\n\nav {name} ({party})\n\ntill Statsrådet {draw(NAMES)}",
        f"Meddelande om försenat svar på fråga {number} av {name} ({party}) {title}",
        title,
    ]))
    separator = draw(st.sampled_from(["\n", "\n\n", "\n\u00a0\n"]))
    body = separator.join(draw(st.lists(paragraph(), min_size=0, max_size=6)))
    month = draw(st.sampled_from(["januari", "februari", "april", "maj", "juni", "september"]))
    closing = draw(st.sampled_from(["", f"\n\nStockholm den {draw(st.integers(0, 32))} {month} "
                                        f"{draw(st.sampled_from(['2019', '2020', '1900', '']))}\n\n"
                                        f"{draw(NAMES)}\n", "\n\nStockholm den 3 mars\n\nEnligt uppdrag\n\n"
                                        f"{draw(NAMES)}\nKansliråd\n"]))
    return f"{header}\n{body}{closing}"


@st.composite
def mutated_corpus(draw) -> bytes:
    path = draw(st.sampled_from(corpus_paths()))
    lines = path.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "noise", "swap", "split"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "noise":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(NOISE) + lines[at][cut:]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at:at + 1] = [lines[at][:cut], lines[at][cut:]]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return "\n".join(lines).encode(encoding, errors="replace")


def check(data: bytes) -> None:
    """Convert *data* to every format (hypothesis's deadline is the time limit); outputs must
    be sound.  A hang is the adversarial suite's to catch (tests/test_adversarial.py)."""
    try:
        document = read(data, "fuzz.txt").document
    except InputError:
        return  # refused with a reason: allowed
    outputs = {name: write(document, name, stem="fuzz") for name in FORMATS}
    assert NOTE_OPEN not in json.dumps(dump(document))  # no internal marker in the model's text
    if "akn" in outputs:
        from riksdoc.validate import problems
        assert problems(outputs["akn"]) == []
        assert read(outputs["akn"], "fuzz.akn.xml").document == document
    if "docx" in outputs:
        import docx
        docx.Document(io.BytesIO(outputs["docx"]))
    if "pdf" in outputs:
        import pypdf
        assert len(pypdf.PdfReader(io.BytesIO(outputs["pdf"])).pages) >= 1


FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=SECONDS_PER_DOCUMENT),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(answer_text())
def test_generated_documents(text: str) -> None:
    check(text.encode("utf-8"))


@FUZZ
@given(mutated_corpus())
def test_mutated_corpus_documents(data: bytes) -> None:
    check(data)
