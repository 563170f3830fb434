"""Each worker process keeps its own index fresh from the change feed: two indexes over one
store (as two workers or two nodes) both see a change within a second."""

from __future__ import annotations

import time

from amana.core.db import create_session_factory, unit_of_work
from amana.core.visibility import SYSTEM
from amana.matching import PersonQuery
from amana.records import persons
from amana.records.schemas import PersonCreate
from amana.screening.live_index import LiveIndex

QUERY = PersonQuery(["Karim Abdelaziz Mansour"])


def _hits(index: LiveIndex, viewer: str = "FR") -> list[int]:
    return [m.record_id for m, _, _ in index.search(QUERY, viewer=viewer, limit=5, threshold=0.7)]


def test_two_workers_see_a_new_record_within_a_second(app, client):
    reader = create_session_factory(app.state.engine, audit_key=b"k", deferred=True)
    workers = [LiveIndex(reader, poll_seconds=0.1) for _ in range(2)]
    for worker in workers:
        worker.build()
        worker.start()
    try:
        assert all(_hits(w) == [] for w in workers)
        with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
            person = persons.create(
                session,
                principal=None,
                owner="EG",
                data=PersonCreate(
                    status="wanted", names=[{"full_name": "Karim Abdelaziz Mansour"}]
                ),
            )
            session.flush()
            record_id = person.id
        started = time.monotonic()
        while not all(_hits(w) == [record_id] for w in workers):
            assert time.monotonic() - started < 1.0, "a worker's index is stale after 1 s"
            time.sleep(0.02)
    finally:
        for worker in workers:
            worker.stop()


def test_a_rebuilt_index_reflects_the_store(app, client):
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        persons.create(
            session,
            principal=None,
            owner="EG",
            data=PersonCreate(
                status="wanted",
                names=[{"full_name": "Karim Abdelaziz Mansour"}],
                visibility={"rule": "except", "bureaus": ["ES"]},
            ),
        )
    reader = create_session_factory(app.state.engine, audit_key=b"k", deferred=True)
    index = LiveIndex(reader)
    assert index.build() == 1
    assert len(_hits(index, "FR")) == 1
    assert _hits(index, "ES") == []
