"""socialrx sessions ⇄ iCalendar-style schedule fields (HSDS 3.0 and ORUK v1).

HSDS describes timing with RFC 5545 pieces: ``freq`` (WEEKLY · MONTHLY),
``interval``, ``byday`` (``TU,TH``; ``2TU`` for the second Tuesday, ``-1FR`` for
the last Friday), ``opens_at`` and ``closes_at``. A socialrx session maps onto
these exactly: fortnightly is WEEKLY with interval 2.

Example:
    >>> rule = rrule_of({"days": ["tue"], "start": "14:00", "end": "15:30",
    ...                  "frequency": "fortnightly"})
    >>> rule["freq"], rule["interval"], rule["byday"], rule["opens_at"]
    ('WEEKLY', 2, 'TU', '14:00')
    >>> [s] = sessions_from_rrule(freq="MONTHLY", byday="-1FR", opens_at="10:00:00",
    ...                           closes_at="12:00:00")
    >>> s["days"], s["start"], s["frequency"], s["week_of_month"]
    (['fri'], '10:00', 'monthly', -1)
"""

from __future__ import annotations

import re
from typing import Any

from socialrx.interop.cleaning import Draft
from socialrx.model import DAYS

__all__ = ["rrule_of", "sessions_from_rrule"]

_ICAL = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
_FROM_ICAL = {v: k for k, v in _ICAL.items()}
_DAY_NAMES = {
    name: day
    for day in DAYS
    for name in (
        day,
        {
            "mon": "monday",
            "tue": "tuesday",
            "wed": "wednesday",
            "thu": "thursday",
            "fri": "friday",
            "sat": "saturday",
            "sun": "sunday",
        }[day],
        {"tue": "tues", "wed": "weds", "thu": "thurs"}.get(day, day),
    )
}
_TOKEN = re.compile(r"^([+-]?\d)?\s*([A-Za-z]+)$")


def rrule_of(session: dict[str, Any]) -> dict[str, Any]:
    """HSDS schedule fields for one socialrx session (plain data, without ids)."""
    out: dict[str, Any] = {}
    if session.get("days"):
        frequency = session.get("frequency") or "weekly"
        out["freq"] = "MONTHLY" if frequency == "monthly" else "WEEKLY"
        out["interval"] = 2 if frequency == "fortnightly" else 1
        week = session.get("week_of_month")
        prefix = "" if week is None else str(week)
        out["byday"] = ",".join(prefix + _ICAL[d] for d in session["days"])
        out["opens_at"] = session["start"]
        out["closes_at"] = session["end"]
        out["wkst"] = "MO"
    if session.get("note"):
        out["description"] = session["note"]
    return out


def _time(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"^\s*(\d{1,2})[:.]?(\d{2})", value)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def sessions_from_rrule(
    *,
    freq: Any = None,
    interval: Any = None,
    byday: Any = None,
    opens_at: Any = None,
    closes_at: Any = None,
    note: Any = None,
    draft: Draft | None = None,
) -> list[dict[str, Any]]:
    """socialrx sessions for one schedule entry; a note-only session when times are partial."""

    def say(text: str) -> None:
        if draft is not None:
            draft.note(text)

    by_week: dict[int | None, list[str]] = {}
    if isinstance(byday, str) and byday.strip():
        for token in re.split(r"[,\s;]+", byday.strip()):
            if not token:
                continue
            m = _TOKEN.match(token)
            day = None
            if m:
                word = m.group(2).casefold()
                day = _FROM_ICAL.get(word.upper()) or _DAY_NAMES.get(word)
            if day is None:
                say(f"schedule: day '{token}' not understood; left out")
                continue
            week = int(m.group(1)) if m and m.group(1) else None
            if week is not None and week not in (1, 2, 3, 4, 5, -1):
                say(f"schedule: week {week} of the month not supported; left out")
                week = None
            days = by_week.setdefault(week, [])
            if day not in days:
                days.append(day)
    start, end = _time(opens_at), _time(closes_at)
    if start and end and end <= start:
        say(f"schedule: closing time {end} is not after opening time {start}; times left out")
        start = end = None
    frequency = "weekly"
    f = str(freq or "WEEKLY").strip().upper()
    try:
        step = int(interval) if interval not in (None, "") else 1
    except (TypeError, ValueError):
        step = 1
    if f.startswith("MONTH"):
        frequency = "monthly"
        if step > 1:
            say(f"schedule: every {step} months is kept as monthly")
    elif step == 2:
        frequency = "fortnightly"
    elif step > 2:
        say(f"schedule: every {step} weeks is kept as weekly")
    text = note.strip() if isinstance(note, str) and note.strip() else None
    if by_week and start and end:
        out = []
        for week, days in by_week.items():
            session: dict[str, Any] = {
                "days": days,
                "start": start,
                "end": end,
                "frequency": frequency,
            }
            if week is not None:
                if frequency == "monthly":
                    session["week_of_month"] = week
                else:
                    say("schedule: a week of the month was given for a weekly session; ignored")
            if text:
                session["note"] = text
            out.append(session)
        return out
    partial = []
    if by_week:
        partial.append("days: " + ", ".join(d for days in by_week.values() for d in days))
    if start or end:
        partial.append(f"{start or '?'} to {end or '?'}")
    if partial:
        say("schedule: days and times incomplete; kept as a note")
        return [{"note": "; ".join([*partial, *([text] if text else [])])}]
    if text:
        return [{"note": text}]
    return []
