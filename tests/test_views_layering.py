"""Views live above the data: no data module imports a view, anywhere in its body."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import socialrx
from socialrx.gaps import GapReport

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "socialrx"
# The top layer (these files and the cli/ package) may use views; everything else is
# data (or below it).
ABOVE = {"__init__.py", "__main__.py"}
VIEWS = ("socialrx.views", "socialrx.render", "socialrx.frames")


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at any depth (functions and TYPE_CHECKING too)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return names


DATA_MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if p.name not in ABOVE or p.parent != PACKAGE
    if not {"views", "cli"} & set(p.relative_to(PACKAGE).parts)
)


@pytest.mark.slow
@pytest.mark.parametrize("path", DATA_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_data_modules_never_import_a_view(path: Path) -> None:
    upward = [n for n in _imports(path) if n.startswith(VIEWS)]
    assert not upward, f"{path.relative_to(PACKAGE)} imports {upward}"


def test_data_classes_do_not_know_how_they_are_shown() -> None:
    for cls in (socialrx.Asset, socialrx.Catalogue, socialrx.MatchResult, GapReport):
        assert not hasattr(cls, "_repr_html_"), cls
        assert not hasattr(cls, "_repr_pretty_"), cls
    assert "__str__" not in vars(socialrx.Explanation)
