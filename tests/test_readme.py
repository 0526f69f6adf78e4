"""The README's promises stay true: its Python runs and its commands exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from socialrx.cli import _parser

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
    assert "Only in-person; you are shielding" in out


def test_the_two_commands_parse_and_ci_runs_the_test_command() -> None:
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert len(commands) == 2
    main_job, tests = commands
    install, run = main_job.split(" && ")
    assert install == "pip install -e ."
    _parser().parse_args(shlex.split(run)[1:])
    assert (ROOT / shlex.split(run)[-1]).is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, run = tests.split(" && ")
    assert f"python -m {install}" in ci.replace("-q ", "") and run in ci
