"""A hobby said the way people speak it is that hobby, alone too (issue 12 item 5; rule 103,
``docs/matching.md``).

Found in the Scarborough catalogue: a care worker of 41 free only in the evenings said
"singin", and the shanty singers who meet on a Wednesday evening — her judges' first
choice — matched none of her interests. Rule 76 read a dropped *g* only when the word
completed a phrase ("line dancin"), since "singin", "walkin" and "fishin" are in the
frequency list as written. Judges list these as the words they are (more than 300 times
across the benchmark's catalogues): a word whose form with its *g* is an activity's word
and far more common than as written is read as that word on its own as well. A word of
its own ("cabin", "robin", "bobbin") stays itself.

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.matching.spelling import dropped_gs
from socialrx.model import Person

TODAY = date(2026, 12, 1)
_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "YO12 7NH"}], needs=["loneliness"]
)
_SINGERS = _asset(
    id="singers",
    name="South Cliff Shanty Singers",
    summary="We sing sea shanties.",
    activities=["singing", "sea shanties"],
)


def _interest(said: str, asset: object = _SINGERS) -> tuple[float, str]:
    person = Person(postcode="YO12 7NH", needs=["loneliness"], interests=[said])
    return reason(person, asset, "interest", TODAY)  # type: ignore[arg-type]


def test_singin_alone_is_singing() -> None:
    value, detail = _interest("singin")
    assert value == _interest("singing")[0] > 0
    assert "matches activity 'singing'" in detail


def test_a_word_of_its_own_is_never_given_a_g() -> None:
    # Even where a catalogue lists the word with a g as an activity ("bobbing" for apples,
    # "robing"), a word in use of its own is not read as it: not ten times rarer.
    own = frozenset({"bobbing", "robing", "cabing", "singing"})
    for said in ("cabin", "robin", "bobbin"):
        assert dropped_gs([said], own, frozenset()) == {}
    assert dropped_gs(["singin"], own, frozenset()) == {0: "singing"}


_HOBBIES = ["singing", "dancing", "walking", "fishing", "cooking", "reading", "painting"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(_HOBBIES))
def test_a_hobby_with_its_g_dropped_counts_as_the_hobby(hobby: str) -> None:
    club = _asset(id="club", name=f"{hobby.title()} Club", activities=[hobby])
    assert _interest(hobby[:-1], club)[0] == _interest(hobby, club)[0] > 0
