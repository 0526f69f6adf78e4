"""The catalogue cache: ``socialrx cache``."""

from __future__ import annotations

import argparse

from socialrx import cache
from socialrx.cli._common import (
    EXIT_OK,
    Commands,
)


def add_cache(sub: Commands) -> None:
    p = sub.add_parser(
        "cache",
        description="Commands that load a catalogue keep each valid file's asset in a cache "
        "(never anything about a person), so the next run reads only files that changed. "
        "'socialrx cache clear' removes it; --no-cache on a command bypasses it.",
    )
    p.add_argument("action", choices=("clear", "dir"), help="clear it, or print its folder")
    p.set_defaults(run=_run_cache)


def _run_cache(args: argparse.Namespace) -> int:
    if args.action == "dir":
        print(cache.cache_dir())
        return EXIT_OK
    removed = cache.clear()
    print(f"removed {removed} cache file{'' if removed == 1 else 's'} from {cache.cache_dir()}")
    return EXIT_OK
