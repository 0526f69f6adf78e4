"""A static public website of the catalogue: ``socialrx site``."""

from __future__ import annotations

import argparse
import sys

from socialrx.catalogue import load_catalogue
from socialrx.cli._common import (
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _iso_date,
    not_empty,
)
from socialrx.views.site import SiteOptions, build_site


def add_site(sub: Commands) -> None:
    p = sub.add_parser(
        "site",
        description="Write the catalogue as a static website anyone can browse: search and "
        "filters, one plain-English page per asset, pages per need and per postcode "
        "district, a map page and an HSDS 3.0 download. Host the folder anywhere (GitHub "
        "Pages, Netlify, any web server); see docs/site.md.",
    )
    p.add_argument("catalogue", metavar="CATALOGUE", help="catalogue folder or asset files")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="site folder to write")
    p.add_argument("--title", default="Local groups and support", help="the site's name")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site will live, e.g. https://example.org/directory/ (for the sitemap)",
    )
    p.add_argument(
        "--repository",
        metavar="URL",
        help="the catalogue's GitHub repository, for 'Suggest a change' links",
    )
    p.add_argument("--branch", default="main", help="branch the 'edit' links open (default: main)")
    p.add_argument("--no-map", action="store_true", help="leave the map page out")
    p.add_argument(
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help="date staleness is measured from"
    )
    p.set_defaults(run=_run_site)


def _run_site(args: argparse.Namespace) -> int:

    try:
        options = SiteOptions(
            title=args.title,
            base_url=args.base_url,
            repository=args.repository,
            branch=args.branch,
            today=args.today,
            map=not args.no_map,
        )
    except ValueError as exc:
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    catalogue = not_empty(load_catalogue(args.catalogue, cache=not args.no_cache), args.catalogue)
    try:
        report = build_site(catalogue, args.output, options)
    except FileExistsError as exc:
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    raw, gz = report.sizes["search-index.json"]
    print(
        f"Wrote {report.pages} pages for {report.listed} listed of {report.assets} assets "
        f"to {report.path} ({report.total_bytes / 1e6:.1f} MB; search index "
        f"{raw / 1000:.0f} kB, {gz / 1000:.0f} kB gzipped)."
    )
    if not options.base_url:
        print("No --base-url given: sitemap.xml was left out (it needs full addresses).")
    return EXIT_OK
