"""The demo store holds a short FR-EG thread and an urgent message, sent once."""

from __future__ import annotations

from sqlalchemy import select

from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM
from amana.demo.messages import demo_tools
from amana.demo.service import seed
from amana.messaging.models import Message


def test_demo_messages_seeded_once_and_readable_by_the_server(app, client, make):
    factory = app.state.session_factory
    # Seeded as `amana demo` does, before the server runs: tools from the same settings.
    tools = demo_tools(app.state.settings)
    with unit_of_work(factory, viewer=SYSTEM) as session:
        first = seed(session, passwords=app.state.passwords, tools=tools)
    with unit_of_work(factory, viewer=SYSTEM) as session:
        second = seed(session, passwords=app.state.passwords, tools=tools)
        rows = list(session.scalars(select(Message).order_by(Message.seq)))
    assert (first.messages_added, second.messages_added) == (3, 0)
    assert [(m.sender_bureau, m.priority) for m in rows] == [
        ("FR", "routine"),
        ("EG", "routine"),
        ("FR", "urgent"),
    ]
    assert rows[1].thread_id == rows[0].id
    headers = make.login("eg.operator", "amana-demo-2026")
    read = client.get(f"/api/v1/messages/{rows[2].id}", headers=headers)
    assert read.status_code == 200, read.text
    assert read.json()["subject"].startswith("Wanted person boarding flight MS 800")
