"""Formats by name: the READERS / WRITERS registries are what the library and the CLI offer."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import socialrx
from socialrx import Catalogue, UnreadableInputError
from socialrx.cli import main
from socialrx.interop import (
    FORMATS_IN,
    FORMATS_OUT,
    READERS,
    WRITERS,
    Draft,
    get_reader,
    get_writer,
    import_records,
)
from socialrx.interop.fields import (
    ACCESS_LABELS,
    DELIVERY_LABELS,
    ORUK_ATTENDING,
    STATUS_LABELS,
    match_delivery,
    per_from_text,
    yes_no,
)
from socialrx.interop.registry import TextReader, TextWriter
from socialrx.interop.schedules import rrule_of, sessions_from_rrule
from socialrx.model import ACCESS, DELIVERY, STATUSES
from strategies import sessions

ROOT = Path(__file__).resolve().parents[1]


def _help(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main(args)
    return capsys.readouterr().out


def test_formats_and_cli_choices_come_from_the_registries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert FORMATS_IN == tuple(READERS) == ("hsds3", "oruk-v1", "csv")
    assert FORMATS_OUT == tuple(WRITERS) == ("hsds3", "csv")
    assert "{hsds3,oruk-v1,csv}" in _help(["import", "--help"], capsys)
    assert "{hsds3,csv}" in _help(["export", "--help"], capsys)


@pytest.mark.parametrize(
    ("lookup", "name", "expected"),
    [
        (get_reader, "hsd3", "unknown import format 'hsd3'; did you mean 'hsds3'? (use one of "),
        (get_reader, "oruk_v1", "did you mean 'oruk-v1'?"),
        (get_writer, "CSV", "did you mean 'csv'?"),
        (get_writer, "oruk-v1", "unknown export format 'oruk-v1' (use one of hsds3, csv)"),
    ],
)
def test_an_unknown_format_names_the_ones_there_are(lookup: Any, name: str, expected: str) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        lookup(name)
    assert expected in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_import_records_refuses_an_unknown_format_before_touching_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(UnreadableInputError, match="did you mean 'csv'"):
        import_records("cvs", tmp_path / "missing.csv", out)
    assert not out.exists()


def _tab_separated(text: str) -> list[Draft]:
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    drafts = []
    for i, row in enumerate(rows, start=1):
        draft = Draft(system="tsv", index=i, source_id=row["ref"])
        draft.data = {"name": row["title"], "delivery": ["phone"], "needs": [row["need"]]}
        drafts.append(draft)
    return drafts


def test_a_new_import_format_is_one_registry_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(READERS, "tsv", TextReader(_tab_separated, "tab-separated test sheet"))
    sheet = tmp_path / "lines.tsv"
    sheet.write_text("ref\ttitle\tneed\nA1\tEvening Phone Friends\tloneliness\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", "--from", "tsv", str(sheet), "-o", str(out)]) == 0
    assert "imported:      1" in capsys.readouterr().out
    [file] = out.glob("*.yaml")
    assert file.name == "evening-phone-friends.yaml"
    text = file.read_text(encoding="utf-8")
    assert "system: tsv" in text and "id: A1" in text
    assert main(["validate", str(out)]) == 0


def test_a_new_export_format_is_one_registry_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_catalogue: Catalogue
) -> None:
    def names(catalogue: Any) -> str:
        return "".join(f"{a.name}\n" for a in catalogue)

    monkeypatch.setitem(WRITERS, "names", TextWriter(names, "one name a line"))
    out = tmp_path / "names.txt"
    assert main(["export", "assets", "--to", "names", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [a.name for a in example_catalogue]


def test_every_writer_writes_what_the_library_functions_give(
    example_catalogue: Catalogue,
) -> None:
    hsds = json.loads(get_writer("hsds3").write(example_catalogue))
    assert hsds == socialrx.export_hsds(example_catalogue)
    assert get_writer("csv").write(example_catalogue) == socialrx.export_csv(example_catalogue)


@pytest.mark.slow  # starts a fresh interpreter
def test_import_socialrx_does_not_load_interop_until_asked() -> None:
    code = (
        "import sys, socialrx\n"
        "before = 'socialrx.interop' in sys.modules\n"
        "socialrx.import_records\n"
        "print(before, 'socialrx.interop' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert done.stdout.split() == ["False", "True"]
    with pytest.raises(AttributeError, match="no attribute 'export_pdf'"):
        socialrx.export_pdf  # noqa: B018


def test_every_label_table_names_only_values_the_model_accepts() -> None:
    assert set(DELIVERY_LABELS.values()) == set(DELIVERY) == set(ORUK_ATTENDING)
    assert set(ACCESS_LABELS.values()) == set(ACCESS)
    assert set(STATUS_LABELS.values()) == set(STATUSES)


@pytest.mark.parametrize("mode", DELIVERY)
def test_every_delivery_mode_has_an_oruk_label_that_reads_back(mode: str) -> None:
    back = match_delivery(ORUK_ATTENDING[mode])
    assert back == ("in-person" if mode == "outdoor" else mode)


@pytest.mark.parametrize(
    ("text", "per"),
    [("per year", "year"), ("Annual fee", "year"), ("£3 a week", "week"), ("each", "session")],
)
def test_price_periods_are_read_from_the_words(text: str, per: str) -> None:
    assert per_from_text(text) == per


def test_yes_no_cells() -> None:
    assert [yes_no(t) for t in ("Yes", " x ", "N", "false", "maybe", "")] == [
        True,
        True,
        False,
        False,
        None,
        None,
    ]


@settings(max_examples=60, deadline=None)
@given(session=sessions())
def test_any_session_survives_the_hsds_schedule_fields(session: dict[str, Any]) -> None:
    rule = rrule_of(session)
    back = sessions_from_rrule(
        freq=rule.get("freq"),
        interval=rule.get("interval"),
        byday=rule.get("byday"),
        opens_at=rule.get("opens_at"),
        closes_at=rule.get("closes_at"),
        note=rule.get("description"),
    )
    assert back == [session]
