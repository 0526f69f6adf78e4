"""Plain-English pieces every sentence of a match shares: lists, distances, prices.

Example:
    >>> join_or(["phone", "online", "in person"]), km(4.83)
    ('phone, online or in person', '4.8 km')
    >>> km_beyond(2.04, 2), price_text(Cost(amount=3.5, per="week"))
    ('2.04 km', '£3.50 a week')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from socialrx.model import Cost
from socialrx.vocabulary import NEEDS, data_json, language_name, raw_words, stem

__all__ = [
    "AS_COMPANY",
    "HOW",
    "NOTHING_HERE",
    "SHARES",
    "ages_text",
    "audience_text",
    "in_brackets",
    "join_and",
    "join_or",
    "km",
    "km_beyond",
    "languages_text",
    "matched",
    "meant",
    "need_text",
    "open_to_all",
    "price_text",
    "said_span",
    "shared_words",
    "ways_text",
    "with_note",
]

HOW = {
    "in-person": "in person",
    "outdoor": "outdoors",
    "phone": "by phone",
    "online": "online",
    "home-visit": "with a home visit",
}
"""How a person takes part, in words ("you can join by phone"; never ``home-visit``), in
the order they are said."""


def ways_text(ways: Iterable[str]) -> str:
    """Ways of taking part in words, in :data:`HOW`'s order: ``"in person or by phone"``."""
    return join_or([HOW[w] for w in sorted(ways, key=list(HOW).index)])


_JOINED = ("and ", "or ", "& ")
"""How an item that joins itself on begins ("and their families")."""


def _grouped(items: Sequence[str]) -> bool:
    """Whether an item holds its own "and" or commas ("money, debt and benefits"), so the
    list needs a comma before its last word to show where each item ends."""
    return any(" and " in x or "," in x for x in items)


def join_or(given: Sequence[str]) -> str:
    """``a, b or c``; ``a and b, or c`` when an item holds its own "and".

    Example:
        >>> join_or(["loneliness and isolation", "food"])
        'loneliness and isolation, or food'
    """
    items = list(given)
    if len(items) <= 1:
        return "".join(items)
    if items[-1].casefold().startswith(_JOINED):
        return ", ".join(items)  # never "or and their carers"
    last = ", or " if _grouped(items) else " or "
    return ", ".join(items[:-1]) + last + items[-1]


def join_and(items: Sequence[str]) -> str:
    """``a, b and c``; ``a, and b and c`` when an item holds its own "and", so nobody
    reads "housing, food and money, debt and benefits" as five things; a last item that
    already begins with "and" keeps its own word.

    Example:
        >>> join_and(["veterans", "serving armed forces", "and their partners"])
        'veterans, serving armed forces, and their partners'
        >>> join_and(["creativity", "loneliness and isolation"])
        'creativity, and loneliness and isolation'
    """
    items = list(items)
    if len(items) == 1:
        return items[0]
    if items[-1].casefold().startswith(_JOINED):
        return ", ".join(items)  # "people in recovery, and their families": not "and and"
    last = ", and " if _grouped(items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


_INNER = re.compile(r" \(([^()]*)\)")


def in_brackets(text: str) -> str:
    """``(text)``, its own brackets turned into commas, so brackets never nest.

    Example:
        >>> in_brackets("Wed 19:00–21:00 (fortnightly)")
        '(Wed 19:00–21:00, fortnightly)'
    """
    return "(" + _INNER.sub(r", \1", text) + ")"


def with_note(text: str, note: str) -> str:
    """``text (note)``, or the note inside a bracket that already ends the text, so two
    brackets never stand side by side.

    Example:
        >>> with_note("'football' matches activity 'walking football' (one kind of football)",
        ...           "counted at half")
        "'football' matches activity 'walking football' (one kind of football; counted at half)"
    """
    if text.endswith(")"):
        return f"{text[:-1]}; {note})"
    return f"{text} ({note})"


def km(value: float) -> str:
    """A distance in words: ``"4.8 km"``; a venue at the door is ``"under 0.1 km"``,
    never ``"0.0 km"``."""
    return "under 0.1 km" if value < 0.05 else f"{value:.1f} km"


def km_beyond(value: float, limit: float) -> str:
    """A distance beyond ``limit``, with enough decimals that it reads as beyond it.

    ``2.04`` against a 2 km limit is ``"2.04 km"``, never ``"2.0 km"``.
    """
    for places in (1, 2, 3):
        text = f"{value:.{places}f}"
        if float(text) > limit:
            return f"{text} km"
    return f"{value:.4f} km"


_PER = {"session": "a session", "week": "a week", "month": "a month", "year": "a year"}


def price_text(cost: Cost) -> str:
    """A price in the unit the organisers gave: ``"£3.50 a week"``, ``"£20.00 once"``."""
    if cost.free or not cost.amount:
        return "Free"
    unit = _PER.get(cost.per or "session", "once")
    return f"£{cost.amount:.2f} {unit}"


def ages_text(lo: int | None, hi: int | None) -> str:
    """Who an age limit is for, in words: ``For people aged 60 and over``."""
    if lo is not None and hi is not None:
        return f"For people aged {lo} to {hi}"
    if lo is not None:
        return f"For people aged {lo} and over"
    return f"For people aged up to {hi}"


def languages_text(languages: Sequence[str]) -> str:
    """The language a group is mainly run in (the first listed), and its others.

    Example:
        >>> languages_text(["vi", "en"]), languages_text(["pl"])
        ('Vietnamese (also English)', 'Polish')
    """
    others = [language_name(x) for x in languages[1:]]
    also = f" (also {join_and(others)})" if others else ""
    return f"{language_name(languages[0])}{also}"


@cache
def _anyone() -> frozenset[str]:
    """Words that name people as such ("people", "everyone", "adults", "women"), with
    their plurals: ``data/people.json``'s words for anyone (from WordNet)."""
    words = {*data_json("people.json")["anyone"], "those", "who", "all"}
    plurals = {w + s for w in words for s in ("s", "es")} | {w[:-1] + "ies" for w in words}
    return frozenset(words | plurals | {"women", "men", "children", "gentlemen", "wives"})


_WORDS = re.compile(r"[a-z0-9+']+")
_ADJECTIVE_ENDINGS = ("ed", "less", "bound")
"""How a word that describes people without naming them ends: "bereaved", "widowed",
"disabled", "homeless", "housebound". Said alone after "for" it needs "people"."""


def _who(item: str) -> str:
    """One ``eligibility.for`` entry said as people: a lone description ("bereaved",
    "recently bereaved") is "bereaved people"; any other entry ("carers", "people in
    recovery", "in hospital or housebound", which follows another) stays as written."""
    said = _WORDS.findall(item.casefold())
    lone = len(said) == 1 or (len(said) == 2 and said[0].endswith("ly"))
    if not lone or set(said) & _anyone():
        return item  # "the recently widowed", "in hospital or housebound": as written
    return f"{item} people" if said[-1].endswith(_ADJECTIVE_ENDINGS) else item


def audience_text(items: Sequence[str]) -> str:
    """Who a group is for, in the organisers' words, each said as people.

    Example:
        >>> audience_text(["bereaved"]), audience_text(["carers", "recently widowed"])
        ('bereaved people', 'carers and recently widowed people')
    """
    return join_and([_who(x) for x in items])


def open_to_all(item: str) -> bool:
    """Whether an ``eligibility.for`` entry only says a group is open to anyone
    ("everyone", "all", "anyone"): nothing to check, so never a caution.

    Example:
        >>> open_to_all("everyone"), open_to_all("All welcome"), open_to_all("carers")
        (True, True, False)
    """
    said = set(raw_words(item))
    return bool(said) and said <= _anyone() | {"welcome", "open", "to", "is", "are"}


_HELP_WITH = {
    "practical-help": "practical tasks",
    "carers": "caring for someone",
    "families": "family life",
}
"""Needs whose label already says help ("Practical help", "Support for carers"): after
"Helps with" they are said as what is helped with, never "helps with practical help"."""


def need_text(need: str) -> str:
    """A need as what an asset helps with: ``"loneliness and isolation"``, ``"practical
    tasks"`` (never "helps with practical help")."""
    if need in _HELP_WITH:
        return _HELP_WITH[need]
    return NEEDS[need].label.lower() if need in NEEDS else need


# ------------------------------------------------------- what a person's phrase met (words15)

_TYPED = re.compile(r"[^\W_]+")
"""A word as the person typed it, for quoting them."""


def said_span(text: str, stems: Iterable[str]) -> str | None:
    """The shortest run of ``text``, as typed, whose words hold every one of ``stems``:
    the person's own words for a phrase of the vocabulary found in them, so a reason
    quotes only what was said. ``None`` when the words are not all there (a typo fixed).

    Example:
        >>> said_span("the old pit days", ["old", "day"]), said_span("walking the dog", ["dog"])
        ('old pit days', 'dog')
        >>> said_span("singing old songs", ["sing", "song"]) is None, said_span("a chat", ["tea"])
        (False, None)
    """
    wanted = set(stems)
    found = [(m.start(), m.end(), stem(m[0])) for m in _TYPED.finditer(text)]
    best: tuple[int, int] | None = None
    for a, (start, _, _) in enumerate(found):
        missing = set(wanted)
        for end_at in range(a, len(found)):
            missing.discard(found[end_at][2])
            if not missing:
                end = found[end_at][1]
                if best is None or end - start < best[1] - best[0]:
                    best = (start, end)
                break
    return None if best is None or not wanted else _closed(text, *best)


def _closed(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to the brackets it opens or closes, so a quote of the
    person's words never leaves one open: "silai (sewing" is "silai (sewing)"."""
    while text.count("(", start, end) > text.count(")", start, end):
        shut = text.find(")", end)
        if shut < 0:
            break
        end = shut + 1
    while text.count(")", start, end) > text.count("(", start, end):
        opened = text.rfind("(", 0, start)
        if opened < 0:
            break
        start = opened
    return text[start:end]


SHARES = "shares "
"""How a reason begins that met an activity on some of the person's words, not all."""
NOTHING_HERE = ": nothing here offers it"
"""How a reason begins that offers another activity for one nothing here offers."""
AS_COMPANY = ": "
"""How a reason begins that says what an activity is to the person, not that it
matches: "'a natter': activity 'talks' is company, though not a chat"."""


def shared_words(count: int, phrase: str) -> str:
    """What met an activity on ``count`` of the person's words, not all of them: never
    "matches", as "'sea swimming' matches activity 'sea shanties'" is false.

    Example:
        >>> shared_words(1, "sea shanties")
        "shares a word with activity 'sea shanties'"
    """
    return f"{SHARES}{'a word' if count == 1 else 'words'} with activity '{phrase}'"


def matched(said: str, what: str) -> str:
    """One phrase of the person and what it met, in one sentence: "'knitting' matches
    activity 'knitting'"; what met on some words or stands in for what nothing offers
    says how (:func:`shared_words`, :data:`NOTHING_HERE`), never "matches".

    Example:
        >>> matched("'sea swimming'", shared_words(1, "sea shanties"))
        "'sea swimming' shares a word with activity 'sea shanties'"
        >>> matched("'dancing'", "activity 'dance'")
        "'dancing' matches activity 'dance'"
    """
    if what.startswith((NOTHING_HERE, AS_COMPANY)):
        return said + what
    if what.startswith(SHARES):
        return f"{said} {what}"
    return f"{said} matches {what}"


def meant(
    said: str, text: str, phrase: str, reading: str, what: str, *, one_of_several: bool = False
) -> str:
    """A phrase of the person read through an everyday phrase's meaning: "'footy' means
    football: matches activity 'football'". A part of what they said is quoted in their
    own words (:func:`said_span`), never a phrase they did not say ("'singing old songs'"
    holds no "a sing-song"); when that part cannot be found, or is all of it, the whole
    is said to mean it. A phrase with several meanings "can mean" each ("'a pint and a
    chat' can mean pub quiz"): "means" would single one out.

    Example:
        >>> meant("'meeting other mums'", "meeting other mums", "other mums", "baby group",
        ...       "activity 'baby group'")
        "'meeting other mums' ('other mums' means baby group) matches activity 'baby group'"
        >>> meant("'singing old songs'", "singing old songs", "a sing-song", "singing",
        ...       "activity 'singing'")
        "'singing old songs' means singing: matches activity 'singing'"
    """
    means = "can mean" if one_of_several else "means"
    as_is = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)
    part = as_is[0] if as_is else said_span(text, _stems(phrase))
    if part is not None and _stems(part) != _stems(text):
        if _stems(part) == _stems(reading):
            return matched(said, what)  # never "('gardening' means gardening)"
        return matched(f"{said} ('{part}' {means} {reading})", what)
    if what.startswith(SHARES):
        return f"{said} {means} {reading}, which {what}"
    if what.startswith(AS_COMPANY):
        return f"{said} {means} {reading}{what}"
    return f"{said} {means} {reading}:{matched('', what)}"


def _stems(text: str) -> set[str]:
    return {stem(w) for w in raw_words(text)}
