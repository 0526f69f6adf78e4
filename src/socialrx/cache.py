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
ignored and rebuilt. The files are pickles, which can run code when read: the cache is
only ever read from the user's own cache folder, so never point ``SOCIALRX_CACHE_DIR``
at a folder other people can write to.

Example:
    >>> cat = load_catalogue("assets", cache=True)     # doctest: +SKIP
    >>> clear()                                        # doctest: +SKIP
    1
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

import pydantic

from socialrx.__about__ import __version__

__all__ = [
    "CACHE_ENV",
    "FileCache",
    "cache_dir",
    "clear",
    "gc_paused",
    "read_derived",
    "write_derived",
]

CACHE_ENV = "SOCIALRX_CACHE_DIR"
"""Environment variable naming the cache folder (instead of the user cache directory)."""

_PREFIX = "catalogue-"
_DERIVED = "derived-"
_SUFFIX = ".pickle"
_PACKAGE = Path(__file__).resolve().parent

T = TypeVar("T")


def cache_dir() -> Path:
    """The folder the cache is kept in (``SOCIALRX_CACHE_DIR`` or the user cache dir)."""
    named = os.environ.get(CACHE_ENV)
    if named:
        return Path(named)
    import platformdirs  # deferred: only a run that uses the cache needs its folder

    return platformdirs.user_cache_path("socialrx")


def clear(directory: Path | None = None) -> int:
    """Remove every cached catalogue and its prepared columns; returns how many files."""
    folder = directory or cache_dir()
    removed = 0
    found = [*folder.glob(f"{_PREFIX}*{_SUFFIX}"), *folder.glob(f"{_DERIVED}*{_SUFFIX}")]
    for file in found if folder.is_dir() else ():
        try:
            file.unlink()
        except FileNotFoundError:  # another run removed or replaced it first
            continue
        removed += 1
    return removed


def _fingerprint() -> str:
    """The socialrx version, Python and pydantic, and the size and mtime of every file of
    the installed package (its code and data shape what loading and preparing produce)."""
    parts = [__version__, sys.version, pydantic.VERSION]
    for file in sorted(_PACKAGE.rglob("*.*")):
        if "__pycache__" not in file.parts:
            st = file.stat()
            parts.append(f"{file.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Garbage collection paused: unpickling, loading and building columns make many
    objects and no cycles, and each pass of the collector would walk them all again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(path: Path, value: object, pickler: type[pickle.Pickler] = pickle.Pickler) -> bool:
    """Pickle ``value`` to ``path`` atomically under a unique temporary name.

    A cache folder that cannot be written only costs speed: False is returned.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        Path(tmp).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


# A catalogue loaded through a FileCache → (its derived-data file, the key of its whole set).
_SETS: weakref.WeakKeyDictionary[Any, tuple[Path, str]] = weakref.WeakKeyDictionary()


def write_derived(owner: object, value: object, external: Mapping[int, str]) -> bool:
    """Keep data derived from a cached catalogue (e.g. its prepared columns).

    Args:
        owner: a catalogue returned by ``load_catalogue(..., cache=True)``; anything else
            is not written.
        value: what to keep, keyed on the catalogue's whole set of files.
        external: ``id(obj) → name`` for objects not to copy (the catalogue's assets);
            :func:`read_derived` gets them back from the catalogue by name.

    Returns:
        True if written.
    """
    found = _SETS.get(owner)
    if found is None:
        return False
    path, key = found

    class _Pickler(pickle.Pickler):
        def persistent_id(self, obj: Any) -> str | None:
            return external.get(id(obj))

    return _write(path, (key, value), _Pickler)


def read_derived(owner: object, resolve: Callable[[str], object]) -> Any | None:
    """What :func:`write_derived` kept for this very set of files, or None.

    Args:
        owner: a catalogue returned by ``load_catalogue(..., cache=True)``.
        resolve: gives back an external object by the name it was written under.
    """
    found = _SETS.get(owner)
    if found is None:
        return None
    path, key = found

    class _Unpickler(pickle.Unpickler):
        def persistent_load(self, pid: Any) -> object:
            return resolve(pid)

    try:
        with path.open("rb") as f, gc_paused():
            stored_key, value = _Unpickler(f).load()
    except Exception:  # missing, damaged or from another version: build afresh
        return None
    return value if stored_key == key else None


class FileCache(Generic[T]):
    """What loading produced for each valid file under some catalogue paths.

    Args:
        paths: the folders and files asked for (they name the cache file).
        directory: where caches live (default :func:`cache_dir`).
        salt: anything else the loaded values depend on (e.g. which postcode data places
            were found with); a different salt is a different cache.

    Use :meth:`load` for each file, then :meth:`save` once.
    """

    def __init__(
        self, paths: Sequence[str | Path], directory: Path | None = None, *, salt: str = ""
    ) -> None:
        roots = sorted(str(Path(p).resolve()) for p in paths)
        self._stamp = f"{_fingerprint()}\n{salt}"
        # Named by the paths only, so a new version replaces its old cache, not adds one.
        digest = hashlib.sha256("\n".join(roots).encode()).hexdigest()[:24]
        self.path = (directory or cache_dir()) / f"{_PREFIX}{digest}{_SUFFIX}"
        self._derived = self.path.with_name(f"{_DERIVED}{digest}{_SUFFIX}")
        # Each write of the cache gets a new random token: derived data kept under the
        # token is for exactly that set of files (see remember).
        self._token, self._old = self._read()
        self._new: dict[str, tuple[int, int, T]] = {}
        self.hits = 0

    def _read(self) -> tuple[str, dict[str, tuple[int, int, T]]]:
        try:
            with self.path.open("rb") as f, gc_paused():
                stamp, token, entries = pickle.load(f)
        except FileNotFoundError:
            return "", {}
        except Exception:  # a damaged or foreign cache (any unpickling error) is rebuilt
            return "", {}
        if stamp == self._stamp and isinstance(entries, dict) and isinstance(token, str):
            return token, entries
        return "", {}

    def load(
        self,
        file: str | Path,
        loader: Callable[[str | Path], T],
        keep: Callable[[T], bool],
        *,
        key: str | None = None,
        stat: Callable[[], os.stat_result] | None = None,
    ) -> T:
        """The cached value for ``file`` if it is unchanged, else ``loader(file)``.

        Args:
            file: the asset file.
            loader: reads the file.
            keep: whether a freshly loaded value may be cached (only valid files are).
            key: the file's absolute path, if the caller knows it.
            stat: gives the file's ``os.stat_result`` (e.g. ``os.DirEntry.stat``),
                if the caller has a cheaper way than ``os.stat``.
        """
        key = key or os.path.abspath(file)
        try:
            st = stat() if stat is not None else os.stat(file)
        except OSError:  # gone or unreadable: the loader says so, in its own words
            return loader(file)
        old = self._old.get(key)
        if old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns:
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
        if self._token and self._new.keys() == self._old.keys() and self.hits == len(self._new):
            return False
        token = os.urandom(16).hex()
        written = _write(self.path, (self._stamp, token, self._new))
        # Not written: no token names this set of files, so nothing derived is kept for it.
        self._token = token if written else ""
        return written

    def remember(self, catalogue: object) -> None:
        """Tie ``catalogue`` (built from this run's files, after :meth:`save`) to its
        derived-data file, under the token of the cache as saved."""
        if self._token:
            _SETS[catalogue] = (self._derived, self._token)
