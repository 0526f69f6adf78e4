"""A catalogue prepared for matching: the columns every constraint and factor share.

:class:`PreparedCatalogue` turns the catalogue's assets into numpy columns aligned with
``catalogue.ids`` (bit masks for delivery modes, needs and accessibility features; age
and cost limits; every location in radians), so the hard constraints are a few array
operations over the whole catalogue. Anything only one factor needs is built by that
factor's own :meth:`~socialrx.matching.factors.Factor.prepare` hook, on first use, and
kept here (:meth:`PreparedCatalogue.columns`).

Example:
    >>> mode_names(MODE_BITS["phone"] | MODE_BITS["outdoor"])
    ['outdoor', 'phone']
"""

from __future__ import annotations

import functools
import hashlib
import math
import pickle
import sys
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt

from socialrx import cache, geo
from socialrx.__about__ import __version__
from socialrx.catalogue import Catalogue, release_memory
from socialrx.errors import SocialRxError
from socialrx.model import ACCESS, DELIVERY, Asset
from socialrx.vocabulary import FEATURES, NEEDS

__all__ = [
    "ACCESS_BITS",
    "FEATURE_BITS",
    "MODE_BITS",
    "NEED_BITS",
    "PLACE_BITS",
    "REMOTE_BITS",
    "BoolArray",
    "ExportedCatalogue",
    "FloatArray",
    "ForeignExportError",
    "IntArray",
    "PreparedCatalogue",
    "adopt",
    "best_first",
    "code_fingerprint",
    "export",
    "keep_prepared",
    "mode_names",
    "per_text",
    "postings",
    "prepare",
    "set_postings",
    "spread",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
T = TypeVar("T")

# Delivery modes as bits, so "which ways in are still open" is one integer per asset.
MODE_BITS: dict[str, int] = {mode: 1 << k for k, mode in enumerate(DELIVERY)}
PLACE_BITS = MODE_BITS["in-person"] | MODE_BITS["outdoor"]
REMOTE_BITS = MODE_BITS["online"] | MODE_BITS["phone"] | MODE_BITS["home-visit"]
NEED_BITS = {need: 1 << i for i, need in enumerate(NEEDS)}
FEATURE_BITS = {feature: 1 << i for i, feature in enumerate(FEATURES)}
ACCESS_BITS: dict[str, int] = {route: 1 << k for k, route in enumerate(ACCESS)}
_GENDER = {"women": 1, "men": 2}


def mode_names(bits: int) -> list[str]:
    """Delivery mode names for a bit mask, in the order of ``MODE_BITS``."""
    return [name for name, bit in MODE_BITS.items() if bits & bit]


def satisfier_bits(feature: str) -> int:
    """The feature bits any of which meets a person's need for ``feature``."""
    return sum(
        bit for f, bit in FEATURE_BITS.items() if f == feature or feature in FEATURES[f].satisfies
    )


def postings(pairs: Iterable[tuple[int, Any]]) -> dict[Any, IntArray]:
    """An inverted index: key → the sorted, distinct rows it occurs in.

    ``pairs`` come in row order; keys keep the order they are first seen in.
    """
    table: dict[Any, int] = {}
    rows: list[int] = []
    ids: list[int] = []
    for i, key in pairs:
        rows.append(i)
        ids.append(table.setdefault(key, len(table)))
    if not rows:
        return {}
    return _grouped(np.array(ids, dtype=np.int64), np.array(rows, dtype=np.int64), table)


def set_postings(groups: Sequence[Collection[Any]]) -> dict[Any, IntArray]:
    """``postings`` of each row's collection of keys (hashable: a frozenset, a tuple).

    Catalogues repeat such collections (the same activities, needs, languages), so each
    distinct one is read once in Python and the rows are laid out with numpy.
    """
    kinds, kind_of = distinct(groups)
    table: dict[Any, int] = {}
    keys = [table.setdefault(key, len(table)) for kind in kinds for key in kind]
    if not keys:
        return {}
    counts = np.array([len(kind) for kind in kinds], dtype=np.int64)
    at = spread(counts, kind_of)
    rows = np.repeat(np.arange(len(kind_of), dtype=np.int64), counts[kind_of])
    return _grouped(np.array(keys, dtype=np.int64)[at], rows, table)


def spread(counts: IntArray, kind_of: IntArray) -> IntArray:
    """Where each row's items sit in a flat list of the distinct kinds' items.

    Kind ``k`` has ``counts[k]`` items, laid out one kind after another; row ``i`` is
    of kind ``kind_of[i]``. The result lists, row after row, the positions of each
    row's items, so indexing the flat list with it gives every row's items in order.

    Example:
        >>> spread(np.array([2, 1]), np.array([1, 0, 1])).tolist()
        [2, 0, 1, 2]
    """
    starts = np.cumsum(counts) - counts
    per_row = counts[kind_of]
    first = np.cumsum(per_row) - per_row
    at: IntArray = np.arange(int(per_row.sum()), dtype=np.int64)
    at += np.repeat(starts[kind_of] - first, per_row)
    return at


def _grouped(key_of: IntArray, rows: IntArray, table: dict[Any, int]) -> dict[Any, IntArray]:
    """Rows (in row order) split by key id: each key's sorted, distinct rows."""
    # One stable sort by key keeps each key's rows in order; repeats sit side by side.
    order = np.argsort(key_of, kind="stable")
    key_of, at = key_of[order], rows[order]
    new = np.ones(len(at), dtype=bool)
    new[1:] = (key_of[1:] != key_of[:-1]) | (at[1:] != at[:-1])
    key_of, at = key_of[new], at[new]
    return dict(zip(table, np.split(at, np.flatnonzero(np.diff(key_of)) + 1), strict=True))


def per_text(fn: Callable[[str], T]) -> Callable[[str], T]:
    """``fn``, worked out once per distinct text (catalogues repeat their texts)."""
    seen: dict[str, T] = {}

    def once(text: str) -> T:
        found = seen.get(text)
        if found is None:
            found = seen[text] = fn(text)
        return found

    return once


def best_first(rows: IntArray, score: FloatArray, k: int) -> IntArray:
    """Positions of the ``k`` best scores, best first, ties by row.

    Exactly ``np.lexsort((rows, -score))[:k]``, without sorting everything: a partial
    sort finds the ``k``-th best score, and only the positions scoring at least that
    (ties included) are sorted.

    Example:
        >>> best_first(np.array([5, 3, 9, 1]), np.array([0.2, 0.9, 0.2, 0.5]), 3).tolist()
        [1, 3, 0]
    """
    m = len(score)
    if k >= m or k <= 0:
        return np.lexsort((rows, -score))[: max(k, 0)]
    kth = float(np.partition(-score, k - 1)[k - 1])
    if math.isnan(kth):  # fewer than k numbers: the plain sort places the NaNs
        return np.lexsort((rows, -score))[:k]
    cand = np.flatnonzero(score >= -kth)
    return cand[np.lexsort((rows[cand], -score[cand]))][:k]


def distinct(values: Iterable[Any]) -> tuple[list[Any], IntArray]:
    """Distinct values in first-seen order, and each row's position in that list."""
    table: dict[Any, int] = {}
    rows = [table.setdefault(v, len(table)) for v in values]
    return list(table), np.array(rows, dtype=np.int64)


def _bits(items: Iterable[Iterable[str]], table: dict[str, int]) -> IntArray:
    # Each distinct list is summed once: catalogues repeat them.
    kinds, kind_of = distinct(tuple(group) for group in items)
    bits = np.array([sum(table[x] for x in kind) for kind in kinds], dtype=np.int64)
    return bits[kind_of]


def _ints(values: Iterable[int]) -> IntArray:
    return np.array(list(values), dtype=np.int64)


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _flags(values: Iterable[bool]) -> BoolArray:
    return np.array(list(values), dtype=bool)


class PreparedCatalogue:
    """Per-asset columns for fast matching, computed once per catalogue.

    Attributes:
        assets, places, ids: the catalogue's assets, their resolved places and keys.
        n: the number of assets; ``row`` maps an id to its row.
        active, modes, features, needs, access: status and bit masks per row.
        min_age, max_age, gender, residents_only, cost: eligibility columns (cost is
            per session, NaN when not given).
        needs_internet, needs_device, has_locations: booleans per row.
        areas, area_of: the distinct service areas and each row's index into them.
        languages: language code → rows run in it.
        loc_rows, loc_lat, loc_lon, loc_cos: every location (radians) with its row.
    """

    def __init__(
        self, assets: Iterable[Asset], places: Iterable[tuple[geo.Place, ...]] | None = None
    ) -> None:
        # A catalogue's own sequence builds each asset when looked at (socialrx.catalogue):
        # it is kept as it is, and each asset built once, for the columns only.
        self.assets: Sequence[Asset] = assets if isinstance(assets, Sequence) else tuple(assets)
        every = tuple(self.assets)
        self.places: Sequence[tuple[geo.Place, ...]] = (
            places if isinstance(places, Sequence) else tuple(places or (() for _ in every))
        )
        self.ids: tuple[str, ...] = tuple(a.key for a in every)
        self.n = len(every)
        self.row: dict[str, int] = {key: i for i, key in enumerate(self.ids)}
        self._columns: dict[str, Any] = {}
        self._ways(every)
        self._eligibility(every)
        self._locations()
        del every
        release_memory()

    def _ways(self, assets: tuple[Asset, ...]) -> None:
        self.active: BoolArray = _flags(a.status == "active" for a in assets)
        self.modes: IntArray = _bits((a.delivery for a in assets), MODE_BITS)
        self.features: IntArray = _bits((a.accessibility for a in assets), FEATURE_BITS)
        self.needs: IntArray = _bits((a.needs for a in assets), NEED_BITS)
        self.access: IntArray = _bits((a.access for a in assets), ACCESS_BITS)
        self.needs_internet: BoolArray = _flags(
            bool(a.digital and a.digital.needs_internet) for a in assets
        )
        self.needs_device: BoolArray = _flags(
            bool(a.digital and a.digital.device_needed) for a in assets
        )
        self.has_locations: BoolArray = _flags(bool(a.locations) for a in assets)
        self.languages: dict[str, IntArray] = set_postings([tuple(a.languages) for a in assets])

    def _eligibility(self, assets: tuple[Asset, ...]) -> None:
        el = [a.eligibility for a in assets]
        self.min_age: IntArray = _ints(_or(e.min_age if e else None, -1) for e in el)
        self.max_age: IntArray = _ints(_or(e.max_age if e else None, 999) for e in el)
        self.gender: IntArray = _ints(_GENDER.get((e.gender if e else None) or "", 0) for e in el)
        self.residents_only: BoolArray = _flags(bool(e and e.residents_only) for e in el)
        self.cost: FloatArray = np.array(
            [math.nan if (c := a.price_per_session()) is None else c for a in assets],
            dtype=np.float64,
        )
        # Distinct service areas, so each is checked once per person.
        self.areas, self.area_of = distinct(tuple(a.service_area) or None for a in assets)

    def _locations(self) -> None:
        pairs = [(i, pl) for i, pls in enumerate(self.places) for pl in pls]
        self.loc_rows: IntArray = _ints(i for i, _ in pairs)
        self.loc_lat: FloatArray = np.radians(
            np.array([pl.latitude for _, pl in pairs], dtype=np.float64)
        )
        self.loc_lon: FloatArray = np.radians(
            np.array([pl.longitude for _, pl in pairs], dtype=np.float64)
        )
        self.loc_cos: FloatArray = np.cos(self.loc_lat)

    @contextmanager
    def assets_built_once(self) -> Iterator[None]:
        """While inside, columns built on first use share one pass over the assets.

        A large catalogue builds an asset from its record each time it is looked at
        (:mod:`socialrx.catalogue`), and each builder looks at every asset: a first match
        builds a score of columns, one builder after another. Inside this block the first
        builder that runs makes every asset once and the others reuse them; they are let
        go at the end, so a catalogue whose columns are all built never pays for it.
        """
        lazy = self.assets
        self._held_depth = getattr(self, "_held_depth", 0) + 1
        try:
            yield
        finally:
            self._held_depth -= 1
            if not self._held_depth:
                self.assets = lazy

    def columns(self, key: str, build: Callable[[PreparedCatalogue], T]) -> T:
        """Columns one factor (or step) needs, built by ``build`` on first use and kept.

        Args:
            key: a name unique to the builder (a factor's ``name``).
            build: makes the columns from this prepared catalogue.
        """
        if key in self._columns:  # None is kept too: some builders find nothing to build
            found: T = self._columns[key]
            return found
        with cache.gc_paused():
            if getattr(self, "_held_depth", 0) and not isinstance(self.assets, tuple):
                self.assets = tuple(self.assets)  # built once for this block's builders
            found = self._columns[key] = build(self)
        return found

    def distances(self, latitude: float, longitude: float) -> FloatArray:
        """Haversine km from a point to each asset's nearest location (NaN: no location).

        The same formula and earth radius as :func:`socialrx.geo.distance_km`, over all
        locations at once.
        """
        out = np.full(self.n, np.inf)
        if len(self.loc_rows):
            qp = math.radians(latitude)
            s1 = np.sin((self.loc_lat - qp) * 0.5)
            s2 = np.sin((self.loc_lon - math.radians(longitude)) * 0.5)
            a = s1 * s1 + math.cos(qp) * self.loc_cos * (s2 * s2)
            d = _TWO_R * np.arcsin(np.sqrt(np.minimum(1.0, a)))
            runs = self.columns("location-runs", _location_runs)
            if runs is None:
                np.minimum.at(out, self.loc_rows, d)
            elif len(runs[1]) == len(d):  # one location each: nothing to take the least of
                out[runs[0]] = d
            else:
                out[runs[0]] = np.minimum.reduceat(d, runs[1])
        out[~self.has_locations] = np.nan
        return out


def _location_runs(p: PreparedCatalogue) -> tuple[IntArray, IntArray] | None:
    """The rows with locations, and where each one's run of locations starts (None
    when locations are not listed row by row).

    Each row's nearest location is then one ``reduceat`` over its run
    (``np.minimum.at`` gives the same numbers, many times slower).
    """
    steps = np.diff(p.loc_rows, prepend=-1)
    if (steps < 0).any():
        return None
    first = np.flatnonzero(steps)
    return p.loc_rows[first], first


_TWO_R = 2.0 * geo.EARTH_RADIUS_KM

_PREPARED: weakref.WeakKeyDictionary[Catalogue, PreparedCatalogue] = weakref.WeakKeyDictionary()


def prepare(catalogue: Catalogue) -> PreparedCatalogue:
    """The catalogue's matching data, computed on first use and kept while it lives.

    For a catalogue loaded with ``cache=True`` the columns kept by :func:`keep_prepared`
    for the very same files are read back instead of being built.
    """
    found = _PREPARED.get(catalogue)
    if found is None:
        found = _from_cache(catalogue)
        if found is None:
            with cache.gc_paused():
                found = PreparedCatalogue(catalogue.assets, catalogue.asset_places)
        _PREPARED[catalogue] = found
    return found


# Prepared catalogues read from the cache → the names of the columns they came with.
_STORED: weakref.WeakKeyDictionary[PreparedCatalogue, frozenset[str]] = weakref.WeakKeyDictionary()


def _from_cache(catalogue: Catalogue) -> PreparedCatalogue | None:
    state = cache.read_derived(catalogue, catalogue.__getitem__)
    if not isinstance(state, dict) or state.get("ids") != catalogue.ids:
        return None
    found = _restore(catalogue, state)
    _STORED[found] = frozenset(found._columns)
    return found


def _restore(catalogue: Catalogue, state: dict[str, Any]) -> PreparedCatalogue:
    """A prepared catalogue from its kept state (the cache's, or an export's), as built;
    the assets and places are the catalogue's own (not copied)."""
    found = PreparedCatalogue.__new__(PreparedCatalogue)
    found.__dict__.update(state)
    found.assets, found.places = catalogue.assets, catalogue.asset_places
    return found


def keep_prepared(catalogue: Catalogue) -> bool:
    """Keep the catalogue's prepared columns (and every factor's) in the on-disk cache.

    Only for a catalogue loaded with ``cache=True``, and only when columns were built
    since they were last kept; the assets themselves are not copied. Returns True if
    written.
    """
    found = _PREPARED.get(catalogue)
    if found is None or _STORED.get(found) == frozenset(found._columns):
        return False
    state = {k: v for k, v in found.__dict__.items() if k not in ("assets", "places")}
    written = cache.write_derived(catalogue, state, {})
    if written:
        _STORED[found] = frozenset(found._columns)
    return written


# ------------------------------------------------------------------ export and adopt
#
# A prepared catalogue sent, ready to use, to another process (a Dask worker, a spawned
# process): the very state the on-disk cache keeps (see keep_prepared), with every
# column asked for built first, the catalogue's own parts, and a fingerprint of the
# code that built it, so a worker running other code refuses it instead of matching
# with columns it would read differently.

_PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_fingerprint() -> str:
    """``<socialrx version>+<digest>``: the version, Python's and numpy's versions and the
    contents of every file of the installed package (its code and data shape the columns).

    Contents, not dates: the same release installed on two machines agrees.
    """
    digest = hashlib.sha256(f"{sys.version_info[:2]}|{np.__version__}".encode())
    for file in sorted(_PACKAGE.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts and file.suffix != ".pyc":
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


class ForeignExportError(SocialRxError, ValueError):
    """An exported catalogue was built by different socialrx code than this process runs."""


@dataclass(frozen=True)
class ExportedCatalogue:
    """A catalogue and its prepared columns as one picklable value.

    Made by :func:`export`, turned back into a ready catalogue by :func:`adopt`. It holds
    catalogue data only (never a person).

    Attributes:
        fingerprint: :func:`code_fingerprint` of the process that exported it.
        state: the catalogue (its own compact records) and its prepared columns, shared
            and per-factor, pickled: read back with the collector paused, and only once
            the fingerprint agrees.
    """

    fingerprint: str
    state: bytes


def export(
    catalogue: Catalogue,
    builders: Iterable[tuple[str, Callable[[PreparedCatalogue], Any]]] = (),
) -> ExportedCatalogue:
    """The catalogue prepared, with the named columns built, as one picklable value.

    Args:
        catalogue: the catalogue (prepared here if it is not yet).
        builders: ``(key, build)`` of every column to build before export, as given to
            :meth:`PreparedCatalogue.columns` (a factor's ``name`` and ``prepare``);
            whatever is not built here is built where it is adopted, on first use.
    """
    prepared = prepare(catalogue)
    with prepared.assets_built_once():
        for key, build in [("location-runs", _location_runs), *builders]:
            prepared.columns(key, build)
    # What keep_prepared keeps, with the catalogue itself instead of the assets.
    state = {k: v for k, v in prepared.__dict__.items() if k not in ("assets", "places")}
    both = pickle.dumps((catalogue, state), protocol=pickle.HIGHEST_PROTOCOL)
    return ExportedCatalogue(code_fingerprint(), both)


def adopt(exported: ExportedCatalogue) -> Catalogue:
    """The catalogue of an :func:`export`, ready to match: nothing is prepared again.

    Raises:
        ForeignExportError: it was exported by other socialrx code (another version, or
            changed files); install the same socialrx on every worker.
    """
    here = code_fingerprint()
    if exported.fingerprint != here:
        raise ForeignExportError(
            f"the prepared catalogue was exported by socialrx {exported.fingerprint} but this "
            f"process runs socialrx {here}; install the same socialrx on every worker"
        )
    with cache.gc_paused():
        catalogue, state = pickle.loads(exported.state)  # made by export(), checked above
    _PREPARED[catalogue] = _restore(catalogue, state)
    return cast(Catalogue, catalogue)
