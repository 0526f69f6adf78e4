"""Writing a catalogue as Open Referral HSDS or a spreadsheet: ``socialrx export``."""

from __future__ import annotations

import argparse
import sys

from socialrx.cli._common import (
    EXIT_OK,
    Commands,
    _add_strict,
    _use_catalogue,
)
from socialrx.interop import (
    WRITERS,
    get_writer,
)
from socialrx.output import atomic_write_text


def add_export(sub: Commands) -> None:
    p = sub.add_parser(
        "export",
        description="Write every asset of a catalogue in another format (the --to choices "
        "below; see docs/interop.md).",
    )
    p.add_argument("catalogue", metavar="CATALOGUE", help="catalogue folder or asset files")
    _add_strict(p)
    p.add_argument(
        "--to",
        dest="to",
        required=True,
        choices=tuple(WRITERS),
        help="; ".join(f"{name}: {w.description}" for name, w in WRITERS.items()),
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    catalogue = _use_catalogue(args)
    atomic_write_text(args.output, get_writer(args.to).write(catalogue))
    said = sys.stderr if args.output == "-" else sys.stdout  # keep standard output clean
    print(f"Wrote {len(catalogue)} assets to {args.output} ({args.to}).", file=said)
    return EXIT_OK
