"""Matching many people in parallel: on this machine's processes, or on any executor.

:func:`~socialrx.batch.match_many` hands its work here. People go out in chunks, a few
chunks ahead, so memory stays bounded for long lists, and results come back in input
order. The catalogue is prepared here, once, with every factor's columns built, and
goes to each worker **once**, not with every chunk, ready to match: a worker adopts it
(:func:`~socialrx.matching.prepared.adopt`) instead of preparing it again, and refuses
one exported by other socialrx code. It travels by one of three strategies:

* :class:`OwnPool` — socialrx starts a :class:`~concurrent.futures.ProcessPoolExecutor`
  whose initializer receives it (forked workers inherit it already prepared);
* :class:`DaskCluster` — a Dask ``distributed`` executor (``client.get_executor()``): it
  is scattered to every worker (``broadcast=True``) and each task names it, so Dask
  also recovers when a worker dies mid-run;
* :class:`SharedFile` — any other :class:`~concurrent.futures.Executor` on this machine
  (a caller's process or thread pool, Ray's executor): it is written once to a temporary
  file (catalogue data only, never a person) that each worker process reads once and
  keeps.

A worker sends back, per person, the listed matches without their assets plus the
totals; the result is rebuilt here as an ordinary
:class:`~socialrx.matching.MatchResult` whose ``ranked`` and ``excluded`` are worked out
in this process only if asked for. A person who cannot be matched (a postcode outside
Great Britain) comes back as a :class:`MatchFailure`.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import tempfile
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property
from typing import Any, Protocol, TypeVar, cast

from socialrx.catalogue import Catalogue
from socialrx.errors import MissingDependencyError, PostcodeError
from socialrx.matching import (
    DEFAULT_FACTORS,
    Exclusion,
    Factor,
    Match,
    MatchResult,
    Reason,
    default_policy,
    match,
)
from socialrx.matching.duplicates import DuplicateColumns
from socialrx.matching.interests import InterestColumns
from socialrx.matching.prepared import (
    ExportedCatalogue,
    PreparedCatalogue,
    adopt,
    export,
    prepare,
)
from socialrx.matching.schedules import ScheduleColumns
from socialrx.matching.variety import VarietyColumns
from socialrx.model import Person

__all__ = [
    "DaskCluster",
    "MatchFailure",
    "OwnPool",
    "SharedFile",
    "dask_executor",
    "match_one",
    "match_tagged",
    "run_in_parallel",
]


@dataclass(frozen=True)
class MatchFailure:
    """A person :func:`~socialrx.batch.match_many` could not match, and why.

    Attributes:
        column: The person field at fault (``postcode``).
        message: What is wrong, e.g. "not in Great Britain (socialrx has Great Britain's
            postcodes only)"; never the person's value.
    """

    column: str
    message: str


_POSTCODE_PROBLEMS = {
    "not-covered": "not in Great Britain (socialrx has Great Britain's postcodes only)",
    "unknown": "not a known postcode area in Great Britain",
}


def match_one(
    person: Person, catalogue: Catalogue, limit: int, match_kwargs: dict[str, Any]
) -> MatchResult | MatchFailure:
    """One person's result; a postcode that cannot be placed is that person's problem."""
    try:
        return match(person, catalogue, limit=limit, **match_kwargs)
    except PostcodeError as exc:
        return MatchFailure("postcode", _POSTCODE_PROBLEMS.get(exc.reason, "not a UK postcode"))


# ------------------------------------------------------------------ what travels

# What a worker sends back for one person: the listed matches without their assets
# (the parent has them), and the totals. A MatchResult itself keeps the whole
# evaluation and the catalogue, which are large and cannot be pickled.
Shipped = tuple[tuple[tuple[Any, ...], ...], int, int, tuple[str, ...], date]
Payload = ExportedCatalogue

# Every field of a Match but its asset, in order; reasons go as plain tuples, which
# pickle several times faster than dataclass instances.
_MATCH_FIELDS = tuple(f.name for f in fields(Match) if f.name != "asset")
_REASON_AT = _MATCH_FIELDS.index("reasons")
_REASON_FIELDS = tuple(f.name for f in fields(Reason))


def _ship_match(m: Match) -> tuple[Any, ...]:
    values = [getattr(m, name) for name in _MATCH_FIELDS]
    values[_REASON_AT] = tuple(tuple(getattr(r, n) for n in _REASON_FIELDS) for r in m.reasons)
    return tuple(values)


def _unship_match(values: tuple[Any, ...], catalogue: Catalogue) -> Match:
    data = dict(zip(_MATCH_FIELDS, values, strict=True))
    data["reasons"] = tuple(Reason(*r) for r in data["reasons"])
    return Match(**data, asset=catalogue[data["id"]])


# Columns shared by several steps of matching, beside each factor's own (a worker that
# lacks one builds it on first use: slower, never different).
_SHARED_COLUMNS: tuple[tuple[str, Callable[[PreparedCatalogue], Any]], ...] = (
    ("interest", InterestColumns),
    ("schedule", ScheduleColumns),
    ("duplicates", DuplicateColumns),
    ("variety", VarietyColumns),
)


def pack(catalogue: Catalogue, factors: Iterable[Factor] | None = None) -> Payload:
    """The catalogue prepared here, once, with every factor's columns built, to send to
    workers (:func:`~socialrx.matching.prepared.export`).

    Args:
        catalogue: the catalogue.
        factors: the factors matching will use (default: the default factors).
    """
    own = [(f.name, f.prepare) for f in (DEFAULT_FACTORS if factors is None else factors)]
    return export(catalogue, [*own, *_SHARED_COLUMNS])


def unpack(payload: Payload) -> Catalogue:
    """The catalogue of :func:`pack`, ready to match without preparing it again.

    Raises:
        ForeignExportError: the worker runs other socialrx code than the sender.
    """
    return adopt(payload)


def match_chunk(
    catalogue: Catalogue, people: list[Person], limit: int, match_kwargs: dict[str, Any]
) -> list[Shipped | MatchFailure]:
    """Match a chunk of people in a worker; what goes back to the parent."""
    out: list[Shipped | MatchFailure] = []
    for person in people:
        r = match_one(person, catalogue, limit, match_kwargs)
        if isinstance(r, MatchFailure):
            out.append(r)
        else:
            matches = tuple(_ship_match(m) for m in r.matches)
            out.append((matches, r.eligible, r.catalogue_size, r.bridges, r.today))
    return out


@dataclass
class _Rematch:
    """The rest of a result computed in a worker, worked out here on demand.

    Every other eligible asset and every exclusion are worked out by matching the person
    again in this process, only if asked for — so batches stay fast and every answer is
    the same as from :func:`~socialrx.matching.match`.
    """

    person: Person
    catalogue: Catalogue
    limit: int
    match_kwargs: dict[str, Any]

    @cached_property
    def _full(self) -> MatchResult:
        return match(self.person, self.catalogue, limit=self.limit, **self.match_kwargs)

    def ranked(self, start: int) -> tuple[Match, ...]:
        return self._full.ranked[start:]

    def excluded(self) -> tuple[Exclusion, ...]:
        return self._full.excluded


def _unship(
    person: Person, catalogue: Catalogue, shipped: Shipped, limit: int, kwargs: dict[str, Any]
) -> MatchResult:
    """A worker's answer for one person as an ordinary :class:`MatchResult`."""
    matches, eligible, size, bridges, today = shipped
    return MatchResult(
        matches=tuple(_unship_match(m, catalogue) for m in matches),
        eligible=eligible,
        catalogue_size=size,
        bridges=bridges,
        policy=kwargs.get("policy") or default_policy(),
        today=today,
        limit=limit,
        catalogue_path=catalogue.path,
        details=_Rematch(person, catalogue, limit, {**kwargs, "today": today}),
    )


# ------------------------------------------------------------------ worker side

# A worker process keeps the catalogues it was sent, by token (a few at most).
_KEPT: dict[str, Catalogue] = {}
_KEEPING = threading.Lock()
_OWN: dict[str, Any] = {}


def keep(token: str, load: Callable[[], Catalogue]) -> Catalogue:
    """The catalogue this worker process was sent under ``token``, loaded on first use.

    Threads of one process share it: the first loads it while the others wait.
    """
    with _KEEPING:
        found = _KEPT.get(token)
        if found is None:
            while len(_KEPT) >= 2:
                _KEPT.pop(next(iter(_KEPT)))
            found = _KEPT[token] = load()
        return found


def _init_own(payload: Payload, limit: int, match_kwargs: dict[str, Any]) -> None:
    _OWN.update(catalogue=unpack(payload), limit=limit, kwargs=match_kwargs)


# What forked workers inherit from the process that started them, by pool.
_FORKED: dict[str, tuple[Catalogue, int, dict[str, Any]]] = {}


def _init_forked(token: str) -> None:
    catalogue, limit, match_kwargs = _FORKED[token]
    _OWN.update(catalogue=catalogue, limit=limit, kwargs=match_kwargs)


def _own_chunk(people: list[Person]) -> list[Shipped | MatchFailure]:
    return match_chunk(_OWN["catalogue"], people, _OWN["limit"], _OWN["kwargs"])


def _scattered_chunk(
    token: str, payload: Payload, people: list[Person], limit: int, kwargs: dict[str, Any]
) -> list[Shipped | MatchFailure]:
    return match_chunk(keep(token, lambda: unpack(payload)), people, limit, kwargs)


def _load_file(path: str) -> Catalogue:
    with open(path, "rb") as f:
        payload: Payload = pickle.load(f)  # our own file, written by this run
    return unpack(payload)


def _file_chunk(
    token: str, path: str, people: list[Person], limit: int, kwargs: dict[str, Any]
) -> list[Shipped | MatchFailure]:
    return match_chunk(keep(token, lambda: _load_file(path)), people, limit, kwargs)


# ------------------------------------------------------------------ strategies


class Runner(Protocol):
    """How chunks of people reach workers that already hold the catalogue."""

    def submit(self, people: list[Person]) -> Future[list[Shipped | MatchFailure]]:
        """Start matching one chunk."""

    def close(self) -> None:
        """Release what the runner holds (processes, files)."""


class OwnPool:
    """Processes socialrx starts; the initializer hands each the catalogue once.

    Where processes are forked (Linux's default), the catalogue is prepared here, once,
    and each worker inherits it as it is, prepared columns and all; elsewhere (spawned
    processes: Windows, macOS) each worker receives it packed and prepares it again.
    """

    def __init__(
        self, catalogue: Catalogue, workers: int, limit: int, kwargs: dict[str, Any]
    ) -> None:
        context = multiprocessing.get_context()
        self.token = ""
        if context.get_start_method() == "fork":
            prepare(catalogue)  # once here, instead of once in every worker
            self.token = uuid.uuid4().hex
            _FORKED[self.token] = (catalogue, limit, kwargs)
            init: tuple[Callable[..., None], tuple[Any, ...]] = (_init_forked, (self.token,))
        else:
            init = (_init_own, (pack(catalogue, kwargs.get("factors")), limit, kwargs))
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=init[0], initargs=init[1]
        )

    def submit(self, people: list[Person]) -> Future[list[Shipped | MatchFailure]]:
        return self.pool.submit(_own_chunk, people)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        _FORKED.pop(self.token, None)


class DaskCluster:
    """A Dask ``distributed`` executor: the catalogue is scattered to every worker once."""

    def __init__(
        self, executor: Any, catalogue: Catalogue, limit: int, kwargs: dict[str, Any]
    ) -> None:
        self.executor = executor
        self.token = uuid.uuid4().hex
        # broadcast: every worker holds a copy, so a lost worker loses no data.
        # (a list of one: scatter would spread a bare tuple's items as separate data)
        (self.payload,) = executor._client.scatter(
            [pack(catalogue, kwargs.get("factors"))], broadcast=True, hash=False
        )
        self.limit, self.kwargs = limit, kwargs

    @staticmethod
    def fits(executor: Executor) -> bool:
        """True for a ``distributed`` client's executor."""
        return hasattr(getattr(executor, "_client", None), "scatter")

    def submit(self, people: list[Person]) -> Future[list[Shipped | MatchFailure]]:
        future: Future[list[Shipped | MatchFailure]] = self.executor.submit(
            _scattered_chunk, self.token, self.payload, people, self.limit, self.kwargs
        )
        return future

    def close(self) -> None:
        self.payload.release()


class SharedFile:
    """Any executor on this machine: the catalogue is written once to a temporary file."""

    def __init__(
        self, executor: Executor, catalogue: Catalogue, limit: int, kwargs: dict[str, Any]
    ) -> None:
        self.executor = executor
        self.token = uuid.uuid4().hex
        handle, self.path = tempfile.mkstemp(prefix="socialrx-catalogue-", suffix=".pickle")
        with os.fdopen(handle, "wb") as f:
            pickle.dump(pack(catalogue, kwargs.get("factors")), f, protocol=pickle.HIGHEST_PROTOCOL)
        self.limit, self.kwargs = limit, kwargs

    def submit(self, people: list[Person]) -> Future[list[Shipped | MatchFailure]]:
        return self.executor.submit(
            _file_chunk, self.token, self.path, people, self.limit, self.kwargs
        )

    def close(self) -> None:
        _KEPT.pop(self.token, None)  # a thread pool kept it in this process
        os.unlink(self.path)


def _runner(
    catalogue: Catalogue,
    limit: int,
    kwargs: dict[str, Any],
    workers: int,
    executor: Executor | None,
) -> Runner:
    if executor is None:
        return OwnPool(catalogue, workers, limit, kwargs)
    if DaskCluster.fits(executor):
        return DaskCluster(executor, catalogue, limit, kwargs)
    return SharedFile(executor, catalogue, limit, kwargs)


Result = MatchResult | MatchFailure
T = TypeVar("T")


def _done(value: list[Shipped | MatchFailure]) -> Future[list[Shipped | MatchFailure]]:
    future: Future[list[Shipped | MatchFailure]] = Future()
    future.set_result(value)
    return future


def match_tagged(
    items: Iterable[tuple[T, Person | None]],
    catalogue: Catalogue,
    limit: int,
    match_kwargs: dict[str, Any],
    *,
    workers: int = 1,
    chunksize: int | None = None,
    executor: Executor | None = None,
    ahead: int | None = None,
) -> Iterator[tuple[T, Result | None]]:
    """Match ``(tag, person)`` pairs, yielding ``(tag, result)`` in input order.

    The tag stays in this process (a row number, a bad row's problems); a pair whose
    person is None passes through with the result None, in its place. Items are read
    lazily: at most ``ahead`` chunks of ``chunksize`` items are in flight at once, so
    memory does not grow with the number of people.

    Args:
        items: the pairs (any iterable).
        catalogue, limit, match_kwargs: as for :func:`~socialrx.matching.match`.
        workers: processes to start when no ``executor`` is given (1: match here).
        chunksize: items per task (default 128).
        executor: a caller's executor (Dask, a process or thread pool, …).
        ahead: chunks in flight at once (default three per worker).
    """
    if workers == 1 and executor is None:
        for tag, person in items:
            yield tag, None if person is None else match_one(person, catalogue, limit, match_kwargs)
        return
    runner = _runner(catalogue, limit, match_kwargs, workers, executor)
    try:
        yield from _ordered(
            runner, iter(items), catalogue, limit, match_kwargs, chunksize, ahead or workers * 3
        )
    finally:
        runner.close()


def _ordered(
    runner: Runner,
    items: Iterator[tuple[T, Person | None]],
    catalogue: Catalogue,
    limit: int,
    match_kwargs: dict[str, Any],
    chunksize: int | None,
    ahead: int,
) -> Iterator[tuple[T, Result | None]]:
    """Chunks submitted a bounded number ahead; answers put back in input order."""
    pending: deque[tuple[list[tuple[T, Person | None]], Future[list[Shipped | MatchFailure]]]]
    pending = deque()

    def submit_next() -> None:
        chunk = list(itertools.islice(items, chunksize or 128))
        if chunk:
            people = [p for _, p in chunk if p is not None]
            pending.append((chunk, runner.submit(people) if people else _done([])))

    for _ in range(ahead):
        submit_next()
    while pending:
        chunk, future = pending.popleft()
        shipped = iter(future.result())
        submit_next()
        for tag, person in chunk:
            if person is None:
                yield tag, None
                continue
            ship = next(shipped)
            if isinstance(ship, MatchFailure):
                yield tag, ship
            else:
                yield tag, _unship(person, catalogue, ship, limit, match_kwargs)


def run_in_parallel(
    people: Iterable[Person],
    catalogue: Catalogue,
    limit: int,
    match_kwargs: dict[str, Any],
    *,
    workers: int = 2,
    chunksize: int | None = None,
    executor: Executor | None = None,
    ahead: int | None = None,
) -> Iterator[MatchResult | MatchFailure]:
    """Match people on workers, yielding results in input order.

    Args:
        people: the people (any iterable; read lazily).
        catalogue: the catalogue, sent to each worker once.
        limit, match_kwargs: as for :func:`~socialrx.matching.match`.
        workers: processes to start when no ``executor`` is given.
        chunksize: people per task (default 128).
        executor: a caller's executor (Dask, a process or thread pool, …).
        ahead: chunks in flight at once (default three per worker).
    """
    runner = _runner(catalogue, limit, match_kwargs, workers, executor)
    try:
        pairs = ((None, p) for p in people)
        for _, result in _ordered(
            runner, pairs, catalogue, limit, match_kwargs, chunksize, ahead or workers * 3
        ):
            yield cast(Result, result)  # every pair has a person, so a result
    finally:
        runner.close()


@contextmanager
def dask_executor(scheduler: str, workers: int = 2) -> Iterator[Executor]:
    """An executor on a Dask cluster: ``tcp://host:port`` to connect to one, or ``local``
    to start one here (``workers`` processes, on the loopback address only).

    Person data goes to the cluster's workers: use a cluster you are allowed to send it to.

    Raises:
        MissingDependencyError: ``socialrx[dask]`` is not installed.
    """
    try:
        import distributed  # deferred: dask is an optional extra (socialrx[dask])
    except ImportError:
        raise MissingDependencyError(
            "--scheduler needs Dask: pip install 'socialrx[dask]'"
        ) from None
    if scheduler == "local":
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        )
        with cluster, distributed.Client(cluster) as client:
            yield client.get_executor()
        return
    with distributed.Client(scheduler, timeout="30s") as client:
        yield client.get_executor()
