"""Energy advice is help with energy bills and a cold home (``docs/matching.md``, rule 61).

A warm-homes service — energy advice, a home energy check, fuel debt, heating grants,
draught-proofing — records help with ``money`` and ``housing``, and it is: with what
energy costs, and with a home that is cold or damp. A link worker reads what kind of
help it is. Someone who needs help with money because of debts, benefits or their
pension credit, or with housing because they have nowhere to live, is sent to debt and
benefits advice or housing advice first; energy advice is one kind of that help, and
only the right one when their bills, their heating or a cold or damp home is the
trouble. The needs vocabulary has no word for that kind, so matching counted the
energy adviser as all the help with both, and a care leaver who needs a home and
money had it first, above the housing advice and the money advice, for listing both.

So an entry is an *energy service* (:func:`energy_services`) when one of its activities
names energy help (:data:`ENERGY_WORDS`: energy advice, fuel debt, heating grants,
draught-proofing) and none names money help of another kind (:data:`MONEY_WORDS` without
an energy word: debt advice, benefits checks, budgeting — a money advice centre that also
helps with energy arrears is money advice). For someone whose own words do not name
that kind of trouble (:data:`SAID_WORDS`: bills, energy, heating, gas, a cold or damp
home, …), its help with money and with housing counts at half
(:data:`ENERGY_SHARE`), and the need detail says so (:func:`energy_note`). Whether
their trouble is of that kind is not known, so it is not left out and still counts:
only the surer help comes first. Someone who said "heating bills" or "sorting my bills
out" has it in full.

Example:
    >>> energy_activity(["energy advice", "home energy check", "grant applications"])
    True
    >>> energy_activity(["debt advice", "benefits checks", "energy bills"])
    False
    >>> said_energy(["sorting my bills out"]), said_energy(["help as a care leaver"])
    (True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from socialrx.matching.interests import wanted_part
from socialrx.matching.prepared import BoolArray, PreparedCatalogue
from socialrx.model import Person
from socialrx.vocabulary import words

__all__ = [
    "ENERGY_NEEDS",
    "ENERGY_SHARE",
    "ENERGY_WORDS",
    "MONEY_WORDS",
    "SAID_WORDS",
    "energy_activity",
    "energy_note",
    "energy_only",
    "energy_services",
    "said_energy",
]

ENERGY_NEEDS = frozenset({"money", "housing"})
"""The needs an energy service records for what energy costs and for a cold home."""
ENERGY_SHARE = 0.5
"""How much an energy service's help with money or housing counts for someone whose
words do not say their trouble is of that kind: half, as help given on the side
(rule 32)."""
ENERGY_WORDS = frozenset(words("energy fuel heating insulation draught draughts prepayment"))
"""Stemmed words that make an activity energy help ("energy advice", "fuel debt",
"heating grants", "draught-proofing")."""
MONEY_WORDS = frozenset(
    words("debt debts benefit benefits budgeting budget welfare money pension council tax")
)
"""Stemmed words of money help; an activity naming them and no energy word ("debt
advice", "benefits checks") is money help of another kind."""
SAID_WORDS = frozenset(
    words(
        "bills bill energy heating heat fuel gas electric electricity meter meters "
        "prepayment boiler cold damp mould mold draughts draughty insulation"
    )
)
"""Stemmed words with which someone says their trouble is what energy costs or a cold or
damp home ("heating bills", "sorting my bills out", "a damp flat")."""
_NAME = "energy-services"


def energy_activity(activities: Iterable[str]) -> bool:
    """Whether an entry's activities make it an energy service: one names energy help
    and none names money help of another kind."""
    found = [words(a) for a in activities]
    energy = any(w & ENERGY_WORDS for w in found)
    other = any(w & MONEY_WORDS and not w & ENERGY_WORDS for w in found)
    return energy and not other


def energy_services(p: PreparedCatalogue) -> BoolArray:
    """Per row: an energy service (:func:`energy_activity`) recording help with money or
    housing. Built once per catalogue."""

    def build(q: PreparedCatalogue) -> BoolArray:
        f = q.fields()
        rows = [
            bool(needs) and bool(ENERGY_NEEDS & set(needs)) and energy_activity(acts or ())
            for needs, acts in zip(f("needs"), f("activities"), strict=True)
        ]
        return np.asarray(rows, dtype=bool)

    return p.columns(_NAME, build)


def said_energy(interests: Iterable[str]) -> bool:
    """Whether the person's words say their trouble is what energy costs or a cold or
    damp home (words after a negation are not read: "not the heating")."""
    return any(words(wanted_part(text)) & SAID_WORDS for text in interests)


def energy_only(p: PreparedCatalogue, person: Person) -> dict[str, BoolArray]:
    """Per need of :data:`ENERGY_NEEDS` the person gave: the rows that give it only as
    energy help (:func:`energy_services`), counted at :data:`ENERGY_SHARE`; none when
    their words say their trouble is of that kind."""
    needs = ENERGY_NEEDS & set(person.needs)
    if not needs or said_energy(person.interests):
        return {}
    rows = energy_services(p)
    if not rows.any():
        return {}
    return {n: rows for n in sorted(needs)}


def energy_note(needs: Sequence[str], labels: Sequence[str]) -> str:
    """The need detail's words for rule 61: the ``needs`` an energy service helps with
    only as energy help (``labels``: their plain labels, in the same order), or ""."""
    if not needs:
        return ""
    said = " and ".join(labels)
    return (
        f"; help with {said} counted at half: it is help with energy bills and a cold "
        "or damp home, and you have not said that is the trouble"
    )
