"""Load test of ``socialrx serve`` on loopback: throughput, p50/p99 latency, errors, memory.

The server runs in its own process (uvicorn, one worker, 127.0.0.1 on a free port) and
this script drives it with an asynchronous client: for each catalogue (the example
catalogue, and a synthetic 10,000-asset city directory from ``bench_match.py``), each
endpoint and 1, 10 and 50 concurrent clients, it sends requests for a bounded time
(``--seconds``, and at most ``--max-requests`` per cell) and reports throughput, p50
and p99 latency and the number of errors (anything but 200). The server's resident
memory is read from ``/proc`` after start-up, after a warm-up and after the run.

The endpoints: ``GET /services?search=…`` (rotating words), ``GET
/service_at_locations?postcode=…&proximity=…`` (rotating postcodes and radii) and
``POST /match?excluded=summary`` (rotating person profiles; a front end asks for counts
of what was left out, not the whole list, on a large catalogue).

Baseline, in this process: the same three queries answered by plain loops over the
exported services with no index (word search by stemming every service's text per
query, haversine to every location, ``match()`` called directly). The script checks
that the server's answers agree with the baseline's exactly, and prints the baseline's
median time per query next to the server's latency.

Usage::

    python benchmarks/bench_serve.py [--sizes 0,10000] [--clients 1,10,50] [--seconds 5]

(size 0 is the example catalogue). Targets on a 2-core machine: ``/services`` p99 ≤ 50 ms
at 10 clients on 10,000 assets; ``/match`` ≥ 200 requests/s on the example catalogue;
no errors; memory flat. The client shares the two cores with the server, so the
figures are a floor for a real deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

try:
    import httpx2 as httpx  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
EXAMPLE = ROOT / "assets" / "lytham-st-annes"
TODAY = date(2026, 11, 22)

WORDS = ["walking", "dance", "debt advice", "lonely", "tea", "singing", "garden", "yoga"]
PLACES = [("FY1 1AP", 1500), ("FY8 1DR", 3000), ("FY4 4AA", 800), ("FY5 1AA", 5000)]
PEOPLE: list[dict[str, Any]] = [
    {"postcode": "FY8 2NP", "age": 81, "needs": ["lonely"], "interests": ["dancing"]},
    {"postcode": "FY1 1AP", "needs": ["debt"], "digital": "none", "max_travel_km": 3},
    {"postcode": "FY4 4AA", "age": 45, "needs": ["exercise", "low mood"], "max_cost": 0},
    {"needs": ["carers"], "delivery": ["phone", "online"]},
]


# ------------------------------------------------------------------ the server process


def serve(size: int, port: int) -> None:
    """Run the server (this is the child process)."""
    from socialrx import Catalogue, load_catalogue
    from socialrx.serve import Settings, create_app

    if size == 0:
        catalogue = load_catalogue(EXAMPLE)
    else:
        from bench_match import synthetic_assets

        catalogue = Catalogue(synthetic_assets(size), path="synthetic")
    started = time.perf_counter()
    app = create_app(catalogue, Settings(watch=False, today=TODAY))
    print(f"built the directory in {time.perf_counter() - started:.1f}s", flush=True)
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ------------------------------------------------------------------ load


def _requests(kind: str) -> Callable[[int], tuple[str, str, dict[str, Any]]]:
    def make(i: int) -> tuple[str, str, dict[str, Any]]:
        if kind == "services":
            return "GET", "/services", {"params": {"search": WORDS[i % len(WORDS)]}}
        if kind == "locations":
            postcode, metres = PLACES[i % len(PLACES)]
            params = {"postcode": postcode, "proximity": str(metres)}
            return "GET", "/service_at_locations", {"params": params}
        params = {"limit": 10, "excluded": "summary"}
        return "POST", "/match", {"json": PEOPLE[i % len(PEOPLE)], "params": params}

    return make


class _Connection:
    """A minimal HTTP/1.1 keep-alive client: the load generator must cost the shared
    cores as little as possible (a full client library costs more per request than
    the server does), so requests are written and read by hand."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, kwargs: dict[str, Any]) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        params = kwargs.get("params")
        if params:
            path += "?" + urlencode(params)
        body = json.dumps(kwargs["json"]).encode() if "json" in kwargs else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _load(
    port: int, kind: str, clients: int, seconds: float, max_requests: int
) -> dict[str, float]:
    make = _requests(kind)
    latencies: list[float] = []
    errors = 0
    counter = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors, counter
        conn = _Connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline and counter < max_requests:
                counter += 1
                method, path, kwargs = make(counter)
                t = time.perf_counter()
                try:
                    ok = await conn.request(method, path, kwargs) == 200
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    conn.close()
                    conn = _Connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - t)
                errors += not ok
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    n = len(latencies)
    return {
        "requests": n,
        "rps": n / elapsed,
        "p50": latencies[n // 2] * 1000,
        "p99": latencies[min(n - 1, int(n * 0.99))] * 1000,
        "errors": errors,
    }


# ------------------------------------------------------------------ baseline and agreement


class Baseline:
    """The same queries by plain loops over exported services, no indexes."""

    def __init__(self, size: int) -> None:
        from socialrx import Catalogue, export_hsds, load_catalogue

        if size == 0:
            self.catalogue = load_catalogue(EXAMPLE)
        else:
            from bench_match import synthetic_assets

            self.catalogue = Catalogue(synthetic_assets(size), path="synthetic")
        self.services = export_hsds(self.catalogue)
        self.assets = list(self.catalogue)

    def search(self, text: str) -> list[str]:
        from socialrx.vocabulary import NEEDS, resolve_need, words

        out = []
        query = words(text)
        for service, asset in zip(self.services, self.assets, strict=True):
            own = words(
                " ".join(
                    [
                        asset.name,
                        asset.summary,
                        asset.description or "",
                        asset.organisation or "",
                        *asset.activities,
                        *(NEEDS[n].label for n in asset.needs),
                    ]
                )
            )
            hit = bool(query) and all(
                w in own or (resolve_need(w) or "-") in asset.needs for w in query
            )
            if hit or " ".join(text.casefold().split()) in asset.name.casefold():
                out.append(service["id"])
        return out

    def near(self, postcode: str, metres: float) -> list[str]:
        from socialrx import geo

        centre = geo.locate(postcode)
        found = []
        for service, asset in zip(self.services, self.assets, strict=True):
            if asset.service_area and not geo.in_service_area(postcode, tuple(asset.service_area)):
                continue
            for sal in service.get("service_at_locations", []):
                loc = sal["location"]
                if "latitude" not in loc:
                    continue
                d = geo.distance_km(
                    centre.latitude, centre.longitude, loc["latitude"], loc["longitude"]
                )
                if d * 1000 <= metres:
                    found.append((d, len(found), sal["id"]))  # ties: directory order
        return [i for _, _, i in sorted(found)]

    def match(self, person: dict[str, Any]) -> dict[str, Any]:
        from socialrx import Person, match

        result = match(Person(**person), self.catalogue, limit=10, today=TODAY)
        data = result.to_dict("summary")
        data["catalogue"]["path"] = Path(str(self.catalogue.path)).name
        return json.loads(json.dumps(data))


def _median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def check_agreement(base: str, baseline: Baseline) -> dict[str, float]:
    """Compare the server's answers with the baseline's; return baseline ms per query."""
    with httpx.Client(base_url=base, timeout=60) as client:
        for word in WORDS:
            got = client.get("/services", params={"search": word, "format": "ndjson"})
            ids = [json.loads(line)["id"] for line in got.text.splitlines()]
            assert ids == baseline.search(word), f"search '{word}' disagrees"
        for postcode, metres in PLACES:
            params = {"postcode": postcode, "proximity": str(metres), "format": "ndjson"}
            got = client.get("/service_at_locations", params=params)
            ids = [json.loads(line)["id"] for line in got.text.splitlines()]
            assert ids == baseline.near(postcode, metres), f"{postcode} {metres} m disagrees"
        for person in PEOPLE:
            got = client.post("/match", json=person, params={"limit": 10, "excluded": "summary"})
            assert got.json() == baseline.match(person), "match disagrees"
    return {
        "services": _median_ms(lambda: baseline.search(WORDS[0])),
        "locations": _median_ms(lambda: baseline.near(*PLACES[0])),
        "match": _median_ms(lambda: baseline.match(PEOPLE[0])),
    }


# ------------------------------------------------------------------ main


def run_size(
    size: int, clients: list[int], seconds: float, max_requests: int, repeat: int = 1
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{HERE}"}
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(size), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        while True:
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.perf_counter() - t > 600:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        label = "example catalogue" if size == 0 else f"{size:,} assets"
        print(f"\n== {label}: server up in {time.perf_counter() - t:.1f}s")
        rss_start = _rss_mb(proc.pid)
        baseline = Baseline(size)
        base_ms = check_agreement(base, baseline)
        print("answers agree with the baseline (search, proximity, match)")
        asyncio.run(_load(port, "match", 10, min(2.0, seconds), max_requests))  # warm-up
        rss_warm = _rss_mb(proc.pid)
        print(
            f"{'endpoint':<22}{'clients':>8}{'requests':>9}{'req/s':>8}{'p50 ms':>8}"
            f"{'p99 ms':>8}{'errors':>7}{'baseline ms':>12}{'RSS MB':>8}"
        )
        for kind, label in [
            ("services", "GET /services?search"),
            ("locations", "GET /sal?postcode"),
            ("match", "POST /match"),
        ] * repeat:
            for n in clients:
                r = asyncio.run(_load(port, kind, n, seconds, max_requests))
                print(
                    f"{label:<22}{n:>8}{r['requests']:>9.0f}{r['rps']:>8.0f}{r['p50']:>8.1f}"
                    f"{r['p99']:>8.1f}{r['errors']:>7.0f}{base_ms[kind]:>12.2f}"
                    f"{_rss_mb(proc.pid):>8.0f}"
                )
                sys.stdout.flush()
        rss_end = _rss_mb(proc.pid)
        print(
            f"server memory: {rss_start:.0f} MB after start, {rss_warm:.0f} MB after warm-up, "
            f"{rss_end:.0f} MB after the run ({rss_end - rss_warm:+.1f} MB)"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0,10000", help="0 is the example catalogue")
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=5.0, help="per endpoint and level")
    parser.add_argument("--max-requests", type=int, default=20000, help="per endpoint and level")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run the table N times (is memory flat?)"
    )
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve is not None:
        serve(args.serve, args.port)
        return 0
    clients = [int(c) for c in args.clients.split(",")]
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, clients, args.seconds, args.max_requests, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
