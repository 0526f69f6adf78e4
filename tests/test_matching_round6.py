"""Ranking rules of round six (issue 12): company is chosen by what the person enjoys
(rule 13), and one-to-one support is arranged around them (rule 14)."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.model import Person

TODAY = date(2026, 11, 22)

_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_phone = functools.partial(make_asset, delivery=["phone"])
_scores = functools.partial(scores, today=TODAY)
_reason = functools.partial(reason, today=TODAY)


# ------------------------------------------------------------------ company (rule 13)

_LUNCH = _asset(
    id="lunch", name="Lunch Club", activities=["lunch", "tea and chat"], needs=["loneliness"]
)
_SHED = _asset(
    id="shed", name="Men's Shed", activities=["woodwork", "repairs"], needs=["loneliness"]
)
_REPAIR = _asset(
    id="repair", name="Repair Cafe", activities=["repairs"], needs=["practical-help", "learning"]
)


def test_company_from_a_group_that_matches_no_hobby_counts_half() -> None:
    person = Person(postcode="FY8 2NP", needs=["lonely"], interests=["woodwork"])
    value, detail = _reason(person, _LUNCH, "need")
    # alone in its catalogue, nothing matches the hobby: the need counts in full
    assert value == 1.0 and "counted at half" not in detail
    result = match(person, Catalogue([_LUNCH, _SHED]), today=TODAY, variety=False)
    reasons = {m.id: {r.factor: r for r in m.reasons} for m in result.ranked}
    assert reasons["lunch"]["need"].score == 0.5
    assert "counted at half: it matches none of your hobbies" in reasons["lunch"]["need"].detail
    assert reasons["shed"]["need"].score == 1.0
    assert [m.id for m in result] == ["shed", "lunch"]
    # why says the same as match, number and sentence
    why = explain("lunch", person, Catalogue([_LUNCH, _SHED]), today=TODAY)
    need = next(r for r in why.reasons if r.factor == "need")
    assert (need.score, need.detail) == (0.5, reasons["lunch"]["need"].detail)


def test_a_hobby_group_that_does_not_list_company_now_beats_company_alone() -> None:
    # A retired fixer: the repair cafe (his hobby, no loneliness listed) comes before a
    # lunch club that only offers company he did not ask for.
    person = Person(postcode="FY8 2NP", needs=["lonely"], interests=["repairs", "quizzes"])
    assert _scores(person, _LUNCH, _REPAIR)["repair"] > _scores(person, _LUNCH, _REPAIR)["lunch"]


def test_a_wish_for_company_is_not_a_hobby_and_keeps_company_whole() -> None:
    # "a natter" is company: a lunch club is just what was asked, and no hobby was given.
    person = Person(postcode="FY8 2NP", needs=["lonely"], interests=["a natter"])
    result = match(person, Catalogue([_LUNCH, _SHED]), today=TODAY, variety=False)
    need = {m.id: next(r for r in m.reasons if r.factor == "need") for m in result.ranked}
    assert need["lunch"].score == need["shed"].score == 1.0


def test_a_group_made_for_the_person_is_company_whatever_it_does() -> None:
    veterans = _asset(
        id="veterans",
        name="Forces Breakfast",
        activities=["breakfast", "conversation"],
        needs=["loneliness"],
        eligibility={"for": ["veterans"]},
    )
    person = Person(
        postcode="FY8 2NP", needs=["lonely"], interests=["woodwork"], circumstances=["veteran"]
    )
    result = match(person, Catalogue([veterans, _SHED]), today=TODAY, variety=False)
    need = {m.id: next(r for r in m.reasons if r.factor == "need") for m in result.ranked}
    assert need["veterans"].score == 1.0


def test_interests_nothing_can_join_matches_leave_company_whole() -> None:
    # The only swimming is for women: for a man the hobby cannot tell groups apart.
    swim = _asset(
        id="swim",
        name="Women's Swim",
        activities=["swimming"],
        needs=["physical-activity"],
        eligibility={"gender": "women"},
    )
    person = Person(postcode="FY8 2NP", needs=["lonely"], interests=["swimming"], gender="man")
    result = match(person, Catalogue([swim, _LUNCH]), today=TODAY, variety=False)
    assert [m.id for m in result] == ["lunch"]
    assert next(r for r in result.matches[0].reasons if r.factor == "need").score == 1.0


def test_other_needs_than_company_count_in_full_without_a_hobby() -> None:
    advice = _asset(id="advice", name="Debt Advice", activities=["debt advice"], needs=["money"])
    person = Person(postcode="FY8 2NP", needs=["money"], interests=["woodwork"])
    result = match(person, Catalogue([advice, _SHED]), today=TODAY, variety=False)
    need = {m.id: next(r for r in m.reasons if r.factor == "need") for m in result.ranked}
    assert need["advice"].score == 1.0


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    needs=st.lists(st.sampled_from(["loneliness", "money", "creativity"]), min_size=1, unique=True),
    interests=st.lists(
        st.sampled_from(["woodwork", "a natter", "knitting"]), max_size=2, unique=True
    ),
)
def test_matching_a_hobby_never_lowers_the_need_value(
    needs: list[str], interests: list[str]
) -> None:
    # Invariant: an asset matching one of the person's hobbies never scores less on
    # `need` than an otherwise equal one matching none.
    person = Person(postcode="FY8 2NP", needs=needs, interests=interests)
    plain = _asset(id="plain", name="Club", activities=["club"], needs=needs)
    shed = _asset(id="shed", name="Shed", activities=["woodwork"], needs=needs)
    result = match(person, Catalogue([plain, shed]), today=TODAY, variety=False)
    need = {m.id: next(r for r in m.reasons if r.factor == "need") for m in result.ranked}
    assert need["shed"].score >= need["plain"].score


# ------------------------------------------------------------------ one-to-one (rule 14)

_FREE_MORNINGS = [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "10:00", "end": "16:00"}]


def test_a_call_within_its_hours_fits_when_an_hour_of_them_is_free() -> None:
    calls = _phone(
        id="calls",
        name="Morning Calls",
        activities=["phone chat"],
        needs=["loneliness"],
        group={"kind": "one-to-one"},
        schedule=[{"days": ["mon"], "start": "09:00", "end": "11:00"}],
    )
    person = Person(postcode="FY8 2NP", needs=["lonely"], availability=_FREE_MORNINGS)
    value, detail = _reason(person, calls, "schedule")
    assert value == 1.0 and detail.startswith("One-to-one, within its hours when you are free")
    # a group meeting at the same time is a session to sit through: half of it is free
    group = calls.model_copy(update={"id": "group", "group": None})
    value, detail = _reason(person, group, "schedule")
    assert value == 0.5 and detail.startswith("Partly when you are free")


def test_a_visit_with_no_times_is_arranged_with_the_person() -> None:
    visits = make_asset(
        id="visits",
        name="Home Visits",
        delivery=["home-visit"],
        service_area=["FY"],
        activities=["befriending"],
        needs=["loneliness"],
        group={"kind": "one-to-one"},
    )
    person = Person(postcode="FY8 2NP", needs=["lonely"], availability=_FREE_MORNINGS)
    assert _reason(person, visits, "schedule") == (1.0, "One-to-one, at a time arranged with you")
    # no availability given: nothing to arrange around, the neutral value stays
    anytime = person.model_copy(update={"availability": None})
    assert _reason(anytime, visits, "schedule")[0] == 0.5
    # a group with no times stays unknown: neither a fit nor a miss
    club = make_asset(
        id="club",
        name="Club",
        delivery=["phone"],
        activities=["chat"],
        needs=["loneliness"],
        group={"kind": "group"},
    )
    assert _reason(person, club, "schedule")[0] == 0.5


def test_one_to_one_hours_never_free_still_count_as_not_free() -> None:
    evening = _phone(
        id="evening",
        name="Evening Line",
        activities=["phone chat"],
        needs=["loneliness"],
        group={"kind": "one-to-one"},
        schedule=[{"days": ["sat"], "start": "18:00", "end": "20:00"}],
    )
    person = Person(postcode="FY8 2NP", needs=["lonely"], availability=_FREE_MORNINGS)
    assert _reason(person, evening, "schedule")[0] == 0.0
    assert _reason(person, evening, "reach")[0] == 0.0
