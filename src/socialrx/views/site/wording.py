"""Plain-English wording of an asset for the public site: when, cost, who, how to join.

The public reads these pages without a link worker beside them, so every phrase is a
whole sentence in everyday words ("Every Tuesday, 2pm to 3:30pm", "Free", "Just turn
up"), never a field name or a code.

Example:
    >>> from socialrx.model import Session
    >>> when_text(Session(days=["tue"], start="14:00", end="15:30"))
    'Every Tuesday, 2pm to 3:30pm'
    >>> clock("12:00"), clock("09:05")
    ('12 noon', '9:05am')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from socialrx.model import Asset, Cost, Eligibility, Session, months_between
from socialrx.views import phrases
from socialrx.views.phrases import DAY_NAMES
from socialrx.vocabulary import FEATURES, NEEDS, language_name

__all__ = [
    "ACCESS_TEXT",
    "DAY_NAMES",
    "DELIVERY_TEXT",
    "STALE_MONTHS",
    "access_lines",
    "clock",
    "cost_text",
    "date_text",
    "feature_label",
    "freshness_note",
    "join_words",
    "languages_text",
    "need_label",
    "printable",
    "safe_web_link",
    "status_note",
    "tel_link",
    "when_lines",
    "when_text",
    "who_lines",
]

STALE_MONTHS = 12
"""Entries last checked longer ago than this carry a "ring before you go" note."""


DELIVERY_TEXT = {
    "in-person": "In person",
    "outdoor": "Outdoors",
    "phone": "By phone",
    "online": "Online",
    "home-visit": "At home (they visit you)",
}

ACCESS_TEXT = {
    "drop-in": "Just turn up: no need to book or be referred.",
    "self-referral": "Contact them yourself: you do not need a referral.",
    "professional-referral": "A GP, link worker or other professional can refer you.",
    "appointment": "By appointment.",
    "membership": "You join as a member.",
}

# C0/C1 control characters (but tab and newline) and the bidirectional overrides that can
# make text display in a different order from the one it is stored in.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_WEB = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def printable(text: str) -> str:
    r"""``text`` without control characters or direction overrides, which no page should show.

    Example:
        >>> printable("Bell\x07 club\u202e")
        'Bell club'
    """
    return _UNPRINTABLE.sub("", text)


def join_words(items: Iterable[str], last: str = "and") -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def clock(hhmm: str) -> str:
    """A 24-hour time as people say it: ``"14:00"`` → ``"2pm"``, ``"09:30"`` → ``"9:30am"``."""
    hours, minutes = int(hhmm[:2]), int(hhmm[3:])
    if (hours, minutes) == (12, 0):
        return "12 noon"
    if (hours, minutes) == (0, 0):
        return "midnight"
    suffix = "am" if hours < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{suffix}" if minutes == 0 else f"{shown}:{minutes:02d}{suffix}"


def _days(days: Iterable[str]) -> str:
    return join_words(DAY_NAMES[d] for d in days)


def when_text(session: Session) -> str:
    """One session in words, e.g. ``"The first Monday of the month, 10am to 12 noon"``."""
    if not (session.days and session.start and session.end):
        return session.note or ""
    days = _days(session.days)
    if session.frequency == "monthly":
        which = _ORDINAL.get(session.week_of_month or 0)
        often = f"The {which} {days} of the month" if which else f"Once a month on {days}"
    elif session.frequency == "fortnightly":
        often = f"Every other {days}"
    else:
        often = f"Every {days}"
    text = f"{often}, {clock(session.start)} to {clock(session.end)}"
    return f"{text}. {session.note}" if session.note else text


def when_lines(asset: Asset) -> list[str]:
    """Each session of the asset in words (empty when it does not say)."""
    return [text for text in (when_text(s) for s in asset.schedule) if text]


def cost_text(cost: Cost | None) -> str:
    """What it costs as a sentence (the shared phrase); unknown is said plainly, never free."""
    if cost is None:
        return "The cost is not given. Ask before you go."
    text = phrases.cost_text(cost)
    return text if text.endswith(".") else f"{text}."


def _ages(e: Eligibility) -> str | None:
    if e.min_age is not None and e.max_age is not None:
        return f"For people aged {e.min_age} to {e.max_age}."
    if e.min_age is not None:
        return f"For people aged {e.min_age} and over."
    if e.max_age is not None:
        return f"For people aged up to {e.max_age}."
    return None


def who_lines(asset: Asset) -> list[str]:
    """Who it is for: ages, gender, audiences, where people must live, group size."""
    lines: list[str] = []
    e = asset.eligibility
    if e is not None:
        ages = _ages(e)
        if ages:
            lines.append(ages)
        if e.gender in ("women", "men"):
            lines.append(f"For {e.gender} only.")
        if e.for_:
            lines.append(f"Especially for {join_words(e.for_)}.")
    if asset.service_area:
        areas = join_words(asset.service_area, "or")
        strict = (e is not None and e.residents_only) or not asset.place_based
        lines.append(
            f"Only for people who live in {areas}." if strict else f"Mainly for people in {areas}."
        )
    group = asset.group
    if group is not None and group.kind == "one-to-one":
        lines.append("One-to-one support.")
    elif group is not None and group.max_size:
        lines.append(f"In groups of up to {group.max_size} people.")
    if not lines:
        lines.append("Anyone can come.")
    return lines


def access_lines(asset: Asset) -> list[str]:
    """How people get in, most open first."""
    return [ACCESS_TEXT[a] for a in sorted(asset.access, key=list(ACCESS_TEXT).index)]


def need_label(need: str) -> str:
    """The plain label of a need id."""
    return NEEDS[need].label


def feature_label(feature: str) -> str:
    """The plain label of an accessibility feature id."""
    return FEATURES[feature].label


def languages_text(asset: Asset) -> str:
    """The languages it runs in, by name."""
    return join_words(language_name(code) for code in asset.languages)


def date_text(day: date) -> str:
    """A date as people write it: ``14 August 2020``."""
    return f"{day.day} {day:%B %Y}"


def freshness_note(asset: Asset, today: date) -> str | None:
    """A note when the entry has not been checked for over a year."""
    months = months_between(asset.last_verified, today)
    if months < STALE_MONTHS:
        return None
    years, rest = divmod(months, 12)
    ago = f"{years} year{'s' if years > 1 else ''}" + (
        f" and {rest} month{'s' if rest > 1 else ''}" if rest else ""
    )
    return (
        f"Nobody has checked these details for {ago}. "
        "They may have changed: please ring or e-mail before you go."
    )


def status_note(asset: Asset) -> str | None:
    """A clear note when it is not running as usual."""
    extra = f" {asset.status_note}" if asset.status_note else ""
    if asset.status == "temporarily-closed":
        return f"Temporarily closed.{extra}"
    if asset.status in ("inactive", "defunct"):
        return f"No longer running.{extra}"
    return None


def tel_link(phone: str) -> str | None:
    """A ``tel:`` link for a phone number (digits and a leading + only), or None."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return f"tel:{digits}" if re.fullmatch(r"\+?[0-9]{3,15}", digits) else None


def safe_web_link(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address; anything else (``javascript:``…) is None."""
    if url and _WEB.match(url.strip()):
        return url.strip()
    return None
