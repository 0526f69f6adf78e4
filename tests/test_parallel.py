"""match_many on other executors: results identical to one process, the catalogue sent once."""

from __future__ import annotations

import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialrx import parallel
from socialrx.batch import MatchFailure, match_many
from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.matching import MatchResult
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


distributed = pytest.importorskip("distributed", reason="dask distributed is not installed")


@pytest.fixture(scope="module")
def cluster() -> Any:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield local, client


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
