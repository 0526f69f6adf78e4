"""Rule 60: help getting online, or dog walking, for someone who does not need it.

A service mainly for getting online (its first recorded need is ``digital``) gives its
company and lessons along with the tablet: for someone whose profile says they are
confident online and who did not ask for help with it, that side help counts for
nothing and their interests do not match it. A dog walking service is for someone with
a dog: when their words never mention one it is uncertain (half its help, 0.25 on
``audience``), never a "no" (``docs/matching.md``, rule 60).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)

_TABLET = make_asset(
    id="tablet",
    name="Tablets for Talking",
    summary="We lend you a tablet and a volunteer visits to show you video calls.",
    activities=["tablet loan", "video calls"],
    needs=["digital", "loneliness", "learning"],
    delivery=["home-visit", "phone"],
)
_CALLS = make_asset(
    id="calls",
    name="Chatline Calls",
    summary="A friendly volunteer rings you every week.",
    activities=["befriending calls"],
    needs=["loneliness"],
)
_SIGHT = make_asset(
    id="sight",
    name="Sight Loss Social",
    summary="A social for blind people, with tips on talking phones.",
    activities=["social group"],
    needs=["loneliness", "digital"],
)
_DOGS = make_asset(
    id="dogs",
    name="Paws for the East End",
    summary="Volunteers walk your dog when you are too ill or cannot get out.",
    activities=["dog walking"],
    needs=["practical-help"],
    delivery=["home-visit"],
    eligibility={"for": ["housebound", "older people who cannot walk their dog"]},
)
_SHOPPING = make_asset(
    id="shopping",
    name="Good Neighbours Shopping",
    summary="Volunteers do your shopping and collect prescriptions.",
    activities=["shopping"],
    needs=["practical-help"],
    delivery=["home-visit"],
    eligibility={"for": ["housebound"]},
)
_HOME = {"postcode": "FY8 2NP", "needs": ["loneliness"]}
_HOUSEBOUND = {
    "postcode": "FY8 2NP",
    "needs": ["loneliness", "practical-help"],
    "delivery": ["phone", "home-visit"],
    "circumstances": ["housebound", "older-person"],
}


_ALL = Catalogue([_TABLET, _DOGS, _SHOPPING, _CALLS])
"""Built once: the property below matches against it many times."""


def _reason(person: Person, asset_id: str, factor: str, *assets: Asset) -> tuple[float, str]:
    catalogue = _ALL if assets == tuple(_ALL.assets) else Catalogue(list(assets))
    result = match(person, catalogue, today=TODAY, limit=0, variety=False)
    m = next(m for m in result.ranked if m.id == asset_id)
    return next((r.score, r.detail) for r in m.reasons if r.factor == factor)


def test_a_tablet_loan_is_no_company_for_someone_confident_online() -> None:
    # Bristol aa09's kind: confident online, lonely; the tablet loan's volunteer was
    # taken for company and it reached her top 3.
    confident = Person(**_HOME, digital="confident", interests=["talking on the phone"])
    score, detail = _reason(confident, "tablet", "need", _TABLET, _CALLS)
    assert score == 0.0
    assert detail.endswith(
        "help with loneliness and isolation not counted: it is mainly for getting online, "
        "and you are confident online"
    )
    interest = _reason(confident, "tablet", "interest", _TABLET, _CALLS)
    assert interest == (
        0.0,
        "Not matched on interests: it is mainly for getting online, and you are confident online",
    )
    ranked = [m.id for m in match(confident, Catalogue([_TABLET, _CALLS]), today=TODAY)]
    assert ranked == ["calls", "tablet"]


def test_an_absent_digital_is_confident_as_the_formats_say() -> None:
    # FORMATS §2: "digital: … (absent = confident)".
    assert _reason(Person(**_HOME), "tablet", "need", _TABLET)[0] == 0.0


def test_someone_not_at_ease_online_still_gets_the_tablet_loan() -> None:
    for level in ("limited", "none"):
        person = Person(**_HOME, digital=level)
        score, detail = _reason(person, "tablet", "need", _TABLET, _CALLS)
        assert score > 0.0 and "confident online" not in detail


def test_asking_for_help_getting_online_counts_whatever_the_profile_says() -> None:
    # A confident person who still asks (a need, or their own words) is helped as asked.
    by_need = Person(postcode="FY8 2NP", needs=["loneliness", "digital"])
    by_words = Person(**_HOME, interests=["video calls with the grandchildren"])
    for person in (by_need, by_words):
        score, detail = _reason(person, "tablet", "need", _TABLET, _CALLS)
        assert score > 0.0 and "confident online" not in detail


def test_a_group_that_only_also_helps_people_online_is_untouched() -> None:
    # A sight-loss social lists getting online second: it is company first, and its
    # company counts as rule 24 counts it (half, for someone who did not ask about it).
    confident = Person(**_HOME, digital="confident")
    score, detail = _reason(confident, "sight", "need", _SIGHT)
    assert score == 0.5 and "confident online" not in detail


def test_a_tablet_made_for_the_housebound_is_not_for_one_already_online() -> None:
    # Glasgow g09's kind: housebound, takes part online, digital not given (confident).
    online = Person(**{**_HOUSEBOUND, "delivery": ["phone", "online", "home-visit"]})
    tablet = make_asset(
        id="tablet",
        name="Tablet Pals",
        summary="A volunteer sets up a loaned tablet at your home and teaches you to use it.",
        activities=["tablet loan"],
        needs=["digital", "loneliness"],
        delivery=["home-visit"],
        eligibility={"for": ["people who are housebound or cannot get out"]},
    )
    assert _reason(online, "tablet", "need", tablet, _CALLS)[0] == 0.0
    # Housebound and not at ease online, getting online is help they brought (rule 24).
    stuck = Person(**_HOUSEBOUND, digital="limited")
    assert _reason(stuck, "tablet", "need", tablet, _CALLS)[0] > 0.0


def test_dog_walking_for_someone_who_never_mentions_a_dog_is_uncertain() -> None:
    # Glasgow g12's kind: housebound at 92, needs practical help, no dog mentioned; the
    # dog walkers' `for` names the housebound and put them before her shopping help.
    person = Person(**_HOUSEBOUND, interests=["the wireless", "crosswords"])
    need, detail = _reason(person, "dogs", "need", _DOGS, _SHOPPING)
    assert need == 0.5
    assert detail.endswith("counted half: it walks people's dogs, and you have not mentioned a dog")
    audience = _reason(person, "dogs", "audience", _DOGS, _SHOPPING)
    assert audience == (
        0.25,
        "Not known whether it is for you: it walks people's dogs, and you have not mentioned a dog",
    )
    ranked = [m.id for m in match(person, Catalogue([_DOGS, _SHOPPING]), today=TODAY)]
    assert ranked == ["shopping", "dogs"]  # still offered: unknown is never a "no"


def test_someone_who_says_they_have_a_dog_gets_the_dog_walkers() -> None:
    # Brighton ae16's and Bristol aa27's kind: "my dog Benji needs walks".
    person = Person(**_HOUSEBOUND, interests=["my dog Benji needs walks"])
    assert _reason(person, "dogs", "need", _DOGS, _SHOPPING)[0] == 1.0
    assert _reason(person, "dogs", "audience", _DOGS, _SHOPPING)[0] == 1.0


def test_the_explanation_of_one_asset_says_the_same() -> None:
    person = Person(**_HOUSEBOUND)
    why = explain("dogs", person, Catalogue([_DOGS, _SHOPPING]), today=TODAY)
    assert any("you have not mentioned a dog" in r.detail for r in why.reasons)


_WORDS = st.sampled_from(["crosswords", "a chat", "video calls", "the wireless", "gardening"])
_SAYING = {"tablet": "getting online", "dogs": "my dog needs walks"}


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(
    interests=st.lists(_WORDS, max_size=3, unique=True),
    digital=st.sampled_from(["none", "limited", "confident"]),
    housebound=st.booleans(),
)
def test_saying_you_need_the_help_never_lowers_it(
    interests: list[str], digital: str, housebound: bool
) -> None:
    # Saying in your own words that you need it (help getting online, a dog to walk)
    # never lowers what the service's help or its audience counts for you.
    fields = _HOUSEBOUND if housebound else {**_HOME, "needs": ["loneliness", "practical-help"]}
    assets = tuple(_ALL.assets)
    for asset_id, saying in _SAYING.items():
        base = Person(**fields, interests=interests, digital=digital)
        says = Person(**fields, interests=[*interests, saying], digital=digital)
        for factor in ("need", "audience"):
            before = _reason(base, asset_id, factor, *assets)[0]
            assert _reason(says, asset_id, factor, *assets)[0] >= before
