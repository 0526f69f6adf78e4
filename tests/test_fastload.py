"""The quick path of the YAML loader: the same data, errors and positions as the
position-tracking builder, on ordinary, generated and hostile documents.

``parse_yaml`` builds a valid document's data without positions and works a position
out only when one is asked for; anything the quick builder is not sure of goes to the
position-tracking builder, which says what is wrong. These tests hold the two paths to
the same answers, from one document up to ``socialrx check`` on a folder.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialrx import load_catalogue, yamlio
from socialrx.errors import CatalogueError, CatalogueErrors
from socialrx.quality import check_catalogue
from socialrx.yamlio import YamlDocument, parse_yaml

HERE = Path(__file__).parent
INVALID = HERE / "fixtures" / "invalid"
EXAMPLE = HERE.parent / "assets" / "lytham-st-annes"
TODAY = date(2026, 11, 30)


def _slow(text: str, path: str = "t.yaml") -> YamlDocument | str:
    """The position-tracking builder alone (as every document was read before)."""
    doc = YamlDocument(path, None, first_line=text.split("\n", 1)[0])
    try:
        doc.data = yamlio._Builder(doc).build(yamlio._compose(text, path), ())
    except CatalogueError as exc:
        return str(exc)
    return doc


def _fast(text: str, path: str = "t.yaml") -> YamlDocument | str:
    try:
        return parse_yaml(text, path)
    except CatalogueError as exc:
        return str(exc)


def _paths(data: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*at, key if isinstance(key, (str, int)) else str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*at, i))


def _probes(data: Any) -> list[tuple[str | int, ...]]:
    """Every path in the data, and paths that go past it (positions fall back)."""
    found = list(_paths(data))
    return [*found, *((*p, "nowhere") for p in found), *((*p, 7) for p in found), ("<key>",)]


def _assert_same(text: str, *, probe: bool = True) -> None:
    slow, fast = _slow(text), _fast(text)
    if isinstance(slow, str) or isinstance(fast, str):
        assert fast == slow  # the same message, line and column
        return
    assert repr(fast.data) == repr(slow.data)  # repr: NaN equals itself
    assert fast.first_line == slow.first_line
    for at in _probes(slow.data) if probe else [("y", 3, "k7"), ("y", 3)]:
        assert fast.position(at) == slow.position(at), at
        assert fast.key_position(at) == slow.key_position(at), at
    again = parse_yaml(text, "t.yaml")  # every position built at once, as before
    assert (again.values, again.keys) == (slow.values, slow.keys)


# ---------------------------------------------------------------- hostile documents

_KEYS = st.sampled_from(
    [
        "name", "a", "b", "no", "on", "yes", "1", "01", "1.5", '"1.5"', "true", "True",
        "~", "null", '"null"', "None", "<<", '"<<"', '"<key>"', "<key>", ".nan", ".inf",
        "0x1F", "31", "!!str k", "!k k", "'a'", '"a"', "? x", "[a, b]", "{a: 1}", "-1",
        "1" * 120, "é", "a b",
    ]
)  # fmt: skip
_VALUES = st.sampled_from(
    [
        "1", "no", "yes", "on", "off", "y", "10:30", "01632 960123", "2026-01-15", "0o17",
        "!!int 3", "!!str 3", "!x y", "! y", "!!python/object/apply:os.system [x]",
        "&a [1, 2]", "*a", "[*a, *a]", "&b {k: v}", "{<<: *b}", "{a: 1, a: 2}", "'q'",
        '"t\\tx"', "1" * 120, "0x" + "f" * 120, "-" + "9" * 101, ".inf", "-.Inf", ".NaN",
        "null", "~", "", "[[[[1]]]]", "{x: {y: {z: [1, {w: 2}]}}}", "|\n  two\n  lines",
        ">-\n  folded", "[a, b, c]", "{}", "[]", "-", "- a", "a: b", "'", '"', "@x", "`x",
        "%x", "[" * 45 + "]" * 45, "{a: [1, 2], b: {c: d}}", "\t", "x\ty", "1e3", "+12",
    ]
)  # fmt: skip
_LINES = st.lists(
    st.tuples(st.sampled_from(["", "", "", "", "  ", "    ", "- ", "  - ", "\t"]), _KEYS, _VALUES),
    min_size=1,
    max_size=8,
)


def _document(lines: list[tuple[str, str, str]], bom: bool) -> str:
    body = "".join(f"{indent}{key}: {value}\n" for indent, key, value in lines)
    return ("\ufeff" if bom else "") + body


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(_LINES, st.booleans())
def test_hostile_documents_give_the_same_data_errors_and_positions(
    lines: list[tuple[str, str, str]], bom: bool
) -> None:
    _assert_same(_document(lines, bom))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab:-[]{},&*!<>|#'\"\n\t .01~", max_size=60))
def test_any_text_gives_the_same_answer(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [*a]\n",  # a recursive alias
        "a: &x [1, 2]\nb: *x\nc: [*x, *x]\n",  # aliases expanded where they are used
        "1.5: a\n'1.5': b\n",  # two keys, one path: positions built the old way
        "'<key>': 1\nb: 2\n",  # the builder's own marker as a key
        "1.5:\n  x: 1\n'1.5':\n  y: 2\n",
        "? a\n: 1\n",
        "- [a, b]\n- {c: d}\n",
        "plain text\n",
        "\ufeffname: Chat\n",
        "a: 1\n" * 2,
        "x: " + "[" * 41 + "]" * 41 + "\n",
        "- " * 39 + "x\n",
        "- " * 41 + "x\n",
        ".nan: 1\n.nan: 2\n",
        "true: 1\n1: 2\n",
        "<<: 1\n",
        "a: {<<: {b: 1}}\n",
        # aliases nest deeper than the text does: 41 levels refused, 40 read
        "x: &a " + "[" * 20 + "1" + "]" * 20 + "\ny: " + "[" * 20 + "*a" + "]" * 20 + "\n",
        "x: &a " + "[" * 20 + "1" + "]" * 20 + "\ny: " + "[" * 19 + "*a" + "]" * 19 + "\n",
        "x: &a " + "{k: " * 20 + "1" + "}" * 20 + "\ny: " + "{k: " * 19 + "*a" + "}" * 19 + "\n",
    ],
)
def test_edge_documents_give_the_same_answer(text: str) -> None:
    _assert_same(text)


_HUNDRED = "{" + ", ".join(f"k{i}: 0" for i in range(100)) + "}"


@pytest.mark.slow
@pytest.mark.parametrize(("uses", "refused"), [(240, False), (250, True)])
def test_the_value_limit_is_the_same_on_both_paths(uses: int, refused: bool) -> None:
    text = f"x: &a {_HUNDRED}\ny: [{', '.join(['*a'] * uses)}]\n"  # 201 values a use
    assert isinstance(_fast(text), str) is refused
    _assert_same(text, probe=False)


def test_the_alias_bomb_is_refused_by_both_paths_quickly() -> None:
    _assert_same((INVALID / "alias-bomb.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "file",
    sorted([*INVALID.glob("*.yaml"), *EXAMPLE.glob("*.yaml")]),
    ids=lambda p: p.name,
)
def test_every_fixture_and_example_file_gives_the_same_answer(file: Path) -> None:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    _assert_same(text)


# ---------------------------------------------------------------- positions on demand


def test_a_valid_document_is_built_without_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = yamlio._Builder.build

    def counting(self: Any, node: Any, at: Any) -> Any:
        built.append(str(at))
        return real(self, node, at)

    monkeypatch.setattr(yamlio._Builder, "build", counting)
    doc = parse_yaml("name: Walk\nneeds: [loneliness, money]\n", "a.yaml")
    assert doc.data == {"name": "Walk", "needs": ["loneliness", "money"]}
    assert built == []
    assert doc.position(("needs", 1)) == (2, 21)  # found in the node tree, still not built
    assert built == []
    with pytest.raises(CatalogueError, match="duplicate field"):
        parse_yaml("name: A\nname: B\n", "a.yaml")
    assert built  # a document with a problem is built with positions, to say where


@pytest.mark.parametrize("ambiguous", [False, True])
def test_a_slimmed_document_keeps_the_positions_it_was_asked_to(ambiguous: bool) -> None:
    text = "# a comment\nname: Walk\ncontact: {phone: 01632 960123}\n"
    if ambiguous:  # two keys, one path: every position is built to answer
        text += "1.5: a\n'1.5': b\n"
    kept = [(), ("name",), ("contact",), ("gone",)]
    slim = parse_yaml(text, "walk.yaml").keeping({"name": "Walk"}, kept)
    old = _slow(text, "walk.yaml")
    assert isinstance(old, YamlDocument)
    assert slim.values == {at: old.values[at] for at in kept if at in old.values}
    assert slim.keys == {}
    assert slim.position(("name",)) == (2, 7)
    assert slim.position(("contact", "phone")) == (3, 10)  # only the kept: its parent
    assert slim.key_position(("name",)) == (2, 7)  # a slimmed document keeps no keys


# ---------------------------------------------------------------- whole folders


def _slow_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document through the position-tracking builder, as before the quick path."""

    def unsure(self: Any, node: Any, depth: int) -> Any:
        raise yamlio._Unsure

    monkeypatch.setattr(yamlio._QuickBuilder, "build", unsure)


def _outcome(folder: Path) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    report = check_catalogue(folder, today=TODAY)
    try:
        catalogue = load_catalogue(folder, errors="skip")
        loaded = [str(p) for p in catalogue.problems] + [repr(a) for a in catalogue]
    except CatalogueErrors as exc:
        loaded = [str(e) for e in exc.errors]
    try:
        load_catalogue(folder)
        strict: list[str] = []
    except CatalogueErrors as exc:
        strict = [str(e) for e in exc.errors]
    return [f.to_dict() for f in report.findings], loaded, strict


_EDITS = st.lists(
    st.tuples(st.integers(0, 40), st.sampled_from(["dup", "tab", "value", "key", "drop"]), _VALUES),
    max_size=3,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(_EDITS, min_size=2, max_size=4))
def test_check_and_load_find_the_same_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[list[tuple[int, str, str]]]
) -> None:
    folder = tmp_path / "cat"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    examples = sorted(EXAMPLE.glob("*.yaml"))
    for n, file_edits in enumerate(edits):
        lines = examples[n * 7 % len(examples)].read_text(encoding="utf-8").splitlines()
        for at, how, value in file_edits:
            i = at % len(lines)
            key = lines[i].split(":", 1)[0]
            if how == "dup":
                lines.insert(i, lines[i])
            elif how == "tab":
                lines[i] = "\t" + lines[i]
            elif how == "value" and ":" in lines[i]:
                lines[i] = f"{key}: {value}"
            elif how == "key" and ":" in lines[i]:
                lines[i] = f"{value}:{lines[i].split(':', 1)[1]}"
            elif how == "drop":
                del lines[i]
        (folder / f"asset-{n}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = _outcome(folder)
    with monkeypatch.context() as patch:
        _slow_only(patch)
        slow = _outcome(folder)
    assert fast == slow


@pytest.mark.slow
def test_the_example_and_quality_fixtures_check_the_same_on_both_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for folder in (EXAMPLE, HERE / "fixtures" / "quality", INVALID, HERE / "fixtures"):
        fast = check_catalogue(folder, today=TODAY).findings
        with monkeypatch.context() as patch:
            _slow_only(patch)
            slow = check_catalogue(folder, today=TODAY).findings
        assert fast == slow
        assert fast  # each folder has something to report


def test_nan_keys_and_values_survive_the_quick_path() -> None:
    doc = parse_yaml("a: .nan\nb: [.inf, -.inf]\n")
    assert math.isnan(doc.data["a"]) and doc.data["b"] == [math.inf, -math.inf]
