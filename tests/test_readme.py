"""The README's promises stay true: its Python runs and its commands exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from socialrx import geo
from socialrx.cli import _parser, main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_python_quick_start_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    (code,) = re.findall(r"```python\n(.*?)```", README, re.S)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "1 Just Good Friends" in out or "1 Phone Friends" in out
    assert "Only in person; you are shielding" in out


def test_the_two_commands_parse_and_ci_runs_the_test_command() -> None:
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert len(commands) == 2
    main_job, tests = commands
    install, *runs = main_job.split(" && ")
    assert install == "pip install ."  # from PyPI: pip install socialrx (README says so)
    assert "`pip install socialrx`" in README
    for run in runs:
        _parser().parse_args(shlex.split(run.split(" > ")[0])[1:])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, run = tests.split(" && ")
    assert f"python -m {install}" in ci.replace("-q ", "") and run in ci


def test_the_first_command_prints_what_the_readme_shows(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run from an empty folder, as after `pip install socialrx` (no clone around it),
    with the postcodes of a default install (sector centres, no full-postcode extra)."""
    monkeypatch.setattr(geo, "_unit_dir", None)
    geo.locate.cache_clear()  # places found with full postcodes by earlier tests
    monkeypatch.chdir(tmp_path)
    try:
        _run_the_first_command(capsys)
    finally:
        geo.locate.cache_clear()


def _run_the_first_command(capsys: pytest.CaptureFixture[str]) -> None:
    (main_job, _tests) = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    _install, person, matching = main_job.split(" && ")
    argv, saved = shlex.split(person)[1:][:-2], shlex.split(person)[-1]
    assert main(argv) == 0
    Path(saved).write_text(capsys.readouterr().out, encoding="utf-8")
    assert main([*shlex.split(matching)[1:], "--today", "2026-11-22"]) == 0
    printed = capsys.readouterr()
    assert "using the example catalogue" in printed.err
    (sample,) = re.findall(r"```text\n(.*?)```", README, re.S)
    for part in sample.split("...\n"):
        assert part in printed.out, f"the README's sample is not what match prints:\n{part}"
    assert "(from the postcode area)" in sample
