"""Hobbies the activity vocabulary does not name, and activities a catalogue does not offer
(rule 30, ``docs/matching.md``).

Two readings, both from data that ``scripts/build_activities.py`` compiles:

* **What a hobby is a kind of.** ``socialrx/data/activity_kinds.json`` holds the words
  WordNet 3.0 knows as a kind of an activity of the vocabulary that the vocabulary does
  not name itself ("canasta" is a kind of card game, "karaoke" of singing, "backgammon"
  of board game): :func:`kind_of`. Such an interest meets the activity it is a kind of as a wider
  activity, at a quarter (``interests.W_KIND``: a hint, not the hobby), and its reason
  says the relation.
* **What stands in for an activity nobody here offers.** When no asset of the catalogue
  does what an interest names (nor a kind of it, nor a wider one: a climber in a place
  with no climbing wall), the activities of its field count instead, for someone who
  asks for help with what that field gives (:func:`stand_in_field`: a sport stands in
  as exercise for someone who wants to be more active; a craft as arts and crafts for
  someone who wants to be creative). For anyone else it stays unmatched: their hobby
  says what they enjoy, not that any other group will do. A stand-in counts a quarter
  (:data:`W_STAND_IN`), and makes the group one that matches a hobby of theirs (rules
  13 and 15).
* **The nearest kind of thing** (rule 43). A hobby that is one of a kind of pastime
  (``kinds`` in ``everyday.yaml``: "outdoors and nature", "history and heritage",
  "making and mending"…) and that nothing here offers meets the other pastimes of its
  kind at a quarter (:data:`W_NEAREST`): a bird watcher with no birding group is offered
  the nature walk before anything unrelated, and the reason says which kind they share
  (:func:`nearest_kind`).
"""

from __future__ import annotations

from functools import cache

from socialrx.vocabulary import (
    ACTIVITIES,
    activity_concepts,
    data_json,
    everyday_data,
    narrower_activities,
    words,
)

__all__ = [
    "W_NEAREST",
    "W_STAND_IN",
    "kind_names",
    "kind_of",
    "nearest_kind",
    "stand_in_field",
    "stand_in_need",
    "stand_ins",
]

W_STAND_IN = 0.25
"""How much an activity of the field counts for an interest nothing here meets (rule 30):
a quarter of a direct match, a guess that the field will do. What it mostly changes is
that the group now matches one of the person's hobbies, so its help with the need they
gave counts in full (rules 13 and 15): with no climbing wall, the gym's help with being
active counts whole for a climber who asked for it, a bowling club's half."""


W_NEAREST = 0.25
"""How much another pastime of the same kind counts for a hobby nothing here offers (rule
43): a quarter of a direct match — the nearest kind of thing, not the hobby — enough to
come before what the person never mentioned."""


@cache
def _pastime_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The kinds of pastime (``kinds`` in ``everyday.yaml``): name → its pastimes."""
    raw = everyday_data().get("kinds") or {}
    assert isinstance(raw, dict)
    return tuple((str(k), tuple(str(x) for x in v)) for k, v in raw.items())


def nearest_kind(
    named: frozenset[int], said: frozenset[str], means: frozenset[frozenset[str]] = frozenset()
) -> tuple[str, tuple[str, ...]] | None:
    """The kind of pastime a hobby is one of, and the other pastimes of that kind (rule
    43): the hobby names one of its activities (``named``, concepts of the vocabulary),
    says one in the same words (``said``, stemmed), or is an everyday phrase meaning one
    (``means``, the stemmed words of what it means). None when it is of no kind listed.

    Example:
        >>> from socialrx.vocabulary import activity_concepts
        >>> kind, others = nearest_kind(activity_concepts("bird watching"), words("bird watching"))
        >>> kind, "nature walks" in others, "bird watching" in others
        ('outdoors and nature', True, False)
        >>> nearest_kind(frozenset(), words("a natter")) is None
        True
    """
    for kind, pastimes in _pastime_kinds():
        mine = [p for p in pastimes if _is(p, named, said, means)]
        if mine:
            return kind, tuple(p for p in pastimes if p not in mine)
    return None


def _is(
    pastime: str, named: frozenset[int], said: frozenset[str], means: frozenset[frozenset[str]]
) -> bool:
    """Whether a hobby is ``pastime``: it names the same activity, or says the same words."""
    ws = words(pastime)
    return bool(activity_concepts(pastime) & named) or ws == said or ws in means


@cache
def kind_names() -> frozenset[str]:
    """Every word WordNet knows as a kind of an activity the vocabulary does not name
    ("karaoke", "canasta", "lace making"), as written."""
    return frozenset(n for _, names in data_json("activity_kinds.json")["kinds"] for n in names)


@cache
def _kinds() -> dict[frozenset[str], frozenset[int]]:
    """The stemmed words of each word WordNet knows as a kind of an activity → the
    activities (rows) it is a kind of."""
    by_label = {a.label: a.id for a in ACTIVITIES}
    table: dict[frozenset[str], set[int]] = {}
    for label, names in data_json("activity_kinds.json")["kinds"]:
        for name in names:
            table.setdefault(words(name), set()).add(by_label[label])
    return {k: frozenset(v) for k, v in table.items() if k}


def kind_of(text: str) -> frozenset[int]:
    """The activities ``text`` is a kind of, in WordNet 3.0 (word forms aside), when the
    vocabulary does not name it.

    Example:
        >>> [ACTIVITIES[i].label for i in kind_of("canasta")]
        ['Card Games']
        >>> [ACTIVITIES[i].label for i in kind_of("karaoke")], kind_of("having a laugh")
        (['Singing'], frozenset())
    """
    return _kinds().get(words(text), frozenset())


@cache
def _stand_ins() -> tuple[dict[int, int], dict[int, str]]:
    """Each activity → the field that stands in for it (``stand_in`` column); each such
    field → the need it gives (``stand_ins``)."""
    data = data_json("activities.json")
    rows = data["concepts"]
    field_of = {i: int(row[5]) for i, row in enumerate(rows) if len(row) > 5 and row[5] >= 0}
    by_label = {a.label: a.id for a in ACTIVITIES}
    needs = {by_label[label]: str(need) for label, need in data.get("stand_ins", {}).items()}
    return field_of, needs


def stand_in_field(concept: int) -> int | None:
    """The field whose activities stand in for ``concept`` where nothing offers it: the
    nearest field above it that gives a need (*Exercise*, *Arts and Crafts*), or, for a
    sport of the OpenActive list, *Exercise*; the field itself for a field.

    Example:
        >>> from socialrx.vocabulary import activity_concepts
        >>> (bouldering,) = activity_concepts("bouldering")
        >>> ACTIVITIES[stand_in_field(bouldering)].label
        'Exercise'
        >>> (bingo,) = activity_concepts("bingo")
        >>> stand_in_field(bingo) is None
        True
    """
    field_of, needs = _stand_ins()
    if concept in needs:
        return concept
    return field_of.get(concept)


def stand_in_need(field: int) -> str | None:
    """The need a field of :func:`stand_in_field` gives ("physical-activity" for
    *Exercise*, "creativity" for *Arts and Crafts*)."""
    return _stand_ins()[1].get(field)


def stand_ins(concepts: frozenset[int], needs: frozenset[str]) -> frozenset[int]:
    """The activities that stand in for ``concepts`` (rule 30): everything under their
    fields whose need is among ``needs``."""
    out: set[int] = set()
    for concept in concepts:
        field = stand_in_field(concept)
        if field is not None and stand_in_need(field) in needs:
            out |= narrower_activities(field)
    return frozenset(out)
