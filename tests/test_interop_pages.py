"""A folder of saved feed pages imports as one feed (socialrx.interop.pages).

People save an API's pages by hand (``page-1.json``, ``page-2.json``, …) when they
cannot let a tool fetch them. The pages here are the real Bristol ORUK v3 page and real
OpenActive RPDE items from ``../shared/data`` (skipped when it is absent), split into
pages; the hypothesis test builds small pages of its own.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.catalogue import load_catalogue
from socialrx.cli import main
from socialrx.errors import UnreadableInputError
from socialrx.interop import import_records
from socialrx.interop.pages import join_api_pages, read_saved_pages


@pytest.fixture
def bristol_page(shared_data: Path) -> dict[str, Any]:
    path = shared_data / "oruk" / "v3-samples" / "bristol-services-page1.json"
    page: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return page


def _split(page: dict[str, Any], sizes: list[int]) -> list[dict[str, Any]]:
    """The real page cut into API pages of the given sizes, numbered 1, 2, …"""
    out, start = [], 0
    for number, size in enumerate(sizes, start=1):
        part = copy.deepcopy(page)
        part.update(
            contents=page["contents"][start : start + size],
            total_items=len(page["contents"]),
            total_pages=len(sizes),
            page_number=number,
        )
        out.append(part)
        start += size
    return out


def _save(folder: Path, pages: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in pages.items():
        text = data if isinstance(data, str) else json.dumps(data)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _names(out: Path) -> set[str]:
    return {a.name for a in load_catalogue(out)}


def test_every_saved_page_is_imported_as_one_feed(
    bristol_page: dict[str, Any], tmp_path: Path
) -> None:
    one, two = _split(bristol_page, [1, 2])
    folder = _save(tmp_path / "pages", {"page-1.json": one, "page-2.json": two})
    report = import_records(None, folder, tmp_path / "out")
    assert report.system == "oruk-v3"
    assert _names(tmp_path / "out") == {s["name"] for s in bristol_page["contents"]}
    # Every page is here: no "one page of many" warning.
    assert not any("page" in w for w in report.warnings)


def test_missing_pages_and_repeated_services_are_said(
    bristol_page: dict[str, Any], tmp_path: Path
) -> None:
    one, two = _split(bristol_page, [2, 1])
    two["contents"].insert(0, copy.deepcopy(one["contents"][1]))  # the list moved on
    for page in (one, two):
        page.update(total_items=874, total_pages=292)
    folder = _save(tmp_path / "pages", {"page-1.json": one, "page-2.json": two})
    report = import_records(None, folder, tmp_path / "out", write=False)
    assert len(report.assets) == 3
    assert any("1 services appeared on two pages" in w for w in report.warnings)
    assert any("the API has 874 services; 3 are in these 2 pages" in w for w in report.warnings)


def test_pages_are_read_in_page_order_so_the_later_copy_wins(
    bristol_page: dict[str, Any], tmp_path: Path
) -> None:
    first = bristol_page["contents"][0]
    older, newer = copy.deepcopy(first), copy.deepcopy(first)
    older["name"], newer["name"] = "Old Name Drop-in", "New Name Drop-in"
    pages = {f"page-{n}.json": {"contents": []} for n in range(1, 12)}
    pages["page-2.json"] = {"contents": [older]}
    pages["page-10.json"] = {"contents": [newer]}  # after page-2, though "10" < "2" as text
    folder = _save(tmp_path / "pages", pages)
    report = import_records("oruk-v3", folder, tmp_path / "out", write=False)
    assert [a.name for a in report.assets] == ["New Name Drop-in"]


def test_a_broken_page_is_named_and_skipped_and_the_rest_imported(
    bristol_page: dict[str, Any], tmp_path: Path
) -> None:
    one, two = _split(bristol_page, [1, 2])
    folder = _save(
        tmp_path / "pages",
        {"page-1.json": one, "page-2.json": '{"contents": [', "page-3.json": two},
    )
    report = import_records(None, folder, tmp_path / "out")
    assert len(_names(tmp_path / "out")) == 3
    skipped = [w for w in report.warnings if "page-2.json" in w]
    assert skipped == [
        "page-2.json: not JSON (line 1, column 15: Expecting value); the page was skipped"
    ]


def test_saved_rpde_pages_keep_the_latest_version_of_each_item(
    shared_data: Path, tmp_path: Path
) -> None:
    fixtures = shared_data / "openactive" / "feed-normaliser-fixtures"
    series = json.loads((fixtures / "sessionseries.json").read_text(encoding="utf-8"))
    other = json.loads((fixtures / "facilityuse-2.json").read_text(encoding="utf-8"))
    deleted = {k: series[k] for k in ("kind", "id")} | {
        "state": "deleted",
        "modified": series["modified"] + 1,
    }
    folder = _save(
        tmp_path / "pages",
        {"1.json": {"items": [series, other], "next": "2"}, "2.json": {"items": [deleted]}},
    )
    saved = read_saved_pages(folder)
    assert saved.kind == "openactive" and saved.pages == 2
    assert any("earlier versions" in note for note in saved.notes)
    report = import_records(None, folder, tmp_path / "out")
    assert series["data"]["name"] not in _names(tmp_path / "out")
    assert report.counts()["imported"] >= 1


def test_a_folder_with_no_pages_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _save(tmp_path / "empty", {"notes.txt": "saved on Monday"})
    with pytest.raises(UnreadableInputError, match=r"no \.json pages"):
        read_saved_pages(folder)
    code = main(["import", str(folder), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "page-1.json" in err  # the hint says how to save pages


def test_a_folder_is_not_read_as_a_spreadsheet(tmp_path: Path) -> None:
    folder = _save(tmp_path / "pages", {"page-1.json": {"contents": []}})
    with pytest.raises(UnreadableInputError, match="saved pages of one feed"):
        import_records("csv", folder, tmp_path / "out")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from("abcdefg"), max_size=5).map(
            lambda ids: [{"id": i, "name": f"Service {i}"} for i in ids]
        ),
        max_size=5,
    )
)
def test_joined_pages_hold_each_id_once_with_its_last_copy(pages: list[list[Any]]) -> None:
    notes: list[str] = []
    joined = join_api_pages([{"contents": p} for p in pages], notes)
    ids = [r["id"] for r in joined]
    assert sorted(ids) == sorted({r["id"] for p in pages for r in p})
    assert len(ids) == len(set(ids))
    repeated = sum(len(p) for p in pages) - len(ids)
    assert bool(notes) == bool(repeated)
