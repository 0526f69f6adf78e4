"""The HTTP application: HSDS 3.0 read endpoints, explained matching, and the rules around them.

:func:`create_app` returns a Starlette (ASGI) application; :func:`run` serves it with
uvicorn. Privacy rules, kept here in one place:

* the access log records method, route template and status only (never a query
  string or a body), for every request;
* ``POST /match`` and ``POST /why/{asset_id}`` answer with ``Cache-Control: no-store``,
  and so does any ``GET`` that carries a postcode;
* errors name fields, never values;
* bodies are read up to a size limit and within a time limit;
* nothing reads or writes any file except the catalogue.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal

import anyio
import uvicorn
import uvicorn.config
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from socialrx import Policy, explain, geo, match
from socialrx.catalogue import Catalogue
from socialrx.errors import PostcodeError, UnknownAssetError
from socialrx.serve.directory import (
    HSDS_VERSION,
    Directory,
    LocationQuery,
    ServiceQuery,
    TermQuery,
    page_envelope,
)
from socialrx.serve.live import LiveDirectory
from socialrx.serve.openapi import openapi_document
from socialrx.serve.person import ProfileError, person_from_body

__all__ = ["DEFAULT_PROFILE", "Settings", "create_app", "run"]

access_log = logging.getLogger("socialrx.serve.access")

DEFAULT_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"
"""The profile URL ``GET /`` reports unless another is given (e.g. the ORUK profile)."""

_JSON = "application/json"
_NDJSON = "application/x-ndjson"
_MAX_PER_PAGE = 1000


class Settings:
    """How the server behaves (every value has a sensible default).

    Args:
        max_body: Largest request body accepted, in bytes (64 KiB).
        body_timeout: Seconds a client may take to send its body (10).
        per_page: Default page size (50; at most 1000 may be asked for).
        profile: The HSDS profile URL reported by ``GET /``.
        watch: Reload the catalogue when its files change.
        debounce_ms: Quiet time before a reload (500 ms).
        policy: Scoring weights for matching (the default policy when None).
        today: Date freshness is measured from (today when None; for reproducible tests).
    """

    def __init__(
        self,
        *,
        max_body: int = 64 * 1024,
        body_timeout: float = 10.0,
        per_page: int = 50,
        profile: str = DEFAULT_PROFILE,
        watch: bool = True,
        debounce_ms: int = 500,
        policy: Policy | None = None,
        today: date | None = None,
    ) -> None:
        self.max_body = max_body
        self.body_timeout = body_timeout
        self.per_page = per_page
        self.profile = profile
        self.watch = watch
        self.debounce_ms = debounce_ms
        self.policy = policy
        self.today = today


class _Problem(HTTPException):
    """A request the API refuses, answered as ``{"error": …, "problems": […]}``."""

    def __init__(self, status: int, message: str, problems: Sequence[dict[str, str]] = ()) -> None:
        super().__init__(status, message)
        self.problems = list(problems)


def _problem_response(
    status: int, message: str, problems: Sequence[dict[str, str]] = ()
) -> Response:
    body: dict[str, Any] = {"error": message}
    if problems:
        body["problems"] = list(problems)
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    if status == 408:
        headers["Connection"] = "close"
    return JSONResponse(body, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    problems = exc.problems if isinstance(exc, _Problem) else ()
    message = (
        exc.detail if isinstance(exc, _Problem) else _STATUS_TEXT.get(exc.status_code, exc.detail)
    )
    response = _problem_response(exc.status_code, str(message), problems)
    response.headers.update(exc.headers or {})  # e.g. Allow on a 405
    return response


_STATUS_TEXT = {
    404: "not found: see GET / and the OpenAPI document for the endpoints",
    405: "method not allowed for this endpoint",
}


# ------------------------------------------------------------------ query parameters


def _bad(name: str, message: str, hint: str = "") -> _Problem:
    text = f"{name}: {message}" + (f" — {hint}" if hint else "")
    return _Problem(400, text, [{"field": name, "message": message, "hint": hint}])


def _one(request: Request, name: str) -> str | None:
    """The query parameter ``name``, refusing it given twice (``?limit=5&limit=500``):
    which one counts would otherwise be a guess the client cannot see."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise _bad(name, "given more than once", f"give {name} once")
    return values[0] if values else None


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = _one(request, name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _bad(name, "not a whole number", f"use a number from {low} to {high}") from None
    if not low <= value <= high:
        raise _bad(name, "out of range", f"use a number from {low} to {high}")
    return value


def _bool(request: Request, name: str, default: bool = False) -> bool:
    raw = _one(request, name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise _bad(name, "not true or false", "write true or false")


def _text(request: Request, name: str) -> str | None:
    raw = _one(request, name)
    return raw if raw else None


def _datetime(request: Request, name: str) -> datetime | None:
    raw = _text(request, name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw.strip().replace("z", "Z"))
    except ValueError:
        raise _bad(
            name, "not a date or date-time", "use ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _format(request: Request) -> Literal["json", "ndjson"]:
    raw = (_text(request, "format") or "json").lower()
    if raw not in ("json", "ndjson"):
        raise _bad("format", "not a known format", "use json or ndjson")
    return "ndjson" if raw == "ndjson" else "json"


def _service_filters(request: Request) -> dict[str, Any]:
    return {
        "search": _text(request, "search"),
        "taxonomy_term_id": _text(request, "taxonomy_term_id"),
        "taxonomy_id": _text(request, "taxonomy_id"),
        "organization_id": _text(request, "organization_id"),
        "modified_after": _datetime(request, "modified_after"),
    }


# ------------------------------------------------------------------ responses


def _listing(
    request: Request,
    rows: Sequence[int],
    encoded: Callable[[Sequence[int]], list[bytes]],
    default_per_page: int,
) -> Response:
    """A page of objects in the HSDS envelope, or all of them as NDJSON.

    Args:
        request: The request (``format``, ``page`` and ``per_page`` are read from it).
        rows: Every result, in order.
        encoded: The encoded objects for some of the rows (only the page is encoded).
        default_per_page: Page size when none is asked for.
    """
    if _format(request) == "ndjson":
        body = b"".join(item + b"\n" for item in encoded(rows))
        return Response(body, media_type=_NDJSON)
    page = _int(request, "page", 1, 1, 10**9)
    per_page = _int(request, "per_page", default_per_page, 1, _MAX_PER_PAGE)
    envelope, shown = page_envelope(len(rows), page, per_page)
    head = _encode_envelope(envelope)
    body = head + b',"contents":[' + b",".join(encoded(rows[shown])) + b"]}"
    return Response(body, media_type=_JSON)


def _encode_envelope(envelope: dict[str, Any]) -> bytes:
    parts = []
    for key, value in envelope.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        parts.append(f'"{key}":{text}')
    return ("{" + ",".join(parts)).encode()


def _item(found: bytes | None, what: str) -> Response:
    if found is None:
        raise _Problem(404, f"no {what} with that id")
    return Response(found, media_type=_JSON)


Handler = Callable[[Request, Directory], Response]


class _Api:
    """The endpoints, over a live directory."""

    def __init__(self, live: LiveDirectory, settings: Settings) -> None:
        self.live = live
        self.settings = settings
        self._openapi: dict[str, bytes] = {}

    # -- conditional GET --------------------------------------------------------------

    def cached(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """Wrap a GET handler with ETag / Last-Modified and conditional requests."""

        async def endpoint(request: Request) -> Response:
            directory = self.live.current  # one catalogue version for the whole request
            query = request.url.query
            tag = hashlib.sha256(
                f"{directory.version}|{request.url.path}|{query}".encode()
            ).hexdigest()[:32]
            etag = f'"{tag}"'
            private = "postcode" in request.query_params
            headers = {
                "ETag": etag,
                "Last-Modified": format_datetime(directory.last_modified, usegmt=True),
                # A postcode may be a person's: such answers are never stored anywhere.
                "Cache-Control": "no-store" if private else "no-cache",
                "X-Content-Type-Options": "nosniff",
            }
            if _not_modified(request, etag, directory.last_modified):
                return Response(status_code=304, headers=headers)
            response = handler(request, directory)
            response.headers.update(headers)
            return response

        return endpoint

    # -- meta -------------------------------------------------------------------------

    async def root(self, request: Request) -> Response:
        return JSONResponse(
            {
                "version": HSDS_VERSION,
                "profile": self.settings.profile,
                "openapi_url": str(request.url_for("openapi")),
            }
        )

    async def openapi(self, request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        body = self._openapi.get(base)
        if body is None:
            body = json.dumps(openapi_document(base), ensure_ascii=False).encode()
            self._openapi = {base: body}
        return Response(body, media_type=_JSON)

    # -- services ---------------------------------------------------------------------

    def services(self, request: Request, d: Directory) -> Response:
        query = ServiceQuery(**_service_filters(request))
        minimal, full = _bool(request, "minimal"), _bool(request, "full")
        form = "minimal" if minimal else "full" if full else "brief"
        rows = d.find_services(query)
        return _listing(
            request, rows, lambda some: d.services_json(some, form), self.settings.per_page
        )

    def service(self, request: Request, d: Directory) -> Response:
        return _item(d.service(request.path_params["id"]), "service")

    def locations(self, request: Request, d: Directory) -> Response:
        filters = _service_filters(request)
        postcode, centre, proximity = self._place(request)
        query = LocationQuery(**filters, postcode=postcode, proximity_m=proximity)
        rows = d.find_locations(query, centre)
        full = _bool(request, "full")
        return _listing(
            request, rows, lambda some: d.locations_json(some, full=full), self.settings.per_page
        )

    @staticmethod
    def _place(request: Request) -> tuple[str | None, geo.Place | None, float | None]:
        raw = _text(request, "postcode")
        proximity_text = _text(request, "proximity")
        if raw is None:
            if proximity_text is not None:
                raise _bad("proximity", "needs a postcode", "add postcode=… (the centre)")
            return None, None, None
        try:
            postcode = geo.normalise_postcode(raw)
            centre = geo.locate(postcode)
        except PostcodeError:
            raise _bad(
                "postcode", "not a known UK postcode", "write a postcode such as FY8 1DR"
            ) from None
        if proximity_text is None:
            return postcode, centre, None
        try:
            proximity = float(proximity_text)
        except ValueError:
            proximity = -1.0
        if not 0 <= proximity <= 1_000_000:
            raise _bad("proximity", "not a distance", "metres from the postcode, 0 to 1000000")
        return postcode, centre, proximity

    def location(self, request: Request, d: Directory) -> Response:
        return _item(d.location(request.path_params["id"]), "service_at_location")

    # -- organisations and taxonomies -------------------------------------------------

    def organizations(self, request: Request, d: Directory) -> Response:
        full_service, full = _bool(request, "full_service"), _bool(request, "full")
        form = "full_service" if full_service else "full" if full else "brief"
        rows = d.find_organizations(_text(request, "search"))
        return _listing(
            request,
            rows,
            lambda some: d.organizations_json(some, form=form),
            self.settings.per_page,
        )

    def organization(self, request: Request, d: Directory) -> Response:
        found = d.organization(
            request.path_params["id"], full_service=_bool(request, "full_service")
        )
        return _item(found, "organization")

    def taxonomies(self, request: Request, d: Directory) -> Response:
        rows = d.find_taxonomies(_text(request, "search"))
        return _listing(request, rows, d.taxonomies_json, self.settings.per_page)

    def taxonomy(self, request: Request, d: Directory) -> Response:
        return _item(d.taxonomy(request.path_params["id"]), "taxonomy")

    def terms(self, request: Request, d: Directory) -> Response:
        query = TermQuery(
            search=_text(request, "search"),
            taxonomy_id=_text(request, "taxonomy_id"),
            parent_id=_text(request, "parent_id"),
            top_only=_bool(request, "top_only"),
        )
        return _listing(request, d.find_terms(query), d.terms_json, self.settings.per_page)

    def term(self, request: Request, d: Directory) -> Response:
        return _item(d.term(request.path_params["id"]), "taxonomy_term")

    # -- matching ---------------------------------------------------------------------

    async def match(self, request: Request) -> Response:
        limit = _int(request, "limit", 10, 0, 100)
        excluded = (_text(request, "excluded") or "full").lower()
        if excluded not in ("full", "summary"):
            raise _bad("excluded", "not a known choice", "use full or summary")
        variety = _bool(request, "variety", default=True)
        person = await self._person(request)
        catalogue = self.live.current.catalogue

        def run() -> dict[str, Any]:
            result = match(
                person,
                catalogue,
                limit=limit,
                policy=self.settings.policy,
                today=self.settings.today,
                variety=variety,
            )
            data = result.to_dict("summary" if excluded == "summary" else "full")
            data["catalogue"]["path"] = _public_name(catalogue)
            return data

        return _private_json(await self._matching(run))

    async def why(self, request: Request) -> Response:
        asset_id = request.path_params["asset_id"]
        person = await self._person(request)
        catalogue = self.live.current.catalogue

        def run() -> dict[str, Any]:
            ex = explain(
                asset_id, person, catalogue, policy=self.settings.policy, today=self.settings.today
            )
            return ex.to_dict()

        return _private_json(await self._matching(run))

    @staticmethod
    async def _matching(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        try:
            return await run_in_threadpool(run)
        except UnknownAssetError as exc:
            # The message names the asset id (catalogue data) and a did-you-mean.
            raise _Problem(404, str(exc)) from None
        except PostcodeError:
            raise _Problem(
                422,
                "postcode: not found in the postcode data — check it, or send lat and lon",
                [{"field": "postcode", "message": "not found in the postcode data", "hint": ""}],
            ) from None

    async def _person(self, request: Request) -> Any:
        kind = request.headers.get("content-type", _JSON).split(";")[0].strip().lower()
        if kind not in (_JSON, "") and not kind.endswith("+json"):
            raise _Problem(415, "send the person profile as application/json")
        encoding = request.headers.get("content-encoding", "identity").strip().lower()
        if encoding != "identity":  # gzip, br, …: the bytes would be read as broken text
            raise _Problem(415, "the body is compressed (Content-Encoding); send plain JSON")
        body = await _read_body(request, self.settings.max_body, self.settings.body_timeout)
        try:
            return person_from_body(body)
        except ProfileError as exc:
            problems = [p.to_dict() for p in exc.problems]
            raise _Problem(exc.status, f"person profile: {exc}", problems) from None


def _public_name(catalogue: Catalogue) -> str | None:
    """The catalogue's folder name only: the server's own paths are not for clients."""
    return Path(catalogue.path).name if catalogue.path else None


def _private_json(data: dict[str, Any]) -> Response:
    return JSONResponse(
        data,
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


async def _read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The request body, refusing more than ``limit`` bytes or a client slower than ``timeout``."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _Problem(413, f"the body is larger than the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _Problem(413, f"the body is larger than the limit of {limit} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise _Problem(408, f"the body did not arrive within {timeout:g} seconds") from None
    return b"".join(chunks)


def _not_modified(request: Request, etag: str, last_modified: datetime) -> bool:
    match_tags = request.headers.get("if-none-match")
    if match_tags is not None:
        tags = {t.strip().removeprefix("W/") for t in match_tags.split(",")}
        return etag in tags or "*" in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return last_modified <= when


# ------------------------------------------------------------------ access log


class AccessLog:
    """ASGI middleware logging ``METHOD /route/{template} STATUS ms`` and nothing else.

    The route template (``/why/{asset_id}``), never the path or query string, so no
    postcode, search text or id a person typed reaches the log.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "(no route)"
            access_log.info(
                "%s %s %d %.1fms",
                scope["method"],
                template,
                status,
                (time.perf_counter() - started) * 1000,
            )


# ------------------------------------------------------------------ the application


def create_app(
    source: str | Path | Sequence[str | Path] | Catalogue | LiveDirectory,
    settings: Settings | None = None,
) -> Starlette:
    """The ASGI application serving a catalogue.

    Args:
        source: Catalogue folders or files (reloaded when they change), a ready
            :class:`~socialrx.Catalogue` (served as it is), or a :class:`LiveDirectory`.
        settings: Limits and options (defaults when None).

    Raises:
        CatalogueErrors: the catalogue is invalid (nothing to serve yet).

    Example:
        >>> from starlette.testclient import TestClient      # doctest: +SKIP
        >>> client = TestClient(create_app("assets"))         # doctest: +SKIP
        >>> client.get("/services?search=walk").json()["size"]  # doctest: +SKIP
        3
    """
    settings = settings or Settings()
    live = source if isinstance(source, LiveDirectory) else LiveDirectory(source)
    api = _Api(live, settings)
    get = api.cached
    routes = [
        Route("/", api.root, methods=["GET"], name="root"),
        Route("/openapi.json", api.openapi, methods=["GET"], name="openapi"),
        Route("/services", get(api.services), methods=["GET"]),
        Route("/services/{id}", get(api.service), methods=["GET"]),
        Route("/service_at_locations", get(api.locations), methods=["GET"]),
        Route("/service_at_locations/{id}", get(api.location), methods=["GET"]),
        Route("/organizations", get(api.organizations), methods=["GET"]),
        Route("/organizations/{id}", get(api.organization), methods=["GET"]),
        Route("/taxonomies", get(api.taxonomies), methods=["GET"]),
        Route("/taxonomies/{id}", get(api.taxonomy), methods=["GET"]),
        Route("/taxonomy_terms", get(api.terms), methods=["GET"]),
        Route("/taxonomy_terms/{id}", get(api.term), methods=["GET"]),
        Route("/match", api.match, methods=["POST"]),
        Route("/why/{asset_id}", api.why, methods=["POST"]),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        if not (settings.watch and live.paths):
            yield
            return
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(live.watch, settings.debounce_ms)
            yield
            tasks.cancel_scope.cancel()

    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(AccessLog),
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Content-Type", "If-None-Match", "If-Modified-Since"],
                expose_headers=["ETag", "Last-Modified"],
                max_age=600,
            ),
        ],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.live = live
    return app


def run(
    source: str | Path | Sequence[str | Path],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: Settings | None = None,
    log_level: str = "info",
) -> None:
    """Serve a catalogue with uvicorn until interrupted.

    uvicorn's own access log is off: :class:`AccessLog` writes one that carries no
    query strings. ``timeout_keep_alive`` closes idle connections after 5 seconds.
    """
    app = create_app(source, settings)
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    # socialrx's own messages (reloads, the access log) go where uvicorn's go.
    log_config["loggers"]["socialrx"] = {
        "handlers": ["default"],
        "level": log_level.upper(),
        "propagate": False,
    }
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_config=log_config,
        log_level=log_level,
        timeout_keep_alive=5,
        proxy_headers=True,
        server_header=False,
    )
