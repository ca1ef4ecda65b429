"""The HTML writer: semantic, escaped, deterministic, and every word of the model kept."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from lxml import html as lxml_html

from riksdoc.housestyle import builtin_files
from riksdoc.model import (
    Document,
    Kind,
    ListBlock,
    ListItem,
    Note,
    NoteRef,
    Paragraph,
    Person,
    QuestionRef,
    Signature,
    SwedishDate,
    Table,
    TableRow,
)
from riksdoc.writers import html as writer

from .conftest import CORPUS, SEED, all_inputs, corpus_paths, read_document

RAW = CORPUS / "raw"


# -- helpers shared with test_pdf.py ----------------------------------------------


def plain(content: tuple) -> str:
    """Inline text with each note reference as a word break (its mark is printed there)."""
    return "".join(part if isinstance(part, str) else " " for part in content)


def model_words(document: Document) -> list[str]:
    """Every word of the document's text, in the order the HTML and PDF present it.

    Preamble, titles/heading, minister line, body (paragraphs, list items,
    table cells), place/date line, signature lines, notes.
    """
    texts: list[str] = [plain(p.content) for p in document.preamble]
    texts += [q.title for q in document.questions if q.title]
    if document.heading:
        texts.append(document.heading)
    if document.minister is not None:
        texts.append(document.minister.name)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts.append(plain(block.content))
        elif isinstance(block, ListBlock):
            texts += [plain(item.content) for item in block.items]
        elif isinstance(block, Table):
            texts += [plain(cell) for row in block.rows for cell in row.cells]
    if document.place or document.signatures:
        texts += [t for t in (document.place, document.date_text) if t]
        texts += [line for s in document.signatures for line in s.lines]
    texts += [plain(note.content) for note in document.notes]
    return [word for text in texts for word in text.split()]


_SQUASH = re.compile(r"[\s\-\u2010\u00ad]+")


def squash(text: str) -> str:
    """Text compared without case, whitespace and hyphens (line-end hyphenation adds them)."""
    return _SQUASH.sub("", unicodedata.normalize("NFKC", text).casefold())


def assert_words_in_order(words: list[str], text: str) -> None:
    """Each word occurs in *text* after the previous one (hyphenation and case ignored)."""
    haystack = squash(text)
    position = 0
    for index, word in enumerate(words):
        needle = squash(word)
        if not needle:
            continue
        found = haystack.find(needle, position)
        context = " ".join(words[max(0, index - 3):index + 1])
        assert found >= 0, f"word {index} {word!r} missing or out of order (after …{context})"
        position = found + len(needle)


# -- fixtures ---------------------------------------------------------------------


def page(document: Document) -> lxml_html.HtmlElement:
    """The written HTML, parsed back."""
    return lxml_html.document_fromstring(writer.write(document, stem="x"))


def meta(tree: lxml_html.HtmlElement, name: str) -> str | None:
    """Content of ``<meta name=…>``, or None."""
    found = tree.xpath(f'//head/meta[@name="{name}"]/@content')
    return found[0] if found else None


RICH = Document(
    kind=Kind.ANSWER,
    questions=(QuestionRef("2017/18", 112, "2017/18:112", Person("Mikael Cederbratt", "M"),
                           "Titel med <script>alert('x')</script> & ]]>"),),
    place="Stockholm",
    date=SwedishDate(25, 10, 2017),
    date_text="25 oktober 2017",
    signatures=(Signature(Person("Anna Svensson"), ("Enligt uppdrag", "Anna Svensson",
                                                    "Kansliråd")),),
    preamble=(Paragraph(("Regeringskansliet",)),),
    blocks=(
        Paragraph(("Text med ", "<b>inte fet</b> &amp; ]]> och en not", NoteRef("fn1"), ".")),
        ListBlock(True, (ListItem("1)", ("första punkten",)), ListItem("2)", ("andra",)))),
        ListBlock(False, (ListItem("–", ("strecksats",)),)),
        Table((TableRow((("År",), ("Belopp",))), TableRow((("2018",), ("500 <miljoner>",))))),
    ),
    notes=(Note("fn1", "1", ("Källa: file:///etc/passwd och http://example.com/x.png",)),),
)


# -- the seed -----------------------------------------------------------------------


def test_seed_header_title_and_closing_are_semantic() -> None:
    tree = page(read_document(SEED))
    assert tree.get("lang") == "sv"
    header = tree.xpath("//article/header")[0]
    assert header.xpath("string(p[@class='doc-line'])") == \
        "Svar på fråga 2017/18:112 av Mikael Cederbratt (M)"
    assert tree.xpath("string(//header/h1)") == "Samarbete mellan polis och militär"
    assert len(tree.xpath("//div[@class='body']/p")) == 4
    closing = tree.xpath("//footer[@class='closing']")[0]
    assert closing.xpath("string(p[@class='dateline'])") == "Stockholm den 25 oktober 2017"
    assert closing.xpath("p/time/@datetime") == ["2017-10-25"]
    assert closing.xpath("string(div[@class='signature'])") == "Morgan Johansson"


def test_seed_head_metadata() -> None:
    tree = page(read_document(SEED))
    assert tree.findtext(".//head/title") == "Samarbete mellan polis och militär"
    assert meta(tree, "author") == "Morgan Johansson"
    assert meta(tree, "description") == "Svar på skriftlig fråga 2017/18:112"
    assert "2017/18:112" in meta(tree, "keywords").split(", ")
    assert meta(tree, "dcterms.created") == meta(tree, "dcterms.modified") == "2017-10-25"
    assert meta(tree, "generator") == "riksdoc"
    assert tree.xpath("//head/meta/@charset") == ["utf-8"]


def test_standalone_fetches_nothing() -> None:
    """No stylesheet links, scripts or images: the page is one self-contained file."""
    tree = page(RICH)
    assert not tree.xpath("//link | //script | //img | //iframe | //object")
    assert tree.xpath("//style/@media") == ["screen"]
    assert all(href.startswith("#") for href in tree.xpath("//@href"))


# -- escaping -------------------------------------------------------------------------


def test_markup_in_text_is_escaped_and_survives() -> None:
    data = writer.write(RICH, stem="x")
    assert b"<script>" not in data and b"<b>" not in data and b"<miljoner>" not in data
    assert b"&lt;script&gt;" in data
    assert b"]]&gt;" in data and b"&amp;amp;" in data
    tree = lxml_html.document_fromstring(data)
    assert tree.findtext(".//head/title") == "Titel med <script>alert('x')</script> & ]]>"
    assert tree.xpath("string(//header/h1)") == "Titel med <script>alert('x')</script> & ]]>"
    assert "<b>inte fet</b> &amp; ]]>" in tree.xpath("string(//div[@class='body']/p[1])")
    assert not tree.xpath("//body//script | //body//b")


# -- lists, tables, notes, signature lines ------------------------------------------


def test_lists_keep_the_authors_markers() -> None:
    tree = page(RICH)
    ordered = tree.xpath("//div[@class='body']/ol/li")
    assert [li.get("data-marker") for li in ordered] == ["1)", "2)"]
    assert [li.text_content() for li in ordered] == ["första punkten", "andra"]
    assert tree.xpath("//div[@class='body']/ul/li/@data-marker") == ["–"]


def test_tables_keep_rows_and_cells_with_a_header_row_where_it_reads_as_one() -> None:
    table = page(RICH).xpath("//div[@class='body']/table")[0]
    assert [[c.text_content() for c in tr.xpath("th | td")] for tr in table.xpath(".//tr")] == \
        [["År", "Belopp"], ["2018", "500 <miljoner>"]]
    assert table.xpath("thead/tr/th/@scope") == ["col", "col"]  # "År" over 2018
    assert table.xpath(".//*[@class='num']/text()") == ["År", "2018"]  # a column of years


def test_note_reference_links_to_its_note_and_back() -> None:
    tree = page(RICH)
    ref = tree.xpath("//div[@class='body']//a[@role='doc-noteref']")[0]
    assert ref.get("href") == "#fn1" and ref.text == "1" and ref.getparent().tag == "sup"
    note = tree.xpath("//section[@class='notes']//li[@id='fn1']")[0]
    assert note.xpath("a/@href") == [f"#{ref.get('id')}"]
    assert "file:///etc/passwd" in note.text_content()


def test_every_signature_line_and_preamble_line_is_kept() -> None:
    tree = page(RICH)
    assert tree.xpath("//div[@class='signature']/p/text()") == \
        ["Enligt uppdrag", "Anna Svensson", "Kansliråd"]
    assert tree.xpath("//div[@class='signature']/p[@class='name']/text()") == ["Anna Svensson"]
    assert tree.xpath("//div[@class='preamble']/p/text()") == ["Regeringskansliet"]
    assert meta(tree, "author") == "Anna Svensson"


# -- other shapes ---------------------------------------------------------------------


def test_older_layout_dates_at_the_top_without_inventing_a_year() -> None:
    tree = page(read_document(RAW / "frs-2010-11-680.txt"))
    dateline = tree.xpath("//header/p[@class='dateline']")[0]
    assert dateline.text_content() == "den 14 september"
    assert dateline.xpath("time/@datetime") == ["--09-14"]  # HTML yearless date
    assert meta(tree, "dcterms.created") is None and meta(tree, "dcterms.modified") is None
    assert tree.xpath("string(//p[@class='minister'])") == "Statsrådet Catharina Elmsäter-Svärd"
    assert not tree.xpath("//footer")


def test_joint_answer_lists_every_question() -> None:
    tree = page(read_document(RAW / "frs-2018-19-666.txt"))
    assert tree.xpath("//header/p[@class='doc-line']/@data-designation") == \
        ["2018/19:666", "2018/19:673", "2018/19:675"]
    lines = [p.text_content() for p in tree.xpath("//header/p[@class='doc-line']")]
    assert lines[0].startswith("Svar på fråga 2018/19:666 av Åsa Coenraads (M)")
    assert lines[2].startswith("och fråga 2018/19:675")
    # Every title is a heading, each after its own document line.
    assert tree.xpath("//header/h1/text()") == \
        ["Färdplan Arlanda", "Revidering av den svenska flygstrategin", "Arlandas framtid"]
    assert [h.getprevious().get("class") for h in tree.xpath("//header/h1")] == ["doc-line"] * 3


@pytest.mark.parametrize(("name", "line", "addressee"), [
    ("fr-2010-11-438.txt", "Fråga 2010/11:438 av Krister Örnfjäder (S)",
     "till utrikesminister Carl Bildt (M)"),
    ("ip-2018-19-244.txt", "Interpellation 2018/19:244 av Arin Karapet (M)",
     "till Statsrådet Annika Strandhäll (S)"),
])
def test_questions_and_interpellations(name: str, line: str, addressee: str) -> None:
    tree = page(read_document(RAW / name))
    assert tree.xpath("string(//header/p[@class='doc-line'])") == line
    assert tree.xpath("string(//header/p[@class='addressee'])") == addressee
    assert meta(tree, "author") == line.split(" av ")[1].rsplit(" (", 1)[0]


def test_generic_document_and_notice() -> None:
    generic = page(Document(kind=Kind.GENERIC, heading="PM om något",
                            blocks=(Paragraph(("Brödtext.",)),)))
    assert generic.xpath("//header/h1/text()") == ["PM om något"]
    assert not generic.xpath("//p[@class='doc-line']")
    assert generic.findtext(".//head/title") == "PM om något"
    notice = page(Document(kind=Kind.NOTICE, questions=(
        QuestionRef("2019/20", 5, "2019/20:5", Person("Ada Berg", "C"), "Vägar"),)))
    assert notice.xpath("string(//p[@class='doc-line'])") == \
        "Meddelande om fråga 2019/20:5 av Ada Berg (C)"


# -- every input --------------------------------------------------------------------------


@pytest.mark.parametrize("path", all_inputs(), ids=lambda p: p.name)
def test_every_word_in_order(path: Path) -> None:
    document = read_document(path)
    assert_words_in_order(model_words(document), page(document).body.text_content())


def test_rich_document_every_word_in_order() -> None:
    assert_words_in_order(model_words(RICH), page(RICH).body.text_content())


def test_same_bytes_twice() -> None:
    for path in (SEED, *corpus_paths()[:3]):
        document = read_document(path)
        assert writer.write(document, stem="a") == writer.write(read_document(path), stem="a")


# -- goldens -----------------------------------------------------------------------------

def _golden_models() -> list[tuple[str, Document]]:
    from .test_docx import HAND_MADE  # lists, tables, notes, older layouts

    return [(p.stem, read_document(p)) for p in all_inputs()] + list(HAND_MADE.items())


_SCREEN_STYLE = re.compile(r'(<style media="screen">)(.*?)(</style>)', re.DOTALL)


@pytest.mark.parametrize("name, document", _golden_models(), ids=lambda v: v if isinstance(v, str) else "")
def test_golden(name: str, document: Document, golden) -> None:
    """The page as published; the inlined screen stylesheet is styles/screen.css itself, so the
    goldens hold a marker in its place (a change of style is not a change of every page)."""
    page = writer.write(document, stem=name).decode("utf-8")
    (style,) = _SCREEN_STYLE.findall(page)
    assert style[1] == builtin_files()["screen.css"].decode("utf-8")
    golden(f"html/{name}.html", _SCREEN_STYLE.sub(r"\1/* styles/screen.css */\3", page))
