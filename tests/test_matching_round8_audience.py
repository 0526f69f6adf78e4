"""Who a group is for, round eight (issue 12): a group for a named condition, and a
group for carers of people with one (docs/matching.md, rule 17)."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason, scores
from socialrx.catalogue import Catalogue, load_catalogue, load_person
from socialrx.matching import explain, match
from socialrx.matching.audience import (
    CONDITION,
    audience_fit,
    audience_in,
    conditions_in,
    made_for,
)
from socialrx.model import Person
from socialrx.quality import check_catalogue
from socialrx.views.text import explanation_text
from socialrx.vocabulary import CIRCUMSTANCES

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
ORUK = ROOT.parent / "shared" / "data" / "oruk" / "north-lincolnshire-services-oruk-v1.json"

_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["long-term-conditions", "loneliness"],
    activities=["peer support"],
)
_scores = functools.partial(scores, today=TODAY)
_reason = functools.partial(reason, today=TODAY)

_RARE = _asset(
    id="thal-group",
    name="Thalassaemia Peer Support",
    eligibility={"for": ["people living with sickle cell or thalassaemia", "their families"]},
)
_OPEN = _asset(id="health-cafe", name="Healthy Living Cafe")
_LTC = Person(
    postcode="FY8 2NP", needs=["long-term-conditions"], circumstances=["long-term-condition"]
)


# ------------------------------------------------------------------ a named condition


def test_a_group_for_a_named_condition_is_uncertain_for_someone_not_known_to_have_it() -> None:
    # A man with a long-term condition (which one is not said) is not known to live with
    # thalassaemia: the group ranks below an otherwise equal open one, with a caution.
    ranked = _scores(_LTC, _RARE, _OPEN)
    assert ranked["health-cafe"] > ranked["thal-group"]
    value, detail = _reason(_LTC, _RARE, "audience")
    assert value == 0.25 and detail.endswith("not known whether that is you")
    _, why = _reason(_LTC, _RARE, "need")
    assert "counted half" in why
    (m,) = match(_LTC, Catalogue([_RARE]), today=TODAY).ranked
    assert any("This group is for people living with sickle cell" in c for c in m.cautions)


def test_a_group_for_a_named_condition_is_made_for_someone_whose_words_name_it() -> None:
    person = _LTC.model_copy(update={"interests": ("thalassaemia support",)})
    value, detail = _reason(person, _RARE, "audience")
    assert value == 1.0 and detail.endswith("as you are")
    (m,) = match(person, Catalogue([_RARE]), today=TODAY).ranked
    assert not any("check it is right" in c for c in m.cautions)
    assert (
        _scores(person, _RARE, _OPEN)["thal-group"] > _scores(person, _RARE, _OPEN)["health-cafe"]
    )


def test_a_need_for_sign_language_makes_a_group_for_deaf_people_theirs() -> None:
    # Needing BSL or a hearing loop makes plain that someone is deaf or hard of hearing:
    # a Deaf club is in their reach as an open group is (not uncertain), though not
    # "made for" them as something they said would be.
    club = _asset(
        id="deaf-club",
        name="Deaf Social",
        accessibility=["bsl"],
        eligibility={"for": ["Deaf people"]},
    )
    signer = Person(postcode="FY8 2NP", accessibility=["bsl"], circumstances=[])
    value, detail = _reason(signer, club, "audience")
    # Rule 54: the reason says what was read.
    assert (value, detail) == (0.5, "For Deaf people: you asked for British Sign Language")
    hearing = Person(postcode="FY8 2NP", circumstances=[])
    assert _reason(hearing, club, "audience")[0] == 0.25


@pytest.mark.parametrize(
    "text",
    [
        "everyone",
        "all ages",
        "adults",
        "beginners",
        "anyone who enjoys walking",
        "local residents",
        "people who want to get fitter",
        "families",
        "all welcome",
        "adults living with mental health problems",
        "patients of the surgery",
        "hearing aid users",
        "people with a cold",
    ],
)
def test_a_phrase_naming_no_condition_or_circumstance_stays_open(text: str) -> None:
    assert audience_in(text) == frozenset()


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("people living with sickle cell or thalassaemia", "thalassemia"),
        ("parent carers of autistic adults", "autism"),
        ("people with autism", "autism"),
        ("people with epilepsy", "epilepsy"),
        ("adults with a learning disability", "learning disorder"),
        ("deaf people", "deafness"),
        ("people who are unwell", "illness"),
    ],
)
def test_a_named_condition_is_read_from_the_words_of_for(text: str, condition: str) -> None:
    assert condition in conditions_in(text)


def test_a_condition_the_vocabulary_names_stays_its_circumstance() -> None:
    # "dementia" is living-with-dementia; diabetes and COPD are long-term conditions the
    # vocabulary lists: a person who said they have one is in, as before.
    assert audience_in("people living with dementia") == {"living-with-dementia"}
    assert audience_in("people living with diabetes") == {"long-term-condition"}
    assert audience_in("adults with type 2 diabetes") == {"long-term-condition"}
    assert audience_fit(audience_in("people with COPD"), _LTC) == "in"


# ------------------------------------------------------------------ carers of people with it


_PARENT_CARERS = _asset(
    id="parent-carers",
    name="Parent Carers Evening",
    needs=["carers", "mental-wellbeing"],
    eligibility={"for": ["parent carers of autistic adults"]},
)


def test_a_parent_is_not_made_for_a_parent_carers_group_of_autistic_adults() -> None:
    # A working father: being a parent is known, being a carer of an autistic adult is
    # not. He is not who the group is for, and nothing says "as you are".
    dad = Person(postcode="FY8 2NP", needs=["money"], circumstances=["parent"])
    audience = audience_in("parent carers of autistic adults")
    assert {"parent", "carer", CONDITION + "autism"} <= audience
    assert audience_fit(audience, dad) == "partly" and not made_for(audience, dad)
    value, detail = _reason(dad, _PARENT_CARERS, "audience")
    assert value == 0.25 and "as you are" not in detail
    # a carer who says whom they care for is in it, and it is made for them
    carer = Person(postcode="FY8 2NP", circumstances=["carer"], interests=["autism support"])
    assert _reason(carer, _PARENT_CARERS, "audience")[0] == 1.0
    # a carer who does not say: uncertain, with the carer's wording
    unsaid = Person(postcode="FY8 2NP", circumstances=["carer"])
    value, detail = _reason(unsaid, _PARENT_CARERS, "audience")
    assert value == 0.25 and "the person you care for" in detail


def test_why_never_says_as_you_are_of_what_is_not_known() -> None:
    # Dorothy is housebound (she is shielding) but not known to own a dog or be unwell.
    catalogue = load_catalogue(ROOT / "assets")
    dorothy = load_person(ROOT / "examples" / "person-dorothy.yaml")
    text = explanation_text(explain("paws-for-a-walk", dorothy, catalogue, today=TODAY))
    assert "as you are" not in text
    assert "not known whether that is you" in text


# ------------------------------------------------------------------ check agrees (SRX703)


@pytest.mark.parametrize(
    ("summary", "hinted"),
    [
        ("Peer support for people living with sickle cell or thalassaemia.", True),
        ("An evening for parent carers of autistic adults.", True),
        ("A friendly walk for beginners and all ages.", False),
        ("Gentle and good for people with epilepsy.", False),
        ("Coffee for Deaf people and BSL users, and anyone learning to sign.", False),
    ],
)
def test_check_hints_when_a_summary_names_a_condition_for_leaves_out(
    tmp_path: Path, summary: str, hinted: bool
) -> None:
    # What `check` reads as an audience is what matching reads from `for` (rule 17).
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "group.yaml").write_text(
        f"name: Group\nsummary: {summary}\nneeds: [loneliness]\ndelivery: [phone]\n"
        "status: active\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )
    found = [f for f in check_catalogue(folder, today=TODAY).findings if f.code == "SRX703"]
    assert bool(found) == hinted


# ------------------------------------------------------------------ properties

_CIRCUMSTANCES = sorted(CIRCUMSTANCES)
_NAMED = ["thalassemia", "epilepsy", "autism", "deafness"]
_PLAIN = [c for c in _CIRCUMSTANCES if c != "carer"]


@settings(max_examples=60, deadline=None)
@given(
    circumstances=st.lists(st.sampled_from(_CIRCUMSTANCES), max_size=3),
    audience=st.sets(st.sampled_from(_PLAIN), max_size=3),
    condition=st.sampled_from(_NAMED),
    interests=st.lists(st.sampled_from(["walking", "autism support", "my epilepsy"]), max_size=2),
)
def test_naming_a_condition_never_makes_a_group_fit_someone_better(
    circumstances: list[str], audience: set[str], condition: str, interests: list[str]
) -> None:
    # Invariant: adding a named condition to who a group is for (not a carers' group,
    # where it may be the cared-for's) never raises how well it fits someone (in >
    # partly > out), and it is theirs only when their own words name the condition.
    rank = {"out": 0, "partly": 1, "in": 2}
    person = Person(circumstances=circumstances, interests=interests)
    plain = frozenset(audience)
    named = plain | {CONDITION + condition}
    assert rank[audience_fit(named, person)] <= rank[audience_fit(plain, person)]
    if audience_fit(named, person) == "in":
        assert CONDITION + condition in frozenset().union(*map(audience_in, interests))


# ------------------------------------------------------------------ the shipped data


def test_the_conditions_list_holds_conditions_and_not_everyday_words() -> None:
    path = ROOT / "src" / "socialrx" / "data" / "conditions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["conditions"]
    names = [n for _, group in rows for n in group]
    assert len(names) == len(set(names)) and all(n == n.casefold() for n in names)
    assert "WordNet 3.0" in data["source"]
    assert [c for c, _ in rows] == sorted({c for c, _ in rows})
    for name in ("thalassaemia", "autism", "autistic", "epilepsy", "asthma", "deaf"):
        assert name in names
    for word in ("cold", "aids", "stroke", "patient", "crazy", "fit", "health problem"):
        assert word not in names


@pytest.mark.skipif(not ORUK.exists(), reason="shared reference data not available")
def test_real_oruk_target_audiences_read_as_a_link_worker_would() -> None:
    # The North Lincolnshire feed's target audiences (real): conditions are conditions,
    # circumstances circumstances, and the rest stays open.
    records = json.loads(ORUK.read_text(encoding="utf-8"))
    audiences = {
        t["audienceType"].replace(">", " - ").strip()
        for r in records
        for t in r.get("pc_targetAudience") or []
    }
    read = {a: audience_in(a) for a in audiences}
    assert read["Autism"] == {CONDITION + "autism"}
    assert CONDITION + "learning disorder" in read["Learning Disabilities"]
    assert read["Dementia"] == {"living-with-dementia"}
    assert read["Cancer"] == {"long-term-condition"}
    for open_ in ("Women", "Men", "Students", "Low Income", "Culturally Specific", "Mental Health"):
        assert read[open_] == frozenset()
