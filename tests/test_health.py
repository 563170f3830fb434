"""Liveness, readiness and the published API description."""

from __future__ import annotations


def test_health_and_readiness(client, database_url):
    assert client.get("/health").json()["status"] == "ok"
    ready = client.get("/ready").json()
    assert ready["status"] == "ready"
    assert ready["database"] == database_url.split(":")[0].split("+")[0]


def test_openapi_schema_is_served_with_stable_operation_ids(client):
    schema = client.get("/openapi.json").json()
    operation_ids = {
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    }
    assert {"auth_login", "users_create", "audit_verify", "bureaus_list", "tokens_issue"} <= (
        operation_ids
    )
    assert all(path.startswith(("/api/v1/", "/health", "/ready")) for path in schema["paths"])
