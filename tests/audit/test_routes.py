"""Bureau administrators read their own bureau's trail over the API, and nobody else's."""

from __future__ import annotations

from amana.core.principal import Role


def test_a_bureau_admin_reads_only_its_own_bureau_trail(client, make):
    fr_admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    make.user_headers("de.officer", "DE", Role.OFFICER)  # a DE login, audited for DE
    response = client.get("/api/v1/audit", headers=fr_admin)
    assert response.status_code == 200, response.text
    entries = response.json()["items"]
    assert entries, "the FR admin's own login must be in the FR trail"
    assert {entry["actor_bureau"] for entry in entries} == {"FR"}
    assert any(e["action"] == "auth.login" and e["actor_username"] == "fr.admin" for e in entries)


def test_a_bureau_admin_cannot_read_another_bureau_trail(client, make):
    fr_admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    response = client.get("/api/v1/audit", params={"bureau": "DE"}, headers=fr_admin)
    assert response.status_code == 403
    assert response.json()["code"] == "auth.forbidden"


def test_reading_the_trail_is_itself_audited(client, make):
    fr_admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    client.get("/api/v1/audit", headers=fr_admin)
    entries = client.get("/api/v1/audit", headers=fr_admin).json()["items"]
    assert any(entry["action"] == "audit.read" for entry in entries)


def test_system_admin_reads_any_bureau_and_verifies(client, make):
    admin = make.user_headers("sysadmin", "XG", Role.SYSTEM_ADMIN)
    make.user_headers("de.officer", "DE", Role.OFFICER)
    de_trail = client.get("/api/v1/audit", params={"bureau": "de"}, headers=admin).json()
    assert {entry["actor_bureau"] for entry in de_trail["items"]} == {"DE"}
    verified = client.get("/api/v1/audit/verify", headers=admin).json()
    assert verified["ok"] is True
    assert verified["checked"] >= 3


def test_an_officer_cannot_verify_or_read_the_trail(client, make):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    assert client.get("/api/v1/audit", headers=officer).status_code == 403
    assert client.get("/api/v1/audit/verify", headers=officer).status_code == 403
