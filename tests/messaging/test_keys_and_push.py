"""Key rotation keeps old messages verifiable; clients are pushed messages as they arrive;
urgent messages not acknowledged in time escalate."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

from sqlalchemy import select, update

from amana.audit.models import AuditEntry
from amana.core.db import utcnow
from amana.messaging.models import Message
from tests.messaging.conftest import message, send


def test_rotation_keeps_old_messages_verifiable(client, bureaus):
    before = send(client, bureaus.fr)
    refused = client.post("/api/v1/messages/keys/FR/rotate", headers=bureaus.eg)
    assert refused.status_code == 403
    rotated = client.post("/api/v1/messages/keys/FR/rotate", headers=bureaus.fr_admin)
    assert rotated.status_code == 201, rotated.text
    assert rotated.json()["version"] == 2
    after = send(client, bureaus.fr)
    keys = client.get("/api/v1/messages/keys/FR", headers=bureaus.eg).json()
    assert [(k["version"], k["retired_at"] is None) for k in keys] == [(1, False), (2, True)]
    old = client.get(f"/api/v1/messages/{before['id']}", headers=bureaus.eg).json()
    new = client.get(f"/api/v1/messages/{after['id']}", headers=bureaus.eg).json()
    assert (old["key_version"], new["key_version"]) == (1, 2)
    assert old["body"] == new["body"]


def _events(raw: str) -> list[dict]:
    events = []
    for block in raw.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in fields:
            events.append(
                {"event": fields["event"], "id": fields.get("id"), **json.loads(fields["data"])}
            )
    return events


def test_a_connected_client_is_pushed_each_message_and_resumes_after_a_gap(client, bureaus, db):
    pushed: list[str] = []

    def listen():
        response = client.get(
            "/api/v1/messages/stream",
            params={"max_events": 1, "idle_seconds": 10},
            headers=bureaus.eg_officer,
        )
        pushed.append(response.text)

    listener = threading.Thread(target=listen)
    listener.start()
    messaging = client.app.state.messaging
    for _ in range(100):  # wait until the client is connected
        if messaging.hub.connected("EG"):
            break
        threading.Event().wait(0.02)
    sent = send(client, bureaus.fr)
    listener.join(timeout=10)
    [event] = _events(pushed[0])
    assert event["event"] == "message"
    assert event["message_id"] == sent["id"]
    assert "subject" not in event
    assert "body" not in event

    # A client that was away asks for what it missed after the last id it saw.
    missed = [send(client, bureaus.fr)["id"] for _ in range(3)]
    resumed = client.get(
        "/api/v1/messages/stream",
        params={"max_events": 3},
        headers={**bureaus.eg_officer, "Last-Event-ID": event["id"]},
    )
    assert [e["message_id"] for e in _events(resumed.text)] == missed
    messaging.deliveries.flush()
    receipts = client.get(f"/api/v1/messages/{missed[0]}/receipts", headers=bureaus.fr).json()
    assert receipts[0]["status"] == "delivered"

    # ES is not an addressee: nothing for it.
    nothing = client.get(
        "/api/v1/messages/stream",
        params={"after": 0, "idle_seconds": 0.2},
        headers=bureaus.es,
    )
    assert _events(nothing.text) == []


def test_urgent_messages_not_acknowledged_in_time_escalate(client, bureaus, db):
    urgent = send(client, bureaus.fr, message(["EG", "ES"], priority="urgent"))
    acknowledged = send(client, bureaus.fr, message(["EG"], priority="urgent"))
    routine = send(client, bureaus.fr, message(["EG"]))
    client.post(f"/api/v1/messages/{urgent['id']}/acknowledge", headers=bureaus.eg)
    client.post(f"/api/v1/messages/{acknowledged['id']}/acknowledge", headers=bureaus.eg)
    messaging = client.app.state.messaging
    assert messaging.escalate_now() == []  # not due yet
    db.execute(update(Message).values(ack_due_at=utcnow() - timedelta(seconds=1)))
    db.commit()
    [event] = messaging.escalate_now()
    assert event.message_id == urgent["id"]
    assert event.bureaus == ("FR", "XG")
    assert event.detail == {"unacknowledged": "ES"}
    assert messaging.escalate_now() == []  # once only
    sent_box = client.get("/api/v1/messages", params={"box": "sent"}, headers=bureaus.fr).json()
    escalated = {m["id"] for m in sent_box["items"] if m["escalated_at"]}
    assert escalated == {urgent["id"]}
    assert routine["id"] not in escalated
    seen_by_xg = client.get("/api/v1/messages/escalations", headers=bureaus.xg).json()
    assert [(m["id"], m["subject"]) for m in seen_by_xg["items"]] == [(urgent["id"], None)]
    seen_by_fr = client.get("/api/v1/messages/escalations", headers=bureaus.fr).json()
    assert seen_by_fr["items"][0]["subject"] == "Stolen lorry heading for Port Said"
    assert client.get("/api/v1/messages/escalations", headers=bureaus.eg).json()["total"] == 0
    db.commit()
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "message.escalate"))
    assert entry.target_ids == [urgent["id"]]
