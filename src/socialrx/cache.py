"""An on-disk cache of validated catalogue files, so a second run skips parsing.

Reading, validating and placing an asset file is most of the time a command such as
``socialrx match`` spends on a large catalogue. :class:`FileCache` keeps what loading
produced for each *valid* file, keyed on the file's absolute path, size and
``mtime_ns`` (and, for the whole cache, the socialrx version and a fingerprint of the
code and data that shape an asset), so a file that changed is read again and every
other file is taken from the cache: invalidation is file by file.

What is kept is catalogue data only — assets, their places and the position of their
``id`` line. Nothing about a person is ever stored here. The cache lives in the user
cache directory (``platformdirs.user_cache_path("socialrx")``, or the folder named by
``SOCIALRX_CACHE_DIR``). Runs at the same time are safe: each writes a whole new file
under a unique temporary name and moves it into place with ``os.replace``, so a reader
sees an old cache or a new one, never half of one; a cache that cannot be read is
ignored and rebuilt.

Example:
    >>> cat = load_catalogue("assets", cache=True)     # doctest: +SKIP
    >>> clear()                                        # doctest: +SKIP
    1
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

import platformdirs
import pydantic

from socialrx.__about__ import __version__

__all__ = ["CACHE_ENV", "FileCache", "cache_dir", "clear"]

CACHE_ENV = "SOCIALRX_CACHE_DIR"
"""Environment variable naming the cache folder (instead of the user cache directory)."""

_PREFIX = "catalogue-"
_SUFFIX = ".pickle"
_PACKAGE = Path(__file__).resolve().parent
# The code and data whose change could change what loading a file produces.
_SHAPERS = ("model.py", "vocabulary.py", "geo.py", "catalogue.py", "yamlio.py", "cache.py")

T = TypeVar("T")


def cache_dir() -> Path:
    """The folder the cache is kept in (``SOCIALRX_CACHE_DIR`` or the user cache dir)."""
    named = os.environ.get(CACHE_ENV)
    return Path(named) if named else platformdirs.user_cache_path("socialrx")


def clear(directory: Path | None = None) -> int:
    """Remove every cached catalogue; returns how many cache files were removed."""
    folder = directory or cache_dir()
    removed = 0
    for file in folder.glob(f"{_PREFIX}*{_SUFFIX}") if folder.is_dir() else ():
        try:
            file.unlink()
        except FileNotFoundError:  # another run removed or replaced it first
            continue
        removed += 1
    return removed


def _fingerprint() -> str:
    """The socialrx version, Python and pydantic, and the size and mtime of each shaper."""
    parts = [__version__, sys.version, pydantic.VERSION]
    for name in _SHAPERS:
        st = (_PACKAGE / name).stat()
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    data = _PACKAGE / "data"
    for file in sorted(data.rglob("*")) if data.is_dir() else ():
        st = file.stat()
        parts.append(f"{file.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


class FileCache(Generic[T]):
    """What loading produced for each valid file under some catalogue paths.

    Args:
        paths: the folders and files asked for (they name the cache file).
        directory: where caches live (default :func:`cache_dir`).

    Use :meth:`load` for each file, then :meth:`save` once.
    """

    def __init__(self, paths: Sequence[str | Path], directory: Path | None = None) -> None:
        roots = sorted(str(Path(p).resolve()) for p in paths)
        self._stamp = _fingerprint()
        digest = hashlib.sha256("\n".join([self._stamp, *roots]).encode()).hexdigest()[:24]
        self.path = (directory or cache_dir()) / f"{_PREFIX}{digest}{_SUFFIX}"
        self._old: dict[str, tuple[int, int, T]] = self._read()
        self._new: dict[str, tuple[int, int, T]] = {}
        self.hits = 0

    def _read(self) -> dict[str, tuple[int, int, T]]:
        try:
            with self.path.open("rb") as f:
                stamp, entries = pickle.load(f)
        except FileNotFoundError:
            return {}
        except Exception:  # a damaged or foreign cache (any unpickling error) is rebuilt
            return {}
        return entries if stamp == self._stamp and isinstance(entries, dict) else {}

    def load(self, file: Path, loader: Callable[[Path], T], keep: Callable[[T], bool]) -> T:
        """The cached value for ``file`` if it is unchanged, else ``loader(file)``.

        Args:
            file: the asset file.
            loader: reads the file.
            keep: whether a freshly loaded value may be cached (only valid files are).
        """
        key = os.path.abspath(file)
        st = file.stat()
        old = self._old.get(key)
        if old is not None and old[:2] == (st.st_size, st.st_mtime_ns):
            self._new[key] = old
            self.hits += 1
            return old[2]
        value = loader(file)
        if keep(value):
            self._new[key] = (st.st_size, st.st_mtime_ns, value)
        return value

    def save(self) -> bool:
        """Write the entries seen in this run if anything changed; True if written.

        The write is atomic under a unique temporary name. A cache folder that cannot be
        written only costs speed: the error is swallowed and False returned.
        """
        if self._new.keys() == self._old.keys() and self.hits == len(self._new):
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((self._stamp, self._new), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            return False
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True
