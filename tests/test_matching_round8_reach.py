"""Ranking rules of round eight (issue 12) on how factors combine: one-to-one help with
money, housing or food can be fitted in outside a person's free time (rule 18), and an
asset meeting none of what the person asked for is not lifted by being convenient
(rule 19)."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import Policy, default_policy, explain, match
from socialrx.model import Asset, Person
from strategies import catalogues, persons

TODAY = date(2026, 11, 22)

_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])

_WORKING_HOURS = [{"days": ["mon", "tue", "wed", "thu"], "start": "09:30", "end": "16:00"}]
_EVENINGS = [
    {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "18:00", "end": "22:00"},
    {"days": ["sat"], "start": "09:00", "end": "17:00"},
]

_DEBT_ADVICE = _asset(
    id="debt-advice",
    name="Prom Money Advice",
    activities=["debt advice"],
    needs=["money"],
    delivery=["in-person", "phone"],
    group={"kind": "one-to-one"},
    access=["appointment", "self-referral"],
    schedule=_WORKING_HOURS,
)
_BUDGET_CLASS = _asset(
    id="budget-class",
    name="Budgeting Class",
    activities=["budgeting"],
    needs=["money"],
    group={"kind": "group"},
    schedule=_WORKING_HOURS,
)
_EVENING_FOOTBALL = _asset(
    id="football",
    name="Evening Five-a-side",
    activities=["football"],
    needs=["physical-activity"],
    schedule=[{"days": ["tue"], "start": "19:00", "end": "20:00"}],
)


def _father(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": "FY8 2NP",
        "needs": ["money", "physical-activity"],
        "interests": ["football"],
        "availability": _EVENINGS,
        **fields,
    }
    return Person.model_validate(data)


def _reasons(person: Person, *assets: Asset) -> dict[str, dict[str, tuple[float, str]]]:
    result = match(person, Catalogue(list(assets)), today=TODAY, variety=False)
    return {m.id: {r.factor: (r.score, r.detail) for r in m.reasons} for m in result.ranked}


# ------------------------------------------------------------------ rule 18


def test_a_working_father_can_ring_the_debt_advice_in_a_break() -> None:
    father = _father()
    cat = Catalogue([_BUDGET_CLASS, _EVENING_FOOTBALL, _DEBT_ADVICE])
    result = match(father, cat, today=TODAY, variety=False)
    # Money advice in a lunch break comes before a budgeting class he cannot get to;
    # the football he enjoys, on a Tuesday evening, fits better still.
    assert [m.id for m in result] == ["football", "debt-advice", "budget-class"]
    advice = result.matches[1]
    why = {r.factor: (r.score, r.detail) for r in advice.reasons}
    assert why["reach"] == (1.0, "Outside your free time: a call in a break or an hour off")
    assert why["schedule"] == (
        0.5,
        "Not when you are free (Mon, Tue, Wed, Thu 09:30–16:00), but one-to-one help with "
        "money, debt and benefits can be fitted in: a call in a break or an hour off "
        "(counted at half)",
    )
    assert advice.cautions == (
        "Open only when you are not free (Mon, Tue, Wed, Thu 09:30–16:00): ring in a break "
        "or take an hour off, or ask for a time that suits you",
    )
    # A class is a session to sit through: it still cannot be joined as things stand.
    budget = {r.factor: r.score for r in result.matches[2].reasons}
    assert budget["reach"] == 0.0 and budget["schedule"] == 0.0
    assert any("ask about other times" in c for c in result.matches[2].cautions)
    # why tells the same story
    ex = explain("debt-advice", father, cat, today=TODAY)
    assert ex.rank == 2 and ex.score == advice.score
    assert {r.factor: (r.score, r.detail) for r in ex.reasons} == why


def test_advice_open_when_he_is_free_still_comes_first() -> None:
    evening = _asset(
        id="evening-advice",
        name="Late Money Advice",
        activities=["debt advice"],
        needs=["money"],
        delivery=["in-person", "phone"],
        group={"kind": "one-to-one"},
        access=["appointment", "self-referral"],
        schedule=[{"days": ["wed"], "start": "18:00", "end": "20:00"}],
    )
    reasons = _reasons(_father(), _DEBT_ADVICE, evening)
    assert reasons["evening-advice"]["schedule"][0] == 1.0
    assert reasons["debt-advice"]["schedule"][0] == 0.5
    result = match(_father(), Catalogue([_DEBT_ADVICE, evening]), today=TODAY, variety=False)
    assert [m.id for m in result] == ["evening-advice", "debt-advice"]


def test_only_pressing_help_is_fitted_in() -> None:
    # A carers' line is not rent, bills or food: outside the carer's free time it stays
    # out of reach as things stand (rule 5), as does money advice for someone who did
    # not ask for help with money.
    line = _DEBT_ADVICE.model_copy(
        update={"id": "carers-line", "name": "Carers Line", "needs": ("carers",)}
    )
    carer = _father(needs=["carers"], interests=[])
    assert _reasons(carer, line)["carers-line"]["reach"][0] == 0.0
    walker = _father(needs=["physical-activity"])
    assert _reasons(walker, _DEBT_ADVICE)["debt-advice"]["reach"][0] == 0.0


def test_availability_required_still_leaves_it_out() -> None:
    policy = Policy.from_data({"availability": "require"}, base=default_policy())
    result = match(_father(), Catalogue([_DEBT_ADVICE]), today=TODAY, policy=policy)
    assert not result.matches
    assert result.excluded[0].codes == ("schedule",)


@settings(max_examples=30, deadline=None)
@given(
    need=st.sampled_from(["money", "housing", "food"]),
    kind=st.sampled_from(["one-to-one", "group"]),
    day=st.sampled_from(["mon", "wed", "fri"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_free_time_never_ranks_below_fitted_in_and_fitted_in_never_below_out_of_reach(
    need: str, kind: str, day: str
) -> None:
    def version(id_: str, start: str) -> Asset:
        return _asset(
            id=id_,
            name=f"Advice {id_}",
            activities=["advice"],
            needs=[need],
            group={"kind": kind},
            schedule=[{"days": [day], "start": start, "end": f"{int(start[:2]) + 2:02d}:00"}],
        )

    free, daytime = version("free", "18:00"), version("daytime", "10:00")
    person = _father(needs=[need], interests=[])
    result = match(person, Catalogue([daytime, free]), today=TODAY, variety=False)
    scores = {m.id: m.score for m in result.ranked}
    assert scores["free"] > scores["daytime"]
    reach = _reasons(person, daytime)["daytime"]["reach"][0]
    assert reach == (1.0 if kind == "one-to-one" else 0.0)


# ------------------------------------------------------------------ rule 19

_COFFEE = _asset(
    id="coffee",
    name="Doorstep Coffee Morning",
    activities=["coffee morning"],
    needs=["loneliness"],
    cost={"free": True},
)
_FAR_ADVICE = _asset(
    id="advice",
    name="Town Money Advice",
    activities=["debt advice"],
    needs=["money"],
    locations=[{"postcode": "FY1 1AA"}],
    cost={"amount": 2.0, "per": "session"},
    last_verified="2026-03-01",
)


def test_convenience_is_no_reason_to_go_to_something_not_for_you() -> None:
    # She needs help with money and likes gardening: a free coffee morning next door,
    # checked last month, meets neither; the advice further away and a little dearer does.
    person = Person(postcode="FY8 2NP", needs=["money"], interests=["gardening"], max_travel_km=20)
    cat = Catalogue([_COFFEE, _FAR_ADVICE])
    result = match(person, cat, today=TODAY, variety=False)
    assert [m.id for m in result] == ["advice", "coffee"]
    coffee = {r.factor: (r.score, r.detail) for r in result.matches[1].reasons}
    note = "; counted at half: it helps with none of your needs or interests"
    assert coffee["cost"] == (0.5, "Free" + note)
    assert coffee["proximity"][1].endswith(note) and coffee["proximity"][0] <= 0.5
    # what it is for, and whether it can be joined, are not practical fit: untouched
    assert coffee["reach"] == (1.0, "You can take part as things stand")
    advice = {r.factor: r.detail for r in result.matches[0].reasons}
    assert not any(d.endswith(note) for d in advice.values())
    # why says the same, number and sentence
    ex = explain("coffee", person, cat, today=TODAY)
    assert {r.factor: (r.score, r.detail) for r in ex.reasons} == coffee


def test_without_needs_or_with_a_match_nothing_is_halved() -> None:
    # No needs given: nothing to be off target from.
    anyone = Person(postcode="FY8 2NP", interests=["gardening"])
    assert _reasons(anyone, _COFFEE)["coffee"]["cost"] == (1.0, "Free")
    # A coffee morning for someone who enjoys coffee mornings is not off target.
    fan = Person(postcode="FY8 2NP", needs=["money"], interests=["coffee morning"])
    assert _reasons(fan, _COFFEE)["coffee"]["cost"] == (1.0, "Free")
    # Without interests the note names only needs.
    plain = Person(postcode="FY8 2NP", needs=["money"])
    detail = _reasons(plain, _COFFEE)["coffee"]["cost"][1]
    assert detail == "Free; counted at half: it helps with none of your needs"


_PRACTICAL = ("proximity", "delivery", "group", "schedule", "cost", "freshness", "access")


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    needs=st.lists(st.sampled_from(["money", "loneliness", "food"]), min_size=1, unique=True),
    offered=st.sampled_from(["money", "loneliness", "food", "learning"]),
    free=st.booleans(),
    postcode=st.sampled_from(["FY8 1DR", "FY8 3AA", "FY1 1AA"]),
)
def test_meeting_a_need_never_lowers_practical_fit(
    needs: list[str], offered: str, free: bool, postcode: str
) -> None:
    # Invariant: an asset meeting one of the person's needs is never worse on any
    # practical factor than an otherwise equal one meeting none.
    fields: dict[str, Any] = {
        "activities": ["advice"],
        "locations": [{"postcode": postcode}],
        "cost": {"free": True} if free else {"amount": 3.0, "per": "session"},
    }
    person = Person(postcode="FY8 2NP", needs=needs)
    meets = _asset(id="meets", name="Meets", needs=[needs[0]], **fields)
    other = _asset(id="other", name="Other", needs=[offered], **fields)
    reasons = _reasons(person, meets, other)
    for factor in _PRACTICAL:
        assert reasons["meets"][factor][0] >= reasons["other"][factor][0]
    result = match(person, Catalogue([meets, other]), today=TODAY, variety=False)
    for m in result.ranked:  # contributions still add up to the score
        assert abs(sum(r.contribution for r in m.reasons) - m.score) < 1e-12


@pytest.mark.slow  # about 3 s; CI runs the slow set separately
@settings(max_examples=25, deadline=None)
@given(catalogue=catalogues(max_size=8), person=persons())
def test_off_target_is_exactly_nothing_on_need_and_interest(
    catalogue: Catalogue, person: Person
) -> None:
    # Rule 18's rows are worked out from columns, not by scoring twice: they must be
    # exactly the assets scoring 0 on both `need` and `interest`.
    result = match(person, catalogue, today=TODAY, variety=False)
    for m in result.ranked:
        values = {r.factor: r.score for r in m.reasons}
        nothing = bool(person.needs) and values["need"] == 0.0 and values["interest"] == 0.0
        halved = [r for r in m.reasons if r.detail.endswith(_NOTE_NEEDS + " or interests")]
        halved += [r for r in m.reasons if r.detail.endswith(_NOTE_NEEDS)]
        assert bool(halved) == nothing, (m.id, values)
        if nothing:
            assert {r.factor for r in halved} == set(_PRACTICAL)


_NOTE_NEEDS = "; counted at half: it helps with none of your needs"
