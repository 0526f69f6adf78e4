"""The ``socialrx`` command line.

Exit codes: 0 when all is well, 1 when the data is invalid (or a check fails),
2 for a usage problem (unknown option, missing file). Bad data never produces a
bare traceback: every :class:`~socialrx.errors.SocialRxError` is printed plainly.

Each sub-command is a pair of functions: ``_add_<name>`` declares its arguments
and ``_run_<name>`` does the work and returns the exit code. Register new ones in
``_COMMANDS``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from socialrx.__about__ import __version__
from socialrx.catalogue import load_catalogue
from socialrx.errors import CatalogueErrors, SocialRxError
from socialrx.model import json_schema

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


# ------------------------------------------------------------------ validate


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check that catalogue files are valid",
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


def _run_validate(args: argparse.Namespace) -> int:
    try:
        catalogue = load_catalogue(args.paths)
    except CatalogueErrors as exc:
        errors = exc.errors
        count = 0
    else:
        errors = []
        count = len(catalogue)
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
            print(e.github_annotation())
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
        print(f"All {count} assets in {where} are valid.")
    return EXIT_INVALID if errors else EXIT_OK


# ------------------------------------------------------------------ schema


def _add_schema(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of a file format",
        description="Print the JSON Schema for asset files or person profiles.",
    )
    p.add_argument("kind", nargs="?", choices=("asset", "person"), default="asset")
    p.set_defaults(run=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return EXIT_OK


# ------------------------------------------------------------------ main

_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_validate,
    _add_schema,
]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialrx",
        description="Community assets for social prescribing, matched to people with "
        "reasons you can read aloud.",
    )
    parser.add_argument("--version", action="version", version=f"socialrx {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in _COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (FileNotFoundError, IsADirectoryError) as exc:
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SocialRxError as exc:
        print(f"socialrx: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. `socialrx schema | head`
        sys.stderr.close()
        return EXIT_OK
    return code
