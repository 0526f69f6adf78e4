"""Checking catalogue files: ``socialrx validate``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from socialrx.catalogue import load_catalogue
from socialrx.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    Commands,
    not_empty,
)
from socialrx.errors import (
    CatalogueError,
    CatalogueErrors,
)
from socialrx.views.github import annotation


def add_validate(sub: Commands) -> None:
    p = sub.add_parser(
        "validate",
        description="Read every *.yaml file under the given folders or files, and report "
        "every problem with its file, line, column and field.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="catalogue folders or asset files")
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for tools, github for Actions annotations",
    )
    p.set_defaults(run=_run_validate)


def _validate(paths: Sequence[str], *, cached: bool = False) -> tuple[list[CatalogueError], int]:
    """Every problem in the catalogue at ``paths``, and how many assets loaded (0 if any)."""
    try:
        catalogue = load_catalogue(paths, cache=cached)
    except CatalogueErrors as exc:
        return exc.errors, 0
    try:
        not_empty(catalogue, paths)
    except CatalogueError as exc:  # a folder with no asset file is not "all valid"
        return [exc], 0
    return [], len(catalogue)


def _run_validate(args: argparse.Namespace) -> int:
    errors, count = _validate(args.paths, cached=not args.no_cache)
    where = ", ".join(args.paths)
    if args.format == "json":
        print(
            json.dumps(
                {"valid": not errors, "assets": count, "errors": [e.to_dict() for e in errors]},
                indent=2,
            )
        )
    elif args.format == "github":
        for e in errors:
            print(annotation(e))
        print(
            f"{len(errors)} problem(s) found in {where}"
            if errors
            else f"{count} assets in {where} are valid"
        )
    elif errors:
        for e in errors:
            print(e)
        files = len({e.path for e in errors})
        print(
            f"\n{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}. Each line shows file:line:column: field: "
            "what is wrong (and how to fix it).",
            file=sys.stderr,
        )
    else:
        print(
            f"All {count} assets in {where} are valid."
            if count != 1
            else f"The one asset in {where} is valid."
        )
    return EXIT_INVALID if errors else EXIT_OK
