"""``socialrx serve``: the catalogue as an Open Referral UK / HSDS 3.0 API, with explained matching.

Needs the optional extra: ``pip install 'socialrx[serve]'`` (Starlette, uvicorn and
watchfiles). The layers, top to bottom:

* :mod:`~socialrx.serve.app` — HTTP: routes, paging, ETags, CORS, limits, access log;
* :mod:`~socialrx.serve.live` — the catalogue being served, reloaded on file changes;
* :mod:`~socialrx.serve.directory` — every HSDS object built once, with query indexes;
* :mod:`~socialrx.serve.person` — person profiles from request bodies, errors without values;
* :mod:`~socialrx.serve.openapi` — the official HSDS 3.0 OpenAPI document, extended.

Nothing in socialrx imports this package; it sits on top, like the command line.

Example:
    >>> from socialrx.serve import create_app, run
    >>> app = create_app("assets")          # an ASGI app for any ASGI server  # doctest: +SKIP
    >>> run("assets", host="127.0.0.1", port=8000)                           # doctest: +SKIP
"""

from __future__ import annotations

from socialrx.errors import MissingDependencyError

try:  # the optional extra; a clear one-line message when it is missing
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
    import watchfiles  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised by the CLI test with a blocked import
    raise MissingDependencyError(
        "socialrx serve needs the serve extra: pip install 'socialrx[serve]'"
    ) from exc

from socialrx.serve.app import DEFAULT_PROFILE, Settings, create_app, run
from socialrx.serve.directory import Directory
from socialrx.serve.live import LiveDirectory
from socialrx.serve.openapi import openapi_document

__all__ = [
    "DEFAULT_PROFILE",
    "Directory",
    "LiveDirectory",
    "Settings",
    "create_app",
    "openapi_document",
    "run",
]
