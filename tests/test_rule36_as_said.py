"""A word is matched in the sense it has where it is said (issue 12 part 6; rule 36).

* **Beside listening, talking is talking to someone who listens.** A listening line or
  a bereavement group that lists "listening" and "talking" offers someone to talk to,
  not a chat: a wish for "a natter" or "a cuppa" never meets its "talking", while a
  walking group's "talking" is still a chat.
* **"A yarn" is a chat.** An everyday phrase listed both with and without its article
  is read as said: "a yarn" (one yarn: a story, a chat) is tea and chat, and being a
  chat as a whole its word is looked for nowhere else; "yarn" is still the wool.
* **What a claim quotes is related to what was said or meant** (Hypothesis): every
  "matches activity '…'" claim shares a word, or an activity of the vocabulary (or one of
  its family), with the person's phrase or the everyday meaning it names.
"""

from __future__ import annotations

import functools
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, ranked_reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Person
from socialrx.vocabulary import (
    ACTIVITIES,
    EVERYDAY_PHRASES,
    activity_concepts,
    broader_activities,
    narrower_activities,
    words,
)

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


_interest = functools.partial(ranked_reason, factor="interest", today=TODAY)
"""The score and detail of the interest reason for an asset, matched among others."""


COFFEE = _asset(id="coffee", name="Coffee Morning", activities=["coffee morning", "chat"])


LINE = make_asset(
    id="line",
    name="Steady Nights",
    delivery=["phone"],
    needs=["mental-wellbeing", "loneliness"],
    activities=["listening", "talking", "emotional support"],
)
WALKERS = _asset(id="walkers", name="Men's Walk", activities=["hill walking", "talking"])


def test_talking_to_a_listener_is_not_a_chat() -> None:
    for wish in ("a natter", "a cuppa", "a bit of a chat"):
        score, detail = _interest(_person(wish), LINE, WALKERS)
        assert score == 0.0, detail
        score, detail = _interest(_person(wish), WALKERS, LINE)
        assert score > 0.0 and "'talking'" in detail, detail


def test_talking_still_meets_talking() -> None:
    """The line is still met by its own words: someone who says "talking" or
    "listening" meets them as said."""
    for said in ("talking", "listening"):
        score, detail = _interest(_person(said), LINE)
        assert score > 0.0 and f"'{said}' matches activity '{said}'" in detail, detail


def test_the_listener_ranks_below_the_chat() -> None:
    ranked = [m.id for m in match(_person("a natter"), Catalogue([LINE, WALKERS]), today=TODAY)]
    assert ranked.index("walkers") < ranked.index("line")


def test_a_yarn_is_a_chat_and_yarn_the_wool() -> None:
    knitters = _asset(id="knit", name="Needles Club", activities=["knitting", "yarn crafts"])
    score, detail = _interest(_person("a yarn"), knitters, COFFEE)
    assert score == 0.0, detail
    score, detail = _interest(_person("a yarn"), COFFEE, knitters)
    assert score > 0.0 and "'a yarn' can mean" in detail
    score, detail = _interest(_person("yarn"), knitters, COFFEE)
    assert score > 0.0 and "chat" not in detail
    ranked = [m.id for m in match(_person("a yarn"), Catalogue([knitters, COFFEE]), today=TODAY)]
    assert ranked[0] == "coffee"


# ------------------------------------------------------------------ the invariant

INTERESTS = [
    "a natter",
    "talking books",
    "a yarn",
    "yarn",
    "talks",
    "history talks",
    "talking",
    "a cuppa and a chat",
    "knitting",
    "dancing",
    "lawn bowls",
    "meeting people",
]
ACTIVITY_TEXTS = [
    "listening",
    "emotional support",
    "talks",
    "local history",
    "talking",
    "peer support",
    "coffee morning",
    "tea and chat",
    "chat",
    "knitting",
    "yarn crafts",
    "dances",
    "bowls",
    "health talks",
    "talking newspaper",
]
_CLAIM = re.compile(
    r"'([^']+)'(?: \('([^']+)' (?:can )?means? ([^)]+)\)| (?:can )?means? ([^:]+):)? matches (.*)"
)


def _related(said: str, activity: str) -> bool:
    """The activity shares a word, in the sense it has, with what was said, or an
    activity of the vocabulary (or one of the same family)."""
    if words(said) & words(activity):
        return True
    mine, theirs = activity_concepts(said), activity_concepts(activity)
    return any(
        a == b or b in _below(a) or a in _below(b) or set(ACTIVITIES[a].broader) & _up(b)
        for a in mine
        for b in theirs
    )


def _below(concept: int) -> set[int]:
    return set(narrower_activities(concept))


def _up(concept: int) -> set[int]:
    return set(broader_activities(concept)) | {concept}


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(INTERESTS),
    st.lists(st.sampled_from(ACTIVITY_TEXTS), min_size=1, max_size=3, unique=True),
)
def test_a_claimed_activity_is_related_to_what_was_said_or_meant(
    interest: str, activities: list[str]
) -> None:
    """Every "matches activity '…'" claim quotes an activity related, in the sense each
    word has, to the person's phrase or to the everyday meaning the claim names."""
    asset = _asset(id="a", name="Somewhere", activities=activities)
    _, detail = _interest(_person(interest), asset)
    for part in detail.split("; "):
        m = _CLAIM.match(part)
        if m is None or not m[5].startswith("activity '") or "instead" in m[5]:
            continue
        quoted = m[5].split("'")[1]
        meant = m[3] or m[4]
        said = meant if meant else m[1]
        assert _related(said, quoted), f"{part!r}"
        if "listening" in activities and meant != "talking":  # rule 36
            assert quoted != "talking" or "talk" in m[1], part
        if meant:  # a meaning the everyday phrases record for those words
            phrase = words(m[2] or m[1])
            assert any(meant in means for _, ws, means in EVERYDAY_PHRASES if ws <= phrase), part
