"""Crafted inputs for every reader: small files that ask for unbounded work.

Each generator takes a scale *n* and gives `Case`s of one class of attack
(the classes of issue 14): repetition, huge numbers, lying archives, deep and
wide structures, Unicode digits.  The examples of the issue are among them at
the scale the issue measured (`EXAMPLES`).  tests/test_adversarial.py runs
them under a CPU budget and a memory cap; the ratio test runs one class at
*n* and *4n*.  By hand, a larger scale::

    python -m tests.adversarial 4   # every case at four times the size, timed
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
HEADER = "Svar på fråga 2017/18:112 av Mikael Cederbratt (M) Samarbete mellan polis och militär"
CLOSING = "Stockholm den 25 oktober 2017\n\nMorgan Johansson\n"


@dataclass(frozen=True)
class Case:
    """One crafted input."""

    name: str
    """What it is, for a test id (``docx-notes-one-mark``)."""
    filename: str
    """The name it is read under (chooses the reader)."""
    data: bytes
    """The file's bytes."""


def answer(body: str, header: str = HEADER) -> bytes:
    """A text export of an answer with *body* between its header and its closing."""
    return f"{header}\n\n{body}\n\n{CLOSING}".encode()


# --- Word→text exports -------------------------------------------------------------------

def text_cases(n: int = 1) -> Iterator[Case]:
    yield Case("text-bookmark-repeated", "a.txt", answer("[bookmark: " * (8000 * n)))
    yield Case("text-question-party-till-repeated", "a.txt",
               f"Fråga 2017/18:112 {'x (M) till ' * (8000 * n)}\n\nav Mikael Cederbratt (M)\n".encode())
    yield Case("text-note-refs-repeated", "a.txt", answer("Text[footnoteRef:1]" * (4000 * n)))
    yield Case("text-image-repeated", "a.txt", answer("[image: " * (8000 * n)))
    yield Case("text-comment-repeated", "a.txt", answer("\tComment by A: x" * (4000 * n)))
    yield Case("text-question-number-5000-digits", "a.txt",
               answer("Text.", f"Svar på fråga 2017/18:{'9' * 5000 * n} av A B (M) Titel"))
    yield Case("text-session-5000-digits", "a.txt",
               answer("Text.", f"Svar på fråga 2017/{'9' * 5000 * n}:112 av A B (M) Titel"))
    yield Case("text-date-huge-day", "a.txt",
               f"{HEADER}\n\nText.\n\nStockholm den {'9' * 5000 * n} oktober 2017\n\nA B\n".encode())
    yield Case("text-list-marker-huge", "a.txt", answer("\n".join(
        f"{'9' * 3000}{i}) punkt" for i in range(20 * n))))
    yield Case("text-arabic-indic-number", "a.txt",
               answer("Text.", "Svar på fråga ٢٠١٧/١٨:١١٢ av Mikael Cederbratt (M) Titel"))
    yield Case("text-full-width-number", "a.txt",
               answer("Text.", "Svar på fråga ２０１７/１８:１１２ av Mikael Cederbratt (M) Titel"))
    yield Case("text-many-lines", "a.txt", answer("Stycke.\n" * (5_000 * n)))
    yield Case("text-wide-table", "a.txt", answer("\n".join("\t".join(["cell"] * 100)
                                                            for _ in range(30 * n))))
    yield Case("text-many-notes", "a.txt", answer(" ".join(
        f"Ord[footnoteRef:{i}] [{i}: Not {i}.]" for i in range(1, 1000 * n))))
    yield Case("text-long-line", "a.txt", answer("ord " * (10_000 * n)))


# --- statutes (SFS): text and the legal database's records -------------------------------------

STATUTE = "1 kap. Inledande bestämmelser\n\n1 § Denna lag gäller allt. Lag (2022:1315).\n\n"


def statute_record(text: str, number: str = "2010:800", title: str | None = None) -> bytes:
    """A statute record as the legal database's JSON gives it, holding *text*."""
    import json

    return json.dumps({"beteckning": number, "rubrik": title or f"Lag ({number}) om prov",
                       "forfattningstypNamn": "Lag", "ikraftDateTime": "2011-07-01T00:00:00",
                       "fulltext": {"forfattningstext": text}}, ensure_ascii=False).encode()


def statute_cases(n: int = 1) -> Iterator[Case]:
    yield Case("statute-chapter-repeated", "sfs-2010-800.txt",
               (STATUTE + "2 kap. " * (8000 * n) + "\n").encode())
    yield Case("statute-amendment-repeated", "sfs-2010-800.txt",
               (STATUTE + "2 § Text. " + "Lag (2022:1315). " * (8000 * n) + "\n").encode())
    yield Case("statute-section-marker-repeated", "sfs-2010-800.txt",
               (STATUTE + "3 a § " * (8000 * n) + "\n").encode())
    yield Case("statute-huge-chapter-number", "sfs-2010-800.txt",
               (STATUTE + f"{'9' * 5000 * n} kap. Rubrik\n\n1 § Text.\n").encode())
    yield Case("statute-huge-section-number", "sfs-2010-800.txt",
               (STATUTE + f"{'9' * 5000 * n} § Text.\n").encode())
    yield Case("statute-unicode-digits", "sfs-2010-800.txt",
               "١ kap. Rubrik\n\n٣ § Text. Lag (٢٠٢٢:١٣١٥).\n".encode())
    yield Case("statute-many-sections", "sfs-2010-800.txt", (STATUTE + "".join(
        f"{i} § Stycke ett.\n\nStycke två. Lag (2022:{i}).\n\n" for i in range(2, 3000 * n))).encode())
    yield Case("statute-many-chapters", "sfs-2010-800.txt", (STATUTE + "".join(
        f"{i} kap. Rubrik {i}\n\n1 § Text.\n\n" for i in range(2, 2000 * n))).encode())
    yield Case("statute-record-huge-number", "sfs.json",
               statute_record(STATUTE, number=f"2010:{'9' * 5000 * n}"))
    yield Case("statute-record-unicode-number", "sfs.json", statute_record(STATUTE, "٢٠١٠:٨٠٠"))
    yield Case("statute-record-long-text", "sfs.json", statute_record(STATUTE + "".join(
        f"{i} § Text.\n\n" for i in range(2, 3000 * n))))


# --- Riksdag papers: text and the Riksdag's open-data records ---------------------------------

MOTION = "Motion till riksdagen 2019/20:1\nav Anna Andersson (S)\nTitel\n"
REPORT = "Justitieutskottets betänkande 2019/20:JuU1\nTitel\n"
BILL = ("Regeringens proposition 2019/20:1\nTitel\nRegeringen överlämnar denna proposition "
        "till riksdagen.\n")


def riksdag_record(html: str, typ: str = "mot", number: str = "1") -> bytes:
    """A Riksdag ``dokumentstatus`` record (JSON) of a document whose body is *html*."""
    import json

    return json.dumps({"dokumentstatus": {"dokument": {
        "rm": "2019/20", "beteckning": number, "typ": typ, "titel": "Titel", "html": html}}},
        ensure_ascii=False).encode()


def paper_cases(n: int = 1) -> Iterator[Case]:
    yield Case("paper-short-lines", "a.txt",
               (MOTION + "Motivering\n" + "".join(f"Rad {i}\n" for i in range(3000 * n))).encode())
    yield Case("paper-contents-annexes", "a.txt", (REPORT + "Innehållsförteckning\n" + "".join(
        f"Bilaga {i}\tTitel nummer {i} .......\t{i}\n" for i in range(1, 1500 * n)) + "".join(
        f"Titel nummer {i}\nText {i}.\n" for i in range(1, 1500 * n))).encode())
    yield Case("paper-proposals", "a.txt", (MOTION + "Förslag till riksdagsbeslut\n" + "".join(
        f"{i}. Riksdagen ställer sig bakom det som anförs i motionen om x och tillkännager "
        "detta för regeringen.\n" for i in range(1, 3000 * n))).encode())
    yield Case("paper-huge-heading-number", "a.txt",
               (BILL + f"{'9' * 5000 * n} Rubrik\nText.\n").encode())
    yield Case("paper-running-heads", "a.txt", (BILL + "".join(
        f"Rad {i} som fortsätter\n{i}\nProp. 2019/20:1\npå nästa sida.\n"
        for i in range(2000 * n))).encode())
    yield Case("paper-reservations", "a.txt", (REPORT + "Reservationer\n" + "".join(
        f"{i}.\tRubrik, punkt {i} (SD)\nav Anna Ek (SD).\nStällningstagande\nText.\n"
        for i in range(1, 1000 * n))).encode())
    yield Case("paper-law-sections", "a.txt", (BILL + "1 Förslag till lag om ändring i lagen "
        "(2000:1) om x\nHärigenom föreskrivs att 1 § ska ha följande lydelse.\n" + "".join(
        f"{i} §\nText {i}.\n" for i in range(1, 3000 * n))).encode())
    yield Case("record-deep-html", "a.json", riksdag_record("<div>" * (5000 * n) + "x"))
    yield Case("record-huge-number", "a.json", riksdag_record("<p>x</p>", number="9" * 5000 * n))
    yield Case("record-many-blocks", "a.json", riksdag_record("".join(
        f"<h2>{i} Rubrik</h2><p>Text.</p><ul><li>a</li></ul>" for i in range(1, 2000 * n))))


# --- Word documents ------------------------------------------------------------------------

def docx_package(body: str, *, numbering: str = "", footnotes: str = "",
                 category: str | None = "Svar på skriftlig fråga (frs)",
                 extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx: *body* is the content of w:body, the other parts optional."""
    rels = [("rId1", "styles", "styles.xml")]
    if numbering:
        rels.append(("rId2", "numbering", "numbering.xml"))
    if footnotes:
        rels.append(("rId3", "footnotes", "footnotes.xml"))
    kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{kinds}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/></Relationships>'),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties">'
            f'{f"<cp:category>{category}</cp:category>" if category else ""}</cp:coreProperties>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{kinds}/{t}" Target="{p}"/>' for i, t, p in rels)
            + "</Relationships>"),
        "word/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}"><w:style w:type="'
            'paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Header1"><w:name w:val="Riksdoc Header"/>'
            '</w:style></w:styles>'),
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" '
                             f'xmlns:r="{R}"><w:body>{body}</w:body></w:document>',
    }
    if numbering:
        parts["word/numbering.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:numbering ' \
                                      f'xmlns:w="{W}">{numbering}</w:numbering>'
    if footnotes:
        parts["word/footnotes.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes ' \
                                      f'xmlns:w="{W}">{footnotes}</w:footnotes>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def paragraph(text: str, style: str | None = None, inner: str = "") -> str:
    style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{style_xml}<w:r><w:t>{text}</w:t></w:r>{inner}</w:p>"


DOCX_HEAD = paragraph(HEADER.split(" Samarbete")[0], "Header1") + paragraph("Titel", "Title")


def list_numbering(num_format: str, start: str) -> tuple[str, str]:
    """A one-level list of *num_format* starting at *start*, and three items of it."""
    numbering = (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                 f'<w:numFmt w:val="{num_format}"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    items = "".join('<w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/>'
                    f'<w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>punkt {i}</w:t></w:r></w:p>'
                    for i in range(3))
    return numbering, items


def notes_with_one_mark(count: int, marks: int = 1) -> bytes:
    """*count* footnotes that show the custom mark ``*`` (issue 14: O(N³) note ids), or one of
    *marks* marks (``*1``, ``*2`` …) in turn."""
    mark = ["*"] if marks == 1 else [f"*{m}" for m in range(marks)]
    refs = "".join(f'<w:r><w:footnoteReference w:customMarkFollows="1" w:id="{i}"/>'
                   f"<w:t>{mark[i % marks]}</w:t></w:r>" for i in range(2, count + 2))
    notes = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t>Not.</w:t></w:r></w:p></w:footnote>'
                    for i in range(2, count + 2))
    return docx_package(DOCX_HEAD + f"<w:p><w:r><w:t>Text</w:t></w:r>{refs}</w:p>", footnotes=notes)


def lying_zip(member: str, real: bytes, declared: int | None, base: bytes) -> bytes:
    """*base* with *member* holding *real*, its headers claiming *declared* bytes (None: the
    truth)."""
    source = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, real if info.filename == member
                             else source.read(info.filename))
    data = bytearray(buffer.getvalue())
    if declared is not None:  # the uncompressed size, in the local header and the directory
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
        data[info.header_offset + 22:info.header_offset + 26] = declared.to_bytes(4, "little")
        name = member.encode()
        entry = data.find(b"PK\x01\x02", info.header_offset)
        while bytes(data[entry + 46:entry + 46 + len(name)]) != name:
            entry = data.find(b"PK\x01\x02", entry + 4)
        data[entry + 24:entry + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def zeros_xml(size: int) -> bytes:
    """A well-formed document.xml of about *size* bytes (one long text that packs tight)."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
    return head + b"a" * size + b"</w:t></w:r></w:p></w:body></w:document>"


def noise(size: int, seed: str = "riksdoc") -> str:
    """*size* hexadecimal characters that do not pack (so no ratio check refuses them)."""
    return hashlib.shake_256(seed.encode()).hexdigest((size + 1) // 2)[:size]


def words_xml(size: int) -> bytes:
    """A well-formed document.xml of about *size* bytes in paragraphs that pack about 30:1,
    as a large honest document's do (no ratio check refuses it)."""
    sentence = " ".join(["och att det som en på är för med till av den inte har om de ska"] * 6)
    count = size // (len(sentence) + 60)
    tags = noise(count * 8)
    paragraphs = "".join(f"<w:p><w:r><w:t>{tags[i * 8:i * 8 + 8]} {sentence}</w:t></w:r></w:p>"
                         for i in range(count))
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{paragraphs}' \
           '</w:body></w:document>'.encode()


def docx_cases(n: int = 1) -> Iterator[Case]:
    base = docx_package(DOCX_HEAD + paragraph("Text."))
    yield Case("docx-notes-one-mark", "a.docx", notes_with_one_mark(1500 * n))
    for num_format, start in (("lowerLetter", "2600000000"), ("lowerRoman", "1000000000000"),
                              ("decimal", "9" * 5000), ("upperLetter", "٣٠٠٠٠"),
                              ("decimal", "-5")):
        numbering, items = list_numbering(num_format, start)
        yield Case(f"docx-list-start-{num_format}-{start[:12]}", "a.docx",
                   docx_package(DOCX_HEAD + items, numbering=numbering))
    yield Case("docx-lying-size", "a.docx",
               lying_zip("word/document.xml", zeros_xml(64 * 2**20 * n), 1000, base))
    yield Case("docx-honest-huge-part", "a.docx",
               lying_zip("word/document.xml", words_xml(195 * 2**20), None, base))
    yield Case("docx-honest-large-part", "a.docx",
               lying_zip("word/document.xml", words_xml(2 * 2**20 * n), None, base))
    hexes = noise(8 * 60_000 * n)
    yield Case("docx-many-paragraphs", "a.docx", docx_package(DOCX_HEAD + "".join(
        f"<w:p><w:r><w:t>{hexes[i:i + 8]}</w:t></w:r></w:p>" for i in range(0, len(hexes), 8))))
    yield Case("docx-many-empty-elements", "a.docx", docx_package(DOCX_HEAD + "<w:p>" + "".join(
        f'<w:r w:rsidR="{hexes[i:i + 8]}"/>' for i in range(0, min(len(hexes), 8 * 1_200_000), 8))
        + "</w:p>"))
    yield Case("docx-wide-table", "a.docx", docx_package(DOCX_HEAD + "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{hexes[(r * 300 + c) % 60_000:][:6]}</w:t></w:r>"
                           "</w:p></w:tc>" for c in range(300)) + "</w:tr>"
        for r in range(10 * n)) + "</w:tbl>"))
    yield Case("docx-deep-nesting", "a.docx",
               docx_package(DOCX_HEAD + "<w:sdt><w:sdtContent>" * (400 * n) + paragraph("x")
                            + "</w:sdtContent></w:sdt>" * (400 * n)))
    yield Case("docx-foreign-many-notes", "a.docx", docx_package(
        "<w:p>" + "".join(f'<w:r><w:footnoteReference w:id="{i}"/></w:r>' for i in range(2, 2000 * n))
        + "</w:p>", category=None, footnotes="".join(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:t>N</w:t></w:r></w:p></w:footnote>'
            for i in range(2, 2000 * n))))
    yield Case("docx-huge-note-id", "a.docx", docx_package(
        DOCX_HEAD + f'<w:p><w:r><w:footnoteReference w:id="{"9" * 5000}"/></w:r></w:p>'))


# --- Akoma Ntoso ----------------------------------------------------------------------------

def akn_document(body: str, *, number: str = "2017-18-112", date: str = "2017-10-25",
                 conclusions: str = "") -> bytes:
    """The seed's AKN as riksdoc writes it, with *body* as its mainBody's content, the
    question *number* (``2017-18-112``) and the docDate's *date* put in."""
    from riksdoc.readers import read
    from riksdoc.writers import write

    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_a3e8633d8479b537.txt"
    text = write(read(seed.read_bytes(), "seed.txt").document, "akn", stem="seed").decode()
    start, end = text.index("<mainBody"), text.index("</mainBody>")
    text = text[:text.index(">", start) + 1] + body + text[end:]
    text = text.replace("2017-18-112", number).replace('date="2017-10-25"', f'date="{date}"')
    if conclusions:
        text = text.replace("</doc>", conclusions + "</doc>") if "</doc>" in text else text
    return text.encode()


def akn_cases(n: int = 1) -> Iterator[Case]:
    notes = "".join(f'<authorialNote eId="n{i}" marker="{i}"><p>Not.</p></authorialNote>'
                    for i in range(1500 * n))
    refs = "".join(f'<noteRef href="#n{i}"/>' for i in range(1500 * n))
    yield Case("akn-note-refs", "a.akn.xml", akn_document(f"<p>x{notes}</p><p>{refs}</p>"))
    yield Case("akn-item-many-paragraphs", "a.akn.xml", akn_document(
        '<blockList eId="l"><item eId="i"><num>1)</num>' + "<p>ord</p>" * (5_000 * n)
        + "</item></blockList>"))
    yield Case("akn-many-paragraphs", "a.akn.xml", akn_document("<p>ord</p>" * (100_000 * n)))
    yield Case("akn-wide-table", "a.akn.xml", akn_document(
        "<table>" + ("<tr>" + "<td><p>c</p></td>" * 300 + "</tr>") * (10 * n) + "</table>"))
    yield Case("akn-deep-inline", "a.akn.xml",
               akn_document("<p>" + "<i>" * 250 + "x" + "</i>" * 250 + "</p>"))
    yield Case("akn-date-unicode-digits", "a.akn.xml", akn_document("<p>x</p>",
                                                                    date="٢٠١٧-١٠-٢٥"))
    yield Case("akn-number-5000-digits", "a.akn.xml", akn_document("<p>x</p>",
                                                                   number=f"2017-18-{'9' * 5000}"))
    yield Case("akn-number-arabic-indic", "a.akn.xml", akn_document("<p>x</p>",
                                                                    number="٢٠١٧-١٨-١١٢"))
    yield Case("akn-many-elements", "a.akn.xml", akn_document("<p>" + "<i/>" * (1_200_000 * n)
                                                              + "</p>"))


# --- riksdoc JSON -----------------------------------------------------------------------------

def json_document(blocks: str, notes: str = "[]", number: str = "112") -> bytes:
    return ('{"riksdoc_json": 1, "kind": "frs", "questions": [{"session": "2017/18", '
            f'"number": {number}, "as_written": "2017/18:112", "questioner": null, '
            f'"title": "T"}}], "blocks": {blocks}, "notes": {notes}}}').encode()


def json_cases(n: int = 1) -> Iterator[Case]:
    yield Case("json-integer-5000-digits", "a.json", json_document("[]", number="9" * 5000 * n))
    yield Case("json-integer-huge", "a.json", json_document("[]", number="9" * 40))
    yield Case("json-deep-nesting", "a.json", b"[" * (100_000 * n) + b"]" * (100_000 * n))
    yield Case("json-many-blocks", "a.json", json_document(
        "[" + ",".join(['{"type": "paragraph", "content": ["x"]}'] * (100_000 * n)) + "]"))
    yield Case("json-many-inlines", "a.json", json_document(
        '[{"type": "paragraph", "content": [' + ",".join(['"x"'] * (300_000 * n)) + "]}]"))
    yield Case("json-wide-table", "a.json", json_document(
        '[{"type": "table", "rows": [' + ",".join(
            ['{"cells": [' + ",".join(['["c"]'] * 300) + "]}"] * (10 * n)) + "]}]"))
    yield Case("json-unicode-digit-session", "a.json", json_document("[]").replace(
        b'"2017/18"', '"٢٠١٧/١٨"'.encode()))


def scalable_cases(n: int) -> Iterator[Case]:
    """Inputs whose size grows with *n* and whose work must grow no faster than about *n*
    (the ratio test: *n* against *4n*)."""
    yield Case("text-notes", "a.txt", answer(" ".join(
        f"Ord[footnoteRef:{i}] [{i}: Not {i}.]" for i in range(1, 60 * n))))
    yield Case("text-long-line", "a.txt", answer("ord och " * (2000 * n)))
    yield Case("text-lines", "a.txt", answer("Ett stycke text.\n" * (120 * n)))
    yield Case("text-table", "a.txt", answer("\n".join("\t".join(["cell"] * 40)
                                                       for _ in range(6 * n))))
    yield Case("text-list", "a.txt", answer("\n".join(f"{i}) punkt" for i in range(1, 100 * n))))
    yield Case("docx-notes-shared-marks", "a.docx", notes_with_one_mark(100 * n, 2 * n))
    yield Case("docx-paragraphs", "a.docx", docx_package(DOCX_HEAD + "".join(
        paragraph(f"Stycke {i}.") for i in range(200 * n))))
    numbering, _ = list_numbering("lowerRoman", "1")
    yield Case("docx-list-items", "a.docx", docx_package(DOCX_HEAD + "".join(
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        f"<w:r><w:t>punkt {i}</w:t></w:r></w:p>" for i in range(120 * n)), numbering=numbering))
    yield Case("akn-note-refs", "a.akn.xml", akn_document(
        "<p>x" + "".join(f'<authorialNote eId="n{i}" marker="{i}"><p>Not.</p></authorialNote>'
                         for i in range(100 * n))
        + "</p><p>" + "".join(f'<noteRef href="#n{i}"/>' for i in range(100 * n)) + "</p>"))
    yield Case("akn-item-paragraphs", "a.akn.xml", akn_document(
        '<blockList eId="l"><item eId="i"><num>1)</num>' + "<p>ord</p>" * (1500 * n)
        + "</item></blockList>"))
    yield Case("statute-sections", "sfs-2010-800.txt", (STATUTE + "".join(
        f"{i} § Stycke ett.\n\nStycke två. Lag (2022:{i}).\n\n" for i in range(2, 150 * n))).encode())
    yield Case("statute-chapters", "sfs-2010-800.txt", (STATUTE + "".join(
        f"{i} kap. Rubrik {i}\n\n1 § Text.\n\n" for i in range(2, 100 * n))).encode())
    yield Case("paper-headings", "a.txt", (MOTION + "Motivering\n" + "".join(
        f"Rubrik nummer {i}\nText {i} här.\n" for i in range(1, 150 * n))).encode())
    yield Case("paper-contents-annexes", "a.txt", (REPORT + "Innehållsförteckning\n" + "".join(
        f"Bilaga {i}\tTitel nummer {i} .......\t{i}\n" for i in range(1, 60 * n)) + "".join(
        f"Titel nummer {i}\nText {i}.\n" for i in range(1, 60 * n))).encode())
    yield Case("paper-reservations", "a.txt", (REPORT + "Reservationer\n" + "".join(
        f"{i}.\tRubrik, punkt {i} (SD)\nav Anna Ek (SD).\nStällningstagande\nText.\n"
        for i in range(1, 40 * n))).encode())
    yield Case("record-blocks", "a.json", riksdag_record("".join(
        f"<h2>{i} Rubrik</h2><p>Text {i}.</p>" for i in range(1, 100 * n))))
    yield Case("json-blocks", "a.json", json_document(
        "[" + ",".join(['{"type": "paragraph", "content": ["x"]}'] * (250 * n)) + "]"))
    yield Case("json-inlines", "a.json", json_document(
        '[{"type": "paragraph", "content": [' + ",".join(['"x"'] * (1000 * n)) + "]}]"))


GENERATORS: dict[str, Callable[[int], Iterator[Case]]] = {
    "text": text_cases, "statute": statute_cases, "paper": paper_cases, "docx": docx_cases,
    "akn": akn_cases, "json": json_cases}
"""Every reader's generator of crafted inputs."""

EXAMPLES = ("text-bookmark-repeated", "text-question-party-till-repeated",
            "text-question-number-5000-digits", "text-arabic-indic-number",
            "text-full-width-number", "docx-notes-one-mark",
            "docx-list-start-lowerLetter-2600000000", "docx-list-start-lowerRoman-100000000000",
            "docx-lying-size", "docx-honest-huge-part", "json-integer-5000-digits")
"""The cases the issue measured (its examples)."""


def all_cases(n: int = 1) -> list[Case]:
    """Every crafted input at scale *n*."""
    return [case for generate in GENERATORS.values() for case in generate(n)]


SMALL = 300
"""Blocks, notes, list items and table cells up to which a document read from a crafted
input is also laid out as a PDF (a larger one takes long by nature, about 1.5 ms a table
cell, linearly)."""


def parts(document: object) -> int:
    """Blocks, notes, list items and table cells of a document."""
    from riksdoc.model import Document, ListBlock, Table

    assert isinstance(document, Document)
    count = len(document.blocks) + len(document.notes)
    for block in document.blocks:
        if isinstance(block, ListBlock):
            count += len(block.items)
        elif isinstance(block, Table):
            count += sum(len(row.cells) for row in block.rows)
    return count


def write_cases(folder: Path, scale: int = 1, reader: str | None = None) -> list[Path]:
    """Every crafted input (of *reader*, or all) at *scale* as a file in *folder*, named
    ``<case>__<reader's file name>``."""
    paths = []
    for name, generate in GENERATORS.items():
        if reader in (None, name):
            for case in generate(scale):
                path = folder / f"{case.name}__{case.filename}"
                path.write_bytes(case.data)
                paths.append(path)
    return paths


class OverBudget(Exception):
    """The case used up its CPU budget (SIGXCPU)."""


def check(paths: list[Path], cpu_seconds: float, memory_mb: int,
          full: bool = True) -> Iterator[dict[str, object]]:
    """Read and convert each file under a CPU budget and a memory cap set with `resource`
    limits (this process's: run it in a process of its own); a record for each.

    Each record says the case, the CPU seconds it took, and ``result`` (``converted``) or
    ``error`` (the one line the CLI would print, or ``over the CPU budget``).  The document
    is written as AKN and JSON, and *full*: as DOCX, HTML and (a small one) PDF too.  Before
    each
    case the CPU limit is set *cpu_seconds* past what the process has used, so it is a
    budget per case; the hard limit, a little later, ends the process if the case is stuck
    where Python cannot stop it.
    """
    import resource
    import signal
    import time

    from riksdoc.engine import failure_reason
    from riksdoc.readers import read
    from riksdoc.writers import write

    def over_budget(signum: int, frame: object) -> None:
        raise OverBudget()

    signal.signal(signal.SIGXCPU, over_budget)
    cap = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    hard = int(time.process_time() + (cpu_seconds + 1) * len(paths)) + 10
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
    for path in paths:
        name, _, filename = path.name.partition("__")
        data = path.read_bytes()
        used = time.process_time()
        soft = int(used + cpu_seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        yield {"case": name, "started": True}
        record: dict[str, object] = {"case": name}
        try:
            document = read(data, filename).document
            formats = ["akn", "docx", "html", "json", "pdf"] if full else ["akn", "json"]
            if parts(document) > SMALL:
                formats = [f for f in formats if f != "pdf"]
            for name_of_format in formats:
                write(document, name_of_format, stem="adversarial")
            record["result"] = "converted"
        except OverBudget:
            record["error"] = "over the CPU budget"
        except Exception as exc:
            record["error"] = failure_reason(exc)
        record["cpu"] = round(time.process_time() - used, 3)
        yield record


if __name__ == "__main__":
    import json
    import sys
    import tempfile
    import time

    if sys.argv[1:2] == ["check"]:  # python -m tests.adversarial check CPU MB full|- FILE...
        for record in check([Path(p) for p in sys.argv[5:]], float(sys.argv[2]),
                            int(sys.argv[3]), sys.argv[4] == "full"):
            print(json.dumps(record, ensure_ascii=False), flush=True)
        sys.exit(0)
    # By hand: python -m tests.adversarial [SCALE]: every case, timed, under the caps.
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with tempfile.TemporaryDirectory() as folder:
        files = write_cases(Path(folder), scale)
        started = time.monotonic()
        for record in check(files, 10.0, 600):
            if "started" not in record:
                print(f"{record['cpu']:7.2f} s  {record['case']:45} "
                      f"{str(record.get('error', 'converted'))[:70]}", flush=True)
        print(f"{len(files)} cases in {time.monotonic() - started:.1f} s")
