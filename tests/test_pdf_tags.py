"""What a screen reader and a clicking reader get from the PDF: the structure tree
(artifacts for page furniture, table headers, list labels, headings, notes) and
the note links, which lead to the note at the page's foot and back.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest

from riksdoc import vocabulary
from riksdoc.writers import pdf_tags

from .conftest import (
    CORPUS,
    LIST_TABLE_FIXTURE,
    NOTES_FIXTURE,
    SEED,
    pdf_of,
    print_inputs,
    read_document,
)
from .test_pdf import needs_pdftotext, page_texts


def open_pdf(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf_of(path)))


def of_type(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    return [e for e in pdf_tags.elements(pdf.Root.StructTreeRoot) if e.get("/S") == kind]


def kinds(element: pikepdf.Dictionary) -> list[str]:
    return [str(kid.S) for kid in pdf_tags._kids(element)
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def marked_texts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> list[tuple[str, str]]:
    """(tag, text) of each marked-content sequence on *page*, text from the glyphs' ToUnicode."""
    fonts = {str(name): font for name, font in page.Resources.Font.items()}
    found, stack, font = [], [], None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            stack.append([str(operands[0]), ""])
        elif op == "EMC" and stack:
            found.append(tuple(stack.pop()))
        elif op == "Tf":
            font = fonts[str(operands[0])]
        elif op in ("Tj", "TJ") and stack and font is not None:
            stack[-1][1] += _decode(font, operands[0])
    return found


def _decode(font: pikepdf.Dictionary, operand: pikepdf.Object) -> str:
    cmap = {int(g, 16): bytes.fromhex(u.decode()).decode("utf-16-be") for g, u in
            re.findall(rb"<([0-9a-f]{4})> <([0-9a-f]+)>", font.ToUnicode.read_bytes())}
    strings = [operand] if isinstance(operand, pikepdf.String) else \
        [item for item in operand if isinstance(item, pikepdf.String)]
    raw = b"".join(bytes(s) for s in strings)
    return "".join(cmap.get(int.from_bytes(raw[i:i + 2], "big"), "?") for i in range(0, len(raw), 2))


# -- page furniture ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [SEED, NOTES_FIXTURE], ids=lambda p: p.name)
def test_running_header_and_page_numbers_are_artifacts(path: Path) -> None:
    document = read_document(path)
    with open_pdf(path) as pdf:
        owned = pdf_tags.owned_content(pdf.Root.StructTreeRoot)
        for number, page in enumerate(pdf.pages, start=1):
            marked = marked_texts(pdf, page)
            artifacts = [text for tag, text in marked if tag == "/Artifact" and text]
            expected = [f"{number} ({len(pdf.pages)})"]
            if number > 1:
                expected.append(vocabulary.running_header(document))
            assert sorted(artifacts) == sorted(expected)
            # every other marked-content sequence belongs to the structure tree
            mcids = [int(ops[1].MCID) for ops, op in pikepdf.parse_content_stream(page)
                     if str(op) == "BDC" and isinstance(ops[1], pikepdf.Dictionary)
                     and "/MCID" in ops[1]]
            assert mcids and all((page.objgen, m) in owned for m in mcids)


def test_furniture_is_out_of_the_parent_tree() -> None:
    with open_pdf(SEED) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        page_entries = [nums[i + 1] for i in range(0, len(nums), 2)
                        if isinstance(nums[i + 1], pikepdf.Array)]
        owned = pdf_tags.owned_content(pdf.Root.StructTreeRoot)
        for entries in page_entries:
            assert len([e for e in entries if e is not None]) == len(owned)


# -- headings, tables, lists --------------------------------------------------------------


def test_every_title_of_a_joint_answer_is_a_heading() -> None:
    path = CORPUS / "raw" / "frs-2018-19-666.txt"
    titles = [q.title for q in read_document(path).questions]
    with open_pdf(path) as pdf:
        assert len(of_type(pdf, "/H1")) == len(titles) == 3


def test_table_header_cells_have_scope_and_data_cells_name_them() -> None:
    with open_pdf(LIST_TABLE_FIXTURE) as pdf:
        headers = of_type(pdf, "/TH")
        assert len(headers) == 2
        assert all(h.A.Scope == "/Column" for h in headers)
        ids = {bytes(h.ID) for h in headers}
        cells = of_type(pdf, "/TD")
        assert cells and all({bytes(i) for i in c.A.Headers} <= ids and len(c.A.Headers) == 1
                             for c in cells)


def test_list_items_have_a_label_and_a_body() -> None:
    with open_pdf(LIST_TABLE_FIXTURE) as pdf:
        items = of_type(pdf, "/LI")
        body_items = [i for i in items if "/Lbl" in kinds(i)]
        assert len(body_items) == 2
        assert all(kinds(i) == ["/Lbl", "/LBody"] for i in body_items)


@pytest.mark.parametrize("path", print_inputs(), ids=lambda p: p.name)
def test_no_empty_structure_elements_and_tab_order_by_structure(path: Path) -> None:
    with open_pdf(path) as pdf:
        for element in pdf_tags.elements(pdf.Root.StructTreeRoot):
            assert pdf_tags._kids(element), f"empty {element.S}"
        for page in pdf.pages:
            if "/Annots" in page:
                assert page.Tabs == "/S"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


# -- notes ---------------------------------------------------------------------------------


@needs_pdftotext
def test_a_footnote_prints_on_the_page_that_refers_to_it() -> None:
    document = read_document(NOTES_FIXTURE)
    pages = [" ".join(text.split()) for text in page_texts(pdf_of(NOTES_FIXTURE))]
    assert len(pages) == 2
    notes = {note.note_id: " ".join("".join(p for p in note.content if isinstance(p, str)).split())
             for note in document.notes}
    assert notes["fn1"] in pages[0] and notes["fn2"] in pages[0]
    assert notes["fn3"] in pages[1] and notes["fn3"] not in pages[0]
    # endnotes after the text, on the last page
    assert notes["en1"] in pages[1] and notes["en2"] in pages[1]
    assert pages[1].index("Mikael Damberg") < pages[1].index(notes["en1"])


def test_no_two_notes_share_a_marker() -> None:
    document = read_document(NOTES_FIXTURE)
    markers = [note.marker for note in document.notes]
    assert sorted(markers) == ["1", "2", "3", "i", "ii"]


def test_note_links_lead_to_the_note_and_back() -> None:
    with open_pdf(NOTES_FIXTURE) as pdf:
        flat = list(pdf.Root.Names.Dests.Names)
        names = dict(zip(flat[0::2], flat[1::2], strict=True))
        page_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
        links = {}
        for number, page in enumerate(pdf.pages):
            for annotation in page.Annots:
                target = str(annotation.Dest)
                links.setdefault(target, []).append((number, annotation))
        for note_id, page in (("fn1", 0), ("fn2", 0), ("fn3", 1)):
            [(ref_page, ref)] = links[note_id]
            [(back_page, back)] = links[f"ref-{note_id}"]
            assert ref_page == back_page == page
            assert page_of[names[pikepdf.String(note_id)][0].objgen] == page
            assert str(ref.Contents).startswith("Fotnot ")
            assert str(back.Contents).startswith("Tillbaka")
            rect = [float(v) for v in ref.Rect]
            assert abs(rect[3] - rect[1]) > 3, "a link needs a rectangle to click"
        for note_id in ("en1", "en2"):
            assert len(links[note_id]) == 1 and len(links[f"ref-{note_id}"]) == 1


def test_footnotes_are_note_elements_with_ids_and_links_own_their_annotations() -> None:
    with open_pdf(NOTES_FIXTURE) as pdf:
        notes = of_type(pdf, "/Note")
        assert sorted(str(n.ID) for n in notes) == ["fn1", "fn2", "fn3"]
        annotations = [a.objgen for page in pdf.pages for a in page.Annots]
        owned = [kid.Obj.objgen for link in of_type(pdf, "/Link") for kid in pdf_tags._kids(link)
                 if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
        assert sorted(owned) == sorted(annotations)
