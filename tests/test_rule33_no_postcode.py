"""Rule 33 (round ten): people with no postcode. Where they are is unknown, not far — a
venue, a service area or a home-visit radius that cannot be checked never leaves an asset
out and counts three quarters on ``reach``, with a caution — and a home visit needs a
home: for someone with no fixed address, a service that only comes to people's homes
cannot come to them as things stand."""

from __future__ import annotations

import functools
import re
from datetime import date

import pytest
from hypothesis import given, settings

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.no_postcode import UNKNOWN_PLACE
from socialrx.model import Asset, Person
from socialrx.views.text import explanation_text, result_text
from strategies import catalogues, placeless_persons

TODAY = date(2026, 11, 22)

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"name": "Church hall", "postcode": "FY8 1DR"}],
    access=["drop-in"],
    cost={"free": True},
)

# A man sleeping in his car: no postcode, behind on everything, low.
_SLEEPING_IN_CAR = Person(
    needs=["housing", "food", "money", "mental-wellbeing"], digital="limited", max_cost=0
)

_HOUSING_DROP_IN = _venue(
    id="housing-drop-in",
    name="Housing Advice Drop-in",
    activities=["housing advice", "benefits advice"],
    needs=["housing", "money"],
    service_area=["FY8"],
    delivery=["in-person", "phone"],
    group={"kind": "one-to-one"},
)
_LISTENING_LINE = make_asset(
    id="listening-line",
    name="Talk It Through",
    activities=["listening"],
    needs=["mental-wellbeing", "loneliness"],
    delivery=["phone"],
    group={"kind": "one-to-one"},
    access=["self-referral"],
    cost={"free": True},
)
_ENERGY_AT_HOME = make_asset(
    id="energy-at-home",
    name="Warm Homes Energy Advice",
    summary="Help with heating and energy bills - by phone or at home.",
    activities=["energy bills advice"],
    needs=["money", "housing"],
    delivery=["phone", "home-visit"],
    locations=[{"name": "Office", "postcode": "FY8 1DR"}],
    service_area=["FY8"],
    group={"kind": "one-to-one"},
    access=["self-referral"],
    cost={"free": True},
)
_DAY_CENTRE = _venue(
    id="day-centre",
    name="Doorway Day Centre",
    activities=["hot meals", "showers", "housing advice"],
    needs=["housing", "food"],
)


def _reach(person: Person, asset: Asset, *others: Asset) -> tuple[float, str, tuple[str, ...]]:
    result = match(person, Catalogue([asset, *others]), today=TODAY, limit=10)
    (m,) = (m for m in result.ranked if m.id == asset.id)
    r = next(r for r in m.reasons if r.factor == "reach")
    return r.score, r.detail, m.cautions


def test_a_venue_whose_distance_is_unknown_counts_three_quarters_with_a_caution() -> None:
    value, detail, cautions = _reach(_SLEEPING_IN_CAR, _DAY_CENTRE)
    assert value == UNKNOWN_PLACE == 0.75
    assert detail == (
        "We don't know how far this is (no postcode given): unknown, not far, so counted "
        "at three quarters"
    )
    assert "We don't know how far this is: check the address" in cautions


def test_a_service_area_that_cannot_be_checked_counts_three_quarters_too() -> None:
    line = _LISTENING_LINE.model_copy(update={"service_area": ("FY8",)})
    value, detail, cautions = _reach(Person(needs=["mental-wellbeing"]), line)
    assert value == 0.75
    assert detail.startswith("We don't know if you live where it serves (no postcode given)")
    assert any(c.startswith("Only for people living in FY8") for c in cautions)


def test_the_housing_drop_in_comes_before_a_listening_line_that_needs_no_address() -> None:
    # The drop-in helps with two of his needs, the line with one. Before rule 33 the line
    # came first all the same: the drop-in's distance and service area could not be
    # checked (0.4 on reach), the line needs neither (1.0). Not knowing where he is does
    # not make a phone line a better suggestion.
    result = match(
        _SLEEPING_IN_CAR,
        Catalogue([_HOUSING_DROP_IN, _LISTENING_LINE]),
        today=TODAY,
    )
    assert [m.id for m in result.matches] == ["housing-drop-in", "listening-line"]
    # The line still needs nothing checked, so it keeps its full reach.
    line = result.matches[1]
    assert next(r for r in line.reasons if r.factor == "reach").score == 1.0


def test_other_unknowns_keep_their_lower_value() -> None:
    # With a postcode, an imported entry that does not record how people take part is
    # still a check that could not be made (0.4): rule 33 is only about where someone is.
    # (Its venue is beyond her limit: within it, rule 40 reads it as a place to go.)
    person = Person(postcode="FY8 2NP", needs=["loneliness"], max_travel_km=1)
    unrecorded = make_asset(
        id="unrecorded",
        delivery=[],
        locations=[{"postcode": "FY8 1DR"}],
        source={"system": "oruk-v1", "id": "1"},
    )
    value, _, _ = _reach(person, unrecorded)
    assert value == 0.4


def test_a_home_visit_needs_a_home() -> None:
    # Sofa-surfing (no postcode, needs housing): the energy advice that comes to people's
    # homes cannot come to her; the day centre she can walk into comes first.
    sofa_surfing = Person(needs=["housing", "money"], interests=["reading"])
    value, detail, cautions = _reach(sofa_surfing, _ENERGY_AT_HOME)
    assert value == 0.0
    assert detail == "Visits people at home, and you have no fixed address"
    assert (
        "Visits people at home, and you have no fixed address: ask whether they can meet "
        "you somewhere else or help by phone"
    ) in cautions
    # A drop-in that helps with the same needs comes first (its id sorts after, so this is
    # no tie broken by id).
    walk_in = _HOUSING_DROP_IN.model_copy(update={"id": "walk-in-advice"})
    result = match(sofa_surfing, Catalogue([_ENERGY_AT_HOME, walk_in]), today=TODAY)
    assert [m.id for m in result.matches] == ["walk-in-advice", "energy-at-home"]
    assert result.excluded == ()  # never left out


def test_a_home_visit_is_only_unknown_for_someone_who_has_a_home() -> None:
    # No postcode but no sign of having no home (no housing need, not said): the visit's
    # reach is unknown, not impossible.
    value, _, cautions = _reach(Person(needs=["money"]), _ENERGY_AT_HOME)
    assert value == 0.75
    assert not any("no fixed address" in c for c in cautions)
    # Said to be homeless, with a postcode given (a hostel): what the postcode says counts.
    hostel = Person(postcode="FY8 2NP", needs=["money"], circumstances=["homeless"])
    value, _, cautions = _reach(hostel, _ENERGY_AT_HOME)
    assert value == 1.0
    assert not any("no fixed address" in c for c in cautions)


def test_a_service_with_a_venue_as_well_as_home_visits_stays_open_to_walk_into() -> None:
    advice = _ENERGY_AT_HOME.model_copy(
        update={"delivery": ("in-person", "phone", "home-visit"), "id": "advice-centre"}
    )
    value, _, cautions = _reach(Person(circumstances=["no fixed address"]), advice)
    assert value == 0.75
    assert not any("no fixed address" in c for c in cautions)


def test_why_tells_the_same_story_as_match() -> None:
    person = Person(needs=["housing", "food"], circumstances=["homeless"])
    cat = Catalogue([_DAY_CENTRE, _ENERGY_AT_HOME, _LISTENING_LINE])
    result = match(person, cat, today=TODAY)
    for m in result.ranked:
        why = explain(m.id, person, cat, today=TODAY)
        assert (why.rank, why.score) == (m.rank, m.score)
        assert why.cautions == m.cautions
        assert [(r.score, r.detail) for r in why.reasons] == [
            (r.score, r.detail) for r in m.reasons
        ]


# ------------------------------------------------------------------ properties


_WHERE = {"distance", "no-location", "service-area", "home-visit-range", "residents-only"}
_A_DISTANCE = re.compile(r"\d\s*km away|\d(\.\d+)?\s*km from you", re.IGNORECASE)


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(person=placeless_persons(), cat=catalogues(max_size=8))
def test_unknown_never_excludes(person: Person, cat: Catalogue) -> None:
    result = match(person, cat, today=TODAY, limit=len(cat))
    for ex in result.excluded:
        assert not _WHERE & set(ex.codes), (ex.asset.id, ex.codes, ex.reasons)
        assert not any("postcode" in r for r in ex.reasons)
    # Whoever gives no postcode reaches at least what the same person reaches with one:
    # nothing is left out for not knowing where they are.
    somewhere = Person.model_validate(
        {**person.model_dump(exclude_none=True), "postcode": "FY8 2NP"}
    )
    there = {m.id for m in match(somewhere, cat, today=TODAY, limit=len(cat)).ranked}
    assert there <= {m.id for m in result.ranked}


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(person=placeless_persons(), cat=catalogues(max_size=8))
def test_a_person_with_no_postcode_is_never_shown_a_distance(
    person: Person, cat: Catalogue
) -> None:
    result = match(person, cat, today=TODAY, limit=len(cat))
    texts = [result_text(result, excluded="full")]
    for m in result.ranked:
        assert m.distance_km is None
        texts += [r.detail for r in m.reasons] + list(m.cautions)
        if m.rank is not None and m.rank <= 3:
            texts.append(explanation_text(explain(m.id, person, cat, today=TODAY)))
    for ex in result.excluded:
        texts += list(ex.reasons)
    for text in texts:
        assert not _A_DISTANCE.search(text), text
