"""The public directory website built by ``socialrx site`` (see :mod:`.builder`).

Example:
    >>> from socialrx.views.site import SiteOptions
    >>> SiteOptions(title="Fylde groups").map
    True
"""

from .builder import LEAFLET, MARKER_FILE, SiteOptions, SiteReport, build_site

__all__ = ["LEAFLET", "MARKER_FILE", "SiteOptions", "SiteReport", "build_site"]
