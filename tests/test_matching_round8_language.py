"""Rule 22: a group run mainly in another language is for its speakers.

The first language an entry lists is the one it is mainly run in: a Vietnamese elders'
club whose volunteers also speak English is `languages: [vi, en]`, an English advice
service that can also help in Polish is `[en, pl]`.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.community import OWN_TO_BRITAIN
from socialrx.matching.own_language import own_languages
from socialrx.model import Person

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["loneliness"],
    activities=["lunch club"],
)
_VIETNAMESE = _asset(id="viet", name="Lac Hong Lunch", languages=["vi", "en"])
_ENGLISH = _asset(id="eng", name="Church Lunch", languages=["en"])
_WITH_POLISH = _asset(id="en-pl", name="Town Lunch", languages=["en", "pl"])


def _audience(result: object, asset_id: str) -> tuple[float, str]:
    m = next(m for m in result.ranked if m.id == asset_id)  # type: ignore[attr-defined]
    r = next(r for r in m.reasons if r.factor == "audience")
    return r.score, r.detail


def test_a_community_language_group_is_made_for_its_speakers() -> None:
    cat = Catalogue([_VIETNAMESE, _ENGLISH])
    speaker = Person(postcode="FY8 2NP", needs=["lonely"], languages=["vi", "en"])
    result = match(speaker, cat, today=TODAY)
    assert [m.id for m in result] == ["viet", "eng"]
    assert _audience(result, "viet") == (
        1.0,
        "Open to everyone; run mainly in Vietnamese, which you speak",
    )
    assert not any("Run mainly" in c for m in result for c in m.cautions)


def test_for_everyone_else_it_is_not_theirs_and_says_so() -> None:
    # Rule 42: someone who speaks none of its languages is not in its community.
    cat = Catalogue([_VIETNAMESE, _ENGLISH, _WITH_POLISH])
    result = match(Person(postcode="FY8 2NP", needs=["lonely"]), cat, today=TODAY)
    order = [m.id for m in result]
    assert order.index("viet") > order.index("eng") and order.index("viet") > order.index("en-pl")
    score, detail = _audience(result, "viet")
    assert score == 0.0
    assert detail == "Run mainly in Vietnamese, for people who speak it, which you do not"
    (viet,) = [m for m in result if m.id == "viet"]
    said = "Run mainly in Vietnamese, for people who speak it, which you do not: check it is"
    assert any(c.startswith(said) for c in viet.cautions)
    # An English service that can also help in Polish is simply open to everyone.
    assert _audience(result, "en-pl") == (0.5, "Open to everyone (neutral value)")


def test_a_language_never_makes_a_group_for_an_audience_the_person_is_not_in() -> None:
    carers = _asset(id="carers", name="Carers", languages=["vi"], eligibility={"for": ["carers"]})
    person = Person(postcode="FY8 2NP", languages=["vi"], circumstances=["widow"])
    result = match(person, Catalogue([carers]), today=TODAY)
    assert _audience(result, "carers")[0] == 0.0


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(
    first=st.sampled_from(["en", "vi", "pl", "cy", "bsl"]),
    also=st.lists(st.sampled_from(["en", "vi", "pl", "cy"]), max_size=2, unique=True),
    spoken=st.lists(st.sampled_from(["en", "vi", "pl", "cy", "bsl"]), min_size=1, unique=True),
)
def test_why_says_what_match_scored(first: str, also: list[str], spoken: list[str]) -> None:
    languages = [first, *[x for x in also if x != first]]
    asset = _asset(id="group", name="Group", languages=languages)
    person = Person(postcode="FY8 2NP", needs=["lonely"], languages=spoken)
    result = match(person, Catalogue([asset]), today=TODAY)
    if not result.matches:
        return  # no shared language: left out
    why = explain("group", person, Catalogue([asset]), today=TODAY)
    scored = {r.factor: r.score for r in result.matches[0].reasons}
    assert {r.factor: r.score for r in why.reasons} == scored
    # Rule 38: an English group also offering one of the person's own languages (those
    # they list before English) counts as made for them.
    own = own_languages(person)
    if first == "en":
        expected = 1.0 if any(x in own for x in languages) else 0.5
    elif set(languages) & set(spoken) - {"en"}:
        expected = 1.0  # rule 42: any of its languages other than English
    else:  # rule 42: not theirs, unless its language is one of these islands'
        expected = 0.25 if first in OWN_TO_BRITAIN else 0.0
    assert scored["audience"] == expected
