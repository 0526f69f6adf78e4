"""Loading a folder of asset YAML files into a read-only, indexed :class:`Catalogue`.

Every file is read through the one safe YAML loader (:mod:`socialrx.yamlio`),
validated against :class:`~socialrx.model.Asset`, and every problem in every file
is collected — one bad file never hides another's. Each problem names the file,
line, column and field, with a hint::

    >>> load_catalogue("assets")                       # doctest: +SKIP
    Traceback (most recent call last):
    socialrx.errors.CatalogueErrors: 1 problem in 1 file:
    assets/walk.yaml:4:1: nedds: unknown field 'nedds' — did you mean 'needs'?
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import typing
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from types import UnionType
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from socialrx import geo
from socialrx.cache import FileCache, gc_paused
from socialrx.errors import (
    CatalogueError,
    CatalogueErrors,
    PersonError,
    PostcodeError,
    UnknownAssetError,
)
from socialrx.model import (
    DAYS,
    DELIVERY,
    DIGITAL_LEVELS,
    PERSON_GENDERS,
    Asset,
    Person,
    asset_record,
    pack_asset,
    unpack_asset,
)
from socialrx.output import atomic_write_text
from socialrx.tables import ASSET_COLUMNS, ASSET_INTEGERS, records_to_dataframe
from socialrx.vocabulary import (
    CIRCUMSTANCES,
    FEATURES,
    NEEDS,
    closest,
    resolve_feature,
    resolve_need,
)
from socialrx.yamlio import YamlDocument, dump_yaml, parse_yaml, read_yaml

__all__ = [
    "MODELINE_PREFIX",
    "Catalogue",
    "asset_yaml",
    "example_catalogue_path",
    "example_person_path",
    "find_asset_files",
    "load_asset",
    "load_catalogue",
    "load_person",
    "modeline_for",
    "parse_person_text",
    "person_from_data",
    "profile_fields",
    "release_memory",
    "translate_error",
    "validate_asset",
    "write_asset",
]

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Catalogue:
    """A read-only collection of assets with unique ids, indexed by id and by place.

    Iteration yields assets in id order, so results never depend on file order.

    Each asset is kept as one compact record (:func:`socialrx.model.pack_asset`, a
    tenth of a validated model's memory), compressed with its neighbours in blocks of
    64, and built again, without validation, when it is looked at (by id, by position
    in :attr:`assets`, or by iterating). Places and file names are kept as columns, and
    an id's row is found by bisecting the sorted ids: nothing is kept as an object per
    asset but its id. A catalogue of up to 10,000 assets keeps each asset once built; a
    larger one keeps only the ones looked at most recently.

    Example:
        >>> cat = load_catalogue("assets")                 # doctest: +SKIP
        >>> len(cat), cat["just-good-friends"].name        # doctest: +SKIP
        (36, 'Just Good Friends')
    """

    def __init__(
        self,
        assets: Iterable[Asset],
        *,
        path: str | Path | None = None,
        files: Mapping[str, Path] | None = None,
        places: Mapping[str, tuple[geo.Place, ...]] | None = None,
        problems: Iterable[CatalogueError] = (),
    ) -> None:
        """Build a catalogue from validated assets (each must have an ``id``).

        ``problems`` are the files :func:`load_catalogue` skipped (see
        :attr:`problems`); they are kept, not raised.

        Raises:
            CatalogueErrors: two assets share an id, or a location's postcode cannot
                be resolved.
        """
        rows: dict[str, _Row] = {}
        errors: list[CatalogueError] = []
        files = dict(files or {})
        for asset in assets:  # packed one by one: the models given need not all be kept
            key = asset.key
            if key in rows:
                errors.append(_duplicate_id(key, files))
                continue
            try:
                found = places[key] if places is not None and key in places else _places(asset)
            except _PlaceError as exc:
                where = str(files.get(key, key))
                errors.append(CatalogueError(where, 1, 1, exc.field, exc.message, exc.hint))
                found = ()
            # Models are kept only while the catalogue is small enough to keep them all
            # (as loading does): a hundred thousand models alive at once while the
            # catalogue's own objects are made would scatter those over memory the
            # models then free, and the process would keep it all (~3 KB an asset).
            keep = asset if len(rows) < _KEEP_ALL else None
            if keep is None and len(rows) == _KEEP_ALL:
                rows = {k: r._replace(asset=None) for k, r in rows.items()}
            rows[key] = _Row(key, pack_asset(asset), found, files.get(key), keep)
        if errors:
            raise CatalogueErrors(errors)
        self._fill(list(rows.values()), path, problems)

    @classmethod
    def _from_rows(
        cls, rows: list[_Row], path: str | Path | None, problems: Iterable[CatalogueError]
    ) -> Catalogue:
        """A catalogue of rows already packed and placed, with distinct keys."""
        catalogue = cls.__new__(cls)
        catalogue._fill(rows, path, problems)
        return catalogue

    def _fill(
        self, rows: list[_Row], path: str | Path | None, problems: Iterable[CatalogueError]
    ) -> None:
        rows.sort(key=lambda r: r.key)
        self.path = None if path is None else str(path)
        # Fresh copies, made now that loading's objects are gone, sit together in memory
        # (a key kept from a file's parse would keep its whole block of memory alive).
        self._ids: tuple[str, ...] = tuple(r.key.encode().decode() for r in rows)
        # The ids are sorted: an id's row is found by bisection, with no dict of them.
        self._row: Mapping[str, int] = _Positions(self._ids)
        # One blob and two arrays of offsets, not a million small objects: the records
        # made while loading are let go. The records are compressed in blocks of
        # _BLOCK (see _compressed): a record is found by its block, then its offset.
        self._offsets = array("q", accumulate((len(r.record) for r in rows), initial=0))
        self._blob, self._blocks = _compressed([r.record for r in rows])
        self._unpacked: tuple[int, bytes] = (-1, b"")
        self._places = _Places(r.places for r in rows)
        self._files = _Files(r.file for r in rows)
        # A small catalogue keeps every asset built: those just validated are kept as they
        # are rather than built again from their records.
        kept = enumerate(rows) if len(rows) <= _KEEP_ALL else ()
        self._recent: dict[int, Asset] = {n: r.asset for n, r in kept if r.asset is not None}
        self._problems = tuple(sorted(problems, key=lambda e: (e.path, e.line, e.column)))
        release_memory()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("spatial_index", None)  # rebuilt on first use
        state["_recent"] = {}
        state["_unpacked"] = (-1, b"")
        del state["_row"]  # bisects the ids: made again from them
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["_row"] = _Positions(state["_ids"])
        self.__dict__.update(state)

    def _asset(self, row: int) -> Asset:
        """The asset in ``row``, built from its record (the most recent ones are kept)."""
        found = self._recent.get(row)
        if found is None:
            found = self._built(row)
            if len(self._recent) >= _RECENT and len(self._ids) > _KEEP_ALL:
                self._recent.pop(next(iter(self._recent)), None)
            self._recent[row] = found
        return found

    @property
    def problems(self) -> tuple[CatalogueError, ...]:
        """Problems in the files left out by ``load_catalogue(..., errors="skip")``."""
        return self._problems

    @property
    def skipped_files(self) -> tuple[str, ...]:
        """The files (and folders) left out because of :attr:`problems`, sorted."""
        return tuple(sorted({e.path for e in self._problems}))

    # -- read-only collection -------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[Asset]:
        if len(self._ids) <= _KEEP_ALL:
            yield from map(self._asset, range(len(self._ids)))
            return
        # Built one by one and not kept: going through a million assets holds one at a time.
        recent = self._recent
        for row in range(len(self._ids)):
            found = recent.get(row)
            yield self._built(row) if found is None else found

    def _built(self, row: int) -> Asset:
        asset = unpack_asset(self._record(row))
        # The catalogue's own id string: what is kept from an asset (e.g. its key in
        # prepared columns) then holds no memory of the built asset's.
        vars(asset)["id"] = self._ids[row]
        return asset

    def __contains__(self, asset_id: object) -> bool:
        return asset_id in self._row

    def __getitem__(self, asset_id: str) -> Asset:
        try:
            return self._asset(self._row[asset_id])
        except KeyError:
            hint = closest(asset_id, self._ids)
            more = f"; did you mean '{hint}'?" if hint else ""
            raise UnknownAssetError(f"no asset '{asset_id}' in the catalogue{more}") from None

    def __repr__(self) -> str:
        where = f" from {self.path!r}" if self.path else ""
        return f"<Catalogue of {len(self)} assets{where}>"

    def get(self, asset_id: str) -> Asset | None:
        """The asset with this id, or None."""
        row = self._row.get(asset_id)
        return None if row is None else self._asset(row)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every asset id, sorted."""
        return self._ids

    @property
    def assets(self) -> Sequence[Asset]:
        """Every asset in id order, as a read-only sequence (``assets[i]`` has
        ``ids[i]``); each asset is built when it is looked at."""
        return _Assets(self)

    @property
    def asset_places(self) -> Sequence[tuple[geo.Place, ...]]:
        """Every asset's places in id order (``asset_places[i]`` is ``places(ids[i])``),
        each built when looked at."""
        return self._places

    @property
    def positions(self) -> Mapping[str, int]:
        """Each asset id's row: its position in :attr:`ids` and :attr:`assets`."""
        return self._row

    def records(self) -> Iterator[bytes]:
        """Every asset's packed record (:func:`socialrx.model.pack_asset`) in id order,
        without building the asset: what column builders read
        (:func:`socialrx.model.packed_values`)."""
        offsets = self._offsets
        for b in range(len(self._blocks) - 1):
            first, data = self._block(b)
            for k in range(b * _BLOCK, min((b + 1) * _BLOCK, len(offsets) - 1)):
                yield data[offsets[k] - first : offsets[k + 1] - first]

    def _block(self, b: int) -> tuple[int, bytes]:
        """Block ``b`` unpacked, and the offset of its first record."""
        first = self._offsets[b * _BLOCK]
        last = self._offsets[min((b + 1) * _BLOCK, len(self._offsets) - 1)]
        return first, _unpacked(self._blob[self._blocks[b] : self._blocks[b + 1]], last - first)

    def _record(self, row: int) -> bytes:
        """The packed record of ``row`` (its block is kept unpacked until the next one
        is asked for: iterating in order unpacks each block once)."""
        b = row // _BLOCK
        held, data = self._unpacked
        first = self._offsets[b * _BLOCK]
        if held != b:
            first, data = self._block(b)
            self._unpacked = (b, data)
        return data[self._offsets[row] - first : self._offsets[row + 1] - first]

    def file(self, asset_id: str) -> Path | None:
        """The file an asset was loaded from (None for assets built in Python)."""
        row = self._row.get(asset_id)
        name = None if row is None else self._files[row]
        return None if name is None else Path(name)

    # -- geography ------------------------------------------------------------

    def places(self, asset_id: str) -> tuple[geo.Place, ...]:
        """Coordinates of each of the asset's locations, in the order they are listed."""
        return self._places[self._row[asset_id]]

    @cached_property
    def spatial_index(self) -> geo.SpatialIndex[str]:
        """An index over every location of every asset, keyed by asset id."""
        return geo.SpatialIndex(self._places.points(self._ids))

    def within(self, latitude: float, longitude: float, radius_km: float) -> dict[str, float]:
        """Assets with a location within ``radius_km``, mapped to the nearest distance."""
        return self.spatial_index.within(latitude, longitude, radius_km)

    # -- tables for analysts (see socialrx.tables) ---------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """Every asset as a flat dict, in id order (no dependencies needed).

        Example:
            >>> load_catalogue("assets").to_records()[0]["id"]  # doctest: +SKIP
            'bereavement-cafe'
        """
        return [
            asset_record(asset, self._places[row], _as_text(self._files[row]))
            for row, asset in enumerate(self)
        ]

    def to_dataframe(self) -> Any:
        """Every asset as a row of a pandas DataFrame (``pip install 'socialrx[pandas]'``).

        Raises:
            MissingDependencyError: pandas is not installed.
        """
        return records_to_dataframe(
            self.to_records(), columns=ASSET_COLUMNS, integers=ASSET_INTEGERS
        )


def release_memory() -> None:
    """Hand memory freed after a large build (loading, preparing) back to the system.

    Building a catalogue makes and frees many objects; the C library keeps the freed
    memory for the process unless asked to return it, so the process would stay as
    large as at its peak. Only glibc (Linux) is asked; elsewhere this does nothing.
    """
    if _TRIM is not None:
        _TRIM(0)


_TRIM: Callable[[int], int] | None = getattr(
    ctypes.CDLL(None) if sys.platform.startswith("linux") else None, "malloc_trim", None
)
_RECENT = 1024  # assets kept built: pages of results and their explanations, looked at often
# Up to this size a catalogue keeps every asset it has built (at most ~70 MB): preparing
# goes over every asset several times (once per factor), and building each anew every
# time would cost more than the memory saved. Above it, assets are built when looked at.
_KEEP_ALL = 10_000


# Records are compressed in blocks of this many (raw deflate, zlib level 1, no
# checksum: the blob never leaves memory but in a pickle): at 100,000 synthetic assets
# 626 bytes a record become 60, for 1.5 µs an asset to compress and 0.47 µs to unpack
# (unpickling one takes 5-25 µs; a first match reads every record twice); looking at
# one asset unpacks its block, about 30 µs. Blocks of 32 unpacked at 0.58 µs a record,
# a zlib stream with its checksum at 0.64; higher levels saved little and cost more.
_BLOCK = 64
_LEVEL = 1
_RAW = -15  # zlib's wbits for raw deflate


def _unpacked(block: bytes, size: int) -> bytes:
    """A block made by :func:`_compressed`, ``size`` bytes once unpacked."""
    return zlib.decompress(block, _RAW, max(size, 1))


def _compressed(records: Sequence[bytes]) -> tuple[bytes, array[int]]:
    """``records`` compressed in blocks of :data:`_BLOCK`, joined; and where each block
    starts in the result (one more entry than blocks)."""
    blocks = []
    for k in range(0, len(records), _BLOCK):
        packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, _RAW)
        blocks.append(packer.compress(b"".join(records[k : k + _BLOCK])) + packer.flush())
    return b"".join(blocks), array("q", accumulate(map(len, blocks), initial=0))


def _as_text(file: str | None) -> str | None:
    """A file's name as :meth:`Catalogue.file` gives it, as text."""
    return None if file is None else str(Path(file))


class _Positions(Mapping[str, int]):
    """Each id's row in a sorted tuple of ids, found by bisection (a dict of a million
    ids would take some 80 MB; a bisection costs about a microsecond)."""

    __slots__ = ("_ids",)

    def __init__(self, ids: tuple[str, ...]) -> None:
        self._ids = ids

    def __getitem__(self, key: str) -> int:
        if isinstance(key, str):
            row = bisect_left(self._ids, key)
            if row < len(self._ids) and self._ids[row] == key:
                return row
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"<positions of {len(self._ids)} ids>"


class _Places(Sequence[tuple[geo.Place, ...]]):
    """Every row's places as columns, each :class:`~socialrx.geo.Place` built when looked
    at. Each distinct place is kept once (many assets meet in one hall or one postcode):
    its latitude and longitude as floats, its precision, postcode and note as one of the
    distinct sets of them; each row's places are numbers into those. A million places
    as objects would take some 170 MB; these columns take at most about 30 bytes each.
    """

    __slots__ = ("_kind", "_kinds", "_lat", "_lon", "_point", "_start")

    def __init__(self, places: Iterable[tuple[geo.Place, ...]]) -> None:
        kinds: dict[tuple[Any, ...], int] = {}
        distinct: dict[tuple[Any, ...], int] = {}
        self._lat, self._lon, self._kind = array("d"), array("d"), array("i")
        self._point, self._start = array("i"), array("q", [0])
        for row in places:
            for p in row:
                kind = kinds.setdefault((p.precision, p.postcode, p.note), len(kinds))
                point = distinct.setdefault((p.latitude, p.longitude, kind), len(distinct))
                if point == len(self._lat):  # a new one
                    self._lat.append(p.latitude)
                    self._lon.append(p.longitude)
                    self._kind.append(kind)
                self._point.append(point)
            self._start.append(len(self._point))
        self._kinds = tuple(kinds)

    def __len__(self) -> int:
        return len(self._start) - 1

    def _place(self, point: int) -> geo.Place:
        return geo.Place(self._lat[point], self._lon[point], *self._kinds[self._kind[point]])

    @typing.overload
    def __getitem__(self, row: int) -> tuple[geo.Place, ...]: ...
    @typing.overload
    def __getitem__(self, row: slice) -> Sequence[tuple[geo.Place, ...]]: ...
    def __getitem__(
        self, row: int | slice
    ) -> tuple[geo.Place, ...] | Sequence[tuple[geo.Place, ...]]:
        if isinstance(row, slice):
            return [self[i] for i in range(len(self))[row]]
        row = range(len(self))[row]
        return tuple(map(self._place, self._point[self._start[row] : self._start[row + 1]]))

    def __iter__(self) -> Iterator[tuple[geo.Place, ...]]:
        # Going through every row (as preparing does) builds each distinct place once.
        made: list[geo.Place | None] = [None] * len(self._lat)
        point, start = self._point, self._start
        for row in range(len(self)):
            found = []
            for j in point[start[row] : start[row + 1]]:
                place = made[j]
                if place is None:
                    place = made[j] = self._place(j)
                found.append(place)
            yield tuple(found)

    def points(self, keys: Sequence[str]) -> Iterator[tuple[str, float, float]]:
        """Every place as (the key of its row, latitude, longitude), building none."""
        point, start, lat, lon = self._point, self._start, self._lat, self._lon
        for row, key in enumerate(keys):
            for j in point[start[row] : start[row + 1]]:
                yield key, lat[j], lon[j]

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._kind, self._kinds, self._lat, self._lon, self._point, self._start)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._kind, self._kinds, self._lat, self._lon, self._point, self._start = state


class _Files:
    """The file each row was loaded from (or None), compactly: each distinct folder
    once, and the file names as one text with offsets (a million paths as strings in a
    dict would take some 200 MB; this takes about 30 bytes each)."""

    __slots__ = ("_folder_of", "_folders", "_names", "_offsets")

    def __init__(self, files: Iterable[Path | str | None]) -> None:
        folders: dict[str, int] = {}
        folder_of, names = array("i"), []
        for file in files:
            if file is None:
                folder_of.append(-1)
                names.append("")
                continue
            folder, name = os.path.split(str(file))
            folder_of.append(folders.setdefault(folder, len(folders)))
            names.append(name)
        self._folders = tuple(folders)
        self._folder_of = folder_of
        self._names = "".join(names)
        self._offsets = array("q", accumulate(map(len, names), initial=0))

    def __getitem__(self, row: int) -> str | None:
        folder = self._folder_of[row]
        if folder < 0:
            return None
        name = self._names[self._offsets[row] : self._offsets[row + 1]]
        return os.path.join(self._folders[folder], name)

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._folders, self._folder_of, self._names, self._offsets)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._folders, self._folder_of, self._names, self._offsets = state


class _Row(NamedTuple):
    """One asset as a catalogue keeps it (and, while loading, the model just validated)."""

    key: str
    record: bytes
    places: tuple[geo.Place, ...]
    file: Path | str | None
    asset: Asset | None = None


class _Assets(Sequence[Asset]):
    """A catalogue's assets in id order, built when looked at."""

    __slots__ = ("_catalogue",)

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def __len__(self) -> int:
        return len(self._catalogue)

    @typing.overload
    def __getitem__(self, index: int) -> Asset: ...
    @typing.overload
    def __getitem__(self, index: slice) -> Sequence[Asset]: ...
    def __getitem__(self, index: int | slice) -> Asset | Sequence[Asset]:
        if isinstance(index, slice):
            return [self._catalogue._asset(i) for i in range(len(self))[index]]
        return self._catalogue._asset(range(len(self))[index])

    def __iter__(self) -> Iterator[Asset]:
        return iter(self._catalogue)


class _PlaceError(Exception):
    def __init__(self, field: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.field, self.message, self.hint = field, message, hint


def _places(asset: Asset) -> tuple[geo.Place, ...]:
    found = []
    for i, loc in enumerate(asset.locations):
        if loc.lat is not None and loc.lon is not None:
            found.append(geo.locate_point(loc.lat, loc.lon))
            continue
        assert loc.postcode is not None
        try:
            found.append(geo.locate(loc.postcode))
        except PostcodeError as exc:
            raise _PlaceError(
                f"locations.{i}.postcode",
                str(exc),
                "check the postcode, or give lat and lon for the place",
            ) from None
    return tuple(found)


def _duplicate_id(key: str, files: Mapping[str, Path]) -> CatalogueError:
    where = str(files.get(key, key))
    return CatalogueError(
        where,
        1,
        1,
        "id",
        f"the id '{key}' is used by more than one asset",
        "give each asset its own id (the file name is the default id)",
    )


# ------------------------------------------------------------------ loading


def find_asset_files(paths: Sequence[str | Path], problems: list[CatalogueError]) -> list[Path]:
    """Every ``*.yaml`` under the folders (and the files) given, in path order.

    A folder that cannot be read, and a link leading outside the folder it was
    found in, are added to ``problems`` (by name only: the link is not read).
    Links to folders are not followed.

    Raises:
        FileNotFoundError: a path does not exist.
    """
    return [Path(f.path) for f in _find(paths, problems)]


class _Found(NamedTuple):
    """An asset file found: as named for messages, its absolute path, how to stat it."""

    path: str
    key: str
    entry: os.DirEntry[str] | None


def _find(paths: Sequence[str | Path], problems: list[CatalogueError]) -> list[_Found]:
    """What :func:`find_asset_files` finds, as plain strings with their directory entries
    (a large catalogue is a hundred thousand files: no Path objects, one stat each)."""
    found: dict[str, _Found] = {}
    given = [Path(p) for p in paths]
    for p in given:
        if p.is_dir():
            name = str(p)
            base = os.path.abspath(name)
            start = 0 if name == "." else len(name)  # Path(".", "a.yaml") is "a.yaml"
            for path, entry in _walk(p, problems):
                found[path] = _Found(path, base + os.sep + path[start:].lstrip(os.sep), entry)
        elif p.exists() or p.is_symlink():
            # named by the caller: read_yaml refuses devices and pipes
            found[str(p)] = _Found(str(p), os.path.abspath(p), None)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    if len(given) == 1:  # one folder is walked in order already
        return list(found.values())
    return sorted(found.values(), key=lambda f: f.path.split(os.sep))  # Path order


def _walk(folder: Path, problems: list[CatalogueError]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    root = folder.resolve()

    def unreadable(exc: OSError) -> None:
        problems.append(
            CatalogueError(
                exc.filename or str(folder),
                1,
                1,
                "",
                f"this folder cannot be read ({exc.strerror or 'error'}); its files were "
                "not checked",
                "check the folder's permissions",
            )
        )

    def outside(path: str) -> CatalogueError:
        return CatalogueError(
            path,
            1,
            1,
            "",
            "this is a link to a file outside the catalogue folder; it was not read",
            "copy the file into the catalogue instead of linking to it",
        )

    # Depth first, each folder's entries by name: the files come out in Path order.
    # Links to folders are not followed (as before); links to files are, when the
    # file they lead to is inside the catalogue folder.
    def visit(where: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
        try:
            with os.scandir(where) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            unreadable(exc)
            return
        for entry in entries:
            path = entry.path[2:] if where == "." else entry.path  # as Path(where, name)
            if entry.is_dir():
                if not entry.is_symlink():
                    yield from visit(path)
            elif entry.name.endswith(".yaml"):
                if entry.is_symlink() and not _inside(Path(path), root):
                    problems.append(outside(path))
                    continue
                yield path, entry

    yield from visit(str(folder))


def _inside(file: Path, root: Path) -> bool:
    try:
        return file.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return False


def load_asset(path: str | Path) -> Asset:
    """Read and validate one asset file (its id defaults to the file name).

    Raises:
        CatalogueErrors: with every problem in the file.
    """
    loaded = _load_file(Path(path))
    if loaded.errors or loaded.record is None:
        raise CatalogueErrors(loaded.errors)
    return unpack_asset(loaded.record)


# The example catalogue and Dorothy's profile: one copy in git (assets/lytham-st-annes and
# examples/), put into the wheel under socialrx/data/example/ by hatch's force-include.
_EXAMPLE = "example"
_REPOSITORY = Path(__file__).resolve().parents[2]


def _example(packaged: str, in_repository: Path) -> Path:
    inside = Path(__file__).parent / "data" / _EXAMPLE / packaged
    if inside.exists():
        return inside
    if in_repository.exists():  # a clone or an editable install
        return in_repository
    raise FileNotFoundError(f"the example {packaged} is missing from this installation")


def example_catalogue_path() -> Path:
    """The folder of the example catalogue shipped with socialrx (38 fictional assets in
    Lytham St Annes), used when no catalogue is given.

    Example:
        >>> example_catalogue_path().name
        'lytham-st-annes'
    """
    return _example("lytham-st-annes", _REPOSITORY / "assets" / "lytham-st-annes")


def example_person_path() -> Path:
    """Dorothy's profile (81, shielding, no internet, lonely, loves dancing), shipped
    with socialrx to try ``socialrx match`` on (``socialrx example-person`` prints it)."""
    return _example("person-dorothy.yaml", _REPOSITORY / "examples" / "person-dorothy.yaml")


def load_catalogue(
    path: str | Path | Sequence[str | Path] | None = None,
    *,
    errors: Literal["raise", "skip"] = "raise",
    cache: bool = False,
) -> Catalogue:
    """Load every ``*.yaml`` file under a folder (or the given files) into a Catalogue.

    Args:
        path: A folder (searched recursively), a file, or a list of them. Without
            one, the example catalogue shipped with socialrx
            (:func:`example_catalogue_path`), saying so on standard error.
        errors: ``raise`` (the default) refuses a catalogue with any problem.
            ``skip`` leaves out the files with problems and loads the rest; the
            problems are in :attr:`Catalogue.problems` (so a volunteer's typo in one
            file does not stop a link worker). Nothing usable at all still raises.
        cache: keep each valid file's asset in the on-disk cache (:mod:`socialrx.cache`)
            and take unchanged files from it; the command line does this by default.

    Raises:
        CatalogueErrors: every problem in every file, each naming file, line,
            column and field with a hint (with ``skip``, only when no file is valid).
        FileNotFoundError: a path does not exist.

    Example:
        >>> cat = load_catalogue("assets", errors="skip")           # doctest: +SKIP
        >>> len(cat), len(cat.problems), cat.skipped_files          # doctest: +SKIP
        (35, 1, ('assets/walk.yaml',))
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    if path is None:
        path = example_catalogue_path()
        print(
            "socialrx: no catalogue given; using the example catalogue shipped with "
            "socialrx (fictional assets in Lytham St Annes)",
            file=sys.stderr,
        )
    paths: Sequence[str | Path] = [path] if isinstance(path, (str, Path)) else path
    problems: list[CatalogueError] = []
    found = _find(paths, problems)
    store = FileCache[_Loaded](paths, salt=geo.postcode_source()) if cache else None
    rows = _load_files(found, problems, store)
    if problems and (errors == "raise" or not rows):
        raise CatalogueErrors(problems)
    single = path if isinstance(path, (str, Path)) else None
    catalogue = Catalogue._from_rows(rows, single, problems)
    if store is not None:
        store.remember(catalogue)
    return catalogue


def _load_files(
    found: Iterable[_Found | Path],
    errors: list[CatalogueError],
    store: FileCache[_Loaded] | None = None,
    read: Callable[[Path], YamlDocument] | None = None,
    *,
    pack: bool = True,
) -> list[_Row]:
    """The valid assets of ``found`` (an id two files claim is left out), packed, with
    their places and files; every problem is added to ``errors``. ``read`` parses one
    file instead of ``read_yaml`` (``socialrx check`` passes one that checks each
    document as it is parsed, so every file is parsed once). Without ``pack`` the
    files are only validated and placed: the rows hold empty records and no models
    (``socialrx check`` wants the problems, not a catalogue)."""
    rows: dict[str, _Row] = {}
    claimed: dict[str, list[tuple[str, tuple[int, int] | None]]] = {}
    for file, loaded in _loaded_files(found, store, read, pack=pack):
        errors.extend(loaded.errors)
        if loaded.key is not None and loaded.record is not None:
            key = loaded.key
            claimed.setdefault(key, []).append((file, loaded.id_at))
            if key not in rows:
                # Models just validated are kept only while the catalogue is small enough
                # to keep them all (see _KEEP_ALL); past that, loading holds records only.
                keep = loaded.asset if len(rows) < _KEEP_ALL else None
                if keep is None and len(rows) == _KEEP_ALL:
                    rows = {k: r._replace(asset=None) for k, r in rows.items()}
                rows[key] = _Row(key, loaded.record, loaded.places, file, keep)
    for key, owners in claimed.items():
        if len(owners) > 1:
            errors.extend(_claimed_twice(key, owners))
            del rows[key]
    return list(rows.values())


def _claimed_twice(
    key: str, owners: list[tuple[str, tuple[int, int] | None]]
) -> Iterator[CatalogueError]:
    """One error for each file claiming ``key``, at its ``id`` line (found when needed)."""
    names = ", ".join(str(o) for o, _ in owners)
    for owner, at in owners:
        yield CatalogueError(
            str(owner),
            *(at or _id_position(owner)),
            "id",
            f"the id '{key}' is used by {len(owners)} files: {names}",
            "give each asset its own id; the file name is the default id",
        )


def _id_position(file: str) -> tuple[int, int]:
    """Where a file gives its ``id`` (read again: only an id two files claim needs it)."""
    try:
        return read_yaml(file).key_position(("id",))
    except (CatalogueError, OSError):  # changed or gone since it was loaded
        return (1, 1)


class _Loaded(NamedTuple):
    """One file, loaded: its asset packed (see :func:`socialrx.model.pack_asset`), and the
    model itself when it was validated just now (never written to the cache).

    ``id_at`` is where the file gives its id: ``(1, 1)`` when it gives none (the file
    name is the id), None when it does (worked out if two files claim the id)."""

    key: str | None
    record: bytes | None
    places: tuple[geo.Place, ...]
    errors: list[CatalogueError]
    id_at: tuple[int, int] | None = (1, 1)
    asset: Asset | None = None

    def __reduce__(self) -> tuple[type[_Loaded], tuple[Any, ...]]:
        """Pickled (for the cache) without the model: the record holds the same asset."""
        return (_Loaded, (self.key, self.record, self.places, self.errors, self.id_at))


def _loaded_files(
    found: Iterable[_Found | Path],
    store: FileCache[_Loaded] | None,
    read: Callable[[Path], YamlDocument] | None = None,
    *,
    pack: bool = True,
) -> Iterator[tuple[str, _Loaded]]:
    """Each file of ``found``, loaded or taken from the cache, with collection paused.

    Loading builds many small objects and no cycles, so the garbage collector's passes
    during the build are wasted time (a quarter of it on large catalogues).
    """
    with gc_paused():
        for f in found:
            file = f if isinstance(f, _Found) else _Found(str(f), os.path.abspath(f), None)
            if store is None:
                yield file.path, _load_file(file.path, read, pack=pack)
            else:
                stat = None if file.entry is None else file.entry.stat
                yield file.path, store.load(file.path, _load_file, _valid, key=file.key, stat=stat)
        if store is not None:
            store.save()


def _valid(loaded: _Loaded) -> bool:
    return not loaded.errors


def _load_file(
    name: str | Path, read: Callable[[Path], YamlDocument] | None = None, *, pack: bool = True
) -> _Loaded:
    """Read, validate, place and pack one asset file, collecting every problem in it
    (without ``pack``, the record is empty and the model is not kept)."""
    file = Path(name)
    try:
        doc = (read or read_yaml)(file)
    except CatalogueError as exc:
        return _Loaded(None, None, (), [exc])
    except OSError as exc:  # unreadable, or a link that leads nowhere
        problem = CatalogueError(
            str(file),
            1,
            1,
            "",
            f"the file cannot be read ({exc.strerror or 'error'})",
            "check that it exists and that its permissions let you read it",
        )
        return _Loaded(None, None, (), [problem])
    problems = _validate(doc, file.stem)
    if isinstance(problems, list):
        return _Loaded(None, None, (), problems)
    asset = problems
    id_at = None if "id" in doc.data else (1, 1)  # where, only if two files claim the id
    try:
        if not pack:
            return _Loaded(asset.key, b"", _places(asset), [], id_at)
        return _Loaded(asset.key, pack_asset(asset), _places(asset), [], id_at, asset)
    except _PlaceError as exc:
        line, col = doc.position(tuple(int(p) if p.isdigit() else p for p in exc.field.split(".")))
        return _Loaded(
            None, None, (), [CatalogueError(doc.path, line, col, exc.field, exc.message, exc.hint)]
        )


def _validate(doc: YamlDocument, stem: str) -> Asset | list[CatalogueError]:
    name = doc.path
    data = doc.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return [
            CatalogueError(
                name,
                1,
                1,
                "",
                f"the file holds {kind}, not a mapping of fields",
                "an asset file is a set of 'field: value' lines, starting with 'name:'",
            )
        ]
    if "id" not in data:
        if not _SLUG.match(stem):
            return [
                CatalogueError(
                    name,
                    1,
                    1,
                    "id",
                    f"the file name '{stem}' cannot be used as an id",
                    f"rename the file to '{_slugify(stem)}.yaml', or add 'id: {_slugify(stem)}'",
                )
            ]
        data = {"id": stem, **data}
    try:
        return Asset.model_validate(data)
    except ValidationError as exc:
        return [translate_error(doc, err, Asset) for err in exc.errors()]


def validate_asset(data: Mapping[str, Any], *, source: str = "asset") -> Asset:
    """Validate asset data built in Python, with the same plain-English errors as files.

    Raises:
        CatalogueErrors: every problem, each naming its field (line and column are 1).
    """
    try:
        return Asset.model_validate(data)
    except ValidationError as exc:
        doc = YamlDocument(path=source, data=dict(data))
        raise CatalogueErrors([translate_error(doc, e, Asset) for e in exc.errors()]) from None


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "asset"


MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline_for(file: str | Path) -> str:
    """The editor modeline for an asset file: a relative path to the repository's
    ``schema/asset.schema.json`` when there is one above the file, else the path every
    catalogue file uses (``assets/<place>/file.yaml`` → ``../../schema/…``), which
    works once the file is put in its place in the catalogue.
    """
    folder = Path(file).resolve().parent
    for parent in (folder, *folder.parents):
        schema = parent / "schema" / "asset.schema.json"
        if schema.is_file():
            rel = os.path.relpath(schema, folder).replace(os.sep, "/")
            return f"{MODELINE_PREFIX}{rel}"
    return f"{MODELINE_PREFIX}../../schema/asset.schema.json"


def asset_yaml(asset: Asset, file: str | Path, *, comment: str = "") -> str:
    """The text of an asset file: modeline, optional comment lines, then the fields.

    The id is left out when it equals the file name (the file name is the default).
    """
    data = asset.to_data()
    if data.get("id") == Path(file).stem:
        del data["id"]
    notes = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comment.splitlines())
    return dump_yaml(data, header=f"{modeline_for(file)}\n{notes}")


def write_asset(asset: Asset, file: str | Path, *, comment: str = "") -> None:
    """Write an asset file atomically (see :func:`asset_yaml`)."""
    atomic_write_text(file, asset_yaml(asset, file, comment=comment))


# ------------------------------------------------------------------ people


def profile_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The person fields of a profile: an ``id`` (the caller's own reference, as in a
    people CSV's ``id`` column) is allowed and set aside; matching never needs it."""
    ref = data.get("id")
    if isinstance(ref, (str, int)) and not isinstance(ref, bool):
        return {k: v for k, v in data.items() if k != "id"}
    return data


def person_from_data(data: Any, *, source: str = "person") -> Person:
    """Validate person data (a mapping from YAML, JSON or keyword arguments).

    Raises:
        PersonError: naming each field that is wrong, with a hint.
    """
    if not isinstance(data, dict):
        raise PersonError(
            f"{source}: a person profile is a mapping of fields, e.g. 'postcode: FY8 2NP'"
        )
    try:
        return Person.model_validate(profile_fields(data))
    except ValidationError as exc:
        doc = YamlDocument(path=source, data=data)
        problems = [translate_error(doc, err, Person, private=True) for err in exc.errors()]
        raise PersonError("\n".join(str(p) for p in problems)) from None


def load_person(path: str | Path) -> Person:
    """Read a person profile from a YAML or JSON file (JSON is valid YAML 1.2).

    The profile stays in memory; nothing about the person is logged or written.

    Raises:
        PersonError: the file is unreadable or a field is wrong (with line and column).
    """
    try:
        doc = read_yaml(path)
    except CatalogueError as exc:
        raise PersonError(_for_a_person(exc)) from None
    except OSError as exc:
        raise PersonError(f"cannot read the person file {path}: {exc.strerror}") from None
    if not isinstance(doc.data, dict):
        raise PersonError(
            f"{path}:1:1: a person profile is a mapping of fields, e.g. 'postcode: FY8 2NP'"
        )
    try:
        return Person.model_validate(profile_fields(doc.data))
    except ValidationError as exc:
        raise PersonError(
            "\n".join(str(translate_error(doc, e, Person, private=True)) for e in exc.errors())
        ) from None


def _for_a_person(exc: CatalogueError) -> str:
    """A reading problem of a person file, with the hints meant for assets reworded."""
    if exc.message == "the file is empty":
        exc.hint = "a person profile needs at least one field, e.g. 'postcode: FY8 2NP'"
    exc.hint = exc.hint.replace("an asset file never needs them", "a profile never needs them")
    return str(exc)


def parse_person_text(text: str, source: str = "person") -> Person:
    """Validate a person profile given as YAML or JSON text."""
    try:
        doc = parse_yaml(text, source)
    except CatalogueError as exc:
        raise PersonError(_for_a_person(exc)) from None
    return person_from_data(doc.data, source=source)


# ------------------------------------------------------------------ messages

_NEED_WORDS = {w: n.id for n in NEEDS.values() for w in (n.id, *n.synonyms)}
_QUOTED = re.compile(r"'([^']*)'")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,39}")
"""What a field name looks like (a word, as YAML keys of socialrx files are)."""


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names (aliases) of the sub-model found by following ``loc`` from ``model``."""
    return list(_model_at(model, loc))


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``list[X] | None`` and similar, if any."""
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        origin = typing.get_origin(item)
        if origin is not None or isinstance(item, UnionType):
            stack.extend(typing.get_args(item))
    return annotation


class _Problem(NamedTuple):
    """One pydantic error, with what is needed to explain it."""

    kind: str
    loc: tuple[str | int, ...]
    value: Any
    ctx: Mapping[str, Any]
    model: type[BaseModel]


class _Hidden:
    """Stands in for a person's value in a message: it is never repeated."""

    def __str__(self) -> str:
        return "the value"

    __repr__ = __str__


_HIDDEN = _Hidden()
# Words a person's message may quote because they are socialrx's own, not the person's.
_OWN_WORDS = frozenset(
    {
        *NEEDS,
        *FEATURES,
        *CIRCUMSTANCES,
        *DAYS,
        *DELIVERY,
        *DIGITAL_LEVELS,
        *PERSON_GENDERS,
        "en",
        "pl",
        "bsl",
    }
)


def _without_values(text: str) -> str:
    """``text`` with every quoted word that is not socialrx's own replaced."""
    return _QUOTED.sub(lambda m: m.group(0) if m.group(1) in _OWN_WORDS else "the value", text)


def translate_error(
    doc: YamlDocument, err: ErrorDetails, model: type[BaseModel], *, private: bool = False
) -> CatalogueError:
    """Turn one pydantic error into a plain-English CatalogueError with a hint.

    With ``private`` (a person's data), the message never repeats the value: it
    names the field and what is wrong.
    """
    loc = tuple(err["loc"])
    kind = err["type"]
    field = ".".join(str(p) for p in loc)
    explain = _EXPLAIN.get(kind)
    value = _HIDDEN if private else err.get("input")
    if explain is None:  # our own validators' messages: "what is wrong — how to fix it"
        message, _, hint = err["msg"].removeprefix("Value error, ").partition(" — ")
    else:
        message, hint = explain(_Problem(kind, loc, value, err.get("ctx", {}), model))
    if private and kind == "extra_forbidden":
        field, message, hint = _private_unknown_field(_Problem(kind, loc, value, {}, model))
    elif private:
        message, hint = _without_values(message), _without_values(hint)
    if kind == "extra_forbidden":
        line, col = doc.key_position(loc)
    elif kind == "missing":
        line, col = doc.position(loc[:-1])
    else:
        line, col = doc.position(loc)
    return CatalogueError(doc.path, line, col, field, message, hint)


def _unknown_field(p: _Problem) -> tuple[str, str]:
    name = str(p.loc[-1])
    suggestion = closest(name, _fields_at(p.model, p.loc[:-1]))
    if " " in name.strip():  # "{note: in May, June and July}" splits at the comma
        hint = "inside { } a comma ends a value: put text that has commas in quotes"
    elif suggestion:
        hint = f"did you mean '{suggestion}'?"
    else:
        hint = "remove it, or check the spelling"
    return f"unknown field '{name}'", hint


def _private_unknown_field(p: _Problem) -> tuple[str, str, str]:
    """A person file's unknown field as (field, message, hint), repeating its name only
    when it is a slip for one of the fields there ("postcod"): any other name may be the
    person's own words ("diabetes: yes"), which an error never repeats.

    Example:
        >>> from socialrx.model import Person
        >>> _private_unknown_field(_Problem("extra_forbidden", ("postcod",), None, {}, Person))
        ('postcod', "unknown field 'postcod'", "did you mean 'postcode'?")
        >>> _private_unknown_field(_Problem("extra_forbidden", ("diabetes",), None, {}, Person))[1]
        'a field socialrx does not know here (its name is not repeated: it may be personal)'
    """
    name = str(p.loc[-1])
    fields = _fields_at(p.model, p.loc[:-1])
    suggestion = closest(name, fields)
    if suggestion and _FIELD_NAME.fullmatch(name):
        return (
            ".".join(str(x) for x in p.loc),
            f"unknown field '{name}'",
            (f"did you mean '{suggestion}'?"),
        )
    parent = ".".join(str(x) for x in p.loc[:-1])
    message = "a field socialrx does not know here (its name is not repeated: it may be personal)"
    shown = ", ".join(fields[:8]) + (", …" if len(fields) > 8 else "")
    return parent, message, f"the fields here are {shown}"


def _missing(p: _Problem) -> tuple[str, str]:
    about = _describe(p.model, p.loc)
    hint = f"add a line '{p.loc[-1]}: …'" + (f"; {about}" if about else "")
    return f"the field '{p.loc[-1]}' is missing", hint


def _not_a_choice(p: _Problem) -> tuple[str, str]:
    expected = str(p.ctx.get("expected", ""))
    options = _QUOTED.findall(expected) or [expected]
    message = f"'{p.value}' is not a known {_KINDS.get(_last_name(p.loc), 'value')}"
    if p.value is _HIDDEN:
        return message, "choose one of: " + ", ".join(options)
    return message, _suggest(p.value, options, p.loc)


def _not_bool(p: _Problem) -> tuple[str, str]:
    return (
        f"expected true or false, got '{p.value}'",
        "write true or false; yes, no, on and off are read as text",
    )


def _not_date(p: _Problem) -> tuple[str, str]:
    return f"'{p.value}' is not a date", "write the date as YYYY-MM-DD, e.g. 2020-08-14"


def _pattern(p: _Problem) -> tuple[str, str]:
    if p.loc and p.loc[-1] == "id":
        return (
            f"'{p.value}' is not a valid id",
            f"use lower-case words joined by hyphens, e.g. '{_slugify(str(p.value))}'",
        )
    return (
        f"'{p.value}' is not a language code",
        "use two-letter ISO 639-1 codes such as 'en' or 'pl', or 'bsl'",
    )


def _too_many(p: _Problem) -> tuple[str, str]:
    limit = p.ctx.get("max_length")
    return f"there are more than {limit} of them", "keep the ones that matter most"


def _too_long(p: _Problem) -> tuple[str, str]:
    limit = p.ctx.get("max_length")
    if p.value is _HIDDEN:
        return f"the text is longer than {limit} characters", "say it in fewer words"
    hint = (
        "use a shorter id: it names the asset's files and web pages"
        if _last_name(p.loc) == "id"
        else "shorten it; put the rest in description"
    )
    return f"the text is {len(str(p.value))} characters long; the limit is {limit}", hint


def _empty(p: _Problem) -> tuple[str, str]:
    return "this cannot be empty", _describe(p.model, p.loc)


def _not_list(p: _Problem) -> tuple[str, str]:
    hint = f"write a list, e.g. [{p.value}]" if isinstance(p.value, str) else "write [a, b]"
    return f"expected a list, got '{p.value}'", hint


def _not_mapping(p: _Problem) -> tuple[str, str]:
    return f"expected a set of fields, got '{p.value}'", _describe(p.model, p.loc)


def _not_text(p: _Problem) -> tuple[str, str]:
    if p.value is None:  # `name:` with nothing after the colon
        return "this is empty", "write the value after the colon, or remove the line"
    shown = str(p.value).lower() if isinstance(p.value, bool) else repr(p.value)
    return f"expected text, got {shown}", "put the value in quotes"


def _not_a_field_name(p: _Problem) -> tuple[str, str]:
    return "a field name must be text", "write 'name: value' lines; field names are words"


def _not_number(p: _Problem) -> tuple[str, str]:
    return f"expected a number, got '{p.value}'", "write a plain number without quotes"


_BOUNDS = {
    "greater_than_equal": ("is below the lowest allowed value, {limit}", "use {limit} or more"),
    "greater_than": ("is not above {limit}", "use a number above {limit}"),
    "less_than_equal": ("is above the highest allowed value, {limit}", "use {limit} or less"),
    "less_than": ("is not below {limit}", "use a number below {limit}"),
}
_KINDS = {
    "needs": "need",
    "delivery": "delivery mode",
    "access": "access route",
    "status": "status",
    "accessibility": "accessibility feature",
    "days": "day",
    "frequency": "frequency",
    "per": "cost period",
    "kind": "group kind",
    "gender": "gender",
    "digital": "digital level",
    "format": "format version",
}


def _out_of_bounds(p: _Problem) -> tuple[str, str]:
    limit = next(iter(p.ctx.values()), "")
    said, fix = _BOUNDS[p.kind]
    big = isinstance(p.value, int) and not -(10**12) < p.value < 10**12
    shown = "the number" if big else p.value  # never a 5,000-digit echo
    return f"{shown} {said.format(limit=limit)}", fix.format(limit=limit)


def _not_finite(p: _Problem) -> tuple[str, str]:
    return "expected a finite number, not infinity or NaN", "write a plain number such as 2.5"


_EXPLAIN: dict[str, Callable[[_Problem], tuple[str, str]]] = {
    "extra_forbidden": _unknown_field,
    "missing": _missing,
    "literal_error": _not_a_choice,
    "enum": _not_a_choice,
    "bool_type": _not_bool,
    "bool_parsing": _not_bool,
    "date_parsing": _not_date,
    "date_from_datetime_parsing": _not_date,
    "date_from_datetime_inexact": _not_date,
    "invalid_key": _not_a_field_name,
    "date_type": _not_date,
    "string_pattern_mismatch": _pattern,
    "string_too_long": _too_long,
    "too_long": _too_many,
    "string_too_short": _empty,
    "too_short": _empty,
    "list_type": _not_list,
    "tuple_type": _not_list,
    "model_type": _not_mapping,
    "dict_type": _not_mapping,
    "model_attributes_type": _not_mapping,
    "string_type": _not_text,
    **dict.fromkeys(_BOUNDS, _out_of_bounds),
    "int_type": _not_number,
    "int_parsing": _not_number,
    "float_type": _not_number,
    "float_parsing": _not_number,
    "finite_number": _not_finite,
}
"""How each kind of pydantic error is said in plain English: (message, hint)."""


def _last_name(loc: Sequence[str | int]) -> str:
    return next((p for p in reversed(loc) if isinstance(p, str)), "")


def _suggest(value: Any, options: list[str], loc: Sequence[str | int]) -> str:
    text = str(value)
    if "needs" in loc:
        meant = resolve_need(text)
        if meant:
            return f"'{text}' is a word for the need '{meant}'; write '{meant}'"
        word = closest(text, list(_NEED_WORDS))
        if word:
            need = _NEED_WORDS[word]
            return (
                f"did you mean '{need}'?"
                if word == need
                else (f"did you mean '{need}' ('{word}')?")
            )
        suggestion = None
    elif "accessibility" in loc:
        meant = resolve_feature(text)
        if meant:
            return f"write '{meant}'"
        suggestion = closest(text, options)
    else:
        # "monday" for "mon": a full word for an abbreviated choice
        suggestion = next((o for o in options if o and text.lower().startswith(o)), None)
        suggestion = suggestion or closest(text, options)
    if suggestion:
        return f"did you mean '{suggestion}'?"
    return "choose one of: " + ", ".join(options)


def _describe(model: type[BaseModel], loc: Sequence[str | int]) -> str:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return ""
    parent_fields = _model_at(model, loc[:-1])
    info = parent_fields.get(names[-1]) if parent_fields else None
    text = (info.description or "").rstrip(".") if info else ""
    return text[:1].lower() + text[1:]


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> dict[str, Any]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return {}
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return {}
        current = _unwrap(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {f.alias or n: f for n, f in current.model_fields.items()}
    return {}
