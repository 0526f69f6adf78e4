"""Benchmark: reading a spreadsheet through a column mapping, and languages by name.

1. **Sheets** of N rows (1k/10k/100k): the same fictional groups written twice, once
   with socialrx's own columns (the baseline: the link-worker sheet as read before
   column mappings) and once with a council's own headings (``Group Name``, ``Web
   address``, ``Venue``, ``Address line 1``, ``Town``, ``Post code``, ``lat``, ``lng``,
   ``Day``, ``Time``, ``Price``), read in the same process with
   :func:`socialrx.interop.spreadsheet.read_csv`. The check that results agree: every
   row gives the same name, website, place and coordinates both ways.
2. **Languages**: validating N person profiles with ``languages: [en, pl]`` (codes,
   the fast path) against the same with ``[English, Polski]`` (names, resolved once
   through langcodes and then cached), and the results agree.

Run:  python benchmarks/bench_columns.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import csv
import io
import time

from socialrx.interop import SheetOptions
from socialrx.interop.spreadsheet import read_csv
from socialrx.model import Person

OURS = (
    "name,summary,needs,delivery,website,location_names,location_addresses,"
    "location_postcodes,location_lats,location_lons,schedule,cost_amount,cost_per"
)
THEIRS = (
    "Group Name,Summary,Category,Delivery,Web address,Venue,Address line 1,Town,"
    "Post code,lat,lng,Day,Time,Price"
)


def _sheets(n: int) -> tuple[str, str]:
    ours, theirs = io.StringIO(), io.StringIO()
    a, b = csv.writer(ours), csv.writer(theirs)
    a.writerow(OURS.split(","))
    b.writerow(THEIRS.split(","))
    for i in range(n):
        name, site = f"Knit and Natter {i}", f"https://knit{i}.example.org"
        lat, lon = f"{53.70 + (i % 97) / 1000:.3f}", f"{-3.05 + (i % 89) / 1000:.3f}"
        common = [name, "Knitting and a chat.", "loneliness", "in-person", site, "Lytham Library"]
        a.writerow(
            [
                *common,
                "Clifton St, Lytham",
                "FY8 5EP",
                lat,
                lon,
                "wed 14:00-16:00",
                "2.50",
                "session",
            ]
        )
        b.writerow(
            [*common, "Clifton St", "Lytham", "FY8 5EP", lat, lon, "Wednesday", "2pm-4pm", "£2.50"]
        )
    return ours.getvalue(), theirs.getvalue()


def _key(data: dict[str, object]) -> tuple[object, ...]:
    loc = data["locations"][0]  # type: ignore[index]
    site = data["contact"]["website"]  # type: ignore[index]
    return (data["name"], site, loc["name"], loc["address"], loc["lat"], loc["lon"], data["cost"])


def _sheet_run(n: int) -> None:
    ours, theirs = _sheets(n)
    start = time.perf_counter()
    base = read_csv(ours)
    t_base = time.perf_counter() - start
    start = time.perf_counter()
    mapped = read_csv(theirs, SheetOptions(accept=True))
    t_mapped = time.perf_counter() - start
    assert [_key(d.data) for d in base] == [_key(d.data) for d in mapped], "results differ"
    assert [d.data["schedule"] for d in base] == [d.data["schedule"] for d in mapped]
    print(
        f"sheet {n:>7,} rows: own columns {t_base:7.2f} s, mapped {t_mapped:7.2f} s "
        f"(x{t_mapped / t_base:.2f}); results agree"
    )


def _language_run(n: int) -> None:
    start = time.perf_counter()
    base = [Person(languages=["en", "pl"]) for _ in range(n)]
    t_base = time.perf_counter() - start
    start = time.perf_counter()
    named = [Person(languages=["English", "Polski"]) for _ in range(n)]
    t_named = time.perf_counter() - start
    assert [p.languages for p in base] == [p.languages for p in named], "results differ"
    print(
        f"people {n:>7,}: codes {t_base:6.2f} s, names {t_named:6.2f} s "
        f"(x{t_named / t_base:.2f}); results agree"
    )


def main() -> None:
    """Run both parts for each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    for n in args.sizes:
        _sheet_run(n)
        _language_run(n)


if __name__ == "__main__":
    main()
