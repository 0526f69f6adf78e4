"""Re-import keeps hand edits; imports land all at once; nothing escapes the folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialrx import load_catalogue
from socialrx.cli import main
from socialrx.interop import import_records
from socialrx.interop.merging import LAST_IMPORT, merge_fields
from socialrx.model import Asset
from socialrx.yamlio import parse_yaml

TODAY = date(2026, 11, 22)


def _service(sid: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "name": name,
        "description": "A friendly group for people who feel lonely.",
        "status": "active",
        "assured_date": "2026-01-01",
        "phones": [{"number": "01632 960001"}],
        "service_at_locations": [{"location": {"addresses": [{"postal_code": "FY8 1DR"}]}}],
        **extra,
    }


def _feed(path: Path, services: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(services), encoding="utf-8")
    return path


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new))


def test_merge_fields_is_three_way() -> None:
    base = {"a": 1, "b": 1, "c": 1, "d": 1}
    mine = {"a": 2, "b": 1, "c": 5, "d": 1}
    theirs = {"a": 1, "b": 3, "c": 6}
    merged, conflicts = merge_fields(base, mine, theirs)
    assert merged == {"a": 2, "b": 3, "c": 5}  # d deleted upstream, untouched by hand
    assert conflicts == ["c"]


def test_reimport_keeps_hand_edits_and_takes_upstream_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    feed = _feed(
        tmp_path / "v1.json", [_service("1", "Knit and Natter"), _service("2", "Tea Dance")]
    )
    import_records("hsds3", feed, out, today=TODAY)
    knit = out / "knit-and-natter.yaml"
    _edit(
        knit,
        "summary: A friendly group for people who feel lonely.",
        "summary: Knitting, Tuesdays.",
    )
    # Upstream changes the phone of both, and the summary-bearing description of neither.
    v2 = [
        _service("1", "Knit and Natter", phones=[{"number": "01632 960999"}]),
        _service("2", "Tea Dance", phones=[{"number": "01632 960888"}]),
    ]
    report = import_records("hsds3", _feed(tmp_path / "v2.json", v2), out, today=TODAY)
    assert report.merge is not None
    assert report.merge.merged == ["knit-and-natter.yaml"]
    assert report.merge.updated == ["tea-dance.yaml"]
    assert report.merge.conflicts == []
    text = knit.read_text()
    assert "summary: Knitting, Tuesdays." in text and "01632 960999" in text
    assert "01632 960888" in (out / "tea-dance.yaml").read_text()
    assert len(load_catalogue(out)) == 2


def test_conflicts_keep_the_edit_and_are_reported(tmp_path: Path) -> None:
    out = tmp_path / "out"
    import_records("hsds3", _feed(tmp_path / "a.json", [_service("1", "Knit and Natter")]), out)
    knit = out / "knit-and-natter.yaml"
    _edit(knit, "01632 960001", "01632 960222")
    v2 = [_service("1", "Knit and Natter", phones=[{"number": "01632 960333"}])]
    report = import_records("hsds3", _feed(tmp_path / "b.json", v2), out)
    assert report.merge is not None and report.merge.conflicts == [
        ("knit-and-natter.yaml", "contact")
    ]
    assert "01632 960222" in knit.read_text()
    assert "knit-and-natter.yaml: contact" in report.to_text()


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    feed = _feed(tmp_path / "a.json", [_service("1", "Knit and Natter")])
    assert main(["import", str(feed), "-o", str(out), "--dry-run"]) == 0
    assert not out.exists()
    assert "1 new" in capsys.readouterr().out
    import_records("hsds3", feed, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    v2 = _feed(tmp_path / "b.json", [_service("1", "Knit & Natter Club")])
    assert main(["import", str(v2), "-o", str(out), "--dry-run"]) == 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert "Dry run: nothing was written." in capsys.readouterr().out


def test_deleted_upstream_is_reported_not_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    both = [_service("1", "Knit and Natter"), _service("2", "Tea Dance")]
    import_records("hsds3", _feed(tmp_path / "a.json", both), out)
    report = import_records("hsds3", _feed(tmp_path / "b.json", both[:1]), out)
    assert report.merge is not None and report.merge.deleted_upstream == ["tea-dance.yaml"]
    assert (out / "tea-dance.yaml").is_file()
    assert "No longer in the source" in report.to_text()


def test_changed_file_without_a_last_import_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    feed = _feed(tmp_path / "a.json", [_service("1", "Knit and Natter")])
    import_records("hsds3", feed, out)
    (out / LAST_IMPORT).rename(tmp_path / "gone")  # as if imported by an older socialrx
    _edit(out / "knit-and-natter.yaml", "01632 960001", "01632 960444")
    report = import_records("hsds3", feed, out)
    assert report.merge is not None and report.merge.kept == ["knit-and-natter.yaml"]
    assert "01632 960444" in (out / "knit-and-natter.yaml").read_text()
    report = import_records("hsds3", feed, out, force=True)
    assert report.merge is not None and report.merge.updated == ["knit-and-natter.yaml"]
    assert "01632 960001" in (out / "knit-and-natter.yaml").read_text()


def test_file_deleted_by_hand_is_not_recreated(tmp_path: Path) -> None:
    out = tmp_path / "out"
    feed = _feed(tmp_path / "a.json", [_service("1", "Knit and Natter")])
    import_records("hsds3", feed, out)
    (out / "knit-and-natter.yaml").unlink()
    report = import_records("hsds3", feed, out)
    assert report.merge is not None and report.merge.removed_by_hand == ["knit-and-natter.yaml"]
    assert not (out / "knit-and-natter.yaml").exists()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_kill_9_mid_import_leaves_no_half_folder(tmp_path: Path) -> None:
    services = [_service(str(i), f"Group {i:05d}") for i in range(300)]
    feed = _feed(tmp_path / "big.json", services)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "socialrx", "import", str(feed), "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.import-*")) and time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.skip("the import finished before it could be killed")
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists()  # no half folder for validate to call valid
    report = import_records("hsds3", feed, out)  # the next run tidies up and finishes
    assert report.imported == 300 and len(load_catalogue(out)) == 300
    assert not list(tmp_path.glob(".out.*"))


# ------------------------------------------------------------------ properties

_hostile = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["../../escaped", "/etc/passwd", "CON", "NUL", "a\nb: c", "x" * 300, "sub/dir/x"]
    ),
)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(st.fixed_dictionaries({"id": _hostile, "name": _hostile}), max_size=8))
def test_import_stays_in_its_folder_and_accounts_for_every_record(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("prop")
    feed = _feed(root / "feed.json", [{**r, "url": "https://example.org"} for r in records])
    out = root / "a" / "out"
    report = import_records("hsds3", feed, out, today=TODAY)
    assert len(report.records) == len(records)
    assert report.imported + report.needs_review == len(records)
    written = {p for p in root.rglob("*") if p.is_file()}
    assert all(p == feed or out in p.parents for p in written)
    for record in report.records:
        assert record.file is not None and (out / record.file).is_file()
    for review in (out / "needs-review").glob("*"):
        data = parse_yaml(review.read_text()).data
        assert set(data) <= set(Asset.model_fields)  # no key forged by an id or a name
    assert len(report.to_text().splitlines()) == len(report.summary().splitlines()) + 1 + sum(
        1
        + len(r.missing)
        + len(r.cleaned)
        + bool(r.inferred)
        + bool(r.not_recorded)
        + bool(r.duplicate_of)
        for r in report.records
    ) + (len(report.duplicates) + 2 if report.duplicates else 0)
