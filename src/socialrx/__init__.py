"""socialrx: community assets for social prescribing, matched with scoring that explains itself.

Example:
    >>> import socialrx
    >>> catalogue = socialrx.load_catalogue("assets")            # doctest: +SKIP
    >>> person = socialrx.Person(postcode="FY8 2NP", needs=["lonely"])
"""

from socialrx.__about__ import __version__
from socialrx.catalogue import (
    Catalogue,
    load_asset,
    load_catalogue,
    load_person,
    person_from_data,
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
)
from socialrx.model import Asset, Person

__all__ = [
    "Asset",
    "Catalogue",
    "CatalogueError",
    "CatalogueErrors",
    "MissingDependencyError",
    "Person",
    "PersonError",
    "PolicyError",
    "PostcodeError",
    "SocialRxError",
    "UnknownAssetError",
    "__version__",
    "load_asset",
    "load_catalogue",
    "load_person",
    "person_from_data",
]
