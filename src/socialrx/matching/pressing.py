"""Pressing needs first: the service for it, not a group that helps with it on the side
(``docs/matching.md``, rule 47).

When someone tells a link worker they cannot pay the rent, have no food or nowhere to
sleep, the service whose job is exactly that comes first: debt, benefits and bills
advice; housing advice or a homelessness service; a food bank, a pantry or a larder. A
warm space with soup, a lunch club, a cookery course or a tenants' meeting may well list
help with food, money or housing too, but it gives that help on the side. Rule 10 counts
what the person enjoys at half when they have such a need; this rule reads what an asset
is *for*, from what it says, never from the order its author listed ``needs`` in.

An entry is a service for a pressing need (:func:`services`) when its name, summary or
activities name the help such services give (:data:`SERVICE_WORDS`: a closed list per
need, read as whole words). For a person who gave one or more pressing needs, an entry
that records one of them gives it *on the side* (:func:`on_the_side`) when

* it is a service for none of their pressing needs — rent, bills and food go together
  (rule 24), so a pantry's help with money is the help itself for someone who needs food
  and money, and a debt adviser's help with rent arrears for someone who needs money and
  housing;
* it is not one-to-one help: a call, a visit or an appointment about money, housing or
  food is a service of its kind (a credit union, energy advice at home), and what it
  gives is for the person alone;
* it is not made for them (a day centre for people who are homeless gives a homeless
  man his breakfast as part of what it is for); and
* the person did not ask for what it gives in their own words ("a hot meal": a community
  lunch gives exactly that).

Its help with that need then counts at half (:data:`SIDE_SHARE`), and the need detail
says so (:func:`side_note`). Needs an entry does not record but whose words suggest them
(rule 20) are left alone, and nothing is ever left out.

Example:
    >>> said_service("food", "Free soup, a warm room and a chat")
    False
    >>> said_service("food", "Emergency food parcels with a voucher")
    True
    >>> said_service("money", "Save a little, borrow at a fair rate")
    False
    >>> said_service("housing", "Free advice if you are homeless or facing eviction")
    True
    >>> side_note(["food"], ["food"])[:57]
    '; help with food counted at half: it gives it on the side'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from socialrx.matching.prepared import (
    NEED_BITS,
    PLACE_BITS,
    BoolArray,
    FloatArray,
    IntArray,
    PreparedCatalogue,
)
from socialrx.matching.ways import KIND_CODES, group_columns
from socialrx.matching.wording import join_and, join_or
from socialrx.model import Person

__all__ = [
    "SERVICE_WORDS",
    "SIDE_SHARE",
    "gatherings",
    "on_the_side",
    "said_service",
    "services",
    "side_note",
]

SIDE_SHARE = 0.5
"""How much help with a pressing need counts from an asset that gives it on the side: a
half, as other help given on the side does (rules 24 and 32)."""

SERVICE_WORDS: dict[str, re.Pattern[str]] = {
    "money": re.compile(
        r"\b(?:advice|advisers?|debts?|benefits?|welfare rights|bills?|arrears|bailiffs?"
        r"|council tax|universal credit|pension credit|money (?:advice|help|helpline|matters)"
        r"|financial advice|budgeting (?:advice|help)|behind (?:on|with) (?:the |your )?rent)\b",
        re.IGNORECASE,
    ),
    "housing": re.compile(
        r"\b(?:advice|advisers?|housing|homeless(?:ness)?|rough sleep(?:ers?|ing)|sleeping rough"
        r"|sofa[- ]?surf(?:ing|ers?)|evict(?:ed|ion|ions)|tenancy|landlords?|hostels?"
        r"|(?:night )?shelters?|accommodation|nowhere to (?:stay|live|sleep)"
        r"|somewhere to (?:stay|live|sleep)|(?:lose|losing) (?:your|their|a) home)\b",
        re.IGNORECASE,
    ),
    "food": re.compile(
        r"\b(?:food ?banks?|food parcels?|emergency food|free food|surplus food|rescued food"
        r"|pantry|pantries|larders?|food (?:hub|table|club|share|store)s?|soup kitchens?"
        r"|community (?:shop|supermarket|fridge)s?)\b",
        re.IGNORECASE,
    ),
}
"""The words that say an entry is a service for each pressing need, a closed list of
what such services are called, as rule 44 reads effort: for money, debt, benefits and
bills advice (not savings, loans or "budgeting" alone); for housing, housing advice and
help for people who are homeless, sofa surfing or facing eviction (not a tenants' meeting
about repairs, nor "warm homes" energy advice); for food, food banks, food parcels,
pantries, larders and free or surplus food (not a lunch, soup in a warm space, or a
cookery course)."""

_NOT = {
    "money": "debt, benefits or bills advice",
    "housing": "a housing or homelessness service",
    "food": "a food bank, a pantry or a larder",
}
_BITS = sum(NEED_BITS[n] for n in SERVICE_WORDS)
_NAME = "pressing-services"


def said_service(need: str, text: str) -> bool:
    """Whether ``text`` names the help a service for the pressing ``need`` gives."""
    return bool(SERVICE_WORDS[need].search(text))


def _said(value: object) -> int:
    """The pressing needs one distinct name, summary or list of activities names the
    service for, as bits."""
    texts = value if isinstance(value, tuple) else (value,)
    text = " ; ".join(t for t in texts if isinstance(t, str))
    return sum(NEED_BITS[n] for n in SERVICE_WORDS if said_service(n, text))


def services(p: PreparedCatalogue) -> IntArray:
    """Per row, as need bits: the pressing needs its name, summary or activities say it
    is a service for (:data:`SERVICE_WORDS`). Only rows that record a pressing need have
    any; each distinct name, summary and list of activities is read once, when the
    catalogue is first matched against someone with a pressing need.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> def entry(id, summary, needs):
        ...     return Asset(id=id, name=id.title(), summary=summary, needs=needs,
        ...                  delivery=["phone"], status="active", last_verified="2026-11-01")
        >>> p = prepare(Catalogue([entry("hub", "Soup and a warm room.", ["loneliness", "food"]),
        ...                        entry("bank", "Food parcels.", ["food"])]))
        >>> [key for key, bits in zip(p.ids, services(p)) if bits & NEED_BITS["food"]]
        ['bank']
    """
    return _columns(p).services


def gatherings(p: PreparedCatalogue) -> BoolArray:
    """Per row: somewhere people gather — an entry that says it is a group, or one with a
    venue or an outdoor meeting place that does not say it is one-to-one help. A call, a
    visit or an appointment is one-to-one help; an entry reached only from home that
    does not say which it is is left alone (unknown is not "no")."""
    return _columns(p).gatherings


@dataclass(frozen=True)
class _Columns:
    services: IntArray
    gatherings: BoolArray


def _columns(p: PreparedCatalogue) -> _Columns:
    return p.columns(_NAME, _build)


def _build(p: PreparedCatalogue) -> _Columns:
    f = p.fields()  # read from the packed records: no asset is built
    kind = group_columns(p).kind
    venue = (p.modes & PLACE_BITS) != 0
    gathering = (kind == KIND_CODES["group"]) | (venue & (kind != KIND_CODES["one-to-one"]))
    out = np.zeros(p.n, dtype=np.int64)
    rows = np.flatnonzero((p.needs & _BITS) != 0)
    if len(rows):
        parts = []
        for name in ("name", "summary", "activities"):
            values, of = f.kinds(name)
            said = np.zeros(len(values), dtype=np.int64)
            used = np.unique(of[rows])  # only the texts of rows recording a pressing need
            said[used] = [_said(values[k]) for k in used.tolist()]
            parts.append(said[of[rows]])
        out[rows] = np.bitwise_or.reduce(parts)
    return _Columns(out, np.asarray(gathering, dtype=bool))


def on_the_side(
    p: PreparedCatalogue,
    person: Person,
    audience: FloatArray,
    asked: Sequence[tuple[str, BoolArray]] = (),
) -> dict[str, BoolArray]:
    """Per pressing need the person gave: the rows whose help with it counts at
    :data:`SIDE_SHARE` — they record it, are somewhere people gather
    (:func:`gatherings`) and a service for none of the person's pressing needs
    (:func:`services`), are not made for them (``audience`` below 1.0) and give nothing
    the person asked for in their own words for that need (``asked``: each such
    interest's need and the rows it meets).

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> hub = Asset(id="hub", name="Warm Hub", summary="Soup and a warm room.",
        ...             needs=["loneliness", "food"], delivery=["in-person"],
        ...             locations=[{"postcode": "NR1 1AA"}], status="active",
        ...             last_verified="2026-11-01")
        >>> p = prepare(Catalogue([hub]))
        >>> open_to_all = np.array([0.5])
        >>> on_the_side(p, Person(needs=["food"]), open_to_all)["food"].tolist()
        [True]
        >>> on_the_side(p, Person(needs=["food"]), np.array([1.0]))["food"].tolist()
        [False]
        >>> on_the_side(p, Person(needs=["loneliness"]), open_to_all)
        {}
    """
    wanted = [n for n in SERVICE_WORDS if n in person.needs]
    if not wanted:
        return {}
    bits = sum(NEED_BITS[n] for n in wanted)
    c = _columns(p)
    aside = ((c.services & bits) == 0) & c.gatherings & (audience < 1.0)
    out = {}
    for n in wanted:
        side = ((p.needs & NEED_BITS[n]) != 0) & aside
        for need, met in asked:  # what they asked for in their own words is no side help
            if need == n:
                side &= ~met
        out[n] = np.asarray(side, dtype=bool)
    return out


def side_note(needs: Sequence[str], labels: Sequence[str]) -> str:
    """The need detail's words for rule 47: the pressing ``needs`` an asset helps with
    on the side (``labels``: their plain labels, in the same order), or ""."""
    if not needs:
        return ""
    what = join_or([_NOT[n] for n in needs])
    said = join_and(list(labels))
    them = "them" if len(needs) > 1 else "it"
    return f"; help with {said} counted at half: it gives {them} on the side, and is not {what}"
