"""When assets meet and when people are free, as minutes of the week.

Sessions become ``(start, end)`` minutes from Monday 00:00, so the overlap between an
asset's sessions and a person's free time is arithmetic. :class:`ScheduleColumns` holds
every distinct schedule of a catalogue, flattened for numpy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from socialrx.matching.prepared import FloatArray, IntArray, PreparedCatalogue, distinct
from socialrx.matching.wording import with_note
from socialrx.model import DAYS, Session

__all__ = [
    "APPOINTMENT",
    "LONG_SESSION",
    "Schedule",
    "ScheduleColumns",
    "describe_schedule",
    "overlap",
    "slots",
]


def slots(sessions: Iterable[tuple[Iterable[str], str, str]]) -> list[tuple[int, int]]:
    """Sessions as (start, end) minutes of the week (Monday 00:00 is 0)."""
    out = []
    for days, start, end in sessions:
        s = int(start[:2]) * 60 + int(start[3:])
        e = int(end[:2]) * 60 + int(end[3:])
        for day in days:
            base = DAYS.index(day) * 1440
            out.append((base + s, base + e))
    return out


_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


def _when(s: Session, days: str) -> str:
    assert s.start and s.end
    if s.frequency == "monthly" and s.week_of_month is not None:
        return f"{_NTH[s.week_of_month].capitalize()} {days} of the month, {s.start}–{s.end}"
    often = f" ({s.frequency})" if s.frequency and s.frequency != "weekly" else ""
    return f"{days} {s.start}–{s.end}{often}"


def describe_schedule(sessions: Iterable[Session]) -> str:
    """Sessions in words.

    A session's note goes in brackets after its times, so it is never read as another
    session ("Thu 17:00–19:30 (late phone line)", not "…; Thu 17:00–19:30; Late phone
    line").

    Example:
        >>> describe_schedule([Session(days=["mon"], start="14:00", end="16:00",
        ...                            frequency="monthly", week_of_month=1)])
        'First Mon of the month, 14:00–16:00'
        >>> describe_schedule([Session(days=["thu"], start="10:00", end="12:00",
        ...                            frequency="fortnightly", note="Meeting points vary.")])
        'Thu 10:00–12:00 (fortnightly; Meeting points vary)'
    """
    parts = []
    for s in sessions:
        if s.days and s.start and s.end:
            days = ", ".join(d.capitalize() for d in s.days)
            parts.append(_noted(_when(s, days), s.note))
        elif s.note:
            parts.append(s.note)
    return "; ".join(parts)


def _noted(when: str, note: str | None) -> str:
    """A session's times and its note: in brackets (with its frequency, if any), or
    after a colon when the note has brackets of its own."""
    if not note or _says_again(note, when):
        return when
    note = note.strip().rstrip(".")
    if "(" in note or ")" in note:
        return f"{when}: {note}"
    return with_note(when, note)  # the organisers' words as written ("Thursday late line")


_WORD = re.compile(r"[a-z]+")


def _says_again(note: str, when: str) -> bool:
    """Whether a note only repeats its session's times ("first Tuesday" of "First Tue of
    the month, 10:30–12:30", "fortnightly" of "Thu 10:00–12:00 (fortnightly)"): said
    once, never "First Tue of the month, 10:30–12:30 (first Tuesday)"."""
    said = {w[:3] if w[:3] in DAYS else w for w in _WORD.findall(note.casefold())}
    return bool(said) and said <= set(_WORD.findall(when.casefold())) | {"on", "each", "every"}


@dataclass(frozen=True)
class Schedule:
    """An asset's timed sessions, as minutes of the week, and a short description."""

    slots: tuple[tuple[int, int], ...]
    text: str

    @classmethod
    def of(cls, sessions: Iterable[Session]) -> Schedule:
        sessions = tuple(sessions)
        timed = [(s.days, s.start, s.end) for s in sessions if s.days and s.start and s.end]
        return cls(tuple(slots(timed)), describe_schedule(sessions))  # type: ignore[arg-type,unused-ignore]


LONG_SESSION = 120
"""Minutes of a session that are enough to take part. A longer session is opening hours
(a phone line open 9 to 5, a drop-in from 10 to 3, a shed open all day): two hours of it
in the person's free time fit as well as a whole two-hour group does."""


APPOINTMENT = 60
"""Minutes of its hours that one-to-one support needs (rule 14): a call, a visit or an
advice appointment is arranged within them, so an hour of them in the person's free time
is enough."""


def overlap(
    sessions: tuple[tuple[int, int], ...],
    free: tuple[tuple[int, int], ...],
    enough: int = LONG_SESSION,
) -> float:
    """The best share of any one session that falls inside the person's free time (of
    at most ``enough`` minutes of it: a long session is opening hours, and one-to-one
    support needs only :data:`APPOINTMENT` minutes of its hours).

    Example:
        >>> overlap(((540, 1020),), ((600, 960),))  # open 9-5, free 10-4
        1.0
        >>> overlap(((600, 720),), ((660, 960),))  # a 10-12 group, free from 11
        0.5
        >>> overlap(((540, 660),), ((600, 960),), APPOINTMENT)  # calls 9-11, free from 10
        1.0
    """
    best = 0.0
    for s, e in sessions:
        covered = sum(max(0, min(e, fe) - max(s, fs)) for fs, fe in free)
        best = max(best, min(1.0, covered / min(e - s, enough)))
    return best


class ScheduleColumns:
    """Every distinct schedule of a catalogue, and every timed session flattened."""

    def __init__(self, p: PreparedCatalogue) -> None:
        # Catalogues repeat schedules: each distinct list of sessions is read once,
        # straight from the packed records (no asset is built).
        sessions, of = p.fields().models("schedule")
        self.schedules, kind = distinct(Schedule.of(s or ()) for s in sessions)
        self.schedule_of: IntArray = kind[of] if len(of) else kind
        flat = [(k, a, b) for k, sc in enumerate(self.schedules) for a, b in sc.slots]
        self.slot_schedule: IntArray = np.array([k for k, _, _ in flat], dtype=np.int64)
        self.slot_start: IntArray = np.array([a for _, a, _ in flat], dtype=np.int64)
        self.slot_end: IntArray = np.array([b for _, _, b in flat], dtype=np.int64)
        self.timed = np.array([bool(s.slots) for s in self.schedules], dtype=bool)

    def shares(self, free: tuple[tuple[int, int], ...], enough: int = LONG_SESSION) -> FloatArray:
        """Per distinct schedule: the best share of one session inside ``free`` (of at
        most ``enough`` minutes of it; neutral 0.5 for schedules with no set times)."""
        covered = np.zeros(len(self.slot_start), dtype=np.int64)
        for fs, fe in free:
            covered += np.maximum(
                0, np.minimum(self.slot_end, fe) - np.maximum(self.slot_start, fs)
            )
        length = np.minimum(self.slot_end - self.slot_start, enough)
        share = np.minimum(1.0, covered / length)
        per = np.zeros(len(self.schedules))
        np.maximum.at(per, self.slot_schedule, share)
        return np.where(self.timed, per, 0.5)
