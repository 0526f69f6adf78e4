"""socialrx: community assets for social prescribing, matched with scoring that explains itself."""

from socialrx.__about__ import __version__

__all__ = ["__version__"]
