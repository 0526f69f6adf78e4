"""Text views: numbered cards a link worker can read aloud, and "why (not)?" of one asset.

* :func:`result_text` — name, the top reasons, where, when, cost, how to join,
  cautions; then a short "left out" summary.
* :func:`explanation_text` — every constraint and factor for one asset.
* :func:`plain` and :func:`for_person` — a reason's detail for reading aloud, or
  in words for the person themselves (the printable page).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from socialrx.matching.saying import names_an_activity, unframed
from socialrx.tables import nothing_asked, reasons_line
from socialrx.views.phrases import cost_text, how_to_join_text, schedule_text, where_text
from socialrx.vocabulary import words

if TYPE_CHECKING:
    from socialrx.matching import Explanation, Match, MatchResult

__all__ = ["explanation_text", "for_person", "plain", "result_text"]


_COMPONENTS = re.compile(r" \(vocabulary [0-9.]+, words [0-9.]+, fuzzy [0-9.]+\)")


def plain(detail: str) -> str:
    """A reason's detail without the component scores, for reading aloud.

    Example:
        >>> plain("'dancing' matches activity 'dance' (vocabulary 1.00, words 1.00, fuzzy 0.90)")
        "'dancing' matches activity 'dance'"
    """
    return _COMPONENTS.sub("", detail)


_SAID = (
    r"'([^']+)'(?: \(read as '([^']+)'\)| \('[^']+' (?:can )?means? [^)]*\)"
    r"| (?:can )?means? [^:;,]+[:,](?: which)?)?"
)
_MATCHES = re.compile(
    _SAID + r" (?:matches (?:the (?:wider |related )?)?|shares (?:a word|words) with )"
    r"activity '([^']+)'"
)
_STANDS_IN = re.compile(_SAID + r": nothing here offers it, and activity '([^']+)' is ([^;()]+)")
"""What stands in for an activity nothing here offers (rule 30)."""
_AS_COMPANY = re.compile(_SAID + r":? activity '([^']+)' is company, though not a chat")
"""Talks given, for someone who wants a chat (words15)."""
_MATCHES_TEXT = re.compile(_SAID + r" matches the (?:name|summary)")
_SCORING = re.compile(
    r" \((?:not )?counted [^)]*\)"
    r"|; (?:help with [^;]*? )?(?:not )?counted\b[^;()]*(?:\([^()]*\)[^;()]*)*"
)
"""How a part was weighed ("counted at half: …"): for the link worker, not the person."""


_FIRST_PERSON = {
    "i": "you",
    "i'm": "you're",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "our": "your",
    "us": "you",
}
_PRONOUN = re.compile(r"\b(?:i'm|i|me|my|mine|myself|our|us)\b", re.IGNORECASE)


_I_LIKE = re.compile(r"^i (?:really )?(?:like|love|enjoy) ", re.IGNORECASE)


def _yours(said: str) -> str:
    """The person's words said back to them: "men my age" is "men your age", and "I love
    dancing" is "dancing" (after "You like")."""
    return _PRONOUN.sub(lambda m: _FIRST_PERSON[m.group(0).casefold()], _I_LIKE.sub("", said))


def _names_it(said: str, activity: str) -> bool:
    """Whether the person's words name an activity ("knitting", "I love dancing", "a bit
    of company" of company), so they can be said back as a liking."""
    own = words(said)
    return bool(own) and (own <= words(activity) or names_an_activity(said))


def _said_back(verb: str, said: str) -> str:
    """ "You like knitting" of "I do a lot of knitting" (the activity without the sentence
    around it); "You mentioned that you worry about bills" of "I worry about bills"."""
    theirs = _yours(said)
    if not theirs.casefold().startswith(("you ", "you're ")):
        return f"You {verb} {theirs}"
    core = unframed(said) if verb == "like" else ""
    return f"You like {core}" if core else f"You {verb} that {theirs}"


def _they_do(m: re.Match[str]) -> str:
    """ "You like walking, and that is what they offer" when the person named the
    activity; otherwise "You mentioned heating bills: they do energy advice": their
    interests hold worries and wishes too, and "You like losing your sight" is false."""
    said, activity = m.group(2) or m.group(1), m.group(3)
    liked = _yours(said)
    verb = "like" if _names_it(liked, activity) else "mentioned"
    wider = "wider activity" in m.group(0)  # plain walking for "fell walking" (rule 49)
    shares = " shares " in m.group(0)  # some of their words, not what they asked for
    if not wider and not shares and words(activity) <= words(liked):
        # The activity only repeats the person's own words: never echo it back
        # ("You like a bit of company: they do company").
        return f"{_said_back(verb, said)}, and that is what they offer"
    return f"{_said_back(verb, said)}: they do {activity}"


def _stands_in(m: re.Match[str]) -> str:
    """ "You like salsa: nothing here offers it, but they do walking, another way to keep
    active"."""
    said = m.group(2) or m.group(1)
    verb = "like" if _names_it(_yours(said), said) else "mentioned"
    return (
        f"{_said_back(verb, said)}: nothing here offers it, but they do {m.group(3)}, {m.group(4)}"
    )


def _company(m: re.Match[str]) -> str:
    """ "You mentioned a natter: they do talks, which is company, though not a chat"."""
    said_back = _said_back("mentioned", m.group(2) or m.group(1))
    return f"{said_back}: they do {m.group(3)}, which is company, though not a chat"


def _you_like(m: re.Match[str]) -> str:
    """Words found in an entry's name or summary: mentioned, not a liking."""
    return _said_back("mentioned", m.group(2) or m.group(1))


def for_person(detail: str) -> str:
    """A reason in words for the person themselves (the printable page): what they said
    in their own words, said back to them, without how it was weighed.

    Example:
        >>> for_person("'dancng' (read as 'dancing') matches activity 'ballroom dancing' "
        ...            "(vocabulary 1.00, words 0.90, fuzzy 0.00)")
        'You like dancing: they do ballroom dancing'
        >>> for_person("'a bit of company' matches activity 'company'")
        'You like a bit of company, and that is what they offer'
        >>> for_person("'a chat with men my age' means tea and chat: matches activity 'natter'")
        'You mentioned a chat with men your age: they do natter'
        >>> for_person("'losing my sight' matches the name")
        'You mentioned losing your sight'
    """
    text = _SCORING.sub("", plain(detail))
    text = _AS_COMPANY.sub(_company, _STANDS_IN.sub(_stands_in, text))
    text = _MATCHES_TEXT.sub(_you_like, _MATCHES.sub(_they_do, text))
    return text.replace("; You ", ". You ")


def _card(m: Match, width_reasons: int) -> list[str]:
    lines = ["", f"{m.rank}. {m.name}  (score {m.score:.2f})", f"   {m.asset.summary}"]
    where = where_text(m)
    if where:
        lines.append(f"   Where: {where}")
    # Each reason its own sentence: a reason may hold a "; " of its own (two sessions).
    why = reasons_line([plain(r.detail) for r in m.top_reasons(width_reasons)])
    lines.append("   Why: " + (why or nothing_asked(m)))
    lines.append(f"   When: {schedule_text(m.asset.schedule)}")
    lines.append(f"   Cost: {cost_text(m.asset.cost)}")
    lines.append(f"   How to join: {how_to_join_text(m.asset.contact)}")
    lines += [f"   ! {caution}" for caution in m.cautions]
    lines += [f"   ~ {r.detail}" for r in m.reasons if r.factor == "variety"]
    return lines


_NAMES_SHOWN = 3
"""Names given beside each reason in the summary of what was left out."""


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_NAMES_SHOWN])
    more = len(names) - _NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _left_out_summary(result: MatchResult) -> list[str]:
    """One line per kind of reason: how many, and the first few names."""
    named: dict[str, list[str]] = {}
    for ex in result.excluded:
        for kind in ex.kinds:
            named.setdefault(kind, []).append(ex.name)
    return [
        f"   {count} x {kind}: {_names(named.get(kind, []))}"
        for kind, count in result.excluded_summary().items()
    ]


def _left_out_full(result: MatchResult) -> list[str]:
    """Every asset left out, with every reason."""
    return [f"   {ex.name} ({ex.id}): {'; '.join(ex.reasons)}" for ex in result.excluded]


def _how_many(result: MatchResult) -> str:
    """The first line: how many suit, and how many are shown, in agreeing words ("None
    of the 38 … suit", "1 of 38 … suits", never "the best 0")."""
    n, suit, best = result.catalogue_size, result.eligible, len(result.matches)
    things = "activity or service" if n == 1 else "activities and services"
    if not best and n == 1:
        return "The one activity or service does not suit this person."
    if not best:
        return f"None of the {n} {things} suit this person."
    verb = "suits" if suit == 1 else "suit"
    shown = f"the best {best}:" if best != 1 else ("the best one:" if suit > 1 else "it is:")
    return f"{suit} of {n} {things} {verb} this person; {shown}"


def result_text(
    result: MatchResult,
    *,
    width_reasons: int = 3,
    excluded: Literal["full", "summary"] = "summary",
) -> str:
    """Numbered cards for reading aloud, then what was left out and why.

    Args:
        result: The match result.
        width_reasons: How many reasons each card gives.
        excluded: ``summary`` counts what was left out for each reason and names the
            first few; ``full`` lists every asset left out with all its reasons.
    """
    lines = [_how_many(result)]
    for m in result.matches:
        lines += _card(m, width_reasons)
    left = result.catalogue_size - result.eligible
    if left:
        lines += ["", f"Left out ({left}):"]
        lines += _left_out_full(result) if excluded == "full" else _left_out_summary(result)
    return "\n".join(lines) + "\n"


def explanation_text(ex: Explanation) -> str:
    """Every constraint and factor for one asset, for reading on screen."""
    state = f"rank {ex.rank}" if ex.eligible else "left out"
    lines = [
        f"{ex.name} ({ex.id}): {state}, score {ex.score:.3f}"
        + ("" if ex.eligible else " if it were included"),
        "",
        "Hard constraints:",
    ]
    lines += [f"  {'ok' if c.passed else 'NO'}  {c.constraint}: {c.detail}" for c in ex.checks]
    lines += ["", "Factors (score from 0 to 1 -> what it adds, of the most it can add):"]
    lines += [
        f"  {r.factor:<10} {r.score:.2f} -> {r.contribution:.3f} of {r.weight:.3f}  {r.detail}"
        for r in ex.reasons
    ]
    if ex.cautions:
        lines += ["", "Cautions:"] + [f"  ! {c}" for c in ex.cautions]
    if ex.bridges:
        lines += ["", "Bridges: " + ", ".join(ex.bridges)]
    if not ex.eligible:
        lines.append("")
        lines.append(
            ex.smallest_change[0].upper() + ex.smallest_change[1:]
            if ex.smallest_change
            else "No single change to the person's profile would include it."
        )
    return "\n".join(lines) + "\n"
