"""Normalisation: exporter artifacts out, every word of the content kept."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from riksdoc.normalise import NOTE_CLOSE, NOTE_OPEN, normalise
from riksdoc.readers import read

from .conftest import ROOT, SEED, TESTS

FIXTURE = TESTS / "fixtures" / "tika-answer.txt"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# --- one table of cases a step --------------------------------------------

@pytest.mark.parametrize("raw, clean, kinds", [
    ("[bookmark: _GoBack]Svar på fråga", "Svar på fråga", ["bookmark"]),
    ("Text[bookmark: _Toc12345] mitt i", "Text mitt i", ["bookmark"]),
    ("Före [image: Karta över Sverige]efter", "Före efter", ["image"]),
    ("Stycke.\tComment by Lena Ek: Stryk detta!", "Stycke.", ["comment"]),
    ("a\u00adb\u200bc\u2060d\ufeffe", "abcde", ["invisible-character"] * 4),
    ("ett\x07två\x1bre", "etttvåre", ["control-character"] * 2),
    ("ett\x0btvå", "ett\ntvå", ["line-break"]),
    ("\uf0b7\tPunkt", "• Punkt", ["symbol-bullet", "tab"]),
    ("1)\tFörsta", "1) Första", ["tab"]),
    ("Text  med   mellanrum", "Text med mellanrum", ["space-run", "space-run"]),
    ("Slut.   ", "Slut.", ["trailing-whitespace"]),
    ("\u00a0\u00a0", "", ["whitespace-line"]),
    ("Ett\u00a0000 kronor", "Ett\u00a0000 kronor", []),
    ("Cell 1\tCell 2\t\nCell 3\tCell 4\t", "Cell 1\tCell 2\t\nCell 3\tCell 4\t", []),
    ("A\tB\nC\tD", "A\tB\t\nC\tD\t", []),  # POI: no row-end tab
    ("\tÅr\tKronor\t\nNorr\t\t120\t", "\tÅr\tKronor\t\nNorr\t\t120\t", []),  # empty cells stay
    ("A \t B\t\nC\tD\t", "A\tB\t\nC\tD\t", ["cell-whitespace"] * 2),
    ("Ensam rad\tmed flik\t", "Ensam rad med flik", ["trailing-whitespace", "tab"]),
    ("Jag avser att\tåterkomma.", "Jag avser att återkomma.", ["tab"]),
    ("Cafe\u0301", "Café", ["unicode-composition"]),
    ("rad ett\r\nrad två\rrad tre", "rad ett\nrad två\nrad tre", []),
    ("trygghetsskapade arbetet", "trygghetsskapade arbetet", []),
    # Word field instructions exported as text: out, reported; the field's result stays
    ("STYLEREF Kantrubrik \\* MERGEFORMAT", "", ["field-code"]),
    ("Sida PAGE \\* MERGEFORMAT 2", "Sida 2", ["field-code"]),
    ("MERGEFIELD Mottagare", "", ["field-code"]),
    ('Se HYPERLINK "https://www.riksdagen.se/sv" riksdagen.se.', "Se riksdagen.se.",
     ["field-code"]),
    ('TOC \\o "1-3" \\h \\z \\u', "", ["field-code"]),
    ('HYPERLINK \\l "_Toc123" Inledning', "Inledning", ["field-code"]),
    ("{ NUMPAGES \\* MERGEFORMAT }3", "3", ["field-code"]),
    ('DATE \\@ "d MMMM yyyy" 1 mars 2018', "1 mars 2018", ["field-code"]),
    ("REF _Ref4711 \\h", "", ["field-code"]),
    ("Den PAGE som ett ord, IF-satser och TOC-listor", "Den PAGE som ett ord, IF-satser och "
     "TOC-listor", []),
], ids=lambda v: repr(v)[:30] if isinstance(v, str) else None)
def test_step_cases(raw: str, clean: str, kinds: list[str]) -> None:
    result = normalise(raw)
    assert "\n".join(line.text for line in result.lines) == clean
    assert sorted(c.kind for c in result.changes) == sorted(kinds)


def test_change_records_line_column_and_removed_text() -> None:
    result = normalise("Första raden\n [bookmark: _Hlk1]Andra raden\n")
    (bookmark,) = [c for c in result.changes if c.kind == "bookmark"]
    assert (bookmark.line, bookmark.column, bookmark.text, bookmark.detail) == \
        (2, 2, "[bookmark: _Hlk1]", "_Hlk1")


def test_comment_is_reported_with_author_and_text_and_never_kept() -> None:
    result = normalise("Regeringen svarar.\tComment by Kansliet, Lena: Kolla siffrorna!\n")
    assert "Kolla" not in result.text
    (comment,) = result.changes
    assert comment.kind == "comment"
    assert comment.detail == "comment by Kansliet, Lena: Kolla siffrorna!"


# --- footnotes and endnotes -----------------------------------------------

def test_poi_footnote_becomes_a_note_at_its_reference_point() -> None:
    result = normalise("Regeringen[footnoteRef:1] svarar. [1: Prop. 2017/18:1.] \nNästa stycke.\n")
    (note,) = result.notes
    assert (note.note_id, note.marker, note.text, note.endnote) == ("fn1", "1", "Prop. 2017/18:1.", False)
    assert result.lines[0].text == f"Regeringen{NOTE_OPEN}fn1{NOTE_CLOSE} svarar."
    assert result.text == "Regeringen[^1] svarar.\nNästa stycke.\n\n[^1]: Prop. 2017/18:1.\n"


def test_two_inline_notes_in_one_paragraph() -> None:
    result = normalise("A[footnoteRef:1] och B[footnoteRef:2]. [1: Ett.] [2: Två.] \n")
    assert [(n.marker, n.text) for n in result.notes] == [("1", "Ett."), ("2", "Två.")]
    assert result.text.splitlines()[0] == "A[^1] och B[^2]."


def test_tika_33_note_on_its_own_line_after_the_paragraph() -> None:
    result = normalise("Svaret[footnoteRef:1] kommer.\n[1: Se bilagan.]\nNästa stycke.\n")
    assert [n.text for n in result.notes] == ["Se bilagan."]
    assert [line.text for line in result.lines][1:] == ["Nästa stycke."]


def test_endnote_body_at_the_end_of_the_document() -> None:
    result = normalise("Text[endnoteRef:1] här.\nMer text.\nÄnnu mer.\nSista.\n\n[1: Slutnoten.]\n")
    (note,) = result.notes
    assert (note.note_id, note.endnote, note.text) == ("en1", True, "Slutnoten.")
    assert result.text.endswith("Sista.\n\n[^e1]: Slutnoten.\n")


def test_reference_without_a_body_is_reported_not_invented() -> None:
    result = normalise("Text[footnoteRef:7] utan not.\n")
    assert result.notes == ()
    assert [c.kind for c in result.changes] == ["note-without-text"]
    assert result.text == "Text utan not.\n"


# --- the seed and a full tika-server export ------------------------------

def test_seed_normalises_to_the_answer_without_bookmark_or_trailing_spaces() -> None:
    raw = SEED.read_text(encoding="utf-8")
    result = normalise(raw)
    assert "[bookmark" not in result.text
    assert all(line == line.rstrip() for line in result.text.splitlines())
    assert words(result.text) == words(raw.replace("[bookmark: _GoBack]", ""))
    assert [c.kind for c in result.changes if c.kind == "bookmark"] == ["bookmark"]


def test_tika_export_fixture() -> None:
    raw_bytes = FIXTURE.read_bytes()
    assert raw_bytes.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw_bytes
    result = read(raw_bytes, FIXTURE.name).normalised
    assert result is not None and result.encoding == "UTF-8 with BOM"
    text = result.text
    for marker in ("[bookmark", "[image", "[footnoteRef", "Comment by", "image1.png",
                   "oleObject1.bin", "\r", "\ufeff", "\u00ad", "\u200b"):
        assert marker not in text, marker
    assert [n.text for n in result.notes] == ["Se prop. 2017/18:1 utgiftsområde 22."]
    kinds = {c.kind: c for c in result.changes}
    assert kinds["comment"].detail == "comment by Kansliet, Lena: Kolla siffrorna innan utskick!"
    assert kinds["image"].detail == "alt text: Karta över vägnätet i Norrland"
    assert {c.text for c in result.changes if c.kind == "embedded-file"} == {"image1.png", "oleObject1.bin"}
    lines = text.splitlines()
    assert "· Beläggning av riksväg 95" in lines and "· Bärighet på enskilda vägar" in lines
    assert "Norrbotten\t120\t" in lines and "Län\tMiljoner kronor\t" in lines
    assert "Jag avser att återkomma i frågan." in lines  # a stray tab is not a table
    assert "" in lines and not any(line.strip("\u00a0 ") != line for line in lines)
    # every content word in order: the raw text minus exactly what the report lists
    expected = raw_bytes.decode("utf-8-sig")
    for change in result.changes:
        if change.kind in ("bookmark", "image", "comment", "embedded-file", "invisible-character"):
            expected = expected.replace(change.text, "", 1)
    expected = expected.replace("[footnoteRef:1]", "").replace("[1: Se prop. 2017/18:1 utgiftsområde 22.]", "")
    body = text.split("\n\n[^1]:")[0].replace("[^1]", "")
    assert words(body) == words(expected)


def test_report_json_from_the_cli(tmp_path) -> None:
    report = tmp_path / "r.json"
    run = subprocess.run([sys.executable, "-m", "riksdoc", "normalise", str(SEED), "--report",
                          str(report)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Svar på fråga 2017/18:112 av Mikael Cederbratt (M)")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["encoding"] == "UTF-8"
    assert {"kind": "bookmark", "line": 1, "column": 2, "text": "[bookmark: _GoBack]",
            "detail": "_GoBack"} in data["changes"]


# --- idempotence ------------------------------------------------------------

_PIECES = st.sampled_from([
    "Svar på fråga 2017/18:112 av Mikael Cederbratt (M)", "ord", "Åtgärder", " ", "  ", "\t",
    "\n", "\r\n", "\r", "\u00a0", "\u00ad", "\u200b", "\x0b", "\x0c", "\x07", "\ufeff",
    "[bookmark: _GoBack]", "[image: Karta]", "[footnoteRef:1]", " [1: En not.] ",
    "[endnoteRef:2]", "\n[2: Slutnot]\n", "\tComment by A: Kolla", "· ", "1) ", "II. ", "– ",
    "\nimage1.png", "\noleObject1.bin\n", "Cafe\u0301", "\uf0b7", "\ufdd0", "[^1]", "ä",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normalise(raw).text
    assert normalise(once).text == once


def test_a_field_code_is_reported_with_its_field_name() -> None:
    result = normalise("Svar på fråga\nSTYLEREF Kantrubrik \\* MERGEFORMAT\nText.\n")
    (change,) = [c for c in result.changes if c.kind == "field-code"]
    assert (change.line, change.column, change.text, change.detail) == \
        (2, 1, "STYLEREF Kantrubrik \\* MERGEFORMAT", "Word field instruction STYLEREF")
    assert [line.text for line in result.lines] == ["Svar på fråga", "", "Text."]
