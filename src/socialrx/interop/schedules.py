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


def _say(draft: Draft | None, text: str) -> None:
    if draft is not None:
        draft.note(text)


def _day(token: str) -> tuple[str | None, int | None]:
    """The day and week of the month one ``byday`` token names (``2TU``, ``Weds``)."""
    m = _TOKEN.match(token)
    if not m:
        return None, None
    word = m.group(2).casefold()
    day = _FROM_ICAL.get(word.upper()) or _DAY_NAMES.get(word)
    return day, int(m.group(1)) if m.group(1) else None


def _days_by_week(byday: Any, draft: Draft | None) -> dict[int | None, list[str]]:
    """Days grouped by week of the month (None for every week), in the order given."""
    by_week: dict[int | None, list[str]] = {}
    if not isinstance(byday, str):
        return by_week
    for token in re.split(r"[,\s;]+", byday.strip()):
        if not token:
            continue
        day, week = _day(token)
        if day is None:
            _say(draft, f"schedule: day '{token}' not understood; left out")
            continue
        if week not in (None, 1, 2, 3, 4, 5, -1):
            _say(draft, f"schedule: week {week} of the month not supported; left out")
            week = None
        days = by_week.setdefault(week, [])
        if day not in days:
            days.append(day)
    return by_week


def _times(opens_at: Any, closes_at: Any, draft: Draft | None) -> tuple[str | None, str | None]:
    start, end = _time(opens_at), _time(closes_at)
    if start and end and end <= start:
        _say(
            draft, f"schedule: closing time {end} is not after opening time {start}; times left out"
        )
        return None, None
    return start, end


def _frequency(freq: Any, interval: Any, draft: Draft | None) -> str:
    """weekly, fortnightly or monthly from RRULE ``freq`` and ``interval``."""
    try:
        step = int(interval) if interval not in (None, "") else 1
    except (TypeError, ValueError):
        step = 1
    if str(freq or "WEEKLY").strip().upper().startswith("MONTH"):
        if step > 1:
            _say(draft, f"schedule: every {step} months is kept as monthly")
        return "monthly"
    if step == 2:
        return "fortnightly"
    if step > 2:
        _say(draft, f"schedule: every {step} weeks is kept as weekly")
    return "weekly"


def _session(
    days: list[str], week: int | None, times: tuple[str, str], frequency: str, text: str | None
) -> tuple[dict[str, Any], bool]:
    """One session, and whether a week of the month had to be ignored."""
    session: dict[str, Any] = {
        "days": days,
        "start": times[0],
        "end": times[1],
        "frequency": frequency,
    }
    ignored = week is not None and frequency != "monthly"
    if week is not None and not ignored:
        session["week_of_month"] = week
    if text:
        session["note"] = text
    return session, ignored


def _partial(
    by_week: dict[int | None, list[str]],
    start: str | None,
    end: str | None,
    text: str | None,
    draft: Draft | None,
) -> list[dict[str, Any]]:
    """A note-only session for an entry whose days or times are missing."""
    partial = []
    if by_week:
        partial.append("days: " + ", ".join(d for days in by_week.values() for d in days))
    if start or end:
        partial.append(f"{start or '?'} to {end or '?'}")
    if partial:
        _say(draft, "schedule: days and times incomplete; kept as a note")
        return [{"note": "; ".join([*partial, *([text] if text else [])])}]
    return [{"note": text}] if text else []


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
    by_week = _days_by_week(byday, draft)
    start, end = _times(opens_at, closes_at, draft)
    frequency = _frequency(freq, interval, draft)
    text = note.strip() if isinstance(note, str) and note.strip() else None
    if not (by_week and start and end):
        return _partial(by_week, start, end, text, draft)
    out = []
    for week, days in by_week.items():
        session, ignored = _session(days, week, (start, end), frequency, text)
        if ignored:
            _say(draft, "schedule: a week of the month was given for a weekly session; ignored")
        out.append(session)
    return out
