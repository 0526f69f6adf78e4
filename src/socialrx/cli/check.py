"""Stale, duplicate or doubtful entries: ``socialrx check``."""

from __future__ import annotations

import argparse
import json
import os

from socialrx.cli._common import (
    Commands,
    _iso_date,
)
from socialrx.quality import CheckReport, Finding, check_catalogue
from socialrx.views.github import finding_annotation, step_summary

_MAX_ANNOTATIONS = 10
"""Annotations of each severity printed by --format github (GitHub shows 10 per step)."""


def add_check(sub: Commands) -> None:
    p = sub.add_parser(
        "check",
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
