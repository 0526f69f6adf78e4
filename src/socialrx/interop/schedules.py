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
from datetime import date, datetime, tzinfo
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from socialrx.interop.cleaning import Draft
from socialrx.model import DAYS

__all__ = ["rrule_of", "sessions_from_dates", "sessions_from_rrule", "sessions_from_text"]

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


_OPENS_AT = re.compile(
    r"^\s*(\d{1,2})(?:[:.]?(\d{2}))?(?!\d)(?::\d{2})?\s*(am\b|pm\b|a\.m\.|p\.m\.)?", re.I
)


def _time(value: Any) -> str | None:
    """``HH:MM`` from ``10:00:00``, ``1030``, ``10.30``, ``10am``, ``12pm``, ``2.30 p.m.``."""
    if not isinstance(value, str):
        return None
    m = _OPENS_AT.match(value)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None  # a bare "10" could be either half of the day
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(3).casefold().startswith("p") else 0)
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


def _from_words(by_week: dict[int | None, list[str]], text: str | None) -> list[dict[str, Any]]:
    """Sessions from an entry's description when its fields give only part of them
    (``weekday: Friday`` and "10am to 12 noon").

    An entry that is only a description stays a note, word for word: it may be a note a
    person wrote on purpose ("Ring Monday to Friday, 10am to 12 noon"), and an export
    read back in must be what was written.
    """
    if not text or not by_week:
        return []
    days = " ".join(d for week_days in by_week.values() for d in week_days)
    return sessions_from_text(text) or sessions_from_text(f"{days} {text}") or []


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
        worded = _from_words(by_week, text)
        if worded:
            _say(draft, "schedule: days and times read from the schedule's description")
            return worded
        return _partial(by_week, start, end, text, draft)
    out = []
    for week, days in by_week.items():
        session, ignored = _session(days, week, (start, end), frequency, text)
        if ignored:
            _say(draft, "schedule: a week of the month was given for a weekly session; ignored")
        out.append(session)
    return out


# ------------------------------------------------------------------ free text → sessions

_TEXT_DAYS = {
    **_DAY_NAMES,
    **{f"{name}s": day for name, day in _DAY_NAMES.items() if len(name) > 3},
    "thur": "thu",
    "wednes": "wed",
}
_DAY_GROUPS = {
    "weekdays": DAYS[:5],
    "weekday": DAYS[:5],
    "weekends": DAYS[5:],
    "weekend": DAYS[5:],
    "daily": DAYS,
}
_ORDINALS = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3}
_ORDINALS |= {"4th": 4, "fourth": 4, "5th": 5, "fifth": 5, "last": -1}
_FORTNIGHTLY = frozenset({"fortnightly", "fortnight", "alternate", "other"})
# Words that only say "every week" or join days and times; any other word is kept as a note.
_FILLER = frozenset(
    {"every", "each", "on", "from", "and", "the", "of", "at", "in", "a", "weekly", "week"}
    | {"session", "sessions", "meets", "runs", "held", "month", "monthly", "day", "days"}
    | {"time", "times", "between"}
)
_CLOCK_RANGE = re.compile(
    r"(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?P<s1>am|pm)?\s*"
    r"(?:-|–|—|to|until|till)\s*"
    r"(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?P<s2>am|pm)?(?![\d:])",
    re.I,
)
# "Tuesdays, ages 10-12" is an age range, not a time.
_NOT_TIMES = frozenset({"age", "ages", "aged", "year", "years", "yrs", "olds", "old", "y"})
_DAY_RANGE = re.compile(r"\b([a-z]+)\s*(?:-|–|to|until|till)\s*([a-z]+)\b")


def _hour(hour: int, suffix: str | None) -> int:
    if suffix is None:
        return hour
    return hour % 12 + (12 if suffix.casefold() == "pm" else 0)


def _hours(h1: int, h2: int, s1: str | None, s2: str | None) -> tuple[int, int]:
    """Start and end hours on a 24-hour clock, am/pm given on either, both or neither."""
    if s1 is None and s2 is not None:
        # "10-2pm" starts in the morning; "1.30-4pm" in the afternoon.
        s1 = s2 if _hour(h1, s2) <= _hour(h2, s2) else "am"
    start, end = _hour(h1, s1), _hour(h2, s2)
    if s1 is None and s2 is None:
        if start < 7:  # nobody's group starts at 2 in the morning: "2-4" is the afternoon
            return start + 12, end + 12
        if end <= start and end + 12 < 24:  # "10-2"
            return start, end + 12
    return start, end


def _clock_times(m: re.Match[str]) -> tuple[str, str] | None:
    """Start and end of a range such as ``10-12``, ``1.30pm - 4pm``, ``2-4`` (afternoon)."""
    start, end = _hours(int(m["h1"]), int(m["h2"]), m["s1"], m["s2"])
    if not (0 <= start < end < 24) or int(m["m1"] or 0) > 59 or int(m["m2"] or 0) > 59:
        return None
    return f"{start:02d}:{m['m1'] or '00'}", f"{end:02d}:{m['m2'] or '00'}"


def _text_days(words: str) -> tuple[list[str], list[str]]:
    """The days named in ``words`` (with ranges like ``Mon-Fri``), and the other words."""
    days: list[str] = []

    def day_range(m: re.Match[str]) -> str:
        first, last = _TEXT_DAYS.get(m[1]), _TEXT_DAYS.get(m[2])
        if first is None or last is None:
            return m[0]
        i, j = DAYS.index(first), DAYS.index(last)
        days.extend(DAYS[i : j + 1] if i <= j else (*DAYS[i:], *DAYS[: j + 1]))
        return " "

    rest = []
    for word in re.findall(r"[a-z0-9]+", _DAY_RANGE.sub(day_range, words)):
        if word in _TEXT_DAYS:
            days.append(_TEXT_DAYS[word])
        elif word in _DAY_GROUPS:
            days.extend(_DAY_GROUPS[word])
        else:
            rest.append(word)
    return list(dict.fromkeys(days)), rest


def _one_session(text: str) -> dict[str, Any] | None:
    low = re.sub(r"\b12\s*(?:noon|midday)\b|\b(?:noon|midday)\b", "12pm", text.casefold())
    low = low.replace("every day", "daily").replace("&", " and ").replace("+", " and ")
    ranges = list(_CLOCK_RANGE.finditer(low))
    if len(ranges) != 1 or (times := _clock_times(ranges[0])) is None:
        return None
    days, rest = _text_days(low[: ranges[0].start()] + " " + low[ranges[0].end() :])
    if not days or _NOT_TIMES & set(rest):
        return None
    session: dict[str, Any] = {"days": days, "start": times[0], "end": times[1]}
    session |= _how_often(len(days), rest)
    weeks = [w for w in rest if w in _ORDINALS]
    if any(w not in _KNOWN_WORDS for w in rest) or len(weeks) > 1:
        session["note"] = text.strip()  # "not in August", "term time only": kept word for word
    return session


_KNOWN_WORDS = _FILLER | _FORTNIGHTLY | set(_ORDINALS) | {"pm", "am"}


def _how_often(days: int, words: list[str]) -> dict[str, Any]:
    """``frequency`` (and ``week_of_month``) from the words beside the days and times."""
    weeks = [_ORDINALS[w] for w in words if w in _ORDINALS]
    if len(weeks) == 1 and days == 1:
        return {"frequency": "monthly", "week_of_month": weeks[0]}
    if "monthly" in words or weeks:
        return {"frequency": "monthly"}
    return {"frequency": "fortnightly" if _FORTNIGHTLY & set(words) else "weekly"}


def sessions_from_text(text: str) -> list[dict[str, Any]] | None:
    """Sessions from how people write a timetable, or None when it cannot be read safely.

    Reads ``Tues & Thurs 10-12``, ``Every Wednesday 1.30pm - 4pm``, ``Mon-Fri 9am-5pm``,
    ``1st Saturday of the month 10am-12 noon``, ``Fortnightly Thursdays 2-4``. Several
    sessions may be separated by ``,`` or ``;`` when each has its own time. Hours without
    am/pm are read as a community group's day (``2-4`` is the afternoon); anything the
    reader does not understand (``not in August``) is kept as the session's note. A text
    with no time, or two readings, gives None: it stays a note, never a guess.

    Example:
        >>> sessions_from_text("Tues & Thurs 10-12")
        [{'days': ['tue', 'thu'], 'start': '10:00', 'end': '12:00', 'frequency': 'weekly'}]
        >>> sessions_from_text("1st Saturday of the month 10am-12 noon")[0]["week_of_month"]
        1
        >>> sessions_from_text("Mondays, ring for times") is None
        True
    """
    whole = _one_session(text)
    if whole is not None:
        return [whole]
    parts = [p for p in re.split(r"[;,]|\band\b(?=[^0-9]*\d)", text) if p.strip()]
    if len(parts) < 2:
        return None
    sessions = [_one_session(p) for p in parts]
    return [s for s in sessions if s is not None] if None not in sessions else None


# ------------------------------------------------------------------ dated occurrences → sessions

_LONDON: tzinfo | None
try:
    _LONDON = ZoneInfo("Europe/London")
except ZoneInfoNotFoundError:  # no time zone data on this machine: times are kept as written
    _LONDON = None
_GAPS = {7: "weekly", 14: "fortnightly"}


def _occurrence(start: Any, end: Any) -> tuple[datetime, datetime] | None:
    """A session's start and end as UK wall-clock times, or None when unreadable."""
    try:
        begins = datetime.fromisoformat(str(start).strip())
        ends = datetime.fromisoformat(str(end).strip())
    except ValueError:
        return None
    if _LONDON is not None:
        begins, ends = (t.astimezone(_LONDON) if t.tzinfo else t for t in (begins, ends))
    return (begins, ends) if begins < ends and begins.date() == ends.date() else None


def _say_dates(dates: list[date], start: str, end: str) -> str:
    shown = ", ".join(f"{d:%a} {d.day} {d:%b %Y}" for d in dates[:3])
    more = f" and {len(dates) - 3} more dates" if len(dates) > 3 else ""
    return f"{shown}{more}, {start}-{end}"


def _slot_session(day: str, start: str, end: str, dates: list[date]) -> dict[str, Any]:
    """One weekday-and-time's dates as a session: its frequency from the gap between them."""
    gaps = {(b - a).days for a, b in pairwise(dates)}
    frequency = _GAPS.get(min(gaps)) if gaps else None
    weeks = {(d.day - 1) // 7 + 1 for d in dates}
    if gaps and min(gaps) >= 28 and max(gaps) <= 35 and len(weeks) == 1:
        return {"days": [day], "start": start, "end": end, "frequency": "monthly",
                "week_of_month": weeks.pop()}  # fmt: skip
    if frequency is None:
        return {"note": _say_dates(dates, start, end)}  # one date, or no regular rhythm
    return {"days": [day], "start": start, "end": end, "frequency": frequency}


def sessions_from_dates(occurrences: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """Sessions from the start and end date-times of a series' occurrences.

    OpenActive publishes a series as its dated sessions (``ScheduledSession``,
    ``Slot``). Occurrences on the same weekday and times become one session, weekly or
    fortnightly by the gap between them, monthly when they fall in the same week of each
    month; a single date, or dates with no rhythm, stay a note naming them. Times are
    read as UK clock times.

    Example:
        >>> sessions_from_dates([("2026-05-05T18:00:00+01:00", "2026-05-05T19:00:00+01:00"),
        ...                      ("2026-05-12T17:00:00Z", "2026-05-12T18:00:00Z")])
        [{'days': ['tue'], 'start': '18:00', 'end': '19:00', 'frequency': 'weekly'}]
    """
    by_slot: dict[tuple[str, str, str], set[date]] = {}
    for start, end in occurrences:
        times = _occurrence(start, end)
        if times is not None:
            slot = (DAYS[times[0].weekday()], f"{times[0]:%H:%M}", f"{times[1]:%H:%M}")
            by_slot.setdefault(slot, set()).add(times[0].date())
    sessions: list[dict[str, Any]] = []
    for (day, start, end), dates in sorted(by_slot.items(), key=lambda s: (s[0][1], s[0][0])):
        session = _slot_session(day, start, end, sorted(dates))
        same = next((s for s in sessions if s.get("days") and _same_but_day(s, session)), None)
        if same is not None and session.get("days"):
            same["days"] = sorted({*same["days"], day}, key=DAYS.index)
        else:
            sessions.append(session)
    return sessions


def _same_but_day(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "days"} == {
        k: v for k, v in b.items() if k != "days"
    }
