"""Tables for analysts: the columns of plain records, and DataFrames built from them.

Everything socialrx hands to an analyst comes in two shapes with the same columns:
``to_records()`` gives a list of plain dicts (works anywhere, easy to write as CSV)
and ``to_dataframe()`` gives a :class:`pandas.DataFrame`. pandas is an optional
extra, imported only when a DataFrame is asked for::

    pip install 'socialrx[pandas]'

Example:
    >>> catalogue.to_records()[0]["needs"]                       # doctest: +SKIP
    ['bereavement']
    >>> catalogue.to_dataframe().explode("needs").value_counts("needs")  # doctest: +SKIP

List-valued columns (``needs``, ``delivery``…) hold Python lists, so
``DataFrame.explode`` works on them; CSV writers join them with ``;``.

This module sits at the bottom of the package, next to :mod:`socialrx.errors`: the
data classes build their records and frames with it, and it imports none of them
(match records are read by attribute, so any object shaped like a match works).
Showing tables in a notebook is a view: see :mod:`socialrx.views.notebook`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from socialrx.errors import MissingDependencyError

__all__ = [
    "ASSET_COLUMNS",
    "ASSET_INTEGERS",
    "MATCH_COLUMNS",
    "match_columns",
    "match_records",
    "one_line_reason",
    "reasons_line",
    "records_to_dataframe",
    "require_pandas",
]

ASSET_COLUMNS = (
    "id",
    "name",
    "summary",
    "organisation",
    "status",
    "needs",
    "delivery",
    "access",
    "activities",
    "group_kind",
    "max_group_size",
    "postcode",
    "latitude",
    "longitude",
    "locations",
    "service_area",
    "days",
    "free",
    "cost_per_session",
    "min_age",
    "max_age",
    "gender",
    "residents_only",
    "languages",
    "accessibility",
    "needs_internet",
    "needs_device",
    "phone",
    "website",
    "last_verified",
    "at_risk",
    "file",
)
"""The columns of a catalogue's records and DataFrame, in order."""

ASSET_INTEGERS = ("max_group_size", "min_age", "max_age")
"""Whole-number asset columns that may have gaps (nullable ``Int64`` in a DataFrame)."""

MATCH_COLUMNS = (
    "rank",
    "id",
    "name",
    "score",
    "distance_km",
    "reason",
    "reasons",
    "cautions",
    "bridges",
)
"""The leading columns of a match result's records; one ``contribution_<factor>``
column per scoring factor follows."""


def require_pandas() -> Any:
    """Import pandas, or explain how to install it.

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    try:
        pandas = importlib.import_module("pandas")  # lazily: an optional extra
    except ImportError as exc:
        raise MissingDependencyError(
            "DataFrames need pandas, which is an optional extra: "
            "pip install 'socialrx[pandas]' (to_records() works without it)"
        ) from exc
    return pandas


def records_to_dataframe(
    records: Sequence[Mapping[str, Any]],
    *,
    columns: Sequence[str] | None = None,
    integers: Iterable[str] = (),
) -> Any:
    """A DataFrame of the records, with ``columns`` in order even when there are no rows.

    ``integers`` names whole-number columns that may have gaps; they get pandas'
    nullable ``Int64`` type, so ``12`` does not turn into ``12.0`` next to a blank.
    """
    pandas = require_pandas()
    frame = pandas.DataFrame.from_records(list(records), columns=list(columns) if columns else None)
    for name in integers:
        if name in frame.columns:
            frame[name] = frame[name].astype("Int64")
    return frame


# ------------------------------------------------------------------ match results


def match_records(result: Any) -> list[dict[str, Any]]:
    """One record per listed match of a :class:`~socialrx.matching.MatchResult`.

    ``reason`` is the one-line reason (the detail of the factor that contributed
    most); ``reasons``, ``cautions`` and ``bridges`` hold every item, joined by ``; ``
    (bridges by ``;``). ``contribution_<factor>`` columns let analysts see what drove
    each score.
    """
    rows = []
    factors = _factors(result.matches)
    for m in result.matches:
        row: dict[str, Any] = {
            "rank": m.rank,
            "id": m.id,
            "name": m.name,
            "score": m.score,
            "distance_km": m.distance_km,
            "reason": one_line_reason(m),
            "reasons": "; ".join(r.detail for r in m.reasons),
            "cautions": "; ".join(m.cautions),
            "bridges": ";".join(m.bridges),
        }
        given = {r.factor: r.contribution for r in m.reasons}
        for factor in factors:
            row[f"contribution_{factor}"] = given.get(factor, 0.0)
        rows.append(row)
    return rows


def match_columns(result: Any) -> tuple[str, ...]:
    """The columns of :func:`match_records` for this result."""
    return MATCH_COLUMNS + tuple(f"contribution_{f}" for f in _factors(result.matches))


def _factors(matches: Iterable[Any]) -> list[str]:
    seen: list[str] = []
    for m in matches:
        for r in m.reasons:
            if r.factor not in seen:
                seen.append(r.factor)
    return seen


def one_line_reason(match: Any, parts: int = 2) -> str:
    """The reasons a person would hear first, on one line.

    The details of the ``parts`` factors that added most to the score, biggest first
    (factors above their neutral value, never a caution-only factor such as
    freshness), each its own sentence (ties keep the factor order, so the same match
    always gives the same line), e.g. ``"Helps with loneliness. 'dancing' matches
    activity 'dancing'"``. A reason may hold its own "; " ("Meets when you are free: Mon
    10:00–12:00; Thu 14:00–16:00"), so reasons are never joined by one: nobody should
    read a session as another reason.
    """
    positive = [
        r
        for r in match.reasons
        if r.detail
        and r.contribution > 0
        and r.score > 0.5  # a neutral value is no reason for it
        and r.factor not in CAUTION_ONLY_FACTORS
    ]
    best = sorted(positive, key=lambda r: -r.contribution)[:parts]
    return reasons_line([str(r.detail) for r in best]) or nothing_asked(match)


def reasons_line(details: Sequence[str]) -> str:
    """Reasons on one line, each its own sentence: ``"Helps with loneliness. Free"``."""
    return ". ".join(d.rstrip(".") for d in details if d)


def nothing_asked(match: Any) -> str:
    """The line for a match with no reason *for* it (it meets none of the needs or
    interests given, and nothing else is above neutral): said plainly, with the need
    it does not meet, rather than an empty "why".

    Example:
        >>> from types import SimpleNamespace as R
        >>> nothing_asked(R(reasons=[R(factor="need", score=0.0,
        ...                            detail="Does not list money, debt and benefits")]))
        'Meets nothing asked for (does not list money, debt and benefits)'
        >>> nothing_asked(R(reasons=[R(factor="need", score=0.0, detail="Helps with "
        ...     "loneliness; not counted: it is for a particular audience, not you")]))
        'Meets nothing asked for: it is for a particular audience, not you'
    """
    unmet = next(
        (str(r.detail) for r in match.reasons if r.factor == "need" and not r.score and r.detail),
        "",
    )
    said = "Meets nothing asked for"
    if "not counted: " in unmet:
        # "Helps with loneliness (…); not counted: it is for a particular audience, not
        # you": say why it counts for nothing, not what it would have helped with.
        return f"{said}: {unmet.split('not counted: ', 1)[1]}"
    return f"{said} ({unmet[:1].lower()}{unmet[1:]})" if unmet else said


CAUTION_ONLY_FACTORS = frozenset({"freshness", "reach", "audience"})
"""Factors whose details are never reasons *for* an asset ("Last checked 7 months ago"):
the same as ``socialrx.matching.results.CAUTION_FACTORS`` (a test keeps them equal; this
module sits below matching and cannot import it)."""
