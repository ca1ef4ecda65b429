"""Finishing WeasyPrint's tagged PDF for readers who listen to it (PDF/UA points).

WeasyPrint 70 tags the page from the HTML, but leaves a few things a screen
reader trips over.  `repair` mends them in the written file with pikepdf:

* **Page furniture as artifacts.**  The running header and the page number
  are marked content that no structure element owns (WeasyPrint keeps margin
  boxes out of the tree).  Their ``BDC`` becomes ``/Artifact <</Type
  /Pagination>>``, and their entries leave the parent tree.
* **Table headers.**  Each ``TH`` gets ``/Scope /Column`` (WeasyPrint
  already links each ``TD`` to its headers by ``/Headers``).
* **List items.**  Each ``LI`` holds its ``Lbl`` (the author's marker) and
  one ``LBody`` with the rest.
* **Footnotes.**  The footnotes at a page's foot are ``Note`` elements with
  an ``/ID`` (the note's id), and each link annotation says in words where it
  leads (``/Contents``, from *link_texts*).
* **Empty elements** (the place a floated footnote left in its paragraph)
  are removed; pages with annotations get ``/Tabs /S`` (tab order follows
  the structure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pikepdf
from pikepdf import Array, Dictionary, Name, String

ARTIFACT = Dictionary(Type=Name.Pagination)
"""The property list of page furniture."""


def repair(pdf: pikepdf.Pdf, link_texts: Mapping[str, str]) -> None:
    """Make every change listed in the module docstring, in place."""
    root = pdf.Root.StructTreeRoot
    assert isinstance(root, Dictionary), "WeasyPrint's tagged PDF has a structure tree"
    mark_furniture(pdf, owned_content(root))
    for element in list(elements(root)):
        kind = element.get("/S")
        if kind == "/TH":
            _attributes(element).Scope = Name.Column
        elif kind == "/LI":
            _wrap_body(pdf, element)
    _mark_notes(root)
    _drop_empty(root)
    for page in pdf.pages:
        for annotation in page.get("/Annots", ()):
            target = annotation.get("/Dest")
            if isinstance(target, String) and str(target) in link_texts:
                annotation.Contents = String(link_texts[str(target)])
        if "/Annots" in page:
            page.Tabs = Name.S


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under *node*, depth first, in order."""
    for kid in _kids(node):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def _kids(node: pikepdf.Object) -> list[object]:
    """A structure node's kids: elements, marked-content ids (ints), MCR and OBJR
    dictionaries (pikepdf gives a PDF integer as a Python int)."""
    kids: object = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def owned_content(root: pikepdf.Dictionary) -> set[tuple[tuple[int, int], int]]:
    """(page objgen, MCID) of every marked content a structure element owns."""
    owned: set[tuple[tuple[int, int], int]] = set()
    for element in elements(root):
        page = element.get("/Pg")
        for kid in _kids(element):
            if isinstance(kid, int) and page is not None:
                owned.add((page.objgen, kid))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                where = kid.get("/Pg", page)
                if where is not None:
                    owned.add((where.objgen, int(kid.MCID)))
    return owned


_MARKED = re.compile(rb"/[A-Za-z0-9_.]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
"""A marked-content sequence with an MCID, as pydyf writes it (``/P <</MCID 3>> BDC``)."""
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
"""What page furniture's marked content becomes."""


def mark_furniture(pdf: pikepdf.Pdf, owned: set[tuple[tuple[int, int], int]]) -> None:
    """Mark as artifacts the marked content no structure element owns (margin boxes).

    The content streams are rewritten as bytes (a 300-page statute has a million
    operators; parsing them all costs seconds): only the ``BDC`` of a sequence with
    an MCID no element owns changes.
    """
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents or ())
        loose: list[int] = []
        for stream in streams:
            fixed, found = _artifacts(stream.read_bytes(), page.obj.objgen, owned)
            if found:
                stream.write(fixed)
                loose += found
        if not loose:
            continue
        marks = parents.get(int(page.StructParents))
        if marks is not None:
            for mcid in loose:
                marks[mcid] = None


def _artifacts(data: bytes, page: tuple[int, int], owned: set[tuple[tuple[int, int], int]]
               ) -> tuple[bytes, list[int]]:
    """*data* (a content stream) with the marked content no element owns made artifacts,
    and the MCIDs that were."""
    loose: list[int] = []

    def swap(m: re.Match[bytes]) -> bytes:
        mcid = int(m.group(1))
        if (page, mcid) in owned:
            return m.group(0)
        loose.append(mcid)
        return _ARTIFACT

    return _MARKED.sub(swap, data), loose


def _attributes(element: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The element's Table attribute dictionary (made if missing)."""
    attributes = element.get("/A")
    if isinstance(attributes, Array):
        for entry in attributes:
            if isinstance(entry, Dictionary) and entry.get("/O") == "/Table":
                return entry
    elif isinstance(attributes, Dictionary):
        return attributes
    made = Dictionary(O=Name.Table)
    element.A = made
    return made


def _wrap_body(pdf: pikepdf.Pdf, item: pikepdf.Dictionary) -> None:
    """Put everything of a list item but its ``Lbl`` into one ``LBody``."""
    kids = _kids(item)
    rest = [kid for kid in kids if not (isinstance(kid, Dictionary) and kid.get("/S") == "/Lbl")]
    if not rest or any(isinstance(kid, Dictionary) and kid.get("/S") == "/LBody"
                       for kid in rest):
        return
    body = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LBody, P=item,
                                        K=Array(rest)))
    if "/Pg" in item:
        body.Pg = item.Pg
    for kid in rest:
        if isinstance(kid, Dictionary) and "/S" in kid:
            kid.P = body
    labels = [kid for kid in kids if kid not in rest]
    item.K = Array([*labels, body])


def _mark_notes(root: pikepdf.Dictionary) -> None:
    """Footnotes in a page's footnote area become ``Note`` elements with an ``/ID``.

    WeasyPrint tags the footnote area, which has no element of its own, as a
    ``NonStruct`` beside the page's article; each of its children is one
    footnote, whose back link names the note (``ref-fn1`` → ``fn1``).
    """
    document = next(elements(root), None)
    for area in _kids(document) if document is not None else ():
        if not (isinstance(area, Dictionary) and area.get("/S") == "/NonStruct"):
            continue
        for note in _kids(area):
            if not isinstance(note, Dictionary) or "/S" not in note:
                continue
            note.S = Name.Note
            target = _back_link_target(note)
            if target is not None:
                note.ID = String(target)


def _back_link_target(note: pikepdf.Dictionary) -> str | None:
    for element in elements(note):
        if element.get("/S") != "/Link":
            continue
        for kid in _kids(element):
            if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                dest = kid.Obj.get("/Dest")
                if isinstance(dest, String) and str(dest).startswith("ref-"):
                    return str(dest)[len("ref-"):]
    return None


def _drop_empty(node: pikepdf.Object) -> bool:
    """Remove structure elements without content under *node*; whether *node* is empty."""
    kids = node.get("/K")
    if kids is None:
        return "/S" in node
    kept = []
    for kid in (list(kids) if isinstance(kids, Array) else [kids]):
        if isinstance(kid, Dictionary) and "/S" in kid and _drop_empty(kid):
            continue
        kept.append(kid)
    node.K = Array(kept)
    return not kept and "/S" in node
