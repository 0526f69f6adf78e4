"""Small builders for hand-written test assets (Hypothesis strategies live in strategies.py)."""

from __future__ import annotations

from typing import Any

from socialrx.model import Asset

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
