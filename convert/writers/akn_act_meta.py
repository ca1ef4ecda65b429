"""The ``meta`` of a statute's act: identification, lifecycle, temporal data, references,
riksdoc's proprietary record (docs/akn-profile.md, "Statutes").

`ActMeta` is filled while the body is written — each version's interval becomes a
``temporalGroup`` (`period`), each act a marker or the record names a ``passiveRef``
(`act_ref`) — and then gives the ``meta`` elements (`elements`) and each annex's own
identification (`annex`).
"""

from __future__ import annotations

import datetime

from lxml import etree

from ..akn_act_profile import (
    DATE_AS_OF,
    DATE_CONSOLIDATED,
    DATE_ISSUED,
    IN_FORCE,
    ORIGINAL,
    act_uri,
    number_components,
    statute_record,
)
from ..akn_profile import (
    AKN_NS,
    COUNTRY,
    LANGUAGE,
    PROFILE_VERSION,
    RD_NS,
    RIKSDOC,
    UNKNOWN_AUTHOR,
    UNKNOWN_AUTHOR_SHOWAS,
    UNKNOWN_DATE,
    UNKNOWN_DATE_NAME,
    ontology_href,
    slug,
)
from ..model import Statute, Validity
from .akn import E, R


class ActMeta:
    """What an act's ``meta`` says, gathered while its body is written."""

    def __init__(self, statute: Statute, title: str | None, stem: str) -> None:
        self.statute = statute
        self.title = title
        self.uri, self.numbered = act_uri(statute, stem)
        self.groups: dict[tuple[datetime.date | None, datetime.date | None], str] = {}
        self.events: dict[tuple[datetime.date, str], str] = {}   # (date, source) → eId
        self.acts: dict[str, str] = {}                            # SFS number → passiveRef eId
        self.department_eid = slug(statute.department or "") or None
        self.expression_date = statute.as_of or statute.consolidated_date
        for amending in statute.amendments:
            self.act_ref(amending.number)

    # -- versions ---------------------------------------------------------------------------

    def period(self, validity: Validity) -> str:
        key = (validity.start, validity.end)
        if key not in self.groups:
            self.groups[key] = f"tmpg_{len(self.groups) + 1}"
            source = self.act_ref(validity.by) if validity.by else ORIGINAL
            for day in (validity.start, validity.end):
                if day is not None:
                    self.event(day, source)
        return self.groups[key]

    def event(self, day: datetime.date, source: str) -> str:
        for (known, _), eid in self.events.items():
            if known == day:
                return eid
        eid = f"e_{day.isoformat()}"
        self.events[(day, source)] = eid
        return eid

    def act_ref(self, number: str) -> str:
        if number not in self.acts:
            self.acts[number] = "sfs_" + "-".join(number_components(number))
        return self.acts[number]

    # -- meta ---------------------------------------------------------------------------------

    def elements(self) -> list[etree._Element]:
        """The children of ``meta``, in the schema's order."""
        out = [self.identification()]
        lifecycle = self.lifecycle()
        if lifecycle is not None:
            out.append(lifecycle)
        if self.groups:
            out.append(self.temporal_data())
        out += [self.references(), self.proprietary()]
        return out

    def work_date(self) -> tuple[str, str]:
        if self.statute.issued is not None:
            return self.statute.issued.isoformat(), DATE_ISSUED
        return UNKNOWN_DATE, UNKNOWN_DATE_NAME

    def expression_date_value(self) -> tuple[str, str]:
        if self.expression_date is not None:
            return self.expression_date.isoformat(), \
                DATE_AS_OF if self.statute.as_of is not None else DATE_CONSOLIDATED
        return self.work_date()

    def expression_uri(self) -> str:
        work = self.uri.work_uri(work_component=False)
        when = self.expression_date.isoformat() if self.expression_date else ""
        return f"{work}/{LANGUAGE}@{when}"

    def author(self) -> etree._Element:
        if self.department_eid is None:
            return E.FRBRauthor(href="#" + UNKNOWN_AUTHOR)
        return E.FRBRauthor(href="#" + self.department_eid)

    def identification(self) -> etree._Element:
        statute, uri = self.statute, self.uri
        work = uri.work_uri(work_component=False)
        date, date_name = self.work_date()
        parts = [E.FRBRthis(value=work + "/!main"), E.FRBRuri(value=work)]
        if self.title is not None:
            parts.append(E.FRBRalias(value=self.title, name="title"))
        parts += [E.FRBRdate(date=date, name=date_name), self.author(),
                  E.FRBRcountry(value=COUNTRY)]
        if statute.form is not None:
            parts.append(E.FRBRsubtype(value=statute.form))
        if self.numbered:
            assert statute.number is not None
            parts.append(E.FRBRnumber(value=statute.number, showAs=f"SFS {statute.number}"))
        else:
            parts.append(E.FRBRname(value=uri.number))
        expression = self.expression_uri()
        expr_date, expr_name = self.expression_date_value()
        expr = [E.FRBRthis(value=expression + "/!main"), E.FRBRuri(value=expression),
                E.FRBRdate(date=expr_date, name=expr_name), self.author()]
        if statute.consolidated_through is not None:
            expr.append(E.FRBRversionNumber(value=statute.consolidated_through,
                                            showAs=f"t.o.m. SFS {statute.consolidated_through}"))
        expr.append(E.FRBRlanguage(language=LANGUAGE))
        return E.identification(
            E.FRBRWork(*parts), E.FRBRExpression(*expr),
            E.FRBRManifestation(E.FRBRthis(value=expression + "/!main.xml"),
                                E.FRBRuri(value=expression + ".akn"),
                                E.FRBRdate(date=expr_date, name=expr_name),
                                E.FRBRauthor(href="#" + RIKSDOC)),
            source="#" + RIKSDOC)

    def lifecycle(self) -> etree._Element | None:
        events: list[tuple[str, str, str, str]] = []  # (date, eId, source, type)
        if self.statute.issued is not None:
            events.append((self.statute.issued.isoformat(), "e_issued", ORIGINAL, "generation"))
        for act in dict.fromkeys(a for a in self.statute.amendments if a.in_force is not None):
            assert act.in_force is not None
            eid, n = "e_" + self.act_ref(act.number), 1
            while any(e[1] == eid for e in events):  # a record listing an act twice
                n += 1
                eid = f"e_{self.act_ref(act.number)}-{n}"
            events.append((act.in_force.isoformat(), eid, self.act_ref(act.number), "amendment"))
        for (day, source), eid in self.events.items():
            events.append((day.isoformat(), eid, source, "amendment"))
        if not events:
            return None
        events.sort(key=lambda e: (e[0], e[1]))
        return E.lifecycle(*(E.eventRef(eId=eid, date=day, source="#" + source, type=kind)
                             for day, eid, source, kind in events), source="#" + RIKSDOC)

    def temporal_data(self) -> etree._Element:
        groups = []
        for (start, end), eid in self.groups.items():
            attrs = {"refersTo": "#" + IN_FORCE}
            if start is not None:
                attrs["start"] = "#" + self.event(start, ORIGINAL)
            if end is not None:
                attrs["end"] = "#" + self.event(end, ORIGINAL)
            groups.append(E.temporalGroup(E.timeInterval(**attrs), eId=eid))
        return E.temporalData(*groups, source="#" + RIKSDOC)

    def references(self) -> etree._Element:
        titles = {a.number: a.title for a in self.statute.amendments if a.title}
        refs = [E.original(eId=ORIGINAL, href=self.uri.work_uri(work_component=False),
                           showAs=self.title or f"SFS {self.statute.number or self.uri.number}")]
        refs += [E.passiveRef(eId=eid, href="/akn/se/act/" + "/".join(number_components(number)),
                              showAs=titles.get(number) or f"SFS {number}")
                 for number, eid in self.acts.items()]
        refs.append(E.TLCOrganization(eId=RIKSDOC, href=ontology_href("organization", RIKSDOC),
                                      showAs="riksdoc"))
        if self.department_eid is not None:
            refs.append(E.TLCOrganization(
                eId=self.department_eid,
                href=ontology_href("organization", self.department_eid),
                showAs=self.statute.department or ""))
        else:
            refs.append(E.TLCConcept(eId=UNKNOWN_AUTHOR,
                                     href=ontology_href("concept", UNKNOWN_AUTHOR),
                                     showAs=UNKNOWN_AUTHOR_SHOWAS))
        if self.groups:
            refs.append(E.TLCConcept(eId=IN_FORCE, href=ontology_href("concept", IN_FORCE),
                                     showAs="i kraft"))
        return E.references(*refs, source="#" + RIKSDOC)

    def proprietary(self) -> etree._Element:
        """The statute's metadata as data, for the reader: what FRBR has no place for."""
        element = etree.Element(f"{{{AKN_NS}}}proprietary", source="#" + RIKSDOC,
                                nsmap={None: AKN_NS, "rd": RD_NS})
        element.extend([R.profile(version=PROFILE_VERSION), statute_record(self.statute)])
        return element

    def annex(self, component: str) -> etree._Element:
        """An annex's own ``meta``: the act's identification, with ``!component`` added."""
        work = self.uri.work_uri(work_component=False)
        expression = self.expression_uri()
        date, name = self.work_date()
        return E.meta(E.identification(
            E.FRBRWork(E.FRBRthis(value=f"{work}/!{component}"), E.FRBRuri(value=work),
                       E.FRBRdate(date=date, name=name), self.author(),
                       E.FRBRcountry(value=COUNTRY)),
            E.FRBRExpression(E.FRBRthis(value=f"{expression}/!{component}"),
                             E.FRBRuri(value=expression),
                             E.FRBRdate(date=self.expression_date_value()[0],
                                        name=self.expression_date_value()[1]),
                             self.author(), E.FRBRlanguage(language=LANGUAGE)),
            E.FRBRManifestation(E.FRBRthis(value=f"{expression}/!{component}.xml"),
                                E.FRBRuri(value=expression + ".akn"),
                                E.FRBRdate(date=self.expression_date_value()[0],
                                           name=self.expression_date_value()[1]),
                                E.FRBRauthor(href="#" + RIKSDOC)),
            source="#" + RIKSDOC))



def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None
