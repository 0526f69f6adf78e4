"""Hobby words typed people's own way (issue #12, items 5 and 6; rule 76).

A fresh list of what link workers type, none of it from the benchmarks, showed a dropped
g never read ("line dancin"), a slip with an ending left unread ("crotcheting"), a slip of
a hobby no entry lists left unread ("karoke"), words of the data stretched ("musicals" a
choir, "stand-up comedy" improv, "painting and decorating" an art class), "a game of
arrows" read as board games, and "walking the dog on the prom" read as asking for a dog
walker. Each test asserts what the person would see: which group is offered for the
interest, and the words of its reason.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import Interest, InterestColumns
from socialrx.matching.prepared import prepare
from socialrx.matching.spelling import in_use
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 1)


def _group(key: str, activities: list[str], needs: tuple[str, ...] = ("loneliness",)) -> Asset:
    """A phone group whose name and summary say nothing an interest could meet."""
    name = f"Group {key.upper()}"
    return make_asset(
        id=key, name=name, summary="Ring us.", activities=activities, needs=list(needs)
    )


def _interest_reasons(said: str, *assets: Asset) -> dict[str, str]:
    """Each asset the interest meets, with the detail of its interest reason."""
    person = Person(postcode="FY8 2NP", interests=[said])
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return {
        m.id: r.detail
        for m in result.ranked
        for r in m.reasons
        if r.factor == "interest" and r.score > 0
    }


def test_a_dropped_g_is_the_word_as_said() -> None:
    line, tea = _group("l", ["line dancing"]), _group("t", ["tea and chat"])
    met = _interest_reasons("line dancin", line, tea)
    assert set(met) == {"l"}
    # "dancin" is a word in use: read as what it says, with no correction to report.
    assert met["l"] == "'line dancin' matches activity 'line dancing'"


def test_a_slip_nobody_writes_is_still_corrected_and_says_so() -> None:
    met = _interest_reasons("knittin", _group("k", ["knitting"]))
    assert met["k"] == "'knittin' (read as 'knitting') matches activity 'knitting'"


def test_a_slip_with_an_ending_keeps_its_ending() -> None:
    met = _interest_reasons("crotcheting", _group("c", ["crochet"]), _group("t", ["chess"]))
    assert met == {"c": "'crotcheting' (read as 'crocheting') matches activity 'crochet'"}


def test_a_word_in_use_is_never_mended_by_its_ending() -> None:
    # "bairns" (Scots: children) is written, no slip of "brains" with an -s.
    brain = _group("b", ["singing for the brain"])
    reading = Interest.read("looking after the bairns", _columns_of(brain))
    assert reading.corrections == ()


def test_a_slip_of_a_hobby_no_entry_lists_is_read_as_that_hobby() -> None:
    # No entry lists karaoke: WordNet's hobbies are words a slip is corrected to.
    choir = _group("s", ["singing"])
    met = _interest_reasons("karoke", choir, _group("p", ["poker"]))
    assert set(met) == {"s"}
    assert met["s"].startswith("'karoke' (read as 'karaoke') matches the wider activity")
    assert "karaoke is a kind of singing" in met["s"]


def test_musicals_are_shows_never_a_choir() -> None:
    choir, shows = _group("c", ["choir"]), _group("m", ["musical theatre"])
    met = _interest_reasons("musicals", choir, shows)
    assert set(met) == {"m"}


def test_stand_up_comedy_is_never_said_to_mean_improv() -> None:
    met = _interest_reasons("stand-up comedy", _group("c", ["comedy club"]))
    assert met == {"c": "'stand-up comedy' means comedy: matches activity 'comedy club'"}


def test_painting_and_decorating_is_a_trade_never_an_art_class() -> None:
    art, shed = _group("a", ["painting", "watercolour"]), _group("s", ["diy", "repairs"])
    met = _interest_reasons("painting and decorating", art, shed)
    assert set(met) == {"s"}
    assert met["s"].startswith("'painting and decorating' can mean ")


def test_a_game_of_arrows_is_darts_never_board_games() -> None:
    darts, games = _group("d", ["darts"]), _group("g", ["board games", "video games"])
    met = _interest_reasons("a game of arrows", darts, games)
    assert met == {"d": "'a game of arrows' ('arrows' means darts) matches activity 'darts'"}
    cards = _group("c", ["card games"])
    assert set(_interest_reasons("a game of crib", cards, games)) == {"c"}


def test_walking_the_dog_is_a_walk_not_a_call_for_a_dog_walker() -> None:
    dog_walker = _group("d", ["dog walking"], needs=("practical-help",))
    walk = _group("w", ["walking"])
    person = Person(postcode="FY8 2NP", interests=["walking the dog on the prom"])
    ranked = [m.id for m in match(person, Catalogue([dog_walker, walk]), today=TODAY).ranked]
    assert ranked[0] == "w"
    met = _interest_reasons("walking the dog on the prom", dog_walker, walk)
    assert set(met) == {"w"}
    # Asked for, it is still help with the dog.
    asked = Person(postcode="FY8 2NP", interests=["someone to walk my dog"])
    ranked = [m.id for m in match(asked, Catalogue([dog_walker, walk]), today=TODAY).ranked]
    assert ranked[0] == "d"


def test_a_stroll_in_scots_is_a_walk_never_a_word_it_looks_like() -> None:
    met = _interest_reasons("a dander along the front", _group("w", ["walking"]))
    assert met == {
        "w": "'a dander along the front' ('a dander' means walking) matches activity 'walking'"
    }


# ------------------------------------------------------------------ properties


def _columns_of(*assets: Asset) -> InterestColumns:
    return prepare(Catalogue(list(assets))).columns("interest", InterestColumns)


@cache
def _columns() -> InterestColumns:
    activities = [["line dancing", "walking"], ["crochet", "singing"], ["cooking"]]
    return _columns_of(*(_group(f"g{n}", acts) for n, acts in enumerate(activities)))


@cache
def _common_words_ending_in_in() -> list[str]:
    """Common words ending as a dropped g does ("within", "again", "chain", "cabin"),
    and dropped gs in use ("talkin", "walkin"): what the frequency list holds."""
    from wordfreq import top_n_list

    return [
        w
        for w in top_n_list("en", 30_000)
        if w.isascii() and w.isalpha() and len(w) >= 5 and w.endswith("in")
    ]


@settings(max_examples=60, deadline=None)
@given(
    word=st.sampled_from(_common_words_ending_in_in()),
    after=st.sampled_from(["", " fit", " in the hills", " football", " on a Sunday"]),
)
def test_a_word_in_use_is_read_as_itself_or_with_its_g(word: str, after: str) -> None:
    """Never another word: a word in use is itself, or the same word with its g back
    when that is a word of an activity in use ("walkin in the hills"; "chain", never
    "chaing")."""
    reading = Interest.read(f"{word}{after}", _columns())
    assert reading.corrections == ()
    first = reading.read_as.split()[0] if reading.read_as else word
    assert first in (word, word + "g")
    if first != word:
        assert in_use(word + "g")
