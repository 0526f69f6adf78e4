"""Shared fixtures and the Hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) keeps property tests quick and
derandomised so CI is stable; the default profile explores more locally.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from socialrx import Catalogue, load_catalogue

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_CATALOGUE = ROOT / "assets" / "lytham-st-annes"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Commands run by tests cache catalogues in a temporary folder, not the user's."""
    os.environ["SOCIALRX_CACHE_DIR"] = str(tmp_path_factory.mktemp("socialrx-cache"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The reference data in ../shared/data (skips the test when it is absent)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference data not found at {SHARED_DATA} (../shared/data is absent)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def example_catalogue() -> Catalogue:
    """The bundled example catalogue of Lytham St Annes assets."""
    return load_catalogue(EXAMPLE_CATALOGUE)


@pytest.fixture
def headless_chromium(tmp_path: Path) -> list[str]:
    """The command that starts headless Chromium with a throwaway profile and no
    background traffic of its own (add the page and what to do with it); skips without it."""
    browser = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if browser is None:
        pytest.skip("Chromium is not installed")
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
