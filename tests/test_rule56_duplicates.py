"""One group listed twice, and two groups that only look alike (issue 12 item 7; rule
56, ``docs/matching.md``).

* **An organisation left out is unknown, not another one.** Two entries at one place
  with overlapping sessions, one naming no organisation and no contact in common, are
  one group listed again when every word of one name is in the other and they are for
  one activity ("Pinhoe Wednesday Health Walk" and "Pinhoe Wednesday Walkers").
* **Words that tell groups apart** keep two entries apart however alike the rest:
  who a session is for ("Men's Shed" / "Women's Shed", a group and its carers'
  session), an activity the other does not do ("Walking Football" beside a walking
  group), a language; so does another group's name for its members ("Prom Striders").
* ``socialrx check`` judges pairs as ``match`` does and says when only one names its
  organisation.

Small hand-made assets and files only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.duplicates import told_apart
from socialrx.model import Person
from socialrx.quality import check_catalogue

TODAY = date(2026, 12, 1)
PERSON = Person(postcode="EX4 9EH", max_travel_km=10)
_WED = [{"days": ["wed"], "start": "10:00", "end": "11:15"}]
_MON = [{"days": ["mon"], "start": "11:00", "end": "13:00"}]
_here = functools.partial(
    make_asset,
    delivery=["outdoor"],
    needs=["physical-activity", "loneliness"],
    locations=[{"postcode": "EX4 9EH"}],
)


def _walk(**fields: Any) -> Any:
    return _here(**{"activities": ["walking"], "schedule": _WED, **fields})


def test_a_walk_listed_again_without_its_organisation_is_shown_once() -> None:
    # exeter's pair: the walk's own entry, and a 2021 copy naming no organisation, with
    # another phone number, "Walkers" for "Health Walk": one walk at one church gate.
    live = _walk(
        id="pinhoe-health-walk",
        name="Pinhoe Wednesday Health Walk",
        organisation="Pinhoe Health Walks (fictional)",
        activities=["walking", "health walk"],
        contact={"phone": "01632 960107"},
    )
    stale = _walk(
        id="pinhoe-walkers",
        name="Pinhoe Wednesday Walkers",
        schedule=[{"days": ["wed"], "start": "10:00", "end": "11:00"}],
        contact={"phone": "01632 960108"},
        last_verified="2021-04-12",
    )
    result = match(PERSON, Catalogue([stale, live]), today=TODAY)
    assert [m.id for m in result] == ["pinhoe-health-walk"]
    assert "Also listed as 'Pinhoe Wednesday Walkers'" in result.matches[0].cautions[-1]
    assert [e.codes for e in result.excluded] == [("duplicate",)]


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        ({"organisation": "Exeter Ramblers"}, "another organisation named"),
        ({"schedule": [{"days": ["thu"], "start": "10:00", "end": "11:00"}]}, "another day"),
        ({"locations": [{"postcode": "EX1 1HS"}]}, "another place"),
        (
            {"activities": ["birdwatching"], "name": "Pinhoe Wednesday Birdwatching"},
            "another activity",
        ),
        ({"name": "Pinhoe Wednesday Striders"}, "another group's name for its members"),
        ({"eligibility": {"min_age": 60}}, "for other people"),
    ],
)
def test_a_walk_without_its_organisation_stays_apart_when_something_differs(
    changed: dict[str, Any], why: str
) -> None:
    live = _walk(
        id="pinhoe-health-walk",
        name="Pinhoe Wednesday Health Walk",
        organisation="Pinhoe Health Walks (fictional)",
    )
    other = _walk(**{"id": "other", "name": "Pinhoe Wednesday Walkers", **changed})
    result = match(Person(postcode="EX4 9EH", max_travel_km=50), Catalogue([other, live]))
    assert sorted(m.id for m in result) == ["other", "pinhoe-health-walk"], why


# Two different groups at one community centre, at the same hour, of one organisation or
# with one naming none: losing one from someone's list is worse than showing a duplicate.
_CENTRE_PAIRS = [
    ("Monday Knit and Natter", ["knitting"], "Monday Lunch Club", ["lunch"]),
    ("Pinhoe Walking Group", ["walking"], "Pinhoe Walking Football Group", ["walking football"]),
    ("Men's Shed", ["woodwork"], "Women's Shed", ["woodwork"]),
    ("Memory Cafe", ["tea and chat"], "Memory Cafe Carers' Session", ["tea and chat"]),
    ("Pinhoe Walkers", ["walking"], "Pinhoe Walkers for Beginners", ["walking"]),
    ("Knit and Natter", ["knitting"], "Polish Knit and Natter", ["knitting"]),
]


@pytest.mark.parametrize("organisation", ["Pinhoe Community Centre", None])
@pytest.mark.parametrize(("name", "does", "name2", "does2"), _CENTRE_PAIRS)
def test_two_groups_at_one_centre_are_both_shown(
    name: str, does: list[str], name2: str, does2: list[str], organisation: str | None
) -> None:
    first = _here(
        id="first",
        name=name,
        organisation="Pinhoe Community Centre",
        activities=does,
        schedule=_MON,
    )
    second = _here(
        id="second",
        name=name2,
        organisation=organisation,
        activities=does2,
        schedule=_MON,
        last_verified="2023-01-10",
    )
    result = match(PERSON, Catalogue([first, second]), today=TODAY)
    assert sorted(m.id for m in result) == ["first", "second"]
    assert not result.excluded


def _write(folder: Path, slug: str, name: str, extra: str = "") -> None:
    (folder / f"{slug}.yaml").write_text(
        f'name: "{name}"\nsummary: Meets at the church.\nneeds: [physical-activity]\n'
        f"delivery: [outdoor]\nlocations: [{{postcode: EX4 9EH}}]\n{extra}"
        "status: active\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )


def _reported(folder: Path) -> list[tuple[str, str, str]]:
    return [
        (Path(f.path).stem, f.message, f.hint)
        for f in check_catalogue(folder, today=TODAY).findings
        if f.code == "SRX201"
    ]


def test_check_reports_a_walk_listed_again_without_its_organisation(tmp_path: Path) -> None:
    wed = "schedule: [{days: [wed], start: '10:00', end: '11:00'}]\n"
    _write(
        tmp_path,
        "pinhoe-walking-group",
        "Pinhoe Wednesday Health Walk",
        f"organisation: Pinhoe Health Walks\nactivities: [walking, health walk]\n{wed}"
        "contact: {phone: '01632 960107'}\n",
    )
    _write(
        tmp_path,
        "pinhoe-wednesday-walkers",
        "Pinhoe Wednesday Walkers",
        f"activities: [walking]\n{wed}contact: {{phone: '01632 960108'}}\n",
    )
    ((slug, message, hint),) = _reported(tmp_path)
    assert slug.startswith("pinhoe")
    assert "only one names its organisation" in message
    assert "the one you keep should name the organisation" in hint
    # On another day it is another walk.
    _write(
        tmp_path,
        "pinhoe-wednesday-walkers",
        "Pinhoe Wednesday Walkers",
        "activities: [walking]\nschedule: [{days: [fri], start: '10:00', end: '11:00'}]\n",
    )
    assert _reported(tmp_path) == []


@pytest.mark.parametrize(("name", "does", "name2", "does2"), _CENTRE_PAIRS)
def test_check_does_not_report_two_groups_at_one_centre(
    tmp_path: Path, name: str, does: list[str], name2: str, does2: list[str]
) -> None:
    at = f"organisation: Pinhoe Community Centre\nactivities: [{', '.join(does)}]\n"
    _write(tmp_path, "first", name, at)
    _write(tmp_path, "second", name2, f"activities: [{', '.join(does2)}]\n")
    _write(tmp_path, "third", name2, at.replace("activities: [", f"activities: [{does2[0]}, "))
    # the second and third are one group, one naming the centre: reported, once
    assert [slug for slug, _, _ in _reported(tmp_path)] == ["third"]


_WHO = ["Men's", "Women's", "Carers'", "Beginners", "Young", "Polish", "Dementia", "Ladies"]
_NAME_WORDS = ["Pinhoe", "Sunny", "Side", "Walking", "Knit", "Natter", "Shed", "Cafe", "Tea"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4),
    st.sampled_from(_WHO),
    st.integers(0, 4),
)
def test_a_name_saying_who_it_is_for_is_never_the_same_group(
    words: list[str], who: str, at: int
) -> None:
    # Wherever the word goes, a name saying who a session is for tells it apart from one
    # that does not, both ways round; a name is never told apart from itself.
    name = " ".join(words)
    name2 = " ".join([*words[:at], who, *words[at:]])
    assert told_apart(name, name2) and told_apart(name2, name)
    assert not told_apart(name, name) and not told_apart(name, name.upper())


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(_WHO), st.booleans())
def test_a_session_for_some_of_a_group_is_never_collapsed_into_it(
    who: str, organisation: bool
) -> None:
    group = _walk(id="group", name="Pinhoe Wednesday Walkers", organisation="Pinhoe Walks")
    some = _walk(
        id="some",
        name=f"Pinhoe Wednesday {who} Walkers",
        organisation="Pinhoe Walks" if organisation else None,
        contact={"phone": "01632 960107"},
        last_verified="2022-02-02",
    )
    result = match(PERSON, Catalogue([group, some]), today=TODAY)
    assert sorted(m.id for m in result) == ["group", "some"]
