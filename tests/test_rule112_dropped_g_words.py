"""Rule 112 (round twenty-four, issue 12 item 5), found in the Oldham catalogue.

A mum in debt wrote "bailiffs keep mitherin" and was read as "mothering"; a redundant
dad wrote "bills are mountin up" and was read as "mountain". Neither is a slip: each is a
word said the way people speak it, with its *g* dropped — "mounting" is a common word,
and "mither" (to pester) a dialect verb the frequency list knows. A word nobody writes
that ends in *-in* is now mended only into itself with its *g* ("knittin": knitting)
when that is a word in use or its verb is a word people use; never one letter changed
into another word, as rule 94 keeps the Geordie "hoose" from being a "horse". A real slip
is still mended ("crotchetin": crocheting, a letter left out; "volunterin":
volunteering).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import Interest, InterestColumns
from socialrx.matching.prepared import prepare
from socialrx.matching.spelling import said_without_g
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_ASSETS = [
    make_asset(
        id="mothers",
        name="Mothering Circle",
        summary="Peer support for new mums.",
        activities=["mothering", "baby massage"],
        needs=["families"],
    ),
    make_asset(
        id="hills",
        name="Pennine Hill Walkers",
        summary="Mountain and moorland walks.",
        activities=["mountain walking", "hillwalking"],
        needs=["physical-activity"],
    ),
    make_asset(
        id="money",
        name="Money Advice Line",
        summary="Free debt advice by phone.",
        activities=["debt advice"],
        needs=["money"],
    ),
    make_asset(
        id="crochet",
        name="Hook and Natter",
        summary="Crochet circle.",
        activities=["crochet", "crocheting"],
        needs=["loneliness"],
    ),
]


def _columns() -> InterestColumns:
    columns: InterestColumns = prepare(Catalogue(_ASSETS)).columns("interest", InterestColumns)
    return columns


@pytest.mark.parametrize(
    "said", ["bailiffs keep mitherin", "bills are mountin up", "fettlin in the garage"]
)
def test_a_word_said_without_its_g_is_never_read_as_another(said: str) -> None:
    corrections = Interest.read(said, _columns()).corrections
    assert all(read == wrote + "g" for wrote, read in corrections)  # "fettling", rule 113
    person = Person(postcode="OL1 1AA", needs=["money"], interests=[said])
    result = match(person, Catalogue(_ASSETS), today=TODAY)
    for m in result.ranked:
        detail = next(r.detail for r in m.reasons if r.factor == "interest")
        assert "mothering" not in detail and "mountain" not in detail.casefold()


@pytest.mark.parametrize(
    ("said", "meant"),
    [("crotchetin", "crocheting"), ("knittin", "knitting"), ("volunterin", "volunteering")],
)
def test_a_real_slip_is_still_mended(said: str, meant: str) -> None:
    assets = [
        *_ASSETS,
        make_asset(id="k", activities=["knitting", "volunteering"], needs=["loneliness"]),
    ]
    columns = prepare(Catalogue(assets)).columns("interest", InterestColumns)
    assert Interest.read(said, columns).corrections == ((said, meant),)


def test_which_words_are_said_without_their_g() -> None:
    assert said_without_g("mountin") and said_without_g("mitherin")
    assert not said_without_g("volunterin")  # "volunter" is no word
    assert not said_without_g("cabin")  # a word of its own, in use as written


_VERBS = st.sampled_from(
    ["mither", "mount", "fettle", "natter", "mooch", "potter", "graft", "faff", "blather"]
)


@settings(max_examples=40, deadline=None)
@given(verb=_VERBS, before=st.sampled_from(["", "keeps ", "I'm always ", "just "]))
def test_a_verb_people_use_said_without_its_g_is_read_as_itself_or_not_at_all(
    verb: str, before: str
) -> None:
    """Property: a verb people use, said with its g dropped, is never corrected into a
    word other than itself with its g."""
    spoken = (verb[:-1] if verb.endswith("e") else verb) + "in"
    for said, read in Interest.read(f"{before}{spoken}", _columns()).corrections:
        assert said == spoken and read == spoken + "g"
