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


# ------------------------------------------------------------------ batch


def _add_batch(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "batch", help="match every person in a CSV file",
        description="Match each person in a people CSV (an id column plus person fields; "
        "see docs/people-template.csv) and write one row per person with their top matches, "
        "scores and one-line reasons. Rows with bad data are reported by row number and "
        "column, and the other rows are still matched. The output file appears only when "
        "complete. Exit code 1 when any row had a problem.",
    )
    p.add_argument("people", metavar="PEOPLE.csv", help="the people CSV")
    p.add_argument("--catalogue", default="assets", metavar="PATH",
                   help="catalogue folder or files (default: assets)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="where to write the results CSV")
    p.add_argument("--limit", type=_positive_int, default=3, metavar="N",
                   help="matches per person (default: 3)")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="processes to match in (default: 1)")
    p.add_argument("--errors", metavar="FILE",
                   help="also write the problems found to this CSV (row, id, column, message)")
    p.set_defaults(run=_run_batch)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def _report_row_errors(errors: Sequence[object], errors_file: str | None) -> None:
    """Print people-file problems (row, id, column and message; never person data)."""
    import csv

    from socialrx.output import atomic_writer

    for e in errors:
        print(f"socialrx: {e}", file=sys.stderr)
    if errors_file:
        with atomic_writer(errors_file, newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["row", "id", "column", "message"])
            for e in errors:
                writer.writerow([getattr(e, "row", ""), getattr(e, "id", ""),
                                 getattr(e, "column", ""), getattr(e, "message", str(e))])


def _run_batch(args: argparse.Namespace) -> int:
    from socialrx.batch import Progress, batch_rows, match_many, read_people, write_batch_csv

    people = read_people(args.people)
    catalogue = load_catalogue(args.catalogue)
    _report_row_errors(people.errors, args.errors)
    progress = Progress(len(people.ids))
    results = match_many(people.persons, catalogue, limit=args.limit, workers=args.workers)
    try:
        written = write_batch_csv(args.output, batch_rows(people, results), limit=args.limit,
                                  progress=progress)
    finally:
        progress.close()
    bad = len({e.row for e in people.errors})
    problems = f"; {bad} row{'s' if bad != 1 else ''} had problems (listed above)" if bad else ""
    print(f"Matched {written - bad} of {written} people{problems}. Results in {args.output}.",
          file=sys.stderr)
    return EXIT_INVALID if bad else EXIT_OK


# ------------------------------------------------------------------ gaps


def _add_gaps(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "gaps", help="report where needs go unmet, by postcode sector",
        description="For each need and each postcode sector of an area, count the active "
        "assets a person there can reach: places within the travel limit, plus phone, "
        "online and home-visit services covering the sector. Writes a self-contained HTML "
        "report (charts need the 'plot' extra) or, for a .csv file name, the table as CSV.",
    )
    p.add_argument("--catalogue", default="assets", metavar="PATH",
                   help="catalogue folder or files (default: assets)")
    p.add_argument("--area", required=True, metavar="PREFIX",
                   help="postcode area, district or sector, e.g. FY8")
    p.add_argument("--people", metavar="PEOPLE.csv",
                   help="weight by how many people in each sector have each need")
    p.add_argument("--max-km", type=float, default=8.0, metavar="KM",
                   help="travel limit for places people go to (default: 8)")
    p.add_argument("--need", action="append", metavar="NEED",
                   help="report only this need (repeat for more; default: every need)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="report file: .html (default) or .csv; without it, a summary is printed")
    p.add_argument("--csv", metavar="FILE", help="also write the table as CSV")
    p.add_argument("--no-charts", action="store_true", help="leave the charts out of the HTML")
    p.set_defaults(run=_run_gaps)


def _run_gaps(args: argparse.Namespace) -> int:
    from socialrx.batch import read_people
    from socialrx.gaps import coverage_gaps

    if not args.max_km > 0:
        print("socialrx: error: --max-km must be more than 0", file=sys.stderr)
        return EXIT_USAGE
    catalogue = load_catalogue(args.catalogue)
    persons = None
    if args.people:
        people = read_people(args.people)
        _report_row_errors(people.errors, None)
        persons = people.persons
    try:
        report = coverage_gaps(catalogue, args.area, max_km=args.max_km, people=persons,
                               needs=args.need)
    except ValueError as exc:
        if isinstance(exc, SocialRxError):
            raise
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.csv:
        report.write_csv(args.csv)
    if args.output and args.output.lower().endswith(".csv"):
        report.write_csv(args.output)
    elif args.output:
        report.write_html(args.output, charts=not args.no_charts)
    gaps = report.gaps()
    print(f"{len(gaps)} of {len(report.cells)} sector-need pairs in {report.area} have nothing "
          f"in reach within {report.max_km:g} km.")
    if not args.output:
        for cell in gaps:
            people_text = "" if cell.people is None else f" ({cell.people} people)"
            print(f"  {cell.sector}  {cell.need}{people_text}")
    else:
        print(f"Report written to {args.output}.")
    return EXIT_OK


# ------------------------------------------------------------------ main

_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_validate,
    _add_schema,
    _add_batch,
    _add_gaps,
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
