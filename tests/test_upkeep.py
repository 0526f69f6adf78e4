"""Recording checks and bulk status changes edit files in place, touching only changed lines."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialrx
from socialrx.catalogue import load_asset
from socialrx.cli import main
from socialrx.errors import CatalogueError, SelectionError, UnknownAssetError
from socialrx.upkeep import edit_text, parse_where, read_asset_file, unverified_change
from socialrx.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "assets").rglob("*.yaml"))
TODAY = date.today()


def _kept(text: str, changed: set[str]) -> list[str]:
    """The lines of a file that belong to no changed field (each field is one line here)."""
    return [
        line
        for line in text.splitlines(keepends=True)
        if not any(line.startswith(f"{name}:") for name in changed)
    ]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    shutil.copytree(ROOT / "assets", folder)
    return folder


# ------------------------------------------------------------------ every example asset


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_verify_on_every_example_changes_only_its_lines(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    changes = {
        "last_verified": date(2026, 11, 30),
        "status": "temporarily-closed",
        "status_note": "Closed: the hall's roof leaks #2",
        "status_since": date(2026, 11, 30),
        "status_until": date(2027, 3, 31),
    }
    after = edit_text(before, changes, path=str(path))
    assert _kept(after, set(changes)) == _kept(before, set(changes))
    expected = {**parse_yaml(before).data, **{k: str(v) for k, v in changes.items()}}
    expected = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in expected.items()}
    got = parse_yaml(after).data
    assert {k: str(v) for k, v in got.items() if k in changes} == {
        k: str(v) for k, v in expected.items() if k in changes
    }
    assert {k: v for k, v in got.items() if k not in changes} == {
        k: v for k, v in expected.items() if k not in changes
    }
    # Each changed or added field is one line; nothing else moved.
    assert len(after.splitlines()) - len(before.splitlines()) == len(
        [k for k in changes if f"\n{k}:" not in "\n" + before]
    )


@pytest.mark.slow
def test_set_status_on_every_example_keeps_files_loadable(catalogue: Path) -> None:
    before = {p: p.read_bytes() for p in catalogue.rglob("*.yaml")}
    files = socialrx.select_files(catalogue, ["status!=defunct"])
    edits = socialrx.set_status(files, "temporarily-closed", note="Closed until further notice")
    socialrx.upkeep.write_edits(edits)
    for path, old in before.items():
        new = path.read_bytes()
        if load_asset(path).status_note == "Closed until further notice":
            changed = {"status", "status_note", "status_since"}
            kept_old = _kept(old.decode(), changed)
            assert _kept(new.decode(), changed) == kept_old, path
        else:
            assert new == old, path  # the defunct entry was not selected
        assert load_asset(path).status in ("temporarily-closed", "defunct")


# ------------------------------------------------------------------ formatting that survives


def test_comments_quotes_and_trailing_comments_survive() -> None:
    text = (
        "# yaml-language-server: $schema=../schema/asset.schema.json\n"
        "name: 'Knit & Natter'   # Tuesdays\n"
        "\n"
        'status: "active"  # asked Jean\n'
        "last_verified: '2025-01-02'\n"
    )
    after = edit_text(text, {"status": "inactive", "last_verified": date(2026, 11, 30)})
    assert after == (
        "# yaml-language-server: $schema=../schema/asset.schema.json\n"
        "name: 'Knit & Natter'   # Tuesdays\n"
        "\n"
        'status: "inactive"  # asked Jean\n'
        "last_verified: '2026-11-30'\n"
    )


def test_a_block_scalar_note_is_replaced_and_blank_lines_after_it_stay() -> None:
    text = "status: active\nstatus_note: |\n  Line one\n  line two\n\n\nlast_verified: 2025-01-02\n"
    after = edit_text(text, {"status_note": "Back in April 2027"})
    assert (
        after == "status: active\nstatus_note: Back in April 2027\n\n\nlast_verified: 2025-01-02\n"
    )


def test_removing_a_note_removes_only_its_lines() -> None:
    text = (
        "status: active\nstatus_note: >-\n  folded\n  note\n# keep me\nlast_verified: 2025-01-02\n"
    )
    assert edit_text(text, {"status_note": None}) == (
        "status: active\n# keep me\nlast_verified: 2025-01-02\n"
    )


def test_new_fields_go_after_the_status_fields_in_order() -> None:
    text = "name: A\nstatus: active\nfunding: {at_risk: true}\nlast_verified: 2025-01-02"
    after = edit_text(
        text,
        {
            "status_until": date(2027, 1, 1),
            "status_note": "Paused",
            "status_since": date(2026, 1, 1),
        },
    )
    assert after == (
        "name: A\nstatus: active\nstatus_note: Paused\nstatus_since: 2026-01-01\n"
        "status_until: 2027-01-01\nfunding: {at_risk: true}\nlast_verified: 2025-01-02"
    )


def test_windows_line_endings_and_a_byte_order_mark_are_kept() -> None:
    text = "\ufeffname: A\r\nstatus: active\r\nlast_verified: 2025-01-02\r\n"
    after = edit_text(text, {"status": "inactive", "status_note": "Stopped"})
    assert after == (
        "\ufeffname: A\r\nstatus: inactive\r\nstatus_note: Stopped\r\nlast_verified: 2025-01-02\r\n"
    )


@pytest.mark.parametrize(
    ("note", "written"),
    [
        ("Back in April", "Back in April"),
        ("Closed: roof", '"Closed: roof"'),
        ("no", '"no"'),
        ("2027-01-01", '"2027-01-01"'),
        ("#1 priority", '"#1 priority"'),
        ("Tea 50p # cash", '"Tea 50p # cash"'),
        ("Jean's group", "Jean's group"),
    ],
)
def test_notes_are_quoted_only_when_they_must_be(note: str, written: str) -> None:
    after = edit_text("status: active\n", {"status_note": note})
    assert after == f"status: active\nstatus_note: {written}\n"
    assert parse_yaml(after).data["status_note"] == note


def test_a_field_holding_a_list_is_refused_with_its_line() -> None:
    with pytest.raises(CatalogueError, match="holds a list or mapping") as caught:
        edit_text("name: A\nstatus:\n  - active\n", {"status": "inactive"}, path="a.yaml")
    assert str(caught.value).startswith("a.yaml:2:")


def test_a_flow_mapping_file_is_refused() -> None:
    with pytest.raises(CatalogueError, match="line by line"):
        edit_text("{name: A, status: active}\n", {"status": "inactive"})


def test_broken_yaml_gives_the_loaders_one_line_message() -> None:
    with pytest.raises(CatalogueError) as caught:
        edit_text("name: A\n  status: : active\n", {"status": "inactive"}, path="b.yaml")
    assert str(caught.value).startswith("b.yaml:2:")


# ------------------------------------------------------------------ Hypothesis

_words = (
    st.text(alphabet="abcdefghij klmnop'-,.:#", min_size=1, max_size=25).map(str.strip).filter(bool)
)


def _scalar(draw: st.DrawFn, value: str) -> str:
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single" or (style == "plain" and not _safe_plain(value)):
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _safe_plain(value: str) -> bool:
    try:
        return parse_yaml(f"k: {value}\n").data == {"k": value}
    except CatalogueError:
        return False


@st.composite
def asset_texts(draw: st.DrawFn) -> tuple[str, dict[str, list[str]]]:
    """An asset-like file in varied styles, and each field's own lines."""
    status = draw(st.sampled_from(["active", "inactive", '"active"', "active  # asked"]))
    verified = draw(st.sampled_from(["2025-01-02", "'2024-12-31'"]))
    fields: dict[str, list[str]] = {
        "name": [f"name: {_scalar(draw, draw(_words))}"],
        "status": [f"status: {status}"],
        "last_verified": [f"last_verified: {verified}"],
        "locations": ["locations:", "  - name: Hall  # main hall", "    postcode: FY8 1DR"],
        "contact": ['contact: {phone: "01632 960123", how_to_join: "Ring: any day"}'],
    }
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["plain", "block", "folded"]))
        if kind == "plain":
            fields["status_note"] = [f"status_note: {_scalar(draw, draw(_words))}"]
        else:
            head = "|" if kind == "block" else ">-"
            fields["status_note"] = [f"status_note: {head}", "  first line", "  second: line"]
    if draw(st.booleans()):
        fields["status_until"] = ["status_until: 2026-01-31"]
    order = draw(st.permutations(list(fields)))
    lines: list[str] = []
    for name in order:
        if draw(st.booleans()):
            # (an indented comment right after a block scalar would be part of its text)
            lines.append(draw(st.sampled_from(["", "# a comment", "#"])))
        lines.extend(fields[name])
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    end = newline if draw(st.booleans()) else ""
    return newline.join(lines) + end, fields


@settings(max_examples=60, deadline=None)
@given(
    asset_texts(),
    st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(["active", "temporarily-closed", "inactive"]),
            "status_note": st.one_of(st.none(), _words),
            "status_since": st.dates(date(2020, 1, 1), date(2030, 1, 1)),
            "status_until": st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1))),
            "last_verified": st.dates(date(2020, 1, 1), date(2030, 1, 1)),
        },
    ),
)
@pytest.mark.slow  # over half a second
def test_generated_files_change_only_the_changed_fields(
    generated: tuple[str, dict[str, list[str]]], changes: dict[str, object]
) -> None:
    text, fields = generated
    after = edit_text(text, changes)  # type: ignore[arg-type]
    expected = dict(parse_yaml(text).data)
    for name, value in changes.items():
        if value is None:
            expected.pop(name, None)
        else:
            expected[name] = value.isoformat() if isinstance(value, date) else value
    assert parse_yaml(after).data == expected
    # Every line that belongs to an unchanged field, every comment and blank line, is
    # still there, in the same order, byte for byte.
    changed_lines = {line for name in changes for line in fields.get(name, [])}
    newline = "\r\n" if "\r\n" in text else "\n"
    untouched = [line for line in text.split(newline) if line not in changed_lines]
    # A file whose last field is removed ends with a line break even if it had none
    # (the line before it kept its own); that is the only line break that may appear.
    if not text.endswith(newline) and after.endswith(newline):
        after = after[: -len(newline)]
    survivors = [
        line
        for line in after.split(newline)
        if not any(line.startswith(f"{name}:") for name in changes)
    ]
    # A blank line that only separated a removed last field from the rest may go with it.
    kept = [line for line in survivors if line not in changed_lines]
    while untouched and not untouched[-1] and len(untouched) > len(kept):
        untouched.pop()
    assert kept == untouched


# ------------------------------------------------------------------ verify


def test_verify_records_the_check_and_prints_a_diff(catalogue: Path) -> None:
    path = catalogue / "lytham-st-annes" / "knit-and-natter.yaml"
    old = path.read_text(encoding="utf-8")
    (edit,) = socialrx.verify(["knit-and-natter"], catalogue, on=TODAY)
    assert edit.changed and edit.path == path
    assert f"+last_verified: {TODAY.isoformat()}" in edit.diff()
    assert load_asset(path).last_verified == TODAY
    assert _kept(path.read_text(encoding="utf-8"), {"last_verified"}) == _kept(
        old, {"last_verified"}
    )


def test_verify_dry_run_writes_nothing(catalogue: Path) -> None:
    path = catalogue / "lytham-st-annes" / "knit-and-natter.yaml"
    old = path.read_bytes()
    (edit,) = socialrx.verify(["knit-and-natter"], catalogue, dry_run=True)
    assert edit.changed and path.read_bytes() == old


def test_verify_a_status_change_records_since_and_drops_an_old_until(catalogue: Path) -> None:
    path = catalogue / "lytham-st-annes" / "knit-and-natter.yaml"
    socialrx.verify(
        [str(path)],
        catalogue,
        status="temporarily-closed",
        until=TODAY + timedelta(days=90),
        on=TODAY,  # the day the change was checked, whatever the clock says by now
    )
    assert load_asset(path).status_since == TODAY
    socialrx.verify(["knit-and-natter"], catalogue, status="active", note="")
    asset = load_asset(path)
    assert (asset.status, asset.status_until, asset.status_note) == ("active", None, None)


def test_verify_unknown_id_suggests_the_nearest(catalogue: Path) -> None:
    with pytest.raises(UnknownAssetError, match="did you mean 'knit-and-natter'"):
        socialrx.verify(["knit-and-nater"], catalogue)


def test_verify_refuses_a_future_date_and_an_until_before_it(catalogue: Path) -> None:
    with pytest.raises(SelectionError, match="after today"):
        socialrx.verify(["knit-and-natter"], catalogue, on=TODAY + timedelta(days=1))
    with pytest.raises(SelectionError, match="before"):
        socialrx.verify(["knit-and-natter"], catalogue, until=TODAY - timedelta(days=1))


# ------------------------------------------------------------------ selection


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (["delivery=home-visit"], {"good-neighbours-errands"}),
        (["organisation~fylde coast befriending"], {"phone-friends", "online-coffee-morning"}),
        (["need=exercise", "delivery=outdoor", "area=FY8 1"], {"seafront-walking-group"}),
        (["status=defunct"], {"lockdown-helpers"}),
    ],
)
def test_selections_pick_the_entries_a_maintainer_means(
    where: list[str], expected: set[str]
) -> None:
    picked = {f.asset_id for f in socialrx.select_files(ROOT / "assets", where)}
    assert expected <= picked
    if where == ["status=defunct"]:
        assert picked == expected


def test_area_matches_places_inside_and_service_areas_covering_it() -> None:
    in_fy8 = {f.asset_id for f in socialrx.select_files(ROOT / "assets", ["area=FY8"])}
    outside = {f.asset_id for f in socialrx.select_files(ROOT / "assets", ["area=LS1"])}
    assert "just-good-friends" in in_fy8  # Ashton Gardens, FY8 1DR
    assert not outside
    not_fy8 = {f.asset_id for f in socialrx.select_files(ROOT / "assets", ["area!=FY8"])}
    assert in_fy8.isdisjoint(not_fy8)
    assert len(in_fy8) + len(not_fy8) == len(EXAMPLES)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("delivery=inperson", "did you mean 'in-person'"),
        ("nede=loneliness", "did you mean 'need'"),
        ("need=lonly", "not a need"),
        ("area=XYZ123", "not a postcode area"),
        ("delivery", "not a selection"),
        ("status=", "empty value"),
    ],
)
def test_a_bad_expression_says_how_to_fix_it(expression: str, message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        parse_where(expression)


def test_an_unreadable_file_is_reported_and_the_rest_still_selected(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES[0], tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("status: [active\n", encoding="utf-8")
    problems: list[CatalogueError] = []
    files = socialrx.select_files(tmp_path, ["status=active"], problems=problems)
    assert [f.asset_id for f in files] == ["good"]
    assert len(problems) == 1 and problems[0].path.endswith("bad.yaml")


def test_set_status_leaves_entries_already_so_alone(catalogue: Path) -> None:
    files = socialrx.select_files(catalogue, ["status=temporarily-closed"])
    edits = socialrx.set_status(files, "temporarily-closed")
    assert files and not any(e.changed for e in edits)


# ------------------------------------------------------------------ pre-commit


def test_a_change_without_a_new_last_verified_is_refused() -> None:
    old = "name: A\nstatus: active\nlast_verified: 2025-01-02\n"
    problem = unverified_change(old, old.replace("name: A", "name: B"), "a.yaml")
    assert problem is not None and str(problem).startswith("a.yaml:3:1: last_verified:")
    assert unverified_change(old, old.replace("2025-01-02", "2026-11-30"), "a.yaml") is None
    assert unverified_change(None, old, "a.yaml") is None
    assert unverified_change(old, old, "a.yaml") is None
    recorded = edit_text(old, {"status": "inactive", "status_since": date(2026, 11, 30)})
    assert unverified_change(old, recorded, "a.yaml") is None


def test_read_asset_file_reads_ids_and_words() -> None:
    file = read_asset_file(ROOT / "assets" / "lytham-st-annes" / "just-good-friends.yaml")
    assert file.asset_id == "just-good-friends"
    assert file.words_of("delivery") == ["outdoor", "in-person"]
    assert file.text_of("status") == "active" and file.has("status_note")


# ------------------------------------------------------------------ command line


def test_verify_command_prints_the_diff(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["verify", "phone-friends", "--catalogue", str(catalogue), "--on", "2026-11-20"]
    assert main([*argv, "--status", "inactive", "--note", "Looking for volunteers"]) == 0
    out = capsys.readouterr().out
    assert "-status: active\n+status: inactive\n" in out
    assert "+status_note: Looking for volunteers\n" in out
    assert out.rstrip().endswith("Updated 1 file.")


def test_verify_command_unknown_id_exits_1(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "phone-frends", "--catalogue", str(catalogue)]) == 1
    assert "did you mean 'phone-friends'?" in capsys.readouterr().err


def test_set_status_without_a_terminal_or_yes_exits_2_and_writes_nothing(
    catalogue: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    before = {p: p.read_bytes() for p in catalogue.rglob("*.yaml")}
    argv = ["set-status", "temporarily-closed", "--where", "delivery=in-person"]
    assert main([*argv, "--where", "area=FY8", "--catalogue", str(catalogue)]) == 2
    out, err = capsys.readouterr()
    assert "will be set to temporarily-closed" in out and "--yes" in err
    assert {p: p.read_bytes() for p in catalogue.rglob("*.yaml")} == before


def test_set_status_with_yes_writes_and_asks_nothing(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["set-status", "temporarily-closed", "--where", "delivery=in-person", "--yes"]
    argv += ["--where", "area=FY8", "--catalogue", str(catalogue), "--until", "2099-01-01"]
    assert main(argv) == 0
    assert "Updated " in capsys.readouterr().out
    closed = socialrx.select_files(catalogue, ["status=temporarily-closed"])
    indoor = socialrx.select_files(catalogue, ["delivery=in-person", "area=FY8"])
    assert {f.path for f in indoor} <= {f.path for f in closed}
    assert all(f.text_of("status_until") == "2099-01-01" for f in indoor)


def test_set_status_asks_on_a_terminal(
    catalogue: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    before = {p: p.read_bytes() for p in catalogue.rglob("*.yaml")}
    assert (
        main(
            ["set-status", "inactive", "--where", "id=phone-friends", "--catalogue", str(catalogue)]
        )
        == 0
    )
    assert "Nothing written." in capsys.readouterr().out
    assert {p: p.read_bytes() for p in catalogue.rglob("*.yaml")} == before


def test_set_status_bad_expression_is_a_usage_error(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "set-status",
                "inactive",
                "--where",
                "delivery=inperson",
                "--catalogue",
                str(catalogue),
            ]
        )
        == 2
    )
    assert "did you mean 'in-person'?" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_require_verified_hook_refuses_an_unrecorded_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "assets").mkdir(parents=True)
    asset = repo / "assets" / "walk.yaml"
    shutil.copy(ROOT / "assets" / "lytham-st-annes" / "seafront-walking-group.yaml", asset)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    monkeypatch.chdir(repo)
    asset.write_text(asset.read_text(encoding="utf-8").replace("Walk", "Stroll", 1), "utf-8")
    assert main(["require-verified", "assets/walk.yaml"]) == 1
    assert "last_verified was not updated" in capsys.readouterr().err
    socialrx.verify(["assets/walk.yaml"])
    assert main(["require-verified", "assets/walk.yaml"]) == 0


def test_verify_command_records_the_good_files_when_one_is_broken(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = catalogue / "broken.yaml"
    broken.write_text("name: A\nname: B\n", encoding="utf-8")
    assert main(["verify", str(broken), "phone-friends", "--catalogue", str(catalogue)]) == 1
    out, err = capsys.readouterr()
    assert "Updated 1 file." in out
    assert "not updated: " in err and "duplicate field 'name'" in err
    assert load_asset(catalogue / "lytham-st-annes" / "phone-friends.yaml").last_verified == TODAY
