"""Password login, lockout, bearer tokens and their revocation."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from amana.app import create_app
from amana.audit.models import AuditEntry
from amana.auth.models import Token
from amana.core.db import utcnow
from amana.core.principal import Role
from amana.users.models import LoginThrottle, User
from tests.conftest import PASSWORD, Factory, _empty_tables, make_settings


def _login(client, username: str, password: str):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_login_gives_a_token_that_identifies_the_user(client, make):
    make.user("fr.officer", "FR", Role.OFFICER)
    response = _login(client, "fr.officer", PASSWORD)
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == "fr.officer"
    assert me.json()["bureau"] == "FR"
    assert me.json()["roles"] == ["officer"]


def test_wrong_password_and_unknown_user_get_the_same_answer(client, make):
    make.user("fr.officer", "FR")
    wrong = _login(client, "fr.officer", "not-the-password")
    unknown = _login(client, "nobody.here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"] == "invalid username or password"
    assert wrong.json()["code"] == "auth.invalid_credentials"


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, make, db):
    make.user("fr.officer", "FR")
    answers = [_login(client, "fr.officer", f"wrong-{n}").status_code for n in range(5)]
    assert answers == [401, 401, 401, 401, 423]
    locked = _login(client, "fr.officer", PASSWORD)
    assert locked.status_code == 423
    assert locked.json()["code"] == "auth.locked"
    assert "locked until" in locked.json()["detail"]
    user = db.scalars(select(User).where(User.username == "fr.officer")).one()
    assert user.locked_until is not None
    assert user.locked_until > utcnow()


def test_the_lock_expires(client, make, db):
    make.user("fr.officer", "FR")
    for n in range(5):
        _login(client, "fr.officer", f"wrong-{n}")
    db.execute(update(LoginThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
    db.commit()
    assert _login(client, "fr.officer", PASSWORD).status_code == 200


def test_an_administrator_can_unlock(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    user = make.user("fr.officer", "FR")
    for n in range(5):
        _login(client, "fr.officer", f"wrong-{n}")
    response = client.patch(f"/api/v1/users/{user.id}", json={"unlock": True}, headers=admin)
    assert response.status_code == 200
    assert response.json()["locked_until"] is None
    assert _login(client, "fr.officer", PASSWORD).status_code == 200


def test_failed_logins_are_audited_although_refused(client, make, db):
    make.user("fr.officer", "FR")
    _login(client, "fr.officer", "wrong-password")
    _login(client, "ghost", "wrong-password")
    denied = db.scalars(
        select(AuditEntry).where(AuditEntry.action == "auth.login", AuditEntry.outcome == "denied")
    ).all()
    assert [(e.actor_username, e.detail) for e in denied] == [
        ("fr.officer", "auth.invalid_credentials"),
        (None, "auth.invalid_credentials"),
    ]
    assert denied[1].query == {"username": "ghost"}


def test_a_disabled_user_can_neither_log_in_nor_use_an_old_token(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    client.patch(f"/api/v1/users/{user.id}", json={"disabled": True}, headers=admin)
    refused = client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 401
    assert refused.json()["code"] == "auth.user_disabled"
    # The sign-in does not say so: that would confirm the password (issue 13, finding 4).
    assert _login(client, "fr.officer", PASSWORD).json()["code"] == "auth.invalid_credentials"


def test_missing_malformed_unknown_expired_and_revoked_tokens_are_refused(client, make, db):
    make.user("fr.officer", "FR")
    headers = make.login("fr.officer")

    missing = client.get("/api/v1/me")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["detail"]
    basic = client.get("/api/v1/me", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert "Bearer scheme" in basic.json()["detail"]
    unknown = client.get("/api/v1/me", headers={"Authorization": "Bearer amn_forged"})
    assert unknown.json()["code"] == "auth.invalid_token"

    db.execute(update(Token).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.commit()
    assert client.get("/api/v1/me", headers=headers).json()["code"] == "auth.token_expired"

    fresh = make.login("fr.officer")
    assert client.post("/api/v1/auth/logout", headers=fresh).status_code == 204
    assert client.get("/api/v1/me", headers=fresh).json()["code"] == "auth.token_revoked"


def test_token_refusals_are_audited(client, db):
    client.get("/api/v1/me", headers={"Authorization": "Bearer amn_forged"})
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "auth.failed")).one()
    assert entry.outcome == "denied"
    assert entry.target_ids == ["GET /api/v1/me"]
    assert entry.query == {"code": "auth.invalid_token"}


def test_api_tokens_for_machine_clients(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    scanner = make.user("fr.gate4", "FR", Role.OFFICER, password=None)
    issued = client.post(
        "/api/v1/tokens", json={"user_id": scanner.id, "name": "Gate 4", "days": 30}, headers=admin
    )
    assert issued.status_code == 201, issued.text
    token = issued.json()["token"]
    machine = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=machine).json()["username"] == "fr.gate4"

    listed = client.get("/api/v1/tokens", params={"user_id": scanner.id}, headers=admin).json()
    assert [t["name"] for t in listed] == ["Gate 4"]
    assert token not in str(listed)  # only a hint of the secret is ever shown again

    revoked = client.delete(f"/api/v1/tokens/{issued.json()['id']}", headers=admin)
    assert revoked.status_code == 204
    assert client.get("/api/v1/me", headers=machine).status_code == 401


def test_a_machine_client_cannot_log_in_with_a_password(client, make):
    make.user("fr.gate4", "FR", Role.OFFICER, password=None)
    assert _login(client, "fr.gate4", "").status_code == 422
    assert _login(client, "fr.gate4", "anything-at-all").status_code == 401


def test_tokens_are_stored_only_as_digests(client, make, db):
    make.user("fr.officer", "FR")
    secret = make.login("fr.officer")["Authorization"].removeprefix("Bearer ")
    stored = db.scalars(select(Token)).one()
    assert secret not in (stored.digest, stored.hint)
    assert len(stored.digest) == 64


def test_cached_tokens_are_still_refused_at_once_after_revocation_or_disabling(database_url):
    app = create_app(make_settings(database_url, auth_cache_seconds=60))
    with TestClient(app) as client:
        factory = Factory(app, client)
        admin = factory.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
        officer = factory.user("fr.officer", "FR")
        headers = factory.login("fr.officer")
        for _ in range(3):  # served from the cache after the first check
            assert client.get("/api/v1/me", headers=headers).status_code == 200
        client.patch(f"/api/v1/users/{officer.id}", json={"disabled": True}, headers=admin)
        assert client.get("/api/v1/me", headers=headers).status_code == 401
        assert client.post("/api/v1/auth/logout", headers=admin).status_code == 204
        assert client.get("/api/v1/me", headers=admin).status_code == 401
    _empty_tables(app)
