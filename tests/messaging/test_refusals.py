"""Bad input is refused with a clear reason, audited, and stores nothing."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import func, select, update

from amana.audit.models import AuditEntry
from amana.messaging.models import Message, MessageAttachment, MessageRecipient
from tests.messaging.conftest import message, send

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _attachment(data: bytes, content_type: str = "application/pdf", name: str = "report.pdf"):
    return {
        "filename": name,
        "content_type": content_type,
        "content_base64": base64.b64encode(data).decode(),
    }


def _nothing_stored(db) -> None:
    db.commit()
    for model in (Message, MessageRecipient, MessageAttachment):
        assert db.scalar(select(func.count()).select_from(model)) == 0


def _denied_codes(db) -> list[str]:
    db.commit()
    entries = db.scalars(
        select(AuditEntry).where(AuditEntry.outcome == "denied").order_by(AuditEntry.seq)
    )
    return [e.query["code"] for e in entries]


def test_a_retried_send_never_creates_a_duplicate(client, bureaus, db):
    body = message()
    first = send(client, bureaus.fr, body)
    again = client.post("/api/v1/messages", json=body, headers=bureaus.fr)
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    changed = client.post(
        "/api/v1/messages", json={**body, "body": "something else"}, headers=bureaus.fr
    )
    assert changed.status_code == 409
    assert changed.json()["code"] == "message.idempotency_conflict"
    db.commit()
    assert db.scalar(select(func.count()).select_from(Message)) == 1
    # Another bureau may use the same key for its own message.
    assert send(client, bureaus.eg, {**body, "to": {"bureaus": ["FR"]}})["id"] != first["id"]


@pytest.mark.parametrize(
    ("to", "code", "status"),
    [
        ({"bureaus": ["EG", "QQ"]}, "message.unknown_recipient", 422),
        ({"regions": ["atlantis"]}, "message.unknown_region", 422),
        ({"bureaus": ["FR"]}, "message.no_recipient", 422),
    ],
)
def test_bad_addressees_are_refused(client, bureaus, db, to, code, status):
    refused = client.post("/api/v1/messages", json=message(to=to), headers=bureaus.fr)
    assert refused.status_code == status, refused.text
    assert refused.json()["code"] == code
    _nothing_stored(db)
    assert _denied_codes(db) == [code]


def test_attachments_are_checked_hashed_encrypted_and_served(client, bureaus, db):
    sent = send(client, bureaus.fr, message(attachments=[_attachment(PDF)]))
    read = client.get(f"/api/v1/messages/{sent['id']}", headers=bureaus.eg).json()
    [meta] = read["attachments"]
    assert meta["size"] == len(PDF)
    assert meta["content_type"] == "application/pdf"
    got = client.get(f"/api/v1/messages/{sent['id']}/attachments/0", headers=bureaus.eg)
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["x-content-sha256"] == meta["sha256"]
    db.commit()
    stored = db.scalar(select(MessageAttachment.ciphertext))
    assert b"%PDF" not in stored


@pytest.mark.parametrize(
    ("attachment", "code", "status"),
    [
        (_attachment(b"MZ\x90\x00 not a pdf"), "message.attachment_mislabelled", 422),
        (
            _attachment(b"hello", "application/x-msdownload", "a.exe"),
            "message.attachment_type",
            422,
        ),
        (_attachment(PDF)["content_base64"], None, 422),
        ({**_attachment(PDF), "content_base64": "***"}, "message.attachment_encoding", 422),
    ],
)
def test_bad_attachments_are_refused(client, bureaus, db, attachment, code, status):
    refused = client.post(
        "/api/v1/messages", json=message(attachments=[attachment]), headers=bureaus.fr
    )
    assert refused.status_code == status, refused.text
    if code:
        assert refused.json()["code"] == code
        assert _denied_codes(db) == [code]
    _nothing_stored(db)


def test_an_oversize_attachment_is_refused(client, bureaus, app, db):
    limit = app.state.settings.messaging_attachment_max_bytes
    big = _attachment(b"%PDF-" + b"0" * limit)
    refused = client.post("/api/v1/messages", json=message(attachments=[big]), headers=bureaus.fr)
    assert refused.status_code == 413
    assert refused.json()["code"] == "message.attachment_too_large"
    _nothing_stored(db)


def test_a_tampered_ciphertext_or_envelope_is_refused_on_read(client, bureaus, db):
    sent = send(client, bureaus.fr)
    db.commit()
    original = db.scalar(select(Message).where(Message.id == sent["id"]))
    flipped = bytes([original.ciphertext[0] ^ 1]) + original.ciphertext[1:]
    envelope = original.envelope
    db.execute(update(Message).where(Message.id == sent["id"]).values(ciphertext=flipped))
    db.commit()
    refused = client.get(f"/api/v1/messages/{sent['id']}", headers=bureaus.eg)
    assert refused.status_code == 409
    assert refused.json()["code"] == "message.tampered_ciphertext"

    # An attacker widening the recipients behind Amana's back breaks the signature.
    forged = envelope.replace('"recipients":["EG"]', '"recipients":["EG","ES"]')
    db.execute(
        update(Message)
        .where(Message.id == sent["id"])
        .values(ciphertext=original.ciphertext, envelope=forged)
    )
    db.commit()
    refused = client.get(f"/api/v1/messages/{sent['id']}", headers=bureaus.eg)
    assert refused.status_code == 409
    assert refused.json()["code"] == "message.forged_signature"
    assert _denied_codes(db) == ["message.tampered_ciphertext", "message.forged_signature"]


def test_a_handling_code_is_enforced_on_forwarding(client, bureaus):
    def forward(headers, message_id, to, expect):
        response = client.post(
            f"/api/v1/messages/{message_id}/forward",
            json={
                "to": {"bureaus": to},
                "note": "FYI",
                "idempotency_key": f"fwd-{message_id}-{to}",
            },
            headers=headers,
        )
        assert response.status_code == expect, response.text
        return response.json()

    police = send(client, bureaus.fr, message(attachments=[_attachment(PDF)]))
    passed = forward(bureaus.eg, police["id"], ["ES"], 201)
    assert passed["forwarded_from"] == police["id"]
    copy = client.get(f"/api/v1/messages/{passed['id']}", headers=bureaus.es).json()
    assert "The lorry AB-123-CD" in copy["body"]
    assert (
        copy["attachments"][0]["sha256"]
        == client.get(f"/api/v1/messages/{police['id']}", headers=bureaus.eg).json()["attachments"][
            0
        ]["sha256"]
    )

    consent = send(client, bureaus.fr, message(handling_code="no_further_dissemination"))
    refused = forward(bureaus.eg, consent["id"], ["ES"], 403)
    assert refused["code"] == "message.handling_needs_consent"
    assert forward(bureaus.fr, consent["id"], ["ES"], 201)["handling_code"] == (
        "no_further_dissemination"
    )

    named = send(client, bureaus.fr, message(handling_code="named_recipients_only"))
    assert forward(bureaus.eg, named["id"], ["ES"], 403)["code"] == "message.handling_no_forward"
    broadcast = client.post(
        "/api/v1/messages",
        json=message(handling_code="named_recipients_only", to={"regions": ["europe"]}),
        headers=bureaus.fr,
    )
    assert broadcast.json()["code"] == "message.handling_named_only"
    # A reply stays within the parties of a restricted thread.
    outside = client.post(
        "/api/v1/messages",
        json=message(["FR", "ES"], in_reply_to=named["id"]),
        headers=bureaus.eg,
    )
    assert outside.status_code == 422
    assert outside.json()["code"] == "message.handling_reply_scope"


def test_a_batch_is_stored_whole_or_not_at_all(client, bureaus, db):
    good = [message() for _ in range(3)]
    bad = [*good, message(["QQ"])]
    refused = client.post("/api/v1/messages/batch", json={"messages": bad}, headers=bureaus.fr)
    assert refused.status_code == 422
    assert refused.json()["code"] == "message.unknown_recipient"
    assert refused.json()["index"] == 3
    _nothing_stored(db)
    accepted = client.post("/api/v1/messages/batch", json={"messages": good}, headers=bureaus.fr)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["created"] == 3
    retried = client.post(
        "/api/v1/messages/batch", json={"messages": [*good, message()]}, headers=bureaus.fr
    )
    assert retried.json()["created"] == 1
    assert [m["id"] for m in retried.json()["items"][:3]] == [
        m["id"] for m in accepted.json()["items"]
    ]
    assert client.get("/api/v1/messages", headers=bureaus.eg).json()["total"] == 4
