"""The legal database's JSON record of a statute: its metadata, and its text to parse.

The Government Offices' legal database serves each consolidated statute as one
JSON object.  It is recognised by its keys (`is_record`): ``beteckning`` (the SFS
number), ``rubrik`` (the title) and ``fulltext.forfattningstext`` (the text,
hard-wrapped, CRLF).  The metadata read from it:

=================================  ===============================================
record                             model (`Statute`, `Document.heading`)
=================================  ===============================================
``beteckning``                     ``number`` (``2010:800``)
``rubrik``                         the title (`Document.heading`)
``forfattningstypNamn``            ``form`` (``Lag`` → ``lag``)
``organisation.namn``              ``department``
``fulltext.utfardadDateTime``      ``issued``
``ikraftDateTime``                 ``in_force``
``fulltext.andringInford``         ``consolidated_through`` (``t.o.m. SFS 2025:730``);
                                   that amending act's in-force date is
                                   ``consolidated_date``
``andringsforfattningar``          ``amendments``: number, title, in force, note
                                   (``anteckningar``), preparatory works
``fulltext.upphavdGenom``          ``repealed_by`` (``SFS 2024:945``)
``upphavdDateTime``                ``repealed``
``tidsbegransadDateTime``          ``time_limited``
``register.forarbeten``            ``preparatory_works``
=================================  ===============================================
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from ..errors import InputError
from ..model import AmendingAct, Message, Statute
from .header import form_of
from .lines import iso_date

_SFS_NUMBER = re.compile(r"\b([0-9]{4}:[0-9]+)\b")


def is_record(data: Any) -> bool:
    """Is *data* (parsed JSON) a statute record of the legal database?"""
    return (isinstance(data, dict) and "beteckning" in data and "rubrik" in data
            and isinstance(data.get("fulltext"), dict)
            and "forfattningstext" in data["fulltext"])


def read_record(data: dict[str, Any]) -> tuple[Statute, str | None, str, list[Message]]:
    """(metadata, title, the statute text, warnings) from a record; `InputError` if it has
    no text."""
    fulltext = data["fulltext"]
    text = fulltext.get("forfattningstext")
    if not isinstance(text, str):
        raise InputError("statute record without text (fulltext.forfattningstext is not a string)")
    number = _string(data, "beteckning")
    warnings = []
    if number is not None and not re.match(r"[0-9]{4}:\S", number):
        warnings.append(Message("record-number", f"beteckning {number!r} is not an SFS number "
                                "(YYYY:N); the statute is named by its file"))
        number = None
    amendments = tuple(_amendment(item) for item in data.get("andringsforfattningar") or ()
                       if isinstance(item, dict) and _string(item, "beteckning"))
    through = _number(_string(fulltext, "andringInford"))
    consolidated_date = next((a.in_force for a in amendments if a.number == through), None)
    organisation = data.get("organisation")
    department = _string(organisation, "namn") if isinstance(organisation, dict) else None
    register = data.get("register") if isinstance(data.get("register"), dict) else {}
    form = _string(data, "forfattningstypNamn")
    title = _string(data, "rubrik")
    statute = Statute(
        number=number,
        form=form.lower() if form else form_of(title),
        department=department,
        issued=_date(fulltext.get("utfardadDateTime")),
        in_force=_date(data.get("ikraftDateTime")),
        consolidated_through=through,
        consolidated_date=consolidated_date,
        amendments=amendments,
        repealed_by=_number(_string(fulltext, "upphavdGenom")),
        repealed=_date(data.get("upphavdDateTime")),
        time_limited=_date(data.get("tidsbegransadDateTime")),
        preparatory_works=_string(register, "forarbeten"),
    )
    return statute, title, text, warnings


def _amendment(item: dict[str, Any]) -> AmendingAct:
    return AmendingAct(str(item["beteckning"]).strip(), _string(item, "rubrik"),
                       _date(item.get("ikraftDateTime")), _string(item, "anteckningar"),
                       _string(item, "forarbeten"))


def _string(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _number(text: str | None) -> str | None:
    m = _SFS_NUMBER.search(text or "")
    return m.group(1) if m else None


def _date(value: Any) -> datetime.date | None:
    return iso_date(value) if isinstance(value, str) else None
