"""Writing files so that a crash never leaves half a file behind, and text that is safe to show.

Every file socialrx writes (exports, imported assets, match pages, batch results,
reports) goes through :func:`atomic_writer`: the text goes to a temporary file in
the same folder, is flushed to disk, and only then replaces the target in one
step (``os.replace``), so readers see the old file or the new one, never a mix.

Where the target is not an ordinary file, the writer does what a user means:

* ``-`` writes to standard output;
* a symbolic link is followed, and the file it points to is replaced (the link
  stays a link);
* a device or a named pipe (``/dev/stdout``, a FIFO) is written to directly —
  it cannot be replaced, and must never be.

Every CSV socialrx writes passes its cells through :func:`csv_cell` (or uses
:func:`csv_writer`), so a cell a spreadsheet would run as a formula is written
as text; and anything printed to a terminal can go through :func:`printable`.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Protocol

__all__ = [
    "FORMULA_PREFIXES",
    "atomic_write_text",
    "atomic_writer",
    "csv_cell",
    "csv_record",
    "csv_writer",
    "from_csv_cell",
    "printable",
]

STDOUT = "-"
"""The output name that means standard output."""


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a text file for writing that appears at ``path`` only if the block succeeds.

    ``-`` is standard output; a symlink is followed; a device or pipe is written to
    directly (see the module docstring). If the block raises — including Ctrl-C —
    the temporary file is removed and the target is untouched.

    Raises:
        IsADirectoryError: ``path`` is a folder.

    Example:
        >>> with atomic_writer(tmp / "out.csv", newline="") as f:  # doctest: +SKIP
        ...     f.write("id,name\\n")
    """
    if str(path) == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    # Follow links first, so the link keeps pointing where it did and its target
    # is what gets replaced.
    target = Path(os.path.realpath(path))
    mode = _existing_mode(target)
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "is a folder, not a file", str(path))
    if mode is not None and not stat.S_ISREG(mode):
        with open(target, "w", encoding="utf-8", newline=newline) as direct:
            yield direct
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a normal write would.
        os.chmod(tmp, mode & 0o777 if mode is not None else _default_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _existing_mode(target: Path) -> int | None:
    try:
        return target.stat().st_mode
    except FileNotFoundError:
        return None


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8); ``-`` is standard output."""
    with atomic_writer(path) as f:
        f.write(text)


# ------------------------------------------------------------------ CSV cells

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""


_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


def _needs_quote(text: str) -> bool:
    # A cell already starting with ' before a formula character gets one more, so
    # that from_csv_cell, which removes exactly one, gives back the original text.
    bare = text.lstrip("'")
    return bare.startswith(FORMULA_PREFIXES) and not _NUMBER.match(bare)


def csv_cell(value: Any) -> Any:
    """A cell value that a spreadsheet will show as text, never run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
    a leading ``'``, as OWASP recommends for CSV injection. A plain number such as
    ``-2.95`` is left alone (a spreadsheet cannot run it), and so are values that
    are not text. :func:`from_csv_cell` removes the ``'`` again, so an export read
    back by ``socialrx import`` is unchanged.

    Example:
        >>> csv_cell("=1+2"), csv_cell("@SUM(A1)")
        ("'=1+2", "'@SUM(A1)")
        >>> csv_cell("Walk and talk"), csv_cell("-2.95"), csv_cell(-3)
        ('Walk and talk', '-2.95', -3)
    """
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def from_csv_cell(text: str) -> str:
    """The text :func:`csv_cell` was given: its protective ``'`` removed again.

    Example:
        >>> from_csv_cell("'=1+2"), from_csv_cell("'tis"), from_csv_cell("-2.95")
        ('=1+2', "'tis", '-2.95')
    """
    if text.startswith("'") and _needs_quote(text[1:]):
        return text[1:]
    return text


class _RowWriter(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


class _SafeWriter:
    """A ``csv.writer`` that passes every cell through :func:`csv_cell`."""

    def __init__(self, writer: _RowWriter) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(f: IO[str], **options: Any) -> _SafeWriter:
    """``csv.writer(f, **options)`` whose cells are made safe with :func:`csv_cell`."""
    return _SafeWriter(csv.writer(f, **options))


def csv_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A row for ``csv.DictWriter`` with every cell made safe by :func:`csv_cell`."""
    return {key: csv_cell(value) for key, value in record.items()}


# ------------------------------------------------------------------ terminal text

# C0 controls except tab, newline and carriage return; DEL; C1 controls (CSI is one).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters that a terminal would act on (ESC, BEL, …).

    Example:
        >>> printable("bad\\x1b[2J name")
        'bad[2J name'
    """
    return _CONTROL.sub("", text)
