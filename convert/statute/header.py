"""The header block older exports of the legal database put before a statute's text.

::

    SFS nr: 1999:175
    Departement/ myndighet: Justitiedepartementet L6
    Rubrik: Rättsinformationsförordning (1999:175)
    Utfärdad: 1999-04-08
    Ändring införd: t.o.m. SFS 2018:1893
    Ikraft: 1999-07-01

Fields are ``Key: value`` lines (a value may wrap onto lines that are not
fields themselves; fields may stand in one chunk or be separated by empty
lines).  The block ends at the first line after an empty line that is not a
field.  Every line is kept as a `HeaderField`; the known ones also fill the
`Statute`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import HeaderField, Message, Statute
from ..normalise import Line
from .lines import iso_date

_FIELD = re.compile(r"^(?P<key>[A-ZÅÄÖ][\wåäöÅÄÖ/ .-]{1,40}?)\s*:\s*(?P<value>.*)$")
_FIRST = re.compile(r"^SFS(?: nr|-nummer|-nr)\s*:", re.IGNORECASE)
_RULE = re.compile(r"^[-_=*]{3,}$")
_SFS_NUMBER = re.compile(r"\b([0-9]{4}:[0-9]+)\b")

KNOWN = ("SFS nr", "SFS-nummer", "Departement/ myndighet", "Departement", "Ansvarig myndighet",
         "Rubrik", "Utfärdad", "Ändring införd", "Ikraft", "Omtryck", "Upphävd",
         "Författningen har upphävts genom", "Tidsbegränsad", "Övrigt", "Observera", "Källa",
         "Utgivare", "Senast hämtad", "Förarbeten", "CELEX-nr", "Celexnummer")
"""Field names the database's header uses."""


def has_header(lines: tuple[Line, ...]) -> bool:
    """Does the text start with a header block (``SFS nr: …``)?"""
    first = next((line.text for line in lines if line.text), "")
    return bool(_FIRST.match(first))


def read_header(lines: tuple[Line, ...]) -> tuple[tuple[HeaderField, ...], int, list[Message]]:
    """The header fields, the index of the first body line, and warnings."""
    fields: list[list[str]] = []
    warnings: list[Message] = []
    index, blank = 0, False
    while index < len(lines):
        text = lines[index].text
        if not text:
            blank = True
            index += 1
            continue
        m = _FIELD.match(text)
        if m and (m.group("key") in KNOWN or not fields or not blank):
            if m.group("key") not in KNOWN:
                warnings.append(Message("header-field", f"unknown header field "
                                        f"'{m.group('key')}'; kept", lines[index].number))
            fields.append([m.group("key"), m.group("value")])
        elif _RULE.match(text) and fields:
            fields.append(["", text])  # a rule under the block: kept, it is in the input
        elif fields and not blank:
            fields[-1][1] = f"{fields[-1][1]} {text}".strip()
        else:
            break
        blank = False
        index += 1
    return tuple(HeaderField(key, value) for key, value in fields), index, warnings


def statute_from_header(fields: tuple[HeaderField, ...]) -> tuple[Statute, str | None]:
    """The `Statute` the header states (every field kept in ``header``) and the title."""
    values = {f.key: f.value for f in fields if f.key}
    statute = Statute(header=fields)
    number = _SFS_NUMBER.search(values.get("SFS nr", values.get("SFS-nummer", "")))
    through = _SFS_NUMBER.search(values.get("Ändring införd", ""))
    repealed_by = _SFS_NUMBER.search(values.get("Författningen har upphävts genom", ""))
    title = values.get("Rubrik") or None
    department = values.get("Departement/ myndighet") or values.get("Departement") \
        or values.get("Ansvarig myndighet")
    statute = replace(
        statute,
        number=number.group(1) if number else None,
        form=form_of(title),
        department=department or None,
        issued=iso_date(values.get("Utfärdad", "")),
        in_force=iso_date(values.get("Ikraft", "")),
        consolidated_through=through.group(1) if through else None,
        repealed_by=repealed_by.group(1) if repealed_by else None,
        repealed=iso_date(values.get("Upphävd", "")),
        time_limited=iso_date(values.get("Tidsbegränsad", "")),
        preparatory_works=values.get("Förarbeten") or None)
    return statute, title


_FORMS = ("förordning", "lag", "kungörelse", "tillkännagivande", "instruktion", "stadga",
          "reglemente", "balk")


def form_of(title: str | None) -> str | None:
    """What the title says the statute is: ``Förordning (2024:1274) om …`` → ``förordning``,
    ``Skollag (2010:800)`` → ``lag``, ``Giftermålsbalk (1920:405)`` → ``lag`` (a balk is a law).
    None where the title's own words do not say."""
    if not title:
        return None
    name = title.split("(")[0].strip().lower()
    first = name.split()[0] if name.split() else ""
    for form in _FORMS:
        if first == form or (" " not in name and name.endswith(form)):
            return "lag" if form == "balk" else form
    return None
