"""Every role boundary, checked through the API, and every refusal audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.core.principal import Role

PUBLIC_API_ROUTES = {("POST", "/api/v1/auth/login")}
NEW_USER = {"username": "fr.new", "display_name": "New", "bureau": "FR", "roles": ["officer"]}
SHARING = {"default_visibility": "except", "bureaus": ["ES"]}


def _requests(user_id: int) -> dict[str, tuple[str, str, dict | None]]:
    return {
        "list own bureau users": ("GET", "/api/v1/users", None),
        "create own bureau user": ("POST", "/api/v1/users", NEW_USER),
        "create other bureau user": (
            "POST",
            "/api/v1/users",
            {**NEW_USER, "username": "de.new", "bureau": "DE"},
        ),
        "change a user's roles": ("PATCH", f"/api/v1/users/{user_id}", {"roles": ["officer"]}),
        "set own bureau sharing": ("PUT", "/api/v1/bureaus/FR/sharing", SHARING),
        "set other bureau sharing": ("PUT", "/api/v1/bureaus/DE/sharing", SHARING),
        "read own bureau audit": ("GET", "/api/v1/audit", None),
        "read other bureau audit": ("GET", "/api/v1/audit?bureau=DE", None),
        "verify audit chain": ("GET", "/api/v1/audit/verify", None),
        "grant system admin": (
            "POST",
            "/api/v1/users",
            {**NEW_USER, "username": "xg.new", "bureau": "XG", "roles": ["system_admin"]},
        ),
    }


ALLOWED = {
    # (role, bureau): the requests above that must succeed; every other one must be refused.
    (Role.OFFICER, "FR"): set(),
    (Role.BUREAU_OPERATOR, "FR"): set(),
    (Role.SECRETARIAT_REVIEWER, "XG"): set(),
    (Role.BUREAU_ADMIN, "FR"): {
        "list own bureau users",
        "create own bureau user",
        "change a user's roles",
        "set own bureau sharing",
        "read own bureau audit",
    },
    (Role.SYSTEM_ADMIN, "XG"): set(_requests(0)),
}


@pytest.mark.parametrize(("role", "bureau"), list(ALLOWED))
def test_role_boundaries(client, make, role, bureau):
    headers = make.user_headers("actor", bureau, role)
    target = make.user("fr.target", "FR", Role.OFFICER)
    outcomes = {}
    for name, (method, path, body) in _requests(target.id).items():
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code < 500, response.text
        outcomes[name] = response.status_code < 400
        if not outcomes[name]:
            # A user one may not manage answers as unknown (issue 13, finding 4).
            refusal = 404 if path.startswith("/api/v1/users/") else 403
            assert response.status_code == refusal, (name, response.text)
            assert response.headers["content-type"] == "application/problem+json"
    allowed = {name for name, ok in outcomes.items() if ok}
    assert allowed == ALLOWED[(role, bureau)]


def test_refusals_are_audited_as_security_events(client, make, db):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    client.get("/api/v1/users", headers=officer)
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied")).one()
    assert (entry.actor_username, entry.actor_bureau, entry.outcome) == (
        "fr.officer",
        "FR",
        "denied",
    )
    assert entry.target_ids == ["GET /api/v1/users"]
    assert "manage_bureau_users" in entry.detail


def test_a_refused_request_changes_nothing(client, make, db):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    client.post("/api/v1/users", json=NEW_USER, headers=officer)
    client.put("/api/v1/bureaus/FR/sharing", json=SHARING, headers=officer)
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    usernames = [u["username"] for u in client.get("/api/v1/users", headers=admin).json()["items"]]
    assert "fr.new" not in usernames
    assert client.get("/api/v1/bureaus/FR", headers=admin).json()["default_visibility"] == "all"


def test_secretariat_roles_belong_to_secretariat_users(client, make):
    admin = make.user_headers("sysadmin", "XG", Role.SYSTEM_ADMIN)
    body = {**NEW_USER, "roles": ["secretariat_reviewer"]}
    response = client.post("/api/v1/users", json=body, headers=admin)
    assert response.status_code == 422
    assert response.json()["code"] == "user.role_bureau"


def test_a_user_may_not_raise_their_own_roles(client, make):
    officer = make.user("fr.officer", "FR", Role.OFFICER)
    headers = make.login("fr.officer")
    response = client.patch(
        f"/api/v1/users/{officer.id}", json={"roles": ["bureau_admin"]}, headers=headers
    )
    assert response.status_code == 403
    renamed = client.patch(
        f"/api/v1/users/{officer.id}", json={"display_name": "Camille M."}, headers=headers
    )
    assert renamed.status_code == 200
    assert renamed.json()["roles"] == ["officer"]


def test_every_api_route_but_login_requires_authentication(app, client):
    routes = [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if path.startswith("/api/")
        for method in operations
    ]
    assert len(routes) >= 12
    for method, path in routes:
        if (method, path) in PUBLIC_API_ROUTES:
            continue
        concrete = path.replace("{code}", "FR").replace("{user_id}", "1").replace("{token_id}", "1")
        response = client.request(method, concrete)
        assert response.status_code == 401, (method, path, response.status_code)
