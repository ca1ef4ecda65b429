"""The Riksdag's open-data record of a document (``dokumentstatus``, JSON or XML) → the model.

`data.riksdagen.se/dokumentstatus/<id>` serves every kind of document — motions,
reports, bills, communications, answers, questions, interpellations — as one
record: its metadata and the document itself as HTML.  The record is read in three
steps:

1. the metadata (`read_record`):

   ==================================  ==========================================
   record (``dokumentstatus``)         model
   ==================================  ==========================================
   ``dokument.typ`` / ``subtyp``       the kind (``prop`` with subtype ``skr`` is a
                                       communication)
   ``dokument.rm``, ``beteckning``     session and number (`Paper`, or the
                                       question's designation)
   ``dokument.titel``                  the title
   ``dokument.subtitel``               a motion's author line (``av …``)
   ``dokument.organ``                  a report's committee (code → name), a
                                       bill's ministry
   ``dokument.datum``                  the date
   ``dokument.dok_id``, ``subtyp``     `Paper.record_id`, `Paper.subtype`
   ``dokintressent.intressent``        the people: ``namn``, ``partibet``,
                                       ``roll``, ``ordning``
   ``dokument.html``                   the text (`riksdoc.parl.html`)
   ==================================  ==========================================

2. the HTML body rendered to text lines with what its markup says of each
   (headings, lists, tables), read by the kind's own pipeline;
3. what the record states put over what the text gave, with a warning
   (``record-differs``) wherever the text says otherwise.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from ..errors import InputError
from ..model import Document, Kind, Message, Paper, Person, QuestionRef, SwedishDate
from ..normalise import Normalised

KINDS = {"mot": Kind.MOTION, "bet": Kind.REPORT, "prop": Kind.BILL, "skr": Kind.COMMUNICATION,
         "frs": Kind.ANSWER, "fr": Kind.QUESTION, "ip": Kind.INTERPELLATION}
"""The record's document types riksdoc reads as their kinds (others: a generic document)."""

COMMITTEES = {
    "AU": "Arbetsmarknadsutskottet", "CU": "Civilutskottet", "FiU": "Finansutskottet",
    "FöU": "Försvarsutskottet", "JuU": "Justitieutskottet", "KrU": "Kulturutskottet",
    "KU": "Konstitutionsutskottet", "MJU": "Miljö- och jordbruksutskottet",
    "NU": "Näringsutskottet", "SfU": "Socialförsäkringsutskottet", "SkU": "Skatteutskottet",
    "SoU": "Socialutskottet", "TU": "Trafikutskottet", "UbU": "Utbildningsutskottet",
    "UU": "Utrikesutskottet", "BoU": "Bostadsutskottet", "LU": "Lagutskottet",
    "JoU": "Jordbruksutskottet", "MjU": "Miljö- och jordbruksutskottet",
}
"""The Riksdag's committees by the code a report's number and record use."""


@dataclass(frozen=True)
class Record:
    """What a ``dokumentstatus`` record states."""

    kind: Kind
    session: str | None
    number: str | None
    title: str | None
    subtitle: str | None
    organ: str | None
    date: datetime.date | None
    record_id: str | None
    subtype: str | None
    people: tuple[tuple[Person, str | None], ...]
    """Each person with the record's role for them (``undertecknare``, ``Statsråd1``)."""
    html: str


def is_record(data: Any) -> bool:
    """Is *data* (parsed JSON, or `from_xml`'s dict) a ``dokumentstatus`` record?"""
    return isinstance(data, dict) and isinstance(data.get("dokumentstatus"), dict) \
        and isinstance(data["dokumentstatus"].get("dokument"), dict)


def from_xml(root: etree._Element) -> dict[str, Any]:
    """A ``<dokumentstatus>`` XML record as the dict its JSON form gives."""
    def value(element: etree._Element) -> Any:
        children = [c for c in element if isinstance(c.tag, str)]
        if not children:
            return element.text
        out: dict[str, Any] = {}
        for child in children:
            key = etree.QName(child).localname
            item = value(child)
            if key in out:
                out[key] = out[key] + [item] if isinstance(out[key], list) else [out[key], item]
            else:
                out[key] = item
        return out
    return {etree.QName(root).localname: value(root)}


def read_record(data: dict[str, Any]) -> Record:
    """The record's metadata and HTML; `InputError` for a record without a document text."""
    status = data["dokumentstatus"]
    document = status["dokument"]
    source = _string(document, "html") or _string(document, "text")
    if source is None:
        raise InputError("Riksdag record without the document's text (dokument.html)")
    typ, subtype = _string(document, "typ"), _string(document, "subtyp")
    kind = KINDS.get(subtype or "") if subtype == "skr" else KINDS.get(typ or "", Kind.GENERIC)
    people = status.get("dokintressent") or {}
    found = people.get("intressent") if isinstance(people, dict) else None
    items = found if isinstance(found, list) else [found] if isinstance(found, dict) else []
    items = sorted(items, key=lambda p: int(p.get("ordning") or 0) if str(p.get("ordning") or "0").isdigit() else 0)
    persons = tuple((Person(_string(p, "namn") or "", _string(p, "partibet")), _string(p, "roll"))
                    for p in items if _string(p, "namn"))
    return Record(kind or Kind.GENERIC, _string(document, "rm"), _string(document, "beteckning"),
                  _string(document, "titel"), _string(document, "subtitel"), _string(document, "organ"),
                  _date(_string(document, "datum")), _string(document, "dok_id"),
                  subtype if subtype and subtype != typ else None, persons, source)


def _string(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _date(value: str | None) -> datetime.date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# --- the record over the text ---------------------------------------------------------

def overlay(document: Document, record: Record) -> Document:
    """*document* (read from the record's text) with what the record states, a warning
    wherever the text said otherwise."""
    warnings = list(document.warnings)

    def differs(what: str, stated: object, found: object) -> None:
        if found is not None and stated is not None and stated != found:
            warnings.append(Message("record-differs", f"the record states the {what} as {stated}; "
                                    f"the text says {found} (the record's is kept)"))

    heading = document.heading
    if record.title is not None and document.kind not in (Kind.ANSWER, Kind.QUESTION,
                                                          Kind.INTERPELLATION, Kind.NOTICE):
        differs("title", repr(record.title), repr(heading) if heading else None)
        heading = record.title
    date, date_text, place = document.date, document.date_text, document.place
    if record.date is not None:
        stated = SwedishDate(record.date.day, record.date.month, record.date.year)
        if date is not None and date != stated:
            differs("date", record.date.isoformat(), date.iso())
            date_text = place = None  # the text's date line stays text, not the date
        date = stated
    document = replace(document, heading=heading, date=date, date_text=date_text, place=place)
    if document.paper is not None:
        document = replace(document, paper=_paper(document.paper, record, differs))
    elif document.questions and record.session and record.number and record.number.isdigit():
        document = replace(document, questions=_questions(document.questions, record, differs))
    return replace(document, warnings=tuple(warnings))


Differs = Callable[[str, object, object], None]
"""Notes a warning where the record states *what* (1st) otherwise than the text (2nd)."""


def _paper(paper: Paper, record: Record, differs: Differs) -> Paper:
    if record.session and paper.session:
        differs("session", record.session, paper.session)
    if record.number and paper.number and record.number != paper.number:
        differs("number", record.number, paper.number)
    committee, ministry = paper.committee, paper.ministry
    if record.kind is Kind.REPORT and record.organ:
        committee = COMMITTEES.get(record.organ, committee or record.organ)
    elif record.kind in (Kind.BILL, Kind.COMMUNICATION) and record.organ:
        differs("ministry", record.organ, ministry)
        ministry = record.organ
    authors = tuple(person for person, _ in record.people) or paper.authors
    if record.people and paper.authors and [p.name for p in authors] != [p.name for p in paper.authors]:
        differs("authors", ", ".join(p.name for p in authors), ", ".join(p.name for p in paper.authors))
    return replace(paper, session=record.session or paper.session, number=record.number or paper.number,
                   by_line=paper.by_line or record.subtitle, authors=authors, committee=committee,
                   ministry=ministry, record_id=record.record_id, subtype=record.subtype)


def _questions(questions: tuple[QuestionRef, ...], record: Record,
               differs: Differs) -> tuple[QuestionRef, ...]:
    first = questions[0]
    assert record.session is not None and record.number is not None
    number = int(record.number)
    if (first.session, first.number) == (record.session, number):
        return questions
    differs("designation", f"{record.session}:{number}", first.designation)
    return (replace(first, session=record.session, number=number), *questions[1:])


_MARKUP = re.compile(r"<(?:[a-zA-Z][\w:-]*|!--)[^<>]*>")
"""An HTML tag or comment: the record's text is HTML."""


def text_of(record: Record) -> tuple[str, dict[int, str]]:
    """The record's document as text lines, and the markup's hints by line."""
    if not _MARKUP.search(record.html):  # a plain text (``dokument.text``), no HTML
        return "".join(line + "\n" for line in record.html.splitlines()), {}
    from .html import render
    rendered = render(record.html)
    return rendered.text, rendered.hints


def read(data: dict[str, Any], name: str, kind: Kind | None) -> tuple[Document, Normalised]:
    """A record (parsed) as a `Document`, read by its kind's pipeline from its HTML (*kind*:
    ``--kind``, over the record's own type)."""
    record = read_record(data)
    text, hints = text_of(record)
    if not text.strip():
        raise InputError("the record's document text is empty")
    kind = kind or record.kind
    from ..kinds import PIPELINES, force
    from . import PAPERS, parse_normalised
    from .clean import clean
    if kind in PAPERS:
        normalised = clean(text, "utf-8")
        document = force(parse_normalised(normalised, name=name, kind=kind, hints=hints), kind)
    else:
        pipeline = PIPELINES[kind]
        normalised = pipeline.normalise(text, "utf-8", ())
        document = force(pipeline.parse(normalised, name), kind)
    return overlay(document, record), normalised
