"""The demo store holds a published notice of every type and a diffusion, seeded once."""

from __future__ import annotations

from sqlalchemy import select

from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM
from amana.demo.service import seed
from amana.notices.models import Notice
from amana.notices.vocab import NoticeType


def test_demo_notices_of_every_type_seeded_once(app, client):
    factory = app.state.session_factory
    with unit_of_work(factory, viewer=SYSTEM) as session:
        first = seed(session, passwords=app.state.passwords)
    with unit_of_work(factory, viewer=SYSTEM) as session:
        second = seed(session, passwords=app.state.passwords)
        rows = list(session.scalars(select(Notice)))
    assert (first.notices_added, second.notices_added) == (11, 0)
    published = {n.notice_type for n in rows if n.kind == "notice" and n.status == "published"}
    assert published == {t.value for t in NoticeType}
    assert [(n.notice_type, n.status) for n in rows if n.kind == "diffusion"] == [
        ("yellow", "circulated")
    ]
    assert client.get("/notices/v1/red").json()["total"] == 2
    assert client.get("/notices/v1/un/persons").json()["_embedded"]["notices"][0]["name"] == (
        "AL-MASRI"
    )
