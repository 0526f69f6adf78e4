"""Everyday words read as a link worker reads them (issue #12, items 5 and 6; rule 72).

A fresh list of what link workers type, none of it from the benchmarks, showed a word in
use re-read by spelling correction ("pickling" as "picking", "panto" as "piano"), a slip
corrected to the wrong word ("chior" as "chair"), and a word of a phrase read as an
activity it only shares a stem with ("fish and chips" as fishing, "making jam" as a music
jam, "jazz" as a dance). Each test asserts what the person would see: which group is
offered for the interest, and the words of its reason.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Asset, Person
from socialrx.vocabulary import COMMON_ZIPF, FORM_ZIPF, base_forms, common_word

TODAY = date(2026, 12, 1)


def _group(key: str, activities: list[str]) -> Asset:
    """A phone group whose name and summary say nothing an interest could meet."""
    name = f"Group {key.upper()}"
    return make_asset(id=key, name=name, summary="Ring us.", activities=activities)


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


def test_a_word_in_use_is_not_corrected_to_a_word_it_looks_like() -> None:
    # "pickling" (Zipf 2.47) is "pickle" with its -ing, never "picking".
    met = _interest_reasons("pickling and preserves", _group("p", ["litter picking"]))
    assert met == {}


def test_the_panto_is_theatre_not_a_piano() -> None:
    piano, stage = _group("p", ["piano lessons"]), _group("s", ["drama", "theatre"])
    met = _interest_reasons("the panto", piano, stage)
    assert set(met) == {"s"}
    assert "read as" not in met["s"]
    assert met["s"].startswith("'the panto' can mean")


def test_a_slip_of_two_letters_swapped_is_the_word_it_swaps() -> None:
    chair, choir = _group("c", ["chair yoga"]), _group("q", ["choir"])
    met = _interest_reasons("chior", chair, choir)
    assert set(met) == {"q"}
    assert met["q"] == "'chior' (read as 'choir') matches activity 'choir'"


def test_fish_and_chips_is_a_meal_never_fishing() -> None:
    angling, lunch = _group("f", ["fishing"]), _group("l", ["hot meal"])
    met = _interest_reasons("fish and chips with friends", angling, lunch)
    assert "f" not in met
    assert met["l"] == (
        "'fish and chips with friends' ('fish and chips' means hot meal) "
        "matches activity 'hot meal'"
    )


def test_making_jam_is_cooking_not_a_music_jam() -> None:
    jam, kitchen = _group("j", ["jamming"]), _group("k", ["cooking"])
    met = _interest_reasons("making jam", jam, kitchen)
    assert met == {"k": "'making jam' means cooking: matches activity 'cooking'"}


def test_jazz_is_the_music_not_any_dance() -> None:
    dance, gig = _group("d", ["dancing"]), _group("g", ["live music"])
    met = _interest_reasons("jazz", dance, gig)
    assert met == {"g": "'jazz' means live music: matches activity 'live music'"}


def test_an_activity_of_two_words_is_read_before_where_it_is_done() -> None:
    # "tai chi in the park": tai chi, never nothing because "chi" alone names nothing.
    met = _interest_reasons("tai chi in the park", _group("t", ["tai chi"]))
    assert set(met) == {"t"}
    assert "'tai chi'" in met["t"]


def test_going_to_the_seaside_is_a_day_out() -> None:
    met = _interest_reasons("going to the seaside", _group("d", ["day trips"]))
    assert met == {"d": "'going to the seaside' can mean day trips: matches activity 'day trips'"}


@cache
def _forms_in_use() -> list[str]:
    """Words people use that are rarer than a common word but a form of one: what the
    frequency list holds between :data:`FORM_ZIPF` and :data:`COMMON_ZIPF` with an ending
    on a common word ("pickling", "busking")."""
    from wordfreq import top_n_list, zipf_frequency

    return [
        w
        for w in top_n_list("en", 120_000)
        if w.isalpha()
        and len(w) >= 5
        and FORM_ZIPF <= zipf_frequency(w, "en") < COMMON_ZIPF
        and any(zipf_frequency(b, "en") >= COMMON_ZIPF for b in base_forms(w))
    ][:3000]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_form_of_a_common_word_is_never_re_read(data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(_forms_in_use()))
    assert common_word(word)
    assets = [_group("a", ["picking"]), _group("b", ["piano"]), _group("c", ["eventing"])]
    for detail in _interest_reasons(word, *assets).values():
        assert "read as" not in detail
