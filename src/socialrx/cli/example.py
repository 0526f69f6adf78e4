"""The example person: ``socialrx example-person``."""

from __future__ import annotations

import argparse
import sys

from socialrx.catalogue import example_person_path
from socialrx.cli._common import (
    EXIT_OK,
    Commands,
)


def add_example_person(sub: Commands) -> None:
    p = sub.add_parser(
        "example-person",
        description="Print the example person profile shipped with socialrx (Dorothy, 81, "
        "shielding, no internet, lonely, loves dancing). Save it and try: "
        "socialrx example-person > dorothy.yaml && socialrx match --person dorothy.yaml",
    )
    p.set_defaults(run=_run_example_person)


def _run_example_person(args: argparse.Namespace) -> int:
    sys.stdout.write(example_person_path().read_text(encoding="utf-8"))
    return EXIT_OK
