"""How a person's words are read against an asset's activities, round eight (issue 12).

* A field is not a wider activity: "arts and crafts", "crafts", "exercise" and "games"
  gather different activities, so knitting is not any "art", walking not any "exercise"
  and bingo not any "games" — though naming the field itself finds everything under it.
* Art is not crafts: "art" is painting and drawing, "crafts" are made by hand.
* A phrase the vocabulary names as a whole is read as that: "board games" is not "gaming".
* A wish to get out of the house is a wish for company, not for a walk.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest

from factories import make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.model import Person
from socialrx.vocabulary import (
    ACTIVITIES,
    activity_concepts,
    broader_activities,
    wider_activities,
)

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["loneliness"],
)
_ART = _asset(id="art", name="Open Studio", activities=["painting", "drawing", "art"])
_KNIT = _asset(id="knit", name="Needles Out", activities=["knitting"])
_CHAIR = _asset(id="chair", name="Sit and Move", activities=["chair exercise", "exercise"])
_GAMES = _asset(id="games", name="Friday Games", activities=["games night"])
_NEEDLEWORK = _asset(id="needlework", name="Stitchers", activities=["needlework"])


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["lonely"], interests=list(interests))


def test_a_knitter_is_not_matched_to_a_painting_group_because_both_are_art() -> None:
    value, detail = reason(_person("knitting"), _ART, "interest", TODAY)
    assert value == 0.0
    assert detail == "None of the interests matched (knitting)"
    # what she does enjoy still counts, and close kin still do ("both needlework")
    assert reason(_person("knitting"), _KNIT, "interest", TODAY)[0] == 0.7
    value, detail = reason(_person("knitting"), _NEEDLEWORK, "interest", TODAY)
    assert value > 0
    assert detail == "'knitting' matches the wider activity 'needlework'"


def test_a_knitter_gets_the_knitting_group_and_never_hears_it_is_art() -> None:
    result = match(_person("knitting", "crochet"), Catalogue([_ART, _KNIT]), today=TODAY)
    assert [m.id for m in result] == ["knit", "art"]
    art = next(m for m in result if m.id == "art")
    assert not any("art" in r.detail for r in art.reasons if r.factor == "interest")
    # `why` says the same as `match`
    why = explain("art", _person("knitting", "crochet"), Catalogue([_ART, _KNIT]), today=TODAY)
    interest = next(r for r in why.reasons if r.factor == "interest")
    assert interest.score == 0.0


def test_a_walker_is_not_matched_to_chair_exercise_because_both_are_exercise() -> None:
    assert reason(_person("walking"), _CHAIR, "interest", TODAY)[0] == 0.0
    assert reason(_person("swimming"), _CHAIR, "interest", TODAY)[0] == 0.0


def test_naming_the_field_itself_still_finds_what_is_under_it() -> None:
    # "exercise" finds chair exercise; "gentle exercise" is some kind of exercise, and an
    # asset calling what it does "exercise" is one.
    value, detail = reason(_person("exercise"), _CHAIR, "interest", TODAY)
    assert value == 0.7 and "'exercise' matches activity" in detail  # it says "exercise"
    value, detail = reason(_person("gentle exercise"), _CHAIR, "interest", TODAY)
    assert value > 0 and "exercise" in detail
    value, detail = reason(_person("arts and crafts"), _ART, "interest", TODAY)
    assert value == pytest.approx(0.7 * 0.75) and "'arts and crafts' matches activity" in detail


def test_bingo_is_not_any_games_night() -> None:
    assert reason(_person("bingo"), _GAMES, "interest", TODAY)[0] == 0.0
    assert reason(_person("games"), _GAMES, "interest", TODAY)[0] == 0.7


def test_yarn_crafts_is_never_said_to_match_painting() -> None:
    for interest in ("yarn crafts", "knitting", "crochet"):
        result = match(_person(interest), Catalogue([_ART]), today=TODAY)
        for m in result.ranked:
            for r in m.reasons:
                assert "painting" not in r.detail


_FIELDS = [a.id for a in ACTIVITIES if a.field]


def test_the_fields_are_the_gathering_concepts_of_the_community_vocabulary() -> None:
    assert sorted(ACTIVITIES[i].label for i in _FIELDS) == [
        "Arts and Crafts",
        "Crafts",
        "Exercise",
        "Games",
    ]
    # Music and Needlework are not fields: singing is music, sewing is needlework.
    (singing,) = activity_concepts("singing")
    assert {ACTIVITIES[i].label for i in wider_activities(singing)} == {"Music"}


def test_a_wider_activity_is_a_broader_one_and_never_a_field_above_an_activity() -> None:
    # Every concept (809: cheap enough to check them all). A field itself is within a
    # wider one ("crafts" are arts and crafts); an activity is never any of its fields.
    for concept in range(len(ACTIVITIES)):
        wider = wider_activities(concept)
        assert wider <= broader_activities(concept)
        if ACTIVITIES[concept].field:
            assert wider == broader_activities(concept)
        else:
            assert all(not ACTIVITIES[c].field for c in wider)
            assert broader_activities(concept) - wider <= set(_FIELDS)


# ------------------------------------------------------------------ art is not crafts

_SEWING = _asset(id="sewing", name="Thread Circle", activities=["sewing", "embroidery"])
_POTTERY = _asset(id="pottery", name="Clay Club", activities=["pottery"])


def test_someone_who_likes_art_is_not_offered_a_sewing_circle_as_art() -> None:
    # WordNet: art is fine art (painting, drawing); sewing and pottery are handicraft.
    assert reason(_person("art"), _SEWING, "interest", TODAY)[0] == 0.0
    value, detail = reason(_person("art"), _ART, "interest", TODAY)
    assert value == 0.7 and detail.startswith("'art' matches activity")
    result = match(_person("art"), Catalogue([_SEWING, _ART]), today=TODAY)
    assert next(m.id for m in result) == "art"


def test_crafts_are_made_by_hand_and_arts_and_crafts_is_both() -> None:
    # Each is one kind of crafts: three quarters of the activity itself (rule 27).
    assert reason(_person("crafts"), _SEWING, "interest", TODAY)[0] == pytest.approx(0.525)
    assert reason(_person("crafts"), _POTTERY, "interest", TODAY)[0] == pytest.approx(0.525)
    assert reason(_person("crafts"), _ART, "interest", TODAY)[0] == 0.0
    for asset in (_SEWING, _POTTERY, _ART):
        assert reason(_person("arts and crafts"), asset, "interest", TODAY)[0] == pytest.approx(
            0.525
        )


def test_a_painter_still_finds_a_group_that_calls_what_it_does_art() -> None:
    drawing = _asset(id="drawing", name="Sketch Club", activities=["art"])
    value, detail = reason(_person("painting"), drawing, "interest", TODAY)
    assert value > 0 and detail == "'painting' matches the wider activity 'art'"
    # but a knitter does not: crafts are a field, and art is not above knitting
    assert reason(_person("knitting"), drawing, "interest", TODAY)[0] == 0.0


# ------------------------------------------------------------------ a phrase wins over its words


_VIDEO = _asset(id="gaming", name="Level Up", activities=["video games", "pool"])
_BOARD = _asset(id="board", name="Dice Night", activities=["board games"])


def test_board_games_are_not_read_as_gaming() -> None:
    # "gaming" (video games) is an everyday phrase whose word form is inside "board
    # games"; a phrase the vocabulary names as a whole is read as that, and nothing else.
    value, detail = reason(_person("board games"), _VIDEO, "interest", TODAY)
    assert value == 0.0 and "gaming" not in detail
    assert reason(_person("board games"), _BOARD, "interest", TODAY)[0] == 0.7
    # "gaming" on its own still means video games
    value, detail = reason(_person("gaming"), _VIDEO, "interest", TODAY)
    assert value > 0 and "video games" in detail


# ------------------------------------------------------------------ getting out is company

_WALK = _asset(id="walk", name="Park Walk", activities=["walking"])
_CAFE = _asset(id="cafe", name="Open Door", activities=["drop-in", "tea and chat"])


def test_a_wish_to_get_out_of_the_house_is_a_wish_for_company_not_a_walk() -> None:
    for said in ("get out of the house", "getting out of the flat"):
        assert reason(_person(said), _WALK, "interest", TODAY)[0] == 0.0
        value, detail = reason(_person(said), _CAFE, "interest", TODAY)
        assert 0 < value <= 0.7 * 0.4 + 1e-9  # company counts 0.4 of a direct match
        assert "mean" in detail
    # someone who says they like walking still gets the walk
    assert reason(_person("walking"), _WALK, "interest", TODAY)[0] == 0.7
    result = match(_person("get out of the house"), Catalogue([_WALK, _CAFE]), today=TODAY)
    assert [m.id for m in result] == ["cafe", "walk"]


def test_getting_out_of_the_house_is_the_whole_phrase_never_its_filler_or_its_house() -> None:
    # "getting" is the filler "get", so the phrase is "get out of the house" (company):
    # never an interest in housing advice, nor in "getting online".
    housing = _asset(id="housing", name="Housing Help", activities=["housing advice"])
    online = _asset(id="online", name="Tablet Help", activities=["getting online"])
    coffee = _asset(id="coffee", name="Coffee Morning", activities=["coffee morning"])
    for said in ("getting out of the house", "get out of the house"):
        person = _person(said)
        assert reason(person, housing, "interest", TODAY) == (
            0.0,
            f"None of the interests matched ({said})",
        )
        assert reason(person, online, "interest", TODAY)[0] == 0.0
        assert reason(person, coffee, "interest", TODAY)[0] > 0


def test_talking_about_the_old_days_finds_a_history_group() -> None:
    stories = _asset(id="stories", name="Memory Lane", activities=["oral history", "reminiscence"])
    society = _asset(id="society", name="Past Times", activities=["local history"])
    value, detail = reason(_person("talking about the old days"), stories, "interest", TODAY)
    assert value > 0.5
    assert detail == (
        "'talking about the old days' ('the old days' means reminiscence) "
        "matches activity 'reminiscence'"
    )
    # "history" names the history society's activity; a family historian finds it as the
    # wider activity, never as the same thing.
    assert reason(_person("history"), society, "interest", TODAY)[0] > 0.5
    value, detail = reason(_person("family history"), society, "interest", TODAY)
    assert 0 < value < reason(_person("history"), society, "interest", TODAY)[0]
    assert "wider activity" in detail
