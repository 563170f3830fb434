"""Finding 1 of issue 13: no token outlives a password change, a reset or a disabling, a
self-service change needs the current password, and API tokens are capped and minted only by
administrators."""

from __future__ import annotations

from amana.core.principal import Role
from tests.conftest import PASSWORD

NEW_PASSWORD = "a-much-better-passphrase"


def _api_token(client, admin: dict[str, str], user_id: int, days: int = 30) -> dict[str, str]:
    issued = client.post(
        "/api/v1/tokens", json={"user_id": user_id, "name": "Gate", "days": days}, headers=admin
    )
    assert issued.status_code == 201, issued.text
    return {"Authorization": f"Bearer {issued.json()['token']}"}


def _works(client, headers: dict[str, str]) -> bool:
    return client.get("/api/v1/me", headers=headers).status_code == 200


def test_an_administrator_reset_revokes_every_token_of_the_user(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    user = make.user("fr.officer", "FR")
    session = make.login("fr.officer")
    api = _api_token(client, admin, user.id)
    reset = client.patch(f"/api/v1/users/{user.id}", json={"password": NEW_PASSWORD}, headers=admin)
    assert reset.status_code == 200, reset.text
    for headers in (session, api):
        refused = client.get("/api/v1/me", headers=headers)
        assert refused.status_code == 401
        assert refused.json()["code"] == "auth.token_revoked"
    assert _works(client, make.login("fr.officer", NEW_PASSWORD))
    assert _works(client, admin)
    listed = client.get("/api/v1/tokens", params={"user_id": user.id}, headers=admin).json()
    assert all(t["revoked_at"] for t in listed if t["kind"] == "api")


def test_a_self_service_change_needs_the_current_password(client, make):
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    url = f"/api/v1/users/{user.id}"
    bare = client.patch(url, json={"password": NEW_PASSWORD}, headers=headers)
    assert bare.status_code == 422
    assert bare.json()["code"] == "user.current_password_required"
    wrong = client.patch(
        url, json={"password": NEW_PASSWORD, "current_password": "not-it-at-all"}, headers=headers
    )
    assert wrong.status_code == 403
    assert wrong.json()["code"] == "user.current_password_wrong"
    assert make.login("fr.officer", PASSWORD)  # unchanged


def test_a_self_service_change_keeps_only_the_session_making_it(client, make):
    user = make.user("fr.officer", "FR")
    making, other = make.login("fr.officer"), make.login("fr.officer")
    changed = client.patch(
        f"/api/v1/users/{user.id}",
        json={"password": NEW_PASSWORD, "current_password": PASSWORD},
        headers=making,
    )
    assert changed.status_code == 200, changed.text
    assert _works(client, making)
    assert not _works(client, other)


def test_re_enabling_does_not_revive_tokens_issued_before_the_disabling(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    user = make.user("fr.officer", "FR")
    session = make.login("fr.officer")
    api = _api_token(client, admin, user.id)
    url = f"/api/v1/users/{user.id}"
    assert client.patch(url, json={"disabled": True}, headers=admin).status_code == 200
    assert client.patch(url, json={"disabled": False}, headers=admin).status_code == 200
    assert not _works(client, session)
    assert not _works(client, api)
    assert _works(client, make.login("fr.officer"))


def test_only_administrators_mint_api_tokens(client, make):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    refused = client.post("/api/v1/tokens", json={"name": "mine", "days": 30}, headers=officer)
    assert refused.status_code == 403
    operator = make.user_headers("fr.operator", "FR", Role.BUREAU_OPERATOR)
    assert client.post("/api/v1/tokens", json={"name": "x"}, headers=operator).status_code == 403


def test_api_token_lifetime_is_capped_by_the_setting(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    gate = make.user("fr.gate", "FR", Role.OFFICER, password=None)
    body = {"user_id": gate.id, "name": "Gate", "days": 3650}
    too_long = client.post("/api/v1/tokens", json=body, headers=admin)
    assert too_long.status_code == 422
    assert too_long.json()["code"] == "token.lifetime_too_long"
    assert too_long.json()["max_days"] == 365
    capped = client.post("/api/v1/tokens", json={**body, "days": 365}, headers=admin)
    assert capped.status_code == 201
