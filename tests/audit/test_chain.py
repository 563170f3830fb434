"""The audit log is append-only and tamper-evident: edits and deletions are detected."""

from __future__ import annotations

import threading

from sqlalchemy import delete, select, update

from amana.audit import service as audit
from amana.audit.chain import entry_digest
from amana.audit.models import AuditEntry
from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM


def _append(app, count: int, action: str = "record.read") -> None:
    for number in range(count):
        with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
            audit.record(
                session,
                actor=audit.Actor(7, "fr.officer", "FR"),
                action=action,
                target_kind="person",
                target_ids=[number, number + 1],
                query={"name": "محمد", "dob": "1980"},
            )


def _verify(app) -> audit.VerifyReport:
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        return audit.verify(session)


def test_an_untouched_chain_verifies(app, client):
    _append(app, 5)
    report = _verify(app)
    assert report.ok, report.problems
    assert report.checked == 5
    assert report.head_seq == 5


def test_an_edited_entry_is_detected(app, client, db):
    _append(app, 5)
    db.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(target_ids=[999]))
    db.commit()
    report = _verify(app)
    assert not report.ok
    assert report.problems == ["entry 3 was altered: its content does not match its hash"]


def test_an_edit_with_a_recomputed_unkeyed_hash_is_still_detected(app, client, db):
    _append(app, 3)
    entry = db.get(AuditEntry, 2)
    entry.actor_username = "someone.else"
    entry.entry_hash = entry_digest(b"guessed-key", entry)
    db.commit()
    report = _verify(app)
    assert "entry 2 was altered: its content does not match its hash" in report.problems


def test_a_deleted_entry_is_detected(app, client, db):
    _append(app, 6)
    db.execute(delete(AuditEntry).where(AuditEntry.seq.in_([3, 4])))
    db.commit()
    report = _verify(app)
    assert not report.ok
    assert report.problems == ["entries 3-4 are missing (deleted) before entry 5"]


def test_a_reordered_or_spliced_chain_is_detected(app, client, db):
    _append(app, 4)
    db.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(prev_hash="f" * 64))
    db.commit()
    problems = _verify(app).problems
    assert "entry 3 does not chain to entry 2" in problems


def test_concurrent_appends_never_fork_the_chain(app, client):
    threads = [threading.Thread(target=_append, args=(app, 15, f"t{n}")) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = _verify(app)
    assert report.ok, report.problems
    assert report.checked == 60


def test_entries_record_who_what_and_which_ids(app, client, db):
    _append(app, 1)
    entry = db.scalars(select(AuditEntry)).one()
    assert (entry.actor_username, entry.actor_bureau, entry.action) == (
        "fr.officer",
        "FR",
        "record.read",
    )
    assert entry.target_ids == [0, 1]
    assert entry.query == {"name": "محمد", "dob": "1980"}
    assert entry.at.tzinfo is not None
