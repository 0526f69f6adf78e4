"""Keeping entries current: ``socialrx stale``, ``verify``, ``set-status``, ``require-verified``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from socialrx import upkeep
from socialrx.calls import call_list
from socialrx.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _iso_date,
)
from socialrx.errors import (
    CatalogueError,
)
from socialrx.model import STATUSES
from socialrx.output import atomic_write_text
from socialrx.views.call_list import call_list_csv, call_list_html, call_list_text

_SHOWN_DIFFS = 20  # set-status shows each diff up to this many files, then only a list


def add_stale(sub: Commands) -> None:
    p = sub.add_parser(
        "stale",
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


def add_verify(sub: Commands) -> None:
    p = sub.add_parser(
        "verify",
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


def add_set_status(sub: Commands) -> None:
    p = sub.add_parser(
        "set-status",
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


def add_require_verified(sub: Commands) -> None:
    p = sub.add_parser(
        "require-verified",
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
