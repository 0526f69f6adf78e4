"""Reading people's everyday words (round thirteen, read14; issue #12): small hand-made cases.

The whole list of sayings is read in ``tests/test_everyday_sayings.py`` (slow); these
cases pin each class of fix on its own, with made-up words and a one-entry catalogue.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.catalogue import Catalogue
from socialrx.matching.interests import InterestColumns, wish_for_company
from socialrx.matching.prepared import prepare
from socialrx.matching.saying import read_interests
from socialrx.model import Asset, Person, read_days
from socialrx.vocabulary import form_of, joined_phrases, read_circumstance, read_need

pytestmark = pytest.mark.slow  # about 2 s: wordfreq's list and a prepared catalogue


@cache
def _columns() -> InterestColumns:
    asset = Asset(
        id="a",
        name="Tuesday Club",
        summary="A club",
        status="active",
        last_verified="2026-01-01",
        needs=["loneliness"],
        delivery=["phone"],
    )
    return InterestColumns(prepare(Catalogue([asset])))


def _read(text: str) -> tuple[object, ...]:
    return read_interests(text, _columns(), ())


# ------------------------------------------------------------------ needs


def test_a_one_word_wording_is_read_only_in_its_own_forms() -> None:
    # "housing" and "house" share a light stem; "bills" and "bill" are one word.
    assert read_need("sat in the house all day") == "loneliness"
    assert read_need("help with housing") == "housing"
    assert read_need("sorting the bill out") == "money"
    assert form_of("debts", "debt") and not form_of("parent", "parenting")


def test_a_wording_that_was_longer_is_read_only_as_that_word() -> None:
    # "my kids" is families; "our kid" (a brother, in Manchester) is nobody's child.
    assert read_need("my kids") == "families"
    assert read_need("our kid") is None


def test_help_with_a_needs_own_word_asks_for_that_need() -> None:
    assert read_need("help with my benefits") == "money"
    assert read_need("help with food") == "food"
    assert read_need("money advice") == "money"
    # A pastime's need is no help asked for, and two needs are none.
    assert read_need("help with the garden") is None
    assert read_need("help with food and money") is None


def test_having_no_roof_or_no_food_is_said_as_a_need() -> None:
    # What someone with nowhere to sleep or nothing to eat says is a pressing need, while
    # a walk through the streets or street food is no need at all.
    assert read_need("nowhere to sleep") == read_need("sleeping on the streets") == "housing"
    assert read_need("nothing to eat") == read_need("no food in the house") == "food"
    assert read_need("walking the streets") is None
    assert read_need("street food") is None


def test_a_circumstance_in_your_own_words_names_its_need_too() -> None:
    assert read_circumstance("lost my other half") == "bereaved"
    assert read_need("lost my other half") == "bereavement"
    assert read_need("temporary accommodation") == "housing"
    assert read_need("I'm diabetic") == "long-term-conditions"
    # Two needs said are still none: say each.
    assert read_need("I'm lonely since my husband died") is None


def test_someone_elses_condition_makes_a_carer_and_children_a_parent() -> None:
    assert read_circumstance("my husband has dementia") == "carer"
    assert read_circumstance("me dad's got Parkinson's") == "carer"
    assert read_circumstance("dementia") == "living-with-dementia"
    assert read_circumstance("looking after the bairns") == "parent"
    assert read_need("looking after the bairns") == "families"
    assert read_circumstance("looking after my mum") == "carer"


def test_a_misspelt_need_is_still_an_error_with_its_hint() -> None:
    with pytest.raises(ValueError, match="did you mean 'loneliness'"):
        Person(needs=["lonley"])


# ------------------------------------------------------------------ days


@pytest.mark.parametrize(
    ("said", "days"),
    [
        ("any day but Monday", ["tue", "wed", "thu", "fri", "sat", "sun"]),
        ("not Sundays, church", ["mon", "tue", "wed", "thu", "fri", "sat"]),
        ("weekdays not Friday", ["mon", "tue", "wed", "thu"]),
        ("Tuesday's and Thursday's", ["tue", "thu"]),
        ("Wednesday or Thursday", ["wed", "thu"]),
        ("mon thru fri", ["mon", "tue", "wed", "thu", "fri"]),
        ("7 days a week", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        ("wknds", ["sat", "sun"]),
        ("weekday mornings", ["mon", "tue", "wed", "thu", "fri"]),
        ("Sundays after church", ["sun"]),
        ("any weekday", ["mon", "tue", "wed", "thu", "fri"]),
    ],
)
def test_days_in_everyday_words(said: str, days: list[str]) -> None:
    assert read_days(said) == days


@pytest.mark.parametrize("said", ["whenever", "not sure", "Funday", "Wendsday"])
def test_what_names_no_day_stays_for_the_field_to_report(said: str) -> None:
    assert set(read_days(said)).isdisjoint({"mon", "tue", "wed", "thu", "fri", "sat", "sun"})


# ------------------------------------------------------------------ interests


def test_a_word_of_the_needs_vocabulary_is_never_corrected_to_an_activity() -> None:
    # "brassic" (no money) is within a letter or two of "brass" (band).
    (reading,) = _read("brassic")
    assert reading.corrections == ()  # type: ignore[attr-defined]


def test_a_correction_keeps_the_words_length_within_a_letter() -> None:
    (near,) = _read("gardning")
    assert near.corrections == (("gardning", "gardening"),)  # type: ignore[attr-defined]


def test_a_phrase_written_as_one_word_is_that_phrase_and_no_correction() -> None:
    assert joined_phrases()["taichi"] == ("tai", "chi")
    (reading,) = _read("taichi")
    assert reading.corrections == ()  # type: ignore[attr-defined]
    assert reading.named  # type: ignore[attr-defined]


def test_an_everyday_phrase_said_in_two_words_is_the_phrase() -> None:
    (reading,) = _read("a sing along")
    assert [p for p, _ in reading.means] == ["a singalong"]  # type: ignore[attr-defined]


def test_an_apostrophe_s_and_n_for_and_are_no_words() -> None:
    (bingo,) = _read("bingo's")
    assert bingo.named  # type: ignore[attr-defined]
    (rock,) = _read("rock n roll")
    assert rock.named  # type: ignore[attr-defined]


def test_a_wish_for_company_in_scots() -> None:
    (reading,) = _read("a wee blether")
    assert wish_for_company(reading)  # type: ignore[arg-type]


_COMMON = [
    "having",
    "meeting",
    "being",
    "heating",
    "things",
    "mending",
    "point",
    "laugh",
    "house",
    "brother",
    "church",
    "bus",
    "tablets",
    "races",
    "mates",
    "shed",
    "messages",
    "bairns",
    "cupboards",
    "stairs",
]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(_COMMON), min_size=1, max_size=4))
def test_a_common_english_word_is_never_re_read(said: list[str]) -> None:
    for reading in _read(" ".join(said)):
        assert reading.corrections == ()  # type: ignore[attr-defined]


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet="abcdefghimnorstuwy ,'-", max_size=30))
def test_reading_days_never_fails_and_keeps_what_it_cannot_read(said: str) -> None:
    found = read_days(said)
    assert len(found) == len(set(found))
    days = [d for d in found if d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    assert days == sorted(days, key=["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index)
