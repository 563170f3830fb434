"""Urgent messages must be acknowledged: one not acknowledged by every addressee within
``messaging_urgent_ack_seconds`` is escalated once: marked, audited, and pushed to its sender
and to the General Secretariat."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.principal import GENERAL_SECRETARIAT
from amana.messaging.events import ESCALATION, Event
from amana.messaging.models import Message, MessageRecipient
from amana.messaging.schemas import Priority, Status

BATCH = 500


def escalate_due(session: Session) -> list[Event]:
    """Escalate what is due; returns the events to push once the caller commits."""
    now = utcnow()
    due = session.scalars(
        select(Message)
        .where(
            Message.priority == Priority.URGENT.value,
            Message.escalated_at.is_(None),
            Message.ack_due_at <= now,
        )
        .order_by(Message.seq)
        .limit(BATCH)
    ).all()
    events = []
    for message in due:
        waiting = list(
            session.scalars(
                select(MessageRecipient.bureau).where(
                    MessageRecipient.message_id == message.id,
                    MessageRecipient.status != Status.ACKNOWLEDGED.value,
                )
            )
        )
        if not waiting:
            message.ack_due_at = None
            continue
        # Only one node wins the update, so a message escalates once however many nodes run.
        won = session.execute(
            update(Message)
            .where(Message.id == message.id, Message.escalated_at.is_(None))
            .values(escalated_at=now)
        )
        if not getattr(won, "rowcount", 0):
            continue
        audit.record(
            session,
            actor=None,
            action="message.escalate",
            target_kind="message",
            target_ids=[message.id],
            query={"unacknowledged": waiting, "sender": message.sender_bureau},
            detail="urgent message not acknowledged in time",
        )
        events.append(
            Event(
                kind=ESCALATION,
                message_id=message.id,
                seq=message.seq,
                sender=message.sender_bureau,
                bureaus=tuple(sorted({message.sender_bureau, GENERAL_SECRETARIAT})),
                priority=message.priority,
                handling_code=message.handling_code,
                created_at=now.isoformat(),
                detail={"unacknowledged": ",".join(waiting)},
            )
        )
    return events
