"""The OpenAPI document lists every error status an operation answers, as problem details."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import amana
from amana.core.errors import AmanaError

METHODS = {"get", "post", "put", "patch", "delete"}
PUBLIC = {"auth_login", "health", "ready"}


@pytest.fixture(scope="module")
def document(app) -> dict:
    return app.openapi()


def _operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _error_classes() -> set[type[AmanaError]]:
    for info in pkgutil.walk_packages(amana.__path__, "amana."):
        if not info.name.startswith(("amana.cli", "amana.migrations", "amana.__main__")):
            importlib.import_module(info.name)
    found: set[type[AmanaError]] = set()
    todo = [AmanaError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_error_response_is_a_problem_document(document):
    assert "HTTPValidationError" not in document["components"]["schemas"]
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code"}
    for path, method, operation in _operations(document):
        errors = {s: r for s, r in operation["responses"].items() if int(s) >= 400}
        assert errors or operation["operationId"] == "health", f"{method} {path}: no error"
        for status, response in errors.items():
            content = response.get("content", {})
            assert list(content) == ["application/problem+json"], (method, path, status)
            schema = content["application/problem+json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, status)


def test_input_and_authentication_statuses_are_documented(document):
    for path, method, operation in _operations(document):
        statuses = {int(s) for s in operation["responses"]}
        where = f"{method.upper()} {path}"
        if operation.get("parameters") or "requestBody" in operation:
            assert 422 in statuses, where
        if operation["operationId"] in PUBLIC:
            assert 403 not in statuses, where
        else:
            assert {401, 403} <= statuses, where
        if "{" in path:
            assert 404 in statuses, where
        assert 500 not in statuses, where


def test_the_statuses_of_the_issue_are_where_they_are_answered(document):
    def statuses(path: str, method: str) -> set[int]:
        return {int(s) for s in document["paths"][path][method]["responses"]}

    assert {401, 422, 423} <= statuses("/api/v1/auth/login", "post")
    assert {401, 403, 404, 422} <= statuses("/api/v1/persons/{record_id}", "get")
    assert {400, 401, 403, 404, 409, 422} <= statuses("/api/v1/persons/{record_id}", "patch")
    assert 413 in statuses("/api/v1/screening/batch", "post")
    assert {200, 201, 413} <= statuses("/api/v1/messages", "post")
    assert 503 in statuses("/ready", "get")


def test_every_status_an_error_class_has_is_documented_somewhere(document):
    documented = {int(s) for _, _, op in _operations(document) for s in op["responses"]}
    classes = _error_classes()
    assert len(classes) > 10
    missing = {cls.__name__: cls.status for cls in classes if cls.status not in documented}
    assert missing == {}
