"""Small builders shared by the hostile-input tests (fictional data only)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from socialrx.cli import main

GOOD = """\
name: {name}
summary: A gentle walk along the prom, then tea and a chat.
needs: [physical-activity, loneliness]
delivery: [outdoor]
locations:
  - {{name: Lytham Green, postcode: FY8 5LE}}
contact: {{phone: "01632 960123"}}
status: active
last_verified: 2026-10-01
"""


def asset_text(name: str = "Lytham Walking Group", **extra: str) -> str:
    """A valid asset file; ``extra`` lines (field: YAML text) are added at the end."""
    return GOOD.format(name=name) + "".join(f"{k}: {v}\n" for k, v in extra.items())


def catalogue(folder: Path, **files: str) -> Path:
    """A catalogue folder with one valid asset plus the given files (stem: text)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "walk.yaml").write_text(asset_text(), encoding="utf-8")
    for stem, text in files.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process: exit code, standard output, standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """The single message line a failure printed (no traceback)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges")
