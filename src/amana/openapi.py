"""The OpenAPI document states every error an operation can answer, as problem details.

FastAPI documents a route's success and a 422 in its own validation shape, which is not what
Amana sends (RFC 9457 problem details, ``application/problem+json``, for every refusal): a
schema-driven client or fuzzer then meets statuses and bodies the schema does not know. The
statuses follow from what an operation is, the same way the error classes of ``core.errors``
are raised, so a new route is documented without a line of its own:

- 400 the body could not be read; 422 the input is invalid (any operation with input);
- 401 and 403 authentication and permission (operations that need a principal);
- 404 a record named in the address (path, or an ``_id`` in the query) or, for writes, in the
  body does not exist or is not yours;
- 409 a write conflicts with the stored state (duplicates, answered hits, workflow steps);
- and the few that only some operations answer, in ``EXTRA``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from amana.deps import authenticated

PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
WRITES = frozenset({"post", "put", "patch", "delete"})
EXTRA: dict[str, tuple[int, ...]] = {
    "auth_login": (401, 423),  # wrong credentials; the account is locked after failures
    "ready": (503,),  # the store is unreachable or behind
    "screening_batch": (413,),
    "records_import": (413,),
    "notices_attach": (413,),
    "messages_send": (413,),
    "messages_send_batch": (413,),
    "messages_send_e2e": (413,),
    "messages_forward": (413,),
}
# Operations that answer 200 with the first result when an idempotent request is retried.
RETRIED = ("messages_send", "messages_send_e2e", "messages_forward", "messages_send_batch")
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; ``code`` is stable, ``detail`` is for people.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "examples": ["resource.not_found"]},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Invalid input: each field and what is wrong with it",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                    "type": {"type": ["string", "null"]},
                },
            },
        },
    },
    "additionalProperties": True,
}


def install(app: FastAPI) -> None:
    """Wrap ``app.openapi``: FastAPI builds (and caches) the document, this completes it once."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        if "Problem" not in _schemas(schema):
            document_errors(schema, _routes(app))
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _schemas(schema: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = schema.setdefault("components", {}).setdefault("schemas", {})
    return schemas


def _routes(app: FastAPI) -> Iterator[Any]:
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute) and route.include_in_schema:
            yield route


def document_errors(schema: dict[str, Any], routes: Iterable[Any]) -> None:
    _schemas(schema)["Problem"] = PROBLEM_SCHEMA
    for route in routes:
        for method in route.methods:
            operation = schema["paths"].get(route.path, {}).get(method.lower())
            if operation is not None:
                _document(operation, method.lower(), needs_principal(route.dependant))
    for unused in ("HTTPValidationError", "ValidationError"):
        _schemas(schema).pop(unused, None)


def statuses(operation: dict[str, Any], method: str, authenticated_: bool) -> set[int]:
    """The error statuses this operation can answer."""
    found: set[int] = set(EXTRA.get(operation.get("operationId", ""), ()))
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        found.add(422)
    if "requestBody" in operation:
        found.add(400)
    if authenticated_:
        found |= {401, 403}
        if method in WRITES:
            found |= {404, 409}
    if any(p.get("in") == "path" or p.get("name", "").endswith("_id") for p in parameters):
        found.add(404)
    return found


def _document(operation: dict[str, Any], method: str, authenticated_: bool) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status in sorted(statuses(operation, method, authenticated_)):
        responses[str(status)] = {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
        }
    if operation.get("operationId") in RETRIED and "201" in responses:
        responses.setdefault("200", {**responses["201"], "description": "Retried: the first"})


def needs_principal(dependant: Dependant) -> bool:
    return dependant.call is authenticated.dependency or any(
        needs_principal(sub) for sub in dependant.dependencies
    )
