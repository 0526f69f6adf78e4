"""Tables for analysts: plain records (no dependencies) and pandas DataFrames.

Everything socialrx hands to an analyst comes in two shapes with the same columns:
``to_records()`` gives a list of plain dicts (works anywhere, easy to write as CSV)
and ``to_dataframe()`` gives a :class:`pandas.DataFrame`. pandas is an optional
extra, imported only when a DataFrame is asked for::

    pip install 'socialrx[pandas]'

Example:
    >>> rows = catalogue_records(catalogue)                     # doctest: +SKIP
    >>> rows[0]["id"], rows[0]["needs"]                         # doctest: +SKIP
    ('bereavement-cafe', ['bereavement'])
    >>> catalogue.to_dataframe().explode("needs").value_counts("needs")  # doctest: +SKIP

List-valued columns (``needs``, ``delivery``…) hold Python lists, so
``DataFrame.explode`` works on them; CSV writers join them with ``;``.

The display helpers (``_repr_html_`` and ``_repr_pretty_`` of catalogues and assets)
live here too, so the model classes stay small; contributor text is always
HTML-escaped, since anyone can open a pull request.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from socialrx.errors import MissingDependencyError

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue
    from socialrx.model import Asset

__all__ = [
    "ASSET_COLUMNS",
    "MATCH_COLUMNS",
    "asset_html",
    "asset_pretty",
    "asset_record",
    "catalogue_html",
    "catalogue_pretty",
    "catalogue_records",
    "match_columns",
    "match_records",
    "one_line_reason",
    "records_to_dataframe",
    "require_pandas",
    "result_pretty",
]

ASSET_COLUMNS = (
    "id",
    "name",
    "summary",
    "organisation",
    "status",
    "needs",
    "delivery",
    "access",
    "activities",
    "group_kind",
    "max_group_size",
    "postcode",
    "latitude",
    "longitude",
    "locations",
    "service_area",
    "days",
    "free",
    "cost_per_session",
    "min_age",
    "max_age",
    "gender",
    "residents_only",
    "languages",
    "accessibility",
    "needs_internet",
    "needs_device",
    "phone",
    "website",
    "last_verified",
    "at_risk",
    "file",
)
"""The columns of a catalogue's records and DataFrame, in order."""

ASSET_INTEGERS = ("max_group_size", "min_age", "max_age")

MATCH_COLUMNS = (
    "rank",
    "id",
    "name",
    "score",
    "distance_km",
    "reason",
    "reasons",
    "cautions",
    "bridges",
)
"""The leading columns of a match result's records; one ``contribution_<factor>``
column per scoring factor follows."""


def require_pandas() -> Any:
    """Import pandas, or explain how to install it.

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    try:
        pandas = importlib.import_module("pandas")  # lazily: an optional extra
    except ImportError as exc:
        raise MissingDependencyError(
            "DataFrames need pandas, which is an optional extra: "
            "pip install 'socialrx[pandas]' (to_records() works without it)"
        ) from exc
    return pandas


def records_to_dataframe(
    records: Sequence[Mapping[str, Any]],
    *,
    columns: Sequence[str] | None = None,
    integers: Iterable[str] = (),
) -> Any:
    """A DataFrame of the records, with ``columns`` in order even when there are no rows.

    ``integers`` names whole-number columns that may have gaps; they get pandas'
    nullable ``Int64`` type, so ``12`` does not turn into ``12.0`` next to a blank.
    """
    pandas = require_pandas()
    frame = pandas.DataFrame.from_records(list(records), columns=list(columns) if columns else None)
    for name in integers:
        if name in frame.columns:
            frame[name] = frame[name].astype("Int64")
    return frame


# ------------------------------------------------------------------ assets


def asset_record(asset: Asset, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """One asset as a flat record (see :data:`ASSET_COLUMNS`).

    ``latitude``/``longitude`` are those of the first location, resolved from the
    catalogue when one is given (else taken from the file's lat/lon, if any).
    """
    first = asset.locations[0] if asset.locations else None
    lat = lon = None
    if catalogue is not None and asset.id is not None and asset.id in catalogue:
        places = catalogue.places(asset.id)
        if places:
            lat, lon = places[0].latitude, places[0].longitude
    elif first is not None:
        lat, lon = first.lat, first.lon
    days = sorted({d for s in asset.schedule for d in (s.days or ())}, key=lambda d: _DAY_ORDER[d])
    cost, elig, digital, contact = asset.cost, asset.eligibility, asset.digital, asset.contact
    file = catalogue.file(asset.id) if catalogue is not None and asset.id else None
    return {
        "id": asset.id,
        "name": asset.name,
        "summary": asset.summary,
        "organisation": asset.organisation,
        "status": asset.status,
        "needs": list(asset.needs),
        "delivery": list(asset.delivery),
        "access": list(asset.access),
        "activities": list(asset.activities),
        "group_kind": asset.group.kind if asset.group else None,
        "max_group_size": asset.group.max_size if asset.group else None,
        "postcode": first.postcode if first else None,
        "latitude": lat,
        "longitude": lon,
        "locations": len(asset.locations),
        "service_area": list(asset.service_area),
        "days": days,
        "free": None if cost is None else bool(cost.free),
        "cost_per_session": None if cost is None else cost.per_session(),
        "min_age": elig.min_age if elig else None,
        "max_age": elig.max_age if elig else None,
        "gender": elig.gender if elig else None,
        "residents_only": bool(elig.residents_only) if elig else False,
        "languages": list(asset.languages),
        "accessibility": list(asset.accessibility),
        "needs_internet": digital.needs_internet if digital else False,
        "needs_device": digital.device_needed if digital else False,
        "phone": contact.phone if contact else None,
        "website": contact.website if contact else None,
        "last_verified": asset.last_verified,
        "at_risk": bool(asset.funding.at_risk) if asset.funding else False,
        "file": None if file is None else str(file),
    }


_DAY_ORDER = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}


def catalogue_records(catalogue: Catalogue) -> list[dict[str, Any]]:
    """Every asset of the catalogue as a record, in id order."""
    return [asset_record(a, catalogue) for a in catalogue]


# ------------------------------------------------------------------ match results


def match_records(result: Any) -> list[dict[str, Any]]:
    """One record per listed match of a :class:`~socialrx.matching.MatchResult`.

    ``reason`` is the one-line reason (the detail of the factor that contributed
    most); ``reasons``, ``cautions`` and ``bridges`` hold every item, joined by ``; ``
    (bridges by ``;``). ``contribution_<factor>`` columns let analysts see what drove
    each score.
    """
    rows = []
    factors = _factors(result.matches)
    for m in result.matches:
        row: dict[str, Any] = {
            "rank": m.rank,
            "id": m.id,
            "name": m.name,
            "score": m.score,
            "distance_km": m.distance_km,
            "reason": one_line_reason(m),
            "reasons": "; ".join(r.detail for r in m.reasons),
            "cautions": "; ".join(m.cautions),
            "bridges": ";".join(m.bridges),
        }
        given = {r.factor: r.contribution for r in m.reasons}
        for factor in factors:
            row[f"contribution_{factor}"] = given.get(factor, 0.0)
        rows.append(row)
    return rows


def match_columns(result: Any) -> tuple[str, ...]:
    """The columns of :func:`match_records` for this result."""
    return MATCH_COLUMNS + tuple(f"contribution_{f}" for f in _factors(result.matches))


def _factors(matches: Iterable[Any]) -> list[str]:
    seen: list[str] = []
    for m in matches:
        for r in m.reasons:
            if r.factor not in seen:
                seen.append(r.factor)
    return seen


def one_line_reason(match: Any, parts: int = 2) -> str:
    """The reasons a person would hear first, on one line.

    The details of the ``parts`` reasons that speak for it most
    (:meth:`~socialrx.matching.Match.top_reasons`), biggest first, joined by ``"; "``
    (ties keep the factor order, so the same match always gives the same line), e.g.
    ``"Helps with loneliness; 'dancing' matches activity 'dancing'"``.
    """
    # Match.top_reasons: never "Last checked 7 months ago" or other caution-only details.
    return "; ".join(str(r.detail) for r in match.top_reasons(parts) if r.detail)


# ------------------------------------------------------------------ display


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


_TABLE_STYLE = (
    "<style>.srx-t{border-collapse:collapse;font-size:.9em}"
    ".srx-t th,.srx-t td{border:1px solid #ddd;padding:2px 6px;text-align:left;"
    "vertical-align:top}.srx-t th{background:#f4f4f4}"
    ".srx-t .dim{color:#777}</style>"
)


def catalogue_html(catalogue: Catalogue, *, max_rows: int = 20) -> str:
    """A compact HTML table of a catalogue for notebooks (the first ``max_rows`` assets)."""
    assets = list(catalogue)
    active = sum(a.status == "active" for a in assets)
    where = f" from <code>{_e(catalogue.path)}</code>" if catalogue.path else ""
    rows = "".join(
        f"<tr><td><code>{_e(a.id)}</code></td><td>{_e(a.name)}</td>"
        f"<td>{_e(', '.join(a.needs))}</td><td>{_e(', '.join(a.delivery))}</td>"
        f"<td>{_e(a.status)}</td></tr>"
        for a in assets[:max_rows]
    )
    more = (
        f"<tr><td colspan='5' class='dim'>… and {len(assets) - max_rows} more "
        "(<code>catalogue.to_dataframe()</code> shows all)</td></tr>"
        if len(assets) > max_rows
        else ""
    )
    return (
        f"{_TABLE_STYLE}<div><b>Catalogue</b> of {len(assets)} assets ({active} active)"
        f"{where}<table class='srx-t'><thead><tr><th>id</th><th>name</th><th>needs</th>"
        f"<th>delivery</th><th>status</th></tr></thead><tbody>{rows}{more}</tbody>"
        "</table></div>"
    )


def asset_html(asset: Asset) -> str:
    """A compact HTML card of one asset for notebooks (contributor text escaped)."""
    places = "; ".join(
        ", ".join(p for p in (loc.name, loc.postcode) if p) or f"{loc.lat}, {loc.lon}"
        for loc in asset.locations
    )
    when = "; ".join(_session_text(s) for s in asset.schedule)
    contact = asset.contact
    rows = [
        ("summary", asset.summary),
        ("organisation", asset.organisation),
        ("needs", ", ".join(asset.needs)),
        ("activities", ", ".join(asset.activities)),
        ("delivery", ", ".join(asset.delivery)),
        ("where", places),
        ("service area", ", ".join(asset.service_area)),
        ("when", when),
        ("cost", _cost_text(asset)),
        ("accessibility", ", ".join(asset.accessibility)),
        ("contact", contact.phone or contact.email or contact.website if contact else None),
        ("how to join", contact.how_to_join if contact else None),
        ("status", asset.status + (f" — {asset.status_note}" if asset.status_note else "")),
        ("last checked", asset.last_verified.isoformat()),
    ]
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows if v)
    return (
        f"{_TABLE_STYLE}<div><b>{_e(asset.name)}</b> <code>{_e(asset.id)}</code>"
        f"<table class='srx-t'>{body}</table></div>"
    )


def _session_text(session: Any) -> str:
    if session.days:
        text = f"{', '.join(session.days)} {session.start}–{session.end}"
        if session.frequency and session.frequency != "weekly":
            text += f" ({session.frequency})"
        return text + (f", {session.note}" if session.note else "")
    return str(session.note or "")


def _cost_text(asset: Asset) -> str | None:
    cost = asset.cost
    if cost is None:
        return "unknown"
    if cost.free:
        return "free"
    return f"£{cost.amount:g} per {cost.per}" + (f" ({cost.note})" if cost.note else "")


def catalogue_pretty(catalogue: Catalogue, printer: Any, cycle: bool) -> None:
    """IPython's ``_repr_pretty_`` for a catalogue: a header and one line per asset."""
    if cycle:
        printer.text("<Catalogue ...>")
        return
    assets = list(catalogue)
    printer.text(repr(catalogue))
    for asset in assets[:20]:
        printer.break_()
        printer.text(f"  {asset.id:<32} {asset.name} [{', '.join(asset.needs)}]")
    if len(assets) > 20:
        printer.break_()
        printer.text(f"  … and {len(assets) - 20} more")


def asset_pretty(asset: Asset, printer: Any, cycle: bool) -> None:
    """IPython's ``_repr_pretty_`` for an asset: name, id, summary and the essentials."""
    if cycle:
        printer.text("Asset(...)")
        return
    printer.text(f"{asset.name} ({asset.id})")
    for label, value in (
        ("", asset.summary),
        ("needs: ", ", ".join(asset.needs)),
        ("delivery: ", ", ".join(asset.delivery)),
        ("status: ", asset.status),
    ):
        printer.break_()
        printer.text(f"  {label}{value}")


def result_pretty(result: Any, printer: Any, cycle: bool) -> None:
    """IPython's ``_repr_pretty_`` for a match result: one line per match with its reason."""
    if cycle:
        printer.text("<MatchResult ...>")
        return
    printer.text(repr(result))
    for m in result.matches:
        printer.break_()
        where = "" if m.distance_km is None else f", {m.distance_km:.1f} km"
        printer.text(f"  {m.rank}. {m.name} ({m.id}) {m.score:.2f}{where} — {one_line_reason(m)}")
