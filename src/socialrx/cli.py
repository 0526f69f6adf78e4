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
import csv
import difflib
import errno
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import ExitStack, nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from socialrx import cache, upkeep
from socialrx.__about__ import __version__
from socialrx.batch import Progress, RowError, count_rows, iter_people, match_rows
from socialrx.calls import call_list
from socialrx.catalogue import example_person_path, load_catalogue, load_person, person_from_data
from socialrx.errors import (
    CatalogueError,
    CatalogueErrors,
    MissingDependencyError,
    PersonError,
    SelectionError,
    SocialRxError,
    UnknownAssetError,
    UnreadableInputError,
)
from socialrx.gaps import coverage_gaps
from socialrx.interop import (
    READERS,
    WRITERS,
    Defaults,
    SheetOptions,
    detect_format,
    get_writer,
    import_records,
    read_mapping,
    sheet_headers,
    suggest_mapping,
    write_report,
)
from socialrx.interop.live import STATE_FOLDER, FetchOptions, import_feed, is_url
from socialrx.matching import default_policy, explain, load_policy, match
from socialrx.matching.prepared import keep_prepared
from socialrx.model import ACCESS, DELIVERY, PLACE_DELIVERY, STATUSES, json_schema
from socialrx.output import atomic_write_text, atomic_writer, csv_writer, printable
from socialrx.parallel import dask_executor
from socialrx.quality import CheckReport, Finding, check_catalogue
from socialrx.scaffold import (
    asset_data,
    create_asset_file,
    describe_errors,
    file_name_for,
    unknown_need_hint,
)
from socialrx.views.batch_csv import write_batch_csv
from socialrx.views.call_list import call_list_csv, call_list_html, call_list_text
from socialrx.views.gaps_report import people_text, write_gaps_csv, write_gaps_html, write_gaps_pdf
from socialrx.views.github import annotation, finding_annotation, step_summary
from socialrx.views.html import result_html
from socialrx.views.site import SiteOptions, build_site
from socialrx.views.text import explanation_text, result_text
from socialrx.vocabulary import NEEDS, closest, resolve_need

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue
    from socialrx.gaps import GapReport
    from socialrx.interop import ImportReport
    from socialrx.matching import Policy
    from socialrx.model import Person

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)."""
_SHOWN_DIFFS = 20  # set-status shows each diff up to this many files, then only a list


# ------------------------------------------------------------------ the parser

_INWARD_CODE = re.compile(r"^[0-9][A-Za-z]{2}$")
"""The second half of a postcode ("2NP"), left over when a postcode was not quoted."""


class _Parser(argparse.ArgumentParser):
    """argparse, with help for the mistakes people make on the command line.

    An unknown option gets a "did you mean" from the command's own options; the second
    half of an unquoted postcode gets a hint to quote it; ``socialrx`` on its own lists
    the commands. Messages never repeat a value given for a person.
    """

    def parse_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = _command_parser(self, getattr(parsed, "command", None))
            command.error(_unexpected(extras, command))
        return parsed

    def error(self, message: str) -> NoReturn:
        if "required: COMMAND" in message:
            self.print_help(sys.stderr)
            self.exit(EXIT_USAGE, "\nsocialrx: give a command, e.g. socialrx match --help\n")
        super().error(message)


def _command_parser(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    """The sub-command's own parser (or ``parser`` itself when there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            found: argparse.ArgumentParser = action.choices[name]
            return found
    return parser


def _unexpected(extras: Sequence[str], parser: argparse.ArgumentParser) -> str:
    """What was not understood, with the likely fix; never the values themselves."""
    for word in extras:
        if word.startswith("-"):
            flag = word.split("=", 1)[0]
            known = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
            close = difflib.get_close_matches(flag, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else f"; see {parser.prog} --help"
            return f"unknown option {flag}{hint}"
    if any(_INWARD_CODE.match(word) for word in extras):
        return (
            "a postcode has a space in it, so put it in quotes: --postcode 'FY8 2NP' "
            "(the second half was read as a separate word)"
        )
    count = len(extras)
    return (
        f"{count} unexpected word{'s' if count != 1 else ''} on the command line; "
        f"put values with spaces in quotes (see {parser.prog} --help)"
    )


# ------------------------------------------------------------------ argument types


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22"
        ) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 3600 seconds")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


# ------------------------------------------------------------------ catalogues


def _add_strict(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse a catalogue with any invalid file (default: skip those files and "
        "say how many were skipped)",
    )


def _use_catalogue(args: argparse.Namespace) -> Catalogue:
    """The catalogue a command works with: valid files only, unless ``--strict``.

    A volunteer's typo in one file must not stop a link worker, so files with
    problems are left out with a warning on standard error (the list is what
    ``socialrx validate`` prints). With ``--strict`` any problem stops the command.
    """
    cached = not getattr(args, "no_cache", False)
    if getattr(args, "strict", False):
        return load_catalogue(args.catalogue, cache=cached)
    catalogue = load_catalogue(args.catalogue, errors="skip", cache=cached)
    skipped = len(catalogue.skipped_files)
    where = args.catalogue or "the example catalogue"
    if skipped:
        print(
            f"socialrx: warning: skipped {skipped} file{'s' if skipped != 1 else ''} with "
            f"problems in {where} and used the other {len(catalogue)} assets; "
            f"run 'socialrx validate {where}' for the list (--strict refuses instead)",
            file=sys.stderr,
        )
    return catalogue


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


def _validate(paths: Sequence[str], *, cached: bool = False) -> tuple[list[CatalogueError], int]:
    """Every problem in the catalogue at ``paths``, and how many assets loaded (0 if any)."""
    try:
        catalogue = load_catalogue(paths, cache=cached)
    except CatalogueErrors as exc:
        return exc.errors, 0
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
        "batch",
        help="match every person in a CSV file",
        description="Match each person in a people CSV (an id column plus person fields; "
        "see docs/people-template.csv) and write one row per person with their top matches, "
        "scores and one-line reasons. Rows with bad data are reported by row number and "
        "column, and the other rows are still matched. The output file appears only when "
        "complete. Exit code 1 when any row had a problem.",
    )
    p.add_argument("people", metavar="PEOPLE.csv", help="the people CSV")
    p.add_argument(
        "--catalogue",
        metavar="PATH",
        help="catalogue folder or files (default: the example catalogue shipped with socialrx)",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="where to write the results CSV"
    )
    p.add_argument(
        "--limit",
        type=_positive_int,
        default=3,
        metavar="N",
        help="matches per person (default: 3)",
    )
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help="processes to match in (default: 1)",
    )
    p.add_argument(
        "--errors",
        metavar="FILE",
        help="also write the problems found to this CSV (row, id, column, message)",
    )
    p.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="measure freshness from this date instead of today",
    )
    _add_strict(p)
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="match on a Dask cluster: tcp://host:port, or 'local' to start one here with "
        "--workers processes (needs socialrx[dask]; person data goes to its workers)",
    )
    p.set_defaults(run=_run_batch)


class _Problems:
    """Row problems as a batch meets them: printed, written to ``--errors``, counted."""

    def __init__(self, progress: Progress, writer: Any) -> None:
        self.progress, self.writer = progress, writer
        self.rows = 0
        self._last = 0

    def __call__(self, e: RowError) -> None:
        if e.row != self._last:  # problems come in row order, a row's together
            self._last = e.row
            self.rows += 1
        self.progress.write(f"socialrx: {e}")
        if self.writer is not None:
            self.writer.writerow([e.row, e.id, e.column, e.message])


def _run_batch(args: argparse.Namespace) -> int:

    # Rows are read, matched and written one chunk at a time, so memory stays the same
    # for any length of file; the header is checked first, before the catalogue loads.
    with iter_people(args.people) as people, ExitStack() as stack:
        catalogue = _use_catalogue(args)
        bar = sys.stderr.isatty()
        progress = Progress(count_rows(args.people) if bar else None, enabled=bar)
        stack.callback(progress.close)
        writer = None
        if args.errors:
            writer = csv_writer(stack.enter_context(atomic_writer(args.errors, newline="")))
            writer.writerow(["row", "id", "column", "message"])
        problems = _Problems(progress, writer)
        cluster = dask_executor(args.scheduler, args.workers) if args.scheduler else nullcontext()
        rows = match_rows(
            people,
            catalogue,
            limit=args.limit,
            workers=args.workers,
            executor=stack.enter_context(cluster),
            on_problem=problems,
            **({"today": args.today} if args.today else {}),
        )
        written = write_batch_csv(args.output, rows, limit=args.limit, progress=progress)
        progress.close(complete=True)
    bad = problems.rows
    message = f"; {bad} row{'s' if bad != 1 else ''} had problems (listed above)" if bad else ""
    print(
        f"Matched {written - bad} of {written} people{message}. Results in {args.output}.",
        file=sys.stderr,
    )
    return EXIT_INVALID if bad else EXIT_OK


# ------------------------------------------------------------------ gaps


def _add_gaps(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "gaps",
        help="report where needs go unmet, by postcode sector",
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


# ------------------------------------------------------------------ check

_MAX_ANNOTATIONS = 10
"""Annotations of each severity printed by --format github (GitHub shows 10 per step)."""


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="look for stale, duplicate or doubtful entries in a catalogue",
        description="Quality checks beyond validity: stale entries, near-duplicates, "
        "postcodes that do not resolve, locations outside their service area, malformed "
        "phone numbers, e-mails and web addresses, file names, schema lines, closed "
        "assets without a note, and needs the text gives no reason for. Each problem has "
        "a stable code (SRX…) explained in CONTRIBUTING.md. Exit code 1 when there are "
        "errors (or, with --strict, warnings).",
    )
    p.add_argument("paths", nargs="+", metavar="CATALOGUE", help="catalogue folders or asset files")
    p.add_argument(
        "--strict",
        action="store_true",
        help="entries unchecked for over 24 months are errors, and warnings fail the run",
    )
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        default=None,
        help="measure staleness from this date instead of today",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for tools, github for Actions annotations "
        "(and a table in $GITHUB_STEP_SUMMARY)",
    )
    p.set_defaults(run=_run_check)


def _annotated(report: CheckReport) -> tuple[list[Finding], int]:
    """The findings to show as annotations (GitHub caps them per severity), and the rest."""
    shown: list[Finding] = []
    hidden = 0
    for severity in ("error", "warning"):
        of_kind = [f for f in report.findings if f.severity == severity]
        shown += of_kind[:_MAX_ANNOTATIONS]
        hidden += len(of_kind[_MAX_ANNOTATIONS:])
    return sorted(shown), hidden


def _run_check(args: argparse.Namespace) -> int:
    report = check_catalogue(args.paths, today=args.today, strict=args.strict)
    errors, warnings = len(report.errors), len(report.warnings)
    tally = (
        f"{errors} error{'s' if errors != 1 else ''} and {warnings} "
        f"warning{'s' if warnings != 1 else ''} in {report.files} "
        f"file{'s' if report.files != 1 else ''}"
    )
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2))
        return report.exit_code()
    if args.format == "github":
        shown, hidden = _annotated(report)
        for f in shown:
            print(finding_annotation(f))
        if hidden:
            print(
                f"::notice::{hidden} more problem(s) are not shown as annotations; "
                "the job summary lists them all"
            )
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            # GitHub gives each step this file to append to; several commands in one
            # step share it, so append rather than replace.
            with open(summary, "a", encoding="utf-8") as out:
                out.write(step_summary(report) + "\n")
    else:
        for f in report.findings:
            print(f)
        if report.findings:
            print()
    if not report.findings:
        print(f"No problems found in {report.files} file{'s' if report.files != 1 else ''}.")
    else:
        verdict = (
            "" if report.ok else (" --strict: warnings fail the run." if not report.errors else "")
        )
        print(f"{tally}.{verdict} Codes are explained in CONTRIBUTING.md.")
    return report.exit_code()


# ------------------------------------------------------------------ new

_NEW_FLAGS = {
    "name": "--name",
    "summary": "--summary",
    "needs": "--needs",
    "delivery": "--delivery",
    "locations": "--postcode",
    "service_area": "--service-area",
    "activities": "--activities",
    "access": "--access",
    "contact": "--phone/--email/--website",
    "status": "--status",
    "last_verified": "--last-verified",
    "id": "--id",
    "digital": "--platform",
}


def _add_new(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help="start a new asset file (asks questions, or takes flags)",
        description="Write a new asset file with the schema line and a short note on each "
        "field. Missing answers are asked for when run in a terminal; without one, give "
        "--name, --summary, --needs, --delivery (and --postcode for in-person or outdoor "
        "assets). An existing file is never replaced.",
    )
    p.add_argument("--name", help="what people call it")
    p.add_argument("--summary", help="one plain-English line (up to 200 characters)")
    p.add_argument(
        "--needs",
        action="append",
        metavar="NEED",
        help="needs it helps with, comma-separated or repeated (e.g. loneliness)",
    )
    p.add_argument(
        "--delivery",
        action="append",
        metavar="MODE",
        help=f"{', '.join(DELIVERY[:-1])} or {DELIVERY[-1]} (comma-separated)",
    )
    p.add_argument("--postcode", help="full postcode of the place (in-person and outdoor)")
    p.add_argument("--location-name", help="what the place is called")
    p.add_argument("--address", help="street address of the place")
    p.add_argument(
        "--service-area",
        action="append",
        metavar="PREFIX",
        help="postcode areas, districts or sectors served (e.g. FY8)",
    )
    p.add_argument("--description", help="a longer description")
    p.add_argument("--organisation", help="who runs it")
    p.add_argument(
        "--activities", action="append", metavar="ACTIVITY", help="what people do, comma-separated"
    )
    p.add_argument(
        "--access",
        action="append",
        metavar="ROUTE",
        help=", ".join(ACCESS),
    )
    p.add_argument("--platform", help="for online assets: Zoom, WhatsApp, …")
    p.add_argument("--free", action="store_true", help="it costs nothing")
    p.add_argument("--phone", help="PUBLIC phone number")
    p.add_argument("--email", help="PUBLIC e-mail address")
    p.add_argument("--website", help="web page")
    p.add_argument("--how-to-join", help="what a person does to start")
    p.add_argument(
        "--status",
        default="active",
        choices=STATUSES,
    )
    p.add_argument("--status-note", help="why it is paused, or what changed")
    p.add_argument(
        "--last-verified",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="when it was checked (default: today)",
    )
    p.add_argument("--id", dest="asset_id", help="an id other than the file name")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--output", "-o", metavar="FILE", help="the file to create")
    where.add_argument(
        "--folder",
        metavar="DIR",
        default=".",
        help="folder for the file, named after the asset (default: here)",
    )
    p.add_argument(
        "--no-input", action="store_true", help="never ask questions, even in a terminal"
    )
    p.set_defaults(run=_run_new)


def _modes(delivery: Sequence[str] | None) -> set[str]:
    """The delivery modes named in ``--delivery`` values (each may be comma-separated)."""
    return {m.strip().lower() for d in delivery or () for m in d.split(",")}


def _missing_for_new(args: argparse.Namespace) -> list[str]:
    missing = [
        flag
        for key, flag in (
            ("name", "--name"),
            ("summary", "--summary"),
            ("needs", "--needs"),
            ("delivery", "--delivery"),
        )
        if not getattr(args, key)
    ]
    if _modes(args.delivery) & PLACE_DELIVERY and not args.postcode:
        missing.append("--postcode")
    return missing


def _ask(question: str, *, required: bool = False) -> str:
    """One answer from the terminal; a required question is asked until answered."""
    while True:
        answer = input(f"{question}{'' if required else ' (Enter to skip)'}: ").strip()
        if answer or not required:
            return answer
        print("  This one is needed.")


def _ask_list(question: str) -> list[str]:
    return [w.strip() for w in _ask(question, required=True).split(",")]


def _ask_needs() -> list[str]:
    while True:
        print("  Needs: " + ", ".join(NEEDS))
        words = [w for w in _ask_list("Which needs does it help with? (comma-separated)") if w]
        unknown = [w for w in words if resolve_need(w) is None]
        if words and not unknown:
            return words
        if unknown:
            print(f"  '{unknown[0]}' is not a known need; {unknown_need_hint(unknown[0])}")


def _ask_delivery() -> list[str]:
    while True:
        words = [w.lower() for w in _ask_list("How do people take part? " + ", ".join(DELIVERY))]
        wrong = [w for w in words if w not in DELIVERY]
        if not wrong:
            return words
        meant = closest(wrong[0], list(DELIVERY))
        hint = f"did you mean '{meant}'? " if meant else ""
        print(
            f"  '{wrong[0]}' is not a way of taking part; {hint}Choose from: {', '.join(DELIVERY)}"
        )


def _ask_where(args: argparse.Namespace) -> None:
    modes = _modes(args.delivery)
    if modes & PLACE_DELIVERY:
        if not args.postcode:
            args.postcode = _ask("What is the full postcode of the place?", required=True)
        if not args.location_name:
            args.location_name = _ask("What is the place called?")
    if "online" in modes and not args.platform:
        args.platform = _ask("Which app or website is used (e.g. Zoom)?")


_NEW_QUESTIONS = (
    ("organisation", "Who runs it?"),
    ("phone", "PUBLIC phone number"),
    ("email", "PUBLIC e-mail address"),
    ("website", "Web page (https://…)"),
    ("how_to_join", "How does a person join?"),
)


def _ask_new(args: argparse.Namespace) -> None:
    """Ask for each answer not given as a flag (required ones until answered)."""
    print(
        "A few questions about the asset. Press Ctrl+C to stop; nothing is written until the end."
    )
    if not args.name:
        args.name = _ask("What is it called?", required=True)
    if not args.summary:
        args.summary = _ask("In one line, what is it? (up to 200 characters)", required=True)
    if not args.needs:
        args.needs = _ask_needs()
    if not args.delivery:
        args.delivery = _ask_delivery()
    _ask_where(args)
    for key, question in _NEW_QUESTIONS:
        if not getattr(args, key):
            setattr(args, key, _ask(question) or None)
    if not args.free:
        args.free = _ask("Is it free? (y/n)").lower().startswith("y")


def _run_new(args: argparse.Namespace) -> int:
    missing = _missing_for_new(args)
    if missing and not args.no_input and sys.stdin.isatty():
        try:
            _ask_new(args)
        except (EOFError, KeyboardInterrupt):
            print("\nStopped; no file was written.", file=sys.stderr)
            return EXIT_USAGE
        missing = _missing_for_new(args)
    if missing:
        print(
            f"socialrx new: missing {', '.join(missing)} (give them as flags, or run "
            "in a terminal to be asked)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        data = asset_data(
            name=args.name,
            summary=args.summary,
            needs=args.needs,
            delivery=args.delivery,
            postcode=args.postcode,
            location_name=args.location_name,
            address=args.address,
            service_area=args.service_area,
            description=args.description,
            organisation=args.organisation,
            activities=args.activities,
            access=args.access,
            platform=args.platform,
            free=args.free,
            phone=args.phone,
            email=args.email,
            website=args.website,
            how_to_join=args.how_to_join,
            status=args.status,
            status_note=args.status_note,
            last_verified=args.last_verified,
            asset_id=args.asset_id,
        )
    except CatalogueErrors as exc:
        for line in describe_errors(exc.errors, _NEW_FLAGS):
            print(f"socialrx new: {line}", file=sys.stderr)
        return EXIT_USAGE
    target = (
        Path(args.output)
        if args.output
        else Path(args.folder) / file_name_for(args.asset_id or args.name)
    )
    try:
        create_asset_file(data, target)
    except FileExistsError as exc:
        print(f"socialrx new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {target}. Check it, then run: socialrx check {target}")
    return EXIT_OK


# ------------------------------------------------------------------ export / import


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write a catalogue as Open Referral HSDS 3.0 or a spreadsheet",
        description="Write every asset of a catalogue in another format (the --to choices "
        "below; see docs/interop.md).",
    )
    p.add_argument("catalogue", metavar="CATALOGUE", help="catalogue folder or asset files")
    _add_strict(p)
    p.add_argument(
        "--to",
        dest="to",
        required=True,
        choices=tuple(WRITERS),
        help="; ".join(f"{name}: {w.description}" for name, w in WRITERS.items()),
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    catalogue = _use_catalogue(args)
    atomic_write_text(args.output, get_writer(args.to).write(catalogue))
    said = sys.stderr if args.output == "-" else sys.stdout  # keep standard output clean
    print(f"Wrote {len(catalogue)} assets to {args.output} ({args.to}).", file=said)
    return EXIT_OK


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="read an Open Referral feed or a spreadsheet into asset files",
        description=f"Read a directory feed or spreadsheet ({', '.join(READERS)}) and write "
        "one asset file per service into DIR. Records that cannot be assets yet go to "
        "DIR/needs-review/ with a comment saying what is missing. A report of every "
        "record (text and JSON) is written too.",
    )
    p.add_argument("file", metavar="FILE", help="the feed or spreadsheet")
    p.add_argument(
        "--from",
        dest="kind",
        default=None,
        choices=tuple(READERS),
        help="the format of FILE (default: worked out from the file): "
        + "; ".join(f"{name}: {r.description}" for name, r in READERS.items()),
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder for the asset files"
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        default=None,
        help="JSON report path (default DIR/import-report.json; the text report "
        "goes beside it with .txt)",
    )
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        default=None,
        help="import date to record (default: today)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would change in DIR and write nothing",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="overwrite files edited by hand since the last import (default: merge field "
        "by field, keep the edits and report conflicts)",
    )
    _add_sheet_options(p)
    _add_live_options(p)
    p.set_defaults(run=_run_import)


def _add_sheet_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mapping",
        metavar="FILE",
        help="a YAML file saying which socialrx field each column of a spreadsheet holds",
    )
    p.add_argument(
        "--accept-mapping",
        action="store_true",
        help="use the column mapping socialrx suggests for a sheet with its own column "
        "names even when it is not certain (it is printed either way)",
    )
    p.add_argument(
        "--write-mapping",
        metavar="FILE",
        help="write the suggested column mapping of the spreadsheet to FILE for editing, "
        "and import nothing",
    )
    p.add_argument(
        "--default",
        dest="defaults",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a value every record shares, used where a record gives none "
        "(repeatable), e.g. --default needs=practical-help --default delivery=in-person",
    )


def _write_mapping(args: argparse.Namespace) -> int:
    kind = args.kind or detect_format(args.file)
    if kind != "csv":
        raise UnreadableInputError(f"{args.file}: a column mapping is for spreadsheets, not {kind}")
    mapping = suggest_mapping(sheet_headers(args.file))
    atomic_write_text(args.write_mapping, mapping.to_yaml())
    print(mapping.table())
    print(
        f"Wrote the suggested mapping to {args.write_mapping}; edit it, then import with "
        f"--mapping {args.write_mapping}."
    )
    return EXIT_OK


def _add_live_options(p: argparse.ArgumentParser) -> None:
    live = p.add_argument_group(
        "live feeds",
        "FILE may be the address of an Open Referral API's /services list (ORUK v3, HSDS "
        "3.0, ORUK v1) or of an OpenActive RPDE feed; every page is fetched, with retries. "
        "See docs/interop.md, 'Live feeds'.",
    )
    live.add_argument(
        "--allow-network",
        action="store_true",
        help="let socialrx fetch FILE from the web (nothing is fetched without it; no "
        "person data is involved)",
    )
    live.add_argument(
        "--rate",
        type=_seconds,
        default=FetchOptions.rate,
        metavar="SECONDS",
        help=f"pause between requests (default {FetchOptions.rate:g})",
    )
    live.add_argument(
        "--per-page",
        type=_positive_int,
        default=None,
        metavar="N",
        help="services per page to ask an Open Referral API for (default: the server's)",
    )
    live.add_argument(
        "--max-pages",
        type=_positive_int,
        default=FetchOptions.max_pages,
        metavar="N",
        help=f"stop after N pages, a safety net (default {FetchOptions.max_pages})",
    )


def _run_import_feed(args: argparse.Namespace) -> ImportReport | int:
    """Fetch a live feed (only with --allow-network) and import it, or an exit code."""
    if not args.allow_network:
        print(
            f"socialrx: error: {args.file} is a web address, and socialrx uses the network "
            "only when asked to. Add --allow-network to fetch the feed (only its own pages "
            "are requested; no person data is involved).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    options = FetchOptions(
        rate=args.rate,
        per_page=args.per_page,
        max_pages=args.max_pages,
        say=lambda line: print(f"socialrx: {line}", file=sys.stderr),
    )
    try:
        return import_feed(
            args.file,
            args.output,
            allow_network=True,
            kind=args.kind,
            options=options,
            today=args.today,
            force=args.force,
            dry_run=args.dry_run,
            write=not args.dry_run,
        )
    except KeyboardInterrupt:
        print(
            f"\nsocialrx: stopped; the pages fetched so far are kept in "
            f"{Path(args.output) / STATE_FOLDER}: run the same command again to continue.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def _run_import(args: argparse.Namespace) -> int:
    if args.write_mapping:
        return _write_mapping(args)
    if is_url(args.file):
        report = _run_import_feed(args)
        if isinstance(report, int):
            return report
    else:
        sheet = SheetOptions(
            mapping=read_mapping(args.mapping) if args.mapping else None,
            accept=args.accept_mapping,
            defaults=Defaults.parse(args.defaults),
        )
        report = import_records(
            args.kind,
            args.file,
            args.output,
            today=args.today,
            force=args.force,
            dry_run=args.dry_run,
            write=not args.dry_run,
            sheet=sheet,
        )
    print(report.summary())
    if args.dry_run:
        print("Dry run: nothing was written.")
        return EXIT_OK
    json_path = Path(args.report) if args.report else Path(args.output) / "import-report.json"
    text_path = json_path.with_suffix(".txt")
    write_report(report, json_path, text_path)
    print(f"Report: {text_path} and {json_path}")
    return EXIT_OK


# ------------------------------------------------------------------ match / why


def _add_person_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--catalogue",
        metavar="PATH",
        help="catalogue folder or files (default: the example catalogue shipped with socialrx)",
    )
    p.add_argument(
        "--person",
        metavar="FILE",
        help="a person profile (YAML or JSON); the options below override it",
    )
    p.add_argument("--postcode", help="where the person lives, e.g. 'FY8 2NP'")
    p.add_argument("--age", type=int, help="age in years")
    p.add_argument("--needs", metavar="LIST", help="comma-separated, e.g. 'lonely,exercise'")
    p.add_argument(
        "--interests",
        metavar="LIST",
        help="comma-separated, in the person's words, e.g. 'dancing,music'",
    )
    p.add_argument(
        "--digital", choices=("none", "limited", "confident"), help="internet access and confidence"
    )
    p.add_argument("--max-km", type=float, metavar="KM", help="furthest they will travel")
    p.add_argument(
        "--accessibility",
        metavar="LIST",
        help="features they need, comma-separated, e.g. 'step-free'",
    )
    p.add_argument("--delivery", metavar="LIST", help="acceptable ways, e.g. 'phone,outdoor'")
    p.add_argument(
        "--circumstances",
        metavar="LIST",
        help="who they are, for groups meant for someone, e.g. 'carer,bereaved'; "
        "'none' when none apply (absent: not known)",
    )
    p.add_argument(
        "--shielding",
        action="store_true",
        default=None,
        help="only outdoor, phone, online or home visits",
    )
    p.add_argument("--policy", metavar="FILE", help="your own scoring weights (policy.yaml)")
    _add_strict(p)
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="date to measure freshness from (default: today)",
    )


def _circumstances(text: str | None) -> list[str] | None:
    """``--circumstances``: a list, ``none`` (known: none apply) or absent (not known)."""
    if text is None:
        return None
    if text.strip().lower() == "none":
        return []
    return [w.strip() for w in text.split(",") if w.strip()]


def _person_from_args(args: argparse.Namespace) -> Person:

    data: dict[str, object] = {}
    if args.person:
        data = load_person(args.person).model_dump(exclude_unset=True)

    def split(text: str) -> list[str]:
        return [w.strip() for w in text.split(",") if w.strip()]

    flags = {
        "postcode": args.postcode,
        "age": args.age,
        "digital": args.digital,
        "max_travel_km": args.max_km,
        "shielding": args.shielding,
        "needs": split(args.needs) if args.needs else None,
        "interests": split(args.interests) if args.interests else None,
        "accessibility": split(args.accessibility) if args.accessibility else None,
        "delivery": split(args.delivery) if args.delivery else None,
        "circumstances": _circumstances(args.circumstances),
    }
    data.update({k: v for k, v in flags.items() if v is not None})
    if "postcode" in flags and args.postcode:
        data.pop("lat", None)
        data.pop("lon", None)
    return person_from_data(data, source=args.person or "command line")


_PERSON_DETAILS = (
    "person",
    "postcode",
    "age",
    "needs",
    "interests",
    "digital",
    "max_km",
    "accessibility",
    "delivery",
    "shielding",
)


_PERSON_FLAGS = {
    "postcode": "--postcode",
    "age": "--age",
    "needs": "--needs",
    "interests": "--interests",
    "digital": "--digital",
    "max_travel_km": "--max-km",
    "accessibility": "--accessibility",
    "delivery": "--delivery",
}


_FROM_FLAGS = re.compile(r"^command line:\d+:\d+: (\w+)(?:\.\S*)?: ", re.M)


def _flag_problems(args: argparse.Namespace, exc: PersonError) -> int | None:
    """Print problems in person values typed as flags (a usage problem, exit 2, like any
    other flag), or return None when the profile came from a file (invalid data)."""
    if args.person:
        return None
    text = _FROM_FLAGS.sub(lambda m: f"{_PERSON_FLAGS.get(m[1], m[1])}: ", str(exc))
    for line in text.splitlines():
        print(f"socialrx {args.command}: error: {line}", file=sys.stderr)
    return EXIT_USAGE


def _match_setup(args: argparse.Namespace) -> tuple[Person, Catalogue, Policy]:

    if all(getattr(args, name) is None for name in _PERSON_DETAILS):
        print(
            "socialrx: warning: no person details given (--person FILE, or --postcode, "
            "--needs, --interests, …); matching for someone we know nothing about",
            file=sys.stderr,
        )
    person = _person_from_args(args)
    catalogue = _use_catalogue(args)
    policy = load_policy(args.policy) if args.policy else default_policy()
    return person, catalogue, policy


def _add_match(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "match",
        help="match a person to the catalogue",
        description="Rank the catalogue's activities and services for one person, with "
        "reasons you can read aloud, and list what was left out and why. The person's "
        "details stay in memory; nothing about them is written unless you ask for -o.",
    )
    _add_person_options(p)
    p.add_argument(
        "--limit",
        type=_positive_int,
        default=10,
        metavar="N",
        help="how many matches to show (default: 10)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        help="text cards for the phone, json for tools, html for a printable page",
    )
    p.add_argument(
        "--excluded",
        choices=("full", "summary"),
        help="list every left-out asset with its reasons, or count them per reason "
        "(default: full for json, summary for text)",
    )
    p.add_argument(
        "--online-contacts",
        action="store_true",
        help="html: show e-mail and web addresses even for someone with no internet",
    )
    p.add_argument(
        "--no-variety",
        action="store_true",
        help="plain score order, without re-ranking the top for variety",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to this file instead of the screen"
    )
    p.set_defaults(run=_run_match)


def _run_match(args: argparse.Namespace) -> int:

    try:
        person, catalogue, policy = _match_setup(args)
    except PersonError as exc:
        code = _flag_problems(args, exc)
        if code is None:
            raise
        return code
    result = match(
        person,
        catalogue,
        limit=args.limit,
        policy=policy,
        today=args.today,
        variety=not args.no_variety,
    )
    if not args.no_cache:
        keep_prepared(catalogue)  # the next run reads the columns instead of building them
    if args.format == "json":
        text = result.to_json(excluded=args.excluded or "full") + "\n"
    elif args.format == "html":
        online = person.digital != "none" or args.online_contacts
        text = result_html(result, online=online)
    else:
        text = result_text(result, excluded=args.excluded or "summary")
    if args.output:
        atomic_write_text(args.output, text)
        print(f"Wrote {len(result.matches)} matches to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _add_why(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "why",
        help="explain one asset's result for a person (why, or why not?)",
        description="Show every hard constraint and every scoring factor for one asset and "
        "one person; for an asset left out, the smallest change that would include it.",
    )
    p.add_argument("asset", metavar="ASSET_ID", help="the asset's id")
    _add_person_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_run_why)


def _run_why(args: argparse.Namespace) -> int:

    try:
        person, catalogue, policy = _match_setup(args)
    except PersonError as exc:
        code = _flag_problems(args, exc)
        if code is None:
            raise
        return code
    try:
        ex = explain(args.asset, person, catalogue, policy=policy, today=args.today)
    except UnknownAssetError as exc:  # the id was typed on the command line: usage
        print(f"socialrx why: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(ex.to_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(explanation_text(ex))
    return EXIT_OK


# ------------------------------------------------------------------ example-person


def _add_example_person(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "example-person",
        help="print Dorothy's profile, to try match on",
        description="Print the example person profile shipped with socialrx (Dorothy, 81, "
        "shielding, no internet, lonely, loves dancing). Save it and try: "
        "socialrx example-person > dorothy.yaml && socialrx match --person dorothy.yaml",
    )
    p.set_defaults(run=_run_example_person)


def _run_example_person(args: argparse.Namespace) -> int:
    sys.stdout.write(example_person_path().read_text(encoding="utf-8"))
    return EXIT_OK


def _add_help(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "help",
        help="list the commands, or show one command's options",
        description="List every command, or show the options of one (socialrx help match).",
    )
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="a command to explain")
    p.set_defaults(run=_run_help)


def _run_help(args: argparse.Namespace) -> int:
    parser = _parser()
    command = _command_parser(parser, args.topic)
    if args.topic and command is parser:
        names = [
            n
            for a in parser._actions
            if isinstance(a, argparse._SubParsersAction)
            for n in a.choices
        ]
        close = difflib.get_close_matches(args.topic, names, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        print(f"socialrx: error: no command '{args.topic}'{hint}", file=sys.stderr)
        return EXIT_USAGE
    command.print_help()
    return EXIT_OK


# ------------------------------------------------------------------ site


def _add_site(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "site",
        help="build a static public website of the catalogue",
        description="Write the catalogue as a static website anyone can browse: search and "
        "filters, one plain-English page per asset, pages per need and per postcode "
        "district, a map page and an HSDS 3.0 download. Host the folder anywhere (GitHub "
        "Pages, Netlify, any web server); see docs/site.md.",
    )
    p.add_argument("catalogue", metavar="CATALOGUE", help="catalogue folder or asset files")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="site folder to write")
    p.add_argument("--title", default="Local groups and support", help="the site's name")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site will live, e.g. https://example.org/directory/ (for the sitemap)",
    )
    p.add_argument(
        "--repository",
        metavar="URL",
        help="the catalogue's GitHub repository, for 'Suggest a change' links",
    )
    p.add_argument("--branch", default="main", help="branch the 'edit' links open (default: main)")
    p.add_argument("--no-map", action="store_true", help="leave the map page out")
    p.add_argument(
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help="date staleness is measured from"
    )
    p.set_defaults(run=_run_site)


def _run_site(args: argparse.Namespace) -> int:

    try:
        options = SiteOptions(
            title=args.title,
            base_url=args.base_url,
            repository=args.repository,
            branch=args.branch,
            today=args.today,
            map=not args.no_map,
        )
    except ValueError as exc:
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    catalogue = load_catalogue(args.catalogue, cache=not args.no_cache)
    try:
        report = build_site(catalogue, args.output, options)
    except FileExistsError as exc:
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    raw, gz = report.sizes["search-index.json"]
    print(
        f"Wrote {report.pages} pages for {report.listed} listed of {report.assets} assets "
        f"to {report.path} ({report.total_bytes / 1e6:.1f} MB; search index "
        f"{raw / 1000:.0f} kB, {gz / 1000:.0f} kB gzipped)."
    )
    if not options.base_url:
        print("No --base-url given: sitemap.xml was left out (it needs full addresses).")
    return EXIT_OK


# ------------------------------------------------------------------ stale, verify, set-status


def _add_stale(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stale",
        help="a call list of entries due a check, for a ring-round",
        description="List the entries nobody has checked for a while (or whose status was due "
        "to change), oldest first and grouped by organisation so one call covers several "
        "entries, with what to ask. Text for the terminal, CSV for a spreadsheet, or a "
        "printable HTML page. Defunct entries are left out.",
    )
    p.add_argument("paths", nargs="+", metavar="CATALOGUE", help="catalogue folders or asset files")
    p.add_argument(
        "--older-than",
        default="6m",
        metavar="AGE",
        help="last checked more than this long ago: 6m (default), 1y, 2w, 30d",
    )
    p.add_argument("--area", metavar="PREFIX", help="only entries in this postcode area, e.g. FY8")
    p.add_argument("--format", choices=("text", "csv", "html"), default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write to this file instead of stdout")
    p.add_argument("--today", metavar="YYYY-MM-DD", type=_iso_date, default=None)
    p.set_defaults(run=_run_stale)


def _run_stale(args: argparse.Namespace) -> int:
    calls = call_list(args.paths, older_than=args.older_than, area=args.area, today=args.today)
    for skipped in calls.skipped:
        print(f"socialrx: skipped {skipped}", file=sys.stderr)
    views = {"text": call_list_text, "csv": call_list_csv, "html": call_list_html}
    text = views[args.format](calls)
    if args.output:
        atomic_write_text(args.output, text)
        print(f"Wrote {len(calls.items)} entries in {len(calls.groups)} calls to {args.output}.")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _add_status_options(p: argparse.ArgumentParser, *, status_flag: bool) -> None:
    if status_flag:
        p.add_argument("--status", choices=STATUSES, help="the status found on the call")
    p.add_argument("--note", metavar="TEXT", help="a new status_note ('' removes it)")
    p.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="when the status should change again; `check` reminds after it",
    )
    p.add_argument(
        "--on", metavar="YYYY-MM-DD", type=_iso_date, default=None, help="the date (default today)"
    )
    p.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")


def _add_verify(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "verify",
        help="record that entries were checked (edits last_verified in place)",
        description="Set last_verified (and, if given, status, status_note and status_until) "
        "in each entry's file, changing only those lines: comments, order, quoting and blank "
        "lines stay as they are. Prints the diff.",
    )
    p.add_argument("ids", nargs="+", metavar="ASSET_ID", help="asset ids (or asset files)")
    p.add_argument(
        "--catalogue", default="assets", metavar="PATH", help="where to find the ids (assets)"
    )
    _add_status_options(p, status_flag=True)
    p.set_defaults(run=_run_verify)


def _run_verify(args: argparse.Namespace) -> int:
    problems: list[CatalogueError] = []
    edits = upkeep.verify(
        args.ids,
        args.catalogue,
        on=args.on,
        status=args.status,
        note=args.note,
        until=args.until,
        dry_run=args.dry_run,
        problems=problems,
    )
    for edit in edits:
        sys.stdout.write(edit.diff() or f"{edit.path}: already recorded, nothing to change\n")
    changed = sum(e.changed for e in edits)
    verb = "Would update" if args.dry_run else "Updated"
    print(f"{verb} {changed} file{'s' if changed != 1 else ''}.")
    for problem in problems:
        print(f"socialrx: not updated: {problem}", file=sys.stderr)
    return EXIT_INVALID if problems else EXIT_OK


def _add_set_status(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "set-status",
        help="change the status of every entry a selection picks",
        description="Select entries with --where (all must hold): field=value, field!=value "
        "or field~text, on id, name, organisation, status, delivery, access, need, area or "
        "tag; commas give alternatives (delivery=in-person,outdoor). Shows what will change "
        "and asks before writing, unless --yes.",
    )
    p.add_argument("status", choices=STATUSES, metavar="STATUS", help=", ".join(STATUSES))
    p.add_argument(
        "--where",
        action="append",
        required=True,
        metavar="EXPR",
        help='e.g. delivery=in-person, area=FY8, need=physical-activity, organisation~"Age UK"',
    )
    p.add_argument("--catalogue", default="assets", metavar="PATH", help="catalogue (assets)")
    p.add_argument("--yes", action="store_true", help="write without asking")
    _add_status_options(p, status_flag=False)
    p.set_defaults(run=_run_set_status)


def _run_set_status(args: argparse.Namespace) -> int:
    problems: list[CatalogueError] = []
    files = upkeep.select_files(args.catalogue, args.where, problems=problems)
    for problem in problems:
        print(f"socialrx: skipped {problem}", file=sys.stderr)
    edits = upkeep.set_status(files, args.status, note=args.note, until=args.until, on=args.on)
    edits = [e for e in edits if e.changed]
    if not edits:
        print(f"{len(files)} entries match {' and '.join(args.where)}; none needs a change.")
        return EXIT_OK
    _show_edits(edits, full=args.dry_run or len(edits) <= _SHOWN_DIFFS)
    print(f"{len(edits)} of {len(files)} matching entries will be set to {args.status}.")
    if args.dry_run:
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "socialrx: error: not writing without --yes (no terminal to ask)", file=sys.stderr
            )
            return EXIT_USAGE
        if input("Write these changes? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing written.")
            return EXIT_OK
    upkeep.write_edits(edits)
    print(f"Updated {len(edits)} file{'s' if len(edits) != 1 else ''}.")
    return EXIT_OK


def _show_edits(edits: Sequence[upkeep.AssetEdit], *, full: bool) -> None:
    """Every diff, or for many files one line each (the diffs would scroll away)."""
    for edit in edits:
        sys.stdout.write(edit.diff() if full else f"  {edit.asset_id}  ({edit.path})\n")


def _add_require_verified(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "require-verified",
        help="refuse changed asset files whose last_verified was not updated (pre-commit)",
        description="Compare each file with its committed version (git show REV:FILE) and "
        "fail when it changed but neither last_verified nor status_since did. Used by the "
        "opt-in pre-commit hook socialrx-require-verified.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="changed asset files")
    p.add_argument("--against", default="HEAD", metavar="REV", help="git revision (HEAD)")
    p.set_defaults(run=_run_require_verified)


def _committed(rev: str, file: str) -> str | None:
    """The file's text at ``rev`` (None when git does not have it there)."""
    found = subprocess.run(["git", "show", f"{rev}:./{file}"], capture_output=True, check=False)
    return found.stdout.decode("utf-8", errors="replace") if found.returncode == 0 else None


def _run_require_verified(args: argparse.Namespace) -> int:
    failed = 0
    for file in args.files:
        new = Path(file).read_text(encoding="utf-8", errors="replace")
        problem = upkeep.unverified_change(_committed(args.against, file), new, file)
        if problem is not None:
            print(problem, file=sys.stderr)
            failed += 1
    return EXIT_INVALID if failed else EXIT_OK


# ------------------------------------------------------------------ cache


def _add_cache(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "cache",
        help="show or clear the catalogue cache",
        description="Commands that load a catalogue keep each valid file's asset in a cache "
        "(never anything about a person), so the next run reads only files that changed. "
        "'socialrx cache clear' removes it; --no-cache on a command bypasses it.",
    )
    p.add_argument("action", choices=("clear", "dir"), help="clear it, or print its folder")
    p.set_defaults(run=_run_cache)


def _run_cache(args: argparse.Namespace) -> int:
    if args.action == "dir":
        print(cache.cache_dir())
        return EXIT_OK
    removed = cache.clear()
    print(f"removed {removed} cache file{'' if removed == 1 else 's'} from {cache.cache_dir()}")
    return EXIT_OK


# Commands that load a catalogue, so take --no-cache.
_LOADS_CATALOGUE = ("validate", "batch", "gaps", "export", "match", "why", "site")


# ------------------------------------------------------------------ serve


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="publish the catalogue as an Open Referral UK (HSDS 3.0) API, with matching",
        description="Serve the catalogue read-only as an Open Referral UK / HSDS 3.0 API "
        "(GET /services, /service_at_locations, /organizations, /taxonomies, …) with "
        "POST /match and POST /why/ASSET_ID for explained matching. Reloads when files "
        "change, keeping the last good catalogue if a file breaks. Needs "
        "pip install 'socialrx[serve]'. See docs/serve.md.",
    )
    p.add_argument(
        "catalogue", nargs="?", default="assets", metavar="CATALOGUE", help="default: assets"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--profile", metavar="URL", help="HSDS profile URL that GET / reports (e.g. ORUK's)"
    )
    p.add_argument("--no-reload", action="store_true", help="do not watch the files")
    p.add_argument(
        "--max-body",
        type=_positive_int,
        default=64 * 1024,
        metavar="BYTES",
        help="largest request body accepted (default 65536)",
    )
    p.add_argument(
        "--body-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time a client has to send a request body (default 10)",
    )
    p.add_argument("--policy", metavar="FILE", help="your own scoring weights (policy.yaml)")
    p.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    try:  # deferred: the serve extra (Starlette, uvicorn) is optional and heavy to import
        from socialrx.serve import DEFAULT_PROFILE, Settings, run
    except ImportError as exc:
        raise MissingDependencyError(
            "socialrx serve needs the serve extra: pip install 'socialrx[serve]'"
        ) from exc
    settings = Settings(
        profile=args.profile or DEFAULT_PROFILE,
        watch=not args.no_reload,
        max_body=args.max_body,
        body_timeout=args.body_timeout,
        policy=load_policy(args.policy) if args.policy else None,
    )
    run(args.catalogue, host=args.host, port=args.port, settings=settings)
    return EXIT_OK


# ------------------------------------------------------------------ main

_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_validate,
    _add_schema,
    _add_batch,
    _add_gaps,
    _add_check,
    _add_new,
    _add_export,
    _add_import,
    _add_match,
    _add_why,
    _add_site,
    _add_stale,
    _add_verify,
    _add_set_status,
    _add_require_verified,
    _add_cache,
    _add_serve,
    _add_example_person,
    _add_help,
]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="socialrx",
        description="Community assets for social prescribing, matched to people with "
        "reasons you can read aloud.",
    )
    parser.add_argument("--version", action="version", version=f"socialrx {__version__}")
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        required=True,
        parser_class=argparse.ArgumentParser,  # _Parser's checks run once, at the top
    )
    for add in _COMMANDS:
        add(sub)
    for name in _LOADS_CATALOGUE:
        sub.choices[name].add_argument(
            "--no-cache",
            action="store_true",
            help="read every catalogue file again; neither use nor update the cache",
        )
    return parser


class _Printable:
    """A text stream that drops terminal control characters from what is written.

    Everything socialrx prints goes through one of these (see :func:`main`), so a
    name or file name holding ``ESC[2J`` cannot clear or rewrite a link worker's
    screen.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, …
        return getattr(self._stream, name)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` (temporary files) runs."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def _os_error(exc: OSError) -> str:
    """One line for an operating-system error: what, which file, and the system's reason."""
    name = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileExistsError):
        return f"cannot create{name}: it already exists (give another name)"
    if isinstance(exc, PermissionError):
        return f"permission denied:{name} (check who may read or write it)"
    if exc.errno == errno.ENOSPC:
        return f"no space left on the disk while writing{name}; nothing was replaced"
    return f"{reason}:{name}" if name else reason


def _run(args: argparse.Namespace) -> int:
    """Run one command, turning every expected failure into a one-line message."""
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        # Temporary files were removed by the writers' own clean-up on the way out.
        print("\nsocialrx: stopped; no partial output was left behind.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SelectionError as exc:  # a --where, status or date the user can retype
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SocialRxError as exc:
        print(f"socialrx: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. `socialrx schema | head`
        sys.stderr.close()
        return EXIT_OK
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
        print(f"socialrx: error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"socialrx: error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_INVALID
    except RecursionError:
        print("socialrx: error: the input is nested too deeply to read", file=sys.stderr)
        return EXIT_INVALID
    except csv.Error as exc:  # the csv module's messages name no cell contents
        print(f"socialrx: error: the CSV file cannot be read: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except UnicodeError:
        print(
            "socialrx: error: a file is not UTF-8 text; save it as UTF-8 (in Excel: 'CSV UTF-8')",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Bad input never ends in a traceback: each failure is one line on standard error.
    Ctrl-C and SIGTERM exit with 130 after removing temporary files.
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(err)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        args = _parser().parse_args(argv)
        return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        sys.stdout, sys.stderr = out, err
