"""Opening files a user names: only regular files, and never more than a limit.

A path given to socialrx may be a symlink to ``/dev/zero``, a named pipe nobody
writes to, a folder or a 6 GB log. Every reader goes through this module, which
opens the file without blocking, checks that it is a regular file (and not a
device, pipe or socket), and reads at most the limit plus one byte, so "too
large" is known without reading the rest.

Example:
    >>> read_limited("assets/walk.yaml", 1_000_000)        # doctest: +SKIP
    b'name: Walk and Talk\\n...'
"""

from __future__ import annotations

import csv
import itertools
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from socialrx.errors import FileTooLargeError, NotARegularFileError

__all__ = ["check_regular", "csv_delimiter", "csv_rows", "open_regular", "read_limited"]

# O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
# O_NOCTTY: a terminal device must never become our controlling terminal.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _open_fd(path: str | Path) -> tuple[int, int]:
    """A file descriptor for reading ``path`` and the file's size, refusing anything
    but a regular file."""
    name = os.fspath(path)
    try:
        fd = os.open(name, _FLAGS)
    except IsADirectoryError:
        raise NotARegularFileError(name, "a folder") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFileError(name, _kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def check_regular(path: str | Path, limit: int) -> None:
    """Check, before a reader opens it by name, that ``path`` is a regular file of at
    most ``limit`` bytes (a symlink to ``/dev/zero`` would otherwise be read forever).

    Raises:
        NotARegularFileError: the path is a folder, device, pipe or socket.
        FileTooLargeError: the file holds more than ``limit`` bytes.
        OSError: the file does not exist or cannot be read.
    """
    fd, size = _open_fd(path)
    os.close(fd)
    if size > limit:
        raise FileTooLargeError(os.fspath(path), limit)


def open_regular(path: str | Path) -> IO[bytes]:
    """Open ``path`` for reading in binary mode, refusing anything but a regular file.

    Raises:
        NotARegularFileError: the path is a folder, device, pipe or socket.
        OSError: the file does not exist or cannot be read (e.g. ``PermissionError``).
    """
    return os.fdopen(_open_fd(path)[0], "rb")


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    At most ``limit + 1`` bytes are read, whatever the file claims its size is.

    Raises:
        FileTooLargeError: the file holds more than ``limit`` bytes.
        NotARegularFileError: the path is a folder, device, pipe or socket.
        OSError: the file does not exist or cannot be read.
    """
    fd, size = _open_fd(path)
    try:
        chunks: list[bytes] = []
        wanted = limit + 1
        # Ask for the size the file claims (plus one, to see it end); a file that
        # grows meanwhile is read on in pieces, never past the limit.
        ask = min(size + 1, wanted)
        while wanted > 0:
            chunk = os.read(fd, ask)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
            ask = min(65_536, wanted)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileTooLargeError(os.fspath(path), limit)
    return data


_DELIMITERS = (",", ";", "\t")
"""What separates cells: spreadsheets in much of Europe save CSV with ';', and Excel's
"Unicode text" with tabs."""


def csv_delimiter(header: str) -> str:
    """The separator a CSV header line uses (the one it has most of; ',' when none).

    Example:
        >>> csv_delimiter("id;postcode;needs"), csv_delimiter("name"), csv_delimiter("a\\tb")
        (';', ',', '\\t')
    """
    found = max(_DELIMITERS, key=header.count)
    return found if header.count(found) else ","


class _Tap:
    """The lines a CSV reader takes, kept since the last :meth:`clear`."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.rest = lines
        self.taken: list[str] = []
        self.ran_out = False

    def __iter__(self) -> _Tap:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.rest)
        except StopIteration:
            self.ran_out = True
            raise
        self.taken.append(line)
        return line

    def clear(self) -> None:
        self.taken = []


def csv_rows(lines: Iterable[str], delimiter: str = ",") -> Iterator[tuple[list[str], bool]]:
    """The rows of CSV text, each with whether a quotation mark in it is never closed.

    Python's csv reader takes everything from an unclosed ``"`` to the end of the file
    (or to the next stray quotation mark) as one cell, so the rows after it would
    silently vanish into that cell. Here such a row comes out flagged (its cells as far
    as its own line goes), and the lines after it are read again as rows of their own.

    Example:
        >>> text = 'id,interests\\nP1,"music\\nP2,walks\\n'
        >>> [(cells[0], broken) for cells, broken in csv_rows(text.splitlines(True))]
        [('id', False), ('P1', True), ('P2', False)]
    """
    # The csv module's own limit, 128 kB a cell, ends the whole file with an error at
    # the first longer cell; a row's own checks refuse a cell that long, row by row.
    if csv.field_size_limit() < _CELL_LIMIT:
        csv.field_size_limit(_CELL_LIMIT)
    pending: Iterator[str] = iter(lines)
    while True:
        tap = _Tap(pending)
        try:
            for cells in csv.reader(tap, delimiter=delimiter):
                # An odd number of quotation marks over several lines (or up to the end):
                # a quote was opened and never closed, and later lines were read into it.
                spans = tap.ran_out or len(tap.taken) > 1
                if spans and _unclosed(tap.taken):
                    break
                yield cells, False
                tap.clear()
            else:
                return
        except csv.Error:
            # The cell an unclosed quote opened grew past the limit: the same row's fault.
            if not _unclosed(tap.taken):
                raise
        first = next(csv.reader(tap.taken[:1], delimiter=delimiter), [])
        yield [c.rstrip("\r\n") for c in first], True
        pending = itertools.chain(tap.taken[1:], tap.rest)


_CELL_LIMIT = 1 << 24
"""The longest cell read (16 MiB), far past any real one; a row with a longer one stops
the file, as memory would otherwise go to one cell."""


def _unclosed(lines: list[str]) -> bool:
    """True when the lines have an odd number of quotation marks (one never closed)."""
    return "".join(lines).count('"') % 2 == 1
