"""Errors raised by socialrx.

Every error socialrx raises on purpose derives from :class:`SocialRxError`, and
also from the built-in exception it most resembles, so callers can catch either::

    SocialRxError
    ├── CatalogueError (ValueError)        one problem in one catalogue file
    │   (collected into CatalogueErrors)
    ├── CatalogueErrors (ValueError)       every problem found while loading
    ├── PersonError (ValueError)           a person profile that cannot be used
    ├── PostcodeError (ValueError)         not a UK postcode, or not covered
    ├── PolicyError (ValueError)           a scoring policy file that is wrong
    ├── UnreadableInputError (ValueError)  an import file not in the format asked for
    │   └── FeedError                      a live feed not fetched: refused, failing or malformed
    ├── SelectionError (ValueError)        a --where selection, status or date that cannot be used
    ├── UnknownAssetError (KeyError)       no asset with that id in a catalogue
    ├── MissingDependencyError (ImportError) an optional extra is not installed
    ├── NotARegularFileError (OSError)     a folder, device, pipe or socket given as a file
    └── FileTooLargeError (OSError)        a file over the size limit (read no further)

:class:`Diagnostic` is the shape shared by everything that points at a place in a
file — a :class:`CatalogueError`, and a quality finding
(:class:`socialrx.quality.Finding`): ``path``, ``line``, ``column``, ``field``,
``message``, ``hint`` and ``severity``, printed as ``path:line:col: message``.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = [
    "CatalogueError",
    "CatalogueErrors",
    "Diagnostic",
    "FeedError",
    "FileTooLargeError",
    "MissingDependencyError",
    "NotARegularFileError",
    "PersonError",
    "PolicyError",
    "PostcodeError",
    "SelectionError",
    "SocialRxError",
    "UnknownAssetError",
    "UnreadableInputError",
]


_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""Every character ``str.splitlines`` breaks at."""


def _one_line(text: str) -> str:
    """``text`` with each line break written as its escape (``\\n``), so it stays one line."""
    return _LINE_BREAKS.sub(lambda m: repr(m.group())[1:-1], text)


class SocialRxError(Exception):
    """Base class of every error socialrx raises on purpose."""


class Diagnostic:
    """A problem at a place in a file: the fields and the printed form all kinds share.

    Subclasses set the attributes (an exception in ``__init__``, a dataclass as fields)
    and may put a label before the field with :meth:`_label`.

    Attributes:
        path: The file, as given.
        line: 1-based line number (1 when the whole file is at fault).
        column: 1-based column number.
        field: Dotted field path such as ``schedule.0.start`` ('' for the whole file).
        message: What is wrong, in plain English.
        hint: How to fix it ('' when there is nothing to add).
        severity: ``error`` or ``warning``.
    """

    __slots__ = ()

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str
    severity: str

    def __str__(self) -> str:
        # A file name or a quoted field may hold a line break; the message stays one line.
        where = f"{_one_line(self.path)}:{self.line}:{self.column}: "
        field = f"{_one_line(self.field)}: " if self.field else ""
        hint = f" — {_one_line(self.hint)}" if self.hint else ""
        return f"{where}{self._label()}{field}{_one_line(self.message)}{hint}"

    def _label(self) -> str:
        """Text printed between the position and the field ('' for none)."""
        return ""

    def to_dict(self) -> dict[str, str | int]:
        """The shared fields as a JSON-ready mapping (subclasses may add more)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class CatalogueError(Diagnostic, SocialRxError, ValueError):
    """One problem in one catalogue file, with where it is and how to fix it.

    Attributes:
        path: The file, as given to the loader.
        line: 1-based line number (1 when the whole file is at fault).
        column: 1-based column number.
        field: Dotted field path such as ``schedule.0.start`` ('' for the whole file).
        message: What is wrong, in plain English.
        hint: How to fix it ('' when there is nothing to add).
        severity: Always ``error``.

    Example:
        >>> str(CatalogueError("a.yaml", 3, 1, "nedds", "unknown field 'nedds'",
        ...                    "did you mean 'needs'?"))
        "a.yaml:3:1: nedds: unknown field 'nedds' — did you mean 'needs'?"
    """

    severity = "error"

    def __init__(
        self,
        path: str | Path,
        line: int,
        column: int,
        field: str,
        message: str,
        hint: str = "",
    ) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CatalogueError):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.to_dict().values()))


class CatalogueErrors(SocialRxError, ValueError):
    """Every problem found while loading a catalogue, in file and line order.

    Attributes:
        errors: The individual :class:`CatalogueError` objects.
    """

    def __init__(self, errors: list[CatalogueError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.column, e.field))
        files = len({e.path for e in self.errors})
        count = len(self.errors)
        head = (
            f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        )
        super().__init__(head + ":\n" + "\n".join(str(e) for e in self.errors))


class PersonError(SocialRxError, ValueError):
    """A person profile that cannot be used for matching (the message says why)."""


class PostcodeError(SocialRxError, ValueError):
    """Text that is not a UK postcode, or a postcode outside the data's coverage.

    Attributes:
        reason: ``not-a-postcode``, ``not-covered`` (Northern Ireland, the Channel
            Islands, the Isle of Man) or ``unknown`` (no such postcode area), so callers
            can say what is wrong without repeating the postcode.
    """

    def __init__(self, message: str, *, reason: str = "not-a-postcode") -> None:
        super().__init__(message)
        self.reason = reason

    def without_value(self) -> PostcodeError:
        """The same problem said without the postcode, for a person's own postcode.

        Example:
            >>> said = PostcodeError("'BT1 1AA' is not covered", reason="not-covered")
            >>> str(said.without_value()).startswith("postcode: not in Great Britain")
            True
        """
        said = _PERSON_POSTCODE.get(self.reason, "not a UK postcode")
        return PostcodeError(f"postcode: {said} — give lat and lon instead", reason=self.reason)


_PERSON_POSTCODE = {
    "not-covered": "not in Great Britain (socialrx has Great Britain's postcodes only)",
    "unknown": "not a known postcode area in Great Britain",
}


class PolicyError(SocialRxError, ValueError):
    """A scoring policy file that is missing weights or names unknown factors."""


class UnreadableInputError(SocialRxError, ValueError):
    """An import file that cannot be read as the format asked for (HSDS, ORUK, CSV)."""


class FeedError(UnreadableInputError):
    """A live feed that was not fetched: no ``allow_network``, a failing server, a bad page.

    The message is one line naming the address and page; pages fetched before the failure
    are kept, and the message says where and how to continue.
    """


class SelectionError(SocialRxError, ValueError):
    """A ``--where`` selection, a status or a date that cannot be used (the message says why)."""


class UnknownAssetError(SocialRxError, KeyError):
    """No asset with the given id exists in the catalogue."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class MissingDependencyError(SocialRxError, ImportError):
    """An optional extra (e.g. ``socialrx[pandas]``) is needed but not installed."""


class NotARegularFileError(SocialRxError, OSError):
    """A path to read that is a folder, a device (``/dev/zero``), a named pipe or a socket.

    Attributes:
        filename: The path, as given.
        kind: What it is instead, e.g. ``a named pipe``.
    """

    def __init__(self, filename: str, kind: str) -> None:
        super().__init__(f"{filename} is {kind}, not a regular file")
        self.filename = filename
        self.kind = kind

    def __str__(self) -> str:  # OSError would print "[Errno None] …" once filename is set
        return str(self.args[0])


class FileTooLargeError(SocialRxError, OSError):
    """A file holding more bytes than the reader's limit (it was not read further).

    Attributes:
        filename: The path, as given.
        limit: The limit in bytes.
    """

    def __init__(self, filename: str, limit: int) -> None:
        super().__init__(f"{filename} is too large (more than {limit:,} bytes)")
        self.filename = filename
        self.limit = limit

    def __str__(self) -> str:
        return str(self.args[0])
