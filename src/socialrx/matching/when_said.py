"""When someone is free is no hobby (``docs/matching.md``, rule 115).

People often say when they can come in the same breath as what they like, and the
interests list gets it as a line of its own: "I work days so evenings or weekends",
"weekends only, I work", "I work shifts so weekends only", "free Tuesday nights". Read as
a hobby, its words met whatever shared them — "work" a volunteer centre's "work
experience", "evenings" a summary that says when it meets — and a Wakefield trans woman
who paints had the volunteer centre second, above the online anxiety group her judges
graded first. A link worker hears when she is free (``availability`` says it), not a
wish to work. An interest whose every word says when — days, parts of the day, weekends,
shifts, work, "free", "only" — is read as no hobby: it matches nothing and is listed
among those that matched nothing. Any other word keeps it as it was read before ("quiz
nights", "coffee mornings", "a proper breakfast after nights", "summat to do Friday
nights"); and who someone is ("a night shift worker") is read where kinds of people are
(rule 21), not here.

Example:
    >>> says_only_when("I work days so evenings or weekends")
    True
    >>> says_only_when("quiz nights"), says_only_when("night shift worker")
    (False, False)
"""

from __future__ import annotations

import re

from socialrx.vocabulary import FILLER_STEMS, stem

__all__ = ["says_only_when", "without_own_work"]

_DAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun"
)
_TIMES = (
    "morning mornin afternoon evening evenin night nite nighttime weekend weekday day "
    "daytime shift lates earlies"
)
_WORK = "work works working job jobs free only so or after before till til until while "
_WORK += "early late dead pm am oclock clock week time times hour hours"
_WORD = re.compile(r"[a-z0-9']+")
_TIME_STEMS = frozenset(stem(w) for w in f"{_DAYS} {_TIMES}".split()) | frozenset(
    stem(w + "s") for w in f"{_DAYS} {_TIMES}".split()
)
_WHEN_STEMS = _TIME_STEMS | frozenset(stem(w) for w in _WORK.split())


def says_only_when(text: str) -> bool:
    """Whether every word of ``text`` says when the person is free or works (a day, a
    part of the day, weekends, shifts, a time), and at least one names a time."""
    said = {stem(w.replace("'", "")) for w in _WORD.findall(text.casefold())}
    said = {w for w in said if not w.isdigit()} - FILLER_STEMS
    return bool(said & _TIME_STEMS) and said <= _WHEN_STEMS


_OWN_WORK = re.compile(
    r"\bI(?:'m|'ve|\s+am|\s+have)?\s+(?:used\s+to\s+)?work(?:ed|ing|s)?\b"
    r"(?:\s+(?:days|nights|shifts|lates|earlies|full[\s-]time|part[\s-]time))*",
    re.IGNORECASE,
)
"""Someone saying where or when they work ("I work shifts at Pinderfields", "I used to
work at the pit", "I'm working nights"): their job, never a wish for work (rule 119)."""


def without_own_work(text: str) -> str:
    """``text`` without the words in which the person says they work or worked (rule
    119): "I work shifts at Pinderfields" is read as "at Pinderfields", which meets no
    volunteer centre's "work experience"; "looking for work" is left as it is.

    Example:
        >>> without_own_work("I work shifts at Pinderfields").strip()
        'at Pinderfields'
        >>> without_own_work("looking for work")
        'looking for work'
    """
    return _OWN_WORK.sub(" ", text)
