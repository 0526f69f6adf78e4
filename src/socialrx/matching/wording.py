"""Plain-English pieces every sentence of a match shares: lists, distances, prices.

Example:
    >>> join_or(["phone", "online", "in person"]), km(4.83)
    ('phone, online or in person', '4.8 km')
    >>> km_beyond(2.04, 2), price_text(Cost(amount=3.5, per="week"))
    ('2.04 km', '£3.50 a week')
"""

from __future__ import annotations

from collections.abc import Sequence

from socialrx.model import Cost
from socialrx.vocabulary import language_name

__all__ = ["ages_text", "join_and", "join_or", "km", "km_beyond", "languages_text", "price_text"]


def join_or(given: Sequence[str]) -> str:
    """``a, b or c``."""
    items = list(given)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def join_and(items: Sequence[str]) -> str:
    """``a, b and c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def km(value: float) -> str:
    """A distance in words: ``"4.8 km"``."""
    return f"{value:.1f} km"


def km_beyond(value: float, limit: float) -> str:
    """A distance beyond ``limit``, with enough decimals that it reads as beyond it.

    ``2.04`` against a 2 km limit is ``"2.04 km"``, never ``"2.0 km"``.
    """
    for places in (1, 2, 3):
        text = f"{value:.{places}f}"
        if float(text) > limit:
            return f"{text} km"
    return f"{value:.4f} km"


_PER = {"session": "a session", "week": "a week", "month": "a month", "year": "a year"}


def price_text(cost: Cost) -> str:
    """A price in the unit the organisers gave: ``"£3.50 a week"``, ``"£20.00 once"``."""
    if cost.free or not cost.amount:
        return "Free"
    unit = _PER.get(cost.per or "session", "once")
    return f"£{cost.amount:.2f} {unit}"


def ages_text(lo: int | None, hi: int | None) -> str:
    """Who an age limit is for, in words: ``For people aged 60 and over``."""
    if lo is not None and hi is not None:
        return f"For people aged {lo} to {hi}"
    if lo is not None:
        return f"For people aged {lo} and over"
    return f"For people aged up to {hi}"


def languages_text(languages: Sequence[str]) -> str:
    """The language a group is mainly run in (the first listed), and its others.

    Example:
        >>> languages_text(["vi", "en"]), languages_text(["pl"])
        ('Vietnamese (also English)', 'Polish')
    """
    others = [language_name(x) for x in languages[1:]]
    also = f" (also {join_and(others)})" if others else ""
    return f"{language_name(languages[0])}{also}"
