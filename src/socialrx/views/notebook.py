"""Rich display in Jupyter, registered with IPython's own formatters.

The data classes have no ``_repr_html_`` or ``_repr_pretty_``: they do not know how
they are shown. Instead :func:`register` tells IPython how to show them, with
``display_formatter.formatters["text/html"].for_type(...)`` (and ``text/plain`` for
the pretty text). ``import socialrx`` calls it when IPython is already running, so
in a notebook a catalogue, an asset, a match result or a gaps report shows as a
table with no extra step; a notebook that imports IPython later can call
``socialrx.views.notebook.register()`` itself.

Example:
    >>> from socialrx.views import notebook
    >>> notebook.register()          # outside IPython: nothing to do
    False
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from socialrx.catalogue import Catalogue
from socialrx.gaps import GapReport
from socialrx.matching import MatchResult
from socialrx.model import Asset
from socialrx.tables import one_line_reason
from socialrx.views.gaps_report import coverage_table_html
from socialrx.views.html import asset_html, catalogue_html, result_table_html
from socialrx.views.phrases import match_distance_text

__all__ = ["asset_pretty", "catalogue_pretty", "register", "result_pretty"]


def catalogue_pretty(catalogue: Catalogue, printer: Any, cycle: bool) -> None:
    """IPython's pretty text for a catalogue: a header and one line per asset."""
    if cycle:
        printer.text("<Catalogue ...>")
        return
    assets = list(catalogue)
    printer.text(repr(catalogue))
    for asset in assets[:20]:
        printer.break_()
        printer.text(f"  {asset.id:<32} {asset.name} [{', '.join(asset.needs)}]")
    if len(assets) > 20:
        printer.break_()
        printer.text(f"  … and {len(assets) - 20} more")


def asset_pretty(asset: Asset, printer: Any, cycle: bool) -> None:
    """IPython's pretty text for an asset: name, id, summary and the essentials."""
    if cycle:
        printer.text("Asset(...)")
        return
    printer.text(f"{asset.name} ({asset.id})")
    for label, value in (
        ("", asset.summary),
        ("needs: ", ", ".join(asset.needs)),
        ("delivery: ", ", ".join(asset.delivery)),
        ("status: ", asset.status),
    ):
        printer.break_()
        printer.text(f"  {label}{value}")


def result_pretty(result: MatchResult, printer: Any, cycle: bool) -> None:
    """IPython's pretty text for a match result: one line per match with its reason."""
    if cycle:
        printer.text("<MatchResult ...>")
        return
    printer.text(repr(result))
    for m in result.matches:
        printer.break_()
        where = f", {match_distance_text(m)}" if m.distance_km is not None else ""
        printer.text(f"  {m.rank}. {m.name} ({m.id}) {m.score:.2f}{where} — {one_line_reason(m)}")


HTML: dict[type, Callable[[Any], str]] = {
    Catalogue: catalogue_html,
    Asset: asset_html,
    MatchResult: result_table_html,
    GapReport: coverage_table_html,
}
"""The HTML view of each class shown in notebooks."""

PRETTY: dict[type, Callable[[Any, Any, bool], None]] = {
    Catalogue: catalogue_pretty,
    Asset: asset_pretty,
    MatchResult: result_pretty,
}
"""The pretty text of each class (``IPython.lib.pretty``); the rest keep their repr."""


def register(shell: Any = None) -> bool:
    """Tell a running IPython how to show socialrx's objects.

    Args:
        shell: The IPython shell (default: the running one, if any).

    Returns:
        True when the formatters were registered, False outside IPython.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for cls, html in HTML.items():
        formatters["text/html"].for_type(cls, html)
    for cls, pretty in PRETTY.items():
        formatters["text/plain"].for_type(cls, pretty)
    return True
