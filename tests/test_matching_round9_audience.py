"""Who a group is for, round nine (issue 12): a ``for:`` that names a situation, and how
much an uncertain audience weighs (docs/matching.md, rule 23)."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.audience import (
    SITUATION,
    audience_fit,
    audience_for,
    for_audience,
    made_for,
    situations_in,
)
from socialrx.model import Person

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
ORUK = ROOT.parent / "shared" / "data" / "oruk" / "north-lincolnshire-services-oruk-v1.json"

_asset = functools.partial(
    make_asset,
    delivery=["phone"],
    needs=["mental-wellbeing", "housing", "money"],
    activities=["support line"],
)
_scores = functools.partial(scores, today=TODAY)
_reason = functools.partial(reason, today=TODAY)

_AID = _asset(
    id="aid",
    name="Women's Aid Line",
    eligibility={"for": ["women experiencing domestic abuse"]},
)
_ADVICE = _asset(id="advice", name="Advice Line")
_GRAN = Person(postcode="FY8 2NP", age=63, gender="woman", needs=["money", "mental-wellbeing"])


def _situation(text: str) -> bool:
    return any(a.startswith(SITUATION) for a in for_audience(text))


# ------------------------------------------------------------------ reading a situation


@pytest.mark.parametrize(
    "text",
    [
        "women experiencing domestic abuse",
        "people affected by domestic abuse",
        "farming families",
        "fishing community",
        "people with a criminal record",
        "people with tinnitus",
        "people too ill to walk their dog",
        "Low Income",
        "Black men",
    ],
)
def test_a_for_that_names_a_situation_is_an_audience(text: str) -> None:
    # Someone "experiencing" or "affected by" something, a trade as an adjective, a
    # record, an illness the vocabularies do not know: who the group is for.
    assert _situation(text)


@pytest.mark.parametrize(
    "text",
    [
        "women",
        "Men",
        "over 50s",
        "young men aged 18 to 30",
        "Merthyr residents",
        "people living in Lytham St Annes",
        "residents of Merthyr Tydfil",
        "all welcome",
        "people of all abilities",
        "anyone who wants to get fitter",
        "people interested in local history",
        "local residents and their families",
        "everyone",
        "and their partners",
        "patients of the practice",
    ],
)
def test_a_for_that_only_restates_age_gender_place_or_anyone_stays_open(text: str) -> None:
    assert for_audience(text) == frozenset()


def test_a_situation_beside_a_named_audience_restates_it() -> None:
    # "people looking after a family member" is what "unpaid carers" means: a known
    # non-carer is not in it, not merely uncertain.
    texts = ["unpaid carers", "people looking after a family member or friend"]
    assert audience_for(texts) == frozenset({"carer"})
    assert audience_fit(audience_for(texts), Person(circumstances=["bereaved"])) == "out"
    assert situations_in("people looking after a family member or friend")


def test_the_words_a_situation_is_named_by_are_not_its_markers() -> None:
    # "experiencing" introduces the situation; "domestic abuse" names it
    (found,) = situations_in("women experiencing domestic abuse")
    assert found == SITUATION + "abus domestic"
    (found,) = situations_in("adults living with mental health problems")
    assert found.endswith("=mental-wellbeing")


# ------------------------------------------------------------------ ranking and words


def test_a_group_for_a_situation_ranks_below_an_open_one_for_someone_not_known_in_it() -> None:
    # A grandmother raising grandchildren needs money and mood support; the women's aid
    # line helps with both, but it is for women experiencing domestic abuse.
    ranked = _scores(_GRAN, _AID, _ADVICE)
    assert ranked["advice"] > ranked["aid"]
    assert _reason(_GRAN, _AID, "audience") == (
        0.25,
        "For women experiencing domestic abuse; not known whether that is you",
    )
    value, detail = _reason(_GRAN, _AID, "need")
    full, _ = _reason(_GRAN, _ADVICE, "need")
    assert value == pytest.approx(full / 2)
    assert detail.endswith(
        "counted half: it is for a particular audience, not known to include you"
    )
    (m,) = match(_GRAN, Catalogue([_AID]), today=TODAY).ranked
    assert "This group is for women experiencing domestic abuse: check it is right for you" in (
        m.cautions
    )


def test_it_is_made_for_someone_whose_own_words_name_the_situation() -> None:
    person = _GRAN.model_copy(update={"interests": ("domestic abuse support",)})
    assert _reason(person, _AID, "audience") == (
        1.0,
        "For women experiencing domestic abuse, as you are",
    )
    ranked = _scores(person, _AID, _ADVICE)
    assert ranked["aid"] > ranked["advice"]
    (m,) = match(person, Catalogue([_AID]), today=TODAY).ranked
    assert not any("check it is right" in c for c in m.cautions)


def test_a_situation_the_person_needs_help_with_is_theirs_but_not_made_for_them() -> None:
    group = _asset(
        id="minds",
        name="Creative Minds",
        needs=["mental-wellbeing", "creativity"],
        eligibility={"for": ["adults living with mental health problems"]},
    )
    low = Person(postcode="FY8 2NP", needs=["mental-wellbeing"])
    assert _reason(low, group, "audience") == (
        0.5,
        "For adults living with mental health problems, as you are",
    )
    assert not made_for(audience_for(group.eligibility.for_), low)  # type: ignore[union-attr]
    painter = Person(postcode="FY8 2NP", needs=["creativity"])
    assert _reason(painter, group, "audience")[0] == 0.25


def test_a_farming_families_visit_is_not_a_first_suggestion_for_a_housebound_widow() -> None:
    farm = _asset(
        id="farm",
        name="Farm Support Visits",
        delivery=["home-visit"],
        needs=["mental-wellbeing", "money", "practical-help"],
        locations=[{"postcode": "FY8 1DR"}],
        eligibility={"for": ["farming families"]},
    )
    calls = _asset(
        id="calls",
        name="Phone Friends",
        needs=["loneliness", "practical-help"],
    )
    widow = Person(
        postcode="FY8 2NP", age=88, needs=["loneliness", "practical-help"], delivery=["phone"]
    )
    widow = widow.model_copy(update={"delivery": ["phone", "home-visit"]})
    ranked = _scores(widow, farm, calls)
    assert ranked["calls"] > ranked["farm"]
    farmer = widow.model_copy(update={"interests": ("farming",)})
    assert _reason(farmer, farm, "audience")[0] == 1.0


def test_home_visits_for_older_people_who_cannot_get_out_are_for_the_housebound() -> None:
    # "who cannot easily get out" narrows "older people" (rule 12): a widow of 75 who
    # goes out is not who doorstep befriending is for; a housebound man of 88 is.
    visits = _asset(
        id="visits",
        name="Doorstep Friends",
        delivery=["home-visit"],
        needs=["loneliness"],
        locations=[{"postcode": "FY8 1DR"}],
        eligibility={"for": ["older people who cannot easily get out"]},
    )
    club = _asset(id="club", name="Lunch Club", needs=["loneliness"])
    widow = Person(postcode="FY8 2NP", age=75, needs=["loneliness"], circumstances=["bereaved"])
    assert _scores(widow, visits, club)["club"] > _scores(widow, visits, club)["visits"]
    assert _reason(widow, visits, "audience")[0] == 0.0
    housebound = Person(
        postcode="FY8 2NP", age=88, needs=["loneliness"], delivery=["phone", "home-visit"]
    )
    assert _reason(housebound, visits, "audience") == (
        0.5,
        "For older people who cannot easily get out, as you are",
    )


def test_a_kind_of_people_counts_its_help_in_full_only_when_their_words_come_near() -> None:
    # A fishermen's welfare drop-in for someone who likes fishing and boats: a hobby is
    # not a job (not made for him), but it may well be one, so its help counts in full.
    # For a grandmother who never mentions the sea, half, like any uncertain audience.
    welfare = _asset(id="welfare", name="Fishermen's Welfare", eligibility={"for": ["fishermen"]})
    full, _ = _reason(_GRAN, _ADVICE, "need")
    value, detail = _reason(_GRAN, welfare, "need")
    assert value == pytest.approx(full / 2) and "counted half" in detail
    angler = _GRAN.model_copy(update={"interests": ("fishing", "boats")})
    value, detail = _reason(angler, welfare, "need")
    assert value == pytest.approx(full) and "counted half" not in detail
    for person in (_GRAN, angler):
        assert _reason(person, welfare, "audience")[0] == 0.25


def test_a_group_run_in_another_language_counts_half_its_help_for_others() -> None:
    # Half for a language of these islands; none for a community's language (rule 42).
    welsh = _asset(id="welsh", name="Cyngor Cymraeg", languages=["cy", "en"])
    value, detail = _reason(_GRAN, welsh, "need")
    full, _ = _reason(_GRAN, _ADVICE, "need")
    assert value == pytest.approx(full / 2)
    assert detail.endswith("counted half: it is run mainly in Welsh")
    polish = _asset(id="polish", name="Polish Advice", languages=["pl", "en"])
    value, detail = _reason(_GRAN, polish, "need")
    assert value == 0.0
    assert detail.endswith(
        "not counted: it is run mainly in Polish, for people who speak it, which you do not"
    )
    speaker = _GRAN.model_copy(update={"languages": ("pl", "en")})
    assert _reason(speaker, polish, "need")[0] == pytest.approx(full)


def test_why_agrees_with_match_for_a_situation_group() -> None:
    cat = Catalogue([_AID, _ADVICE])
    ranked = {m.id: m for m in match(_GRAN, cat, today=TODAY).ranked}
    why = explain("aid", _GRAN, cat, today=TODAY)
    assert why.score == pytest.approx(ranked["aid"].score)
    assert why.rank == ranked["aid"].rank


# ------------------------------------------------------------------ properties

_SITUATIONS = [
    "women experiencing domestic abuse",
    "farming families",
    "people with a criminal record",
    "people on a low income",
    "people new to the UK",
]
_NEEDS = ["loneliness", "mental-wellbeing", "money", "housing", "work-volunteering"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    text=st.sampled_from(_SITUATIONS),
    needs=st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    offered=st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    circumstances=st.sampled_from([None, [], ["carer"]]),
)
def test_naming_a_situation_never_lifts_a_group_for_someone_whose_words_do_not(
    text: str, needs: list[str], offered: list[str], circumstances: list[str] | None
) -> None:
    plain = _asset(id="plain", name="Plain", needs=offered)
    narrowed = _asset(id="narrow", name="Narrow", needs=offered, eligibility={"for": [text]})
    person = Person(postcode="FY8 2NP", needs=needs, circumstances=circumstances)
    assert _scores(person, narrowed)["narrow"] <= _scores(person, plain)["plain"] + 1e-12


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                *("people", "adults", "women", "men", "local", "residents", "their"),
                *("families", "over", "50s", "young", "and", "everyone", "beginners"),
                *("welcome", "all"),
            ]
        ),
        min_size=1,
        max_size=5,
    )
)
def test_words_for_anyone_age_gender_or_place_never_name_a_situation(words: list[str]) -> None:
    assert situations_in(" ".join(words)) == frozenset()


# ------------------------------------------------------------------ real labels


@pytest.mark.skipif(not ORUK.is_file(), reason="shared reference data not available")
def test_real_oruk_target_audiences_read_as_a_link_worker_would() -> None:
    records = json.loads(ORUK.read_text(encoding="utf-8"))
    labels = {
        t["audienceType"].replace(">", " - ").strip()
        for r in records
        for t in r.get("pc_targetAudience") or []
    }
    situations = {a for a in labels if _situation(a)}
    assert situations == {
        "AAB",
        "Aspergers",
        "Culturally Specific",
        "Low Income",
        "Low Income - Unemployed",
        "Mental Health",
        "Sensory Impaired",
        "Sensory Impaired - Visually Impaired",
        "Wheelchair Users",
    }
    assert for_audience("Women") == for_audience("Men") == frozenset()
    # someone who needs help with their mental wellbeing is in "Mental Health"
    low = Person(needs=["mental-wellbeing"])
    assert audience_fit(for_audience("Mental Health"), low) == "in"
    # and a wheelchair user in "Wheelchair Users"
    user = Person(accessibility=["wheelchair-accessible"])
    assert audience_fit(for_audience("Wheelchair Users"), user) == "in"
