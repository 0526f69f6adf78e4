"""Where needs go unmet: ``socialrx gaps``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from socialrx.batch import RowError, iter_people
from socialrx.errors import (
    SocialRxError,
)
from socialrx.gaps import coverage_gaps
from socialrx.views.gaps_report import people_text, write_gaps_csv, write_gaps_html, write_gaps_pdf

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue
    from socialrx.gaps import GapReport

from socialrx.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _add_strict,
    _use_catalogue,
)


def add_gaps(sub: Commands) -> None:
    p = sub.add_parser(
        "gaps",
        description="For each need and each postcode sector of an area, count the active "
        "assets a person there can reach: places within the travel limit, plus phone, "
        "online and home-visit services covering the sector. Writes a self-contained HTML "
        "report (charts need the 'plot' extra) or, for a .csv file name, the table as CSV.",
    )
    p.add_argument(
        "--catalogue",
        metavar="PATH",
        help="catalogue folder or files (default: the example catalogue shipped with socialrx)",
    )
    p.add_argument(
        "--area",
        required=True,
        metavar="PREFIX",
        help="postcode area, district or sector, e.g. FY8",
    )
    p.add_argument(
        "--people",
        metavar="PEOPLE.csv",
        help="weight by how many people in each sector have each need",
    )
    p.add_argument(
        "--max-km",
        type=float,
        default=8.0,
        metavar="KM",
        help="travel limit for places people go to (default: 8)",
    )
    p.add_argument(
        "--need",
        action="append",
        metavar="NEED",
        help="report only this need (repeat for more; default: every need)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="report file: .html (default) or .csv; without it, a summary is printed",
    )
    p.add_argument("--csv", metavar="FILE", help="also write the table as CSV")
    p.add_argument("--no-charts", action="store_true", help="leave the charts out of the HTML")
    _add_strict(p)
    p.set_defaults(run=_run_gaps)


_GAPS_FORMATS = (".html", ".htm", ".pdf", ".csv")


def _write_gaps(report: GapReport, args: argparse.Namespace, skipped: int) -> None:

    if args.csv:
        write_gaps_csv(report, args.csv)
    suffix = Path(args.output).suffix.lower() if args.output else ""
    if suffix == ".csv":
        write_gaps_csv(report, args.output)
    elif suffix == ".pdf":
        write_gaps_pdf(report, args.output, skipped_rows=skipped)
    elif args.output:
        write_gaps_html(report, args.output, charts=not args.no_charts, skipped_rows=skipped)


def _print_problem(problem: RowError) -> None:
    print(f"socialrx: {problem}", file=sys.stderr)


def _gaps_report(catalogue: Catalogue, args: argparse.Namespace) -> tuple[GapReport, int]:
    """The report, and how many people rows were left out with problems.

    The people file is streamed: only the counts per sector and need are kept.
    """
    if not args.people:
        return coverage_gaps(catalogue, args.area, max_km=args.max_km, needs=args.need), 0
    with iter_people(args.people) as people:
        if people.note:
            print(f"socialrx: {args.people}: {people.note}", file=sys.stderr)
        report = coverage_gaps(
            catalogue,
            args.area,
            max_km=args.max_km,
            people=people.persons(_print_problem),
            needs=args.need,
        )
    return report, people.bad_rows


def _run_gaps(args: argparse.Namespace) -> int:

    if not args.max_km > 0:
        print("socialrx gaps: error: --max-km must be more than 0", file=sys.stderr)
        return EXIT_USAGE
    if args.output and Path(args.output).suffix.lower() not in _GAPS_FORMATS:
        print(
            "socialrx gaps: error: -o: the report can be written as .html, .pdf or .csv; "
            "give the file one of those endings",
            file=sys.stderr,
        )
        return EXIT_USAGE
    catalogue = _use_catalogue(args)
    try:
        report, skipped = _gaps_report(catalogue, args)
    except ValueError as exc:
        if isinstance(exc, SocialRxError):
            raise
        print(f"socialrx gaps: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _write_gaps(report, args, skipped)
    gaps = report.gaps()
    print(
        f"{len(gaps)} of {len(report.cells)} sector-need pairs in {report.area} have nothing "
        f"in reach within {report.max_km:g} km."
    )
    if not args.output:
        for cell in gaps:
            people_part = "" if cell.people is None else f" ({people_text(cell.people)})"
            print(f"  {cell.sector}  {cell.need}{people_part}")
    else:
        print(f"Report written to {args.output}.")
    if skipped:
        rows = "row" if skipped == 1 else "rows"
        print(
            f"socialrx gaps: left out {skipped} {rows} of {args.people} with problems (listed "
            "above); the counts do not include them, and the report says so.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return EXIT_OK
