"""How a person's words are read against an asset's activities, round eight (issue 12).

A field is not a wider activity: "arts and crafts", "exercise" and "games" gather
different activities, so knitting is not any "art", walking not any "exercise" and bingo
not any "games" — though naming the field itself still finds everything under it.
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert value == 0.7 and "'exercise' matches activity" in detail
    value, detail = reason(_person("gentle exercise"), _CHAIR, "interest", TODAY)
    assert value > 0 and "exercise" in detail
    value, detail = reason(_person("crafts"), _ART, "interest", TODAY)
    assert value == 0.7 and "'crafts' matches activity" in detail


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
    assert sorted(ACTIVITIES[i].label for i in _FIELDS) == ["Arts and Crafts", "Exercise", "Games"]
    # Music and Needlework are not fields: singing is music, sewing is needlework.
    (singing,) = activity_concepts("singing")
    assert {ACTIVITIES[i].label for i in wider_activities(singing)} == {"Music"}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(range(len(ACTIVITIES))))
def test_a_wider_activity_is_a_broader_one_that_is_not_a_field(concept: int) -> None:
    wider = wider_activities(concept)
    assert wider <= broader_activities(concept)
    assert all(not ACTIVITIES[c].field for c in wider)
    assert broader_activities(concept) - wider <= set(_FIELDS)
