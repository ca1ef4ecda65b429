"""The words riksdoc adds around a document are the same in every format.

For every document of the corpus: the running header, the author and the kind
read out of the AKN, DOCX, HTML, PDF and JSON outputs agree with each other and
with `riksdoc.vocabulary`.  AKN and JSON have no page header: what they carry
must give the same header when read back.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from lxml import etree, html as lxml_html

from riksdoc import vocabulary
from riksdoc.model import Document, Kind, Paragraph
from riksdoc.readers import read

from .conftest import SEED, all_inputs, output, read_document

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORE = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/"}


def akn_facts(data: bytes) -> tuple[str, str | None]:
    """(the document element's name, the FRBRauthor's name or None)."""
    root = etree.fromstring(data)
    (author,) = root.xpath("//a:FRBRWork/a:FRBRauthor/@href", namespaces=AKN)
    person = root.xpath("//a:references/a:TLCPerson[@eId=$id]/@showAs", namespaces=AKN,
                        id=author.lstrip("#"))
    return root[0].get("name"), (person[0] if person else None)


def docx_facts(data: bytes) -> dict[str, str]:
    """Core properties and the page header's text."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = etree.fromstring(package.read("docProps/core.xml"))
        header = etree.fromstring(package.read("word/header1.xml"))
    facts = {name: core.findtext(f"{prefix}:{name}", namespaces=CORE) or ""
             for prefix, name in (("dc", "creator"), ("dc", "subject"), ("cp", "category"),
                                  ("cp", "keywords"))}
    facts["header"] = "".join(t.text or "" for t in header.iter(f"{W}t"))
    return facts


def html_facts(data: bytes) -> dict[str, str | None]:
    page = lxml_html.fromstring(data)

    def meta(name: str) -> str | None:
        found = page.xpath("//meta[@name=$name]/@content", name=name)
        return found[0] if found else None

    (article,) = page.xpath("//article")
    kind = re.search(r"\bkind-(\S+)", article.get("class", ""))
    return {"author": meta("author"), "subject": meta("description"),
            "keywords": meta("keywords"), "header": article.get("data-running-header"),
            "kind": kind.group(1) if kind else None}


def pdf_facts(data: bytes) -> dict[str, str | None]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        pages = len(pdf.pages)
        facts = {key: (str(info[f"/{key}"]) if f"/{key}" in info else None)
                 for key in ("Author", "Subject", "Keywords")}
    facts["page 2"] = None
    if pages > 1:
        facts["page 2"] = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2",
                                          "-", "-"], input=data, capture_output=True,
                                         check=True).stdout.decode("utf-8")
    return facts


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="needs pdftotext (poppler-utils)")


@needs_pdftotext
@pytest.mark.parametrize("path", all_inputs(), ids=lambda p: p.name)
def test_running_header_author_and_kind_agree_in_every_format(path: Path) -> None:
    assert_agree(read_document(path), {name: output(path, name).data
                                       for name in ("akn", "docx", "html", "pdf", "json")})


@needs_pdftotext
def test_they_agree_for_hand_made_documents_too() -> None:
    """Letterheads naming a department, older layouts, joint answers, notices."""
    from riksdoc.writers import write

    from .test_docx import HAND_MADE

    seed = read_document(SEED)
    long = replace(seed, preamble=(Paragraph(("Justitiedepartementet",)),),
                   blocks=seed.blocks * 6)  # runs onto a second page, which has the header
    printed = []
    for document in (*HAND_MADE.values(), long):
        outputs = {name: write(document, name, stem="x")
                   for name in ("akn", "docx", "html", "pdf", "json")}
        assert_agree(document, outputs)
        if pdf_facts(outputs["pdf"])["page 2"] is not None:
            printed.append(vocabulary.running_header(document))
    assert "Justitiedepartementet · Svar på fråga 2017/18:112" in printed


def assert_agree(document: Document, outputs: dict[str, bytes]) -> None:
    header = vocabulary.running_header(document)
    author = vocabulary.author(document)
    kind = document.kind.value
    akn_name, akn_author = akn_facts(outputs["akn"])
    docx = docx_facts(outputs["docx"])
    page = html_facts(outputs["html"])
    pdf = pdf_facts(outputs["pdf"])
    from_json = read(outputs["json"], "x.json").document
    from_akn = read(outputs["akn"], "x.akn.xml").document

    # the kind: one code, and one name for it
    assert akn_name == kind
    assert docx["category"] == vocabulary.category(document.kind) and \
        docx["category"].endswith(f"({kind})")
    assert page["kind"] == kind
    assert json.loads(outputs["json"])["kind"] == kind
    assert docx["subject"] == page["subject"] == pdf["Subject"] == vocabulary.subject(document)
    assert pdf["Subject"] is not None and pdf["Subject"].startswith(vocabulary.kind_name(document.kind))
    assert docx["keywords"] == page["keywords"] == pdf["Keywords"]

    # the author: the same person everywhere, or nobody everywhere
    name = author.name if author is not None else None
    assert akn_author == name
    assert (docx["creator"] or None) == name
    assert page["author"] == name
    assert pdf["Author"] == name
    assert _name(vocabulary.author(from_json)) == _name(vocabulary.author(from_akn)) == name

    # the running header: the DOCX page header, the PDF's from page 2, the HTML's data;
    # AKN and JSON carry what it is made of
    assert docx["header"] == page["header"] == header
    if pdf["page 2"] is not None:
        assert header in pdf["page 2"].splitlines()
    assert vocabulary.running_header(from_json) == vocabulary.running_header(from_akn) == header


def _name(person: object) -> str | None:
    return getattr(person, "name", None)


def test_the_corpus_has_several_kinds() -> None:
    """Not vacuous: the corpus has documents of several kinds (the long hand-made answer
    above runs to a second page, where the PDF prints its running header)."""
    documents = [read_document(path) for path in all_inputs()]
    assert {d.kind for d in documents} >= {Kind.ANSWER, Kind.QUESTION, Kind.INTERPELLATION}


@pytest.mark.parametrize("document, header, author", [
    (Document(Kind.GENERIC, heading="Ett dokument"), "Ett dokument", None),
    (Document(Kind.NOTICE, heading="Meddelande om att svaret dröjer"),
     "Meddelande om att svaret dröjer", None),
], ids=["generic", "notice-without-number"])
def test_documents_without_a_number(document: Document, header: str, author: str | None) -> None:
    assert vocabulary.running_header(document) == header
    assert vocabulary.author(document) is author
    assert vocabulary.subject(document) == vocabulary.kind_name(document.kind)
    assert vocabulary.title(document) == document.heading
