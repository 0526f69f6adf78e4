"""Robust to how people word things (issue 12; rule 39, ``docs/matching.md``).

* **39a — the sentence around an interest is not the interest.** "I do a lot of
  knitting", "playing darts", "yoga classes", "a good walk" are knitting, darts, yoga and
  walking; the reasons still quote the person's words. An everyday phrase is read first,
  whole: "a good yarn" is a chat, never the wool.
* **39b — a sentence that lists things is one interest per thing.** "darts and a natter"
  is darts, and a natter; "arts and crafts" and "a cuppa and a chat" are names as a whole;
  "a cuppa and a natter" stays one wish for company; "a break now and then" lists nothing.
* **39c — a word form is no misspelling.** "crocheting" is read as itself (its stem is
  crochet's), never "corrected"; "knittin" still is.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factories import make_asset, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.saying import FRAME_WORDS, list_parts, unframed
from socialrx.model import Asset, Person
from socialrx.vocabulary import known_form, stem

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)
KNIT = _asset(id="knit", name="Purl Club", summary="Knitting circle.", activities=["knitting"])
CROCHET = _asset(id="hook", name="Hook Club", summary="Crochet circle.", activities=["crochet"])
DARTS = _asset(id="darts", name="Arrows", summary="Darts league.", activities=["darts"])
WALK = _asset(id="walk", name="Stride Out", summary="Weekly walk.", activities=["walking"])
YOGA = _asset(id="yoga", name="Stretch", summary="Gentle yoga.", activities=["yoga"])
CHAT = _asset(id="chat", name="Tea Time", summary="Tea and a chat.", activities=["tea and chat"])
CHOIR = _asset(id="choir", name="Voices", summary="Community choir.", activities=["singing"])
FOOTBALL = _asset(id="ball", name="Kick Off", summary="Football for all.", activities=["football"])
CHESS = _asset(id="chess", name="Checkmate", summary="Chess club.", activities=["chess"])
GARDEN = _asset(
    id="garden", name="Green Patch", summary="Community garden.", activities=["gardening"]
)
ALL = (KNIT, CROCHET, DARTS, WALK, YOGA, CHAT, CHOIR, FOOTBALL, CHESS, GARDEN)
HOBBIES = ["knitting", "darts", "walking", "yoga", "singing", "football", "chess", "gardening"]


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


def _interest(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    result = match(person, Catalogue(list(assets or ALL)), today=TODAY)
    m = next(m for m in result.ranked if m.id == asset_id)
    r = next(r for r in m.reasons if r.factor == "interest")
    return r.score, r.detail


def _interest_scores(person: Person) -> dict[str, float]:
    result = match(person, Catalogue(list(ALL)), today=TODAY)
    return {m.id: next(r.score for r in m.reasons if r.factor == "interest") for m in result.ranked}


# ------------------------------------------------------------------ 39a: the sentence around it


def test_a_sentence_about_knitting_is_knitting_and_the_reason_quotes_it() -> None:
    said = _interest(_person("I do a lot of knitting"), "knit")
    assert said == (0.7, "'I do a lot of knitting' matches activity 'knitting'")
    assert _interest_scores(_person("I do a lot of knitting")) == _interest_scores(
        _person("knitting")
    )


def test_playing_darts_and_yoga_classes_are_darts_and_yoga() -> None:
    assert (
        _interest(_person("playing darts"), "darts")[0] == _interest(_person("darts"), "darts")[0]
    )
    assert _interest(_person("yoga classes"), "yoga")[0] == _interest(_person("yoga"), "yoga")[0]
    ranked = [
        m.id for m in match(_person("playing darts"), Catalogue(list(ALL)), today=TODAY).ranked
    ]
    assert ranked[0] == "darts"


def test_a_good_yarn_is_still_a_chat_and_never_the_wool() -> None:
    score, detail = _interest(_person("a good yarn"), "chat")
    assert score > 0 and "knitting" not in detail and "crochet" not in detail
    assert _interest(_person("a good yarn"), "knit")[0] == 0.0


def test_unframed_drops_only_the_frame() -> None:
    assert unframed("I used to love dancing") == "dancing"
    assert unframed("a nice cup of tea") == "cup tea"
    assert unframed("Bell ringing") == "bell ringing"
    assert "knitting" not in FRAME_WORDS and "walking" not in FRAME_WORDS


FRAMES = [
    "I love {}",
    "I do a lot of {}",
    "I used to love {}",
    "I really enjoy {}",
    "a bit of {}",
    "I'd like to try {}",
    "we do some {}",
    "{} sessions",
]


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(hobby=st.sampled_from(HOBBIES), frame=st.sampled_from(FRAMES))
def test_a_sentence_frame_never_changes_what_an_interest_matches(hobby: str, frame: str) -> None:
    assert _interest_scores(_person(frame.format(hobby))) == _interest_scores(_person(hobby))


# ------------------------------------------------------------------ 39b: one sentence, several


def test_darts_and_a_natter_is_darts_and_a_natter() -> None:
    together = scores(_person("darts and a natter"), *ALL, today=TODAY)
    apart = scores(_person("darts", "a natter"), *ALL, today=TODAY)
    assert together == apart


def test_names_stay_whole() -> None:
    assert list_parts("arts and crafts") == ["arts and crafts"]
    assert list_parts("a cuppa and a chat") == ["a cuppa and a chat"]
    assert list_parts("knitting and crochet") == ["knitting", "crochet"]


def test_two_words_for_company_are_one_wish() -> None:
    # A cuppa and a natter are both company: one wish, never counted twice.
    one_wish = _interest_scores(_person("a cuppa"))
    assert _interest_scores(_person("a cuppa and a natter")) == one_wish
    assert one_wish["chat"] > 0


def test_a_phrase_that_lists_nothing_stays_one_interest() -> None:
    assert list_parts("a break now and then") == ["a break now", "then"]  # split, then kept
    assert all(v == 0.0 for v in _interest_scores(_person("a break now and then")).values())


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(pair=st.lists(st.sampled_from(HOBBIES), min_size=2, max_size=2, unique=True))
def test_a_sentence_listing_hobbies_matches_as_the_hobbies_listed(pair: list[str]) -> None:
    first, second = pair
    apart = scores(_person(first, second), *ALL, today=TODAY)
    assert scores(_person(f"{first} and {second}"), *ALL, today=TODAY) == apart
    assert scores(_person(f"I love {second} and a bit of {first}"), *ALL, today=TODAY) == apart


# ------------------------------------------------------------------ 39c: word forms


def test_a_word_form_is_read_as_itself_and_a_misspelling_is_still_corrected() -> None:
    score, detail = _interest(_person("crocheting"), "hook")
    assert score == 0.7 and detail == "'crocheting' matches activity 'crochet'"
    score, detail = _interest(_person("knittin"), "knit")
    assert score > 0 and "(read as 'knitting')" in detail


@settings(max_examples=30, deadline=None)
@given(
    asset=st.sampled_from([KNIT, CROCHET, WALK, CHOIR, GARDEN]),
    ending=st.sampled_from(["s", "ing", "es"]),
)
def test_a_form_of_a_known_word_is_never_re_read(asset: Asset, ending: str) -> None:
    (activity,) = asset.activities
    form = stem(activity) + ending
    assume(stem(form) == stem(activity))
    score, detail = _interest(_person(form), asset.id)
    assert score > 0 and "read as" not in detail
    assert known_form(form, frozenset({activity}))
