"""socialrx: community assets for social prescribing, matched with scoring that explains itself.

Data flows one way: YAML files → validated, frozen models (:mod:`socialrx.model`) → a
read-only :class:`Catalogue` → :func:`match` → result objects → text, JSON, HTML or
DataFrames. Person data stays in memory; nothing is logged or sent anywhere.

Example:
    >>> import socialrx
    >>> catalogue = socialrx.load_catalogue("assets")                  # doctest: +SKIP
    >>> person = socialrx.Person(postcode="FY8 2NP", needs=["lonely"], digital="none")
    >>> result = socialrx.match(person, catalogue, limit=3)            # doctest: +SKIP
    >>> print(result.matches[0].reasons[0].detail)                     # doctest: +SKIP
    Helps with loneliness and isolation
"""

import importlib
import sys
from typing import TYPE_CHECKING, Any

from socialrx.__about__ import __version__
from socialrx.errors import (
    CatalogueError,
    CatalogueErrors,
    MissingDependencyError,
    PersonError,
    PolicyError,
    PostcodeError,
    SelectionError,
    SocialRxError,
    UnknownAssetError,
    UnreadableInputError,
)

if TYPE_CHECKING:
    from socialrx.batch import MatchFailure, iter_people, match_many, match_rows, read_people
    from socialrx.calls import CallList, call_list
    from socialrx.catalogue import (
        Catalogue,
        load_asset,
        load_catalogue,
        load_person,
        person_from_data,
        validate_asset,
    )
    from socialrx.gaps import GapReport, coverage_gaps
    from socialrx.geo import Place, SpatialIndex, distance_km, locate
    from socialrx.geocoder import PostcodeGeocoder
    from socialrx.interop import ImportReport, export_csv, export_hsds, import_records
    from socialrx.matching import (
        Exclusion,
        Explanation,
        Factor,
        Match,
        MatchResult,
        Policy,
        Reason,
        default_policy,
        explain,
        load_policy,
        match,
    )
    from socialrx.model import Asset, Person
    from socialrx.quality import CheckReport, Finding, check_catalogue
    from socialrx.upkeep import (
        AssetEdit,
        AssetFile,
        Condition,
        parse_where,
        select_files,
        set_status,
        verify,
    )

__all__ = [
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

# Rich display in Jupyter: the views register themselves with IPython's formatters.
# Only when IPython is already running, so a plain ``import socialrx`` stays light.
if sys.modules.get("IPython") is not None:
    from socialrx.views import notebook as _notebook

    _notebook.register()

# Every other name is loaded on first use (PEP 562), so ``import socialrx`` costs almost
# nothing: ``socialrx --help``, ``socialrx cache clear`` or a tool that only needs the
# exceptions never builds the models or the matching machinery. The first use of
# ``socialrx.match`` (or ``from socialrx import match``) imports what matching one
# person needs — the models, the catalogue, matching — and nothing more: lists of
# people, gaps, checks, import and export, and the geopy geocoder (geopy brings HTTP
# libraries with it) load only when a name of theirs is used.
_LAZY = {
    "Asset": "socialrx.model",
    "Person": "socialrx.model",
    "Catalogue": "socialrx.catalogue",
    "load_asset": "socialrx.catalogue",
    "load_catalogue": "socialrx.catalogue",
    "load_person": "socialrx.catalogue",
    "person_from_data": "socialrx.catalogue",
    "validate_asset": "socialrx.catalogue",
    "Place": "socialrx.geo",
    "SpatialIndex": "socialrx.geo",
    "distance_km": "socialrx.geo",
    "locate": "socialrx.geo",
    "Exclusion": "socialrx.matching",
    "Explanation": "socialrx.matching",
    "Factor": "socialrx.matching",
    "Match": "socialrx.matching",
    "MatchResult": "socialrx.matching",
    "Policy": "socialrx.matching",
    "Reason": "socialrx.matching",
    "default_policy": "socialrx.matching",
    "explain": "socialrx.matching",
    "load_policy": "socialrx.matching",
    "match": "socialrx.matching",
    "MatchFailure": "socialrx.batch",
    "iter_people": "socialrx.batch",
    "match_many": "socialrx.batch",
    "match_rows": "socialrx.batch",
    "read_people": "socialrx.batch",
    "GapReport": "socialrx.gaps",
    "coverage_gaps": "socialrx.gaps",
    "PostcodeGeocoder": "socialrx.geocoder",
    "ImportReport": "socialrx.interop",
    "export_csv": "socialrx.interop",
    "export_hsds": "socialrx.interop",
    "import_records": "socialrx.interop",
    "CheckReport": "socialrx.quality",
    "Finding": "socialrx.quality",
    "check_catalogue": "socialrx.quality",
    "CallList": "socialrx.calls",
    "call_list": "socialrx.calls",
    "AssetEdit": "socialrx.upkeep",
    "AssetFile": "socialrx.upkeep",
    "Condition": "socialrx.upkeep",
    "parse_where": "socialrx.upkeep",
    "select_files": "socialrx.upkeep",
    "set_status": "socialrx.upkeep",
    "verify": "socialrx.upkeep",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if not name.startswith("_"):
        # A submodule (``socialrx.geo``) is an attribute once imported, as it was when
        # this package imported everything up front.
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module 'socialrx' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
