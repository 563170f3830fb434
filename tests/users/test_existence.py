"""Finding 4 of issue 13: another bureau's user or token answers exactly as one that does not
exist (404, same body), and the attempt is audited as a refusal."""

from __future__ import annotations

from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.core.principal import Role

UNKNOWN = 987654


def _same_answer(hidden, unknown, hidden_id: int) -> None:
    assert hidden.status_code == unknown.status_code == 404
    body = hidden.json()
    body["detail"] = body["detail"].replace(str(hidden_id), str(UNKNOWN))
    body["instance"] = body["instance"].replace(str(hidden_id), str(UNKNOWN))
    assert body == unknown.json()


def test_another_bureau_user_answers_like_an_unknown_one(client, make, db):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    other = make.user("de.officer", "DE")
    for method, body in (("GET", None), ("PATCH", {"disabled": True})):
        hidden = client.request(method, f"/api/v1/users/{other.id}", json=body, headers=admin)
        unknown = client.request(method, f"/api/v1/users/{UNKNOWN}", json=body, headers=admin)
        _same_answer(hidden, unknown, other.id)
    listed = client.get("/api/v1/tokens", params={"user_id": other.id}, headers=admin)
    assert listed.status_code == 404
    db.commit()
    denied = db.scalars(
        select(AuditEntry).where(AuditEntry.outcome == "denied", AuditEntry.actor_bureau == "FR")
    ).all()
    assert any(f"/api/v1/users/{other.id}" in e.target_ids[0] for e in denied)


def test_a_colleague_is_hidden_from_an_officer_like_an_unknown_user(client, make):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    colleague = make.user("fr.colleague", "FR")
    hidden = client.get(f"/api/v1/users/{colleague.id}", headers=officer)
    _same_answer(hidden, client.get(f"/api/v1/users/{UNKNOWN}", headers=officer), colleague.id)


def test_another_bureau_token_answers_like_an_unknown_one(client, make):
    de_admin = make.user_headers("de.admin", "DE", Role.BUREAU_ADMIN)
    gate = make.user("de.gate", "DE", Role.OFFICER, password=None)
    issued = client.post(
        "/api/v1/tokens", json={"user_id": gate.id, "name": "Gate"}, headers=de_admin
    ).json()
    fr_admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    hidden = client.delete(f"/api/v1/tokens/{issued['id']}", headers=fr_admin)
    unknown = client.delete(f"/api/v1/tokens/{UNKNOWN}", headers=fr_admin)
    _same_answer(hidden, unknown, issued["id"])
