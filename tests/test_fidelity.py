"""Fidelity and determinism over the corpus and the Tika fixture.

Fidelity: every word of each normalised input (what the normalisation report
lists is already out of it) is in the AKN text, the DOCX text and the PDF text
(``pdftotext``), the body's words in their order (the header and closing lines
are laid out by each format, so only their presence is checked); the outputs
add only template words (the document line, the running header, page numbers).

Determinism: every document converted twice, in separate processes with
different hash seeds and SOURCE_DATE_EPOCH, gives identical bytes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from riksdoc.model import Document
from riksdoc.writers import write

from .conftest import ROOT, TESTS, all_inputs, output, read_path

INPUTS = [*all_inputs(), TESTS / "fixtures" / "tika-answer.txt"]
TEMPLATE = set(["svar", "på", "fråga", "och", "av", "till", "interpellation", "meddelande", "om", "den"])


def words(text: str) -> list[str]:
    """Lower-case words and numbers; a hyphen inside a word, or a line break after the
    soft hyphen the PDF's layout inserts, joins rather than splits, and a note mark glued
    to a word (``åtgärder1``) is a number of its own."""
    text = re.sub(r"(?<=\w)(?:-|\u00ad\n)(?=\w)", "", text)
    return [w.lower() for w in re.findall(r"[^\W\d_]+|\d+", text)]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def akn_text(data: bytes) -> str:
    root = etree.fromstring(data)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    return " ".join(" ".join(part.itertext()) for part in
                    root.xpath("//a:preface | //a:mainBody | //a:conclusions", namespaces=ns))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [n for n in archive.namelist()
                 if re.fullmatch(r"word/(document|footnotes|endnotes|header\d+|footer\d+)\.xml", n)]
        texts = []
        for name in sorted(parts, key=lambda n: (not n.endswith("document.xml"), n)):
            root = etree.fromstring(archive.read(name))  # w:t only: field codes are not text
            texts.append(" ".join(root.xpath("//w:t/text()", namespaces={
                "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})))
    return " ".join(texts)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text


def allowed_extras(document: Document) -> set[str]:
    allowed = set(TEMPLATE)
    for q in document.questions:
        allowed |= set(words(q.as_written + " " + q.designation))
        if q.questioner:
            allowed |= set(words(f"{q.questioner.name} {q.questioner.party or ''}"))
    return allowed


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_word_in_order_in_every_output(path: Path, tmp_path: Path) -> None:
    result = read_path(path)
    document, normalised = result.document, result.normalised
    in_body = {n for b in document.blocks for item in getattr(b, "items", getattr(b, "rows", [b]))
               for n in range(item.span.first, item.span.last + 1)}

    def words_of(lines) -> list[str]:
        return words(re.sub("\ufdd0[^\ufdd1]*\ufdd1", " ", "\n".join(line.text for line in lines)))
    expected = words_of(normalised.lines)
    body = words_of([line for line in normalised.lines if line.number in in_body])
    note_words = [w for n in normalised.notes for w in words(n.text)]
    texts = {"akn": akn_text(output(path, "akn").data),
             "docx": docx_text(output(path, "docx").data),
             "pdf": pdf_text(output(path, "pdf").data, tmp_path)}
    for name, text in texts.items():
        found = words(text)
        missing = Counter(expected) - Counter(found)
        # A format may lay out the header's connecting words its own way ("… om titel").
        assert set(missing) <= TEMPLATE and not (Counter(body) - Counter(found)), \
            f"{name}: words missing: {dict(missing)}"
        assert is_subsequence(body, found), f"{name}: body words out of order"
        assert not (Counter(note_words) - Counter(found)), f"{name}: a note's words are missing"
        extra = Counter(found) - Counter(expected) - Counter(note_words)
        unexpected = {w for w in extra if w not in allowed_extras(document) and not w.isdigit()}
        assert unexpected == set(), f"{name} adds words the input does not have"


def test_two_processes_give_identical_bytes_for_every_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in INPUTS:
        shutil.copy(path, folder / path.name)
    runs = []
    for n, (hashseed, epoch) in enumerate((("1", None), ("987", "1700000000"))):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        env.pop("SOURCE_DATE_EPOCH", None)
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        out = tmp_path / f"out{n}"
        subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(folder), "-t",
                        "akn,docx,pdf", "-o", str(out), "-j", "2"], check=True, env=env, cwd=ROOT,
                       capture_output=True)
        runs.append({p.name: p.read_bytes() for p in sorted(out.glob("[!.]*"))})
    assert len(runs[0]) == 3 * len(INPUTS)
    assert runs[0].keys() == runs[1].keys()
    differing = [name for name in runs[0] if runs[0][name] != runs[1][name]]
    assert differing == []


@pytest.mark.parametrize("text", [
    "Meddelande om försenat svar på fråga 2017/18:1234 av Anna Berg (C) Vägar\n\nFrågan besvaras "
    "den 30 mars 2018.\n\nStockholm den 20 mars 2018\n\nTomas Eneroth\n",
    "Meddelande om att svaret dröjer\n\nSvaret lämnas senare.\n",
    "Svar på skriftlig fråga 2017/18:1 av Anna Berg (C)\nVägar\n\nAnna Berg har frågat mig.\n\n"
    "Stockholm den 1 mars 2018\n\nTomas Eneroth\n",
    "Svar på fråga 2018/19:77 av A B (M)\nT1, fråga 2018/19:78 av C D (S) T2 och fråga 2018/19:79 "
    "av E F (V) T3\n\nDe har frågat mig.\n\nStockholm den 1 mars 2019\n\nTomas Eneroth\n",
    "Svar på frågorna 2022/23:410, 411 och 415 av Lena Berg (S)\nSkolskjuts\nSkolbuss\nAvtal\n\n"
    "Lena Berg har ställt tre frågor till mig.\n\nStockholm den 8 februari 2023\n\nLotta Edholm\n",
    "den 12 maj\n\nSvar på frågorna\n\n2010/11:501 Vägar i Värmland\n2010/11:502 Broar\n\n"
    "Närings- och handelsminister Ewa Björling\n\nPer Ek har frågat mig om vägarna och Eva Lund "
    "har frågat mig om broarna.\n",
    "Interpellation 2018/19:12\n\nTill riksdagen\n\nInterpellation 2018/19:12 Stärkt upphovsrätt\n"
    "av Jörgen Warborn (M)\n\nInterpellationen kommer att besvaras fredagen den 15 februari 2019."
    "\n\nStockholm den 29 januari 2019\n\nJustitiedepartementet\nMorgan Johansson\n",
    "§ 5 Svar på interpellation 2018/19:16 om arbetslöshetsmålet\n\nAnf. 1 Arbetsmarknadsminister "
    "YLVA JOHANSSON (S):\nFru talman! Lars Beckman har frågat mig om arbetslösheten.\n"
    "Anf. 2 LARS BECKMAN (M):\nFru talman! Tack.\nÖverläggningen var härmed avslutad.\n",
], ids=["notice", "notice-without-number", "skriftlig", "joint-three", "plural", "older-plural",
        "riksdag-notice", "debate"])
def test_header_wording_is_the_same_in_every_format(text: str, tmp_path: Path) -> None:
    from riksdoc.normalise import normalise
    from riksdoc.parse import parse
    from riksdoc.readers import read
    from riksdoc.vocabulary import document_lines, line_text
    document = parse(normalise(text))
    for name, suffix in (("akn", ".akn.xml"), ("docx", ".docx"), ("json", ".json")):
        assert read(write(document, name, stem="x"), f"x{suffix}").document == document, name
    lines = [line_text(document, line) for line in document_lines(document)] or \
        [document.heading]
    def squeezed(text: str) -> str:  # the formats space their elements differently
        return re.sub(r"\s+", "", text)
    outputs = {"pdf": pdf_text(write(document, "pdf", stem="x"), tmp_path),
               "docx": docx_text(write(document, "docx", stem="x")),
               "akn": akn_text(write(document, "akn", stem="x"))}
    for line in lines:
        for name, text in outputs.items():
            assert squeezed(line) in squeezed(text), (name, line)
    # the line opens with the text's own words, and names nobody the header does not name
    source_header = text.split("\n\n")[0] if not text.startswith("den ") else text
    assert words(lines[0])[0] in words(source_header)
    for question in document.questions:
        if question.questioner and not question.questioner_stated:
            assert all(question.questioner.name not in line for line in lines)
