"""Views of match results: text cards for the phone, a printable HTML page, a notebook table.

* :func:`result_text` — numbered cards a link worker can read aloud on the phone: name,
  the top reasons, how to join, when, cost, cautions; then a short "left out" summary.
* :func:`result_html` — a self-contained page for the person: large print, no external
  files or fonts, a print stylesheet, every contributed text escaped.
* :func:`result_table_html` — a compact table for Jupyter (``MatchResult._repr_html_``).
* :func:`explanation_text` — the "why (not)?" of one asset.

JSON comes from ``MatchResult.to_dict()`` / ``to_json()``.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from socialrx.matching.schedules import describe_schedule

if TYPE_CHECKING:
    from socialrx.matching import Explanation, Match, MatchResult

__all__ = [
    "explanation_text",
    "for_person",
    "plain",
    "result_html",
    "result_table_html",
    "result_text",
]


_COMPONENTS = re.compile(r" \(vocabulary [0-9.]+, words [0-9.]+, fuzzy [0-9.]+\)")


def plain(detail: str) -> str:
    """A reason's detail without the component scores, for reading aloud.

    Example:
        >>> plain("'dancing' matches activity 'dance' (vocabulary 1.00, words 1.00, fuzzy 0.90)")
        "'dancing' matches activity 'dance'"
    """
    return _COMPONENTS.sub("", detail)


_SAID = r"'([^']+)'(?: \(read as '([^']+)'\))?"
_MATCHES = re.compile(_SAID + r" matches (?:the wider )?activity '([^']+)'")
_MATCHES_TEXT = re.compile(_SAID + r" matches the (?:name|summary)")


def for_person(detail: str) -> str:
    """A reason in words for the person themselves (the printable page).

    Example:
        >>> for_person("'dancng' (read as 'dancing') matches activity 'ballroom dancing' "
        ...            "(vocabulary 1.00, words 0.90, fuzzy 0.00)")
        'You like dancing: they do ballroom dancing'
    """

    def they_do(m: re.Match[str]) -> str:
        return f"You like {m.group(2) or m.group(1)}: they do {m.group(3)}"

    def you_like(m: re.Match[str]) -> str:
        return f"You like {m.group(2) or m.group(1)}"

    text = _MATCHES_TEXT.sub(you_like, _MATCHES.sub(they_do, plain(detail)))
    return text.replace("; You like", ". You like")


def _when(m: Match) -> str:
    return describe_schedule(m.asset.schedule) or "Ask when it runs"


def _cost(m: Match) -> str:
    cost = m.asset.cost
    if cost is None:
        return "Not given - ask"
    if cost.free:
        text = "Free"
    else:
        text = (
            f"£{cost.amount:.2f} a {cost.per}" if cost.per != "once" else f"£{cost.amount:.2f} once"
        )
        if cost.concessions:
            text += " (cheaper for some people)"
    return text + (f". {cost.note}" if cost.note else "")


def _how_to_join(m: Match) -> str:
    c = m.asset.contact
    parts = []
    if c is not None:
        if c.how_to_join:
            parts.append(c.how_to_join)
        if c.phone:
            parts.append(f"Phone {c.phone}")
        if c.email:
            parts.append(f"E-mail {c.email}")
        if c.website and not c.phone and not c.email:
            parts.append(c.website)
    return ". ".join(p.rstrip(".") for p in parts) + "." if parts else "No contact given"


_REMOTE = {"phone": "By phone", "online": "Online", "home-visit": "At home (home visits)"}


def _where(m: Match) -> str:
    ways = m.ways or tuple(m.asset.delivery)
    at_place = [w for w in ways if w in ("in-person", "outdoor")]
    remote = [_REMOTE[w] for w in ways if w in _REMOTE]
    if m.distance_km is None or not m.asset.locations or not at_place:
        text = " or ".join(remote)
        return text[:1] + text[1:].replace(" or At", " or at").replace(" or On", " or on")
    loc = m.asset.locations[0]
    name = loc.name or loc.address or loc.postcode or ""
    return f"{name}, {m.distance_km:.1f} km away" if name else f"{m.distance_km:.1f} km away"


def result_text(result: MatchResult, *, width_reasons: int = 3) -> str:
    """Numbered cards for reading aloud, then what was left out and why."""
    lines: list[str] = []
    total = result.catalogue_size
    lines.append(
        f"{result.eligible} of {total} activities and services suit this person; "
        f"the best {len(result.matches)}:"
    )
    for m in result.matches:
        lines.append("")
        lines.append(f"{m.rank}. {m.name}  (score {m.score:.2f})")
        lines.append(f"   {m.asset.summary}")
        where = _where(m)
        if where:
            lines.append(f"   Where: {where}")
        lines.append("   Why: " + "; ".join(plain(r.detail) for r in m.top_reasons(width_reasons)))
        lines.append(f"   When: {_when(m)}")
        lines.append(f"   Cost: {_cost(m)}")
        lines.append(f"   How to join: {_how_to_join(m)}")
        for caution in m.cautions:
            lines.append(f"   ! {caution}")
        for r in m.reasons:
            if r.factor == "variety":
                lines.append(f"   ~ {r.detail}")
    left = result.catalogue_size - result.eligible
    if left:
        lines.append("")
        lines.append(f"Left out ({left}):")
        for reason, count in result.excluded_summary().items():
            lines.append(f"   {count} x {reason}")
    return "\n".join(lines) + "\n"


_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; font-size: 20px;
       line-height: 1.5; color: #111; background: #fff; margin: 0 auto; max-width: 46em;
       padding: 1em; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
.intro { font-size: 1.05em; }
ol.cards { list-style: none; padding: 0; margin: 0; }
li.card { border: 2px solid #333; border-radius: 10px; padding: 0.6em 1em;
          margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
.card h2 { font-size: 1.35em; margin: 0.1em 0 0.3em; }
.num { display: inline-block; min-width: 1.6em; height: 1.6em; border-radius: 50%;
       background: #1d4f91; color: #fff; text-align: center; margin-right: 0.3em; }
dl { margin: 0.3em 0; }
dt { font-weight: bold; float: left; clear: left; width: 7.5em; }
dd { margin: 0 0 0.3em 7.5em; }
.why li { margin: 0.1em 0; }
.caution { background: #fff4ce; border-left: 6px solid #b58500; padding: 0.3em 0.6em;
           margin: 0.3em 0; }
.left { font-size: 0.9em; color: #333; }
a { color: #1d4f91; }
@media print {
  body { font-size: 16pt; max-width: none; padding: 0; }
  li.card { border: 1px solid #000; }
  .num { background: none; color: #000; border: 1px solid #000; }
  a { color: #000; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _safe_url(url: str | None) -> str | None:
    # Only the asset's own web page, and only http(s): never javascript: or data: links.
    if url and url.startswith(("https://", "http://")):
        return url
    return None


def result_html(result: MatchResult, *, title: str = "Things you might enjoy") -> str:
    """A self-contained, printable, large-print page of the matches for the person.

    Contributor text is escaped; the only links are the assets' own web pages.
    """
    cards = []
    for m in result.matches:
        why = "".join(f"<li>{_e(for_person(r.detail))}</li>" for r in m.top_reasons(3))
        cautions = "".join(f'<p class="caution">{_e(c)}</p>' for c in m.cautions)
        url = _safe_url(m.asset.contact.website if m.asset.contact else None)
        web = f'<dt>Web</dt><dd><a href="{_e(url)}">{_e(url)}</a></dd>' if url else ""
        where = _where(m)
        cards.append(
            f'<li class="card"><h2><span class="num">{m.rank}</span>{_e(m.name)}</h2>'
            f"<p>{_e(m.asset.summary)}</p>"
            f"<dl>{f'<dt>Where</dt><dd>{_e(where)}</dd>' if where else ''}"
            f"<dt>When</dt><dd>{_e(_when(m))}</dd>"
            f"<dt>Cost</dt><dd>{_e(_cost(m))}</dd>"
            f"<dt>How to join</dt><dd>{_e(_how_to_join(m))}</dd>{web}</dl>"
            f'<p><strong>Why it might suit you:</strong></p><ul class="why">{why}</ul>'
            f"{cautions}</li>"
        )
    left = result.catalogue_size - result.eligible
    left_text = (
        f'<p class="left">{left} other activities were left out, because they did '
        "not fit what you need (for example distance or access).</p>"
        if left
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f'<p class="intro">{len(result.matches)} suggestions, best first. Checked on '
        f"{result.today.strftime('%d %B %Y').lstrip('0')}.</p>"
        f'<ol class="cards">{"".join(cards)}</ol>{left_text}'
        "</body></html>\n"
    )


def result_table_html(result: MatchResult) -> str:
    """A compact HTML table of the matches, for Jupyter notebooks."""
    rows = []
    for m in result.matches:
        top = "; ".join(r.detail for r in m.top_reasons(2))
        dist = "" if m.distance_km is None else f"{m.distance_km:.1f}"
        rows.append(
            f"<tr><td>{m.rank}</td><td>{_e(m.name)}<br><small>{_e(m.id)}</small></td>"
            f"<td>{m.score:.3f}</td><td>{dist}</td><td>{_e(top)}</td>"
            f"<td>{_e('; '.join(m.cautions))}</td></tr>"
        )
    return (
        f"<p>{result.eligible} eligible of {result.catalogue_size}; "
        f"{result.catalogue_size - result.eligible} left out.</p>"
        "<table><thead><tr><th>#</th><th>name</th><th>score</th><th>km</th>"
        "<th>top reasons</th><th>cautions</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def explanation_text(ex: Explanation) -> str:
    """Every constraint and factor for one asset, for reading on screen."""
    state = f"rank {ex.rank}" if ex.eligible else "left out"
    lines = [
        f"{ex.name} ({ex.id}): {state}, score {ex.score:.3f}"
        + ("" if ex.eligible else " if it were included"),
        "",
        "Hard constraints:",
    ]
    for c in ex.checks:
        lines.append(f"  {'ok' if c.passed else 'NO'}  {c.constraint}: {c.detail}")
    lines += ["", "Factors (weight x score = contribution):"]
    for r in ex.reasons:
        lines.append(
            f"  {r.factor:<10} {r.weight:.2f} x {r.score:.2f} = {r.contribution:.3f}  {r.detail}"
        )
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
