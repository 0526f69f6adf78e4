"""Result objects: immutable values a caller can keep, compare, send and show.

* :class:`Reason`: one factor's part in a score, with a plain-English detail;
* :class:`Match`: a recommended asset, its rank, score, reasons and cautions;
* :class:`Exclusion`: an asset left out, with its reasons and the stable codes of the
  constraints it failed;
* :class:`MatchResult`: the listed matches and totals; every other eligible asset
  (``ranked``) and every exclusion (``excluded``) are written on first use by the
  result's :class:`Details` — the sentences cost time, and most callers look only at
  the top;
* :class:`Check` and :class:`Explanation`: "why (not) this one?" for one asset.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal, Protocol

from socialrx.matching.policy import Policy
from socialrx.model import Asset
from socialrx.tables import match_columns, match_records, records_to_dataframe

__all__ = [
    "CAUTION_FACTORS",
    "Check",
    "Details",
    "Exclusion",
    "Explanation",
    "Match",
    "MatchResult",
    "Reason",
]


FROM_NOTHING = frozenset({"need", "interest"})
"""Factors with no neutral middle: they score nothing when nothing is met, so any part
met is a reason for the asset — a lunch club that helps with one of three needs is
there for that need, and says so (words15)."""
CAUTION_FACTORS = frozenset({"freshness", "reach", "audience"})
"""Factors that lower a score when something is wrong or unknown and are otherwise
silent: their details are not reasons *for* an asset ("Last checked 7 months ago")."""


@dataclass(frozen=True)
class Reason:
    """One factor's part in a match's score.

    ``contribution`` is what the factor adds: ``weight × score``, or for a factor
    with a curve (:mod:`socialrx.matching.curves`) ``weight × curve(score)``, the
    share of its weight that score earns (for the ``variety`` adjustment it is the
    amount taken off, a negative number). The contributions of a match add up to its
    score.
    """

    factor: str
    weight: float
    score: float
    contribution: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (weights shown to 10 decimal places)."""
        return {
            "factor": self.factor,
            "weight": round(self.weight, 10),
            "score": self.score,
            "contribution": self.contribution,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Match:
    """One recommended asset, its rank, score and the reasons for it."""

    id: str
    name: str
    rank: int
    score: float
    distance_km: float | None
    reasons: tuple[Reason, ...]
    cautions: tuple[str, ...]
    bridges: tuple[str, ...]
    asset: Asset = field(repr=False, compare=False)
    ways: tuple[str, ...] = ()
    """The ways of taking part open to this person (``phone``, ``outdoor``, …)."""
    distance_approximate: bool = False
    """True when ``distance_km`` comes from a postcode sector or district centre (the
    person's or the venue's), not from a full postcode or exact coordinates."""

    def top_reasons(self, n: int = 3) -> list[Reason]:
        """The reasons that speak for it most: the largest contributions from factors
        that scored above neutral. Factors that only take away when something is wrong
        (:data:`CAUTION_FACTORS`: an old entry, something unknown, an audience) are
        never reasons for it; they show up as cautions instead."""
        good = [
            r
            for r in self.reasons
            if r.contribution > 0
            and r.score > (0.0 if r.factor in FROM_NOTHING else 0.5)
            and r.factor not in CAUTION_FACTORS
        ]
        return sorted(good, key=lambda r: -r.contribution)[:n]

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape of docs/formats.md §3."""
        return {
            "id": self.id,
            "name": self.name,
            "rank": self.rank,
            "score": self.score,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 3),
            "reasons": [r.to_dict() for r in self.reasons],
            "cautions": list(self.cautions),
            "bridges": list(self.bridges),
            "ways": list(self.ways),
        }


@dataclass(frozen=True)
class Exclusion:
    """An asset left out, with every plain-English reason.

    Attributes:
        id, name: the asset.
        reasons: why, in sentences a link worker can read aloud.
        codes: the stable codes of the constraints it failed (``distance``, …).
        kinds: per reason, the kind of reason used to count them
            ("further than 3 km"); see :meth:`MatchResult.excluded_summary`.
    """

    id: str
    name: str
    reasons: tuple[str, ...]
    codes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape of docs/formats.md §3."""
        return {
            "id": self.id,
            "name": self.name,
            "reasons": list(self.reasons),
            "codes": list(self.codes),
        }


class Details(Protocol):
    """What a :class:`MatchResult` asks for when a caller looks past the listed matches."""

    def ranked(self, start: int) -> tuple[Match, ...]:
        """Every eligible asset from rank ``start + 1`` on, best first."""

    def excluded(self) -> tuple[Exclusion, ...]:
        """Every asset left out, in id order."""


@dataclass(frozen=True, eq=False)
class MatchResult:
    """The outcome of :func:`~socialrx.matching.match`: ranked matches, and every asset
    left out.

    Attributes:
        matches: the first ``limit`` matches, best first.
        eligible: how many assets passed every hard constraint.
        catalogue_size: how many assets the catalogue has.
        bridges: assets that can get the person online (when they have no internet).
        policy: the policy used.
        today: the date freshness was measured from.
        limit: how many matches were asked for.
        catalogue_path: where the catalogue was read from.

    Iterating a result yields its matches. ``ranked`` (every eligible asset) and
    ``excluded`` (every asset left out, with reasons) are worked out on first use.
    """

    matches: tuple[Match, ...]
    eligible: int
    catalogue_size: int
    bridges: tuple[str, ...]
    policy: Policy
    today: date
    limit: int
    catalogue_path: str | None
    details: Details = field(repr=False)

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def __len__(self) -> int:
        return len(self.matches)

    def __repr__(self) -> str:
        return (
            f"<MatchResult: {len(self.matches)} of {self.eligible} eligible matches, "
            f"{self.catalogue_size - self.eligible} left out>"
        )

    @cached_property
    def ranked(self) -> tuple[Match, ...]:
        """Every eligible asset as a :class:`Match`, best first."""
        return self.matches + self.details.ranked(len(self.matches))

    @cached_property
    def excluded(self) -> tuple[Exclusion, ...]:
        """Every asset left out, in id order, each with at least one reason."""
        return self.details.excluded()

    def excluded_summary(self) -> dict[str, int]:
        """How many assets were left out for each kind of reason (largest first)."""
        counts: dict[str, int] = {}
        for ex in self.excluded:
            for kind in ex.kinds:
                counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def to_dict(self, excluded: Literal["full", "summary"] = "full") -> dict[str, Any]:
        """Plain data in the shape of docs/formats.md §3 (``socialrx match --format json``)."""
        data: dict[str, Any] = {
            "format": 1,
            "catalogue": {"path": self.catalogue_path, "assets": self.catalogue_size},
            "eligible": self.eligible,
            "matches": [m.to_dict() for m in self.matches],
        }
        if excluded == "summary":
            data["excluded_summary"] = self.excluded_summary()
        else:
            data["excluded"] = [e.to_dict() for e in self.excluded]
        return data

    def to_json(self, excluded: Literal["full", "summary"] = "full", indent: int = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(excluded), indent=indent, ensure_ascii=False)

    # -- tables for analysts (see socialrx.tables) ---------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per listed match: rank, id, name, score, reason, contributions…"""
        return match_records(self)

    def to_dataframe(self) -> Any:
        """The listed matches as a pandas DataFrame (``pip install 'socialrx[pandas]'``)."""
        return records_to_dataframe(self.to_records(), columns=match_columns(self))


@dataclass(frozen=True)
class Check:
    """One hard constraint checked for one asset (in an :class:`Explanation`)."""

    constraint: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Explanation:
    """Everything about one asset for one person: every constraint and every factor.

    Attributes:
        id, name: the asset.
        eligible: whether it passed every hard constraint.
        rank: its rank among the eligible (with variety), or None.
        score: its score (without the variety adjustment) — for an excluded asset, what
            it would score if it were included.
        checks: every hard constraint, passed or not, with details.
        reasons: every factor.
        cautions: what to tell the person before they go.
        bridges: assets that would get them online first.
        smallest_change: for an excluded asset, the smallest change to the person's
            profile that would include it (None if there is none).
    """

    id: str
    name: str
    eligible: bool
    rank: int | None
    score: float
    checks: tuple[Check, ...]
    reasons: tuple[Reason, ...]
    cautions: tuple[str, ...]
    bridges: tuple[str, ...]
    smallest_change: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``socialrx why --format json``."""
        return {
            "id": self.id,
            "name": self.name,
            "eligible": self.eligible,
            "rank": self.rank,
            "score": self.score,
            "checks": [
                {"constraint": c.constraint, "passed": c.passed, "detail": c.detail}
                for c in self.checks
            ],
            "reasons": [r.to_dict() for r in self.reasons],
            "cautions": list(self.cautions),
            "bridges": list(self.bridges),
            "smallest_change": self.smallest_change,
        }
