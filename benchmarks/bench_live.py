"""Benchmark: importing a live feed against importing the same records from a file.

A local HTTP server (127.0.0.1, in this process) serves N ORUK v3 services built from
the real Bristol full service in ``../shared/data`` (a new id, name and postcode for
each), as ``/services?page=&per_page=`` pages of 100. Three imports of the same N
services, in the same process:

* **baseline** — ``import_records`` of one JSON file holding every service;
* **live** — ``import_feed`` paging through the API (no pause between requests);
* **live + details** — the list items are minimal, so every service is also fetched
  from ``/services/{id}`` (one request per service; only up to 10k).

The check that results agree: the three folders hold the same asset and review files
with the same text, apart from the ``source`` address. The ratio live / baseline is
the cost of HTTP paging and kept pages; a real feed's time is the server's and the
polite pause (``--rate``, 0.2 s a request by default: 874 Bristol services with
details are 883 requests, about 3 minutes).

Run:  python benchmarks/bench_live.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from socialrx.interop import import_records
from socialrx.interop.live import FetchOptions, import_feed

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FULL = SHARED / "oruk" / "v3-samples" / "bristol-service-1625ip.json"
PER_PAGE = 100
TODAY = date(2026, 11, 30)
WORDS = (
    *("Amber", "Birch", "Cedar", "Dove", "Elm", "Fern", "Glen", "Heath", "Iris", "Juniper"),
    *("Kestrel", "Larch", "Maple", "Nettle", "Oak", "Poppy", "Quince", "Rowan", "Sorrel"),
    "Thistle",
)
_MINIMAL = ("id", "name", "description", "status", "url", "email", "organization_id")


def services(n: int) -> list[dict[str, Any]]:
    """N full services, each the real Bristol one with its own id, name and postcode."""
    real = json.loads(FULL.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        s = copy.deepcopy(real)
        s["id"] = f"00000000-0000-4000-8000-{i:012d}"
        # Names unlike each other, so duplicate detection does not dominate the time.
        s["name"] = " ".join(WORDS[(i // 20**k) % 20] for k in range(4)) + f" {real['name']}"
        s["description"] = f"{real['description']} Based at BS{i % 16 + 1} {i % 9 + 1}AA."
        out.append(s)
    return out


def serve(records: list[dict[str, Any]], *, minimal: bool) -> ThreadingHTTPServer:
    by_id = {r["id"]: r for r in records}
    listed = [{k: r[k] for k in _MINIMAL if k in r} if minimal else r for r in records]
    pages = max(1, -(-len(listed) // PER_PAGE))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path.startswith("/services/"):
                body: Any = by_id.get(parts.path.rsplit("/", 1)[1])
            else:
                page = int(parse_qs(parts.query).get("page", ["1"])[0])
                body = {
                    "total_items": len(listed),
                    "total_pages": pages,
                    "page_number": page,
                    "size": PER_PAGE,
                    "first_page": page == 1,
                    "last_page": page >= pages,
                    "contents": listed[(page - 1) * PER_PAGE : page * PER_PAGE],
                }
            data = json.dumps(body).encode()
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def folder_text(out: Path) -> dict[str, str]:
    """Every written file's text, without the lines that name where it came from."""
    texts = {}
    for p in sorted(out.rglob("*")):
        if p.is_file() and ".last-import" not in p.parts and not p.name.startswith("import-"):
            text = p.read_text(encoding="utf-8")
            texts[str(p.relative_to(out))] = re.sub(r"(?m)^.*(http://127|\.json).*$", "", text)
    return texts


def show(n: int, label: str, seconds: float, counts: dict[str, int], baseline: float) -> None:
    print(
        f"{n:>7} {label:<16} {seconds:7.2f} s  x{seconds / baseline:5.2f}  "
        f"imported {counts['imported']:>6}  review {counts['needs_review']:>5}",
        flush=True,
    )


def run(n: int, work: Path, *, details: bool = True) -> None:
    records = services(n)
    feed = work / f"feed-{n}.json"
    feed.write_text(json.dumps(records), encoding="utf-8")
    options = FetchOptions(rate=0.0, progress=False)

    start = time.perf_counter()
    base = import_records("oruk-v3", feed, work / f"file-{n}", today=TODAY)
    t_file = time.perf_counter() - start
    rows = [("baseline (file)", t_file, base.counts())]
    show(n, *rows[0], t_file)
    folders = [work / f"file-{n}"]
    for minimal in (False, True) if details and n <= 10_000 else (False,):
        httpd = serve(records, minimal=minimal)
        out = work / f"live-{n}-{minimal}"
        start = time.perf_counter()
        report = import_feed(
            f"http://127.0.0.1:{httpd.server_address[1]}/services?per_page={PER_PAGE}",
            out,
            allow_network=True,
            options=options,
            today=TODAY,
        )
        rows.append(
            ("live + details" if minimal else "live", time.perf_counter() - start, report.counts())
        )
        show(n, *rows[-1], t_file)
        folders.append(out)
        httpd.shutdown()
        httpd.server_close()
    agree = all(folder_text(f) == folder_text(folders[0]) for f in folders[1:])
    print(f"{n:>7} results agree: {agree}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--no-details", action="store_true", help="skip the run that fetches every service"
    )
    args = parser.parse_args()
    if not FULL.is_file():
        print(f"skipped: the Bristol sample is not at {FULL}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="live-bench-") as tmp:
        for n in args.sizes:
            run(n, Path(tmp), details=not args.no_details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
