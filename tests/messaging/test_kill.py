"""Accepted means durable: kill -9 a node mid-stream, restart it, and count every message.

Real server processes on the test database (SQLite and PostgreSQL runs), for the embedded
backbone (one node: the recipient is connected to the node that is killed, and resumes with
Last-Event-ID) and the NATS backbone (two nodes: the sender's node is killed while the recipient
is connected to the other one, and gets everything over JetStream).
"""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from amana.core.principal import Role
from amana.messaging.models import Message, MessageRecipient
from tests.messaging.conftest import message
from tests.messaging.nodes import Listener, Node, delete_stream, node_env, require_nats

MESSAGES = 240
KILL_AFTER = 80
DELIVERED_WITHIN_SECONDS = 30


def _send_all(node: Node, headers: dict[str, str], accepted: list[str]) -> int:
    """Send MESSAGES messages; a send that fails is retried with the same idempotency key
    until the node answers (a retry after a kill must not duplicate). Returns the retries."""
    retries = 0
    with httpx.Client(timeout=5) as http:
        for _ in range(MESSAGES):
            body = message(["EG"], idempotency_key=uuid.uuid4().hex)
            while True:
                try:
                    response = http.post(node.url + "/api/v1/messages", json=body, headers=headers)
                except httpx.TransportError:
                    retries += 1
                    time.sleep(0.05)
                    continue
                if response.status_code in (200, 201):
                    accepted.append(response.json()["id"])
                    break
                retries += 1
                time.sleep(0.05)
    return retries


def _killer(node: Node, accepted: list[str], log: list[str]) -> threading.Thread:
    def run() -> None:
        while len(accepted) < KILL_AFTER:
            time.sleep(0.001)
        node.kill()  # while the sender's next requests are in flight
        log.append(f"killed {node.name} after {len(accepted)} accepted")
        node.start()
        log.append(f"restarted {node.name}")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _wait_delivered(listener: Listener, accepted: list[str]) -> set[str]:
    deadline = time.monotonic() + DELIVERED_WITHIN_SECONDS
    while time.monotonic() < deadline and not set(accepted) <= set(listener.received):
        time.sleep(0.1)
    return set(accepted) - set(listener.received)


@pytest.fixture
def prefix():
    run = uuid.uuid4().hex[:12]
    stream = f"AMANA_TEST_{run}"
    yield stream, f"amana.test.{run}"
    delete_stream(stream)


@pytest.mark.parametrize("backbone", ["sqlite", "nats"])
def test_kill_9_mid_stream_loses_no_accepted_message(
    client, make, db, settings, tmp_path, prefix, backbone
):
    if backbone == "nats":
        require_nats()

    make.user("fr.sender", "FR", Role.BUREAU_OPERATOR)
    fr = make.login("fr.sender")
    eg = make.user_headers("eg.officer", "EG", Role.OFFICER)
    env = node_env(settings.database_url, backbone, *prefix)
    sender_node = Node("sender-node", env, tmp_path)
    nodes = [sender_node]
    if backbone == "nats":
        nodes.append(Node("recipient-node", env, tmp_path))
    try:
        for node in nodes:
            node.start()
        listener = Listener(nodes[-1], eg)
        listener.start()
        assert listener.connected.wait(10), "the recipient could not connect"
        accepted: list[str] = []
        log: list[str] = []
        killer = _killer(sender_node, accepted, log)
        retries = _send_all(sender_node, fr, accepted)
        killer.join(timeout=60)
        assert log[0].startswith("killed"), log
        missing = _wait_delivered(listener, accepted)
        listener.done.set()
    finally:
        for node in nodes:
            node.stop()

    assert len(accepted) == MESSAGES
    assert len(set(accepted)) == MESSAGES
    assert not missing, f"{len(missing)} accepted messages never reached the recipient"
    db.commit()
    stored = set(db.scalars(select(Message.id)))
    assert stored == set(accepted), "stored messages differ from those accepted"
    receipts = db.scalar(select(func.count()).select_from(MessageRecipient))
    assert receipts == MESSAGES
    print(f"{backbone}: {MESSAGES} accepted, {retries} retries, {log}")
