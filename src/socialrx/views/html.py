"""HTML views: the printable match page for the person, and compact tables for notebooks.

Every page comes from a Jinja2 template in ``templates/`` with autoescaping on, so
contributor text (anyone can open a pull request) always shows as text, never as
markup. The only links are the assets' own http(s) web pages.

* :func:`result_html` — a self-contained, large-print page: no external files or
  fonts, a print stylesheet.
* :func:`result_table_html` — a compact table of a match result.
* :func:`catalogue_html` and :func:`asset_html` — a catalogue or one asset in a notebook.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from socialrx.tables import nothing_asked, one_line_reason
from socialrx.views.phrases import (
    address_text,
    cost_text,
    leaflet_join_text,
    match_distance_text,
    schedule_text,
    where_text,
)
from socialrx.views.text import for_person

if TYPE_CHECKING:
    import jinja2

    from socialrx.catalogue import Catalogue
    from socialrx.matching import Match, MatchResult
    from socialrx.model import Asset

__all__ = [
    "asset_html",
    "catalogue_html",
    "render_template",
    "result_html",
    "result_table_html",
]


@cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made on the first page (not when a command that may
    write a page is merely loaded)."""
    import jinja2  # deferred: ~20 ms to import; `socialrx match` without --html needs none

    return jinja2.Environment(
        loader=jinja2.PackageLoader("socialrx.views", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# MarkupSafe writes quotes as &#39; and &#34;; the pages have always said &#x27; and
# &quot; (the same characters). Keep the bytes, so saved pages and golden files agree.
_SAME_ENTITIES = (("&#39;", "&#x27;"), ("&#34;", "&quot;"))


def render_template(template: str, **context: Any) -> str:
    """Render one of the package's templates, with every value HTML-escaped.

    Args:
        template: The template's file name in ``socialrx/views/templates``.
        **context: The values the template shows.
    """
    page = _environment().get_template(template).render(**context)
    for markupsafe_entity, entity in _SAME_ENTITIES:
        page = page.replace(markupsafe_entity, entity)
    return page


def _safe_url(url: str | None) -> str | None:
    # Only the asset's own web page, and only http(s): never javascript: or data: links.
    if url and url.startswith(("https://", "http://")):
        return url
    return None


def _day(when: date) -> str:
    return f"{when.day} {when.strftime('%B %Y')}"


def _card(m: Match, online: bool) -> dict[str, Any]:
    contact = m.asset.contact
    return {
        "rank": m.rank,
        "name": m.name,
        "summary": m.asset.summary,
        "phone": contact.phone if contact else None,
        "where": address_text(m) or where_text(m),
        "when": schedule_text(m.asset.schedule),
        "cost": cost_text(m.asset.cost),
        "how_to_join": leaflet_join_text(contact, online=online),
        "url": _safe_url(contact.website if contact and online else None),
        # Sentences for the person: each reason its own, never "…12:00; You like…".
        "why": ". ".join(for_person(r.detail) for r in m.top_reasons(2)) or nothing_asked(m),
        "cautions": list(m.cautions),
        "checked": _day(m.asset.last_verified),
    }


def result_html(
    result: MatchResult, *, title: str = "Things you might enjoy", online: bool = True
) -> str:
    """A one- or two-page leaflet (A4, large print) of the matches, for the person.

    Each entry puts its phone number first, then where (with the address and how far),
    when, what it costs, how to join and when the entry was last checked. Contributor
    text is escaped; the only links are the assets' own web pages.

    Args:
        result: The match result.
        title: The heading.
        online: Show e-mail addresses and web pages. Pass False for someone with no
            internet (``Person.digital == "none"``): the leaflet then gives phone
            numbers and the asset's own words only.
    """
    return render_template(
        "match_page.html.j2",
        title=title,
        printed=_day(result.today),
        cards=[_card(m, online) for m in result.matches],
        left=result.catalogue_size - result.eligible,
    )


def result_table_html(result: MatchResult) -> str:
    """A compact HTML table of the matches, for Jupyter notebooks."""
    rows = [
        {
            "rank": m.rank,
            "name": m.name,
            "id": m.id,
            "score": f"{m.score:.3f}",
            "km": match_distance_text(m),
            "reasons": one_line_reason(m),
            "cautions": "; ".join(m.cautions),
        }
        for m in result.matches
    ]
    return render_template(
        "match_table.html.j2", eligible=result.eligible, total=result.catalogue_size, rows=rows
    )


def catalogue_html(catalogue: Catalogue, *, max_rows: int = 20) -> str:
    """A compact HTML table of a catalogue for notebooks (the first ``max_rows`` assets)."""
    assets = list(catalogue)
    return render_template(
        "catalogue_table.html.j2",
        total=len(assets),
        active=sum(a.status == "active" for a in assets),
        path=catalogue.path,
        assets=assets[:max_rows],
        more=max(0, len(assets) - max_rows),
    )


def _places_text(asset: Asset) -> str:
    return "; ".join(
        ", ".join(p for p in (loc.name, loc.postcode) if p) or f"{loc.lat}, {loc.lon}"
        for loc in asset.locations
    )


def asset_html(asset: Asset) -> str:
    """A compact HTML card of one asset for notebooks (contributor text escaped)."""
    contact = asset.contact
    rows = [
        ("summary", asset.summary),
        ("organisation", asset.organisation),
        ("needs", ", ".join(asset.needs)),
        ("activities", ", ".join(asset.activities)),
        ("delivery", ", ".join(asset.delivery)),
        ("where", _places_text(asset)),
        ("service area", ", ".join(asset.service_area)),
        ("when", schedule_text(asset.schedule)),
        ("cost", cost_text(asset.cost)),
        ("accessibility", ", ".join(asset.accessibility)),
        ("contact", contact.phone or contact.email or contact.website if contact else None),
        ("how to join", contact.how_to_join if contact else None),
        ("status", asset.status + (f" — {asset.status_note}" if asset.status_note else "")),
        ("last checked", asset.last_verified.isoformat()),
    ]
    return render_template(
        "asset_card.html.j2",
        name=asset.name,
        id=asset.id,
        rows=[(label, value) for label, value in rows if value],
    )
