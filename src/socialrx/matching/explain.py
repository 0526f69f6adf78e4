"""Why (not) this one? Every constraint and factor for one asset, and the smallest change.

:func:`explain` checks every hard constraint that applies to one asset — also those an
earlier failure would hide, and none that cannot apply (no place checks for an
online-only group) — scores it on every factor (as if it were open, when it is not), and
for an excluded asset finds the smallest change to the person's profile that would
include it: single changes first, then pairs. For an eligible asset it gives exactly
what :func:`~socialrx.matching.match` gives: the same rank, score (variety included),
reasons and cautions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from socialrx.catalogue import Catalogue
from socialrx.matching.cautions import HOW, cautions
from socialrx.matching.constraints import (
    ACTIVITY_FEATURE,
    AGE,
    AREA,
    COST,
    DELIVERY,
    DIGITAL,
    DUPLICATE,
    FAR,
    GENDER,
    HOME_RANGE,
    LANGUAGE,
    NO_LOCATION,
    PLACE_FEATURE,
    RESIDENTS,
    SCHEDULE,
    STATUS,
    WHOLE,
    Evaluation,
    evaluate,
    failures,
    join_or,
    nearest,
    need_feature,
)
from socialrx.matching.engine import rank
from socialrx.matching.factors import DEFAULT_FACTORS, Factor
from socialrx.matching.policy import Policy, default_policy
from socialrx.matching.results import Check, Explanation, Reason
from socialrx.model import Asset, Person
from socialrx.vocabulary import feature_satisfied, language_name

__all__ = ["explain"]

CHECKS = (
    ("status", STATUS, "Running now"),
    ("delivery", DELIVERY, "A way of taking part you accept"),
    ("distance", FAR | NO_LOCATION, "Within your travel limit"),
    ("place accessibility", PLACE_FEATURE, "The venue has what you need"),
    ("activity accessibility", ACTIVITY_FEATURE, "The activity offers what you need"),
    ("digital", DIGITAL, "No internet needed, or you have it"),
    ("service area", AREA | RESIDENTS, "You live where it serves"),
    ("home visits", HOME_RANGE, "Within reach for home visits"),
    ("age", AGE, "Your age fits"),
    ("gender", GENDER, "Open to you"),
    ("cost", COST, "Within your cost limit"),
    ("language", LANGUAGE, "A language you speak"),
    ("schedule", SCHEDULE, "Meets when you are free"),
    ("listed once", DUPLICATE, "Not listed twice"),
)
"""The checks ``why`` lists: name, the constraint bits it covers, and the passed text."""


def _applies(asset: Asset, ev: Evaluation, mask: int) -> bool:
    """Whether a check can apply to this asset at all (no distance for a phone line)."""
    ways = set(asset.delivery)
    if mask & (FAR | NO_LOCATION | PLACE_FEATURE):
        return asset.place_based
    if mask & HOME_RANGE:
        return "home-visit" in ways and not asset.service_area
    if mask & DIGITAL:
        return "online" in ways
    if mask & (AREA | RESIDENTS):
        return bool(asset.service_area) and bool(
            ways - {"in-person", "outdoor"}
            or (asset.eligibility and asset.eligibility.residents_only)
        )
    if mask & SCHEDULE:
        return ev.availability_required
    return not mask & DUPLICATE  # said only when it is why an entry is left out


def _unknown_check(ev: Evaluation, i: int, name: str, mask: int, unknown: int) -> Check:
    """A check that could not be made (no postcode; an entry not saying how people take
    part): it passes, and says what is not known."""
    said = ". ".join(f.sentence for f in failures(ev, i, unknown))
    # Only an entry that does not record how people take part has a venue check
    # unknown while the person's place is known (constraints._venue_unrecorded).
    venue = not ev.ctx.prepared.assets[i].delivery and mask & (FAR | PLACE_FEATURE)
    if not venue and said.startswith("We don't know"):
        return Check(name, True, said)  # never "Not known: we don't know …"
    # "Whether the venue is step-free is not recorded" asks its own question.
    head = "Not known whether you would go to the venue" if venue else "Not known"
    if said.startswith("Whether"):
        head = "Not known"
    return Check(name, True, f"{head}: {said[0].lower()}{said[1:]}")


def _checks(ev: Evaluation, i: int, bits: int, eligible: bool) -> tuple[Check, ...]:
    out = []
    asset = ev.ctx.prepared.assets[i]
    for name, mask, ok_text in CHECKS:
        failed = bits & mask
        unknown = int(ev.unknown[i]) & mask
        if not failed and not unknown and not _applies(asset, ev, mask):
            continue
        if not failed and unknown:
            out.append(_unknown_check(ev, i, name, mask, unknown))
            continue
        if not failed:
            out.append(Check(name, True, ok_text))
            continue
        text = ". ".join(f.sentence for f in failures(ev, i, failed))
        if eligible and failed & DIGITAL and bool(ev.ctx.bridged[i]):
            text += f" (kept: {', '.join(ev.bridges)} can help them get online)"
        elif eligible:
            text += " (another way in is open)"
        out.append(Check(name, False, text))
    return tuple(out)


def explain(
    asset_id: str,
    person: Person,
    catalogue: Catalogue,
    *,
    policy: Policy | None = None,
    today: date | None = None,
    factors: Sequence[Factor] | None = None,
    limit: int = 10,
) -> Explanation:
    """Why an asset is (or is not) recommended for a person.

    For an eligible asset the rank, score, reasons and cautions are those
    :func:`~socialrx.matching.match` gives with the same ``limit`` (variety included).

    Raises:
        UnknownAssetError: no such asset (with a "did you mean").

    Example:
        >>> print(explain("zoom-choir", person, cat))   # doctest: +SKIP
        Sing Together Zoom Choir (zoom-choir): left out
          x digital: Needs internet and a device; no internet at home
          ...
          Would be included if the person had internet at home and a device
    """
    asset = catalogue[asset_id]
    policy = policy or default_policy()
    today = today or date.today()
    factors = DEFAULT_FACTORS if factors is None else tuple(factors)
    ranking = rank(person, catalogue, limit=limit, policy=policy, today=today, factors=factors)
    ev = ranking.ev
    i = ev.ctx.prepared.row[asset.key]
    bits = int(ev.fail[i])
    eligible = not bool(ev.excluded[i])
    if bits & DELIVERY:
        # No way in was acceptable, so the venue and remote checks were never reached:
        # check them as if every way were acceptable, so nothing stays hidden.
        open_to_all = person.model_copy(update={"shielding": False, "delivery": None})
        again = evaluate(
            open_to_all, ev.ctx.prepared, today, require_availability=ev.availability_required
        )
        bits |= int(again.fail[i]) & ~WHOLE
    checks = _checks(ev, i, bits, eligible)
    ctx = ev.ctx
    place = ranking.rank_of(i)
    if place is not None:
        m = ranking.match_at(place - 1)
        return Explanation(
            id=asset.key,
            name=asset.name,
            eligible=True,
            rank=place,
            score=m.score,
            checks=checks,
            reasons=m.reasons,
            cautions=m.cautions,
            bridges=m.bridges,
            smallest_change=None,
        )
    if not eligible:
        # Score it as if it were open every way the person accepts.
        ctx.usable = ctx.usable.copy()
        ctx.usable[i] = int(ev.acceptable[i]) or int(ctx.prepared.modes[i])
    reasons = []
    total = 0.0
    for factor in factors:
        value, detail = factor.explain(ctx, i)
        adds = policy.contribution(factor, value)
        total += adds
        reasons.append(Reason(factor.name, policy.weight(factor), value, adds, detail))
    return Explanation(
        id=asset.key,
        name=asset.name,
        eligible=eligible,
        rank=ranking.rank_of(i) if eligible else None,
        score=total,
        checks=checks,
        reasons=tuple(reasons),
        cautions=tuple(cautions(ev, i)) if eligible else (),
        bridges=ev.bridges if bool(ctx.bridged[i]) else (),
        smallest_change=None if eligible else _smallest_change(asset, person, ev, i),
    )


Option = tuple[str, dict[str, Any]]


def _place_options(asset: Asset, person: Person, ev: Evaluation, i: int) -> list[Option]:
    options: list[Option] = []
    d = nearest(ev, i)
    if d is not None and d > person.max_travel_km:
        limit = math.ceil(d * 10) / 10
        options.append((f"the travel limit were {limit:g} km", {"max_travel_km": limit}))
    if person.max_cost is not None and asset.cost is not None:
        price = asset.cost.at_once
        if price > person.max_cost:
            options.append((f"the person could spend £{price:.2f} at a time", {"max_cost": price}))
    for f in person.accessibility:
        if not feature_satisfied(f, asset.accessibility):
            rest = tuple(x for x in person.accessibility if str(x) != str(f))
            options.append((f"{need_feature(f)} were not needed", {"accessibility": rest}))
    return options


def _way_options(asset: Asset, person: Person) -> list[Option]:
    options: list[Option] = []
    if person.digital == "none" and "online" in asset.delivery:
        options.append(("the person had internet at home and a device", {"digital": "limited"}))
    if person.shielding and "in-person" in asset.delivery:
        options.append(("the person were no longer shielding", {"shielding": False}))
    if person.delivery is not None:
        extra = [m for m in asset.delivery if m not in person.delivery]
        if extra:
            options.append(
                (
                    f"the person would take part {join_or([HOW[m] for m in extra])}",
                    {"delivery": tuple(person.delivery) + tuple(extra)},
                )
            )
    if not set(asset.languages) & set(person.languages):
        options.append(
            (
                f"the person spoke {language_name(asset.languages[0])}",
                {"languages": (*tuple(person.languages), asset.languages[0])},
            )
        )
    return options


def _smallest_change(asset: Asset, person: Person, ev: Evaluation, i: int) -> str | None:
    """Try single changes to the person, then pairs; describe the first that works."""
    if asset.status != "active":
        return None  # nothing about the person can reopen it
    options = _place_options(asset, person, ev, i) + _way_options(asset, person)
    ctx = ev.ctx

    def works(update: dict[str, Any]) -> bool:
        if not update:
            return False
        changed = person.model_copy(update=update)
        again = evaluate(
            changed, ctx.prepared, ctx.today, require_availability=ev.availability_required
        )
        return not bool(again.excluded[i])

    for text, update in options:
        if works(update):
            return f"would be included if {text}"
    for a in range(len(options)):
        for b in range(a + 1, len(options)):
            if works({**options[a][1], **options[b][1]}):
                return f"would be included if {_both(options[a][0], options[b][0])}"
    return None


_WHO = "the person "


def _both(first: str, second: str) -> str:
    """Two changes as one clause: "the person had internet at home and a device, and
    would take part online", never "… and the person would take part online"."""
    if first.startswith(_WHO) and second.startswith(_WHO):
        return f"{first}, and {second.removeprefix(_WHO)}"
    return f"{first} and {second}"
