"""Small builders for hand-written test assets (Hypothesis strategies live in strategies.py)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.model import Asset, Person

ROOT = Path(__file__).resolve().parents[1]

BASE_ASSET: dict[str, Any] = {
    "id": "a",
    "name": "A",
    "summary": "Something to do.",
    "needs": ["loneliness"],
    "delivery": ["phone"],
    "status": "active",
    "last_verified": "2026-10-01",
}


def make_asset(**fields: Any) -> Asset:
    """A valid phone befriending-style asset, with ``fields`` replacing the defaults.

    Without a name it is named after its id, so two test assets are never taken for
    one asset listed twice (near-duplicates are shown once).
    """
    data = {**BASE_ASSET, **fields}
    if "name" not in fields and "id" in fields:
        data["name"] = f"{fields['id']} (test asset)"
    return Asset.model_validate(data)


def hostile_asset(**fields: Any) -> Asset:
    """An asset whose every text tries to break out of a page: HTML, scripts,
    ``javascript:`` links, control characters and a text-direction override.

    The model refuses the control character and the ``javascript:`` address, so
    those two are put in after validation: views must not rely on the model alone.
    """
    asset = make_asset(
        **{
            "id": "hostile",
            "name": "<script>alert('name')</script> Club",
            "summary": "Tea & <img src=x onerror=alert(1)> cake\u202e",
            "description": "</script><script>alert('description')</script>\n\nSecond <b>para</b>",
            "organisation": '"><svg onload=alert(1)>',
            "activities": ["<iframe src=javascript:alert(1)>"],
            "delivery": ["in-person", "phone"],
            "locations": [{"name": "<marquee>Hall</marquee>", "postcode": "FY8 1DR"}],
            "contact": {
                "phone": "01632 960000",
                "email": "x@example.org?subject=<script>",
                "how_to_join": "<a href=javascript:alert(1)>click</a>",
            },
            "schedule": [{"note": "<script>alert('when')</script>"}],
            **fields,
        }
    )
    assert asset.contact is not None
    contact = asset.contact.model_copy(update={"website": "javascript:alert(1)"})
    return asset.model_copy(update={"name": asset.name + "\x07", "contact": contact})


def scores(person: Person, *assets: Asset, today: date) -> dict[str, float]:
    """Each ranked asset's score when ``person`` is matched against just ``assets``."""
    return {m.id: m.score for m in match(person, Catalogue(list(assets)), today=today).ranked}


def reason(person: Person, asset: Asset, factor: str, today: date) -> tuple[float, str]:
    """The score and detail of one factor's reason for the only asset of a catalogue."""
    (m,) = match(person, Catalogue([asset]), today=today).ranked
    r = next(r for r in m.reasons if r.factor == factor)
    return r.score, r.detail


def ranked_reason(
    person: Person, asset: Asset, *others: Asset, factor: str, today: date
) -> tuple[float, str]:
    """The score and detail of one factor's reason for ``asset``, matched among ``others``."""
    result = match(person, Catalogue([asset, *others]), today=today)
    m = next(m for m in result.ranked if m.id == asset.id)
    r = next(r for r in m.reasons if r.factor == factor)
    return r.score, r.detail


def explained(
    person: Person, asset_id: str, *assets: Asset, factor: str, today: date
) -> tuple[float, str]:
    """The score and detail of one factor's reason in ``why`` for one asset of a catalogue."""
    reasons = explain(asset_id, person, Catalogue(list(assets)), today=today).reasons
    r = next(r for r in reasons if r.factor == factor)
    return r.score, r.detail


def ranked_ids(person: Person, *assets: Asset, today: date) -> list[str]:
    """The ids ``match`` ranks, in order, without variety, against just ``assets``."""
    return [m.id for m in match(person, Catalogue(list(assets)), today=today, variety=False).ranked]


def build_activities_script() -> ModuleType:
    """``scripts/build_activities.py`` loaded as a module (with ``scripts/`` on the path
    while it loads, for its WordNet reader), for tests of the vocabulary build."""
    spec = importlib.util.spec_from_file_location(
        "build_activities", ROOT / "scripts" / "build_activities.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_activities"] = module
    sys.path.insert(0, str(ROOT / "scripts"))  # for its reader, scripts/wordnet.py
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return module
