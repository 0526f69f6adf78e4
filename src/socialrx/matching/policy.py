"""The policy: how much each factor weighs, and how strong the variety re-ranking is.

Weights come from ``data/policy.yaml`` or from a user's own file (:func:`load_policy`),
never from code, and are scaled to sum to 1. A factor may have a *curve*
(:class:`~socialrx.matching.curves.Curve`): the share of its weight each value earns.
A match's score is the sum of ``weight × curve(value)`` over the factors (``weight ×
value`` for a factor without a curve), so every part of it can be shown.

Example:
    >>> policy = default_policy()
    >>> round(sum(policy.weights.values()), 9), policy.availability
    (1.0, 'prefer')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from socialrx.errors import CatalogueError, PolicyError
from socialrx.matching.curves import Curve, is_number
from socialrx.matching.factors import DEFAULT_FACTORS, Factor
from socialrx.matching.prepared import FloatArray
from socialrx.vocabulary import closest
from socialrx.yamlio import parse_yaml, read_yaml

__all__ = ["Policy", "default_policy", "load_policy"]

_SETTINGS = frozenset({"format", "weights", "curves", "variety", "availability"})
_AVAILABILITY = ("prefer", "require")
_DATA = Path(__file__).parent.parent / "data"  # the package's data (installed as a folder)


def _check_factor(source: str, name: str, known: Sequence[str]) -> None:
    if name not in known:
        hint = closest(str(name), list(known))
        more = f"; did you mean '{hint}'?" if hint else ""
        raise PolicyError(
            f"{source}: '{name}' is not a scoring factor{more} (factors: {', '.join(known)})"
        )


def _check_weight(source: str, name: str, value: Any, known: Sequence[str]) -> float:
    _check_factor(source, name, known)
    if not is_number(value):
        raise PolicyError(f"{source}: the weight of '{name}' must be a number, got {value!r}")
    if value < 0:
        raise PolicyError(
            f"{source}: the weight of '{name}' is negative ({value}); weights are 0 or more"
        )
    return float(value)


def _check_shape(source: str, data: Any) -> dict[Any, Any]:
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: a policy is a mapping, e.g. 'weights: {{need: 0.3}}'")
    unknown = set(data) - _SETTINGS
    if unknown:
        raise PolicyError(
            f"{source}: unknown setting '{sorted(unknown)[0]}'; "
            "a policy has 'weights', 'curves', 'variety' and 'availability'"
        )
    raw = data.get("weights", {})
    if not isinstance(raw, dict):
        raise PolicyError(f"{source}: 'weights' is a mapping of factor names to numbers")
    return raw


def _curves(
    source: str, data: Any, base: Mapping[str, Curve], known: Sequence[str]
) -> dict[str, Curve]:
    """The base curves with the file's own: a list of points, or ``linear`` for none."""
    raw = data.get("curves", {})
    if not isinstance(raw, dict):
        raise PolicyError(
            f"{source}: 'curves' is a mapping of factor names to lists of points, "
            "e.g. 'curves: {need: [0, 0.7, 1]}', or to 'linear'"
        )
    curves = dict(base)
    for name, points in raw.items():
        _check_factor(source, name, known)
        if points == "linear":
            curves.pop(name, None)
        else:
            curves[name] = Curve.of(name, points, source)
    return curves


@dataclass(frozen=True)
class Policy:
    """Weights of the factors (summing to 1) and the strength of the variety re-ranking.

    Attributes:
        weights: factor name → weight, in the order of the default factors.
        curves: factor name → its curve (the share of its weight each value earns);
            a factor without one earns its value's share.
        variety: how much a match is lowered for being like one ranked above it
            (0 switches variety off).
        source: where the policy came from, for explanations.
        availability: ``prefer`` (default): sessions outside the person's free time
            rank lower; ``require``: an asset none of whose sessions falls in their free
            time is excluded (code ``schedule``).
    """

    weights: Mapping[str, float]
    variety: float = 0.1
    source: str = "default"
    availability: str = "prefer"
    curves: Mapping[str, Curve] = field(default_factory=dict)

    @classmethod
    def from_data(
        cls,
        data: Any,
        *,
        source: str = "policy",
        base: Policy | None = None,
        factors: Sequence[Factor] = DEFAULT_FACTORS,
    ) -> Policy:
        """Build a policy from plain data ``{weights: {...}, curves: {...}, variety: 0}``.

        Weights and curves not given keep the ``base`` policy's; the result is scaled
        so the weights sum to 1.

        Raises:
            PolicyError: unknown factor names, negative or non-numeric weights, all
                weights zero, or a curve that does not rise from 0 to 1.
        """
        raw = _check_shape(source, data)
        known = [f.name for f in factors]
        weights = dict(base.weights) if base else {}
        for name, value in raw.items():
            weights[name] = _check_weight(source, name, value, known)
        for name in known:
            weights.setdefault(name, 0.0)
        variety = data.get("variety", base.variety if base else 0.1)
        if not is_number(variety) or not 0 <= variety <= 1:
            raise PolicyError(f"{source}: 'variety' is a number from 0 to 1, got {variety!r}")
        availability = data.get("availability", base.availability if base else "prefer")
        if availability not in _AVAILABILITY:
            raise PolicyError(
                f"{source}: 'availability' is 'prefer' or 'require', got {availability!r}"
            )
        policy = cls.of(weights, variety=float(variety), source=source, factors=factors)
        curves = _curves(source, data, base.curves if base else {}, known)
        return replace(policy, availability=str(availability), curves=curves)

    @classmethod
    def of(
        cls,
        weights: Mapping[str, float],
        *,
        variety: float = 0.1,
        source: str = "custom",
        factors: Sequence[Factor] = DEFAULT_FACTORS,
    ) -> Policy:
        """A policy from weights (scaled to sum to 1); factors left out weigh 0."""
        total = math.fsum(weights.values())
        if total <= 0:
            raise PolicyError(
                f"{source}: every weight is zero; give at least one factor a weight above 0"
            )
        names = [f.name for f in factors]
        names += [name for name in weights if name not in names]
        scaled = {name: weights.get(name, 0.0) / total for name in names}
        # Adding the weights one by one must not pass 1, so that a perfect match scores
        # at most 1.0 exactly: trim float round-off from the largest weight.
        while _running_sum(scaled.values()) > 1.0:
            big = max(scaled, key=lambda k: scaled[k])
            scaled[big] = math.nextafter(scaled[big], 0.0)
        return cls(weights=scaled, variety=variety, source=source)

    def contributions(self, factor: Factor, values: FloatArray) -> FloatArray:
        """What each of a factor's ``values`` adds to a score: ``weight × curve(value)``."""
        curve = self.curves.get(factor.name)
        weight = self.weight(factor)
        return weight * (curve(values) if curve is not None else values)

    def contribution(self, factor: Factor, value: float) -> float:
        """What one value adds, worked out exactly as :meth:`contributions` does."""
        curve = self.curves.get(factor.name)
        return self.weight(factor) * (curve.at(value) if curve is not None else value)

    def weight(self, factor: Factor) -> float:
        """The weight of ``factor``.

        Raises:
            PolicyError: the policy gives the factor no weight (a factor the policy
                does not know would otherwise silently count for nothing).
        """
        try:
            return self.weights[factor.name]
        except KeyError:
            raise PolicyError(
                f"the policy ({self.source}) gives no weight to the factor '{factor.name}'; "
                "add it under 'weights'"
            ) from None


def _running_sum(values: Iterable[float]) -> float:
    total = 0.0
    for v in values:
        total += v
    return total


def _policy_data(path: str | Path | None) -> tuple[Any, str]:
    if path is None:
        text = (_DATA / "policy.yaml").read_text("utf-8")
        return parse_yaml(text, "policy.yaml").data, "default"
    try:
        return read_yaml(path).data, str(path)
    except CatalogueError as exc:
        raise PolicyError(str(exc)) from None
    except OSError as exc:
        raise PolicyError(f"cannot read the policy file {path}: {exc.strerror}") from None


_DEFAULT: list[Policy] = []


def default_policy() -> Policy:
    """The packaged policy (``socialrx/data/policy.yaml``)."""
    if not _DEFAULT:
        data, source = _policy_data(None)
        _DEFAULT.append(Policy.from_data(data, source=source))
    return _DEFAULT[0]


def load_policy(path: str | Path) -> Policy:
    """Read a user's policy file; weights it leaves out keep their default values.

    Example file::

        weights: {interest: 0.4, proximity: 0.2}
        variety: 0        # switch variety off

    Raises:
        PolicyError: the file cannot be read, or names an unknown factor, or gives a
            negative weight.
    """
    data, source = _policy_data(path)
    return Policy.from_data(data, source=source, base=default_policy())
