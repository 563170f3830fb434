"""Append to, read and verify the audit log.

Entries are appended inside the caller's transaction, so an action and its audit entry are
stored together or not at all. Refusals that roll the action back are recorded by the face in a
transaction of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from amana.audit import checkpoints
from amana.audit.chain import GENESIS_HASH, entry_digest
from amana.audit.models import AuditEntry
from amana.audit.schemas import AuditEntryRead, AuditPage, CheckpointRead, VerifyReport
from amana.core.db import AUDIT_KEY_INFO, keep_after_rollback
from amana.core.logging import client_ip_var, request_id_var
from amana.core.principal import Permission, Principal

_PG_CHAIN_LOCK = 0x414D414E41  # "AMANA": serialises appends to the chain across connections

SUCCESS = "success"
DENIED = "denied"
FAILED = "failed"


@dataclass(frozen=True)
class Actor:
    """Who did it, when no authenticated principal exists yet (e.g. a failed login)."""

    user_id: int | None = None
    username: str | None = None
    bureau: str | None = None

    @classmethod
    def of(cls, principal: Principal | None) -> Actor:
        if principal is None:
            return cls()
        return cls(principal.user_id, principal.username, principal.bureau)


def _key(session: Session) -> bytes:
    key = session.info.get(AUDIT_KEY_INFO)
    if not isinstance(key, bytes) or not key:
        raise RuntimeError("session has no audit key: create it from the configured factory")
    return key


def _lock_chain(session: Session) -> None:
    # SQLite transactions already hold the write lock (BEGIN IMMEDIATE, see core.db).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHAIN_LOCK})


def _head(session: Session) -> tuple[int, str]:
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def record(
    session: Session,
    *,
    actor: Principal | Actor | None,
    action: str,
    outcome: str = SUCCESS,
    target_kind: str | None = None,
    target_ids: Iterable[Any] = (),
    query: dict[str, Any] | None = None,
    detail: str | None = None,
) -> AuditEntry:
    who = actor if isinstance(actor, Actor) else Actor.of(actor)
    _lock_chain(session)
    head_seq, head_hash = _head(session)
    entry = AuditEntry(
        seq=head_seq + 1,
        at=datetime.now(UTC),
        actor_user_id=who.user_id,
        actor_username=who.username,
        actor_bureau=who.bureau,
        action=action,
        outcome=outcome,
        target_kind=target_kind,
        target_ids=list(target_ids),
        query=query or {},
        detail=detail,
        request_id=request_id_var.get(),
        client_ip=client_ip_var.get(),
        prev_hash=head_hash,
    )
    entry.entry_hash = entry_digest(_key(session), entry)
    session.add(entry)
    session.flush()
    checkpoints.mark(session, entry.seq, entry.entry_hash)
    return entry


def refused(
    session: Session,
    *,
    actor: Principal | Actor | None,
    action: str,
    target_kind: str | None = None,
    target_ids: Iterable[Any] = (),
    detail: str | None = None,
) -> None:
    """Audit a refusal that is not a security event of its own (a 422 naming a record the
    caller may not see): stored although the refused request rolls back."""
    ids = list(target_ids)

    def write(later: Session) -> None:
        record(
            later,
            actor=actor,
            action=action,
            outcome=DENIED,
            target_kind=target_kind,
            target_ids=ids,
            detail=detail,
        )

    keep_after_rollback(session, write)


def list_(
    session: Session,
    *,
    principal: Principal,
    bureau: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: int = 1,
    per_page: int = 50,
) -> AuditPage:
    """A bureau's trail for its administrators; any bureau's (or all) for system administrators."""
    scope = bureau or principal.bureau
    if principal.can(Permission.READ_ALL_AUDIT):
        scope = bureau or ""
    else:
        principal.require_bureau(scope, Permission.READ_BUREAU_AUDIT, Permission.READ_ALL_AUDIT)
    filters = []
    if scope:
        filters.append(AuditEntry.actor_bureau == scope)
    if action:
        filters.append(AuditEntry.action == action)
    if since:
        filters.append(AuditEntry.at >= since)
    if until:
        filters.append(AuditEntry.at < until)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*filters)) or 0
    rows = session.scalars(
        select(AuditEntry)
        .where(*filters)
        .order_by(AuditEntry.seq.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    record(
        session,
        actor=principal,
        action="audit.read",
        target_kind="audit_log",
        target_ids=[row.seq for row in rows],
        query={"bureau": scope or "*", "action": action, "page": page, "per_page": per_page},
    )
    items = [AuditEntryRead.model_validate(row) for row in rows]
    return AuditPage(items=items, total=total, page=page, per_page=per_page)


def verify(session: Session, *, batch: int = 5_000) -> VerifyReport:
    """Walk the whole chain; report every edited, inserted or deleted entry found, and every
    entry missing or rewritten since a checkpoint. A chain found intact is checkpointed."""
    key = _key(session)
    anchors = checkpoints.of(session)
    known, problems = anchors.read() if anchors is not None else ([], [])
    by_seq = {c.seq: c for c in known}
    expected_seq, previous_hash, checked = 1, GENESIS_HASH, 0
    for entry in session.scalars(
        select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=batch)
    ):
        problems.extend(_check(key, entry, expected_seq, previous_hash))
        anchor = by_seq.get(entry.seq)
        if anchor is not None and anchor.hash != entry.entry_hash:
            problems.append(
                f"entry {entry.seq} is not the one checkpointed at {anchor.at}: the chain was "
                f"rewritten from entry {entry.seq} or before"
            )
        expected_seq, previous_hash = entry.seq + 1, entry.entry_hash
        checked += 1
    head_seq = expected_seq - 1
    last = max(known, key=lambda c: c.seq, default=None)
    if last is not None and last.seq > head_seq:
        problems.append(
            f"entries {head_seq + 1}–{last.seq} missing (deleted) after "
            + (f"entry {head_seq}" if head_seq else "an emptied table")
            + f": the checkpoint of {last.at} records the chain at seq {last.seq}"
        )
    written = None
    if anchors is not None and not problems and head_seq and (last is None or last.seq < head_seq):
        written = anchors.append(head_seq, previous_hash)
    return VerifyReport(
        ok=not problems,
        checked=checked,
        head_seq=head_seq,
        head_hash=previous_hash,
        problems=problems,
        checkpoint=_read(last),
        checkpoint_written=_read(written),
        checkpoints_file=str(anchors.path) if anchors is not None else None,
    )


def _read(checkpoint: checkpoints.Checkpoint | None) -> CheckpointRead | None:
    if checkpoint is None:
        return None
    return CheckpointRead(seq=checkpoint.seq, hash=checkpoint.hash, at=checkpoint.at)


def _check(key: bytes, entry: AuditEntry, expected_seq: int, previous_hash: str) -> Sequence[str]:
    problems = []
    if entry.seq != expected_seq:
        missing = (
            f"{expected_seq}"
            if entry.seq == expected_seq + 1
            else f"{expected_seq}-{entry.seq - 1}"
        )
        problems.append(f"entries {missing} are missing (deleted) before entry {entry.seq}")
    elif entry.prev_hash != previous_hash:
        problems.append(f"entry {entry.seq} does not chain to entry {entry.seq - 1}")
    if entry_digest(key, entry) != entry.entry_hash:
        problems.append(f"entry {entry.seq} was altered: its content does not match its hash")
    return problems
