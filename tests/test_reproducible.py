"""Same input, same bytes: whatever font subsetter the machine has, however the work is spread.

(Two processes with different hash seeds and SOURCE_DATE_EPOCH: test_fidelity.)
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from riksdoc.writers import pdf_subset

from .conftest import ROOT, SEED, corpus_paths, output

SAMPLE = [SEED, *corpus_paths()[:3]]
"""A few documents: the seed, older and newer layouts."""

WITHOUT_HARFBUZZ_SUBSET = """
import json, sys
import cffi

real_dlopen = cffi.FFI.dlopen

def dlopen(self, name, *args, **kwargs):  # as on a machine without libharfbuzz-subset0
    if name and "harfbuzz-subset" in str(name):
        raise OSError(f"cannot load library {name!r}")
    return real_dlopen(self, name, *args, **kwargs)

cffi.FFI.dlopen = dlopen
from riksdoc.cli import main
rc = main(["convert", *sys.argv[2:], "-t", "pdf", "-o", sys.argv[1] + "/", "-j", "1"])
import weasyprint.text.ffi
print(json.dumps({"rc": rc, "hidden": weasyprint.text.ffi.harfbuzz_subset is None}))
"""


def test_pdfs_are_the_same_without_libharfbuzz_subset(tmp_path: Path) -> None:
    """WeasyPrint would subset with fontTools there, which stamps the clock into the fonts."""
    import json

    runs = []
    for n in range(2):  # two runs: the clock moves between them
        out = tmp_path / str(n)
        run = subprocess.run([sys.executable, "-c", WITHOUT_HARFBUZZ_SUBSET, str(out),
                              *map(str, SAMPLE)], capture_output=True, text=True, cwd=ROOT)
        assert json.loads(run.stdout.splitlines()[-1]) == {"rc": 0, "hidden": True}, run.stderr
        assert "fontTools" not in run.stderr and "HarfBuzz" not in run.stderr
        runs.append({p.stem: p.read_bytes() for p in out.glob("*.pdf")})
    assert runs[0] == runs[1]
    for path in SAMPLE:  # and the same as with the library, in this process
        assert runs[0][path.stem] == output(path, "pdf").data, path.name


def test_the_same_bytes_from_one_worker_four_or_dask(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SAMPLE:
        shutil.copy(path, folder / path.name)
    ways = [("-j", "1"), ("-j", "4")]
    try:
        import distributed  # noqa: F401
        ways.append(("--dask", "local", "-j", "2"))
    except ImportError:
        pass
    runs = []
    for n, way in enumerate(ways):
        out = tmp_path / f"out{n}"
        env = {**os.environ, "PYTHONHASHSEED": str(n + 1)}
        run = subprocess.run([sys.executable, "-m", "riksdoc", "convert", str(folder), "-t",
                              "akn,docx,pdf,html", "-o", str(out), *way], env=env, cwd=ROOT,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        runs.append({p.name: p.read_bytes() for p in out.glob("[!.]*")})
    assert len(runs[0]) == 4 * len(SAMPLE)
    for way, run in zip(ways[1:], runs[1:], strict=True):
        assert run == runs[0], f"{' '.join(way)} differs from -j 1"


def test_riksdoc_subsets_fonts_itself_the_same_way_every_time() -> None:
    from fontTools.ttLib import TTFont

    from riksdoc.writers.pdf import import_weasyprint

    import_weasyprint()
    from weasyprint.pdf.fonts import Font

    assert getattr(Font.subset, "riksdoc", False), "WeasyPrint's own subsetting is in use"
    font = (files("font_source_serif_pro") / "files" / "SourceSerifPro-Regular.ttf").read_bytes()
    glyphs = {0, 36, 37, 68, 69}
    subset = pdf_subset.subset_font(font, 0, glyphs, hinting=False, notdef_outline=False)
    assert subset is not None and len(subset) < len(font) / 10
    assert subset == pdf_subset.subset_font(font, 0, glyphs, hinting=False, notdef_outline=False)
    original, cut = TTFont(io.BytesIO(font)), TTFont(io.BytesIO(subset))
    assert cut["head"].modified == original["head"].modified  # no clock
    # glyph ids kept (the PDF's text refers to them), the unused tail cut
    assert max(glyphs) < cut["maxp"].numGlyphs < original["maxp"].numGlyphs / 10
    assert not {"GSUB", "GPOS", "DSIG"} & set(cut.keys())
    assert pdf_subset.subset_font(font, 0, [], hinting=False, notdef_outline=False) is None


@pytest.mark.parametrize("signature", ["def subset(self, to_unicode): ...",
                                       "def subset(self, glyphs, hinting, extra): ..."])
def test_another_weasyprint_is_refused_rather_than_subset_differently(
        monkeypatch: pytest.MonkeyPatch, signature: str) -> None:
    from riksdoc.writers.pdf import import_weasyprint

    import_weasyprint()
    from weasyprint.pdf.fonts import Font

    namespace: dict[str, object] = {}
    exec(signature, namespace)
    monkeypatch.setattr(Font, "subset", namespace["subset"])
    with pytest.raises(RuntimeError, match="not the one riksdoc replaces"):
        pdf_subset.install()
