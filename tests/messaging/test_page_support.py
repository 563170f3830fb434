"""What the web pages need beyond the API: the inbox filtered by several receipt statuses
(unread = sent or delivered) and a sent box's receipt counts, only for the bureau's own
messages."""

from __future__ import annotations

from amana.auth.service import principal_of
from amana.core.db import unit_of_work
from amana.messaging import inbox, reading
from amana.messaging.schemas import Status
from amana.users import service as users
from tests.messaging.conftest import message, send


def _principal(session, username: str):
    user = users.get_by_username(session, username=username)
    assert user is not None
    return principal_of(user)


def test_inbox_by_statuses_and_receipt_counts(client, bureaus, app):
    first = send(client, bureaus.fr, message(["EG", "ES"]))
    second = send(client, bureaus.fr)
    theirs = send(client, bureaus.eg, message(["FR"]))
    assert client.get(f"/api/v1/messages/{first['id']}", headers=bureaus.eg).status_code == 200
    tools = app.state.messaging.tools
    with unit_of_work(app.state.session_factory, viewer="EG") as session:
        eg = _principal(session, "eg.operator")
        unread = inbox.list_(
            session, principal=eg, tools=tools, statuses=(Status.SENT, Status.DELIVERED)
        )
        assert [m.id for m in unread.items] == [second["id"]]
        everything = inbox.list_(session, principal=eg, tools=tools)
        assert everything.total == 2
    with unit_of_work(app.state.session_factory, viewer="FR") as session:
        fr = _principal(session, "fr.operator")
        ids = [first["id"], second["id"], theirs["id"]]
        counts = reading.receipt_counts(session, principal=fr, message_ids=ids)
        assert counts == {
            first["id"]: {Status.READ: 1, Status.SENT: 1},
            second["id"]: {Status.DELIVERED: 1},
        }  # EG's message to FR is not FR's to count
        assert reading.receipt_counts(session, principal=fr, message_ids=[]) == {}
