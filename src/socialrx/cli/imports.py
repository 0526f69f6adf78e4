"""Reading an Open Referral feed or a spreadsheet into asset files: ``socialrx import``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from socialrx.errors import (
    UnreadableInputError,
)
from socialrx.interop import (
    READERS,
    Defaults,
    SheetOptions,
    detect_format,
    import_records,
    read_mapping,
    sheet_headers,
    suggest_mapping,
    write_report,
)
from socialrx.interop.live import STATE_FOLDER, FetchOptions, import_feed, is_url
from socialrx.output import atomic_write_text

if TYPE_CHECKING:
    from socialrx.interop import ImportReport

from socialrx.cli._common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _iso_date,
    _positive_int,
    _seconds,
)


def add_import(sub: Commands) -> None:
    p = sub.add_parser(
        "import",
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
