"""Cleaning messy directory data into socialrx fields, and saying what was changed.

Real feeds hold HTML in descriptions, empty strings for nulls, enum values in any
case and spelling (``Venue``, ``Self referral``, ``home visit``), ``-1`` for an
unknown age and coordinates with latitude and longitude swapped. Every function
here is forgiving about its input and exact about its output; each importer
records a plain-English note for every change in :attr:`Draft.cleaned`. The label
tables and value converters every format shares are in :mod:`~socialrx.interop.fields`.

Example:
    >>> html_to_text("<p>Tea &amp; chat</p><ul><li>Tuesdays</li></ul>")
    'Tea & chat\\n\\n- Tuesdays'
    >>> check_point(-0.64, 53.59)[0]
    (53.59, -0.64)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from html.parser import HTMLParser
from typing import Any

from socialrx.model import DELIVERY
from socialrx.need_words import infer_needs, physical_activity_in
from socialrx.vocabulary import FEATURES, resolve_feature

__all__ = [
    "SESSION_DATES",
    "Draft",
    "amount_of",
    "check_point",
    "clean_email",
    "clean_phone",
    "clean_text",
    "dated_sessions",
    "delivery_from_text",
    "features_from_text",
    "html_to_text",
    "infer_needs",
    "looks_like_html",
    "physical_activity_in",
    "postcodes_in",
    "summary_from",
]


@dataclass
class Draft:
    """One input record on its way to becoming an asset.

    Importers fill ``data`` with asset fields as plain data and explain every
    change in ``cleaned``; :func:`socialrx.interop.importing.import_drafts`
    finishes the job (needs, places, validation) and decides where it goes.
    """

    system: str
    index: int
    source_id: str | None = None
    url: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    """Free text (name, description) that needs may be inferred from."""
    hints: list[str] = field(default_factory=list)
    """Category words (taxonomy terms, audiences) that count more than free text."""
    cleaned: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    preferred_id: str | None = None
    verified_from: str | None = None
    foreign_places: int = 0
    """Places given outside the United Kingdom (they are dropped)."""
    unlocated: list[str] = field(default_factory=list)
    """Addresses given that could not be located (kept in the text, never dropped)."""
    not_recorded: list[str] = field(default_factory=list)
    """Fields the source does not give (``needs``, ``delivery``): left out, not invented."""
    deleted: bool = False
    """The feed says the record was deleted (RPDE ``state: deleted``)."""
    feed_notes: list[str] = field(default_factory=list)
    """Warnings about the whole feed (set on its first draft), e.g. one page of many."""
    part_of_feed: bool = False
    """The input holds only part of its feed (one API page, one service, an RPDE page):
    a file an earlier import wrote is not "gone upstream" because it is not here."""

    def note(self, text: str) -> None:
        """Record a cleaning step (once)."""
        if text not in self.cleaned:
            # Most notes repeat across records; one copy of each keeps large imports small.
            self.cleaned.append(sys.intern(text))

    def infer(self, name: str) -> None:
        """Mark a field as guessed rather than read."""
        if name not in self.inferred:
            self.inferred.append(name)


# ------------------------------------------------------------------ text


_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&[a-zA-Z]+;|&#\d+;")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
"""Characters that show as nothing: zero-width spaces and joiners, BOMs, soft hyphens."""


def looks_like_html(text: str) -> bool:
    """True when the text holds tags or character entities."""
    return bool(_TAG.search(text))


def html_to_text(text: str) -> str:
    """Plain text from HTML: tags removed, entities decoded, one blank line at most.

    List items become ``- item`` lines so the text stays readable in a YAML file.
    """
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    raw = unescape("".join(parser.parts)).replace("\xa0", " ").replace("\r", "")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    out: list[str] = []
    for line in lines:
        if line.startswith("- ") and len(out) > 1 and not out[-1] and out[-2].startswith("- "):
            out.pop()  # keep list items together
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def clean_text(value: Any, draft: Draft, label: str) -> str | None:
    """Blank → None, HTML → plain text, trimmed; notes what changed."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    # Zero-width spaces and soft hyphens pasted from web pages are invisible in a file
    # but break words ("​​At Citizens Advice") for search and for people reading.
    value = value.translate(_INVISIBLE)
    if not value.strip():
        if value:
            draft.note(f"{label}: empty text treated as missing")
        return None
    if looks_like_html(value):
        text = html_to_text(value).translate(_INVISIBLE)  # "&#8203;" is one too
        draft.note(f"{label}: HTML converted to plain text")
    else:
        text = "\n".join(" ".join(line.split()) for line in value.strip().splitlines())
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text != value:
            draft.note(f"{label}: spaces trimmed")
    return text or None


def _heading(line: str) -> bool:
    """A short line in title case followed by more text is a heading ("About Us",
    "What We Do", "Opening times:"); a short sentence in a sheet's cell that runs on
    onto the next line ("Knitting and a chat") is not."""
    words = line.rstrip(":").split()
    if len(words) > 4 or line.endswith((".", "!", "?")):
        return False
    return line.endswith(":") or all(w[:1].isupper() for w in words if len(w) > 3)


def summary_from(description: str | None, name: str) -> str:
    """A one-line summary (≤ 200 characters): the description's first sentence, or the name."""
    if not description:
        return name[:200]
    lines = [line.strip() for line in description.strip().split("\n") if line.strip()]
    while len(lines) > 1 and _heading(lines[0]):
        lines.pop(0)
    first = lines[0] if lines else ""
    sentence = re.split(r"(?<=[.!?])\s+", first)[0].strip().lstrip("- ").strip()
    if not sentence:
        return name[:200]
    if len(sentence) > 200:
        cut = sentence[:197].rsplit(" ", 1)[0].rstrip(",;:")
        sentence = cut + "..."
    return sentence


# ------------------------------------------------------------------ delivery


# Phrases in free text that say how people take part. Deliberately narrow: a phone
# number in a description does not make a service a phone service.
_DELIVERY_PHRASES = (
    (
        "in-person",
        re.compile(
            r"\b(in[- ]person|face[- ]to[- ]face|at (the|our) venue|walk[- ]?ins?(?-i:(?![a-z])))",
            re.I,
        ),
    ),
    (
        "online",
        re.compile(
            r"\b(video[- ]conferenc\w*|via zoom|on zoom|over zoom|online "
            r"(sessions?|classes|class|courses?|groups?|meetings?|support|chat)|"
            r"virtual(ly)? (sessions?|groups?|meetings?)|remotely via video)\b",
            re.I,
        ),
    ),
    (
        "phone",
        re.compile(
            r"\b(help ?line|hotline|crisis line|advice line|support line|phone line|"
            r"telephone (support|befriending|calls?)|phone (support|befriending|calls?)|"
            r"over the (tele)?phone|by (tele)?phone|we('ll| will)? (ring|call|phone) you)\b",
            re.I,
        ),
    ),
    (
        "home-visit",
        re.compile(
            r"\b(home visits?|visit(s)? you (at|in your) home|in your own "
            r"home)\b",
            re.I,
        ),
    ),
)


# Sentences about buying tickets or getting in touch say how to book, not how the
# service is delivered ("tickets in person or over the phone").
_BOOKING = re.compile(
    r"\b(tickets?|book\w*|buy\w*|purchas\w*|enquir\w*|contact\w*|"
    r"call\w*|ring|email|e-mail)\b",
    re.I,
)


_WE_CALL = re.compile(r"\bwe('ll| will)? (ring|call|phone) you\b", re.I)
"""A service that rings people ("we ring you every week") is delivered by phone, though
"ring" is also a booking word."""


def delivery_from_text(text: str) -> list[str]:
    """Delivery modes that free text clearly states, in vocabulary order.

    Example:
        >>> delivery_from_text("Support over the phone. Tickets in person or by phone.")
        ['phone']
        >>> delivery_from_text("We ring you every week for a chat.")
        ['phone']
    """
    sentences = [
        s
        for s in re.split(r"(?<=[.!?])\s+|\n", text)
        if not _BOOKING.search(_WE_CALL.sub("", s))  # "we will call you to book" is booking
    ]
    kept = "\n".join(sentences)
    found = {mode for mode, pattern in _DELIVERY_PHRASES if pattern.search(kept)}
    return [m for m in DELIVERY if m in found]


# ------------------------------------------------------------------ cost

_AMOUNT = re.compile(r"^\s*£?\s*(\d+(?:\.\d+)?)\s*$")


def amount_of(value: Any) -> float | None:
    """A price in pounds from a number or a text such as ``"5.00"`` or ``"£5"``, else None.

    Feeds write prices as JSON numbers or as text; negative, infinite and
    non-numeric values are not prices.

    Example:
        >>> amount_of("5.00"), amount_of(3), amount_of("£2.50"), amount_of("free"), amount_of(True)
        (5.0, 3.0, 2.5, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and _AMOUNT.match(value):
        number = float(_AMOUNT.match(value).group(1))  # type: ignore[union-attr]
    else:
        return None
    return number if 0 <= number < float("inf") else None


SESSION_DATES = {"valid_from": "_from", "valid_to": "_until"}
"""Private keys a reader may put in a schedule session: the first and last date it runs
(a feed's ``valid_from`` / ``valid_to``, ``startDate`` / ``endDate``). Finishing the
entry (:func:`dated_sessions`) reads them and removes them."""


def _when(session: dict[str, Any]) -> str:
    """A session in words: "Tue, Thu 14:00-15:00 fortnightly"."""
    days = ", ".join(d.capitalize() for d in session.get("days", []))
    week = session.get("week_of_month")
    which = f" (week {week} of the month)" if week else ""
    return f"{days} {session.get('start')}-{session.get('end')} {session.get('frequency')}{which}"


def _ended(session: dict[str, Any], until: date) -> str:
    """A session that ended, in words: kept for people to read, as a note only, so
    matching never takes it as running ("Thu 19:00-23:00 weekly, ended 17 Oct 2020")."""
    ended = f"ended {_day(until)}"
    note = session.get("note")
    if not session.get("days"):
        return f"{note} ({ended})" if note else ended
    said = f"{_when(session)}, {ended}"
    return f"{said} ({note})" if note else said


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"  # "5 Mar 2025" (no %-d: not on Windows)


def dated_sessions(sessions: list[Any], today: date, draft: Draft) -> list[Any]:
    """The sessions, as they stand on ``today``: one that ended becomes a note saying
    when it ran and that it ended (so matching never takes it as running, and people
    still read it); one that starts later, or ends, says so in its note."""
    kept = []
    for session in sessions:
        if not isinstance(session, dict):
            kept.append(session)
            continue
        start = session.pop(SESSION_DATES["valid_from"], None)
        until = session.pop(SESSION_DATES["valid_to"], None)
        if until is not None and until < today:
            kept.append({"note": _ended(session, until)})
            draft.note(f"schedule: a session that ended on {until.isoformat()} kept as a note")
            continue
        words = [f"from {_day(start)}" if start and start > today else ""]
        words.append(f"until {_day(until)}" if until else "")
        said = " ".join(w for w in words if w)
        if said and session.get("days"):
            session["note"] = f"{session['note']}; {said}" if session.get("note") else said
        kept.append(session)
    return kept


_LOST_ZERO = re.compile(r"^(?:44)?([1-37-9]\d{9})$")
"""A UK number kept in a number cell: its leading 0 is gone (1134960003), or it was
written without the + of +44 (441134960003). 10 digits after that, as UK numbers have."""


def clean_phone(value: Any, draft: Draft) -> str | None:
    """A phone number as a person would dial it in the UK, or None when there is none.

    A spreadsheet's number cell drops the leading 0 (``1134960003``) and a JSON number
    has none; the digits get their 0 back, with a note. ``+44``, brackets and spaces are
    kept as written (``check`` reads them).

    Example:
        >>> clean_phone(1134960003, Draft("x", 1)), clean_phone("(0113) 496 0002", Draft("x", 1))
        ('01134960003', '(0113) 496 0002')
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(_INVISIBLE).strip()
    lost = _LOST_ZERO.match(re.sub(r"[\s-]", "", text))
    if lost:
        draft.note("contact.phone: the leading 0 was lost (a number cell); put back")
        return "0" + lost[1]
    return text or None


_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}")


def clean_email(value: Any, draft: Draft) -> str | None:
    """The e-mail address in a feed's field, or None (with a note) when there is none.

    Real feeds paste addresses from web pages: a zero-width space in front, ``mailto:``,
    a full stop after (``young.voice@example.org.``), two addresses in one field. The
    first whole address is kept; the rest is noted, never silently lost.

    Example:
        >>> clean_email("\u200bmailto:hello@example.org.", Draft("x", 1))
        'hello@example.org'
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.translate(_INVISIBLE).strip()
    found = _EMAIL.search(text)
    if found is None:
        draft.note("contact.email: not an e-mail address; left out")
        return None
    email = found.group(0).rstrip(".")
    if email != text:
        draft.note("contact.email: tidied (invisible characters, 'mailto:' or punctuation)")
    return email


# ------------------------------------------------------------------ features


# Words venues use that the vocabulary does not list (US and UK spellings).
_EXTRA_FEATURE_WORDS = {
    "step-free": ("ramp", "ramped access", "lift", "lifts", "elevator"),
    "accessible-toilet": ("accessible restroom", "restroom", "disabled toilet"),
    # The vocabulary has no braille feature; large print is its nearest kin (information
    # in a form for people with sight loss). The original text stays in the description.
    "large-print": ("braille",),
}


def _feature_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for feat in FEATURES.values():
        words = {
            feat.id.replace("-", " "),
            feat.label.casefold(),
            *feat.synonyms,
            *_EXTRA_FEATURE_WORDS.get(feat.id, ()),
        }
        words.discard("bus")  # "bus" alone appears in directions, not accessibility
        alternatives = "|".join(
            sorted((re.escape(w).replace(r"\ ", r"[\s\-]+") for w in words), key=len, reverse=True)
        )
        out.append((feat.id, re.compile(rf"\b(?:{alternatives})s?\b", re.I)))
    return out


_FEATURES = _feature_patterns()


def features_from_text(text: str) -> list[str]:
    """Accessibility feature ids named in a sentence, in vocabulary order.

    Example:
        >>> features_from_text("Induction loops fitted. Wheelchair access on all levels.")
        ['wheelchair-accessible', 'hearing-loop']
    """
    exact = resolve_feature(text)
    if exact:
        return [exact]
    return [fid for fid, pattern in _FEATURES if pattern.search(text)]


# ------------------------------------------------------------------ places

# A generous box around the United Kingdom, for sanity checks.
_UK_LAT = (49.5, 61.0)
_UK_LON = (-8.8, 2.0)


def _in_uk(lat: float, lon: float) -> bool:
    return _UK_LAT[0] <= lat <= _UK_LAT[1] and _UK_LON[0] <= lon <= _UK_LON[1]


def check_point(lat: Any, lon: Any) -> tuple[tuple[float, float] | None, str | None]:
    """Sanity-check coordinates: ``((lat, lon), note)``, or ``(None, reason)`` to drop them.

    A pair that only makes sense swapped ([lon, lat], common in GeoJSON-minded feeds)
    is swapped back, with a note.

    Example:
        >>> check_point(-0.64, 53.59)
        ((53.59, -0.64), 'latitude and longitude were swapped; swapped back')
    """
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return None, f"coordinates ({lat}, {lon}) are not numbers"
    if la != la or lo != lo:  # NaN
        return None, "coordinates are not numbers"
    if la == 0 and lo == 0:
        return None, "coordinates (0, 0) are a placeholder, not a place"
    if _in_uk(la, lo):
        return (la, lo), None
    if _in_uk(lo, la):
        return (lo, la), "latitude and longitude were swapped; swapped back"
    return None, f"coordinates ({lat}, {lon}) are not in the United Kingdom"


_POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})\b")


def postcodes_in(text: str) -> list[str]:
    """Full UK-shaped postcodes mentioned in free text, normalised, in order."""
    seen: list[str] = []
    for m in _POSTCODE_IN_TEXT.finditer(text.upper()):
        code = f"{m.group(1)} {m.group(2)}"
        if code not in seen:
            seen.append(code)
    return seen
