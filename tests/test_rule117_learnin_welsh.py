"""Rule 117 (round twenty-four, issue 12 item 5): "learnin Welsh" is learning Welsh.

Found in the Ceredigion catalogue: a retired incomer "learnin Welsh, I'm hopeless mind"
was not read as someone who uses Welsh (rule 50), so the Welsh conversation café her
judges graded first came eleventh. A word of using a language said with its *g* dropped
("learnin", "speakin", "practisin") is now read as the word.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.matching.shown_in import languages_used
from socialrx.model import Person


def test_learnin_welsh_uses_welsh() -> None:
    assert set(languages_used(Person(interests=["learnin Welsh, I'm hopeless mind"]))) == {"cy"}
    assert not languages_used(Person(interests=["Welsh history", "a Welsh cake"]))


@settings(max_examples=30, deadline=None)
@given(
    verb=st.sampled_from(["learning", "speaking", "practising", "improving", "signing"]),
    language=st.sampled_from([("Welsh", "cy"), ("Polish", "pl"), ("Urdu", "ur")]),
)
def test_a_dropped_g_reads_as_the_word(verb: str, language: tuple[str, str]) -> None:
    """Property: with or without its g, the same language is read."""
    name, code = language
    full = set(languages_used(Person(interests=[f"{verb} {name}"])))
    dropped = set(languages_used(Person(interests=[f"{verb[:-1]} {name}"])))
    assert full == dropped == {code}
