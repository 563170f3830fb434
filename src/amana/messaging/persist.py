"""Writing prepared messages: few statements for any number of messages (one request, one
transaction), one audit entry per request naming every message, and the push announced only
after commit, so no client is ever told of a message that was then rolled back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.principal import Principal
from amana.messaging.errors import MessageConflict
from amana.messaging.events import MESSAGE, Event
from amana.messaging.models import Message, MessageAttachment, MessageRecipient
from amana.messaging.schemas import Priority
from amana.messaging.store import Prepared, Tools


def persist(
    session: Session, *, principal: Principal, tools: Tools, prepared: list[Prepared]
) -> list[Message]:
    """Insert prepared messages with their receipts and attachments in a few statements, audit
    them, and announce them once the caller's transaction commits."""
    if not prepared:
        return []
    due = timedelta(seconds=tools.settings.messaging_urgent_ack_seconds)
    rows = []
    for item in prepared:
        urgent = item.row["priority"] == Priority.URGENT.value
        ack_due_at = item.row["created_at"] + due if urgent else None
        rows.append({**item.row, "ack_due_at": ack_due_at, "relayed": tools.relayed_on_insert})
    try:
        seqs = (
            session.execute(
                insert(Message).returning(Message.seq, sort_by_parameter_order=True), rows
            )
            .scalars()
            .all()
        )
    except IntegrityError as error:
        # Two sends with one idempotency key raced (a retry while the first was in flight).
        raise MessageConflict(
            "a send with the same idempotency key is being stored right now; retry it to get "
            "the stored message",
            code="message.idempotency_in_flight",
        ) from error
    messages = [Message(**row, seq=seq) for row, seq in zip(rows, seqs, strict=True)]
    session.execute(
        insert(MessageRecipient),
        [
            {
                "message_id": message.id,
                "bureau": code,
                "message_seq": message.seq,
                "status": "sent",
                "sealed_key": item.sealed.get(code),
            }
            for item, message in zip(prepared, messages, strict=True)
            for code in item.recipients
        ],
    )
    files = [f for item in prepared for f in item.files]
    if files:
        session.execute(insert(MessageAttachment), files)
    _audit_sent(session, principal, prepared)
    events = [
        event_for(message, item.recipients)
        for item, message in zip(prepared, messages, strict=True)
    ]

    def _announce() -> None:
        for item in events:
            tools.announce(item)

    after_commit(session, _announce)
    return messages


def _audit_sent(session: Session, principal: Principal, prepared: list[Prepared]) -> None:
    """One entry per request: every message id, and (for one message) its addressing."""
    first = prepared[0]
    query: dict[str, Any] = {"count": len(prepared), "mode": first.row["mode"]}
    if len(prepared) == 1:
        query.update(
            recipients=first.recipients,
            priority=first.row["priority"],
            handling_code=first.row["handling_code"],
            idempotency_key=first.row["idempotency_key"],
            forwarded_from=first.row["forwarded_from"],
        )
    else:
        query["recipients"] = sorted({c for item in prepared for c in item.recipients})
    audit.record(
        session,
        actor=principal,
        action="message.send",
        target_kind="message",
        target_ids=[item.row["id"] for item in prepared],
        query=query,
    )


def event_for(message: Message, recipients: list[str], kind: str = MESSAGE) -> Event:
    return Event(
        kind=kind,
        message_id=message.id,
        seq=message.seq,
        sender=message.sender_bureau,
        bureaus=tuple(recipients),
        priority=message.priority,
        handling_code=message.handling_code,
        created_at=message.created_at.isoformat(),
    )


def after_commit(session: Session, action: Callable[[], object]) -> None:
    """Run ``action`` once the caller's transaction commits (never if it rolls back)."""

    def _fire(_session: Session) -> None:
        action()

    event.listen(session, "after_commit", _fire, once=True)
