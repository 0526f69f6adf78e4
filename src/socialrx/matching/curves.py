"""How much of a factor's weight a value earns: a rising curve from 0 to 1.

A factor scores an asset from 0 to 1; its *curve* says what share of the factor's weight
that score earns. Without a curve the share is the score itself (a straight line). A curve
is written as the shares at 0, 1/n, 2/n, … 1 (``n`` steps, read between the points in a
straight line): it starts at 0, ends at 1 and rises at every step, so a better score never
earns less (rule 53, ``docs/matching.md``). To be quick over 100,000 assets the share is
read at the score rounded down to a step of 1/1024 (:data:`RESOLUTION`): scores closer
than that may earn the same, scores further apart never do.

The default policy's curves were fitted to the graded quality benchmark
(``benchmarks/fit_curves.py``): half of a need met earns more than half of ``need``'s
weight, for instance, because a link worker treats "helps with one of her two needs" as
nearly as good as both.

Example:
    >>> import numpy as np
    >>> c = Curve.of("need", [0.0, 0.75, 1.0])
    >>> [float(x) for x in c(np.array([0.0, 0.25, 0.5, 1.0]))]
    [0.0, 0.375, 0.75, 1.0]
    >>> c.at(0.25)
    0.375
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from socialrx.errors import PolicyError
from socialrx.matching.prepared import FloatArray

__all__ = ["RESOLUTION", "Curve", "is_number"]

RESOLUTION = 1024
"""A score is read at its value rounded down to a step of ``1 / RESOLUTION``."""


@dataclass(frozen=True, eq=False)
class Curve:
    """A factor's curve: the shares of its weight at evenly spaced scores.

    Attributes:
        factor: the factor's name (for messages).
        points: the shares at scores ``0, 1/n, …, 1`` (``n = len(points) - 1``),
            rising from 0 to 1.
    """

    factor: str
    points: tuple[float, ...]

    @classmethod
    def of(cls, factor: str, raw: Any, source: str = "policy") -> Curve:
        """Check a curve read from a policy file.

        Raises:
            PolicyError: not a list of at least two numbers, or not rising from 0 to 1.
        """
        where = f"{source}: the curve of '{factor}'"
        if not isinstance(raw, Sequence) or isinstance(raw, str) or len(raw) < 2:
            raise PolicyError(
                f"{where} must be a list of at least two numbers, from 0 to 1, e.g. [0, 0.7, 1]"
            )
        if not all(is_number(x) for x in raw):
            raise PolicyError(f"{where} holds something that is not a number")
        points = tuple(float(x) for x in raw)
        if points[0] != 0.0 or points[-1] != 1.0:
            raise PolicyError(
                f"{where} must start at 0 and end at 1 "
                f"(it starts at {points[0]:g} and ends at {points[-1]:g})"
            )
        steps = [b - a for a, b in itertools.pairwise(points)]
        if min(steps) <= 0:
            k = steps.index(min(steps))
            raise PolicyError(
                f"{where} must rise at every step; it does not rise between points "
                f"{k + 1} and {k + 2} ({points[k]:g}, {points[k + 1]:g})"
            )
        return cls(factor=factor, points=points)

    def __post_init__(self) -> None:
        # Cached for the hot path: the share at every step of 1/RESOLUTION.
        grid = np.linspace(0.0, 1.0, RESOLUTION + 1)
        knots = np.linspace(0.0, 1.0, len(self.points))
        object.__setattr__(self, "_table", np.interp(grid, knots, self.points))

    def __call__(self, values: FloatArray) -> FloatArray:
        """The share earned by each score in ``values`` (each from 0 to 1)."""
        table: FloatArray = self._table  # type: ignore[attr-defined]
        out: FloatArray = table[(values * RESOLUTION).astype(np.intp)]
        return out

    def at(self, value: float) -> float:
        """The share earned by one score, worked out exactly as for many."""
        return float(self(np.array([value], dtype=np.float64))[0])

    def to_data(self) -> list[float]:
        """The points, as written in a policy file."""
        return list(self.points)


def is_number(value: Any) -> bool:
    """A real, finite number (not a bool)."""
    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
