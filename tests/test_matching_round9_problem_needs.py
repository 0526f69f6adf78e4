"""Rule 24 (round nine, issue 12): a service for a problem the person did not bring.

A service *for* a problem — debt and benefits advice, housing advice, an alcohol and
drugs line, help getting online, a families' service — is offered to someone who has
that problem. What else it lists (it also helps your mood, it is also company) is a side
benefit: for someone who came about something else its help counts at half, and the
detail says so. Ordinary groups listing several general needs are never marked down.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, factors, match, prepare
from socialrx.matching.engine import evaluate
from socialrx.matching.factors import DEFAULT_FACTORS, PRESSING_NEEDS, audience_values
from socialrx.matching.problems import (
    OTHER_PROBLEM_SHARE,
    PROBLEM_NEEDS,
    TOGETHER,
    brought,
    problem_needs,
)
from socialrx.model import Asset, Person
from strategies import catalogues, persons

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], access=["drop-in"]
)

_ALCOHOL_LINE = make_asset(
    id="alcohol-line",
    name="Valley Alcohol and Drugs Line",
    summary="Confidential support for anyone worried about their drinking or drug use.",
    needs=["substance-use", "mental-wellbeing"],
    group={"kind": "one-to-one"},
)
_PEER_GROUP = _asset(
    id="peer-group",
    name="Minds Together Peer Group",
    summary="A peer support group for low mood and anxiety.",
    needs=["mental-wellbeing", "loneliness"],
)
_GET_ONLINE = _asset(
    id="get-online",
    name="Get Online Drop-in",
    summary="Volunteers help you use a tablet, email and video calls.",
    needs=["digital", "learning", "loneliness"],
)
_LUNCH = _asset(
    id="lunch",
    name="Chapel Lunch Club",
    summary="A hot lunch and a chat.",
    needs=["loneliness", "food"],
)
_WALK = _asset(
    id="walk",
    name="Riverside Wildlife Walk",
    summary="A gentle walk by the river, looking at birds and plants.",
    needs=["physical-activity", "nature", "loneliness", "mental-wellbeing"],
    delivery=["outdoor"],
)
_BUGGY_WALK = _asset(
    id="buggy-walk",
    name="Park Buggy Walk",
    summary="A walk round the park with pushchairs and a coffee after.",
    needs=["physical-activity", "families", "loneliness"],
    delivery=["outdoor"],
)
_PANTRY = _asset(
    id="pantry",
    name="Community Pantry",
    summary="Low-cost groceries, and a money adviser on Thursdays.",
    needs=["food", "money"],
)
_REFUGEE_WELCOME = _asset(
    id="refugee-welcome",
    name="Refugee Welcome Drop-in",
    summary="English practice, friendship and advice on housing and benefits.",
    needs=["housing", "money", "loneliness", "learning"],
    eligibility={"for": ["refugees", "asylum seekers"]},
)


def _by_id(person: Person, *assets: Asset) -> dict[str, Any]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return {m.id: m for m in result.ranked}


def _need(m: Any) -> tuple[float, str]:
    reason = {r.factor: r for r in m.reasons}["need"]
    return reason.score, reason.detail


def _need_without(asset: Asset, person: Person) -> float:
    """The need value of the same asset with its problem needs taken out."""
    plain = asset.model_copy(update={"needs": [n for n in asset.needs if n not in PROBLEM_NEEDS]})
    return _need(_by_id(person, plain)[asset.key])[0]


# ------------------------------------------------------------------ the rule


def test_an_alcohol_line_is_not_a_choice_for_someone_who_asked_about_their_mood() -> None:
    # Valleys v12's kind of miss: a night-shift worker wanting help with his mood got
    # the alcohol and drugs line above a peer support group, on mental wellbeing alone.
    worker = Person(postcode="FY8 2NP", needs=["mental-wellbeing"])
    found = _by_id(worker, _ALCOHOL_LINE, _PEER_GROUP)
    assert [*found] == ["peer-group", "alcohol-line"]
    value, detail = _need(found["alcohol-line"])
    assert value == OTHER_PROBLEM_SHARE * _need(found["peer-group"])[0]
    assert detail == (
        "Helps with mental wellbeing; help with mental wellbeing counted at half: it is a "
        "service for alcohol and drugs, which you did not ask about"
    )


def test_the_same_line_counts_in_full_for_someone_who_brought_the_problem() -> None:
    # Asked for, said in their own words, or plain from their circumstances.
    for person in (
        Person(postcode="FY8 2NP", needs=["mental-wellbeing", "substance-use"]),
        Person(postcode="FY8 2NP", needs=["mental-wellbeing"], interests=["stop drinking"]),
        Person(postcode="FY8 2NP", needs=["mental-wellbeing"], circumstances=["recovery"]),
    ):
        value, detail = _need(_by_id(person, _ALCOHOL_LINE, _PEER_GROUP)["alcohol-line"])
        assert "service for" not in detail
        assert value == _need_without(_ALCOHOL_LINE, person) or "substance-use" in person.needs


def test_a_get_online_helper_is_not_company_for_someone_who_never_mentioned_it() -> None:
    # City l01, l08, l15, l19's kind: a "get online" drop-in (digital, learning,
    # loneliness) in the top 3 of lonely people who never mentioned getting online. (Not
    # at ease online: for someone confident online its company counts nothing, rule 60.)
    lonely = Person(postcode="FY8 2NP", needs=["loneliness"], digital="limited")
    found = _by_id(lonely, _GET_ONLINE, _LUNCH)
    assert [*found] == ["lunch", "get-online"]
    value, detail = _need(found["get-online"])
    assert value == OTHER_PROBLEM_SHARE * _need(found["lunch"])[0]
    assert "it is a service for getting online, which you did not ask about" in detail
    # For a knitter it matches no hobby either (rule 13): a quarter, and it says so.
    knit = _asset(id="knit", name="Knit and Natter", activities=["knitting"], needs=["loneliness"])
    knitter = lonely.model_copy(update={"interests": ("knitting",)})
    value, detail = _need(_by_id(knitter, _GET_ONLINE, knit)["get-online"])
    assert value == OTHER_PROBLEM_SHARE * OTHER_PROBLEM_SHARE
    assert detail == (
        "Helps with loneliness and isolation; help with loneliness and isolation counted at "
        "half: it matches none of your hobbies; help with loneliness and isolation counted "
        "at half again: it is a service for getting online, which you did not ask about"
    )
    # Someone whose words ask for it is who it is for.
    keen = Person(postcode="FY8 2NP", needs=["loneliness"], interests=["getting online"])
    assert "service for" not in _need(_by_id(keen, _GET_ONLINE, _LUNCH)["get-online"])[1]
    # Someone confident online has that help already (rule 60): its company counts nothing.
    confident = lonely.model_copy(update={"digital": "confident"})
    value, detail = _need(_by_id(confident, _GET_ONLINE, _LUNCH)["get-online"])
    assert value == 0.0 and detail.endswith("and you are confident online")


def test_someone_stuck_at_home_and_not_at_ease_online_has_brought_getting_online() -> None:
    # City l16's kind: shielding with COPD, "can just about use a phone": a get-online
    # helper is how he keeps in touch from home, and counts in full.
    shielding = Person(postcode="FY8 2NP", needs=["loneliness"], shielding=True, digital="limited")
    assert "digital" in brought(shielding)
    by_phone = make_asset(
        id="get-online-phone", name="Get Online by Phone", needs=list(_GET_ONLINE.needs)
    )
    value, detail = _need(_by_id(shielding, by_phone)["get-online-phone"])
    assert value > 0 and "service for" not in detail
    lonely = shielding.model_copy(update={"digital": "confident"})
    # At ease online, he has that help already: its company counts nothing (rule 60).
    value, detail = _need(_by_id(lonely, by_phone)["get-online-phone"])
    assert value == 0.0 and "you are confident online" in detail
    # At ease online, or able to get out, he has not.
    assert "digital" not in brought(shielding.model_copy(update={"digital": "confident"}))
    assert "digital" not in brought(shielding.model_copy(update={"shielding": False}))


def test_ordinary_groups_listing_general_needs_are_never_marked_down() -> None:
    # A walk listing activity, nature, company and mood is an ordinary group, not a
    # service for a problem; it is mainly for being active, so for someone who only
    # asked for company its company is given on the side and counts half (rule 32).
    lonely = Person(postcode="FY8 2NP", needs=["loneliness"])
    found = _by_id(lonely, _WALK, _LUNCH)
    assert _need(found["walk"])[0] == _need(found["lunch"])[0] / 2
    assert all("service for" not in _need(m)[1] for m in found.values())
    walker = Person(postcode="FY8 2NP", needs=["loneliness", "physical-activity"])
    found = _by_id(walker, _WALK, _LUNCH)
    assert _need(found["walk"])[0] == 1.0
    assert all("service for" not in _need(m)[1] for m in found.values())


def test_a_buggy_walk_is_for_parents() -> None:
    # Rural's buggy walk (no `for:`) in the top 3 of a retired teacher, a man in
    # recovery and a diabetic walker: a families' service they never asked about.
    walker = Person(postcode="FY8 2NP", needs=["physical-activity", "loneliness"])
    value, detail = _need(_by_id(walker, _BUGGY_WALK, _WALK)["buggy-walk"])
    assert value == OTHER_PROBLEM_SHARE * _need_without(_BUGGY_WALK, walker)
    assert "it is a service for families, which you did not ask about" in detail
    dad = walker.model_copy(update={"circumstances": ("parent",)})
    assert _need(_by_id(dad, _BUGGY_WALK, _WALK)["buggy-walk"])[0] == _need_without(
        _BUGGY_WALK, dad
    )


def test_what_a_service_is_for_counts_in_full_whatever_else_it_is_for() -> None:
    # Valleys v06's job club (work, and getting online to apply) for a school leaver
    # who needs work: work is what it is for, not a side benefit.
    job_club = _asset(
        id="job-club",
        name="Job Club",
        summary="Help with CVs, applications and getting online to apply for jobs.",
        needs=["work-volunteering", "digital"],
    )
    leaver = Person(postcode="FY8 2NP", needs=["work-volunteering"])
    value, detail = _need(_by_id(leaver, job_club)["job-club"])
    assert value == 1.0 and detail == "Helps with work and volunteering"
    # Its side benefit, for someone who came about company, still counts at half.
    lonely = Person(postcode="FY8 2NP", needs=["work-volunteering", "loneliness"])
    chatty = job_club.model_copy(update={"needs": ["work-volunteering", "digital", "loneliness"]})
    _, detail = _need(_by_id(lonely, chatty)["job-club"])
    assert detail.endswith(
        "; help with loneliness and isolation counted at half: it is a service for getting "
        "online, which you did not ask about"
    )


def test_rent_bills_and_food_go_together() -> None:
    # A pantry with a money adviser is for someone who needs food (rule 10's pressing
    # needs are one problem here), so its food help counts in full.
    hungry = Person(postcode="FY8 2NP", needs=["food", "loneliness"])
    value, detail = _need(_by_id(hungry, _PANTRY, _LUNCH)["pantry"])
    assert "service for" not in detail and value > 0
    assert TOGETHER == PRESSING_NEEDS
    assert brought(Person(needs=["housing"])) >= TOGETHER


def test_a_group_made_for_the_person_is_theirs_whatever_it_lists() -> None:
    # A refugee welcome group that also offers housing and benefits advice, for a
    # refugee who came for English and company: made for him, all its help counts.
    refugee = Person(
        postcode="FY8 2NP", needs=["learning", "loneliness"], circumstances=["refugee"]
    )
    value, detail = _need(_by_id(refugee, _REFUGEE_WELCOME)["refugee-welcome"])
    assert value == 1.0 and "service for" not in detail


def test_help_already_counted_down_for_its_audience_is_not_counted_down_again() -> None:
    # For someone not known to be a refugee the group's help counts half (rule 3):
    # one discount for "not known to be for you", not two.
    housed = Person(postcode="FY8 2NP", needs=["housing", "learning", "loneliness"])
    value, detail = _need(_by_id(housed, _REFUGEE_WELCOME)["refugee-welcome"])
    assert value == 0.5
    assert "counted half: it is for a particular audience" in detail
    assert "service for" not in detail
    # Mainly for housing, which this person did not ask about: what it gives them is
    # given on the side as well (rule 32), a different reason, said apart.
    lonely = Person(postcode="FY8 2NP", needs=["learning", "loneliness"])
    value, detail = _need(_by_id(lonely, _REFUGEE_WELCOME)["refugee-welcome"])
    assert value == 0.25
    assert "it is mainly for housing" in detail and "service for" not in detail


def test_needs_the_importer_guessed_do_not_make_a_service() -> None:
    # "Yoga studio and online classes" read as getting online, "dog rehoming" as
    # housing: a reading is no sign of a service for a problem.
    guessed = _asset(
        id="yoga",
        name="Yoga Studio and Online Classes",
        needs=["physical-activity", "digital"],
        source={"system": "oruk-v1", "id": "1", "inferred": ["needs"]},
    )
    said = guessed.model_copy(update={"id": "yoga-said", "name": "Yoga Said", "source": None})
    cat = prepare(Catalogue([guessed, said]))
    assert [problem_needs(cat, 0), problem_needs(cat, 1)] == [[], ["digital"]]
    active = Person(postcode="FY8 2NP", needs=["physical-activity"])
    found = _by_id(active, guessed)
    assert "service for" not in _need(found["yoga"])[1]


def test_why_says_what_match_says() -> None:
    worker = Person(postcode="FY8 2NP", needs=["mental-wellbeing"])
    cat = Catalogue([_ALCOHOL_LINE, _PEER_GROUP])
    m = {x.id: x for x in match(worker, cat, today=TODAY).ranked}["alcohol-line"]
    why = explain("alcohol-line", worker, cat, today=TODAY)
    assert (why.rank, why.score, why.reasons) == (m.rank, m.score, m.reasons)
    assert "it is a service for alcohol and drugs, which you did not ask about" in str(why)


def test_no_needs_given_leaves_everything_neutral() -> None:
    nobody = Person(postcode="FY8 2NP", interests=["walking"])
    found = _by_id(nobody, _ALCOHOL_LINE, _GET_ONLINE)
    assert {_need(m) for m in found.values()} == {(0.5, "No needs given")}


# ------------------------------------------------------------------ properties


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(catalogue=catalogues(max_size=8), person=persons())
def test_the_rule_only_halves_the_help_of_a_service_for_a_problem_not_brought(
    catalogue: Catalogue, person: Person
) -> None:
    prepared = prepare(catalogue)
    ev = evaluate(person, prepared, TODAY)
    ctx = ev.ctx
    marked = ctx.other_problem
    # Only a service for a problem the person did not bring, not made for them and
    # not already counted down for its audience, is marked.
    audience = audience_values(ctx)
    asked = brought(person)
    for i in np.flatnonzero(marked).tolist():
        problems = PROBLEM_NEEDS.intersection(ctx.prepared.assets[i].needs)
        assert person.needs and problems and not problems & asked
        assert audience[i] < 1.0 and ctx.standing[0][i] == 1.0
    # Only its need value can fall, to no less than half; nothing else changes.
    rows = np.flatnonzero(~ev.excluded)
    with_rule = {f.name: f.score(ctx, rows) for f in DEFAULT_FACTORS}
    with mock.patch.object(factors, "for_other_problem", _nothing_marked):
        plain = evaluate(person, prepared, TODAY)
        without = {f.name: f.score(plain.ctx, rows) for f in DEFAULT_FACTORS}
    for name, values in with_rule.items():
        if name != "need":
            assert values.tolist() == without[name].tolist(), name
    need, before = with_rule["need"], without["need"]
    assert need[~marked[rows]].tolist() == before[~marked[rows]].tolist()
    assert (need <= before).all() and (need >= OTHER_PROBLEM_SHARE * before).all()


def _nothing_marked(p: Any, person: Person) -> Any:
    return np.zeros(p.n, dtype=bool)
