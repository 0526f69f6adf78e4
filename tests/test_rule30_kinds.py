"""Interests the vocabulary and the catalogue barely cover (issue 12; rule 30).

* **What a hobby is a kind of.** A hobby the activity vocabulary does not name, that
  WordNet 3.0 knows as a kind of one of its activities ("canasta" is a kind of card game,
  "backgammon" of board game), meets that activity as a wider one, at a quarter: a hint, not
  the hobby, so it never makes a group one that matches the person's hobbies (rules 13,
  15 and 16). The reason says the relation.
* **What stands in where nothing is it.** When no asset of the catalogue does what an
  interest names (nor a kind of it, nor a wider one), the activities of its field stand
  in, at a quarter, for someone who asks for the need that field gives: with no climbing
  wall, a gym or a walk for a climber who wants to be active — and then the gym's help
  with being active counts in full, as for any group that matches a hobby.
* The data is compiled by ``scripts/build_activities.py`` from WordNet 3.0; a word that
  also means something else, or that is also a verb or an adjective, is not taken.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import build_activities_script, make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import GAP, W_KIND, Interest, InterestColumns
from socialrx.matching.kinds import W_STAND_IN, kind_of
from socialrx.matching.prepared import prepare
from socialrx.model import Asset, Person
from socialrx.vocabulary import ACTIVITIES

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]

_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_GYM = _asset(id="gym", name="Community Gym", activities=["gym"], needs=["physical-activity"])
_BOWLS = _asset(
    id="bowls",
    name="Green Bowls",
    activities=["bowls"],
    needs=["physical-activity", "loneliness"],
)
_WALL = _asset(
    id="wall", name="Boulder Room", activities=["bouldering"], needs=["physical-activity"]
)
_CARDS = _asset(id="cards", name="Card Afternoon", activities=["card games"], needs=["loneliness"])
_CHOIR = _asset(id="choir", name="Town Choir", activities=["singing"], needs=["loneliness"])
_BOARD = _asset(
    id="board", name="Board Game Night", activities=["board games"], needs=["loneliness"]
)
_PAINT = _asset(id="paint", name="Paint Club", activities=["painting"], needs=["creativity"])
_BINGO_HALL = _asset(id="hall", name="Tea Hall", activities=["tea and chat"], needs=["loneliness"])


def _person(*interests: str, needs: tuple[str, ...] = ("physical-activity",)) -> Person:
    return Person(postcode="FY8 2NP", needs=list(needs), interests=list(interests))


def _ranked(person: Person, *assets: Asset) -> list[str]:
    return [m.id for m in match(person, Catalogue(list(assets)), today=TODAY).ranked]


def _detail(person: Person, assets: list[Asset], asset_id: str, factor: str) -> tuple[float, str]:
    result = match(person, Catalogue(assets), today=TODAY)
    m = next(m for m in result.ranked if m.id == asset_id)
    r = next(r for r in m.reasons if r.factor == factor)
    return r.score, r.detail


# ------------------------------------------------------------------ stand-ins


def test_with_no_climbing_here_a_gym_stands_in_for_a_climber_who_wants_to_be_active() -> None:
    climber = _person("bouldering", needs=("physical-activity", "loneliness"))
    assert _ranked(climber, _BOWLS, _GYM)[0] == "gym"
    value, detail = reason(climber, _GYM, "interest", TODAY)
    assert value == pytest.approx(GAP * W_STAND_IN)
    assert detail == (
        "'bouldering': nothing here offers it, and activity 'gym' is another way to keep active"
    )


def test_the_stand_in_makes_the_gyms_help_with_being_active_count_in_full() -> None:
    climber = _person("bouldering", needs=("physical-activity", "loneliness"))
    _, gym = _detail(climber, [_GYM, _BOWLS], "gym", "need")
    _, bowls = _detail(climber, [_GYM, _BOWLS], "bowls", "need")
    assert "counted at half" not in gym
    assert "counted at half: it matches none of your hobbies" in bowls


def test_no_stand_in_for_someone_who_did_not_ask_to_be_more_active() -> None:
    climber = _person("bouldering", needs=("loneliness",))
    value, detail = reason(climber, _GYM, "interest", TODAY)
    assert value == 0.0
    assert detail == "None of the interests matched (bouldering)"


def test_no_stand_in_where_the_catalogue_offers_what_was_named() -> None:
    climber = _person("bouldering")
    value, _ = _detail(climber, [_GYM, _WALL], "gym", "interest")
    assert value == 0.0
    assert _ranked(climber, _GYM, _WALL)[0] == "wall"


def test_a_painting_group_stands_in_for_pottery_for_someone_who_wants_to_be_creative() -> None:
    potter = _person("pottery", needs=("creativity",))
    value, detail = reason(potter, _PAINT, "interest", TODAY)
    assert value == pytest.approx(GAP * W_STAND_IN)
    assert detail.endswith(
        ": nothing here offers it, and activity 'painting' is another way to be creative"
    )


def test_games_have_no_stand_in_a_bingo_player_is_not_offered_any_game() -> None:
    bingo = _person("bingo", needs=("loneliness",))
    value, _ = reason(bingo, _BOARD, "interest", TODAY)
    assert value == 0.0


# ------------------------------------------------------------------ what a hobby is a kind of


def test_canasta_is_a_kind_of_card_game_and_the_reason_says_so() -> None:
    value, detail = reason(_person("canasta", needs=("loneliness",)), _CARDS, "interest", TODAY)
    assert value == pytest.approx(GAP * W_KIND)
    assert detail == (
        "'canasta' matches the wider activity 'card games' (canasta is a kind of card games)"
    )


def test_backgammon_finds_a_board_game_night_as_a_kind_of_board_game() -> None:
    player = _person("backgammon", needs=("loneliness",))
    value, detail = reason(player, _BOARD, "interest", TODAY)
    assert value == pytest.approx(GAP * W_KIND)
    assert detail.endswith("(backgammon is a kind of board games)")
    assert _ranked(player, _BINGO_HALL, _BOARD)[0] == "board"


def test_what_a_hobby_is_a_kind_of_is_no_hobby_matched() -> None:
    # A choir is a kind of singing, as karaoke is, and no karaoke night: its company counts
    # at half when a group matching a hobby (the board games) is there to join.
    fan = _person("karaoke", "board games", needs=("loneliness",))
    value, _ = _detail(fan, [_CHOIR, _BOARD], "choir", "interest")
    assert value == pytest.approx(GAP * W_KIND)
    _, need = _detail(fan, [_CHOIR, _BOARD], "choir", "need")
    assert "counted at half: it matches none of your hobbies" in need
    assert _ranked(fan, _CHOIR, _BOARD)[0] == "board"


@pytest.mark.parametrize("word", ["conditioner", "chapter", "suite", "clean", "singles"])
def test_a_word_that_also_means_something_else_is_no_kind_of_activity(word: str) -> None:
    assert kind_of(word) == frozenset()


# ------------------------------------------------------------------ properties

_INTERESTS = ["bouldering", "pottery", "canasta", "karaoke", "backgammon", "walking", "bingo"]
_NEEDS = ["physical-activity", "creativity", "loneliness"]
_ASSETS = [_GYM, _BOWLS, _WALL, _CARDS, _CHOIR, _BOARD, _PAINT, _BINGO_HALL]


@settings(max_examples=25, deadline=None)
@given(
    interests=st.lists(st.sampled_from(_INTERESTS), min_size=1, max_size=3, unique=True),
    needs=st.lists(st.sampled_from(_NEEDS), max_size=2, unique=True),
    assets=st.lists(st.sampled_from(_ASSETS), min_size=1, max_size=5, unique_by=lambda a: a.id),
)
def test_asking_for_a_need_never_lowers_how_well_an_interest_meets_an_asset(
    interests: list[str], needs: list[str], assets: list[Asset]
) -> None:
    """A stand-in only adds: with a need given, every asset's interest value is at least
    what it is without it."""
    columns = prepare(Catalogue(assets)).columns("interest", InterestColumns)
    for text in interests:
        without = Interest.read(text, columns)
        with_needs = Interest.read(text, columns, needs)
        assert without.stand_in == frozenset()
        assert with_needs.stand_in >= without.stand_in
        offered = [a for a in assets if a.activities and text in a.activities]
        if offered:  # the catalogue does it: nothing stands in
            assert with_needs.stand_in == frozenset()


_COMMON = [
    "having a laugh",
    "meeting people",
    "being outdoors",
    "things",
    "heating bills",
    "chapter",
    "the news",
    "my family",
    "singles",
    "clean",
]


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=20, deadline=None)
@given(text=st.sampled_from(_COMMON), needs=st.lists(st.sampled_from(_NEEDS), unique=True))
def test_a_common_word_is_never_re_read(text: str, needs: list[str]) -> None:
    """Rule 30 reads the person's own words: it never corrects them, and what it quotes is
    what they said."""
    person = _person(text, needs=tuple(needs) or ("loneliness",))
    for m in match(person, Catalogue(_ASSETS), today=TODAY).ranked:
        detail = next(r.detail for r in m.reasons if r.factor == "interest")
        assert "read as" not in detail
        assert "is a kind of" not in detail


# ------------------------------------------------------------------ the build


def _wndb(
    folder: Path,
    synsets: list[tuple[list[str], list[int]]],
    index: dict[str, list[int]],
    verbs: tuple[str, ...] = (),
) -> None:
    """A tiny WordNet (wndb(5)): noun synsets (words, the rows they are a kind of) by row,
    each word's senses, and words that are also verbs."""
    header = "  1 a licence line that the readers skip\n"

    down = [[k for k, (_, up) in enumerate(synsets) if r in up] for r in range(len(synsets))]

    def line(k: int, offsets: list[int]) -> str:
        words, up = synsets[k]
        body = " ".join(f"{w} 0" for w in words)
        links = [("@", u) for u in up] + [("~", d) for d in down[k]]
        pointers = "".join(f" {sym} {offsets[t]:08d} n 0000" for sym, t in links)
        head = f"{offsets[k]:08d} 00 n {len(words):02x} {body} {len(links):03d}"
        return f"{head}{pointers} | a gloss\n"

    offsets = [0] * len(synsets)  # fixed-width offsets: line lengths do not depend on them
    at = len(header.encode())
    for k in range(len(synsets)):
        offsets[k] = at
        at += len(line(k, offsets).encode())
    text = header + "".join(line(k, offsets) for k in range(len(synsets)))
    (folder / "data.noun").write_text(text, encoding="utf-8")
    rows = [header] + [
        f"{w} n {len(s)} 0 {len(s)} 0 " + " ".join(f"{offsets[k]:08d}" for k in s) + "\n"
        for w, s in sorted(index.items())
    ]
    (folder / "index.noun").write_text("".join(rows), encoding="utf-8")
    verb_rows = [header] + [f"{v} v 1 0 1 0 00000000\n" for v in verbs]
    (folder / "index.verb").write_text("".join(verb_rows), encoding="utf-8")
    (folder / "index.adj").write_text(header, encoding="utf-8")


def test_the_build_takes_kinds_of_an_activity_and_leaves_out_words_that_mean_more(
    tmp_path: Path,
) -> None:
    build = build_activities_script()
    from wordnet import WordNet  # the build's reader, found via sys.path above

    _wndb(
        tmp_path,
        [
            (["activity"], []),  # 0
            (["game"], [0]),  # 1
            (["card_game"], [1]),  # 2
            (["rummy"], [2]),  # 3
            (["canasta"], [3]),  # 4: two steps below card games
            (["clean"], [2]),  # 5: also a verb
            (["suite"], [2]),  # 6: a card game here, but also rooms (7)
            (["suite"], []),  # 7
            (["Celtic"], [2]),  # 8: a name
            (["variant"], [4]),  # 9: three steps below card games
            (["deep"], [9]),  # 10: four steps below
        ],
        {
            "activity": [0],
            "game": [1],
            "card_game": [2],
            "rummy": [3],
            "canasta": [4],
            "clean": [5],
            "suite": [6, 7],
            "celtic": [8],
            "variant": [9],
            "deep": [10],
        },
        verbs=("clean",),
    )
    rows: list[list[object]] = [["Card Games", ["cards"], [], 0, 0, -1]]
    kinds = build.activity_kinds(WordNet(tmp_path), rows, 0)
    assert kinds == {"Card Games": ["canasta", "rummy", "variant"]}


@pytest.mark.slow
def test_the_shipped_kinds_are_what_the_build_makes() -> None:
    import json

    build = build_activities_script()
    from wordnet import WORDNET, WordNet

    if not (WORDNET / "index.noun").exists():
        pytest.skip("WordNet's database files are not installed (apt-get install wordnet-base)")
    data = ROOT / "src" / "socialrx" / "data"
    vocabulary = json.loads((data / "activities.json").read_text(encoding="utf-8"))
    kinds = build.activity_kinds(WordNet(), vocabulary["concepts"], vocabulary["openactive"])
    shipped = json.loads((data / "activity_kinds.json").read_text(encoding="utf-8"))
    assert {label: names for label, names in shipped["kinds"]} == kinds
    labels = {a.label for a in ACTIVITIES}
    assert set(kinds) <= labels
