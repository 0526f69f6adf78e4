"""Notebook display: what an analyst sees in Jupyter, registered with IPython's formatters."""

from __future__ import annotations

import functools
from datetime import date
from types import SimpleNamespace
from typing import Any

from IPython.core.formatters import HTMLFormatter, PlainTextFormatter

from socialrx.catalogue import Catalogue
from socialrx.gaps import coverage_gaps
from socialrx.matching import match
from socialrx.model import Person
from socialrx.views import notebook
from socialrx.views.html import asset_html, catalogue_html
from test_tables import SNEAKY, sneaky_asset


def shown(obj: Any) -> str:
    """What IPython prints for ``obj`` (its text/plain form)."""
    return str(_shell().display_formatter.formatters["text/plain"](obj))


@functools.cache
def _shell() -> Any:
    """A stand-in for a running IPython, with socialrx's formatters registered."""
    formatters = {"text/html": HTMLFormatter(), "text/plain": PlainTextFormatter()}
    fake = SimpleNamespace(display_formatter=SimpleNamespace(formatters=formatters))
    assert notebook.register(fake)
    return fake


def test_html_display_escapes_contributor_text() -> None:
    asset = sneaky_asset()
    for html in (asset_html(asset), catalogue_html(Catalogue([asset]))):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "<b>friends</b>" not in html
    card = asset_html(asset)
    assert "Knock &lt;loudly&gt;" in card
    assert "£2.00 a session" in card  # the same words as the text cards
    assert "Tue 14:00–15:30" in card


def test_catalogue_html_is_compact_for_big_catalogues() -> None:
    assets = [sneaky_asset().model_copy(update={"id": f"a-{i:03d}"}) for i in range(50)]
    html = catalogue_html(Catalogue(assets))
    assert html.count("<tr>") == 1 + 20 + 1  # header, 20 assets, "… and 30 more"
    assert "and 30 more" in html
    assert "50 assets (50 active)" in html


def test_pretty_repr_for_the_terminal() -> None:
    asset = sneaky_asset()
    text = shown(Catalogue([asset]))
    assert text.splitlines()[0] == "<Catalogue of 1 assets>"
    assert "tea-and-chat" in text
    assert shown(asset).splitlines()[0] == f"{SNEAKY} (tea-and-chat)"
    assert "needs: loneliness" in shown(asset)


def test_registered_formatters_show_each_object_as_html(example_catalogue: Catalogue) -> None:
    html = _shell().display_formatter.formatters["text/html"]
    result = match(
        Person(postcode="FY8 2NP", needs=["lonely"]),
        example_catalogue,
        limit=2,
        today=date(2026, 11, 22),
    )
    assert "Catalogue</b> of" in html(example_catalogue)
    assert "<table" in html(next(iter(example_catalogue)))
    assert html(result).count("<tr>") == 3 and "eligible of" in html(result)
    gaps = html(coverage_gaps(example_catalogue, "FY8 1"))
    assert "<table>" in gaps and "<html" not in gaps
    text = shown(result)
    assert text.splitlines()[0] == repr(result)
    assert f"1. {result.matches[0].name}" in text


def test_no_registration_outside_a_running_ipython() -> None:
    assert notebook.register() is False  # IPython is imported here, but no shell runs
