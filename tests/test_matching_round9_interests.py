"""How sure a match of interests is, round nine (issue 12; rule 27).

* The activity someone named counts in full; what the vocabulary only relates to it —
  one kind of it, a wider activity, close kin — counts three quarters (the same activity
  in another setting, and close kin, half from round thirteen: rule 49), and the
  explanation says which ("'board games' matches activity 'chess' (one kind of board
  games)"). A link worker knows "she likes board games" is met best by a board-game
  night, less surely by a chess club.
* "Gaming" is video games (and tabletop gaming: board games), never every game: word
  forms make "gaming" and "games" one stem, but the word as said decides.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import GAP, W_NARROWER
from socialrx.model import Person
from socialrx.vocabulary import ACTIVITIES, activity_concepts, narrower_activities

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["loneliness"],
)
_BOARD = _asset(id="board", name="Board Game Night", activities=["board games"])
_CHESS = _asset(id="chess", name="Chess Club", activities=["chess"])
_WHIST = _asset(id="whist", name="Whist Drive", activities=["whist"])
_CONSOLE = _asset(id="console", name="Console Club", activities=["video games"])
_FELL = _asset(id="fell", name="Fell Walkers", activities=["fell walking"])
_HEALTH = _asset(id="health", name="Health Walk", activities=["walking"])


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


def _order(person: Person, *assets: object) -> list[str]:
    return [m.id for m in match(person, Catalogue(list(assets)), today=TODAY)]


# ------------------------------------------------------------------ rule 27


def test_a_board_game_night_comes_before_a_chess_club_for_someone_who_likes_board_games() -> None:
    assert _order(_person("board games"), _CHESS, _BOARD) == ["board", "chess"]
    value, detail = reason(_person("board games"), _BOARD, "interest", TODAY)
    assert value == pytest.approx(GAP)
    assert detail == "'board games' matches activity 'board games'"


def test_a_kind_of_what_was_named_counts_three_quarters_and_says_so() -> None:
    value, detail = reason(_person("board games"), _CHESS, "interest", TODAY)
    assert value == pytest.approx(GAP * 0.75)
    assert detail == "'board games' matches activity 'chess' (one kind of board games)"


def test_a_wider_activity_counts_less_for_a_fell_walker() -> None:
    assert _order(_person("fell walking"), _HEALTH, _FELL) == ["fell", "health"]
    value, detail = reason(_person("fell walking"), _HEALTH, "interest", TODAY)
    # Plain walking is the same activity without the fells: half from round thirteen
    # (rule 49), three quarters before.
    assert value == pytest.approx(GAP * 0.5)
    assert detail == (
        "'fell walking' matches the wider activity 'walking' "
        "(not said to be fell walking; counted at half)"
    )


def test_an_asset_doing_both_the_activity_and_a_kind_of_it_counts_in_full() -> None:
    both = _asset(id="both", name="Games Den", activities=["chess", "board games"])
    value, detail = reason(_person("board games"), both, "interest", TODAY)
    assert value == pytest.approx(GAP)
    assert "(one kind of" not in detail


# ------------------------------------------------------------------ gaming


def test_gaming_is_video_games_never_whist_and_a_chess_club_last() -> None:
    (video,) = activity_concepts("gaming")
    assert ACTIVITIES[video].label == "Video Games"
    gamer = _person("gaming")
    assert reason(gamer, _WHIST, "interest", TODAY)[0] == 0.0
    value, detail = reason(gamer, _CONSOLE, "interest", TODAY)
    assert value == pytest.approx(GAP) and "video games" in detail
    # Tabletop gaming is board games; chess is only one kind of them.
    chess, said = reason(gamer, _CHESS, "interest", TODAY)
    assert 0.0 < chess < reason(gamer, _BOARD, "interest", TODAY)[0]
    assert said == "'gaming' means board games: matches activity 'chess' (one kind of board games)"
    assert _order(gamer, _WHIST, _CHESS, _BOARD, _CONSOLE) == ["console", "board", "chess", "whist"]


def test_gaming_also_means_tabletop_gaming_said_as_such() -> None:
    value, detail = reason(_person("gaming"), _BOARD, "interest", TODAY)
    assert 0.0 < value < GAP  # an everyday phrase's meaning, not the person's own words
    assert detail == "'gaming' means board games: matches activity 'board games'"


def test_games_is_still_every_game() -> None:
    (games,) = activity_concepts("games")
    assert ACTIVITIES[games].label == "Games"
    assert reason(_person("games"), _WHIST, "interest", TODAY)[0] > 0.0


# ------------------------------------------------------------------ properties

_WITH_KINDS = sorted(
    c.id
    for c in ACTIVITIES
    if len(narrower_activities(c.id)) > 1 and activity_concepts(c.label) == {c.id}
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.sampled_from(_WITH_KINDS), st.data())
def test_the_activity_named_never_ranks_below_a_kind_of_it(
    concept: int, data: st.DataObject
) -> None:
    kind = data.draw(st.sampled_from(sorted(narrower_activities(concept) - {concept})))
    named, narrower = ACTIVITIES[concept].label, ACTIVITIES[kind].label
    if activity_concepts(narrower) != {kind}:
        return  # a label another concept shares says nothing certain
    same = _asset(id="same", name="Group A", activities=[named])
    other = _asset(id="other", name="Group B", activities=[narrower])
    person = _person(named)
    same_value = reason(person, same, "interest", TODAY)[0]
    kind_value, detail = reason(person, other, "interest", TODAY)
    assert same_value == pytest.approx(GAP)
    assert kind_value <= same_value
    if kind_value == pytest.approx(GAP * W_NARROWER):
        assert f"(one kind of {named.lower()})" in detail
