"""The one YAML loader: YAML 1.2 rules, positions, and refusal of dangerous input."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialrx import yamlio
from socialrx.errors import CatalogueError
from socialrx.yamlio import MAX_FILE_BYTES, dump_yaml, parse_yaml, read_yaml

INVALID = Path(__file__).parent / "fixtures" / "invalid"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("y", "y"),
        ("10:30", "10:30"),
        ("2020-08-14", "2020-08-14"),
        ("01632 960123", "01632 960123"),
        ("0123", "0123"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("12", 12),
        ("-3", -3),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        ("0x1F", 31),
        ("0o17", 15),
        ('"true"', "true"),
        ("'12'", "12"),
    ],
)
def test_plain_values_follow_yaml_1_2_core_rules(text: str, expected: object) -> None:
    assert parse_yaml(f"value: {text}\n").data == {"value": expected}


def test_special_floats() -> None:
    data = parse_yaml("a: .inf\nb: -.Inf\nc: .nan\n").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


def test_positions_point_at_values_and_keys() -> None:
    doc = parse_yaml("name: Walk\nneeds:\n  - loneliness\n  - money\n", "a.yaml")
    assert doc.position(("needs", 1)) == (4, 5)
    assert doc.key_position(("needs",)) == (2, 1)
    assert doc.position(("needs", 7, "deeper")) == (2, 1) or doc.position(("needs",)) == (3, 3)


def test_duplicate_keys_are_errors_naming_both_lines() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_yaml("name: A\nsummary: x\nname: B\n", "a.yaml")
    assert str(caught.value) == (
        "a.yaml:3:1: name: duplicate field 'name' (first given on line 1) — "
        "keep one of them; YAML does not allow the same field twice"
    )


def test_python_tags_are_never_constructed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = 'status: !!python/object/apply:os.system ["echo constructed > pwned.txt"]\n'
    with pytest.raises(CatalogueError, match="is not allowed"):
        parse_yaml(text)
    assert not (tmp_path / "pwned.txt").exists()


@pytest.mark.parametrize("tag", ["!custom x", "!!binary aGVsbG8=", "!!set {a, b}", "!!int 12"])
def test_any_explicit_tag_is_refused(tag: str) -> None:
    with pytest.raises(CatalogueError, match="tag"):
        parse_yaml(f"value: {tag}\n")


def test_an_explicit_str_tag_keeps_text() -> None:
    assert parse_yaml("value: !!str 12\n").data == {"value": "12"}


def test_merge_keys_are_refused() -> None:
    with pytest.raises(CatalogueError, match="merge keys"):
        parse_yaml("base: &b {a: 1}\nother:\n  <<: *b\n")


def test_alias_bomb_is_rejected_quickly() -> None:
    # CPU time, not wall time: a bomb that expanded would burn minutes of CPU (it takes
    # about 0.06 s to refuse), while a busy shared machine stretches even CPU time a little.
    started = time.process_time()
    with pytest.raises(CatalogueError, match="expands to more than"):
        read_yaml(INVALID / "alias-bomb.yaml")
    assert time.process_time() - started < 3.0


def test_recursive_alias_is_rejected() -> None:
    with pytest.raises(CatalogueError, match="nested more than"):
        parse_yaml("a: &a [*a]\n")


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_yaml("\ufeffname: Chat\n").data == {"name": "Chat"}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("name: x\n" + "# padding\n" * (10 * 1024 * 1024 // 10))
    assert big.stat().st_size > MAX_FILE_BYTES
    started = time.process_time()  # CPU: refusing must not read the 10 MB
    with pytest.raises(CatalogueError) as caught:
        read_yaml(big)
    assert "the file is too large" in caught.value.message
    assert time.process_time() - started < 1.0


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"name: ok\nsummary: Caf\xe9\n")
    with pytest.raises(CatalogueError) as caught:
        read_yaml(bad)
    assert (caught.value.line, caught.value.column) == (2, 13)
    assert "not valid UTF-8" in caught.value.message


_scalars = st.one_of(
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            exclude_categories=["Cc", "Cs", "Zl", "Zp"],
            exclude_characters="\ufeff\x85",
        ),
        max_size=30,
    ),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
_documents = st.dictionaries(
    st.text(alphabet="abcdefghij_", min_size=1, max_size=8),
    st.one_of(
        _scalars,
        st.lists(_scalars, max_size=4),
        st.dictionaries(st.text(alphabet="klmnop", min_size=1, max_size=5), _scalars, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.slow
@given(_documents)
def test_dump_then_parse_gives_back_the_same_data(data: dict[str, object]) -> None:
    assert parse_yaml(dump_yaml(data)).data == data


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    """The fast C parser must not silently fall back to pure Python (4x slower)."""
    import yaml

    from socialrx import yamlio

    if yaml.__with_libyaml__:
        assert yamlio._Parser.__module__ == "yaml._yaml"


_SCALARS = st.text(alphabet="-+.0123456789eExXoOabfinlNTtruAsyYF~ _", max_size=10)


@given(
    _SCALARS
    | st.text(max_size=10)
    | st.sampled_from([".inf", "-.Inf", ".NaN", "~", "0o17", "\n", "12\n"])
)
def test_plain_words_skip_the_patterns_without_changing_what_a_value_reads_as(text: str) -> None:
    quick, full = yamlio._plain_scalar(text), yamlio._resolve_plain(text)
    assert type(quick) is type(full)
    assert repr(quick) == repr(full)  # repr: NaN equals itself
