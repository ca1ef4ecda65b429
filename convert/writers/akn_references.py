"""The references an AKN document's text points to, collected while it is written.

`References` hands out the eIds of the people, parties, departments, roles,
places and questions the text names (one eId each, however often named; a
person however the text cases the name), and writes them as ``<references>``
in the order the text first used them.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ..akn_profile import (
    AKN_NS,
    PARTIES,
    RIKSDOC,
    ROLES,
    UNKNOWN_AUTHOR,
    UNKNOWN_AUTHOR_SHOWAS,
    ontology_href,
    person_key,
    slug,
)

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})


def unique_eid(used: set[str], base: str) -> str:
    """*base* (``ref`` if empty), or *base* with ``_2``, ``_3`` … where *used* has it; added
    to *used*."""
    base = base or "ref"
    eid, n = base, 1
    while eid in used:
        n += 1
        eid = f"{base}_{n}"
    used.add(eid)
    return eid


class References:
    """The TLC references of one document, by what they stand for."""

    def __init__(self) -> None:
        self.persons: dict[str, tuple[str, str]] = {}  # person_key(name) → (eId, name)
        self.parties: dict[str, str] = {}              # canonical code → eId
        self.departments: dict[str, str] = {}          # department → eId
        self.roles: list[str] = []                     # role eIds used
        self.locations: dict[str, str] = {}            # place → eId
        self.questions: dict[str, tuple[str, str, str]] = {}  # eId → (href, showAs, name)
        self.used: set[str] = {RIKSDOC, UNKNOWN_AUTHOR, *ROLES}
        self.unknown_author = False

    def new_eid(self, base: str) -> str:
        """*base*, or *base* with ``_2``, ``_3`` … where it is taken."""
        return unique_eid(self.used, base)

    def person(self, name: str) -> str:
        """A TLCPerson; ``YLVA JOHANSSON`` in a speaker line is the Ylva Johansson asked."""
        key = person_key(name)
        if key not in self.persons:
            self.persons[key] = (self.new_eid(slug(name) or "person"), name)
        return self.persons[key][0]

    def party(self, party: str) -> str:
        """A party's TLCOrganization (``partyM``; ``fp`` and ``FP`` are one party)."""
        code = party.upper()
        if code not in self.parties:
            self.parties[code] = self.new_eid("party" + (slug(code)[:1].upper() + slug(code)[1:]
                                                         if slug(code) else ""))
        return self.parties[code]

    def department(self, name: str) -> str:
        """The TLCOrganization of a department that sends the document."""
        if name not in self.departments:
            self.departments[name] = self.new_eid(slug(name) or "department")
        return self.departments[name]

    def role(self, role_id: str) -> str:
        """A TLCRole of the profile (`riksdoc.akn_profile.ROLES`)."""
        if role_id not in self.roles:
            self.roles.append(role_id)
        return role_id

    def location(self, place: str) -> str:
        """A TLCLocation."""
        if place not in self.locations:
            self.locations[place] = self.new_eid(slug(place) or "location")
        return self.locations[place]

    def question(self, href: str, base: str, show: str, name: str) -> str:
        """A TLCReference to the document at *href* (one eId a document)."""
        for eid, (known_href, _, _) in self.questions.items():
            if known_href == href:
                return eid
        eid = self.new_eid(base)
        self.questions[eid] = (href, show, name)
        return eid

    def element(self) -> etree._Element:
        """``<references>``: riksdoc, then people, parties, departments, roles, places and
        documents, each in the order the text named them."""
        refs = [E.TLCOrganization(eId=RIKSDOC, href=ontology_href("organization", RIKSDOC),
                                  showAs="riksdoc")]
        refs += [E.TLCPerson(eId=eid, href=ontology_href("person", eid), showAs=name)
                 for eid, name in self.persons.values()]
        refs += [E.TLCOrganization(eId=eid, href=ontology_href("organization", eid),
                                   showAs=PARTIES.get(code, code))
                 for code, eid in self.parties.items()]
        refs += [E.TLCOrganization(eId=eid, href=ontology_href("organization", eid),
                                   showAs=name)
                 for name, eid in self.departments.items()]
        refs += [E.TLCRole(eId=role, href=ontology_href("role", role), showAs=ROLES[role])
                 for role in self.roles]
        refs += [E.TLCLocation(eId=eid, href=ontology_href("location", eid), showAs=place)
                 for place, eid in self.locations.items()]
        refs += [E.TLCReference(eId=eid, href=href, showAs=show, name=name)
                 for eid, (href, show, name) in self.questions.items()]
        if self.unknown_author:
            refs.append(E.TLCConcept(eId=UNKNOWN_AUTHOR,
                                     href=ontology_href("concept", UNKNOWN_AUTHOR),
                                     showAs=UNKNOWN_AUTHOR_SHOWAS))
        return E.references(*refs, source="#" + RIKSDOC)
