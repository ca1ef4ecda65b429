"""OOXML (Word's .docx format): the parts riksdoc's DOCX writer and reader share.

One small module per part of the format, each used from both sides, so what
the writer puts in a part is what the reader looks for:

* `package` — the zip: safe opening (zip bombs, unsafe XML), relationships,
  and rewriting with fixed timestamps (same input, same bytes);
* `styles` — the named paragraph styles that carry the document's structure
  (the writer's table of styles is the reader's grammar);
* `numbering` — Word lists and the markers they show;
* `notes` — footnotes and endnotes, their parts and references;
* `tweaks` — the raw WordprocessingML the writer needs below python-docx's
  API (Swedish settings, fields, table grid, package tidying).
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace."""
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
"""The namespace of a ``.rels`` part."""
OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "officeDocument")
"""Relationship type of the main document part."""
CORE_PROPERTIES = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                   "core-properties")
"""Relationship type of the core properties part (title, author, category …)."""
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
"""``xml:space``, set to ``preserve`` on text that starts or ends with a space."""

LANGUAGE = "sv-SE"
"""The document language (also set in styles/docx/styles.xml)."""


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def val(parent: etree._Element | None, tag: str) -> str | None:
    """``w:val`` of *parent*'s child ``w:<tag>``; None if either is missing."""
    if parent is None:
        return None
    el = parent.find(w(tag))
    return None if el is None else el.get(w("val"))
