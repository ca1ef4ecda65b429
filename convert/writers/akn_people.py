"""People marked up where they stand in a line riksdoc keeps as written.

A signature line (``Morgan Johansson (S) ––``) or a speaker line (``Anf. 1
Statsrådet NAMN (S):``) is text of the document: AKN keeps it exactly and marks
the person's title, name and party inside it (`mark_person`), adding no word
and taking none away.  `signature_lines` finds the lines of a signature block
that hold the signer's name and title, or refuses a block that does not hold
them.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.builder import ElementMaker

from ..akn_profile import AKN_NS
from ..errors import InputError
from ..model import Person, Signature
from .akn_references import References

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
Node = etree._Element | str


def mark_person(line: str, person: Person, role_id: str, refs: References) -> list[Node]:
    """*line* with *person*'s role, name and party marked up where they stand in it."""
    at = find_word(line, person.name)
    if at < 0:
        return [line]
    out: list[Node] = []
    before, after = line[:at], line[at + len(person.name):]
    if person.role and before.endswith(person.role + " "):
        role_at = len(before) - len(person.role) - 1
        out += [before[:role_at], E.role(person.role, refersTo="#" + refs.role(role_id)), " "]
    else:
        out.append(before)
    out.append(E.person(person.name, refersTo="#" + refs.person(person.name),
                        **{"as": "#" + refs.role(role_id)}))
    if person.party and after.startswith(f" ({person.party})"):
        out += [" (", E.organization(person.party, refersTo="#" + refs.party(person.party)),
                ")" + after[len(person.party) + 3:]]
    else:
        out.append(after)
    return merged(out)


def signature_lines(signature: Signature) -> tuple[int, int | None]:
    """The index of the line with the signer's name (and party), and of the line that is
    their title (None where the title stands before the name, or there is none).

    Raises `InputError` where the name, the party after it, or the title is not in the
    lines: AKN keeps the lines as written and marks the signer up inside them.
    """
    person, lines = signature.person, signature.lines
    named = [i for i, line in enumerate(lines) if find_word(line, person.name) >= 0]
    if not named:
        raise InputError(f"signature of {person.name!r}: the name must be in one of its "
                         "lines to be written as AKN")
    name_at = next((i for i in named if person.party is None
                    or f"{person.name} ({person.party})" in lines[i]), named[0])
    role_at = next((i for i, line in enumerate(lines)
                    if person.role is not None and line == person.role and i != name_at), None)
    if person.role is not None and role_at is None and \
            f"{person.role} {person.name}" not in lines[name_at]:
        raise InputError(f"signature of {person.name!r}: the title must be one of its "
                         "lines, or stand before the name, to be written as AKN")
    if person.party is not None and f"{person.name} ({person.party})" not in lines[name_at]:
        raise InputError(f"signature of {person.name!r}: the party must follow the name "
                         "in its line to be written as AKN")
    return name_at, role_at


def find_word(line: str, word: str) -> int:
    """Where *word* stands in *line* as whole words (-1: nowhere)."""
    if not word:
        return -1
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line)
    return m.start() if m else -1


def merged(nodes: list[Node]) -> list[Node]:
    """Adjacent strings joined and empty ones dropped (lxml's builder would join them too)."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += node
                continue
        out.append(node)
    return out
