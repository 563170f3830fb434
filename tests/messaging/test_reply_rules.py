"""Finding 3 of issue 13: a reply never widens or loosens a restricted thread, whichever path
creates it (one send, a batch, an end-to-end relay): one rule, tested from each entry point."""

from __future__ import annotations

import pytest

from amana.core.principal import Role
from amana.messaging import crypto
from tests.messaging.conftest import message, send
from tests.messaging.test_e2e import BureauSystem


def _box(system: BureauSystem) -> str:
    return crypto.b64(bytes(system.box.public_key))


@pytest.fixture
def e2e_thread(client, make, bureaus):
    """FR's system opens a named-recipients-only thread with EG; ES also has e2e keys."""
    eg_admin = make.user_headers("eg.admin", "EG", Role.BUREAU_ADMIN)
    es_admin = make.user_headers("es.admin", "ES", Role.BUREAU_ADMIN)
    fr, eg, es = BureauSystem.new("FR"), BureauSystem.new("EG"), BureauSystem.new("ES")
    versions = {
        "FR": fr.register(client, bureaus.fr_admin),
        "EG": eg.register(client, eg_admin),
        "ES": es.register(client, es_admin),
    }
    opened = client.post(
        "/api/v1/messages/e2e",
        json=fr.compose(versions["FR"], {"EG": _box(eg)}),
        headers=bureaus.fr,
    )
    assert opened.status_code == 201, opened.text
    return opened.json()["id"], eg, versions["EG"], {"FR": _box(fr), "ES": _box(es)}


def _e2e_reply(client, bureaus, thread, to: list[str], handling: str):
    parent, eg, version, boxes = thread
    body = eg.compose(
        version,
        {code: boxes[code] for code in to},
        in_reply_to=parent,
        thread_id=parent,
        handling_code=handling,
    )
    return client.post("/api/v1/messages/e2e", json=body, headers=bureaus.eg)


def test_an_e2e_reply_may_not_reach_outside_a_restricted_thread(client, bureaus, e2e_thread):
    outside = _e2e_reply(client, bureaus, e2e_thread, ["ES"], "named_recipients_only")
    assert outside.status_code == 422, outside.text
    assert outside.json()["code"] == "message.handling_reply_scope"


def test_an_e2e_reply_may_not_loosen_the_thread_handling(client, bureaus, e2e_thread):
    looser = _e2e_reply(client, bureaus, e2e_thread, ["FR"], "police_only")
    assert looser.status_code == 422, looser.text
    assert looser.json()["code"] == "message.handling_reply_looser"
    within = _e2e_reply(client, bureaus, e2e_thread, ["FR"], "named_recipients_only")
    assert within.status_code == 201, within.text


def test_server_and_batch_replies_follow_the_same_rule(client, bureaus):
    named = send(client, bureaus.fr, message(handling_code="named_recipients_only"))
    outside = message(["ES"], in_reply_to=named["id"], handling_code="police_only")
    single = client.post("/api/v1/messages", json=outside, headers=bureaus.eg)
    batch = client.post("/api/v1/messages/batch", json={"messages": [outside]}, headers=bureaus.eg)
    for refused in (single, batch):
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "message.handling_reply_scope"
    # A server-mode reply is signed by Amana, so a looser code is raised to the thread's.
    within = send(client, bureaus.eg, message(["FR"], in_reply_to=named["id"]))
    assert within["handling_code"] == "named_recipients_only"
