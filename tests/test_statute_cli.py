"""Statutes through the command line, the API, and the other publications.

``--kind``/``-k`` forces a kind on ``convert`` and ``inspect``; the API and the web
page take ``kind`` too; a statute record is recognised by its keys; and the
DOCX, HTML and PDF writers give a plain rendering of the hierarchy that keeps
every word in order.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest
from lxml import etree

from riksdoc.cli import main
from riksdoc.kinds import choices
from riksdoc.model import Kind
from riksdoc.readers import read
from riksdoc.writers import write

from .conftest import SEED, TESTS
from .test_fidelity import docx_text, pdf_text, words
from .test_server import client, server  # noqa: F401 (fixtures: a real `riksdoc serve`)
from .test_statute_parse import model_text

SFS = TESTS / "corpus-sfs"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
FRAGMENT = "4 § Bidrag får lämnas till regioner för att\n\n1. öka antalet samtal,\n\n" \
           "2. samverka med elevhälsan.\n\n5 § För att få bidrag ska regioner genomföra " \
           "insatser. Förordning (2025:12).\n"


def tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


@pytest.mark.parametrize("module", ["riksdoc.akn_act_profile", "riksdoc.statute",
                                    "riksdoc.validate_act", "riksdoc.writers.akn_act",
                                    "riksdoc.readers.akn_act", "riksdoc.statute.build"])
def test_each_statute_module_imports_first_in_a_fresh_process(module: str) -> None:
    """No import cycle hides behind the order a test run happens to import things in."""
    import subprocess
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr


def test_the_kinds_on_offer_include_statutes_and_the_letters_family() -> None:
    assert choices() == ("frs", "fr", "ip", "notice", "prot", "doc", "sfs", "mot", "bet", "prop",
                         "skr")


def test_convert_with_kind_sfs_parses_a_fragment_starting_at_a_section(tmp_path: Path,
                                                                       capsys) -> None:
    source = tmp_path / "fragment.txt"
    source.write_text(FRAGMENT, encoding="utf-8")
    assert main(["convert", str(source), "-k", "sfs", "-t", "akn,json", "-o", str(tmp_path),
                 "--progress", "never"]) == 0
    root = etree.parse(str(tmp_path / "fragment.akn.xml")).getroot()
    assert root.xpath("//a:body/a:section/@eId", namespaces=NS) == ["sec_4", "sec_5"]
    assert root.xpath("//a:section[@eId='sec_4']//a:point/@eId", namespaces=NS) == [
        "sec_4__para_1__list_1__point_1", "sec_4__para_1__list_1__point_2"]
    assert root.xpath("//a:ref/@href", namespaces=NS) == ["/akn/se/act/2025/12"]
    assert main(["validate", str(tmp_path / "fragment.akn.xml")]) == 0
    data = json.loads((tmp_path / "fragment.json").read_text(encoding="utf-8"))
    assert data["kind"] == "sfs" and data["blocks"][0]["type"] == "division"


@pytest.mark.parametrize("text", [
    "3 kap. Ansvar\n\n1 § Kommunen ansvarar.\n",
    "AVD. II SÄRSKILDA BESTÄMMELSER\n\n5 kap. Ansvar\n\n1 § Text.\n",
    "andra stycket gäller inte barn.\n\n6 § Text.\n",
], ids=["chapter", "part", "stycke"])
def test_fragments_at_any_level_convert_to_valid_acts(text: str, tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text(text, encoding="utf-8")
    assert main(["convert", str(source), "--kind", "sfs", "-t", "akn", "-o", str(tmp_path),
                 "--progress", "never"]) == 0
    assert main(["validate", str(tmp_path / "x.akn.xml")]) == 0


def test_an_unknown_kind_is_a_usage_error_naming_the_choices(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["convert", str(SEED), "-k", "law"])
    assert exit_.value.code == 2
    assert "unknown kind 'law'; choose from frs, fr, ip, notice, prot, doc, sfs" in capsys.readouterr().err


def test_inspect_with_kind_and_a_record(capsys) -> None:
    source = SFS / "raw" / "sfs-2025-399.txt"
    assert main(["inspect", "-k", "sfs", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Type:      sfs (författning)" in out and "1 section(s)" in out
    assert main(["inspect", str(SFS / "api" / "sfs-2024-1274.json")]) == 0
    out = capsys.readouterr().out
    assert "SFS:       2024:1274" in out and "Dept.:     Socialdepartementet" in out


def test_a_forced_letters_kind_on_statute_text_is_said_in_a_warning() -> None:
    text = (SFS / "raw" / "sfs-2025-399.txt").read_bytes()
    assert read(text, "x.txt").document.kind is Kind.STATUTE
    forced = read(text, "x.txt", kind=Kind.GENERIC).document
    assert forced.kind is Kind.GENERIC
    assert read(SEED.read_bytes(), SEED.name, kind=Kind.STATUTE).document.kind is Kind.STATUTE
    answer = read(SEED.read_bytes(), SEED.name, kind=Kind.NOTICE).document
    assert answer.kind is Kind.NOTICE and any(w.code == "kind-forced" for w in answer.warnings)


def test_stdin_takes_the_kind_too(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FRAGMENT.encode("utf-8"))))
    assert main(["convert", "-", "-k", "sfs", "-t", "akn", "-o", str(tmp_path),
                 "--progress", "never"]) == 0
    assert b'<act name="sfs"' in (tmp_path / "stdin.akn.xml").read_bytes()


def test_docx_and_html_keep_every_word_of_skollag_in_order() -> None:
    path = SFS / "api" / "sfs-2010-800.json"
    document = read(path.read_bytes(), path.name).document
    assert tokens(model_text(document.blocks)) == \
        tokens(json.loads(path.read_bytes())["fulltext"]["forfattningstext"])
    # list markers are Word's own numbering in DOCX and data-marker in HTML
    source = tokens(model_text(document.blocks, markers=False))
    html = write(document, "html", stem="x").decode("utf-8")
    body = etree.HTML(html).find(".//div[@class='body']")  # the text, not its contents list
    html_words = tokens(" ".join(body.itertext()))
    assert html_words == source
    docx_words = tokens(docx_text(write(document, "docx", stem="x")))
    start = docx_words.index(source[0], 2)
    assert docx_words[start:start + len(source)] == source


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_a_short_ordinance_as_pdf_keeps_its_words(tmp_path: Path) -> None:
    path = SFS / "api" / "sfs-2024-1274.json"
    document = read(path.read_bytes(), path.name).document
    text = pdf_text(write(document, "pdf", stem="sfs-2024-1274"), tmp_path)
    source = json.loads(path.read_bytes())["fulltext"]["forfattningstext"]
    missing = Counter(words(source)) - Counter(words(text))  # words() joins hyphenation
    assert missing == Counter()


def test_the_api_and_the_page_take_a_kind(client: httpx.Client) -> None:  # noqa: F811
    reply = client.post("/api/convert?kind=sfs", data={"text": FRAGMENT, "formats": "akn"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["kind"] == "sfs"
    record = (SFS / "api" / "sfs-2025-399.json").read_bytes()
    reply = client.post("/api/convert", files={"file": ("sfs-2025-399.json", record)},
                        data={"formats": "akn"})
    body = reply.json()
    assert body["kind"] == "sfs" and body["metadata"]["number"] == "SFS 2025:399"
    assert body["metadata"]["statute"]["department"] == "Socialdepartementet"
    assert body["stem"] == "sfs-2025-399"
    bad = client.post("/api/convert?kind=law", data={"text": FRAGMENT})
    assert bad.status_code == 400 and "sfs" in bad.json()["error"]
    page = client.get("/")
    assert '<option value="sfs">Författning (sfs)</option>' in page.text
    posted = client.post("/", files={"text": (None, FRAGMENT), "kind": (None, "sfs")})
    assert posted.status_code == 303
    result = client.get(posted.headers["location"])
    assert "SFS-nummer" in result.text and "Författning" in result.text
