"""Vignettes: people a link worker might meet, with what they would expect to see.

Each ``tests/vignettes/*.yaml`` file holds a person and expectations (see the README
there). The matches must make sense to a person, not only satisfy the invariants.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialrx.catalogue import Catalogue, person_from_data
from socialrx.matching import match
from socialrx.yamlio import read_yaml

TODAY = date(2026, 11, 22)
VIGNETTES = sorted((Path(__file__).parent / "vignettes").glob("*.yaml"))


def test_there_are_at_least_fifteen_vignettes() -> None:
    assert len(VIGNETTES) >= 15


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette(path: Path, example_catalogue: Catalogue) -> None:
    data: dict[str, Any] = read_yaml(path).data
    person = person_from_data(data["person"], source=str(path))
    expect = data["expect"]
    result = match(person, example_catalogue, limit=10, today=TODAY)
    order = [m.id for m in result.ranked]
    shown = "\n".join(f"  {m.rank}. {m.id} {m.score:.3f}" for m in result.ranked[:8])
    for n in (3, 5):
        for asset_id in expect.get(f"top{n}", []):
            assert asset_id in order[:n], f"{asset_id} is not in the top {n}:\n{shown}"
    excluded = {e.id: e.reasons for e in result.excluded}
    for asset_id, words in (expect.get("excluded") or {}).items():
        assert asset_id in excluded, f"{asset_id} was not left out:\n{shown}"
        assert any(words in reason for reason in excluded[asset_id]), (
            f"{asset_id} left out for {excluded[asset_id]}, expected '{words}'"
        )
    for asset_id, bridge in (expect.get("bridged") or {}).items():
        found = next(m for m in result.ranked if m.id == asset_id)
        assert bridge in found.bridges and found.cautions
    if "eligible_max" in expect:
        assert result.eligible <= expect["eligible_max"], shown
    if "eligible_min" in expect:
        assert result.eligible >= expect["eligible_min"], shown
