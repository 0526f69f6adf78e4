"""Benchmark: ``socialrx site`` build time and size, for the example catalogue and
generated catalogues of 1,000 and 10,000 assets (issue 16: 10,000 in under a minute on
2 cores).

For each catalogue (already loaded; load time is ``bench_load.py``'s business) it times

* ``build_site`` — every page, the print pages, the lists, the search index, the
  postcode table, JSON-LD, sitemap and the HSDS download, swapped in as one folder;
* a plain baseline in the same process: one minimal page per asset written with an
  f-string and ``html.escape`` (no template engine, no lists, no data files) — the
  least any static site of these assets must do;

then checks the two agree (a page for every asset, each showing its escaped name) and
reports the size of the site and of what a visitor's phone downloads for a search
(``index.html``, ``search.js``, ``site.css`` and ``search-index.json``, gzipped as a web
server sends them) with the time that takes on a 3G connection (750 kbit/s).

CPU seconds are printed beside the wall-clock time: on a shared machine the wall
clock also counts time spent waiting for a CPU.

Run:  python benchmarks/bench_site.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import gzip
import html
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_batch import synthetic_catalogue

from socialrx import Catalogue, load_catalogue
from socialrx.views.site import SiteOptions, build_site

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)
THREE_G_BYTES_PER_S = 750_000 / 8
_H1 = re.compile(r"<h1>(.*?)</h1>")


def baseline(catalogue: Catalogue, out: Path) -> None:
    """One minimal escaped page per asset, nothing else."""
    (out / "asset").mkdir(parents=True)
    for asset in catalogue:
        page = (
            f"<!doctype html><title>{html.escape(asset.name)}</title>"
            f"<h1>{html.escape(asset.name)}</h1><p>{html.escape(asset.summary)}</p>"
        )
        (out / "asset" / f"{asset.key}.html").write_text(page, encoding="utf-8")


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def measure(label: str, catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        report = build_site(catalogue, Path(tmp) / "site", SiteOptions(today=TODAY))
        built, cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        baseline(catalogue, Path(tmp) / "baseline")
        plain = time.perf_counter() - t0
        for asset in catalogue:  # the two agree: every asset has a page with its name
            ours = (report.path / "asset" / f"{asset.key}.html").read_text(encoding="utf-8")
            theirs = (Path(tmp) / "baseline" / "asset" / f"{asset.key}.html").read_text()
            headings = [html.unescape(_H1.search(page).group(1)) for page in (ours, theirs)]
            assert headings == [asset.name, asset.name], asset.key
        search = sum(
            _gz(report.path / n)
            for n in ("index.html", "static/search.js", "static/site.css", "search-index.json")
        )
        raw, gz = report.sizes["search-index.json"]
        postcodes = report.sizes["postcodes.json"][1]
    print(
        f"{label:>22}: build {built:6.2f} s (CPU {cpu:6.2f} s, "
        f"{built / len(catalogue) * 1000:5.2f} ms/asset); "
        f"baseline {plain:5.2f} s (x{built / plain:4.1f}); {report.files} files, "
        f"{report.total_bytes / 1e6:6.1f} MB; search index {raw / 1000:6.0f} kB "
        f"({gz / 1000:5.0f} kB gz); first search {search / 1000:5.0f} kB gz = "
        f"{search / THREE_G_BYTES_PER_S:4.2f} s on 3G; postcodes {postcodes / 1000:4.0f} kB gz"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    measure("example catalogue", load_catalogue(ROOT / "assets"))
    for n in args.sizes:
        measure(f"{n:,} generated", synthetic_catalogue(n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
