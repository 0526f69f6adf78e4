"""The public names are pinned: removing or renaming one is a breaking change."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import socialrx
from socialrx import errors

PUBLIC = [
    "Asset",
    "AssetEdit",
    "AssetFile",
    "CallList",
    "Catalogue",
    "CatalogueError",
    "CatalogueErrors",
    "CheckReport",
    "Condition",
    "Exclusion",
    "Explanation",
    "Factor",
    "Finding",
    "GapReport",
    "ImportReport",
    "Match",
    "MatchFailure",
    "MatchResult",
    "MissingDependencyError",
    "Person",
    "PersonError",
    "Place",
    "Policy",
    "PolicyError",
    "PostcodeError",
    "PostcodeGeocoder",
    "Reason",
    "SelectionError",
    "SocialRxError",
    "SpatialIndex",
    "UnknownAssetError",
    "UnreadableInputError",
    "__version__",
    "call_list",
    "check_catalogue",
    "coverage_gaps",
    "default_policy",
    "distance_km",
    "explain",
    "export_csv",
    "export_hsds",
    "import_records",
    "iter_people",
    "load_asset",
    "load_catalogue",
    "load_person",
    "load_policy",
    "locate",
    "match",
    "match_many",
    "match_rows",
    "parse_where",
    "person_from_data",
    "read_people",
    "select_files",
    "set_status",
    "validate_asset",
    "verify",
]


def test_public_names_are_pinned_and_sorted() -> None:
    assert socialrx.__all__ == PUBLIC
    assert socialrx.__all__ == sorted(socialrx.__all__)
    for name in PUBLIC:
        assert hasattr(socialrx, name), name


def test_every_error_is_a_socialrx_error_and_a_builtin() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        if cls is errors.Diagnostic:  # the shape errors and findings share, not an error
            continue
        assert issubclass(cls, errors.SocialRxError)
        if cls is not errors.SocialRxError:
            assert set(cls.__mro__) & {ValueError, KeyError, ImportError, OSError}, name
        assert name in errors.__doc__, f"{name} missing from the tree in errors' docstring"


@pytest.mark.slow
def test_every_docstring_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Examples in docstrings are documentation: they must stay true."""
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    failures = []
    for info in pkgutil.walk_packages(socialrx.__path__, "socialrx."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=False)
        if result.failed:
            failures.append(info.name)
    assert failures == []
