"""Energy advice is for a home; someone with no fixed address has none (rule 73).

Rule 61 counts an energy service's help with money and housing (energy advice, fuel
vouchers, boiler grants, a home energy check) at half for someone who has not said that
bills, heating or a cold home are the trouble. For someone with no fixed address
(:func:`~socialrx.matching.no_postcode.no_fixed_address`: sleeping rough, sofa-surfing,
in a hostel with no postcode to give) it is not a lesser kind of the help they need:
there are no bills of theirs and no boiler to mend, so it helps with neither. Their
money and housing needs count nothing from it (:data:`NO_HOME_SHARE`) and the need
detail says why (:func:`energy_note_for`). It is never left out, and someone whose own
words name bills or heating still has it in full (rule 61).

Example:
    >>> from socialrx.model import Person
    >>> energy_share(Person(circumstances=["homeless"])), energy_share(Person(needs=["money"]))
    (0.0, 0.5)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from socialrx.matching.energy import ENERGY_SHARE, energy_note
from socialrx.matching.no_postcode import no_fixed_address
from socialrx.model import Person

__all__ = ["NO_HOME_SHARE", "energy_note_for", "energy_share", "no_home_note"]

NO_HOME_SHARE = 0.0
"""How much an energy service's help with money or housing counts for someone with no
fixed address: nothing, as it is help with a home's bills and heating."""


def energy_share(person: Person) -> float:
    """How much an energy service's help with money or housing counts for ``person``
    whose words do not name that trouble: :data:`NO_HOME_SHARE` with no fixed address,
    else rule 61's half."""
    return NO_HOME_SHARE if no_fixed_address(person) else ENERGY_SHARE


def no_home_note(needs: Sequence[str], labels: Sequence[str]) -> str:
    """The need detail's words for ``needs`` (``labels``: their plain labels) an energy
    service gives, for someone with no fixed address, or ""."""
    if not needs:
        return ""
    said = " and ".join(labels)
    return (
        f"; help with {said} not counted: it is help with a home's energy bills and "
        "heating, and you have no fixed address"
    )


def energy_note_for(person: Person) -> Callable[[Sequence[str], Sequence[str]], str]:
    """The need-detail note for energy help that fits ``person`` (rule 61 or 73)."""
    return no_home_note if no_fixed_address(person) else energy_note
