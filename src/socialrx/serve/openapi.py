"""The API's OpenAPI document: the official HSDS 3.0 one, filled in and extended.

The starting point is Open Referral's HSDS 3.0 OpenAPI description, shipped beside
this module unchanged (``hsds-3.0-openapi.json``; openreferral/specification, branch
3.0, CC BY-SA 4.0, © Open Referral). :func:`openapi_document` fills in its
placeholders (title, version, licence, server) and adds what socialrx offers on top:

* error responses (400, 404) on every operation, in one ``Problem`` shape;
* ``POST /match`` and ``POST /why/{asset_id}`` (person profile in, match output or
  explanation out), with the person schema generated from the model;
* the one correction the official document needs: ``GET /service_at_locations/{id}``
  answers with a ``service_at_location``, not a ``service``.

Every official path, parameter and response schema reference is kept as it is, so
tools that know HSDS 3.0 read this document the same way.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from socialrx.__about__ import __version__
from socialrx.model import json_schema

__all__ = ["OFFICIAL_FILE", "official_document", "openapi_document"]

OFFICIAL_FILE = "hsds-3.0-openapi.json"
"""The official HSDS 3.0 OpenAPI document, shipped in this package unchanged."""

_HSDS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@cache
def official_document() -> dict[str, Any]:
    """The official HSDS 3.0 OpenAPI document, as published."""
    text = resources.files("socialrx.serve").joinpath(OFFICIAL_FILE).read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)
    return doc


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


_PROBLEM = {
    "type": "object",
    "description": "What was wrong with the request, in one line, and each field at fault. "
    "Values sent are never repeated.",
    "required": ["error"],
    "properties": {
        "error": {"type": "string"},
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                    "hint": {"type": "string"},
                },
            },
        },
    },
}

_REASON = {
    "type": "object",
    "required": ["factor", "weight", "score", "contribution", "detail"],
    "properties": {
        "factor": {"type": "string"},
        "weight": {"type": "number"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "contribution": {"type": "number"},
        "detail": {"type": "string"},
    },
}

_MATCH_RESULT = {
    "type": "object",
    "description": "socialrx match output (docs/formats.md §3): ranked matches with the "
    "reasons for each, and every asset left out with why.",
    "required": ["format", "catalogue", "eligible", "matches"],
    "properties": {
        "format": {"const": 1},
        "catalogue": {
            "type": "object",
            "properties": {
                "path": {"type": ["string", "null"]},
                "assets": {"type": "integer"},
            },
        },
        "eligible": {"type": "integer", "minimum": 0},
        "matches": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "rank", "score", "reasons"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "rank": {"type": "integer", "minimum": 1},
                    "score": {"type": "number", "minimum": 0, "maximum": 1},
                    "distance_km": {"type": ["number", "null"]},
                    "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
                    "cautions": {"type": "array", "items": {"type": "string"}},
                    "bridges": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "excluded": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "reasons"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "reasons": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "excluded_summary": {"type": "object", "additionalProperties": {"type": "integer"}},
    },
}

_EXPLANATION = {
    "type": "object",
    "description": "Every hard constraint and every scoring factor of one asset for one "
    "person (``socialrx why --format json``).",
    "required": ["id", "name", "eligible", "score", "checks", "reasons"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "eligible": {"type": "boolean"},
        "rank": {"type": ["integer", "null"]},
        "score": {"type": "number"},
        "checks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["constraint", "passed", "detail"],
                "properties": {
                    "constraint": {"type": "string"},
                    "passed": {"type": "boolean"},
                    "detail": {"type": "string"},
                },
            },
        },
        "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
        "cautions": {"type": "array", "items": {"type": "string"}},
        "bridges": {"type": "array", "items": {"type": "string"}},
        "smallest_change": {"type": ["string", "null"]},
    },
}


def _person_schemas() -> dict[str, Any]:
    """The person schema and its parts, with references moved into components."""
    schema = json_schema("person")
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    text = json.dumps({"Person": schema, **defs}).replace("#/$defs/", "#/components/schemas/")
    parts: dict[str, Any] = json.loads(text)
    return parts


def _matching_paths() -> dict[str, Any]:
    body = {
        "required": True,
        "description": "A person profile (docs/formats.md §2), at most the server's body "
        "limit. It is used in memory for this request only: never logged, cached or stored.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}},
    }
    errors = {
        "400": _problem_response("The body is not JSON, or a query parameter is wrong."),
        "408": _problem_response("The body did not arrive in time."),
        "413": _problem_response("The body is larger than the server's limit."),
        "415": _problem_response("The body is not sent as application/json, or is compressed."),
        "422": _problem_response("A field of the profile is wrong (values are not repeated)."),
    }
    no_store = {"Cache-Control": {"schema": {"type": "string", "const": "no-store"}}}
    match_params = [
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": "How many matches to list (default 10, at most 100).",
            "schema": {"type": "integer", "minimum": 0, "maximum": 100},
        },
        {
            "name": "excluded",
            "in": "query",
            "required": False,
            "description": "``full`` lists every asset left out; ``summary`` counts them "
            "per reason.",
            "schema": {"type": "string", "enum": ["full", "summary"]},
        },
        {
            "name": "variety",
            "in": "query",
            "required": False,
            "description": "false for plain score order (default true).",
            "schema": {"type": "boolean"},
        },
    ]
    return {
        "/match": {
            "post": {
                "summary": "Match a person to the directory, with reasons.",
                "description": "Ranks every active service for the person and explains "
                "each score; lists every service left out with the reason. socialrx "
                "extension, not part of HSDS.",
                "operationId": "matchPerson",
                "tags": ["socialrx"],
                "parameters": match_params,
                "requestBody": body,
                "responses": {
                    "200": {
                        "description": "The match output.",
                        "headers": no_store,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/MatchResult"}
                            }
                        },
                    },
                    **errors,
                },
            }
        },
        "/why/{asset_id}": {
            "parameters": [
                {
                    "in": "path",
                    "name": "asset_id",
                    "required": True,
                    "description": "The socialrx id of the asset (the ``id`` in the match "
                    "output), not the HSDS UUID.",
                    "schema": {"type": "string"},
                }
            ],
            "post": {
                "summary": "Explain one service's result for a person: why, or why not.",
                "description": "Every hard constraint and every scoring factor, and for a "
                "service left out the smallest change that would include it. socialrx "
                "extension, not part of HSDS.",
                "operationId": "explainMatch",
                "tags": ["socialrx"],
                "requestBody": body,
                "responses": {
                    "200": {
                        "description": "The explanation.",
                        "headers": no_store,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Explanation"}
                            }
                        },
                    },
                    "404": _problem_response("No asset with that id (with a did-you-mean)."),
                    **errors,
                },
            },
        },
    }


def openapi_document(server_url: str, title: str = "socialrx directory") -> dict[str, Any]:
    """The OpenAPI document of a running server.

    Args:
        server_url: The base URL clients reach the API at (``servers[0].url``).
        title: The API's title.
    """
    doc = copy.deepcopy(official_document())
    doc["info"] = {
        "title": title,
        "version": __version__,
        "summary": "Open Referral UK / HSDS 3.0 directory published by socialrx, with "
        "explained matching.",
        "description": "A read-only HSDS 3.0 API over a socialrx catalogue. Services are "
        "exactly what `socialrx export --to hsds3` writes; socialrx's own fields travel as "
        "`attributes` whose taxonomy starts with `socialrx:`. `POST /match` and "
        "`POST /why/{asset_id}` are socialrx extensions. Extends the official HSDS 3.0 "
        "OpenAPI document (CC BY-SA 4.0, © Open Referral).",
        "license": {"name": "MIT (socialrx); the directory's data is licensed by its publisher"},
    }
    doc["servers"] = [{"url": server_url}]
    for path, item in doc["paths"].items():
        get = item.get("get")
        if get is None:
            continue
        get["responses"].setdefault(
            "400", _problem_response("A query parameter is not valid (the message says which).")
        )
        if "{id}" in path:
            get["responses"].setdefault("404", _problem_response("No object with that id."))
    sal = doc["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    sal["content"]["application/json"]["schema"] = {
        "$ref": _HSDS + "compiled/service_at_location.json"
    }
    doc["paths"].update(_matching_paths())
    schemas = doc["components"]["schemas"]
    schemas["Problem"] = _PROBLEM
    schemas["Reason"] = _REASON
    schemas["MatchResult"] = _MATCH_RESULT
    schemas["Explanation"] = _EXPLANATION
    schemas.update(_person_schemas())
    doc["tags"] = [{"name": "socialrx", "description": "Explained matching (socialrx)."}]
    return doc
