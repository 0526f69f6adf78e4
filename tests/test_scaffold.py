"""``socialrx new``: a new asset file that loads, explains itself and never overwrites."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.strategies import assets

from socialrx.catalogue import MODELINE_PREFIX, load_asset
from socialrx.cli import main
from socialrx.errors import CatalogueErrors
from socialrx.quality import check_catalogue
from socialrx.scaffold import (
    FIELD_COMMENTS,
    asset_data,
    asset_template,
    create_asset_file,
    file_name_for,
)
from socialrx.yamlio import parse_yaml

FLAGS = [
    "new",
    "--name",
    "Chair Yoga at the Library",
    "--summary",
    "Gentle yoga sitting down, then tea and a chat.",
    "--needs",
    "exercise, lonely",
    "--delivery",
    "in-person",
    "--postcode",
    "fy8 1dr",
    "--location-name",
    "St Annes Library",
    "--phone",
    "01632 960123",
    "--free",
]


@pytest.fixture
def no_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def test_flags_write_a_file_that_loads(
    tmp_path: Path, no_tty: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*FLAGS, "--folder", str(tmp_path)]) == 0
    file = tmp_path / "chair-yoga-at-the-library.yaml"
    assert f"Wrote {file}" in capsys.readouterr().out
    asset = load_asset(file)
    assert asset.key == "chair-yoga-at-the-library"
    assert asset.needs == ["physical-activity", "loneliness"]  # synonyms resolved
    assert asset.locations[0].postcode == "FY8 1DR"
    assert asset.last_verified == date.today()
    assert asset.cost is not None and asset.cost.free
    assert asset.contact is not None and asset.contact.phone == "01632 960123"


def test_the_file_has_the_modeline_and_a_comment_above_each_field(
    tmp_path: Path, no_tty: None
) -> None:
    assert main([*FLAGS, "--output", str(tmp_path / "yoga.yaml")]) == 0
    lines = (tmp_path / "yoga.yaml").read_text().splitlines()
    assert lines[0].startswith(MODELINE_PREFIX)
    fields = [
        (i, line.split(":")[0])
        for i, line in enumerate(lines)
        if line and not line.startswith(("#", " ", "-"))
    ]
    assert [name for _, name in fields] == [
        "name",
        "summary",
        "needs",
        "delivery",
        "locations",
        "cost",
        "contact",
        "status",
        "last_verified",
    ]
    for i, name in fields:
        above: list[str] = []
        while lines[i - 1 - len(above)].startswith("# "):
            above.insert(0, lines[i - 1 - len(above)][2:])
        assert " ".join(above) == FIELD_COMMENTS[name], f"no comment above {name}"


def test_new_output_passes_check(tmp_path: Path, no_tty: None) -> None:
    assert main([*FLAGS, "--folder", str(tmp_path)]) == 0
    report = check_catalogue(tmp_path)
    assert report.errors == ()
    # Outside a repository the schema line is the catalogue's own (../../schema/…), so
    # it resolves once the file is in assets/<place>/; here that is the only warning.
    assert [f.code for f in report.warnings] == ["SRX503"]


def test_modeline_outside_a_repository_is_the_catalogues_own(tmp_path: Path, no_tty: None) -> None:
    assert main([*FLAGS, "--output", str(tmp_path / "yoga.yaml")]) == 0
    first = (tmp_path / "yoga.yaml").read_text().splitlines()[0]
    assert first == f"{MODELINE_PREFIX}../../schema/asset.schema.json"
    assert "example.org" not in first


def test_modeline_is_relative_inside_a_repository(tmp_path: Path, no_tty: None) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "asset.schema.json").write_text("{}")
    folder = tmp_path / "assets" / "lytham"
    assert main([*FLAGS, "--folder", str(folder)]) == 0
    first = (folder / "chair-yoga-at-the-library.yaml").read_text().splitlines()[0]
    assert first == f"{MODELINE_PREFIX}../../schema/asset.schema.json"


def test_refuses_to_overwrite(
    tmp_path: Path, no_tty: None, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "yoga.yaml"
    target.write_text("keep me\n")
    assert main([*FLAGS, "--output", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text() == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["yoga.yaml"]  # no temporary left behind


def test_without_a_terminal_missing_flags_are_named(
    tmp_path: Path, no_tty: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["new", "--name", "Walk", "--delivery", "outdoor", "--folder", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "missing --summary, --needs, --postcode" in err
    assert list(tmp_path.iterdir()) == []


def test_bad_flag_values_say_which_flag_and_what_was_meant(
    tmp_path: Path, no_tty: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "new",
            "--name",
            "Walk",
            "--summary",
            "A walk.",
            "--needs",
            "lonelyness",
            "--delivery",
            "phone",
            "--folder",
            str(tmp_path),
        ]
    )
    assert code == 2
    assert "--needs: 'lonelyness' is not a known need — did you mean 'loneliness'?" in (
        capsys.readouterr().err
    )


def test_questions_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(
        [
            "Sing Together",  # name
            "",  # summary left empty: asked again
            "A friendly choir on Zoom.",  # summary
            "singing, lonelyness",  # a typo: asked again with a hint
            "creativity, loneliness",  # needs
            "online",  # delivery
            "Zoom",  # platform
            "Sing Together Fylde",  # organisation
            "",
            "choir@example.org",
            "",
            "E-mail for the link.",  # phone, e-mail, web, join
            "y",  # free
        ]
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["new", "--folder", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "This one is needed." in out
    assert "'lonelyness' is not a known need; did you mean 'loneliness'?" in out
    asset = load_asset(tmp_path / "sing-together.yaml")
    assert asset.needs == ["creativity", "loneliness"]
    assert asset.digital is not None and asset.digital.platform == "Zoom"
    assert asset.contact is not None and asset.contact.email == "choir@example.org"


def test_questions_for_a_place_ask_again_for_an_unknown_delivery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(
        [
            "in person",  # not a delivery mode: asked again, with the choices
            "in-person, outdoor",  # delivery
            "fy8 1dr",  # postcode
            "Ashton Gardens",  # place name
            *[""] * 5,  # organisation, phone, e-mail, web, join
            "n",  # free
        ]
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    argv = ["new", "--name", "Park Walk", "--summary", "A walk.", "--needs", "exercise"]
    assert main([*argv, "--folder", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "'in person' is not a way of taking part; did you mean 'in-person'? "
        "Choose from: in-person, outdoor, online, phone, home-visit"
    ) in out
    asset = load_asset(tmp_path / "park-walk.yaml")
    assert asset.delivery == ["in-person", "outdoor"]
    assert [(loc.name, loc.postcode) for loc in asset.locations] == [("Ashton Gardens", "FY8 1DR")]
    assert asset.cost is None and asset.contact is None


def test_no_input_never_asks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("asked a question"))
    assert main(["new", "--name", "Walk", "--no-input", "--folder", str(tmp_path)]) == 2


def test_file_names() -> None:
    assert file_name_for("Knit & Natter (St Annes)") == "knit-natter-st-annes.yaml"
    assert file_name_for("!!!") == "new-asset.yaml"


def test_asset_data_reports_every_problem() -> None:
    with pytest.raises(CatalogueErrors) as exc:
        asset_data(name="Walk", summary="", needs=["money"], delivery=["outdor"])
    assert {e.field for e in exc.value.errors} == {"summary", "delivery.0"}


def test_create_refuses_invalid_data(tmp_path: Path) -> None:
    with pytest.raises(CatalogueErrors):
        create_asset_file({"name": "Walk"}, tmp_path / "walk.yaml")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(asset=assets())
def test_any_valid_asset_round_trips_through_the_template(tmp_path: Path, asset: object) -> None:
    from socialrx import Asset

    assert isinstance(asset, Asset)
    data = asset.to_data()
    text = asset_template(data, tmp_path / f"{asset.key}.yaml")
    assert parse_yaml(text).data == data
    for key in data:
        assert f"\n# {FIELD_COMMENTS[key].split()[0]}" in text


def test_docstring_examples() -> None:
    import doctest

    import socialrx.scaffold

    result = doctest.testmod(socialrx.scaffold, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
