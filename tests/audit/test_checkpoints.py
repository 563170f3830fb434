"""Finding 2 of issue 13: a deleted tail of the audit log is detected, against signed
checkpoints kept outside the database."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, func, select

from amana.audit import service as audit
from amana.audit.models import AuditEntry
from amana.core.db import unit_of_work
from amana.core.principal import Role
from amana.core.visibility import SYSTEM


def _append(app, count: int) -> None:
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        for number in range(count):
            audit.record(session, actor=audit.Actor(7, "fr.officer", "FR"), action=f"t{number}")


def _verify(app) -> audit.VerifyReport:
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        return audit.verify(session)


def _head(db) -> int:
    db.commit()
    return db.scalar(select(func.max(AuditEntry.seq))) or 0


@pytest.mark.parametrize("deleted", [1, 10, 100, "all"])
def test_a_deleted_tail_is_named_through_the_api(client, make, db, deleted):
    admin = make.user_headers("sysadmin", "XG", Role.SYSTEM_ADMIN)
    _append(client.app, 120)
    first = client.get("/api/v1/audit/verify", headers=admin).json()
    assert first["ok"], first["problems"]
    head = first["checkpoint_written"]["seq"]  # the verify's own entry comes after it
    cut = 1 if deleted == "all" else head - deleted + 1
    db.execute(delete(AuditEntry).where(AuditEntry.seq >= cut))
    db.commit()
    report = _verify(client.app)
    assert not report.ok
    assert f"entries {cut}–{head} missing (deleted) after" in report.problems[-1]
    assert f"records the chain at seq {head}" in report.problems[-1]


def test_checkpoints_are_written_every_n_entries_and_only_once_committed(app, client):
    for count in (100, 100, 50):  # one checkpoint a transaction at most: its last due entry
        _append(app, count)
    path = app.state.settings.audit_checkpoint_path
    seqs = [json.loads(line)["seq"] for line in path.read_text().splitlines()]
    assert {100, 200} <= set(seqs)
    try:
        with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
            for _ in range(60):
                audit.record(session, actor=None, action="rolled.back")
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert [json.loads(line)["seq"] for line in path.read_text().splitlines()] == seqs


def test_without_a_checkpoint_verify_says_so_and_writes_one(app, client):
    _append(app, 3)
    app.state.settings.audit_checkpoint_path.unlink(missing_ok=True)
    first = _verify(app)
    assert first.ok
    assert first.checkpoint is None
    assert first.checkpoint_written is not None
    assert first.checkpoint_written.seq == 3
    second = _verify(app)
    assert second.checkpoint is not None
    assert second.checkpoint.seq == 3
    assert second.checkpoint_written is None


def test_a_forged_checkpoint_line_is_reported(app, client):
    _append(app, 5)
    assert _verify(app).ok
    path = app.state.settings.audit_checkpoint_path
    forged = json.loads(path.read_text().splitlines()[-1])
    forged["seq"] = 9
    with path.open("a") as file:
        file.write(json.dumps(forged) + "\n")
    report = _verify(app)
    assert not report.ok
    assert any("does not verify (forged or damaged)" in p for p in report.problems)


def test_a_tail_replaced_by_other_entries_is_detected(app, client, db):
    _append(app, 5)
    assert _verify(app).checkpoint_written.seq == 5
    db.execute(delete(AuditEntry).where(AuditEntry.seq >= 2))
    db.commit()
    _append(app, 5)  # entries 2-6, chained correctly, but not the ones checkpointed
    problems = _verify(app).problems
    assert len(problems) == 1
    assert problems[0].startswith("entry 5 is not the one checkpointed at ")
    assert problems[0].endswith("the chain was rewritten from entry 5 or before")
