"""Hypothesis strategies for valid assets, persons and catalogues.

Everything generated here is valid by construction, so tests can state
invariants ("any valid asset survives a round trip") rather than examples.
Places cluster around Lytham St Annes (FY8) so that distance limits matter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from socialrx import Asset, Catalogue, Person
from socialrx.model import ACCESS, DAYS, DELIVERY, STATUSES
from socialrx.vocabulary import CIRCUMSTANCES, FEATURES, NEEDS

# Real unit postcodes in and around Lytham St Annes (FY8), Blackpool (FY1) and Kirkham (PR4).
POSTCODES = ("FY8 1DR", "FY8 2NP", "FY8 1LU", "FY8 5LB", "FY8 4AB", "FY1 1AP", "PR4 2HD")
WORDS = (
    "dancing",
    "walking",
    "gardening",
    "singing",
    "knitting",
    "painting",
    "woodwork",
    "chair-based exercise",
    "tai chi",
    "yoga",
    "bowls",
    "cooking",
    "quiz",
    "coffee",
    "music",
    "crafts",
    "reading",
    "football",
    "swimming",
    "choir",
    "tea dance",
    "allotment",
)
_SAFE_TEXT = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=["L", "N", "Zs"], exclude_characters="\u2028\u2029\x85\xa0"
        ),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)

slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
times = st.builds(
    lambda h, m: f"{h:02d}:{m:02d}", st.integers(6, 20), st.sampled_from([0, 15, 30, 45])
)
AUDIENCES = ["carers", "widows and widowers", "veterans", "new parents", "people who are homeless"]
"""Who a group is for, in organisers' words (the last names no circumstance)."""
dates = st.dates(min_value=date(2018, 1, 1), max_value=date(2026, 11, 22))


def _unique(
    items: st.SearchStrategy[Any], min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[list[Any]]:
    return st.lists(items, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def locations(draw: st.DrawFn) -> dict[str, Any]:
    """A location given by a real postcode or by coordinates near Lytham St Annes."""
    loc: dict[str, Any] = {}
    if draw(st.booleans()):
        loc["name"] = draw(_SAFE_TEXT)
    if draw(st.booleans()):
        loc["postcode"] = draw(st.sampled_from(POSTCODES))
    else:
        loc["lat"] = draw(st.floats(53.70, 53.80, allow_nan=False).map(lambda x: round(x, 5)))
        loc["lon"] = draw(st.floats(-3.10, -2.90, allow_nan=False).map(lambda x: round(x, 5)))
    return loc


@st.composite
def sessions(draw: st.DrawFn) -> dict[str, Any]:
    """A weekly, fortnightly or monthly session, or a note-only schedule entry."""
    if draw(st.integers(0, 5)) == 0:
        return {"note": draw(_SAFE_TEXT)}
    start = draw(times)
    hours = draw(st.integers(1, 3))
    end = f"{int(start[:2]) + hours:02d}:{start[3:]}"
    session: dict[str, Any] = {
        "days": draw(_unique(st.sampled_from(DAYS), 1, 3)),
        "start": start,
        "end": end,
        "frequency": draw(st.sampled_from(["weekly", "fortnightly", "monthly"])),
    }
    if session["frequency"] == "monthly" and draw(st.booleans()):
        session["week_of_month"] = draw(st.sampled_from([1, 2, 3, 4, -1]))
    return session


@st.composite
def asset_data(draw: st.DrawFn, *, status: str | None = None) -> dict[str, Any]:
    """Plain data for a valid asset file (with an id)."""
    delivery = draw(_unique(st.sampled_from(DELIVERY), 1, 3))
    data: dict[str, Any] = {
        "id": draw(slugs),
        "name": draw(_SAFE_TEXT),
        "summary": draw(_SAFE_TEXT),
        "needs": draw(_unique(st.sampled_from(list(NEEDS)), 1, 3)),
        "delivery": delivery,
        "status": status or draw(st.sampled_from(STATUSES)),
        "last_verified": draw(dates),
    }
    if draw(st.booleans()):
        data["activities"] = draw(_unique(st.sampled_from(WORDS), 1, 3))
    if draw(st.booleans()):
        data["access"] = draw(_unique(st.sampled_from(ACCESS), 1, 2))
    if set(delivery) & {"in-person", "outdoor"} or "home-visit" in delivery or draw(st.booleans()):
        data["locations"] = draw(st.lists(locations(), min_size=1, max_size=2))
    if "online" in delivery:
        data["digital"] = {"needs_internet": True, "needs_device": draw(st.booleans())}
    if draw(st.booleans()):
        data["service_area"] = draw(_unique(st.sampled_from(["FY8", "FY", "FY8 1", "PR4"]), 1, 2))
    if draw(st.booleans()):
        data["schedule"] = draw(st.lists(sessions(), min_size=1, max_size=2))
    if draw(st.booleans()):
        data["accessibility"] = draw(_unique(st.sampled_from(list(FEATURES)), 1, 4))
    if draw(st.booleans()):
        data["cost"] = draw(
            st.one_of(
                st.just({"free": True}),
                st.builds(
                    lambda a, p: {"amount": a, "per": p},
                    st.sampled_from([1.0, 2.5, 3.0, 5.0, 30.0]),
                    st.sampled_from(["session", "week", "month", "year"]),
                ),
            )
        )
    if draw(st.booleans()):
        data["group"] = {
            "kind": draw(st.sampled_from(["group", "one-to-one"])),
            "max_size": draw(st.integers(1, 40)),
        }
    if draw(st.booleans()):
        lo = draw(st.integers(0, 70))
        data["eligibility"] = {"min_age": lo}
        if draw(st.booleans()):
            data["eligibility"]["gender"] = draw(st.sampled_from(["any", "women", "men"]))
        if draw(st.booleans()):
            data["eligibility"]["for"] = draw(_unique(st.sampled_from(AUDIENCES), 1, 2))
    if draw(st.booleans()):
        data["languages"] = draw(_unique(st.sampled_from(["en", "pl", "ur", "bsl"]), 1, 2))
    if draw(st.booleans()):
        data["contact"] = {"phone": f"01632 960{draw(st.integers(0, 999)):03d}"}
    return data


def assets(*, status: str | None = None) -> st.SearchStrategy[Asset]:
    """Valid assets (with ids)."""
    return asset_data(status=status).map(Asset.model_validate)


@st.composite
def catalogues(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 12) -> Catalogue:
    """Catalogues of assets with unique ids, mostly active."""
    items = draw(
        st.lists(
            st.one_of(assets(status="active"), assets()),
            min_size=min_size,
            max_size=max_size,
            unique_by=lambda a: a.key,
        )
    )
    return Catalogue(items)


@st.composite
def person_data(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data for a valid person profile living near Lytham St Annes."""
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["postcode"] = draw(st.sampled_from(POSTCODES))
    else:
        data["lat"] = draw(st.floats(53.70, 53.80, allow_nan=False))
        data["lon"] = draw(st.floats(-3.10, -2.90, allow_nan=False))
    if draw(st.booleans()):
        data["age"] = draw(st.integers(16, 95))
    data["needs"] = draw(_unique(st.sampled_from(list(NEEDS)), 0, 3))
    data["interests"] = draw(_unique(st.sampled_from(WORDS), 0, 3))
    if draw(st.booleans()):
        data["delivery"] = draw(_unique(st.sampled_from(DELIVERY), 1, 4))
    data["max_travel_km"] = draw(st.sampled_from([1, 2, 3, 5, 8, 15]))
    data["accessibility"] = draw(_unique(st.sampled_from(list(FEATURES)), 0, 2))
    data["digital"] = draw(st.sampled_from(["none", "limited", "confident"]))
    if draw(st.booleans()):
        data["max_group_size"] = draw(st.integers(1, 20))
    if draw(st.booleans()):
        data["availability"] = [
            {
                "days": draw(_unique(st.sampled_from(DAYS), 1, 4)),
                "start": "09:00",
                "end": draw(st.sampled_from(["12:00", "17:00"])),
            }
        ]
    if draw(st.booleans()):
        data["max_cost"] = draw(st.sampled_from([0, 2, 5]))
    if draw(st.booleans()):
        data["languages"] = draw(_unique(st.sampled_from(["en", "pl", "ur"]), 1, 2))
    if draw(st.booleans()):
        data["gender"] = draw(st.sampled_from(["woman", "man", "other"]))
    data["shielding"] = draw(st.booleans())
    if draw(st.booleans()):
        data["circumstances"] = draw(_unique(st.sampled_from(list(CIRCUMSTANCES)), 0, 2))
    return data


def persons() -> st.SearchStrategy[Person]:
    """Valid persons near Lytham St Annes."""
    return person_data().map(Person.model_validate)


def placeless_persons() -> st.SearchStrategy[Person]:
    """Valid persons who give no postcode and no coordinates (rule 33)."""
    return person_data().map(
        lambda data: Person.model_validate(
            {k: v for k, v in data.items() if k not in ("postcode", "lat", "lon")}
        )
    )
