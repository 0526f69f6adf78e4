"""Items 4, 11 and 12 of issue #11: only regular files are read, and never without limit."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from helpers_hostile import asset_text, catalogue, needs_fifo, needs_symlinks, one_line, run

from socialrx import load_catalogue
from socialrx.errors import CatalogueErrors, FileTooLargeError, NotARegularFileError
from socialrx.inputs import read_limited
from socialrx.yamlio import MAX_FILE_BYTES

PERSON = ["--postcode", "FY8 2NP"]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_in_a_catalogue_is_reported_by_name_without_waiting(
    tmp_path: Path, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalogue(tmp_path / "cat")
    os.rename(fifo, folder / "pipe.yaml")
    started = time.monotonic()
    code, out, _ = run(capsys, "validate", str(folder))
    assert time.monotonic() - started < 10  # nobody ever writes to the pipe
    assert code == 1
    assert "pipe.yaml:1:1: this is a named pipe, not a regular file" in out


@needs_symlinks
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_dev_zero_is_refused_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalogue(tmp_path / "cat")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    code, out, _ = run(capsys, "validate", "--format", "json", str(folder))
    assert code == 1
    assert "/dev/zero" not in out  # the link is outside the catalogue: named, not read
    assert "zero.yaml" in out and "outside the catalogue folder" in out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("option", ["--person", "--policy"])
def test_person_and_policy_files_must_be_regular_files(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["match", "--catalogue", "tests/fixtures/valid", option, "/dev/zero"]
    code, _, err = run(capsys, *args, *([] if option == "--person" else PERSON))
    assert code == 1
    assert "this is a device, not a regular file" in one_line(err)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_import_of_a_link_to_dev_zero_is_refused_and_a_saved_page_like_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "feed.json"
    link.symlink_to("/dev/zero")
    code, _, err = run(capsys, "import", str(link), "-o", str(tmp_path / "out"))
    assert code == 1 and "is a device, not a regular file" in one_line(err)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page-1.json").write_text('[{"id": "1", "name": "Walk"}]', encoding="utf-8")
    (pages / "page-2.json").symlink_to("/dev/zero")
    code, out, _ = run(capsys, "import", str(pages), "-o", str(tmp_path / "out2"))
    assert code == 0
    assert "page-2.json: a device, not a regular file; the page was skipped" in out


@needs_fifo
def test_a_people_fifo_is_refused(
    tmp_path: Path, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    code, _, err = run(
        capsys, "batch", str(fifo), "--catalogue", "tests/fixtures/valid", "-o", str(out)
    )
    assert code == 1
    assert "is a named pipe, not a regular file" in one_line(err)
    assert not out.exists()


def test_a_huge_sparse_file_is_refused_after_reading_only_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(5 * 1024**3)  # 5 GB of holes: reading it all would take minutes
    started = time.monotonic()
    with pytest.raises(FileTooLargeError):
        read_limited(big, MAX_FILE_BYTES)
    with pytest.raises(CatalogueErrors, match="the file is too large"):
        load_catalogue(big)
    assert time.monotonic() - started < 5


def test_read_limited_reads_a_file_at_the_limit(tmp_path: Path) -> None:
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"x" * 100)
    assert read_limited(exact, 100) == b"x" * 100
    with pytest.raises(FileTooLargeError):
        read_limited(exact, 99)
    with pytest.raises(NotARegularFileError, match="a folder"):
        read_limited(tmp_path, 100)


# ------------------------------------------------------------------ item 11


def test_an_unreadable_sub_folder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Simulated so that it also holds when the tests run as root (who may read anything).
    folder = catalogue(tmp_path / "cat")
    hidden = folder / "north"
    hidden.mkdir()
    (hidden / "club.yaml").write_text(asset_text("North Club"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 1
    assert "All 1 assets" not in out
    assert f"{hidden}:1:1: this folder cannot be read (Permission denied)" in out


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads folders whatever their permissions",
)
def test_a_folder_without_read_permission_is_reported(tmp_path: Path) -> None:
    folder = catalogue(tmp_path / "cat")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "club.yaml").write_text(asset_text("Locked Club"), encoding="utf-8")
    locked.chmod(0)
    try:
        with pytest.raises(CatalogueErrors, match="this folder cannot be read"):
            load_catalogue(folder)
    finally:
        locked.chmod(stat.S_IRWXU)


# ------------------------------------------------------------------ item 12


@needs_symlinks
def test_links_out_of_the_catalogue_are_not_read_nor_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "runner-secrets.yaml"
    secret.write_text("TOKEN_VALUE_abc123: [unclosed\n", encoding="utf-8")
    folder = catalogue(tmp_path / "cat")
    (folder / "leak.yaml").symlink_to(secret)
    (folder / "inside.yaml").symlink_to(folder / "walk.yaml")  # inside: fine to follow
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 1
    assert "TOKEN_VALUE" not in out and "abc123" not in out
    assert "leak.yaml:1:1: this is a link to a file outside the catalogue folder" in out
    cat = load_catalogue(folder, errors="skip")
    assert cat.ids == ("inside", "walk")  # the link inside the folder is followed
    assert cat.skipped_files == (str(folder / "leak.yaml"),)
