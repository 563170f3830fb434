"""Bureau administrators manage their own bureau's users through the API."""

from __future__ import annotations

from amana.core.principal import Role
from tests.conftest import PASSWORD


def test_an_admin_creates_a_user_who_can_then_sign_in(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    body = {
        "username": "  FR.Nouveau ",
        "display_name": "Nouvel Agent",
        "bureau": "fr",
        "roles": ["bureau_operator", "officer"],
        "password": PASSWORD,
    }
    created = client.post("/api/v1/users", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["username"] == "fr.nouveau"
    assert created.json()["bureau"] == "FR"
    assert created.json()["roles"] == ["bureau_operator", "officer"]
    assert "password" not in created.text
    headers = make.login("fr.nouveau")
    assert client.get("/api/v1/me", headers=headers).json()["bureau"] == "FR"


def test_admins_list_only_their_own_bureau(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    make.user("de.officer", "DE")
    listed = client.get("/api/v1/users", headers=admin).json()
    assert {user["bureau"] for user in listed["items"]} == {"FR"}
    assert client.get("/api/v1/users", params={"bureau": "DE"}, headers=admin).status_code == 403


def test_users_change_their_own_password(client, make):
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    new_password = "a-much-better-passphrase"
    changed = client.patch(
        f"/api/v1/users/{user.id}",
        json={"password": new_password, "current_password": PASSWORD},
        headers=headers,
    )
    assert changed.status_code == 200
    assert make.login("fr.officer", new_password)
    old = client.post("/api/v1/auth/login", json={"username": "fr.officer", "password": PASSWORD})
    assert old.status_code == 401


def test_an_admin_cannot_reach_another_bureau_user(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    other = make.user("de.officer", "DE")
    # Answered as if the user did not exist (issue 13, finding 4).
    assert client.get(f"/api/v1/users/{other.id}", headers=admin).status_code == 404
    patch = client.patch(f"/api/v1/users/{other.id}", json={"disabled": True}, headers=admin)
    assert patch.status_code == 404
