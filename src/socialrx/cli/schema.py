"""The JSON Schemas of the file formats: ``socialrx schema``."""

from __future__ import annotations

import argparse
import json

from socialrx.cli._common import (
    EXIT_OK,
    Commands,
)
from socialrx.model import json_schema


def add_schema(sub: Commands) -> None:
    p = sub.add_parser(
        "schema",
        description="Print the JSON Schema for asset files or person profiles.",
    )
    p.add_argument("kind", nargs="?", choices=("asset", "person"), default="asset")
    p.set_defaults(run=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return EXIT_OK
