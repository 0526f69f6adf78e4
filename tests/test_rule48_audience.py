"""Rule 48 (round thirteen): who a group is for, part two.

Having *a* long-term condition does not make every condition group yours: when groups for
two or more different conditions would each count someone in only through a long-term
condition in general, the condition whose group comes first keeps it and the others are
uncertain. And when a group's name or summary says who it is for — a gender, an age — and
``eligibility`` is silent, believe it: uncertain for someone known to be outside it, not
for them when the words say "only"; never left out, and a caution quotes the words.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.stated_audience import stated
from socialrx.model import Asset, Person
from socialrx.quality import check_catalogue

pytestmark = pytest.mark.slow  # about 5 s in all, with the properties

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["long-term-conditions", "loneliness"],
    activities=["gentle exercise", "tea"],
)
_LUNGS = _group(
    id="lungs",
    name="Breathe Easy Group",
    locations=[{"postcode": "FY8 2NP"}],
    eligibility={"for": ["people with lung conditions"]},
)
_LUNGS_TOO = _group(
    id="lungs-too",
    name="Better Breathing Club",
    locations=[{"postcode": "FY8 1DR"}],
    eligibility={"for": ["people with COPD"]},
)
_STROKE = _group(
    id="stroke",
    name="Stroke Club",
    locations=[{"postcode": "FY8 1DR"}],
    eligibility={"for": ["stroke survivors"]},
)
_PARKINSONS = _group(
    id="parkinsons",
    name="Parkinson's Movers",
    locations=[{"postcode": "FY8 1DR"}],
    eligibility={"for": ["people with Parkinson's"]},
)
_GENERAL = _group(
    id="general",
    name="Living Well Group",
    locations=[{"postcode": "FY8 1DR"}],
    eligibility={"for": ["people with long-term conditions"]},
)


def _condition(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 72,
        "needs": ["long-term-conditions", "loneliness"],
        "interests": ["tea"],
        "circumstances": ["long-term-condition"],
    }
    return Person(**{**data, **fields})


def _audience(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="audience", today=TODAY)


def _cautions(person: Person, asset_id: str, *assets: Asset) -> list[str]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return list(next(m for m in result.ranked if m.id == asset_id).cautions)


def test_only_the_first_condition_group_keeps_a_condition_in_general() -> None:
    catalogue = (_LUNGS, _STROKE, _PARKINSONS)
    person = _condition()
    assert ranked_ids(person, *catalogue, today=TODAY)[0] == "lungs"
    assert _audience(person, "lungs", *catalogue) == (
        1.0,
        "For people with lung conditions; you live with a long-term condition: check it is "
        "this one",
    )
    for other, who in (("stroke", "stroke survivors"), ("parkinsons", "people with Parkinson's")):
        value, detail = _audience(person, other, *catalogue)
        assert value == 0.25
        assert detail == (
            f"For {who}; not known whether that is you: you live with a long-term condition "
            "but have not said which, and a group for another condition comes first"
        )
        assert f"This group is for {who}: check it is right for you" in _cautions(
            person, other, *catalogue
        )
        # Uncertain as any audience the person is not known to be in: half its help.
        need = explained(person, other, *catalogue, factor="need", today=TODAY)
        assert need[1].endswith(
            "counted half: it is for one condition, and you have not said which you live with"
        )
        assert need[0] < explained(person, "lungs", *catalogue, factor="need", today=TODAY)[0]
    # Alone, each is still made for them, as rule 37 has it.
    assert _audience(person, "stroke", _STROKE)[0] == 1.0


def test_groups_for_the_same_condition_all_keep_it() -> None:
    catalogue = (_LUNGS, _LUNGS_TOO, _STROKE)
    person = _condition()
    assert _audience(person, "lungs", *catalogue)[0] == 1.0
    assert _audience(person, "lungs-too", *catalogue)[0] == 1.0  # COPD is a lung condition
    assert _audience(person, "stroke", *catalogue)[0] == 0.25


def test_a_named_condition_or_a_group_for_conditions_in_general_is_untouched() -> None:
    named = _condition(interests=["tea", "parkinsons"])
    catalogue = (_LUNGS, _STROKE, _PARKINSONS, _GENERAL)
    assert ranked_ids(named, *catalogue, today=TODAY)[0] == "parkinsons"
    assert _audience(named, "parkinsons", *catalogue)[0] == 1.0
    assert _audience(_condition(), "general", *catalogue)[0] == 1.0


def test_the_why_score_is_the_match_score() -> None:
    catalogue = (_LUNGS, _STROKE, _PARKINSONS)
    result = match(_condition(), Catalogue(list(catalogue)), today=TODAY)
    from_match = {m.id: m for m in result.ranked}
    for asset in catalogue:
        r = next(r for r in from_match[asset.id].reasons if r.factor == "audience")
        assert (r.score, r.detail) == _audience(_condition(), asset.id, *catalogue)


@settings(max_examples=15, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(["lungs", "lungs-too", "stroke", "parkinsons"]), unique=True)
)
def test_the_first_condition_group_scores_as_it_would_alone(chosen: list[str]) -> None:
    """Rule 48 only ever lowers the groups of the conditions that do not come first."""
    pool = {a.id: a for a in (_LUNGS, _LUNGS_TOO, _STROKE, _PARKINSONS)}
    person = _condition()
    together = scores(person, *(pool[c] for c in chosen), today=TODAY)
    alone = {c: scores(person, pool[c], today=TODAY)[c] for c in chosen}
    for c in chosen:
        assert together[c] <= alone[c] + 1e-12
    if chosen:
        best = max(chosen, key=lambda c: (together[c], c))
        assert abs(together[best] - alone[best]) < 1e-12


_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["mental-wellbeing", "loneliness"],
)
_TALK_LADS = _venue(
    id="talk-lads",
    name="Talk Lads",
    summary="Peer support for when life gets on top of you. Lads only, 18+.",
    activities=["peer support"],
)
_SHED = _venue(
    id="shed",
    name="Harbour Men's Shed",
    summary="Woodwork, mending and a brew.",
    activities=["woodwork"],
)
_BINGO = _venue(
    id="bingo",
    name="Tuesday Bingo Lunch",
    summary="An over-60s bingo lunch with a raffle.",
    activities=["bingo"],
)
_MIXED = _venue(
    id="mixed",
    name="Walking Football",
    summary="For over-50s, men and women. No running, plenty of laughs.",
    activities=["walking football"],
    eligibility={"min_age": 50},
)
_OPEN = _venue(
    id="open",
    name="Wellbeing Walk",
    summary="A gentle walk and a chat.",
    activities=["walking"],
)


def _woman(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 44,
        "gender": "woman",
        "needs": ["mental-wellbeing", "loneliness"],
    }
    return Person(**{**data, **fields})


def test_lads_only_is_not_offered_to_a_woman_and_says_why() -> None:
    ranked = ranked_ids(_woman(), _TALK_LADS, _OPEN, today=TODAY)
    assert ranked == ["open", "talk-lads"]  # never left out: only eligibility is a hard limit
    value, detail = _audience(_woman(), "talk-lads", _TALK_LADS, _OPEN)
    assert value == 0.0
    assert detail == "Its summary says 'Lads only' and '18+': that is not you"
    # A man of 30 fits both: no caution, and the group is open to him as any other.
    man = _woman(gender="man", age=30)
    assert _audience(man, "talk-lads", _TALK_LADS)[1] == "Open to everyone (neutral value)"
    assert not any("Lads only" in c for c in _cautions(man, "talk-lads", _TALK_LADS))


def test_a_mens_shed_is_uncertain_for_a_woman_with_a_caution_that_many_welcome_women() -> None:
    crafter = _woman(interests=["woodwork"])
    value, detail = _audience(crafter, "shed", _SHED)
    caution = (
        "Its name says 'Men's Shed' (many Men's Sheds welcome women too): check it is right for you"
    )
    assert (value, detail) == (0.25, caution)
    assert caution in _cautions(crafter, "shed", _SHED)
    # Gender not given: the same caution, and the score of an open group.
    unknown = crafter.model_copy(update={"gender": None})
    assert _audience(unknown, "shed", _SHED)[0] == 0.5
    assert caution in _cautions(unknown, "shed", _SHED)


def test_an_over_60s_lunch_is_uncertain_for_someone_of_44_and_open_for_someone_of_70() -> None:
    assert _audience(_woman(), "bingo", _BINGO)[0] == 0.25
    assert "Its summary says 'over-60s': check it is right for you" in _cautions(
        _woman(), "bingo", _BINGO
    )
    older = _woman(age=70)
    assert _audience(older, "bingo", _BINGO)[0] == 0.5
    assert not any("over-60s" in c for c in _cautions(older, "bingo", _BINGO))


def test_words_that_welcome_everyone_or_name_something_else_are_not_read() -> None:
    assert not stated("Walking Football", "For over-50s, men and women.", min_age=50)
    assert stated("Walking Football", "Men and women welcome.").gender is None
    assert not stated("Pantry", "Choose 10+ items of groceries for £4 a week.")
    assert not stated("Family Evening", "For parents caring for a son or daughter over 18.")
    assert not stated("Friday Club", "Bingo and a sandwich, Tuesday 10-12.")
    assert not stated("Boxing Club", "Training for young people and adults.")
    # What eligibility says is not read again from the words.
    assert stated("Men's Shed", "Woodwork.", gender="men").gender is None
    assert _audience(_woman(gender="man"), "mixed", _MIXED)[0] == 0.5


_GENDERS = st.sampled_from(["woman", "man", "other"])


@settings(max_examples=20, deadline=None)
@given(gender=_GENDERS, age=st.integers(min_value=16, max_value=95))
def test_knowing_someone_fits_what_the_words_say_never_lowers_an_asset(
    gender: str, age: int
) -> None:
    """Evidence that the person is in a group's audience never lowers it: a gender or an
    age that fits the words scores at least what not knowing them does."""
    catalogue = (_TALK_LADS, _SHED, _BINGO, _MIXED, _OPEN)
    unknown = _woman(gender=None, age=None)
    known = _woman(gender=gender, age=age)
    before = scores(unknown, *catalogue, today=TODAY)
    after = scores(known, *catalogue, today=TODAY)
    for asset in catalogue:
        said = stated(asset.name, asset.summary)
        fits_gender = said.gender is None or (said.gender, gender) in {
            ("men", "man"),
            ("women", "woman"),
        }
        low = said.min_age or 0
        high = said.max_age if said.max_age is not None else 200
        if fits_gender and low <= age <= high and asset.id in before and asset.id in after:
            assert after[asset.id] >= before[asset.id] - 1e-12


def test_check_hints_when_the_words_say_a_gender_or_an_age_eligibility_does_not(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    base = "needs: [loneliness]\ndelivery: [phone]\nstatus: active\nlast_verified: 2026-10-01\n"
    groups = {
        "lads": "name: Talk Lads\nsummary: Peer support. Lads only, 18+.\n",
        "marked": "name: Talk Lads\nsummary: Lads only.\neligibility: {gender: men}\n",
        "mixed": "name: Walking Football\nsummary: Men and women of any fitness.\n",
    }
    for name, text in groups.items():
        (folder / f"{name}.yaml").write_text(text + base, encoding="utf-8")
    found = {
        f.path.rsplit("/", 1)[-1]: f
        for f in check_catalogue(folder, today=TODAY).findings
        if f.code == "SRX703"
    }
    assert sorted(found) == ["lads.yaml"]
    f = found["lads.yaml"]
    assert f.message == (
        "says 'Lads only', but eligibility.gender or eligibility.min_age is not set"
    )
    assert f.hint == "if it is only for them, add eligibility: {gender: men, min_age: 18}"
