"""Bad input gets a precise RFC 9457 answer and changes nothing stored."""

from __future__ import annotations

from sqlalchemy import func, select

from amana.core.principal import Role
from amana.users.models import User

PROBLEM_FIELDS = {"type", "title", "status", "detail", "code"}


def _assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_FIELDS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"].endswith(code)
    assert body["detail"]
    return body


def _user_count(db) -> int:
    count = db.scalar(select(func.count()).select_from(User))
    db.commit()  # end the read snapshot
    return count


def test_malformed_json(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    response = client.post(
        "/api/v1/users",
        content=b'{"username": "x",',
        headers={**admin, "content-type": "application/json"},
    )
    body = _assert_problem(response, 422, "request.validation")
    assert "malformed JSON" in body["detail"]


def test_wrong_types_and_missing_fields_name_each_field(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    response = client.post(
        "/api/v1/users", json={"username": 42, "bureau": "FR", "roles": "officer"}, headers=admin
    )
    body = _assert_problem(response, 422, "request.validation")
    fields = {error["field"] for error in body["errors"]}
    assert {"username", "display_name", "roles"} <= fields


def test_over_long_strings_are_refused(client, make, db):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    before = _user_count(db)
    response = client.post(
        "/api/v1/users",
        json={"username": "a" * 10_000, "display_name": "x", "bureau": "FR", "roles": ["officer"]},
        headers=admin,
    )
    body = _assert_problem(response, 422, "request.validation")
    assert "at most 64 characters" in body["detail"]
    assert _user_count(db) == before


def test_unknown_country_codes_are_named(client, make, db):
    admin = make.user_headers("sysadmin", "XG", Role.SYSTEM_ADMIN)
    before = _user_count(db)
    response = client.post(
        "/api/v1/users",
        json={"username": "qq.user", "display_name": "Q", "bureau": "QQ", "roles": ["officer"]},
        headers=admin,
    )
    body = _assert_problem(response, 422, "bureau.unknown")
    assert body["unknown"] == ["QQ"]
    assert "QQ" in body["detail"]
    sharing = client.put(
        "/api/v1/bureaus/XG/sharing",
        json={"default_visibility": "only", "bureaus": ["FR", "ZZ", "KP"]},
        headers=admin,
    )
    assert _assert_problem(sharing, 422, "bureau.unknown")["unknown"] == ["KP", "ZZ"]
    assert _user_count(db) == before


def test_weak_passwords_are_refused_with_reasons(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    response = client.post(
        "/api/v1/users",
        json={
            "username": "fr.weak",
            "display_name": "W",
            "bureau": "FR",
            "roles": ["officer"],
            "password": "fr.weak",
        },
        headers=admin,
    )
    body = _assert_problem(response, 422, "user.weak_password")
    assert "at least 12 characters" in body["detail"]
    assert "username" in body["detail"]


def test_duplicate_usernames_conflict(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    body = {"username": "fr.admin", "display_name": "x", "bureau": "FR", "roles": ["officer"]}
    _assert_problem(
        client.post("/api/v1/users", json=body, headers=admin), 409, "user.username_taken"
    )


def test_unknown_fields_are_refused_not_ignored(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    response = client.put(
        "/api/v1/bureaus/FR/sharing",
        json={"default_visibility": "all", "is_admin": True},
        headers=admin,
    )
    body = _assert_problem(response, 422, "request.validation")
    assert "is_admin" in body["detail"]


def test_unknown_endpoint_and_wrong_method(client):
    _assert_problem(client.get("/api/v1/nothing-here"), 404, "resource.not_found")
    _assert_problem(client.delete("/health"), 405, "request.method_not_allowed")


def test_unknown_records_are_404(client, make):
    admin = make.user_headers("sysadmin", "XG", Role.SYSTEM_ADMIN)
    _assert_problem(client.get("/api/v1/users/999999", headers=admin), 404, "user.not_found")
    _assert_problem(client.get("/api/v1/bureaus/QQ", headers=admin), 404, "bureau.not_found")


def test_request_ids_are_echoed_or_made(client):
    assert client.get("/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == (
        "abc-123"
    )
    assert len(client.get("/health").headers["x-request-id"]) == 32
