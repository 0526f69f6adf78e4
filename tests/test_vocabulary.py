"""Needs and accessibility vocabularies: the words people use resolve to stable ids."""

from __future__ import annotations

import pytest

from socialrx.vocabulary import (
    FEATURES,
    NEEDS,
    closest,
    feature_satisfied,
    resolve_feature,
    resolve_need,
)

SPEC_NEEDS = [
    "loneliness",
    "mental-wellbeing",
    "physical-activity",
    "practical-help",
    "money",
    "housing",
    "food",
    "carers",
    "bereavement",
    "digital",
    "learning",
    "work-volunteering",
    "creativity",
    "nature",
    "long-term-conditions",
    "healthy-eating",
    "substance-use",
    "families",
    "transport",
]


def test_needs_vocabulary_is_the_formats_starting_set_in_order() -> None:
    assert list(NEEDS) == SPEC_NEEDS


@pytest.mark.parametrize(
    ("word", "need"),
    [
        ("lonely", "loneliness"),
        ("isolation", "loneliness"),
        ("Loneliness", "loneliness"),
        ("  Low   Mood ", "mental-wellbeing"),
        ("food bank", "food"),
        ("Food-Bank", "food"),
        ("prescription collection", "practical-help"),
        ("COPD", "long-term-conditions"),
        ("community transport", "transport"),
        ("device loan", "digital"),
        ("mental_wellbeing", "mental-wellbeing"),
    ],
)
def test_synonyms_and_spellings_resolve(word: str, need: str) -> None:
    assert resolve_need(word) == need


def test_every_spec_synonym_resolves_to_its_need() -> None:
    spec = {
        "loneliness": ["isolation", "lonely", "company", "befriending"],
        "mental-wellbeing": ["low mood", "anxiety", "stress", "depression"],
        "physical-activity": ["exercise", "fitness", "keeping active"],
        "practical-help": ["shopping", "prescription collection", "dog walking", "errands"],
        "money": ["debt", "benefits", "bills", "financial advice"],
        "food": ["food bank", "meals"],
        "carers": ["carer support", "respite"],
        "digital": ["getting online", "device loan", "digital skills"],
        "learning": ["courses", "skills"],
        "work-volunteering": ["employment", "volunteering"],
        "creativity": ["arts", "crafts", "music", "writing"],
        "nature": ["gardening", "green space", "outdoors"],
        "long-term-conditions": ["self-management", "pain", "diabetes", "COPD"],
        "healthy-eating": ["weight", "cooking"],
        "substance-use": ["alcohol", "drugs"],
        "families": ["parenting", "young children"],
        "transport": ["community transport", "lifts"],
    }
    for need, words in spec.items():
        for word in words:
            assert resolve_need(word) == need, word


def test_unknown_words_do_not_resolve() -> None:
    assert resolve_need("astrophysics") is None
    assert resolve_feature("jetpack") is None


def test_features_have_place_and_activity_kinds() -> None:
    place = {f for f, v in FEATURES.items() if v.kind == "place"}
    assert place == {
        "wheelchair-accessible",
        "step-free",
        "accessible-toilet",
        "hearing-loop",
        "parking",
        "public-transport",
        "quiet-space",
    }
    assert set(FEATURES) - place == {
        "bsl",
        "large-print",
        "seated-activities",
        "dementia-friendly",
        "autism-friendly",
    }


def test_wheelchair_access_also_means_step_free() -> None:
    assert feature_satisfied("step-free", ["wheelchair-accessible"])
    assert not feature_satisfied("wheelchair-accessible", ["step-free"])
    assert not feature_satisfied("hearing-loop", [])


def test_closest_suggests_only_plausible_words() -> None:
    assert closest("referal", ["access", "referral", "status"]) == "referral"
    assert closest("zzzz", ["access", "referral", "status"]) is None


def test_languages_have_plain_names_and_resolve_from_names_and_codes() -> None:
    from socialrx.vocabulary import LANGUAGES, language_name, resolve_language

    assert LANGUAGES["en"] == "English" and language_name("bsl") == "British Sign Language"
    assert language_name("xx") == "xx"
    assert [resolve_language(t) for t in ("Polish", "urd", "BSL", "Sign Language", "Klingon")] == [
        "pl",
        "ur",
        "bsl",
        "bsl",
        None,
    ]


def test_circumstances_resolve_from_synonyms_and_free_text() -> None:
    from socialrx.vocabulary import CIRCUMSTANCES, circumstances_in, resolve_circumstance

    assert {"carer", "bereaved", "veteran", "refugee", "lgbtq"} <= set(CIRCUMSTANCES)
    assert resolve_circumstance("Widower") == "bereaved"
    assert resolve_circumstance("ex-forces") == "veteran"
    assert circumstances_in("Widows and widowers") == {"bereaved"}
    assert circumstances_in("refugees and asylum seekers") == {"refugee"}
    assert circumstances_in("LGBTQ+ people") == {"lgbtq"}
    assert circumstances_in("new parents") == {"new-parent"}
    assert circumstances_in("people too ill to walk their dog") == frozenset()
    assert circumstances_in("people who cannot get to the shops") == {"housebound"}
    # each linked to the esd list, where one fits (no esd term was at hand for housebound)
    assert all(c.esd for c in CIRCUMSTANCES.values() if c.id != "housebound")


def test_everyday_phrases_name_activities() -> None:
    from socialrx.vocabulary import everyday_meanings

    assert dict(everyday_meanings("footy"))["footy"][0] == "football"
    assert [p for p, _ in everyday_meanings("a pint and a chat")] == ["a pint and a chat"]
    assert {p for p, _ in everyday_meanings("a cuppa and a natter")} == {"cuppa", "natter"}
    assert everyday_meanings("swimming") == []


def test_a_good_yarn_is_a_chat_and_yarn_alone_is_the_wool() -> None:
    from socialrx.vocabulary import everyday_meanings

    # "A good yarn" (a chat, a story) must never be read as crochet; yarn itself is.
    assert dict(everyday_meanings("a good yarn")) == {
        "a good yarn": ("tea and chat", "conversation")
    }
    assert dict(everyday_meanings("spinning a yarn"))["spin a yarn"][-1] == "conversation"
    assert dict(everyday_meanings("yarn"))["yarn"] == ("knitting", "crochet")


def test_every_need_has_evidence_words_and_points_only_at_known_needs() -> None:
    for need in NEEDS.values():
        assert need.evidence, f"{need.id} has no evidence words for the SRX701 check"
        assert len(set(need.evidence)) == len(need.evidence), f"{need.id} repeats a word"
        assert set(need.evidence_from) <= set(NEEDS) - {need.id}, need.id
    assert "creativity" in NEEDS["mental-wellbeing"].evidence_from  # five ways to wellbeing
