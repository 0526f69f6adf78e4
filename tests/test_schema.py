"""The committed JSON Schemas match the models and help editors on hover."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from socialrx.model import json_schema
from socialrx.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("kind", ["asset", "person"])
def test_committed_schema_matches_the_models(kind: str) -> None:
    committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(kind), (  # type: ignore[arg-type]
        f"schema/{kind}.schema.json is out of date: run "
        f"'socialrx schema {kind} > schema/{kind}.schema.json'"
    )


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("", p) for p in [schema]]
    found += [(name, d) for name, d in schema.get("$defs", {}).items()]
    return [
        (f"{owner}.{field}", spec)
        for owner, d in found
        for field, spec in d.get("properties", {}).items()
    ]


@pytest.mark.parametrize("kind", ["asset", "person"])
def test_every_field_has_a_description_and_an_example(kind: str) -> None:
    for name, spec in _properties(json_schema(kind)):  # type: ignore[arg-type]
        assert spec.get("description"), f"{name} has no description"
        assert spec.get("examples"), f"{name} has no example"


def test_valid_fixtures_validate_against_the_schema_too() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("asset"))
    for path in sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.yaml")):
        data = read_yaml(path).data
        data.setdefault("id", path.stem)
        data["last_verified"] = str(data["last_verified"])
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{path.name}: {errors}"
