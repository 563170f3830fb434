"""End-to-end mode: bureaus' own systems hold their keys; the server relays what it cannot read."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

import nacl.public
import nacl.signing
import pytest
from sqlalchemy import select

from amana.core.db import utcnow
from amana.core.principal import Role
from amana.messaging import crypto
from amana.messaging.models import Message
from amana.messaging.store import message_id
from tests.messaging.conftest import message

SECRET_TEXT = "Informant meets the courier at the Corniche at 21:00"


@dataclass
class BureauSystem:
    """What a bureau runs on its own premises: its keys never reach Amana."""

    code: str
    signing: nacl.signing.SigningKey
    box: nacl.public.PrivateKey

    @classmethod
    def new(cls, code: str) -> BureauSystem:
        return cls(code, nacl.signing.SigningKey.generate(), nacl.public.PrivateKey.generate())

    def register(self, client, headers) -> int:
        response = client.post(
            f"/api/v1/messages/keys/{self.code}",
            json={
                "sign_public": crypto.b64(bytes(self.signing.verify_key)),
                "box_public": crypto.b64(bytes(self.box.public_key)),
            },
            headers=headers,
        )
        assert response.status_code == 201, response.text
        return int(response.json()["version"])

    def compose(self, version: int, boxes: dict[str, str], *, key=None, signed_at=None, **over):
        data_key = crypto.new_data_key()
        ciphertext = crypto.seal(data_key, SECRET_TEXT.encode(), b"")
        idempotency_key = key or uuid.uuid4().hex
        envelope = {
            "v": 1,
            "id": message_id(self.code, idempotency_key),
            "sender": self.code,
            "key_version": version,
            "recipients": sorted(boxes),
            "priority": "urgent",
            "handling_code": "named_recipients_only",
            "language": "en",
            "thread_id": None,
            "in_reply_to": None,
            "forwarded_from": None,
            "idempotency_key": idempotency_key,
            "mode": "e2e",
            "signed_at": (signed_at or utcnow()).isoformat(),
            "content_sha256": crypto.sha256(ciphertext),
        }
        envelope.update(over)
        signed = crypto.canonical(envelope)
        return {
            "envelope": signed.decode(),
            "signature": crypto.sign(self.signing, signed),
            "ciphertext_base64": crypto.b64(ciphertext),
            "sealed_keys": {c: crypto.b64(crypto.seal_for(b, data_key)) for c, b in boxes.items()},
        }

    def open(self, read: dict, sender_public: str) -> str:
        assert crypto.verify(sender_public, read["envelope"].encode(), read["signature"])
        data_key = crypto.open_sealed(self.box, crypto.unb64(read["sealed_key"]))
        return crypto.unseal(data_key, crypto.unb64(read["ciphertext_base64"]), b"").decode()


@pytest.fixture
def systems(client, make, bureaus):
    eg_admin = make.user_headers("eg.admin", "EG", Role.BUREAU_ADMIN)
    fr, eg = BureauSystem.new("FR"), BureauSystem.new("EG")
    return fr, fr.register(client, bureaus.fr_admin), eg, eg.register(client, eg_admin)


def _boxes(eg: BureauSystem) -> dict[str, str]:
    return {"EG": crypto.b64(bytes(eg.box.public_key))}


def test_the_server_relays_what_it_cannot_read(client, bureaus, systems, db):
    fr, fr_version, eg, _ = systems
    body = fr.compose(fr_version, _boxes(eg))
    sent = client.post("/api/v1/messages/e2e", json=body, headers=bureaus.fr)
    assert sent.status_code == 201, sent.text
    assert sent.json()["subject"] is None

    read = client.get(f"/api/v1/messages/{sent.json()['id']}", headers=bureaus.eg).json()
    assert read["body"] is None
    assert read["content"] is None
    keys = client.get("/api/v1/messages/keys/FR", headers=bureaus.eg).json()
    public = next(k["sign_public"] for k in keys if k["version"] == read["key_version"])
    assert eg.open(read, public) == SECRET_TEXT

    again = client.post("/api/v1/messages/e2e", json=body, headers=bureaus.fr)
    assert again.status_code == 200
    assert again.json()["id"] == sent.json()["id"]
    db.commit()
    rows = db.scalars(select(Message)).all()
    assert len(rows) == 1
    assert b"Corniche" not in rows[0].ciphertext
    assert client.get(f"/api/v1/messages/{rows[0].id}", headers=bureaus.es).status_code == 404


def test_end_to_end_refusals(client, bureaus, systems):
    fr, fr_version, eg, _ = systems

    def refused(body, headers=bureaus.fr):
        response = client.post("/api/v1/messages/e2e", json=body, headers=headers)
        assert response.status_code in (403, 409, 422), response.text
        return response.json()["code"]

    impostor = BureauSystem.new("FR")
    assert refused(impostor.compose(fr_version, _boxes(eg))) == "message.forged_signature"
    stale = fr.compose(fr_version, _boxes(eg), signed_at=utcnow() - timedelta(hours=1))
    assert refused(stale) == "message.replayed"
    body = fr.compose(fr_version, _boxes(eg))
    assert refused(body, bureaus.es) == "message.sender_mismatch"
    tampered = {**body, "ciphertext_base64": crypto.b64(b"x" * 64)}
    assert refused(tampered) == "message.tampered_ciphertext"
    unsealed = {**body, "sealed_keys": {}}
    assert refused(unsealed) == "message.sealed_keys_mismatch"
    no_key = fr.compose(fr_version, {"ES": crypto.b64(bytes(eg.box.public_key))})
    assert refused(no_key) == "message.recipient_without_e2e_key"
    pretty = {**body, "envelope": json.dumps(json.loads(body["envelope"]), indent=1)}
    assert refused(pretty) == "message.bad_envelope"
    # Once FR's system holds its keys, the server can no longer sign for FR.
    server_mode = client.post("/api/v1/messages", json=message(), headers=bureaus.fr)
    assert server_mode.json()["code"] == "message.e2e_only"
