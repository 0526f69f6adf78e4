"""A stale copy is one group listed twice, whatever its times or organisation say (issue
12 item 7; rule 69, ``docs/matching.md``).

* An entry checked over a year before another at the same place, for the same
  activity and the same people, with a similar name, is the stale copy of it: its
  times and the way it named its organisation were true once and may have changed.
  ``match`` shows the fresher once and says why the other is left out; ``socialrx
  check`` reports the old copy (SRX201) and says it is one.
* Not merged: two activities at one venue, groups told apart by who they are for
  (rule 56), names saying another number or another day or time of day, other places
  or other people, and entries checked within a year of each other at other times.

Small hand-made assets and files only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Person
from socialrx.quality import check_catalogue

TODAY = date(2026, 12, 1)
PERSON = Person(postcode="SO19 9FJ", max_travel_km=10)
_THU = [{"days": ["thu"], "start": "13:30", "end": "15:30"}]
_WED = [{"days": ["wed"], "start": "10:00", "end": "12:00"}]
_here = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness"],
    activities=["knitting"],
    locations=[{"postcode": "SO19 9FJ"}],
)


def _fresh(**fields: Any) -> Any:
    return _here(
        **{
            "id": "knit-natter",
            "name": "Woolston Knit & Natter",
            "organisation": "Woolston Community Centre (fictional)",
            "schedule": _THU,
            "contact": {"phone": "01632 960201"},
            "last_verified": "2026-11-02",
            **fields,
        }
    )


def _old(**fields: Any) -> Any:
    return _here(
        **{
            "id": "knit-natter-group",
            "name": "Woolston Knit and Natter Group",
            "organisation": "Woolston Community Centre (fictional)",
            "schedule": _WED,
            "contact": {"phone": "01632 960201"},
            "last_verified": "2022-09-14",
            **fields,
        }
    )


def _shown(*assets: Any) -> list[str]:
    return sorted(m.id for m in match(PERSON, Catalogue(list(assets)), today=TODAY))


@pytest.mark.slow
def test_a_stale_copy_with_old_times_is_shown_once() -> None:
    # The group moved from Wednesday mornings to Thursday afternoons; the old entry kept
    # the old times.
    result = match(PERSON, Catalogue([_old(), _fresh()]), today=TODAY)
    assert [m.id for m in result] == ["knit-natter"]
    assert "Also listed as 'Woolston Knit and Natter Group'" in result.matches[0].cautions[-1]
    (left_out,) = result.excluded
    assert left_out.codes == ("duplicate",)
    assert "An older entry for 'Woolston Knit & Natter' (knit-natter)" in left_out.reasons[0]
    assert "4 years later" in left_out.reasons[0]
    assert "times or organisation may be out of date" in left_out.reasons[0]


def test_a_stale_copy_naming_its_organisation_differently_is_shown_once() -> None:
    # Two volunteers entered one group, naming its organisation two ways.
    fresh = _fresh(
        id="library-knit",
        name="Knit and Natter at Central Library",
        organisation="Friends of the Central Library (fictional)",
        schedule=[{"days": ["tue"], "start": "10:00", "end": "12:00"}],
        contact=None,
        last_verified="2026-10-20",
    )
    old = _old(
        id="knit-natter-library",
        name="Knit & Natter - Library",
        organisation="Library volunteers (fictional)",
        schedule=[{"days": ["tue"], "start": "10:00", "end": "12:00"}],
        contact=None,
        last_verified="2021-11-03",
    )
    assert _shown(old, fresh) == ["library-knit"]
    # Checked within the year, the two organisations keep them two entries.
    assert _shown(old.model_copy(update={"last_verified": date(2026, 1, 5)}), fresh) == [
        "knit-natter-library",
        "library-knit",
    ]


def test_a_stale_copy_naming_its_place_its_own_way_is_shown_once(tmp_path: Path) -> None:
    # Five years on, the same group at the same place, its library named two ways.
    tue = [{"days": ["tue"], "start": "10:00", "end": "12:00"}]
    fresh = _fresh(
        id="central-library-knit",
        name="Knit and Natter at Central Library",
        schedule=tue,
        contact=None,
    )
    old = _old(
        id="knit-natter-newport-library",
        name="Knit & Natter - Newport Library",
        schedule=tue,
        contact=None,
        last_verified="2021-06-01",
    )
    assert _shown(old, fresh) == ["central-library-knit"]
    # Another activity at the library with a like name is not a copy.
    chess = _old(
        id="knit-natter-newport-library",
        name="Chess & Natter - Newport Library",
        activities=["chess"],
        schedule=tue,
        contact=None,
        last_verified="2021-06-01",
    )
    assert _shown(chess, fresh) == ["central-library-knit", "knit-natter-newport-library"]
    # check finds the old copy too.
    when = "schedule: [{days: [tue], start: '10:00', end: '12:00'}]\n"
    _write(tmp_path, "a-fresh", "Knit and Natter at Central Library", when, "2026-11-02")
    _write(tmp_path, "b-old", "Knit & Natter - Newport Library", when, "2021-06-01")
    ((slug, message),) = _reported(tmp_path)
    assert slug == "b-old"
    assert "looks like an old copy of 'Knit and Natter at Central Library'" in message


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        ({"name": "Woolston Chess Club", "activities": ["chess"]}, "another activity"),
        ({"name": "Woolston Knit and Natter for Carers"}, "told apart by who it is for"),
        ({"name": "Woolston Evening Knit and Natter"}, "a name saying when it meets"),
        ({"name": "Woolston Knit and Natter 2"}, "a number"),
        ({"locations": [{"postcode": "SO14 7LY"}]}, "another place"),
        ({"eligibility": {"min_age": 60}}, "for other people"),
        ({"last_verified": "2026-02-10"}, "checked within the year, at other times"),
    ],
)
def test_an_older_entry_stays_apart_when_something_else_differs(
    changed: dict[str, Any], why: str
) -> None:
    assert _shown(_old(**changed), _fresh()) == ["knit-natter", "knit-natter-group"], why


def test_numbered_walks_are_never_one_walk() -> None:
    walk = functools.partial(_here, activities=["walking"], organisation="Woolston Walks")
    first = walk(id="walk-1", name="Woolston Walk 1", schedule=_THU)
    second = walk(id="walk-2", name="Woolston Walk 2", schedule=_WED, last_verified="2021-05-05")
    assert _shown(first, second) == ["walk-1", "walk-2"]


def _write(
    folder: Path, slug: str, name: str, extra: str, checked: str, does: str = "knitting"
) -> None:
    (folder / f"{slug}.yaml").write_text(
        f'name: "{name}"\nsummary: Something to do and a chat.\nneeds: [loneliness]\n'
        f"delivery: [in-person]\nactivities: [{does}]\nlocations: [{{postcode: SO19 9FJ}}]\n"
        f"{extra}status: active\nlast_verified: {checked}\n",
        encoding="utf-8",
    )


def _reported(folder: Path) -> list[tuple[str, str]]:
    return [
        (Path(f.path).stem, f.message)
        for f in check_catalogue(folder, today=TODAY).findings
        if f.code == "SRX201"
    ]


def test_check_reports_the_old_copy_and_says_so(tmp_path: Path) -> None:
    tue = "schedule: [{days: [tue], start: '10:00', end: '12:00'}]\n"
    _write(
        tmp_path,
        "a-knit-natter-library",
        "Knit and Natter at Central Library",
        f"organisation: Friends of the Central Library (fictional)\n{tue}",
        "2026-10-20",
    )
    _write(
        tmp_path,
        "b-knit-natter-library",
        "Knit & Natter - Library",
        f"organisation: Library volunteers (fictional)\n{tue}",
        "2021-11-03",
    )
    ((slug, message),) = _reported(tmp_path)
    assert slug == "b-knit-natter-library"  # the old copy is the one to look at
    assert "looks like an old copy of 'Knit and Natter at Central Library'" in message
    assert "last checked 4 years before it" in message
    # Checked within the year of each other, they are two organisations' entries.
    _write(
        tmp_path,
        "b-knit-natter-library",
        "Knit & Natter - Library",
        f"organisation: Library volunteers (fictional)\n{tue}",
        "2026-01-03",
    )
    assert _reported(tmp_path) == []


def test_check_does_not_report_chess_and_knitting_at_one_library(tmp_path: Path) -> None:
    _write(tmp_path, "knit", "Central Library Knit and Natter", "", "2026-10-20")
    _write(tmp_path, "chess", "Central Library Chess Club", "", "2020-10-20", "chess")
    assert _reported(tmp_path) == []


_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(_DAYS),
    st.sampled_from(_DAYS),
    st.integers(8, 18),
    st.integers(8, 18),
    st.integers(0, 2000),
    st.booleans(),
)
def test_a_stale_copy_and_its_fresh_entry_never_both_show(
    day: str, day2: str, hour: int, hour2: int, days_older: int, same_organisation: bool
) -> None:
    # Whatever the times: over a year older, never both shown (the fresher is); checked
    # within the year of each other at other times, by other organisations, never merged.
    fresh = _fresh(
        schedule=[{"days": [day], "start": f"{hour:02}:00", "end": f"{hour + 1:02}:00"}],
        contact=None,
    )
    checked = fresh.last_verified - timedelta(days=days_older)
    old = _old(
        schedule=[{"days": [day2], "start": f"{hour2:02}:30", "end": f"{hour2 + 1:02}:30"}],
        contact=None,
        organisation=fresh.organisation if same_organisation else "Woolston Knitters (fictional)",
        last_verified=checked.isoformat(),
    )
    shown = _shown(old, fresh)
    if days_older >= 400:
        assert shown == ["knit-natter"]
    elif days_older < 330 and not same_organisation:
        assert shown == ["knit-natter", "knit-natter-group"]
