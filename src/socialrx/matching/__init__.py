"""Matching a person to a catalogue: hard constraints, scores that explain themselves.

:func:`match` applies the hard constraints of FORMATS §3 (an asset failing any is
excluded, with a reason a link worker can read aloud and a stable code), scores every
eligible asset with small factor objects weighed by a policy, re-ranks the top for
variety, and returns a :class:`MatchResult`. :func:`explain` answers "why (not) this
one?" for one asset, down to the smallest change that would include an excluded one.

The package, in the order a call goes through it:

* :mod:`~socialrx.matching.prepared` — the catalogue's columns, once per catalogue;
* :mod:`~socialrx.matching.constraints` — the hard constraints, vectorised, with codes;
* :mod:`~socialrx.matching.interests` and :mod:`~socialrx.matching.schedules` — what a
  person's words and free time mean against the catalogue;
* :mod:`~socialrx.matching.factors` — the scoring strategy objects;
* :mod:`~socialrx.matching.policy` — the weights;
* :mod:`~socialrx.matching.variety` — the re-ranking;
* :mod:`~socialrx.matching.cautions` — what to tell the person before they go;
* :mod:`~socialrx.matching.results` — the values a caller gets back;
* :mod:`~socialrx.matching.engine` (``match``) and :mod:`~socialrx.matching.explain`.

Example:
    >>> from socialrx import load_catalogue, Person              # doctest: +SKIP
    >>> cat = load_catalogue("assets")                          # doctest: +SKIP
    >>> result = match(Person(postcode="FY8 2NP", needs=["lonely"]), cat)  # doctest: +SKIP
    >>> result.matches[0].name, result.matches[0].reasons[0].detail  # doctest: +SKIP
    ('Phone Friends', 'Helps with loneliness and isolation')
"""

from socialrx.matching.constraints import CONSTRAINTS, Constraint
from socialrx.matching.engine import match
from socialrx.matching.explain import explain
from socialrx.matching.factors import DEFAULT_FACTORS, Context, Factor
from socialrx.matching.policy import Policy, default_policy, load_policy
from socialrx.matching.prepared import PreparedCatalogue, prepare
from socialrx.matching.results import (
    Check,
    Exclusion,
    Explanation,
    Match,
    MatchResult,
    Reason,
)
from socialrx.matching.schedules import describe_schedule

__all__ = [
    "CONSTRAINTS",
    "DEFAULT_FACTORS",
    "Check",
    "Constraint",
    "Context",
    "Exclusion",
    "Explanation",
    "Factor",
    "Match",
    "MatchResult",
    "Policy",
    "PreparedCatalogue",
    "Reason",
    "default_policy",
    "describe_schedule",
    "explain",
    "load_policy",
    "match",
    "prepare",
]
