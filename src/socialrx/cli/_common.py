"""What the commands share: exit codes, argument types and how a catalogue is loaded."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

import socialrx  # its names load on first use: `socialrx --help` builds no model

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_BUG = 70
"""An unexpected error inside socialrx (sysexits' EX_SOFTWARE), said in one line."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)."""


class Commands(Protocol):
    """Where a command module adds its parser: argparse's sub-parsers, or one slot of them.

    Each command module has an ``add_<name>(sub)`` that calls ``sub.add_parser(name, ...)``
    once, then declares its options on the parser it gets back.
    """

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


# ------------------------------------------------------------------ argument types


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22"
        ) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 3600 seconds")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; use 1 to 65535")
    return value


MAX_WORKERS = max(8, 2 * (os.cpu_count() or 1))
"""Most worker processes: more than the machine's cores only waits (100,000 forked for ever)."""


def _workers(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_WORKERS:
        raise argparse.ArgumentTypeError(
            f"{value} is more processes than this machine can use; use at most {MAX_WORKERS}"
        )
    return value


# ------------------------------------------------------------------ catalogues


def _add_strict(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse a catalogue with any invalid file (default: skip those files and "
        "say how many were skipped)",
    )


def _use_catalogue(args: argparse.Namespace) -> Catalogue:
    """The catalogue a command works with: valid files only, unless ``--strict``.

    A volunteer's typo in one file must not stop a link worker, so files with
    problems are left out with a warning on standard error (the list is what
    ``socialrx validate`` prints). With ``--strict`` any problem stops the command.
    """
    cached = not getattr(args, "no_cache", False)
    if getattr(args, "strict", False):
        return not_empty(socialrx.load_catalogue(args.catalogue, cache=cached), args.catalogue)
    catalogue = socialrx.load_catalogue(args.catalogue, errors="skip", cache=cached)
    not_empty(catalogue, args.catalogue)
    skipped = len(catalogue.skipped_files)
    where = args.catalogue or "the example catalogue"
    if skipped:
        print(
            f"socialrx: warning: skipped {skipped} file{'s' if skipped != 1 else ''} with "
            f"problems in {where} and used the other {len(catalogue)} assets; "
            f"run 'socialrx validate {where}' for the list (--strict refuses instead)",
            file=sys.stderr,
        )
    return catalogue


def not_empty(catalogue: Catalogue, where: str | Sequence[str] | None) -> Catalogue:
    """``catalogue``, unless the folder given held no asset file at all.

    A mistyped or wrong folder would otherwise read as an empty catalogue, and a
    link worker be told that nothing suits the person.

    Raises:
        CatalogueError: the folder has no ``.yaml`` asset file.
    """
    if len(catalogue) or catalogue.skipped_files or where is None:
        return catalogue
    folders = [w for w in ([where] if isinstance(where, str) else where) if os.path.isdir(w)]
    if not folders:
        return catalogue
    raise socialrx.CatalogueError(
        folders[0],
        1,
        1,
        "",
        "this folder has no asset files (.yaml) in it or its sub-folders",
        "give the folder that holds the catalogue, or start one with 'socialrx new'",
    )
