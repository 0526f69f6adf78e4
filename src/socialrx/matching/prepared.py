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
import operator
import pickle
import sys
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast, overload

import numpy as np
import numpy.typing as npt

from socialrx import cache, geo
from socialrx.__about__ import __version__
from socialrx.catalogue import Catalogue, release_memory
from socialrx.errors import SocialRxError
from socialrx.model import (
    ACCESS,
    DELIVERY,
    Asset,
    Cost,
    Digital,
    Eligibility,
    from_packed,
    packed_index,
    packed_values,
)
from socialrx.need_words import infer_needs
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
    "Fields",
    "FloatArray",
    "ForeignExportError",
    "IntArray",
    "Kinds",
    "Postings",
    "PreparedCatalogue",
    "Sets",
    "Texts",
    "Vocabulary",
    "adopt",
    "best_first",
    "code_fingerprint",
    "distinct",
    "export",
    "keep_prepared",
    "mode_names",
    "need_names",
    "per_text",
    "postings",
    "prepare",
    "prepared_once",
    "read_fields",
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


def need_names(bits: int) -> list[str]:
    """Need ids for a bit mask, in the vocabulary's order (``NEED_BITS``)."""
    return [name for name, bit in NEED_BITS.items() if bits & bit]


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


Int32Array = npt.NDArray[np.int32]


class Kinds(Generic[T]):
    """Each row's value, kept once per distinct value: ``values[of[row]]``.

    Catalogues repeat most of what columns hold (the same activities, schedules,
    audiences), so a column of them is the distinct values and one small integer per row.

    Example:
        >>> k = Kinds(["tea", "walk"], np.array([1, 0, 1]))
        >>> [k[i] for i in range(len(k))]
        ['walk', 'tea', 'walk']
    """

    __slots__ = ("of", "values")

    def __init__(self, values: Sequence[T], of: IntArray | Int32Array) -> None:
        self.values = values
        self.of: Int32Array = np.asarray(of, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.of)

    def __getitem__(self, row: int) -> T:
        return self.values[int(self.of[row])]

    def __getstate__(self) -> tuple[Sequence[T], Int32Array]:
        return self.values, self.of

    def __setstate__(self, state: tuple[Sequence[T], Int32Array]) -> None:
        self.values, self.of = state


class Vocabulary:
    """Keys (words, concepts, phrases) numbered once for a whole catalogue."""

    __slots__ = ("ids", "keys")

    def __init__(self) -> None:
        self.keys: list[Any] = []
        self.ids: dict[Any, int] = {}

    def id(self, key: Any) -> int:
        """The key's number (a new one for a key not seen before)."""
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.keys)
            self.keys.append(key)
        return found

    def __len__(self) -> int:
        return len(self.keys)

    def __getstate__(self) -> list[Any]:
        return self.keys

    def __setstate__(self, keys: list[Any]) -> None:
        self.keys = keys
        self.ids = {key: k for k, key in enumerate(keys)}


class Sets:
    """Each row's set of keys as numbers into a :class:`Vocabulary`, laid out flat
    (compressed sparse rows): row ``i`` holds ``ids[indptr[i]:indptr[i + 1]]``.

    A million rows of word sets are two arrays, not a million ``frozenset`` objects;
    ``sets[i]`` gives one row's set back, and :meth:`postings` inverts the layout.

    Example:
        >>> s = Sets.of_kinds([{"tea"}, {"walk", "tea"}], np.array([1, 0]), Vocabulary())
        >>> sorted(s[0]), sorted(s[1]), s.postings()["tea"].tolist()
        (['tea', 'walk'], ['tea'], [0, 1])
    """

    __slots__ = ("ids", "indptr", "vocabulary")

    def __init__(self, vocabulary: Vocabulary, indptr: IntArray, ids: Int32Array) -> None:
        self.vocabulary = vocabulary
        self.indptr = indptr
        self.ids = ids

    @classmethod
    def of_kinds(
        cls, kinds: Sequence[Iterable[Any]], kind_of: IntArray | Int32Array, vocabulary: Vocabulary
    ) -> Sets:
        """Row ``i`` holds the keys of ``kinds[kind_of[i]]`` (repeats within a kind are
        dropped); keys are numbered in ``vocabulary``."""
        numbered = [list(dict.fromkeys(vocabulary.id(key) for key in kind)) for kind in kinds]
        counts = np.array([len(ids) for ids in numbered], dtype=np.int64)
        flat = np.array([k for ids in numbered for k in ids], dtype=np.int32)
        kind_of = np.asarray(kind_of, dtype=np.int64)
        indptr = np.zeros(len(kind_of) + 1, dtype=np.int64)
        if len(kind_of):
            np.cumsum(counts[kind_of], out=indptr[1:])
            flat = flat[spread(counts, kind_of)] if len(flat) else flat
        return cls(vocabulary, indptr, flat)

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def __getitem__(self, row: int) -> frozenset[Any]:
        keys = self.vocabulary.keys
        return frozenset(
            keys[k] for k in self.ids[self.indptr[row] : self.indptr[row + 1]].tolist()
        )

    def __getstate__(self) -> tuple[Vocabulary, IntArray, Int32Array]:
        return self.vocabulary, self.indptr, self.ids

    def __setstate__(self, state: tuple[Vocabulary, IntArray, Int32Array]) -> None:
        self.vocabulary, self.indptr, self.ids = state

    def postings(self) -> Postings:
        """Key → the sorted rows whose set holds it (the same layout, by key)."""
        n = len(self)
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(self.indptr))
        # A stable sort by key keeps each key's rows in row order.
        order = np.argsort(self.ids, kind="stable")
        indptr = np.zeros(len(self.vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.ids, minlength=len(self.vocabulary)), out=indptr[1:])
        return Postings(self.vocabulary, indptr, rows[order].astype(np.int32))


class Postings:
    """An inverted index laid out flat: key → the sorted rows it occurs in.

    Reads like the dict :func:`postings` gives (``get``, ``[]``, ``in``); a key with no
    rows is not in it.
    """

    __slots__ = ("indptr", "rows", "vocabulary")

    def __init__(self, vocabulary: Vocabulary, indptr: IntArray, rows: Int32Array) -> None:
        self.vocabulary = vocabulary
        self.indptr = indptr
        self.rows = rows

    def get(self, key: Any) -> Int32Array | None:
        """The rows of ``key``, or None when it has none."""
        k = self.vocabulary.ids.get(key)
        if k is None or k + 1 >= len(self.indptr):
            return None
        start, end = self.indptr[k], self.indptr[k + 1]
        return self.rows[start:end] if end > start else None

    def __getitem__(self, key: Any) -> Int32Array:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __getstate__(self) -> tuple[Vocabulary, IntArray, Int32Array]:
        return self.vocabulary, self.indptr, self.rows

    def __setstate__(self, state: tuple[Vocabulary, IntArray, Int32Array]) -> None:
        self.vocabulary, self.indptr, self.rows = state


class Texts:
    """One text per row, kept as one UTF-8 blob and an array of offsets.

    Example:
        >>> t = Texts(["Tea dance", "Café"])
        >>> t[1], len(t)
        ('Café', 2)
    """

    __slots__ = ("blob", "offsets")

    def __init__(self, texts: Iterable[str]) -> None:
        encoded = [t.encode() for t in texts]
        self.blob = b"".join(encoded)
        self.offsets: IntArray = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=self.offsets[1:])

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, row: int) -> str:
        return self.blob[self.offsets[row] : self.offsets[row + 1]].decode()

    def __getstate__(self) -> tuple[bytes, IntArray]:
        return self.blob, self.offsets

    def __setstate__(self, state: tuple[bytes, IntArray]) -> None:
        self.blob, self.offsets = state


def frozen(value: Any) -> Any:
    """``value`` with every list made a tuple (so raw values can be dict keys)."""
    if value.__class__ is list or value.__class__ is tuple:
        return tuple([frozen(v) if v.__class__ in _NESTS else v for v in value])
    return value


_NESTS = (list, tuple)


_PART: dict[str, Any] = {"cost": Cost, "digital": Digital, "eligibility": Eligibility}
# The fields of an asset that columns are built from (the others — descriptions,
# contacts, sources — are read only if a builder asks for them).
_READ: tuple[int, ...] = tuple(
    packed_index(Asset, name)
    for name in Asset.model_fields
    if name
    not in {"format", "id", "description", "organisation", "contact", "status_note"}
    | {"status_since", "status_until", "funding", "tags", "source"}
)
# How the raw values of a field become dict keys (the others are keys as they are: texts,
# dates, parts made of plain values).
_KEYS: dict[str, Callable[[Any], Any]] = {
    "activities": tuple,
    "needs": tuple,
    "delivery": tuple,
    "access": tuple,
    "accessibility": tuple,
    "languages": tuple,
    "service_area": tuple,
    "schedule": frozen,
    "eligibility": frozen,
    "locations": frozen,
}


class Fields:
    """Every asset's fields, read straight from the packed records: no asset is built.

    ``fields("name")`` lists one field for every row (raw values: lists stay lists, a
    part such as ``cost`` is its packed tuple, see :func:`socialrx.model.packed_values`);
    :meth:`part` reads a field of a part, :meth:`kinds` the distinct values of a field
    and :meth:`models` each distinct part built once as a model. What is read is kept
    while the fields are (one pass over the records serves every column builder).
    """

    def __init__(self, records: Callable[[], Iterable[bytes | Asset]]) -> None:
        self._records = records
        # Each record is read, the fields columns are built from picked out, and the
        # rest (descriptions, contacts, sources) let go at once: it never piles up.
        pick = operator.itemgetter(*_READ)
        rows = [pick(packed_values(r)) for r in records()]
        self._n = len(rows)
        # One pass in C turns the picked fields into columns: field k of every row.
        columns = zip(*rows, strict=True) if rows else (() for _ in _READ)
        self._columns: dict[int, Sequence[Any]] = dict(zip(_READ, columns, strict=True))
        self._kept: dict[Any, Any] = {}

    def __len__(self) -> int:
        return self._n

    def __call__(self, name: str) -> Sequence[Any]:
        k = packed_index(Asset, name)
        found = self._columns.get(k)
        if found is None:  # a field no column of socialrx reads: read the records again
            found = self._columns[k] = [packed_values(r)[k] for r in self._records()]
        return found

    def part(self, name: str, field: str, cls: Any = None) -> list[Any]:
        """Field ``field`` of each asset's part ``name`` (None where it has none)."""
        k = packed_index(cls or _PART[name], field)
        return [None if v is None else v[k] for v in self(name)]

    def kinds(self, name: str) -> tuple[list[Any], Int32Array]:
        """The distinct values of a field (lists as tuples), and each row's."""
        found: tuple[list[Any], Int32Array] | None = self._kept.get(("kinds", name))
        if found is None:
            key = _KEYS.get(name)
            values, of = distinct(self(name) if key is None else map(key, self(name)))
            found = self._kept["kinds", name] = (values, of.astype(np.int32))
        return found

    def models(self, name: str) -> tuple[list[Any], Int32Array]:
        """Each distinct part ``name`` built once as a model (or a list of models; None
        where there is none), and each row's."""
        _, of = self.kinds(name)
        raw = self(name)
        first = np.unique(of, return_index=True)[1]  # the first row of each kind
        return [_model(raw[i]) for i in first.tolist()], of


def _model(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [from_packed(v) for v in value]
    return from_packed(value)


class PreparedCatalogue:
    """Per-asset columns for fast matching, computed once per catalogue.

    Attributes:
        assets, places, ids: the catalogue's assets, their resolved places and keys.
        n: the number of assets; ``row`` maps an id to its row.
        active, modes, features, needs, access: status and bit masks per row.
        read_needs: the needs an entry that records none suggests by its words, as
            bits (0 where needs are recorded or the words suggest none).
        min_age, max_age, gender, residents_only, cost: eligibility columns (cost is
            per session, NaN when not given).
        needs_internet, needs_device, has_locations: booleans per row.
        areas, area_of: the distinct service areas and each row's index into them.
        languages: language code → rows run in it.
        loc_rows, loc_lat, loc_lon, loc_cos: every location (radians) with its row.
    """

    def __init__(
        self,
        assets: Catalogue | Iterable[Asset],
        places: Iterable[tuple[geo.Place, ...]] | None = None,
        *,
        fields: Fields | None = None,
    ) -> None:
        """Build the shared columns.

        Args:
            assets: a catalogue (its packed records are read, no asset is built), or
                the assets themselves.
            places: each asset's places, when ``assets`` is not a catalogue.
            fields: the assets' fields if already read (:func:`read_fields`).
        """
        if isinstance(assets, Catalogue):
            # The catalogue's own sequence builds each asset when looked at; the columns
            # are read from its packed records, building none.
            self.assets: Sequence[Asset] = assets.assets
            self.places: Sequence[tuple[geo.Place, ...]] = assets.asset_places
            self.ids: tuple[str, ...] = assets.ids
            self.row: Mapping[str, int] = assets.positions
            self._records: Callable[[], Iterable[bytes]] | None = assets.records
        else:
            self.assets = assets if isinstance(assets, Sequence) else tuple(assets)
            every = tuple(self.assets)
            self.places = (
                places if isinstance(places, Sequence) else tuple(places or (() for _ in every))
            )
            self.ids = tuple(a.key for a in every)
            self.row = {key: i for i, key in enumerate(self.ids)}
            self._records = None
        self.n = len(self.ids)
        self._columns: dict[str, Any] = {}
        fields = self.fields() if fields is None else fields
        self._ways(fields)
        self._eligibility(fields)
        self._locations()
        del fields
        release_memory()

    def fields(self) -> Fields:
        """Every asset's fields, read from the packed records (no asset is built).

        Inside :meth:`assets_built_once` they are read once and shared by every builder.
        """
        held: Fields | None = self.__dict__.get("_held_fields")
        if held is not None:
            return held
        records = self.__dict__.get("_records")
        found = Fields(records or (lambda: self.assets))
        if self.__dict__.get("_held_depth"):
            self._held_fields = found
        return found

    def _ways(self, f: Fields) -> None:
        self.active: BoolArray = _flags(s == "active" for s in f("status"))
        self.modes: IntArray = _bits(f("delivery"), MODE_BITS)
        self.features: IntArray = _bits(f("accessibility"), FEATURE_BITS)
        self.needs: IntArray = _bits(f("needs"), NEED_BITS)
        self.read_needs: IntArray = _read_needs(self, f)
        self.access: IntArray = _bits(f("access"), ACCESS_BITS)
        digital, digital_of = f.models("digital")
        self.needs_internet: BoolArray = _flags(bool(d and d.needs_internet) for d in digital)[
            digital_of
        ]
        self.needs_device: BoolArray = _flags(bool(d and d.device_needed) for d in digital)[
            digital_of
        ]
        self.has_locations: BoolArray = _flags(bool(x) for x in f("locations"))
        self.languages: dict[str, IntArray] = set_postings([tuple(x) for x in f("languages")])
        # The language each entry is mainly run in: the first it lists (rule 22).
        self.main_language: dict[str, IntArray] = set_postings(
            [tuple(x[:1]) for x in f("languages")]
        )

    def _eligibility(self, f: Fields) -> None:
        el = f.part("eligibility", "min_age")
        self.min_age: IntArray = _ints(_or(v, -1) for v in el)
        self.max_age: IntArray = _ints(_or(v, 999) for v in f.part("eligibility", "max_age"))
        self.gender: IntArray = _ints(
            _GENDER.get(v or "", 0) for v in f.part("eligibility", "gender")
        )
        self.residents_only: BoolArray = _flags(
            bool(v) for v in f.part("eligibility", "residents_only")
        )
        self.cost: FloatArray = _prices(f)
        costs, cost_of = f.models("cost")
        at_once = [math.nan if c is None else c.at_once for c in costs]
        self.at_once: FloatArray = np.array(at_once, dtype=np.float64)[cost_of]
        """What each row asks to be paid at one time (:attr:`Cost.at_once`; NaN when no
        cost is given), against a person's ``max_cost``."""
        # Distinct service areas, so each is checked once per person.
        self.areas, self.area_of = distinct(tuple(a) or None for a in f("service_area"))

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
        """While inside, columns built on first use share one reading of the assets.

        Each builder reads every asset's fields (:meth:`fields`); a first match builds a
        score of columns, one builder after another. Inside this block the packed
        records are read once, by the first builder that runs, and the others reuse
        them; any asset looked at is built once. Both are let go at the end, so a
        catalogue whose columns are all built never pays for them.
        """
        lazy = self.assets
        self._held_depth = self.__dict__.get("_held_depth", 0) + 1
        if self._held_depth == 1 and not isinstance(lazy, tuple | list):
            self.assets = _BuiltOnce(lazy)
        try:
            yield
        finally:
            self._held_depth -= 1
            if not self._held_depth:
                self.assets = lazy
                if self.__dict__.pop("_held_fields", None) is not None:
                    release_memory()  # the records read are let go: hand their memory back

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


def _read_needs(p: PreparedCatalogue, f: Fields) -> IntArray:
    """Per row: the needs an entry that records none suggests by its name, summary,
    description and activities (:func:`socialrx.need_words.infer_needs`, as the
    importer reads a record), as bits; 0 for an entry that records its needs.

    Only the rows that record none are read (imported entries whose source did not
    say, FORMATS §1): a catalogue that records every entry's needs pays nothing, and
    the description, which no other column reads, is taken from those assets alone.
    """
    out = np.zeros(p.n, dtype=np.int64)
    rows = np.flatnonzero(p.needs == 0).tolist()
    if rows:
        names, summaries, activities = f("name"), f("summary"), f("activities")
        for i in rows:
            texts = [summaries[i] or "", p.assets[i].description or ""]
            found = infer_needs(names[i], texts, list(activities[i] or ()))
            out[i] = sum(NEED_BITS[n] for n in found)
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


def _prices(f: Fields) -> FloatArray:
    """Each row's price per session (:meth:`Asset.price_per_session`; NaN when no cost
    is given), worked out once per distinct cost and schedule."""
    costs, cost_of = f.models("cost")
    schedules, schedule_of = f.models("schedule")
    pairs, of = distinct(zip(cost_of.tolist(), schedule_of.tolist(), strict=True))
    prices = []
    for c, s in pairs:
        cost = costs[c]
        # The asset's own rule, read with only its schedule (all the rule looks at).
        weekly = Asset.sessions_a_week(cast(Asset, _Schedule(schedules[s] or [])))
        prices.append(math.nan if cost is None else cost.per_session(weekly))
    return np.array(prices, dtype=np.float64)[of] if len(of) else np.zeros(0)


@dataclass(frozen=True)
class _Schedule:
    schedule: list[Any]


class _BuiltOnce(Sequence[Asset]):
    """A catalogue's assets, each built at most once while a block holds them."""

    def __init__(self, lazy: Sequence[Asset]) -> None:
        self._lazy = lazy
        self._built: dict[int, Asset] = {}

    def __len__(self) -> int:
        return len(self._lazy)

    @overload
    def __getitem__(self, index: int) -> Asset: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Asset]: ...
    def __getitem__(self, index: int | slice) -> Asset | Sequence[Asset]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        found = self._built.get(index)
        if found is None:
            found = self._built[index] = self._lazy[index]
        return found


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
                found = PreparedCatalogue(catalogue)
        _PREPARED[catalogue] = found
    return found


def read_fields(catalogue: Catalogue) -> Fields:
    """Every asset's fields, read from the catalogue's packed records (none is built)."""
    with cache.gc_paused():
        return Fields(catalogue.records)


@contextmanager
def prepared_once(catalogue: Catalogue) -> Iterator[PreparedCatalogue]:
    """The catalogue prepared (:func:`prepare`), and inside the block every column built
    on first use shares one reading of its assets (:meth:`PreparedCatalogue.assets_built_once`)
    with the preparing itself: a first match reads each packed record once.
    """
    found = _PREPARED.get(catalogue) or _from_cache(catalogue)
    # The collector stays paused until the records read are let go: a collection
    # while they are alive would walk every one of their objects for nothing.
    with cache.gc_paused():
        fields = None
        if found is None:
            fields = read_fields(catalogue)
            found = PreparedCatalogue(catalogue, fields=fields)
        _PREPARED[catalogue] = found
        with found.assets_built_once():
            if fields is not None:
                found._held_fields = fields
                del fields
            yield found


# Prepared catalogues read from the cache → the names of the columns they came with.
_STORED: weakref.WeakKeyDictionary[PreparedCatalogue, frozenset[str]] = weakref.WeakKeyDictionary()


def _from_cache(catalogue: Catalogue) -> PreparedCatalogue | None:
    state = cache.read_derived(catalogue, catalogue.__getitem__)
    if not isinstance(state, dict) or state.get("ids") != _digest(catalogue.ids):
        return None
    found = _restore(catalogue, state)
    _STORED[found] = frozenset(found._columns)
    return found


def _restore(catalogue: Catalogue, state: dict[str, Any]) -> PreparedCatalogue:
    """A prepared catalogue from its kept state (the cache's, or an export's), as built;
    the assets and places are the catalogue's own (not copied)."""
    found = PreparedCatalogue.__new__(PreparedCatalogue)
    found.__dict__.update(state)
    del found.__dict__["ids"]  # a digest: the catalogue's own ids are the ones used
    found.assets, found.places = catalogue.assets, catalogue.asset_places
    found.ids, found.row = catalogue.ids, catalogue.positions
    found._records = catalogue.records
    return found


# What a prepared catalogue holds of its catalogue (or only while building): never kept,
# so reading a kept state back makes no object per asset.
_NOT_KEPT = frozenset({"assets", "places", "ids", "row", "_records", "_held_depth", "_held_fields"})


def _state(prepared: PreparedCatalogue) -> dict[str, Any]:
    """What is kept of a prepared catalogue: its columns, not the catalogue's own parts
    (the ids only as a digest, to check they are the same)."""
    state = {k: v for k, v in prepared.__dict__.items() if k not in _NOT_KEPT}
    state["ids"] = _digest(prepared.ids)
    return state


def _digest(ids: tuple[str, ...]) -> str:
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()


def keep_prepared(catalogue: Catalogue) -> bool:
    """Keep the catalogue's prepared columns (and every factor's) in the on-disk cache.

    Only for a catalogue loaded with ``cache=True``, and only when columns were built
    since they were last kept; the assets themselves are not copied. Returns True if
    written.
    """
    found = _PREPARED.get(catalogue)
    if found is None or _STORED.get(found) == frozenset(found._columns):
        return False
    state = _state(found)
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
    with prepared_once(catalogue) as prepared:
        for key, build in [("location-runs", _location_runs), *builders]:
            prepared.columns(key, build)
    # What keep_prepared keeps, with the catalogue itself instead of the assets.
    state = _state(prepared)
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
