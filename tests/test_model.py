"""Asset and person models: FORMATS.md rules a contributor or caller would notice."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from socialrx import Asset, Person, PersonError, person_from_data
from socialrx.catalogue import load_catalogue, load_person, parse_person_text
from socialrx.model import (
    ACCESS,
    COST_PERIODS,
    DELIVERY,
    DIGITAL_LEVELS,
    FREQUENCIES,
    GROUP_KINDS,
    PLACE_DELIVERY,
    REMOTE_DELIVERY,
    STATUSES,
    pack_asset,
    unpack_asset,
)

BASE: dict[str, Any] = {
    "id": "walk",
    "name": "Walk",
    "summary": "A walk",
    "needs": ["physical-activity"],
    "delivery": ["phone"],
    "status": "active",
    "last_verified": "2026-01-01",
}


def asset(**changes: Any) -> Asset:
    return Asset.model_validate({**BASE, **changes})


def test_models_are_frozen_and_forbid_unknown_fields() -> None:
    a = asset()
    with pytest.raises(ValidationError):
        a.name = "Other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs"):
        asset(colour="red")


def test_languages_default_to_english_and_cost_is_never_assumed_free() -> None:
    a = asset()
    assert a.languages == ["en"] and a.cost is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cost": {"free": True, "amount": 3}}, "free is true but an amount"),
        ({"cost": {"amount": 3}}, "per"),
        ({"cost": {}}, "write free: true"),
        ({"schedule": [{"days": ["mon"], "start": "10:00"}]}, "together"),
        ({"schedule": [{"days": ["mon"], "start": "10:00", "end": "25:00"}]}, "24-hour"),
        (
            {"schedule": [{"days": ["mon"], "start": "10:00", "end": "11:00", "week_of_month": 6}]},
            "week_of_month",
        ),
        ({"eligibility": {"min_age": 60, "max_age": 18}}, "above max_age"),
        ({"locations": [{"lat": 53.7}]}, "only one of lat and lon"),
        ({"locations": [{"name": "Hall"}]}, "a postcode, or lat and lon"),
        ({"delivery": ["in-person"]}, "need at least one location"),
        ({"delivery": ["online"]}, "online assets need digital"),
        ({"needs": ["loneliness", "loneliness"]}, "listed twice"),
        ({"id": "Walk Group"}, "pattern"),
        ({"service_area": ["FY8 1DR"]}, "not a postcode area, district or sector"),
        ({"languages": ["english"]}, "pattern"),
    ],
)
def test_rules_of_the_asset_format(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        asset(**changes)


def test_postcodes_and_prefixes_are_normalised() -> None:
    a = asset(
        delivery=["outdoor"], locations=[{"postcode": "fy81dr"}], service_area=["fy8", "fy8  1"]
    )
    assert a.locations[0].postcode == "FY8 1DR"
    assert a.service_area == ["FY8", "FY8 1"]


def test_cost_per_session() -> None:
    assert asset(cost={"free": True}).cost.per_session() == 0  # type: ignore[union-attr]
    assert asset(cost={"amount": 20, "per": "month"}).cost.per_session() == 5  # type: ignore[union-attr]


def test_a_price_per_week_month_or_year_is_shared_among_the_sessions_it_pays_for() -> None:
    # A pantry at £3.50 a week open on Wednesdays and Saturdays: £1.75 a session, not £3.50.
    twice = [{"days": ["wed", "sat"], "start": "10:00", "end": "12:00"}]
    pantry = asset(cost={"amount": 3.5, "per": "week"}, schedule=twice)
    assert pantry.sessions_a_week() == 2 and pantry.price_per_session() == 1.75
    # The first Tuesday of the month at £5 a month: £5 a session.
    first_tue = [{"days": ["tue"], "start": "14:00", "end": "16:00", "frequency": "monthly"}]
    monthly = asset(cost={"amount": 5, "per": "month"}, schedule=first_tue)
    assert monthly.price_per_session() == pytest.approx(5.0)
    # No days to count: one session a week, a 4-week month, a 40-week year.
    assert asset(cost={"amount": 40, "per": "year"}).price_per_session() == 1.0
    assert asset(cost=None).price_per_session() is None


def test_to_data_round_trips_and_omits_unset_fields() -> None:
    a = asset(eligibility={"for": ["carers"]}, cost={"free": True})
    data = a.to_data()
    assert "languages" not in data and "locations" not in data
    assert data["eligibility"] == {"for": ["carers"]}
    assert Asset.model_validate(data) == a


def test_person_words_resolve_leniently() -> None:
    p = Person(
        postcode="fy8 2np",
        needs=["lonely", "Isolation", "debt"],  # type: ignore[arg-type]
        accessibility=["wheelchair"],
        digital="None",
        gender="Woman",
    )  # type: ignore[arg-type]
    assert p.needs == ("loneliness", "money")
    assert p.accessibility == ("wheelchair-accessible",)
    assert (p.postcode, p.digital, p.gender, p.max_travel_km) == ("FY8 2NP", "none", "woman", 8.0)


def test_shielding_rules_out_indoor_meetings() -> None:
    assert Person(shielding=True).acceptable_delivery == {
        "outdoor",
        "online",
        "phone",
        "home-visit",
    }
    assert Person(delivery=["phone"]).acceptable_delivery == {"phone"}  # type: ignore[arg-type]


def test_person_errors_name_the_field_and_suggest() -> None:
    with pytest.raises(PersonError) as caught:
        person_from_data({"needs": ["lonley"], "max_travel_km": "far", "colour": 1})
    text = str(caught.value)
    # The person's own words are never repeated; socialrx's own words may be.
    assert "needs: the value is not a known need; did you mean 'loneliness'?" in text
    assert "max_travel_km: expected a number, got the value" in text
    assert "lonley" not in text and "far" not in text
    # A field name may be the person's own words ("diabetes: yes"): it is not repeated
    # either, unless it is a slip for a field of ours.
    assert "colour" not in text
    assert "a field socialrx does not know here" in text and "the fields here are" in text


def test_a_person_file_s_misspelt_field_is_named_with_the_right_one() -> None:
    with pytest.raises(PersonError) as caught:
        person_from_data({"postcod": "NR1 1AA", "I lost my wife Mary in May": "yes"})
    text = str(caught.value)
    assert "postcod: unknown field 'postcod' — did you mean 'postcode'?" in text
    assert "Mary" not in text and "wife" not in text


def test_person_files_in_yaml_or_json(tmp_path: Any) -> None:
    yaml_file = tmp_path / "p.yaml"
    yaml_file.write_text("postcode: FY8 2NP\nage: 81\nneeds: [lonely]\nshielding: true\n")
    json_file = tmp_path / "p.json"
    json_file.write_text(
        '{"postcode": "FY8 2NP", "age": 81, "needs": ["lonely"], "shielding": true}'
    )
    assert load_person(yaml_file) == load_person(json_file)
    yaml_file.write_text("postcode: FY8 2NP\nage: old\n")
    with pytest.raises(PersonError, match=r"p\.yaml:2:6: age"):
        load_person(yaml_file)
    assert parse_person_text("digital: none").digital == "none"


def test_last_verified_is_a_date() -> None:
    assert asset().last_verified == date(2026, 1, 1)


# ------------------------------------------------------------------ allowed values

_FORMATS = (Path(__file__).resolve().parents[1] / "docs" / "formats.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("pattern", "values"),
    [
        (r"^\| `delivery` \| list of (.*?) \|", DELIVERY),
        (r"^\| `access` \| list of (.*?) \|", ACCESS),
        (r"^\| `group.kind` \| (.*?) \|", GROUP_KINDS),
        (r"^\| `status` \| (.*?) \(HSDS values\)", STATUSES),
        (r"frequency: (.*?),", FREQUENCIES),
        (r"per: (.*?),", COST_PERIODS),
        (r"^digital: none +# (.*?) \(absent", DIGITAL_LEVELS),
    ],
)
def test_allowed_values_are_the_ones_the_formats_page_lists(
    pattern: str, values: tuple[str, ...]
) -> None:
    found = re.search(pattern, _FORMATS, re.MULTILINE)
    assert found is not None, pattern
    listed = tuple(v.strip(" `") for v in found.group(1).split("·"))
    assert listed == values


def test_place_and_remote_delivery_split_the_modes() -> None:
    assert {"in-person", "outdoor"} == PLACE_DELIVERY
    assert set(DELIVERY) == PLACE_DELIVERY | REMOTE_DELIVERY
    assert not PLACE_DELIVERY & REMOTE_DELIVERY


def test_a_packed_asset_comes_back_equal_with_the_same_fields_set() -> None:
    for asset in load_catalogue(Path(__file__).resolve().parents[1] / "assets"):
        back = unpack_asset(pack_asset(asset))
        assert back == asset
        assert back.model_fields_set == asset.model_fields_set
        assert back.to_data() == asset.to_data()
        assert len(pack_asset(asset)) < 2000  # a record, not a pickled object graph
