"""Atomic writes: a failure never leaves half a file, and files get normal permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from socialrx.output import atomic_write_text, atomic_writer


def test_a_failure_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def crash_while_writing() -> None:
        with atomic_writer(target) as f:
            f.write("half a new fi")
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        crash_while_writing()
    assert target.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_new_files_follow_the_umask_and_existing_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.txt", "hello")
        assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("x")
        kept.chmod(0o600)
        atomic_write_text(kept, "y")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert kept.read_text() == "y"
    finally:
        os.umask(old)


def test_missing_folders_are_created(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "a" / "b" / "c.txt", "deep")
    assert (tmp_path / "a" / "b" / "c.txt").read_text() == "deep"
