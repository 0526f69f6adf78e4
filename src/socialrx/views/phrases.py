"""The wording of cost, schedule, distance and contact, used by every view.

One place for each phrase, so a text card, the printable page and a notebook card
say the same thing the same way.

Example:
    >>> from socialrx.model import Cost
    >>> cost_text(Cost(free=False, amount=3, per="session", concessions=True))
    '£3.00 a session (cheaper for some people)'
    >>> distance_text(2.345)
    '2.3 km away'
    >>> distance_text(1.9, approximate=True)
    'about 2 km away (from the postcode area)'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from socialrx.matching.schedules import describe_schedule
from socialrx.matching.wording import km as km_text

if TYPE_CHECKING:
    from socialrx.matching import Match
    from socialrx.model import Contact, Cost, Session

__all__ = [
    "DAY_NAMES",
    "address_text",
    "cost_text",
    "distance_text",
    "how_to_join_text",
    "leaflet_join_text",
    "match_distance_text",
    "money_text",
    "schedule_text",
    "where_text",
]

DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
"""Days of the week in full, for sentences and schema.org."""


def money_text(amount: float) -> str:
    """An amount of money in pounds and pence: ``"£3.50"``."""
    return f"£{amount:.2f}"


def cost_text(cost: Cost | None) -> str:
    """What it costs, in words (``"Free"``, ``"£3.00 a session"``, ``"Not given - ask"``)."""
    if cost is None:
        return "Not given - ask"
    if cost.free or not cost.amount:
        text = "Free"  # as the reasons say it: never "£0.00 a session"
    else:
        price = money_text(cost.amount or 0.0)  # the model requires an amount unless free
        text = f"{price} a {cost.per}" if cost.per != "once" else f"{price} once"
        if cost.concessions:
            text += " (cheaper for some people)"
    return text + (f". {cost.note}" if cost.note else "")


def schedule_text(sessions: Iterable[Session]) -> str:
    """When it runs, in words (``"Tue 14:00–15:30"``), or ``"Ask when it runs"``."""
    return describe_schedule(sessions) or "Ask when it runs"


APPROXIMATE_NOTE = "(from the postcode area)"
"""Said after a distance measured from a postcode sector or district centre."""


def distance_text(km: float, *, approximate: bool = False) -> str:
    """A distance to read aloud: ``"2.3 km away"``.

    Args:
        km: The distance.
        approximate: True when it was measured from a postcode sector or district
            centre (see :attr:`socialrx.matching.Match.distance_approximate`): it is
            then rounded to whole kilometres, said as "about", and says where it is from,
            so nobody reads 1.9 km as exact when the door may be 500 m away.
    """
    if not approximate:
        return f"{km_text(km)} away"
    rough = "under 1 km" if km < 0.75 else f"about {max(1, round(km))} km"
    return f"{rough} away {APPROXIMATE_NOTE}"


def match_distance_text(m: Match) -> str:
    """How far a match is (``""`` when it has no place or no known distance)."""
    if m.distance_km is None:
        return ""
    return distance_text(m.distance_km, approximate=m.distance_approximate)


def how_to_join_text(contact: Contact | None) -> str:
    """How to join: the asset's own words, then phone and e-mail (or else its web page)."""
    parts = []
    if contact is not None:
        if contact.how_to_join:
            parts.append(contact.how_to_join)
        if contact.phone:
            parts.append(f"Phone {contact.phone}")
        if contact.email:
            parts.append(f"E-mail {contact.email}")
        if contact.website and not contact.phone and not contact.email:
            parts.append(contact.website)
    return ". ".join(p.rstrip(".") for p in parts) + "." if parts else "No contact given"


def leaflet_join_text(contact: Contact | None, *, online: bool = True) -> str:
    """How to join, for the printed leaflet, which shows the phone number and web page
    on their own.

    The asset's own words, then its e-mail unless ``online`` is False (the person has
    no internet). With no phone, no words and nothing online they can use, a pointer
    to the link worker instead.
    """
    parts = [contact.how_to_join] if contact is not None and contact.how_to_join else []
    if contact is not None and online and contact.email:
        parts.append(f"E-mail {contact.email}")
    reachable = contact is not None and (contact.phone or (online and contact.website))
    if not (reachable or parts):
        parts.append("Ask your link worker how to join")
    elif not parts:
        # Only the phone number or web page, shown on their own: never a bare ".".
        parts.append("Ring the number above" if contact and contact.phone else "See their web page")
    return ". ".join(p.rstrip(".") for p in parts) + "."


def address_text(m: Match) -> str:
    """Where to go for a match, in full: the place's name, address and postcode, and how
    far (``""`` when it happens by phone, online or at home)."""
    ways = m.ways or tuple(m.asset.delivery)
    if not m.asset.locations or not any(w in ("in-person", "outdoor") for w in ways):
        return ""
    loc = m.asset.locations[0]
    parts = [p for p in (loc.name, loc.address, loc.postcode) if p]
    distance = match_distance_text(m)
    return ", ".join(parts) + (f" ({distance})" if distance and parts else distance)


_REMOTE = {"phone": "By phone", "online": "Online", "home-visit": "At home (home visits)"}


def where_text(m: Match) -> str:
    """Where a match happens for this person: the place and how far, or how it reaches them."""
    ways = m.ways or tuple(m.asset.delivery)
    at_place = [w for w in ways if w in ("in-person", "outdoor")]
    if not m.asset.locations or not at_place:
        text = " or ".join(_REMOTE[w] for w in ways if w in _REMOTE)
        return text[:1] + text[1:].lower()  # "Online or by phone", never "or By phone"
    loc = m.asset.locations[0]
    name = loc.name or loc.address or loc.postcode or ""
    distance = match_distance_text(m)  # "" when the person gave no postcode
    return f"{name}, {distance}" if name and distance else name or distance
