"""The Open Referral UK API: ``socialrx serve``."""

from __future__ import annotations

import argparse

from socialrx.cli._common import (
    EXIT_OK,
    Commands,
    _port,
    _positive_int,
    _seconds,
)
from socialrx.errors import (
    MissingDependencyError,
)
from socialrx.matching import load_policy


def add_serve(sub: Commands) -> None:
    p = sub.add_parser(
        "serve",
        description="Serve the catalogue read-only as an Open Referral UK / HSDS 3.0 API "
        "(GET /services, /service_at_locations, /organizations, /taxonomies, …) with "
        "POST /match and POST /why/ASSET_ID for explained matching. Reloads when files "
        "change, keeping the last good catalogue if a file breaks. Needs "
        "pip install 'socialrx[serve]'. See docs/serve.md.",
    )
    p.add_argument(
        "catalogue", nargs="?", default="assets", metavar="CATALOGUE", help="default: assets"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument(
        "--profile", metavar="URL", help="HSDS profile URL that GET / reports (e.g. ORUK's)"
    )
    p.add_argument("--no-reload", action="store_true", help="do not watch the files")
    p.add_argument(
        "--max-body",
        type=_positive_int,
        default=64 * 1024,
        metavar="BYTES",
        help="largest request body accepted (default 65536)",
    )
    p.add_argument(
        "--body-timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="time a client has to send a request body (default 10)",
    )
    p.add_argument("--policy", metavar="FILE", help="your own scoring weights (policy.yaml)")
    p.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    try:  # deferred: the serve extra (Starlette, uvicorn) is optional and heavy to import
        from socialrx.serve import DEFAULT_PROFILE, Settings, run
    except ImportError as exc:
        raise MissingDependencyError(
            "socialrx serve needs the serve extra: pip install 'socialrx[serve]'"
        ) from exc
    settings = Settings(
        profile=args.profile or DEFAULT_PROFILE,
        watch=not args.no_reload,
        max_body=args.max_body,
        body_timeout=args.body_timeout,
        policy=load_policy(args.policy) if args.policy else None,
    )
    run(args.catalogue, host=args.host, port=args.port, settings=settings)
    return EXIT_OK
