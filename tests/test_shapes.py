"""Property tests: documents assembled from real-shaped parts, permuted, split and noisy,
are read as what they are, with every field the text states.

`tests/shapes.py` draws a document (answer, notice, question, interpellation,
debate record) in one of the shapes the genre takes, and the fields its text
states; here the reader must find exactly those.  A short run is part of the
suite; the long run is by hand:

    RIKSDOC_SHAPE_EXAMPLES=5000 python -m pytest tests/test_shapes.py
"""

from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from lxml import etree, html as lxml_html

from riksdoc.jsonmodel import load
from riksdoc.model import Document, Kind, Speech
from riksdoc.normalise import normalise
from riksdoc.parse import parse
from riksdoc.readers import read
from riksdoc.validate import problems
from riksdoc.writers import write

from .shapes import DOCUMENTS, Expected, answer, asked_question, debate, noisy, notice

EXAMPLES = int(os.environ.get("RIKSDOC_SHAPE_EXAMPLES", "60"))
SHAPES = settings(max_examples=EXAMPLES, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(document: Document, expected: Expected, text: str) -> None:
    """The document states what the text states, field by field."""
    where = f"\n--- text ---\n{text}\n--- warnings ---\n{document.warnings}"
    assert document.kind.value == expected.kind, where
    found = [(q.designation, q.questioner.name if q.questioner else None,
              q.questioner.party if q.questioner else None, q.title) for q in document.questions]
    stated = [(q.designation, q.questioner, q.party, q.title) for q in expected.questions]
    assert found == stated, where
    assert all(q.questioner_stated == expected.stated for q in document.questions), where
    assert document.place == expected.place, where
    date = document.date
    assert (None if date is None else (date.day, date.month, date.year)) == expected.date, where
    signer = document.signatures[0].person if document.signatures else None
    assert (None if signer is None else (signer.name, signer.party, signer.role)) == \
        expected.signatory, where
    minister = document.minister
    assert (None if minister is None else (minister.role, minister.name)) == expected.minister, \
        where
    addressee = document.addressee
    assert (None if addressee is None else (addressee.role, addressee.name)) == \
        expected.addressee, where
    assert document.department == expected.department, where
    speakers = [(b.speaker.name, b.speaker.party) for b in document.blocks
                if isinstance(b, Speech)]
    assert speakers == expected.speakers, where


def read_text(text: str) -> Document:
    return parse(normalise(text))


@SHAPES
@given(answer().flatmap(lambda made: noisy(made[0]).map(lambda text: (text, made[1]))))
def test_answers_in_every_shape(case) -> None:
    text, expected = case
    check(read_text(text), expected, text)


@SHAPES
@given(notice().flatmap(lambda made: noisy(made[0]).map(lambda text: (text, made[1]))))
def test_notices_in_every_shape_are_notices(case) -> None:
    text, expected = case
    check(read_text(text), expected, text)


@SHAPES
@given(asked_question().flatmap(lambda made: noisy(made[0]).map(lambda text: (text, made[1]))))
def test_questions_and_interpellations_keep_their_own_identity(case) -> None:
    text, expected = case
    check(read_text(text), expected, text)


@SHAPES
@given(debate().flatmap(lambda made: noisy(made[0]).map(lambda text: (text, made[1]))))
def test_debate_records_are_debates(case) -> None:
    text, expected = case
    check(read_text(text), expected, text)


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENTS.flatmap(lambda made: noisy(made[0])))
def test_every_shape_round_trips_through_akn_docx_and_json(text: str) -> None:
    document = read_text(text)
    akn = write(document, "akn", stem="shape")
    assert problems(akn) == []
    assert read(akn, "shape.akn.xml").document == document
    assert read(write(document, "docx", stem="shape"), "shape.docx").document == document
    assert load(json.loads(write(document, "json", stem="shape"))) == document


def test_never_an_answer_unless_the_opening_says_so() -> None:
    """Notices, questions, interpellations and debate records are never typed frs."""
    @settings(max_examples=EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st_non_answers())
    def run(text: str) -> None:
        assert read_text(text).kind is not Kind.ANSWER, text
    run()


def st_non_answers():
    from hypothesis import strategies as st
    return st.one_of(notice(), asked_question(), debate()).flatmap(lambda made: noisy(made[0]))


TEMPLATE = {"svar", "på", "fråga", "och", "av", "till", "den", "interpellation", "meddelande",
            "om"}
"""The words riksdoc may put around the author's text (the document line, the date line)."""


def words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+|\d+", text)]


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENTS.flatmap(lambda made: noisy(made[0])))
def test_no_output_adds_a_word_the_text_does_not_have(text: str) -> None:
    """Every word of the page (HTML, which the PDF prints) and of the AKN text is the
    text's own, or one of riksdoc's few template words around it."""
    document = read_text(text)
    source = set(words(normalise(text).text))
    page = lxml_html.fromstring(write(document, "html", stem="x"))
    shown = " ".join(page.xpath("//body//text()"))
    assert set(words(shown)) - source <= TEMPLATE, text
    root = etree.fromstring(write(document, "akn", stem="x"))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    said = " ".join(root.xpath("//a:preface//text() | //a:mainBody//text() | "
                               "//a:debateBody//text() | //a:conclusions//text()", namespaces=ns))
    assert set(words(said)) - source <= TEMPLATE, text
    for question in document.questions:  # a questioner found in the body is not in the line
        if question.questioner and not question.questioner_stated:
            lines = page.xpath("//p[@class='doc-line']//text()")
            assert all(question.questioner.name not in line for line in lines)
