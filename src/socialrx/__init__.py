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

import sys

from socialrx.__about__ import __version__
from socialrx.batch import MatchFailure, match_many, read_people
from socialrx.catalogue import (
    Catalogue,
    load_asset,
    load_catalogue,
    load_person,
    person_from_data,
    validate_asset,
)
from socialrx.errors import (
    CatalogueError,
    CatalogueErrors,
    MissingDependencyError,
    PersonError,
    PolicyError,
    PostcodeError,
    SocialRxError,
    UnknownAssetError,
    UnreadableInputError,
)
from socialrx.gaps import GapReport, coverage_gaps
from socialrx.geo import Place, PostcodeGeocoder, SpatialIndex, distance_km, locate
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

__all__ = [
    "Asset",
    "Catalogue",
    "CatalogueError",
    "CatalogueErrors",
    "CheckReport",
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
    "SocialRxError",
    "SpatialIndex",
    "UnknownAssetError",
    "UnreadableInputError",
    "__version__",
    "check_catalogue",
    "coverage_gaps",
    "default_policy",
    "distance_km",
    "explain",
    "export_csv",
    "export_hsds",
    "import_records",
    "load_asset",
    "load_catalogue",
    "load_person",
    "load_policy",
    "locate",
    "match",
    "match_many",
    "person_from_data",
    "read_people",
    "validate_asset",
]

# Rich display in Jupyter: the views register themselves with IPython's formatters.
# Only when IPython is already running, so a plain ``import socialrx`` stays light.
if sys.modules.get("IPython") is not None:
    from socialrx.views import notebook as _notebook

    _notebook.register()
