"""The error tree and the Diagnostic shape shared by catalogue errors and quality findings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from socialrx.errors import CatalogueError, Diagnostic
from socialrx.quality import CHECKS, Finding

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_positions = st.integers(min_value=1, max_value=10_000)


def test_catalogue_errors_and_findings_are_diagnostics() -> None:
    error = CatalogueError("walk.yaml", 4, 1, "nedds", "unknown field 'nedds'", "did you mean?")
    finding = Finding("walk.yaml", 4, 1, "SRX101", "warning", "last_verified", "old", "check it")
    assert isinstance(error, Diagnostic) and isinstance(error, ValueError)
    assert isinstance(finding, Diagnostic) and not isinstance(finding, BaseException)
    assert error.severity == "error"
    assert str(error) == "walk.yaml:4:1: nedds: unknown field 'nedds' — did you mean?"
    assert str(finding) == (
        "walk.yaml:4:1: warning SRX101 stale-12m: last_verified: old — check it"
    )


_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@given(
    path=_text,
    line=_positions,
    column=_positions,
    field=_text,
    message=_text,
    hint=_text,
    code=st.sampled_from(sorted(CHECKS)),
)
def test_a_finding_prints_as_the_same_error_with_its_code(
    path: str, line: int, column: int, field: str, message: str, hint: str, code: str
) -> None:
    error = CatalogueError(path, line, column, field, message, hint)
    check = CHECKS[code]
    finding = Finding(path, line, column, code, check.severity, field, message, hint)
    shown = "".join(repr(c)[1:-1] if c in _BREAKS else c for c in path)
    where = f"{shown}:{line}:{column}: "
    label = f"{check.severity} {code} {check.name}: "
    assert str(error).startswith(where)
    assert len(str(error).splitlines()) == 1  # a file name or field never breaks the line
    assert str(finding) == where + label + str(error)[len(where) :]
    assert finding.to_dict() == {
        "code": code,
        "name": check.name,
        "severity": check.severity,
        **error.to_dict(),
    }
    assert list(finding.to_dict())[3:] == list(error.to_dict())
