"""Rule 45: a group chosen only on common needs is a fallback.

A group whose point is a pastime (it is a group, its activities name one, and what it
is for is a common need) gives company, mood, being active, being creative and learning
through the pastime. When it matches none of the person's hobbies, others they can join
do, and it is not made for them, each of those counts at half — mood and learning too,
as rules 13, 15 and 16 already count the others. A service or support for the need
itself (a peer group, a course, a befriending call, a carers' café) is no pastime group
(``docs/matching.md``, rule 45).
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.fallback import pastime_groups
from socialrx.matching.prepared import prepare
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
HALVED = "counted at half: it matches none of your hobbies"

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    schedule=[{"days": ["tue"], "start": "14:00", "end": "16:00", "frequency": "weekly"}],
    cost={"free": True},
)
_SHED = _group(
    id="shed",
    name="Harbour Men's Shed",
    summary="Woodwork and repairs, with a brew.",
    activities=["woodwork", "repairs", "tea and chat"],
    needs=["loneliness", "mental-wellbeing"],
)
_PEERS = _group(
    id="peers",
    name="Open Minds",
    summary="A peer support group for low mood and worry.",
    activities=["peer support"],
    needs=["mental-wellbeing", "loneliness"],
)
_FIVES = _group(
    id="fives",
    name="Thursday Five-a-side",
    summary="Friendly five-a-side football.",
    activities=["five-a-side football", "football"],
    needs=["physical-activity"],
)
_BOOKS = _group(
    id="books",
    name="Library Reading Group",
    summary="A monthly book club at the library.",
    activities=["reading", "book club"],
    needs=["loneliness", "learning"],
)
_COURSE = _group(
    id="course",
    name="Skills for Life",
    summary="A free short course in everyday maths and English.",
    activities=["short course"],
    needs=["learning", "loneliness"],
)
_COOKS = _group(
    id="cooks",
    name="Cook and Eat",
    summary="Cook a meal together, then eat it.",
    activities=["cooking"],
    needs=["healthy-eating", "food"],
)


def _person(**fields: object) -> Person:
    return Person.model_validate({"postcode": "FY8 2NP", **fields})


def _need(person: Person, *assets: Asset) -> dict[str, tuple[int, float, str]]:
    """Rank, need value and need detail of each asset matched for ``person``."""
    result = match(person, Catalogue(list(assets)), today=TODAY, limit=10)
    out = {}
    for m in result.ranked:
        need = next(r for r in m.reasons if r.factor == "need")
        out[m.id] = (m.rank, need.score, need.detail)
    return out


def test_a_shed_is_no_help_with_mood_for_a_man_who_named_football() -> None:
    person = _person(needs=["mental-wellbeing", "loneliness"], interests=["football", "a pint"])
    ranked = _need(person, _SHED, _PEERS, _FIVES)
    assert [aid for aid, _ in sorted(ranked.items(), key=lambda x: x[1][0])] == [
        "fives",
        "peers",
        "shed",
    ]
    _, shed, detail = ranked["shed"]
    _, peers, _ = ranked["peers"]
    assert shed == 0.5 < peers  # the peer group's mood counts in full, the shed's at half
    assert detail == (
        "Helps with mental wellbeing, and loneliness and isolation; help with mental "
        f"wellbeing, and loneliness and isolation {HALVED}"
    )


def test_a_book_club_is_not_the_course_for_someone_who_wants_to_learn() -> None:
    person = _person(needs=["learning"], interests=["cooking"])
    ranked = _need(person, _BOOKS, _COURSE, _COOKS)
    assert ranked["course"][0] < ranked["books"][0]
    assert ranked["books"][1] == ranked["course"][1] / 2
    assert ranked["books"][2] == f"Helps with learning; help with learning {HALVED}"
    assert ranked["course"][2] == "Helps with learning"


def test_a_shed_for_someone_who_likes_woodwork_keeps_its_help() -> None:
    person = _person(needs=["mental-wellbeing", "loneliness"], interests=["woodwork"])
    ranked = _need(person, _SHED, _PEERS)
    assert ranked["shed"][0] == 1
    assert ranked["shed"][2] == "Helps with mental wellbeing, and loneliness and isolation"


def test_when_nothing_here_meets_a_hobby_nothing_is_a_fallback() -> None:
    # Rule 13's exception: with no group to join for what they enjoy, a shed is as good
    # a way to company and a better mood as any, so nothing is halved.
    person = _person(needs=["mental-wellbeing", "loneliness"], interests=["bell ringing"])
    ranked = _need(person, _SHED, _PEERS)
    assert ranked["shed"][1] == ranked["peers"][1] == 1.0
    assert HALVED not in ranked["shed"][2]


def test_a_group_made_for_the_person_keeps_its_help() -> None:
    over_65s = _group(
        id="shed",
        name="Over-65s Shed",
        summary="Woodwork and repairs, with a brew.",
        activities=["woodwork", "repairs"],
        needs=["mental-wellbeing", "loneliness"],
        eligibility={"min_age": 65},
    )
    person = _person(age=70, needs=["mental-wellbeing"], interests=["football"])
    ranked = _need(person, over_65s, _FIVES)
    assert ranked["shed"][1] == 1.0
    assert HALVED not in ranked["shed"][2]


def test_what_is_a_pastime_group() -> None:
    entries = [
        _SHED,
        _BOOKS,
        _PEERS,  # support for the need itself
        _COURSE,  # a course
        _COOKS,  # a pastime, but for healthy eating and food first
        _group(id="coffee", activities=["coffee morning", "tea and chat"]),  # company
        _group(id="volunteers", activities=["volunteering"], needs=["loneliness"]),
        _group(id="tablets", activities=["getting online"], needs=["learning"]),
        _group(  # a carers' café with games: for carers first
            id="carers", activities=["board games", "chat"], needs=["carers", "loneliness"]
        ),
        make_asset(id="chess-calls", activities=["chess"], group={"kind": "one-to-one"}),
        _group(id="choir", activities=["singing", "choir"], needs=["creativity", "loneliness"]),
    ]
    p = prepare(Catalogue(entries))
    assert {key for key, yes in zip(p.ids, pastime_groups(p), strict=True) if yes} == {
        "shed",
        "books",
        "choir",
    }


def test_why_says_what_match_says() -> None:
    person = _person(needs=["mental-wellbeing", "loneliness"], interests=["football"])
    catalogue = Catalogue([_SHED, _PEERS, _FIVES])
    (listed,) = [m for m in match(person, catalogue, today=TODAY).ranked if m.id == "shed"]
    why = explain("shed", person, catalogue, today=TODAY)
    assert why.score == listed.score
    assert [r.detail for r in why.reasons] == [r.detail for r in listed.reasons]
    assert abs(sum(r.contribution for r in listed.reasons) - listed.score) < 1e-9


_PASTIMES = ["woodwork", "board games", "knitting", "reading", "singing", "bowls", "chess"]
_COMMON = ["loneliness", "mental-wellbeing", "learning", "creativity", "physical-activity"]


@settings(max_examples=12, deadline=None)
@given(
    pastime=st.sampled_from(_PASTIMES),
    first=st.sampled_from(_COMMON),
    also=st.lists(st.sampled_from(_COMMON), max_size=3, unique=True),
    wanted=st.lists(st.sampled_from(_COMMON), min_size=1, max_size=3, unique=True),
)
def test_a_pastime_group_you_never_named_never_ranks_above_support_for_the_need(
    pastime: str, first: str, also: list[str], wanted: list[str]
) -> None:
    """Alike in everything but what they do, a group for a pastime the person never
    named never scores above support for the need; one for a pastime they named never
    scores below it."""
    needs = [first, *(n for n in also if n != first)]
    group = _group(id="group", name="Tuesday Group", activities=[pastime], needs=needs)
    support = _group(id="support", name="Tuesday Support", activities=["peer support"], needs=needs)
    fives = _FIVES.model_copy(update={"needs": ["work-volunteering"]})  # a hobby to join
    catalogue = Catalogue([group, support, fives])
    scores = {
        m.id: m.score
        for m in match(_person(needs=wanted, interests=["football"]), catalogue, today=TODAY).ranked
    }
    assert scores["group"] <= scores["support"]
    named = {
        m.id: m.score
        for m in match(
            _person(needs=wanted, interests=["football", pastime]), catalogue, today=TODAY
        ).ranked
    }
    assert named["group"] >= named["support"]
