"""Rule 50 (round fourteen): who a group is for, read from what the person's own fields show.

A group's ``for`` may list several audiences ("Deaf people", "BSL users"): it is for anyone
in one of them. A language the person uses — one they list, or one their own interests
say they use ("learning Welsh") — counts them in when an entry names it, or when the
group is run mainly in it and the entry names a kind of people ("Filipino community",
"Roma families"). A carer is one of those a group for carers and the people they care for
is for: its help counts in full, while whom they care for stays a question. Nothing else
is read as membership: a student, a care leaver or someone with sight loss whose fields
do not say so stays uncertain.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.shown_in import languages_used
from socialrx.model import Asset, Person

pytestmark = pytest.mark.slow  # about 3 s in all, with the properties

TODAY = date(2026, 11, 22)
HOME = "PL4 7ES"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness"],
    locations=[{"postcode": "PL4 6AB"}],
)
_DEAF = _venue(
    id="deaf",
    name="Deaf Social Club",
    summary="A monthly social in BSL: food, chat and a quiz.",
    activities=["social evening", "quiz"],
    eligibility={"for": ["Deaf people", "BSL users"]},
    languages=["bsl", "en"],
)
_KAPAMILYA = _venue(
    id="kapamilya",
    name="Kapamilya Social",
    summary="Food, karaoke and basketball for the kids, once a month.",
    activities=["karaoke", "shared meal"],
    eligibility={"for": ["Filipino community", "nurses and carers"]},
    languages=["tl", "en"],
)
_WELSH = _venue(
    id="welsh",
    name="Sgwrs",
    summary="A relaxed Welsh conversation group over a cuppa.",
    activities=["conversation"],
    languages=["cy", "en"],
)
_QUIZ = _venue(
    id="quiz",
    name="Pub Quiz Team",
    summary="A friendly quiz team, every Thursday.",
    activities=["quiz"],
)
_MEMORY = _venue(
    id="memory",
    name="Memory Café",
    summary="Tea, music and a chat.",
    needs=["loneliness", "carers"],
    activities=["music", "tea"],
    eligibility={"for": ["people living with dementia and their carers"]},
)
_STUDENTS = _venue(
    id="students",
    name="Global Café",
    summary="Board games and food for students.",
    activities=["board games"],
    eligibility={"for": ["students"]},
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 70,
        "needs": ["loneliness"],
        "interests": ["quiz"],
    }
    return Person(**{**data, **fields})


def _audience(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="audience", today=TODAY)


def _cautions(person: Person, asset_id: str, *assets: Asset) -> list[str]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return list(next(m for m in result.ranked if m.id == asset_id).cautions)


def test_a_signer_is_who_a_club_for_bsl_users_is_for() -> None:
    signer = _person(languages=["bsl", "en"])
    assert ranked_ids(signer, _DEAF, _QUIZ, today=TODAY)[0] == "deaf"
    assert _audience(signer, "deaf", _DEAF, _QUIZ) == (
        1.0,
        "For Deaf people and BSL users: you sign British Sign Language, the language it is run in",
    )
    assert not any("check it is right" in c for c in _cautions(signer, "deaf", _DEAF))
    # His hobbies count there: he is one of those it is for.
    assert explained(signer, "deaf", _DEAF, factor="interest", today=TODAY)[0] > 0
    # Someone who lists no BSL is not known to be in it: uncertain, as before.
    hearing = _person()
    assert ranked_ids(hearing, _DEAF, _QUIZ, today=TODAY)[0] == "quiz"
    assert _audience(hearing, "deaf", _DEAF) == (
        0.25,
        "For Deaf people and BSL users; not known whether that is you; run mainly in British "
        "Sign Language (also English)",
    )
    assert "This group is for Deaf people and BSL users: check it is right for you" in (
        _cautions(hearing, "deaf", _DEAF)
    )


def test_one_of_the_several_audiences_a_group_lists_is_enough() -> None:
    tagalog = _person(languages=["tl", "en"], interests=["karaoke"], age=41)
    assert _audience(tagalog, "kapamilya", _KAPAMILYA) == (
        1.0,
        "For Filipino community, and nurses and carers: you speak Tagalog, the language it "
        "is run in",
    )
    assert ranked_ids(tagalog, _KAPAMILYA, _QUIZ, today=TODAY)[0] == "kapamilya"
    # Being no carer (she said her circumstances) does not take her out of it.
    said = _person(languages=["tl", "en"], interests=["karaoke"], circumstances=[])
    assert _audience(said, "kapamilya", _KAPAMILYA)[0] == 1.0
    # Someone who speaks no Tagalog: known not to be in it, as rule 42 has it.
    value, detail = _audience(_person(interests=["karaoke"]), "kapamilya", _KAPAMILYA)
    assert value == 0.0
    assert detail.endswith("run mainly in Tagalog, for people who speak it, which you do not")


def test_a_language_said_in_their_own_words_counts_and_the_reason_says_so() -> None:
    learner = _person(interests=["learning Welsh", "quiz"])
    assert languages_used(learner) == {"cy": "you said 'learning Welsh'"}
    value, detail = _audience(learner, "welsh", _WELSH)
    assert value == 1.0
    assert detail == "Open to everyone; run mainly in Welsh, and you said 'learning Welsh'"
    assert not any("Welsh" in c for c in _cautions(learner, "welsh", _WELSH))
    # A hobby that names a language without using it is not a language they use.
    for words in (["Welsh history"], ["polish food"], ["not Welsh lessons"]):
        assert languages_used(_person(interests=words)) == {}
        assert _audience(_person(interests=words), "welsh", _WELSH)[0] == 0.25


def test_a_carer_counts_the_help_in_full_and_is_still_asked_whom_they_care_for() -> None:
    carer = _person(circumstances=["carer"], needs=["carers", "loneliness"], interests=["tea"])
    assert _audience(carer, "memory", _MEMORY) == (
        0.25,
        "For people living with dementia and their carers; not known whether the person "
        "you care for is one of them",
    )
    need = explained(carer, "memory", _MEMORY, factor="need", today=TODAY)
    assert need == (1.0, "Helps with caring for someone, and loneliness and isolation")
    assert (
        "This group is for people living with dementia and their carers: check it is right for you"
    ) in _cautions(carer, "memory", _MEMORY)
    # Someone not known to be a carer, nor to live with dementia: its help counts half.
    other = _person()
    assert "counted half" in explained(other, "memory", _MEMORY, factor="need", today=TODAY)[1]


def test_nothing_a_comment_alone_says_is_read() -> None:
    # A student of 20 who says so nowhere: a group for students stays uncertain.
    young = _person(age=20, circumstances=["young-person"], languages=["zh", "en"])
    assert _audience(young, "students", _STUDENTS) == (
        0.25,
        "For students; not known whether that is you",
    )


def test_the_why_score_is_the_match_score() -> None:
    catalogue = (_DEAF, _KAPAMILYA, _WELSH, _QUIZ, _MEMORY, _STUDENTS)
    people = (
        _person(languages=["bsl", "en"]),
        _person(languages=["tl", "en"], circumstances=[]),
        _person(interests=["learning welsh"]),
        _person(circumstances=["carer"], needs=["carers"]),
    )
    for person in people:
        result = match(person, Catalogue(list(catalogue)), today=TODAY)
        for m in result.ranked:
            r = next(r for r in m.reasons if r.factor == "audience")
            assert (r.score, r.detail) == _audience(person, m.id, *catalogue)


_POOL = (_DEAF, _KAPAMILYA, _WELSH, _QUIZ, _MEMORY, _STUDENTS)
_FACTS: dict[str, dict[str, Any]] = {
    "bsl": {"languages": ["bsl", "en"]},
    "tagalog": {"languages": ["tl", "en"]},
    "welsh": {"interests": ["quiz", "learning welsh"]},
    "carer": {"circumstances": ["carer"]},
}


@settings(max_examples=20, deadline=None)
@given(
    before=st.sets(st.sampled_from(sorted(_FACTS))),
    more=st.sampled_from(sorted(_FACTS)),
    age=st.integers(min_value=18, max_value=95),
)
def test_a_true_fact_more_never_loses_a_group_made_for_it(
    before: set[str], more: str, age: int
) -> None:
    """Saying one more true thing about yourself never lowers a group it shows you are in,
    nor raises a group it does not."""

    def person(facts: set[str]) -> Person:
        fields: dict[str, Any] = {"age": age}
        for fact in sorted(facts):
            for key, value in _FACTS[fact].items():
                fields[key] = sorted({*fields.get(key, ()), *value})
        return _person(**fields)

    less, fuller = person(before), person(before | {more})
    was, now = scores(less, *_POOL, today=TODAY), scores(fuller, *_POOL, today=TODAY)
    made_for = {"bsl": "deaf", "tagalog": "kapamilya", "welsh": "welsh", "carer": "memory"}
    assert now[made_for[more]] >= was[made_for[more]] - 1e-12
    assert now["students"] == pytest.approx(was["students"])
