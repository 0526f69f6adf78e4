"""Matching every person in a CSV file: ``socialrx batch``."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack, nullcontext
from typing import Any

from socialrx.batch import Progress, RowError, count_rows, iter_people, match_rows
from socialrx.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _add_strict,
    _iso_date,
    _positive_int,
    _use_catalogue,
    _workers,
)
from socialrx.output import atomic_writer, csv_writer
from socialrx.parallel import dask_executor
from socialrx.views.batch_csv import write_batch_csv


def add_batch(sub: Commands) -> None:
    p = sub.add_parser(
        "batch",
        description="Match each person in a people CSV (an id column plus person fields; "
        "see docs/people-template.csv) and write one row per person with their top matches, "
        "scores and one-line reasons. Rows with bad data are reported by row number and "
        "column, and the other rows are still matched. The output file appears only when "
        "complete. Exit code 1 when any row had a problem.",
    )
    p.add_argument(
        "people", metavar="PEOPLE.csv", help="the people CSV (or an Excel workbook, .xlsx)"
    )
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
        type=_workers,
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


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


def _run_batch(args: argparse.Namespace) -> int:
    for name, path in (("-o", args.output), ("--errors", args.errors)):
        if path and _same_file(path, args.people):
            print(
                f"socialrx batch: error: {name} is the people file itself; writing there would "
                "replace the people with the results; give another file name",
                file=sys.stderr,
            )
            return EXIT_USAGE

    # Rows are read, matched and written one chunk at a time, so memory stays the same
    # for any length of file; the header is checked first, before the catalogue loads.
    with iter_people(args.people) as people, ExitStack() as stack:
        catalogue = _use_catalogue(args)
        bar = sys.stderr.isatty()
        progress = Progress(count_rows(args.people) if bar else None, enabled=bar)
        stack.callback(progress.close)
        if people.note:
            progress.write(f"socialrx: {args.people}: {people.note}")
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
