"""Two bureaus exchange signed, encrypted messages with receipts; a third cannot read them."""

from __future__ import annotations

import hashlib
import json

import nacl.signing
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.messaging.models import Message, MessageRecipient
from tests.messaging.conftest import message, send


def _verify(client, headers, read: dict) -> None:
    """What any recipient can do on its own: check the signature and the content hash."""
    keys = client.get(f"/api/v1/messages/keys/{read['sender_bureau']}", headers=headers).json()
    public = next(k["sign_public"] for k in keys if k["version"] == read["key_version"])
    verify_key = nacl.signing.VerifyKey(public.encode(), encoder=nacl.encoding.Base64Encoder)
    signature = nacl.encoding.Base64Encoder.decode(read["signature"].encode())
    verify_key.verify(read["envelope"].encode(), signature)
    envelope = json.loads(read["envelope"])
    assert hashlib.sha256(read["content"].encode()).hexdigest() == envelope["content_sha256"]
    assert envelope["recipients"] == read["recipients"]


def test_two_bureaus_exchange_signed_encrypted_messages_with_receipts(client, bureaus, db):
    sent = send(client, bureaus.fr)
    assert sent["recipients"] == ["EG"]

    page = client.get("/api/v1/messages", headers=bureaus.eg_officer).json()
    assert [m["id"] for m in page["items"]] == [sent["id"]]
    assert page["items"][0]["subject"] == "Stolen lorry heading for Port Said"
    assert page["items"][0]["status"] == "delivered"

    read = client.get(f"/api/v1/messages/{sent['id']}", headers=bureaus.eg_officer).json()
    assert read["body"].startswith("The lorry AB-123-CD")
    assert read["references"] == [{"kind": "case", "ref": "FR-2026-0412"}]
    _verify(client, bureaus.eg_officer, read)

    acked = client.post(f"/api/v1/messages/{sent['id']}/acknowledge", headers=bureaus.eg)
    assert acked.status_code == 200, acked.text
    assert acked.json()["acknowledged_by"] == "eg.operator"

    receipts = client.get(f"/api/v1/messages/{sent['id']}/receipts", headers=bureaus.fr).json()
    assert [(r["bureau"], r["status"]) for r in receipts] == [("EG", "acknowledged")]
    assert all(receipts[0][f] for f in ("delivered_at", "read_at", "acknowledged_at"))

    # The reply comes back on the same thread.
    reply = send(
        client,
        bureaus.eg,
        message(["FR"], subject="Re: lorry", body="Seized at the port.", in_reply_to=sent["id"]),
    )
    assert reply["thread_id"] == sent["id"]
    back = client.get(f"/api/v1/messages/{reply['id']}", headers=bureaus.fr).json()
    assert back["body"] == "Seized at the port."
    _verify(client, bureaus.fr, back)

    db.commit()
    reads = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "message.read", AuditEntry.outcome == "success"
        )
    ).all()
    # EG read the first message (and again to reply to it); FR read the reply.
    assert {(e.actor_bureau, e.target_ids[0]) for e in reads} == {
        ("EG", sent["id"]),
        ("FR", reply["id"]),
    }


def test_a_third_bureau_cannot_read_and_is_audited(client, bureaus, db):
    sent = send(client, bureaus.fr)
    for path in ("", "/receipts", "/attachments/0"):
        refused = client.get(f"/api/v1/messages/{sent['id']}{path}", headers=bureaus.es)
        # As if it did not exist (issue 13, finding 4).
        assert refused.status_code == 404, refused.text
        assert refused.json()["code"] == "message.not_found"
    assert client.get("/api/v1/messages", headers=bureaus.es).json()["total"] == 0
    ack = client.post(f"/api/v1/messages/{sent['id']}/acknowledge", headers=bureaus.es)
    assert ack.status_code == 404
    reply = client.post(
        "/api/v1/messages", json=message(["FR"], in_reply_to=sent["id"]), headers=bureaus.es
    )
    assert reply.status_code == 404
    db.commit()
    denied = db.scalars(select(AuditEntry).where(AuditEntry.outcome == "denied")).all()
    assert len(denied) == 5
    assert {e.actor_bureau for e in denied} == {"ES"}
    assert all(e.query["code"] == "message.not_found" for e in denied)


def test_the_database_alone_reveals_no_content(client, bureaus, db):
    sent = send(client, bureaus.fr)
    db.commit()
    row = db.scalar(select(Message).where(Message.id == sent["id"]))
    stored = b" ".join(
        [row.ciphertext, row.wrapped_key or b"", row.envelope.encode(), row.terms.encode()]
    )
    for secret in (b"lorry", b"Lorry", b"Marseille", b"forged", b"FR-2026-0412", b"Port Said"):
        assert secret not in stored


def test_only_operators_send(client, bureaus):
    refused = client.post("/api/v1/messages", json=message(), headers=bureaus.eg_officer)
    assert refused.status_code == 403
    assert refused.json()["code"] == "auth.forbidden"


def test_addressing_regions_all_members_and_the_secretariat(client, bureaus, db):
    europe = send(client, bureaus.fr, message([], to={"regions": ["europe"]}))
    assert "FR" not in europe["recipients"]
    assert {"DE", "ES", "GB", "TR"} <= set(europe["recipients"])
    assert "EG" not in europe["recipients"]
    everyone = send(client, bureaus.fr, message([], to={"all_members": True, "secretariat": True}))
    assert len(everyone["recipients"]) == 196  # 196 members, less FR, plus XG
    assert "XG" in everyone["recipients"]
    secretariat = send(client, bureaus.fr, message([], to={"secretariat": True}))
    assert secretariat["recipients"] == ["XG"]
    xg = client.get("/api/v1/messages", headers=bureaus.xg).json()
    assert {m["id"] for m in xg["items"]} == {everyone["id"], secretariat["id"]}
    db.commit()
    count = db.scalars(
        select(MessageRecipient).where(MessageRecipient.message_id == everyone["id"])
    ).all()
    assert len(count) == 196


def test_search_by_subject_word_and_reference(client, bureaus):
    first = send(client, bureaus.fr)
    send(
        client,
        bureaus.fr,
        message(subject="Counterfeit euros", references=[{"kind": "notice", "ref": "A-1/2026"}]),
    )

    def found(**params):
        page = client.get("/api/v1/messages", params=params, headers=bureaus.eg).json()
        return {m["subject"] for m in page["items"]}

    assert found(q="LORRY port") == {"Stolen lorry heading for Port Said"}
    assert found(q="euros") == {"Counterfeit euros"}
    assert found(q="lorry euros") == set()
    assert found(reference="case:fr-2026-0412") == {"Stolen lorry heading for Port Said"}
    assert found(reference="notice:A-1/2026") == {"Counterfeit euros"}
    sent_box = client.get("/api/v1/messages", params={"box": "sent"}, headers=bureaus.fr).json()
    assert sent_box["total"] == 2
    assert first["id"] in {m["id"] for m in sent_box["items"]}
