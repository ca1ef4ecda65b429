"""What pyproject.toml puts in the wheel: every package, every style file.

(.ci/wheel builds the wheel and converts with it; these catch the usual slip early.)
"""

from __future__ import annotations

import re
import tomllib

from riksdoc.housestyle import builtin_files

from .conftest import ROOT

SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_folder_is_in_the_wheel() -> None:
    folders = sorted("riksdoc" + "".join(f".{part}" for part in init.parent.relative_to(
        ROOT / "convert").parts) for init in (ROOT / "convert").rglob("__init__.py"))
    assert sorted(p for p in SETUPTOOLS["packages"] if p != "riksdoc.styles") == folders
    assert SETUPTOOLS["package-dir"] == {"riksdoc": "convert", "riksdoc.styles": "styles"}


def _glob(pattern: str) -> re.Pattern[str]:
    """setuptools' package-data glob: ``*`` stays within a folder."""
    return re.compile(re.escape(pattern).replace(r"\*", "[^/]*") + "$")


def test_every_style_file_is_in_the_wheel() -> None:
    globs = [_glob(g) for g in SETUPTOOLS["package-data"]["riksdoc.styles"]]
    files = [p.relative_to(ROOT / "styles").as_posix() for p in (ROOT / "styles").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    assert set(builtin_files()) <= set(files)
    assert [f for f in files if not any(g.match(f) for g in globs)] == []
