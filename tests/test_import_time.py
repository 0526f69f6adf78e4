"""Start-up: what ``import socialrx`` and a ``socialrx match`` load (issue 19, item 2).

A link worker waits for every module a command imports. ``import socialrx`` itself loads
only the version and the exceptions (every other public name loads on first use); the
first use of ``socialrx.match`` loads the models, the catalogue and matching, and
matching one person at the command line loads nothing beyond that: no HTML templates,
no web, DataFrame, spatial-tree or language-database libraries, none of the import,
export, batch or analysis modules.

One fresh interpreter answers all three stages, diffing ``sys.modules`` before and after
each (the interpreter's own start-up may already have loaded something, e.g. from a
``.pth`` file: only what socialrx adds counts). Times are measured by
``benchmarks/bench_cli.py``, not here: a test on a shared machine cannot time fairly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Never loaded by matching one person (each is loaded by the names or commands that use it).
NOT_FOR_MATCHING = (
    "certifi",  # HTTPS, for fetching live feeds only
    "dask",
    "distributed",
    "geopy",
    "httpx",
    "IPython",
    "jinja2",  # HTML pages: match --html, site, call lists
    "langcodes",  # languages not in data/languages.yaml (vocabulary.resolve_language)
    "openpyxl",  # Excel workbooks, only when one is read (socialrx.sheets)
    "language_data",
    "matplotlib",
    "pandas",
    "platformdirs",  # the cache folder, when no SOCIALRX_CACHE_DIR names one
    "scipy",  # the k-d tree of SpatialIndex
    "starlette",
    "tenacity",
    "uvicorn",
    "socialrx.batch",
    "socialrx.calls",
    "socialrx.gaps",
    "socialrx.geocoder",
    "socialrx.interop",
    "socialrx.parallel",
    "socialrx.quality",
    "socialrx.scaffold",
    "socialrx.serve",
    "socialrx.upkeep",
    "socialrx.views.charts",
    "socialrx.views.notebook",
    "socialrx.views.site",
)
NOT_FOR_MATCHING_DOT = tuple(f"{name}." for name in NOT_FOR_MATCHING)

_CHILD = r"""
import contextlib, io, json, sys

def loaded():
    return set(sys.modules)

stages = {}
before = loaded()
import socialrx
stages["import socialrx"] = sorted(loaded() - before)
before = loaded()
from socialrx import Person, load_catalogue, match
stages["from socialrx import match"] = sorted(loaded() - before)
before = loaded()
from socialrx.cli import main
argv = ["match", "--catalogue", sys.argv[1], "--postcode", "FY8 2NP", "--age", "72",
        "--needs", "lonely", "--interests", "dancing", "--no-cache"]
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(argv)
stages["socialrx match"] = sorted(loaded() - before)
stages["printed"] = [str(code), out.getvalue().splitlines()[0]]
print(json.dumps(stages))
"""


def _stages() -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SOCIALRX_CACHE_DIR", None)  # --no-cache: not even the folder is looked up
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT / "assets")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    stages: dict[str, list[str]] = json.loads(done.stdout)
    return stages


def _unwanted(modules: list[str]) -> list[str]:
    return [m for m in modules if m in NOT_FOR_MATCHING or m.startswith(NOT_FOR_MATCHING_DOT)]


@pytest.mark.slow  # over half a second
def test_start_up_loads_only_what_matching_one_person_needs() -> None:
    stages = _stages()
    # import socialrx: the version and the exceptions, and no third-party package.
    assert [m for m in stages["import socialrx"] if m.startswith("socialrx")] == [
        "socialrx",
        "socialrx.__about__",
        "socialrx.errors",
    ]
    third_party = {"numpy", "pydantic", "pydantic_core", "yaml", "rapidfuzz"}
    assert third_party.isdisjoint(m.split(".")[0] for m in stages["import socialrx"])
    # The first use of a matching name loads the models, catalogue and matching ...
    ready = stages["from socialrx import match"]
    assert {"socialrx.model", "socialrx.catalogue", "socialrx.matching.engine"} <= set(ready)
    assert _unwanted(ready) == []
    # ... and matching one person at the command line loads nothing it does not need.
    assert stages["printed"][0] == "0"
    assert "activities and services suit this person" in stages["printed"][1]
    ran = stages["socialrx match"]
    assert _unwanted(ran) == []
    commands = [m for m in ran if m.startswith("socialrx.cli.")]
    assert commands == ["socialrx.cli._common", "socialrx.cli.match"]


@pytest.mark.slow  # over half a second
def test_public_names_still_resolve_and_submodules_stay_attributes() -> None:
    code = (
        "import socialrx\n"
        "print(socialrx.match.__module__, socialrx.Person.__module__, "
        "socialrx.match_many.__module__, socialrx.geo.__name__, 'load_catalogue' in dir(socialrx))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == [
        "socialrx.matching.engine",
        "socialrx.model",
        "socialrx.batch",
        "socialrx.geo",
        "True",
    ]
