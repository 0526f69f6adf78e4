"""match_many on other executors: results identical to one process, the catalogue sent once."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx import parallel
from socialrx.batch import MatchFailure, match_dataframe, match_many
from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.matching import MatchResult
from socialrx.matching import prepared as prepared_module
from socialrx.matching.prepared import ForeignExportError, PreparedCatalogue, adopt
from socialrx.model import Person

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)
POSTCODES = ("FY8 2NP", "FY8 1DR", "FY8 4AA", "FY8 3LP", None, "BT1 1AA")
NEEDS = (["loneliness"], ["physical-activity"], ["money"], ["creativity", "loneliness"], [])


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "assets")


def _people(n: int) -> list[Person]:
    return [
        Person(
            postcode=POSTCODES[k % len(POSTCODES)],
            needs=NEEDS[k % len(NEEDS)],
            interests=["dancing"] if k % 3 == 0 else [],
            digital="none" if k % 4 == 0 else "confident",
            max_travel_km=2 + k % 5,
        )
        for k in range(n)
    ]


def _summary(results: list[MatchResult | MatchFailure]) -> list[Any]:
    out: list[Any] = []
    for r in results:
        if isinstance(r, MatchFailure):
            out.append(r)
        else:
            out.append([(m.id, m.score, m.reasons, m.cautions) for m in r.matches])
    return out


@pytest.fixture(scope="module")
def expected(catalogue: Catalogue) -> list[Any]:
    return _summary(list(match_many(_people(60), catalogue, limit=3, today=TODAY)))


@pytest.mark.slow  # over half a second
def test_a_thread_pool_gets_the_catalogue_once_and_the_same_answers(
    catalogue: Catalogue, expected: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = []
    real = parallel._load_file
    lock = threading.Lock()

    def counting(path: str) -> Catalogue:
        with lock:
            loads.append(path)
        return real(path)

    monkeypatch.setattr(parallel, "_load_file", counting)
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(
            match_many(_people(60), catalogue, limit=3, today=TODAY, executor=pool, chunksize=7)
        )
    assert _summary(results) == expected
    assert len(loads) == 1  # 9 chunks, one read of the catalogue
    assert not Path(loads[0]).exists()  # the temporary file is gone afterwards
    assert isinstance(results[5], MatchFailure)  # BT1: that person's problem only


class _CancelsOnce(ThreadPoolExecutor):
    """A pool whose second task is cancelled, as a cluster cancels a dead worker's task."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        if self.submitted == 2:
            cancelled: Future[Any] = Future()
            cancelled.cancel()
            return cancelled
        return super().submit(fn, *args, **kwargs)


@pytest.mark.slow  # over half a second
def test_a_cancelled_chunk_is_run_again_and_nothing_is_lost(
    catalogue: Catalogue, expected: list[Any]
) -> None:
    with _CancelsOnce() as pool:
        results = list(
            match_many(_people(60), catalogue, limit=3, today=TODAY, executor=pool, chunksize=7)
        )
        assert pool.submitted > 60 // 7 + 1  # the cancelled chunk was submitted again
    assert _summary(results) == expected


@pytest.mark.slow  # over half a second
def test_a_callers_process_pool_gives_the_same_answers(
    catalogue: Catalogue, expected: list[Any]
) -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(
            match_many(_people(60), catalogue, limit=3, today=TODAY, executor=pool, chunksize=16)
        )
    assert _summary(results) == expected
    # Looking past the listed matches works out the rest here, the same as match().
    first = next(r for r in results if isinstance(r, MatchResult))
    assert [e.id for e in first.excluded] == [
        e.id for e in match_many([_people(1)[0]], catalogue, today=TODAY).__next__().excluded
    ]


def _count_preparing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every full prepare ("prepare") and every column built ("build <key>")."""
    seen: list[str] = []
    real_init, real_columns = PreparedCatalogue.__init__, PreparedCatalogue.columns

    def init(self: PreparedCatalogue, *args: Any, **kwargs: Any) -> None:
        seen.append("prepare")
        real_init(self, *args, **kwargs)

    def columns(self: PreparedCatalogue, key: str, build: Any) -> Any:
        if key not in self._columns:
            seen.append(f"build {key}")
        return real_columns(self, key, build)

    monkeypatch.setattr(PreparedCatalogue, "__init__", init)
    monkeypatch.setattr(PreparedCatalogue, "columns", columns)
    return seen


@pytest.mark.slow  # over half a second
def test_an_adopted_catalogue_matches_the_same_without_preparing_anything(
    catalogue: Catalogue, expected: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = pickle.dumps(parallel.pack(catalogue))  # what a worker receives
    seen = _count_preparing(monkeypatch)
    adopted = adopt(pickle.loads(sent))
    assert adopted.ids == catalogue.ids and adopted.path == catalogue.path
    assert adopted.file(catalogue.ids[0]) == catalogue.file(catalogue.ids[0])
    results = [parallel.match_one(p, adopted, 3, {"today": TODAY}) for p in _people(60)]
    assert _summary(results) == expected
    assert seen == []  # no prepare, and every column the matches used came with it


def test_a_catalogue_exported_by_other_code_is_refused_with_a_clear_message(
    catalogue: Catalogue,
) -> None:
    exported = dataclasses.replace(parallel.pack(catalogue), fingerprint="0.0.1+0123456789abcdef")
    with pytest.raises(ForeignExportError) as caught:
        adopt(exported)
    message = str(caught.value)
    assert "0.0.1+0123456789abcdef" in message and prepared_module.code_fingerprint() in message
    assert "install the same socialrx on every worker" in message and "\n" not in message


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_export_and_adopt_keep_every_column_of_any_catalogue(
    catalogue: Catalogue, data: st.DataObject
) -> None:
    ids = data.draw(st.lists(st.sampled_from(catalogue.ids), unique=True, max_size=12))
    part = Catalogue([catalogue[k] for k in ids], places={k: catalogue.places(k) for k in ids})
    adopted = adopt(pickle.loads(pickle.dumps(parallel.pack(part))))
    mine, theirs = prepared_module.prepare(part), prepared_module.prepare(adopted)
    assert adopted.ids == part.ids and set(theirs._columns) == set(mine._columns)
    for name in ("active", "modes", "needs", "min_age", "cost", "loc_lat", "loc_rows"):
        np.testing.assert_array_equal(getattr(theirs, name), getattr(mine, name))
    assert [adopted.places(k) for k in ids] == [part.places(k) for k in ids]


distributed = pytest.importorskip("distributed", reason="dask distributed is not installed")


@pytest.fixture(scope="module")
def cluster() -> Any:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # loopback only
            dashboard_address=":0",
            worker_dashboard_address=":0",
        ) as local,
        distributed.Client(local) as client,
    ):
        yield local, client


@pytest.mark.slow  # a local dask cluster of two processes; CI runs the slow set separately
def test_a_dask_cluster_gives_the_same_answers(
    catalogue: Catalogue, expected: list[Any], cluster: Any
) -> None:
    _, client = cluster
    results = list(
        match_many(
            _people(60),
            catalogue,
            limit=3,
            today=TODAY,
            executor=client.get_executor(),
            chunksize=10,
        )
    )
    assert _summary(results) == expected
    assert isinstance(results[5], MatchFailure)
    assert results[5].column == "postcode" and "BT1" not in results[5].message


@pytest.mark.slow
def test_dask_workers_adopt_the_prepared_catalogue_and_never_prepare_it(
    catalogue: Catalogue, expected: list[Any], cluster: Any
) -> None:
    _, client = cluster

    def install() -> None:  # runs in each worker (sent by value: a local function)
        from socialrx.matching import prepared as p  # the worker's own module

        seen: list[str] = []
        real_init, real_columns = p.PreparedCatalogue.__init__, p.PreparedCatalogue.columns

        def init(self: Any, *args: Any, **kwargs: Any) -> None:
            seen.append("prepare")
            real_init(self, *args, **kwargs)

        def columns(self: Any, key: str, build: Any) -> Any:
            seen.append(f"build {key}" if key not in self._columns else "use")
            return real_columns(self, key, build)

        p._test_seen = (seen, real_init, real_columns)  # type: ignore[attr-defined]
        p.PreparedCatalogue.__init__ = init  # type: ignore[method-assign]
        p.PreparedCatalogue.columns = columns  # type: ignore[method-assign]

    def collect() -> list[str]:
        from socialrx.matching import prepared as p

        seen, real_init, real_columns = p._test_seen  # type: ignore[attr-defined]
        p.PreparedCatalogue.__init__, p.PreparedCatalogue.columns = real_init, real_columns
        del p._test_seen  # type: ignore[attr-defined]
        return list(seen)

    client.run(install)
    try:
        results = list(
            match_many(_people(60), catalogue, limit=3, today=TODAY, executor=client.get_executor())
        )
    finally:
        seen = [event for events in client.run(collect).values() for event in events]
    assert _summary(results) == expected
    assert "use" in seen  # the counting was live where the matching ran
    assert [e for e in seen if e != "use"] == []  # nothing prepared or built on a worker


@pytest.mark.slow
def test_dask_workers_running_other_code_refuse_the_catalogue(
    catalogue: Catalogue, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = cluster
    monkeypatch.setattr(prepared_module, "code_fingerprint", lambda: "0.0.1+0123456789abcdef")
    with pytest.raises(ForeignExportError, match="install the same socialrx on every worker"):
        list(match_many(_people(4), catalogue, today=TODAY, executor=client.get_executor()))


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_recovered_by_dask(
    catalogue: Catalogue, expected: list[Any], cluster: Any
) -> None:
    _, client = cluster
    pids = client.run(os.getpid)
    results = match_many(
        _people(60),
        catalogue,
        limit=3,
        today=TODAY,
        executor=client.get_executor(),
        chunksize=5,
    )
    got = [next(results)]
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    got.extend(results)
    assert _summary(got) == expected


def _people_frame(n: int) -> Any:
    pandas = pytest.importorskip("pandas")
    rows = [
        {
            "id": f"P{k:03d}",
            "postcode": POSTCODES[k % len(POSTCODES)] or "",
            "needs": ";".join(NEEDS[k % len(NEEDS)]),
            "max_travel_km": str(2 + k % 5),
        }
        for k in range(n)
    ]
    rows[7]["needs"] = "HIVpositive"  # a bad cell: that row's problem, never echoed
    return pandas.DataFrame(rows)


def test_a_pandas_frame_of_people_becomes_a_frame_of_matches(catalogue: Catalogue) -> None:
    people = _people_frame(24)
    out = match_dataframe(people, catalogue, limit=2, today=TODAY)
    assert list(out["id"]) == list(people["id"])
    assert out.loc[7, "status"] == "error" and out.loc[5, "status"] == "error"  # BT1
    assert (out["status"] == "ok").sum() == 24 - 2 - 3  # no postcode: 3 matched phone-only
    first = match_many(_people(1), catalogue, limit=2, today=TODAY).__next__()
    assert out.loc[0, "match_1_id"] == first.matches[0].id
    assert "HIVpositive" not in out.to_csv()


@pytest.mark.slow  # a local dask cluster; CI runs the slow set separately
def test_a_dask_frame_is_matched_partition_by_partition(catalogue: Catalogue, cluster: Any) -> None:
    dd = pytest.importorskip("dask.dataframe")
    people = _people_frame(24)
    expected = match_dataframe(people, catalogue, limit=2, today=TODAY)
    lazy = match_dataframe(dd.from_pandas(people, npartitions=3), catalogue, limit=2, today=TODAY)
    got = lazy.compute().reset_index(drop=True)
    assert got.drop(columns=[]).equals(expected.reset_index(drop=True))


@pytest.mark.slow
def test_cli_batch_on_a_local_dask_cluster_writes_what_one_process_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from socialrx.cli import main

    source = tmp_path / "people.csv"
    lines = ["id,postcode,needs"] + [
        f"P{k},{POSTCODES[k % 4]},{NEEDS[k % 4][0]}" for k in range(30)
    ]
    source.write_text("\n".join([*lines, "P99,BT1 1AA,money"]) + "\n")
    base = ["batch", str(source), "--catalogue", str(ROOT / "assets"), "--today", "2026-11-22"]
    assert main([*base, "-o", str(tmp_path / "one.csv")]) == 1
    assert main([*base, "-o", str(tmp_path / "dask.csv"), "--scheduler", "local"]) == 1
    assert (tmp_path / "one.csv").read_text() == (tmp_path / "dask.csv").read_text()
    assert "row 32 (id P99), column postcode: not in Great Britain" in capsys.readouterr().err
