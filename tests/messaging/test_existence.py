"""Finding 4 of issue 13: another bureau's message answers exactly as one that does not exist,
from every path that opens a message, and the attempt is audited as a refusal."""

from __future__ import annotations

from sqlalchemy import select

from amana.audit.models import AuditEntry
from tests.messaging.conftest import message, send

UNKNOWN = "0" * 32
FORWARD = {"to": {"bureaus": ["DE"]}, "note": "fyi", "idempotency_key": "fwd-0001-abcdef"}


def _same(hidden, unknown, hidden_id: str) -> None:
    assert hidden.status_code == unknown.status_code == 404, hidden.text
    body = hidden.json()
    body["detail"] = body["detail"].replace(hidden_id, UNKNOWN)
    body["instance"] = body["instance"].replace(hidden_id, UNKNOWN)
    body["message_id"] = UNKNOWN
    assert body == unknown.json()


def test_another_bureau_message_answers_like_an_unknown_one(client, bureaus, db):
    sent = send(client, bureaus.fr)["id"]
    for method, path, body in (
        ("GET", "", None),
        ("GET", "/receipts", None),
        ("GET", "/attachments/0", None),
        ("POST", "/acknowledge", None),
        (
            "POST",
            "/forward",
            {"to": {"bureaus": ["DE"]}, "note": "fyi", "idempotency_key": "fwd-0001-abcdef"},
        ),
    ):
        hidden = client.request(
            method, f"/api/v1/messages/{sent}{path}", json=body, headers=bureaus.es
        )
        unknown = client.request(
            method, f"/api/v1/messages/{UNKNOWN}{path}", json=body, headers=bureaus.es
        )
        _same(hidden, unknown, sent)
    reply = client.post(
        "/api/v1/messages", json=message(["FR"], in_reply_to=sent), headers=bureaus.es
    )
    assert reply.status_code == 404
    assert reply.json()["code"] == "message.not_found"
    db.commit()
    denied = db.scalars(select(AuditEntry).where(AuditEntry.outcome == "denied")).all()
    assert {e.actor_bureau for e in denied} == {"ES"}
    assert any(sent in e.target_ids[0] for e in denied)
