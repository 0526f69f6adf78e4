"""Groceries are for a kitchen (``docs/matching.md``, rule 89).

A food pantry, a community larder, a food club or a social supermarket helps with food:
members take home groceries, fresh and tinned, to cook. Someone with nowhere to live —
sleeping rough, sofa-surfing, in a hostel with a kettle at most — has nowhere to cook
them, and often nowhere to keep them. A link worker sends them first to a hot meal, a day
centre or a food bank's parcel for people without a kitchen; a pantry is a lesser kind
of that help. On the round's graded catalogues, pantries in a homeless person's top 5
were graded 1.1 on average, against 2.1 for everything else there.

So, for someone who is homeless (:data:`~socialrx.matching.audience.HOMELESS` among the
circumstances they gave or plainly have), an entry that is a *grocery service*
(:func:`grocery_activity`: its name, summary or an activity names a pantry, larder,
food club or social supermarket, and nothing of it names a meal served there or a food
bank) counts its help with food at half (:data:`GROCERY_SHARE`), and the need detail
says why (:func:`grocery_note`). It is never left out: only the help they can use today
comes first.

Example:
    >>> grocery_activity("Hendon Community Pantry", "£3.50 a week for a bag of shopping.", [])
    True
    >>> grocery_activity("Friday Lunch", "A hot meal and a pantry shelf.", ["lunch club"])
    False
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

from socialrx.matching.audience import HOMELESS, evident_circumstances
from socialrx.matching.prepared import BoolArray, PreparedCatalogue
from socialrx.model import Person

__all__ = ["FOOD_NEED", "GROCERY_SHARE", "grocery_activity", "grocery_note", "grocery_rows"]

FOOD_NEED = "food"
GROCERY_SHARE = 0.5
"""How much a grocery service's help with food counts for someone with nowhere to live:
half, as help given on the side (rule 32)."""
_GROCERIES = re.compile(
    r"\b(?:pantry|pantries|larders?|food\s+clubs?|social\s+supermarkets?"
    r"|community\s+(?:food\s+)?shops?)\b",
    re.IGNORECASE,
)
"""Words that name a place to take home groceries."""
_MEALS = re.compile(
    r"\b(?:meals?|lunch(?:es)?|dinners?|breakfasts?|suppers?|soup|langar|brunch|caf[eé]s?"
    r"|sandwich(?:es)?|hot\s+food|eat\s+together|eating\s+together|food\s*banks?)\b",
    re.IGNORECASE,
)
"""Words that name a meal served there, or a food bank (its parcels are made up for
people with no kitchen too): such an entry feeds people, whatever else it does."""
_NAME = "grocery-services"


def grocery_activity(name: str, summary: str, activities: Iterable[str]) -> bool:
    """Whether an entry is a grocery service: its name, summary or an activity names a
    pantry, larder, food club or social supermarket, and none of them names a meal served
    there or a food bank."""
    texts = [name, summary, *activities]
    return any(_GROCERIES.search(t) for t in texts) and not any(_MEALS.search(t) for t in texts)


def grocery_rows(p: PreparedCatalogue, person: Person) -> dict[str, BoolArray]:
    """``{"food": rows}``: the grocery services recording help with food, whose help with
    it counts at :data:`GROCERY_SHARE` for a homeless person; empty for anyone else, or
    when there are none. The rows are found once per catalogue."""
    if FOOD_NEED not in person.needs or HOMELESS not in evident_circumstances(person):
        return {}

    def build(q: PreparedCatalogue) -> BoolArray:
        f = q.fields()
        rows = [
            FOOD_NEED in (needs or ()) and grocery_activity(name, summary or "", acts or ())
            for name, summary, needs, acts in zip(
                f("name"), f("summary"), f("needs"), f("activities"), strict=True
            )
        ]
        return np.asarray(rows, dtype=bool)

    rows = p.columns(_NAME, build)
    return {FOOD_NEED: rows} if rows.any() else {}


def grocery_note(needs: Sequence[str], labels: Sequence[str]) -> str:
    """The need detail's words for rule 89 on ``needs`` (``labels``: their plain labels),
    or ""."""
    if not needs:
        return ""
    return (
        f"; help with {' and '.join(labels)} counted at half: it gives groceries to take "
        "home and cook, and you have nowhere to live"
    )
