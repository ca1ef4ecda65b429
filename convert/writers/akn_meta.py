"""The ``meta`` of an AKN document riksdoc writes: identification (FRBR) and the
proprietary part; the references are `riksdoc.writers.akn_references`'.

A joint answer is found by every question it answers: its Work is named by the
first question (``FRBRnumber``), and every further number is an ``FRBRalias``
with ``name="number"``, as every title is one with ``name="title"``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml.builder import ElementMaker

from .. import vocabulary
from ..akn_profile import (
    AKN_NS,
    BODY_QUESTIONER,
    COUNTRY,
    LANGUAGE,
    PROFILE_VERSION,
    RD_NS,
    RIKSDOC,
    UNKNOWN_AUTHOR,
    signer_role,
)
from ..model import Document, SwedishDate
from .akn_references import References

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
R = ElementMaker(namespace=RD_NS, nsmap={"rd": RD_NS})


def identification(doc: Document, uri: Any, date_name: str, subtype: str, is_number: bool,
                   refs: References) -> etree._Element:
    """``<identification>``: the Work (URI, aliases, date, author, country, subtype, number
    or name), the Expression and the Manifestation."""
    work = [E.FRBRthis(value=uri.work_uri(work_component=False) + "/!main"),
            E.FRBRuri(value=uri.work_uri(work_component=False))]
    # every question's title (a joint answer answers several), the document's own first
    titles = [q.title for q in doc.questions if q.title is not None] or \
        ([doc.heading] if doc.heading is not None else [])
    work += [E.FRBRalias(value=title, name="title") for title in dict.fromkeys(titles)]
    numbers = list(dict.fromkeys(q.designation for q in doc.questions))
    work += [E.FRBRalias(value=number, name="number") for number in numbers[1:]]
    work += [E.FRBRdate(date=uri.date, name=date_name), author(doc, refs),
             E.FRBRcountry(value=COUNTRY), E.FRBRsubtype(value=subtype)]
    if is_number:
        work.append(E.FRBRnumber(value=uri.number, showAs=doc.questions[0].designation))
    else:
        work.append(E.FRBRname(value=uri.number))
    expression = uri.expression_uri(work_component=False)
    return E.identification(
        E.FRBRWork(*work),
        E.FRBRExpression(
            E.FRBRthis(value=expression + "/!main"),
            E.FRBRuri(value=expression),
            E.FRBRdate(date=uri.date, name=date_name),
            author(doc, refs),
            E.FRBRlanguage(language=LANGUAGE)),
        E.FRBRManifestation(
            E.FRBRthis(value=expression + "/!main.xml"),
            E.FRBRuri(value=expression + ".akn"),
            E.FRBRdate(date=uri.date, name=date_name),
            E.FRBRauthor(href="#" + RIKSDOC)),
        source="#" + RIKSDOC)


def author(doc: Document, refs: References) -> etree._Element:
    """FRBRauthor: `riksdoc.vocabulary.author`, as the role they have in this document."""
    person = vocabulary.author(doc)
    asks = bool(doc.questions) and person is doc.questions[0].questioner
    role_id = "questioner" if asks else signer_role(doc.kind)
    if person is None:
        refs.unknown_author = True
        return E.FRBRauthor(href="#" + UNKNOWN_AUTHOR)
    return E.FRBRauthor(href="#" + refs.person(person.name), **{"as": "#" + refs.role(role_id)})


def proprietary(year_less: SwedishDate | None,
                body_questioners: list[tuple[str, str, str | None]],
                notes: list[tuple[str, str]]) -> etree._Element:
    """What AKN has no place for: a date without a year, who asked where only the body
    names them (question, person, party), and the model's note ids (id, authorialNote
    eId)."""
    items = [R.profile(version=PROFILE_VERSION)]
    if year_less is not None:
        items.append(R.docDate(value=year_less.iso()))
    for question, person, party in body_questioners:  # metadata, never words of the text
        attrs = {"question": "#" + question, "person": "#" + person}
        if party is not None:
            attrs["party"] = party
        items.append(R(BODY_QUESTIONER, **attrs))
    for note_id, at in notes:
        items.append(R.note(id=note_id, at=at))
    # rd declared here, on the only element that holds riksdoc's own vocabulary
    element = etree.Element(f"{{{AKN_NS}}}proprietary", source="#" + RIKSDOC,
                            nsmap={None: AKN_NS, "rd": RD_NS})
    element.extend(items)
    return element
