"""Ranking rules of round four (issue 12): a group made for the person, opening hours,
a wish for company, and words that only look alike."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.schedules import LONG_SESSION, overlap
from socialrx.model import Asset, Person
from strategies import asset_data, persons

TODAY = date(2026, 11, 22)

_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])


_scores = functools.partial(scores, today=TODAY)
_reason = functools.partial(reason, today=TODAY)


# ------------------------------------------------------------------ made for you

_BREAKFAST = dict(needs=["loneliness"], activities=["breakfast", "conversation"])


def test_a_group_made_for_a_veteran_ranks_above_an_open_one_for_a_veteran() -> None:
    forces = _asset(
        id="forces", name="Forces Breakfast", eligibility={"for": ["veterans"]}, **_BREAKFAST
    )
    open_ = _asset(id="open", name="Community Breakfast", **_BREAKFAST)
    veteran = Person(postcode="FY8 2NP", needs=["lonely"], circumstances=["veteran"])
    scores = _scores(veteran, forces, open_)
    assert scores["forces"] > scores["open"]
    assert _reason(veteran, forces, "audience") == (1.0, "For veterans, as you are")
    assert _reason(veteran, open_, "audience") == (0.5, "Open to everyone (neutral value)")
    # someone else: the open group first (a caution, and it is not theirs)
    other = veteran.model_copy(update={"circumstances": ("carer",)})
    scores = _scores(other, forces, open_)
    assert scores["open"] > scores["forces"]


def test_an_over_60s_club_is_made_for_someone_of_78_but_not_for_someone_of_unknown_age() -> None:
    club = _asset(id="club", name="Lunch Club", eligibility={"min_age": 60}, **_BREAKFAST)
    open_ = _asset(id="open", name="Community Lunch", **_BREAKFAST)
    older = Person(postcode="FY8 2NP", needs=["lonely"], age=78)
    assert _scores(older, club, open_)["club"] > _scores(older, club, open_)["open"]
    assert _reason(older, club, "audience") == (1.0, "For people aged 60 and over, as you are")
    unknown = Person(postcode="FY8 2NP", needs=["lonely"])
    assert _reason(unknown, club, "audience")[0] == 0.5
    # a limit that is no age group (18 and over) makes nothing special
    adults = _asset(id="adults", name="Pub Quiz", eligibility={"min_age": 18}, **_BREAKFAST)
    assert _reason(older, adults, "audience")[0] == 0.5


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(data=asset_data(status="active"), person=persons(), said=st.booleans())
def test_a_group_for_your_audience_never_ranks_below_its_open_twin(
    data: dict[str, object], person: Person, said: bool
) -> None:
    # Invariant: for a person known to be a veteran (they said so), the veterans' twin
    # of an asset scores at least as well as the open one; for someone known not to be,
    # never better.
    base = {k: v for k, v in data.items() if k != "eligibility"}
    forces = Asset.model_validate(
        {**base, "id": "forces", "name": "Alpha Hour", "eligibility": {"for": ["veterans"]}}
    )
    open_ = Asset.model_validate({**base, "id": "open", "name": "Omega Circle"})
    who = ("veteran",) if said else ("carer",)
    scores = {
        m.id: m.score
        for m in match(
            person.model_copy(update={"circumstances": who}),
            Catalogue([forces, open_]),
            today=TODAY,
            variety=False,
        ).ranked
    }
    if len(scores) == 2:
        if said:
            assert scores["forces"] >= scores["open"]
        else:
            assert scores["forces"] <= scores["open"]


# ------------------------------------------------------------------ opening hours

_FREE_10_TO_4 = [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "10:00", "end": "16:00"}]


def test_a_line_open_9_to_5_fits_someone_free_10_to_4() -> None:
    line = make_asset(
        id="line",
        name="Carers Line",
        delivery=["phone"],
        schedule=[{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}],
    )
    person = Person(postcode="FY8 2NP", availability=_FREE_10_TO_4)
    value, detail = _reason(person, line, "schedule")
    assert value == 1.0 and detail.startswith("Meets when you are free")


def test_a_two_hour_group_you_can_only_half_attend_still_counts_half() -> None:
    group = _asset(
        id="g", name="Group", schedule=[{"days": ["mon"], "start": "15:00", "end": "17:00"}]
    )
    person = Person(postcode="FY8 2NP", availability=_FREE_10_TO_4)
    value, detail = _reason(person, group, "schedule")
    assert value == 0.5 and detail.startswith("Partly when you are free")


@given(
    start=st.integers(0, 1300),
    length=st.integers(15, 600),
    free_start=st.integers(0, 1300),
    free_length=st.integers(15, 600),
)
def test_overlap_counts_at_most_two_hours_of_a_session(
    start: int, length: int, free_start: int, free_length: int
) -> None:
    session = ((start, start + length),)
    free = ((free_start, free_start + free_length),)
    covered = max(0, min(start + length, free_start + free_length) - max(start, free_start))
    assert overlap(session, free) == min(1.0, covered / min(length, LONG_SESSION))
    # a session wholly inside the free time always fits
    assert overlap(session, ((start, start + length),)) == 1.0
