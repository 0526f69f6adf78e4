"""GitHub Actions views: workflow-command annotations and the step summary.

Catalogue errors and quality findings keep their fields (path, line, column, field,
message, hint); this module writes them the way GitHub Actions reads them.

Example:
    >>> from socialrx.errors import CatalogueError
    >>> annotation(CatalogueError("a.yaml", 3, 5, "cost", "must be a number", "write 3.50"))
    '::error file=a.yaml,line=3,col=5::cost: must be a number — write 3.50'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialrx.errors import CatalogueError
    from socialrx.quality import CheckReport, Finding

__all__ = ["annotation", "finding_annotation", "step_summary"]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(
    level: str, path: str, line: int, column: int, field: str, message: str, hint: str
) -> str:
    text = f"{field}: {message}" if field else message
    if hint:
        text += f" — {hint}"
    return f"::{level} file={_escape_property(path)},line={line},col={column}::{_escape_data(text)}"


def annotation(error: CatalogueError, level: str = "error") -> str:
    """A catalogue error as a GitHub Actions workflow command (``::error file=…``)."""
    return _command(
        level, error.path, error.line, error.column, error.field, error.message, error.hint
    )


def finding_annotation(finding: Finding) -> str:
    """A quality finding as a workflow command, at its own severity (``::warning file=…``)."""
    field = f"{finding.field}: " if finding.field else ""
    message = f"{finding.code} {finding.name}: {field}{finding.message}"
    return _command(
        finding.severity, finding.path, finding.line, finding.column, "", message, finding.hint
    )


def step_summary(report: CheckReport, *, title: str = "socialrx check") -> str:
    """A Markdown table of every finding, for ``$GITHUB_STEP_SUMMARY``.

    Annotations are capped per step by GitHub, so the summary is where the full list lives.
    """
    lines = [f"## {title}", ""]
    if not report.findings:
        return "\n".join([*lines, f"No problems found in {report.files} file(s).", ""])
    lines += [
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in "
        f"{report.files} file(s)",
        "",
        "| code | severity | where | problem | how to fix |",
        "|---|---|---|---|---|",
    ]
    for f in report.findings:
        where = f"`{f.path}:{f.line}`"
        problem = f"{f.field}: {f.message}" if f.field else f.message
        lines.append(
            f"| {f.code} {f.name} | {f.severity} | {where} | {_cell(problem)} | {_cell(f.hint)} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
