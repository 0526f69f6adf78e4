"""Tables for analysts: records and DataFrames of catalogues, assets and match results."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import given, settings

from socialrx.catalogue import Catalogue
from socialrx.errors import MissingDependencyError
from socialrx.model import Asset
from socialrx.tables import ASSET_COLUMNS, one_line_reason, require_pandas
from strategies import catalogues

SNEAKY = "<script>alert('x')</script> & <b>friends</b>"


def sneaky_asset() -> Asset:
    return Asset.model_validate(
        {
            "id": "tea-and-chat",
            "name": SNEAKY,
            "summary": "Tea & biscuits <i>every</i> week",
            "needs": ["loneliness"],
            "delivery": ["in-person"],
            "locations": [{"name": "Hall <3", "lat": 53.75, "lon": -3.0}],
            "contact": {"how_to_join": "Knock <loudly>"},
            "schedule": [{"days": ["tue"], "start": "14:00", "end": "15:30"}],
            "cost": {"amount": 2, "per": "session"},
            "status": "active",
            "last_verified": "2026-10-01",
        }
    )


def test_catalogue_records_have_one_flat_row_per_asset_in_id_order() -> None:
    cat = Catalogue([sneaky_asset()])
    records = cat.to_records()
    assert [r["id"] for r in records] == list(cat.ids)
    row = records[0]
    assert tuple(row) == ASSET_COLUMNS
    assert row["needs"] == ["loneliness"]
    assert row["days"] == ["tue"]
    assert row["cost_per_session"] == 2.0
    assert row["free"] is False
    assert (row["latitude"], row["longitude"]) == (53.75, -3.0)


@pytest.mark.slow  # 20 random catalogues (1.2 s); CI runs the slow set too
@settings(max_examples=20, deadline=None)
@given(catalogues())
def test_dataframe_matches_records(cat: Catalogue) -> None:
    frame = cat.to_dataframe()
    assert list(frame.columns) == list(ASSET_COLUMNS)
    assert list(frame["id"]) == list(cat.ids)
    assert len(frame) == len(cat.to_records())


def test_asset_dataframe_is_one_row() -> None:
    frame = sneaky_asset().to_dataframe()
    assert frame.shape == (1, len(ASSET_COLUMNS))


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'socialrx\[pandas\]'"):
        require_pandas()
    with pytest.raises(ImportError):  # it is an ImportError too
        Catalogue([sneaky_asset()]).to_dataframe()
    assert Catalogue([sneaky_asset()]).to_records()  # records need nothing


class _Reason:
    def __init__(self, factor: str, contribution: float, detail: str, score: float = 1.0) -> None:
        self.factor, self.contribution, self.detail = factor, contribution, detail
        self.score = score


class _Match:
    def __init__(self, reasons: list[Any]) -> None:
        self.reasons = tuple(reasons)


def test_one_line_reason_is_the_two_biggest_contributions() -> None:
    match = _Match(
        [
            _Reason("distance", 0.1, "1 km away"),
            _Reason("need", 0.3, "Helps with loneliness"),
            _Reason("interest", 0.3, "'dancing' matches"),
            _Reason("variety", -0.05, "Lowered for variety"),
        ]
    )
    assert one_line_reason(match) == "Helps with loneliness. 'dancing' matches"
    assert one_line_reason(match, parts=1) == "Helps with loneliness"
    assert one_line_reason(_Match([])) == "Meets nothing asked for"  # never an empty reason


def test_match_result_records_and_dataframe(example_catalogue: Catalogue) -> None:
    from datetime import date

    from socialrx.matching import match
    from socialrx.model import Person

    person = Person(postcode="FY8 2NP", needs=["lonely"], interests=["dancing"])
    result = match(person, example_catalogue, limit=3, today=date(2026, 11, 22))
    records = result.to_records()
    assert [r["rank"] for r in records] == [1, 2, 3]
    assert [r["id"] for r in records] == [m.id for m in result.matches]
    for record, m in zip(records, result.matches, strict=True):
        parts = sum(v for k, v in record.items() if k.startswith("contribution_"))
        assert abs(parts - m.score) < 1e-9  # the contributions add up to the score
        assert record["reason"] == one_line_reason(m)
    frame = result.to_dataframe()
    assert list(frame["id"]) == [r["id"] for r in records]
    assert frame.columns[:9].tolist() == [
        "rank",
        "id",
        "name",
        "score",
        "distance_km",
        "reason",
        "reasons",
        "cautions",
        "bridges",
    ]


def test_one_line_reasons_never_give_a_caution_as_a_reason() -> None:
    from socialrx.matching.results import CAUTION_FACTORS
    from socialrx.tables import CAUTION_ONLY_FACTORS

    assert CAUTION_ONLY_FACTORS == CAUTION_FACTORS
    match = _Match(
        [
            _Reason("freshness", 0.3, "Last checked 7 months ago (2026-04-01)"),
            _Reason("reach", 0.3, "You can take part as things stand"),
            _Reason("need", 0.2, "Helps with loneliness"),
            _Reason("schedule", 0.1, "No availability given (neutral value)", score=0.5),
        ]
    )
    assert one_line_reason(match) == "Helps with loneliness"
