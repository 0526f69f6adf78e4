"""The ring-round call list as text, CSV (for a spreadsheet) or a printable HTML page.

The data comes from :func:`socialrx.calls.call_list`; this module lays it out and
words what to ask about each entry (:func:`questions_for`), from its own sessions,
place and cost.
Every entry shows what to ask, and every call has room to write down what was said,
so a volunteer can print the page, ring round with a pen, and type the results in with
``socialrx verify`` afterwards.

Example:
    >>> from socialrx.calls import call_list
    >>> calls = call_list("assets", older_than="1y")   # doctest: +SKIP
    >>> print(call_list_text(calls))                   # doctest: +SKIP
    Call list: 12 entries, 11 calls, last checked more than 1y ago …
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

import jinja2

from socialrx.calls import CallList, parse_age
from socialrx.model import Asset, Session
from socialrx.views.phrases import DAY_NAMES, money_text

__all__ = [
    "CALL_LIST_COLUMNS",
    "call_list_csv",
    "call_list_html",
    "call_list_text",
    "questions_for",
]

CALL_LIST_COLUMNS = (
    "call",
    "organisation",
    "phone",
    "email",
    "id",
    "name",
    "status",
    "last_verified",
    "months",
    "reason",
    "ask",
    "still_running",
    "notes",
    "file",
)
"""CSV columns, in order. ``still_running`` and ``notes`` are left empty for the caller."""


def _longdate(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _months_ago(months: int) -> str:
    return "this month" if months < 1 else f"{months} month{'s' if months != 1 else ''} ago"


def _age(text: str) -> str:
    """``6m`` → ``6 months``, ``1y`` → ``1 year``."""
    count, unit = parse_age(text)
    word = {"d": "day", "w": "week", "m": "month", "y": "year"}[unit]
    return f"{count} {word}{'s' if count != 1 else ''}"


def _summary(calls: CallList) -> str:
    entries, groups = len(calls.items), len(calls.groups)
    area = f" in {calls.area}" if calls.area else ""
    return (
        f"{entries} entr{'ies' if entries != 1 else 'y'}{area} to check in "
        f"{groups} call{'s' if groups != 1 else ''}: last checked more than "
        f"{_age(calls.older_than)} before {_longdate(calls.today)}, or past the date their "
        "status was due to change. Longest unchecked first."
    )


# ------------------------------------------------------------------ what to ask

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


def _clock(hhmm: str) -> str:
    """``14:00`` → ``2pm``, ``10:30`` → ``10:30am``, ``12:00`` → ``12 noon``."""
    hour, minute = int(hhmm[:2]), hhmm[3:]
    if hour == 12 and minute == "00":
        return "12 noon"
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == "00" else f"{shown}:{minute}{suffix}"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _when(session: Session) -> str:
    """``on Tuesdays at 2pm``, ``every other Friday at 10am``, ``on the first Monday …``."""
    assert session.days is not None and session.start is not None
    names = [DAY_NAMES[d] for d in session.days]
    at = f"at {_clock(session.start)}"
    if session.frequency == "monthly":
        which = _ORDINALS.get(session.week_of_month or 0, "")
        days = _and(names)
        return f"on the {which} {days} of the month {at}" if which else f"monthly on {days} {at}"
    if session.frequency == "fortnightly":
        return f"every other {_and(names)} {at}"
    return f"on {_and([n + 's' for n in names])} {at}"


def _where(asset: Asset) -> str:
    if not asset.place_based or not asset.locations:
        if "phone" in asset.delivery:
            return " by phone"
        return " online" if "online" in asset.delivery else ""
    place = asset.locations[0]
    if place.name:
        return f" at {place.name}"
    if place.address:
        return f" at {place.address}"
    return f" near {place.postcode}" if place.postcode else ""


def _cost_question(asset: Asset) -> str:
    cost = asset.cost
    if cost is None:
        return "What does it cost, if anything?"
    if cost.free:
        return "Is it still free?"
    assert cost.amount is not None
    amount = money_text(cost.amount).removesuffix(".00")
    return f"Is it still {amount} a {cost.per}?"


def questions_for(asset: Asset) -> list[str]:
    """What to ask about an entry on a call, composed from its own details.

    Example:
        >>> from socialrx.catalogue import load_asset
        >>> asset = load_asset("assets/lytham-st-annes/just-good-friends.yaml")  # doctest: +SKIP
        >>> questions_for(asset)[:2]                                              # doctest: +SKIP
        ['Are you still meeting on Tuesdays at 2pm at Ashton Gardens?', 'Is it still free?']
    """
    asked: list[str] = []
    if asset.status == "temporarily-closed":
        until = (
            f" (we have you closed until {asset.status_until:%-d %B %Y})"
            if (asset.status_until)
            else ""
        )
        asked.append(f"Have you started again, or when do you expect to?{until}")
    elif asset.status == "inactive":
        asked.append("Is it running again, or has it stopped for good?")
    where = _where(asset)
    timed = [s for s in asset.schedule if s.days and s.start]
    for session in timed[:3]:
        asked.append(f"Are you still meeting {_when(session)}{where}?")
    if not timed:
        asked.append(f"Is it still running{where}? When does it meet?")
    if len(asset.locations) > 1:
        asked.append(f"Is it still at all {len(asset.locations)} places listed?")
    asked.append(_cost_question(asset))
    contact = asset.contact
    if contact is not None and contact.phone:
        asked.append(f"Is {contact.phone} still the best number for people to ring?")
    if asset.status_note:
        asked.append(f"Is this still true: “{asset.status_note}”?")
    return asked


def call_list_text(calls: CallList) -> str:
    """The call list as plain text for a terminal or an e-mail."""
    lines = [f"Call list: {_summary(calls)}", ""]
    for n, group in enumerate(calls.groups, 1):
        ring = " or ".join(group.phones) or " or ".join(group.emails) or "no phone or e-mail"
        lines.append(f"{n}. {group.organisation} — {ring}")
        for item in group.items:
            status = "" if item.status == "active" else f", {item.status}"
            lines.append(f"   {item.name} [{item.asset_id}] — {item.reason}{status}")
            lines.extend(f"     - {q}" for q in questions_for(item.asset))
        lines.append("")
    if not calls.groups:
        lines.append(
            f"Nothing is due a check: every entry was checked within {_age(calls.older_than)}."
        )
    lines.extend(f"skipped: {s}" for s in calls.skipped)
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def call_list_csv(calls: CallList) -> str:
    """The call list as CSV, one row per entry, rows of one call together."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CALL_LIST_COLUMNS)
    for n, group in enumerate(calls.groups, 1):
        for item in group.items:
            row = (
                n,
                group.organisation,
                " / ".join(group.phones),
                " / ".join(group.emails),
                item.asset_id,
                item.name,
                item.status,
                item.last_verified.isoformat(),
                item.months,
                item.reason,
                " ".join(questions_for(item.asset)),
                "",
                "",
                item.path,
            )
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("socialrx.views", "templates"),
        autoescape=True,  # every value is escaped: entries are written by volunteers
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["longdate"] = _longdate
    env.filters["months_ago"] = _months_ago
    env.filters["questions"] = questions_for
    return env


def call_list_html(calls: CallList, *, title: str = "Ring-round call list") -> str:
    """The call list as one printable HTML page (each call kept on one printed page)."""
    template = _environment().get_template("call_list.html.j2")
    return template.render(
        calls=calls, title=title, intro=_summary(calls), within=_age(calls.older_than)
    )
