"""The ring-round call list as text, CSV (for a spreadsheet) or a printable HTML page.

The data comes from :func:`socialrx.calls.call_list`; this module only lays it out.
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
from datetime import date

import jinja2

from socialrx.calls import CallList, parse_age

__all__ = ["CALL_LIST_COLUMNS", "call_list_csv", "call_list_html", "call_list_text"]

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


def call_list_text(calls: CallList) -> str:
    """The call list as plain text for a terminal or an e-mail."""
    lines = [f"Call list: {_summary(calls)}", ""]
    for n, group in enumerate(calls.groups, 1):
        ring = " or ".join(group.phones) or " or ".join(group.emails) or "no phone or e-mail"
        lines.append(f"{n}. {group.organisation} — {ring}")
        for item in group.items:
            status = "" if item.status == "active" else f", {item.status}"
            lines.append(f"   {item.name} [{item.asset_id}] — {item.reason}{status}")
            lines.extend(f"     - {q}" for q in item.questions)
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
                " ".join(item.questions),
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
    return env


def call_list_html(calls: CallList, *, title: str = "Ring-round call list") -> str:
    """The call list as one printable HTML page (each call kept on one printed page)."""
    template = _environment().get_template("call_list.html.j2")
    return template.render(
        calls=calls, title=title, intro=_summary(calls), within=_age(calls.older_than)
    )
