"""The package keeps its shape: readers never lean on writers, modules never reach for another
module's private names, and no function grows past what a reader can follow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "convert"
MODULES = sorted(PACKAGE.rglob("*.py"))
LONGEST_FUNCTION = 60
"""Lines of a function's body (its docstring aside) before it is asking to be split."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("riksdoc", *(p for p in parts if p != "__init__")))


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, names imported from it) for every ``from … import …`` of *path*."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out.append((module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            out.extend((alias.name, []) for alias in node.names)
    return out


@pytest.mark.parametrize("path", [p for p in MODULES if "readers" in p.parts] +
                         [PACKAGE / "validate.py"], ids=lambda p: p.name)
def test_no_reader_imports_a_writer(path: Path) -> None:
    leaning = [module for module, names in _imports(path)
               if module.startswith("riksdoc.writers")
               or (module == "riksdoc" and "writers" in names)]
    assert leaning == [], f"{path.name} imports the writers: share a contract module instead"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_private_name(path: Path) -> None:
    private = [f"{module}.{name}" for module, names in _imports(path) for name in names
               if name.startswith("_") and not name.startswith("__")]
    assert private == [], f"make public what other modules need: {private}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_is_too_long_to_follow(path: Path) -> None:
    long = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            has_docstring = len(body) > 1 and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)
            start = (body[1] if has_docstring else body[0]).lineno
            lines = (node.end_lineno or node.lineno) - start + 1
            if lines > LONGEST_FUNCTION:
                long.append(f"{node.name} ({lines} lines, line {node.lineno})")
    assert long == [], f"split these into named steps: {long}"


def test_the_checks_see_the_package() -> None:
    assert len(MODULES) > 30
    imports = dict(_imports(PACKAGE / "readers" / "akn.py"))
    assert "riksdoc.akn_profile" in imports and "riksdoc.readers" in imports
