"""A listening line is somewhere to turn, not the help with mood itself (``docs/matching.md``,
rule 35).

Someone who asks their GP for help with low mood or anxiety is offered what helps: a peer
support group, a course, a group doing something they enjoy. A listening line — a trained
listener on the phone at night — is what they are told to ring when things feel too much,
on top of that help, not instead of it. Entries list it as helping with mental wellbeing,
so for such a person it met their need in full and often came first.

So, for a person who needs help with their mental wellbeing, a listening line that is not
made for them (rule 28b's lines: one-to-one, reached only by phone or online, whose name or
activities say listening; not one in their own language or for the bereaved, rule 6)
counts that help at three quarters (:data:`LISTENING_MOOD_SHARE`): part of the help, not all
of it. Help that another rule already counts at half (rules 16 and 24) counts three quarters
of that: the two say different things. Where rule 32 counts the same help at half, as help
given on the side, its half takes the place of the three quarters (never both).

Example:
    >>> LISTENING_MOOD_SHARE, MOOD_NEED
    (0.75, 'mental-wellbeing')
    >>> listening_note("mental wellbeing", again=False)[:50]
    '; help with mental wellbeing counted at three quar'
"""

from __future__ import annotations

__all__ = ["LISTENING_MOOD_SHARE", "MOOD_NEED", "listening_note"]

MOOD_NEED = "mental-wellbeing"
"""The need a listening line's help with counts at three quarters: mental wellbeing."""
LISTENING_MOOD_SHARE = 0.75
"""How much a listening line's help with mental wellbeing counts: three quarters (at half,
coast's precision@3 fell by 0.013 once rule 34 had landed; see ``docs/matching.md``)."""


def listening_note(label: str, again: bool) -> str:
    """The need detail's words for rule 35.

    Args:
        label: the plain label of the need ("mental wellbeing").
        again: whether another rule had already counted the same help at less than in full.

    Returns:
        The note, beginning with "; ", to add to the need detail.
    """
    of = " of that" if again else ""
    return (
        f"; help with {label} counted at three quarters{of}: a listening line is somewhere "
        "to turn when things feel too much, not all the help"
    )
