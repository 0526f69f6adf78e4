"""Items 5 and 10 of issue #11: where output goes, and failing cleanly while writing."""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from helpers_hostile import needs_fifo, needs_symlinks, one_line, run

from socialrx import output
from socialrx.output import atomic_write_text, atomic_writer

EXPORT = ["export", "tests/fixtures/valid", "--to", "csv"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@needs_symlinks
def test_writing_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "out.txt"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


@needs_symlinks
@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    link = tmp_path / "to-null"
    link.symlink_to("/dev/null")
    atomic_write_text(link, "gone")
    atomic_write_text("/dev/null", "gone")  # as root, replacing it would break the system
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert link.is_symlink()


@needs_fifo
def test_a_named_pipe_is_written_to_directly(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so opening to write does not wait
    try:
        atomic_write_text(pipe, "hello")
        assert os.read(reader, 100) == b"hello"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_dash_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *EXPORT, "-o", "-")
    assert code == 0
    assert out.startswith("id,name,") and "Just Good Friends" in out
    assert "Wrote 4 assets to -" in err  # the note stays off the data


def test_a_folder_as_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *EXPORT, "-o", str(tmp_path))
    assert code == 2
    assert "is a folder, not a file" in one_line(err)


def test_a_file_where_a_folder_should_be_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, *EXPORT, "-o", str(blocker / "out.csv"))
    assert code == 2
    assert str(blocker) in one_line(err)


def test_a_read_only_output_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Simulated: as root, chmod cannot make a folder read-only.
    def refuse(*args: object, dir: str = "", **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", dir)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, *EXPORT, "-o", str(tmp_path / "out.csv"))
    assert code == 1
    assert f"permission denied: {tmp_path}" in one_line(err)


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("previous run\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", full)
    code, _, err = run(capsys, *EXPORT, "-o", str(target))
    assert code == 1
    assert "no space left on the disk" in one_line(err)
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupted_writes_exit_130_and_remove_temporary_files(
    how: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if how == "sigterm" and sys.platform == "win32":
        pytest.skip("no SIGTERM to oneself on Windows")
    target = tmp_path / "out.csv"

    def stop(fd: int) -> None:  # in the middle of the write, before the file is replaced
        if how == "ctrl-c":
            raise KeyboardInterrupt
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(output.os, "fsync", stop)
    before = signal.getsignal(signal.SIGTERM)
    code, _, err = run(capsys, *EXPORT, "-o", str(target))
    assert code == 130
    assert "stopped" in one_line(err)
    assert not target.exists() and _leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) == before  # main() puts the handler back


def test_the_writer_removes_its_file_when_the_block_fails(tmp_path: Path) -> None:
    def write_half() -> None:
        with atomic_writer(tmp_path / "x.txt") as f:
            f.write("half")
            raise RuntimeError("stopped half way")

    with pytest.raises(RuntimeError, match="half way"):
        write_half()
    assert list(tmp_path.iterdir()) == []
