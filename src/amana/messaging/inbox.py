"""Listing messages: a bureau's inbox and sent box, paged, filtered and searched.

Search works on keyed hashes of subject words and references (a blind index): the server can
match them without storing words in the clear, and bodies are never indexed, so a copy of the
database shows which messages share a word but not which word. End-to-end messages are
searchable by their clear metadata only (sender, priority, dates, thread).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.errors import ValidationFailed
from amana.core.principal import GENERAL_SECRETARIAT, Permission, Principal
from amana.messaging.integrity import subject_of
from amana.messaging.models import Message, MessageRecipient
from amana.messaging.schemas import (
    HandlingCode,
    MessagePage,
    MessageSummary,
    Mode,
    Priority,
    Status,
)
from amana.messaging.store import Tools, query_terms

INBOX, SENT = "inbox", "sent"


def list_(
    session: Session,
    *,
    principal: Principal,
    tools: Tools,
    box: str = INBOX,
    q: str | None = None,
    reference: str | None = None,
    priority: Priority | None = None,
    status: Status | None = None,
    sender: str | None = None,
    thread_id: str | None = None,
    since: datetime | None = None,
    page: int = 1,
    per_page: int = 50,
    statuses: Collection[Status] = (),
) -> MessagePage:
    """``statuses``: the inbox's messages whose receipt is any of these (the web pages' "unread"
    is sent or delivered; "awaiting acknowledgement" adds read)."""
    principal.require(Permission.READ_RECORDS)
    if box not in (INBOX, SENT):
        raise ValidationFailed(f"box must be '{INBOX}' or '{SENT}', not '{box}'", field="box")
    query = select(Message, MessageRecipient.status)
    filters: list[Any] = []
    if box == INBOX:
        query = query.join(MessageRecipient, MessageRecipient.message_id == Message.id)
        filters.append(MessageRecipient.bureau == principal.bureau)
        if status:
            filters.append(MessageRecipient.status == status.value)
        if statuses:
            filters.append(MessageRecipient.status.in_([s.value for s in statuses]))
    else:
        query = select(Message, Message.sender_bureau)  # same shape; the status is unused
        filters.append(Message.sender_bureau == principal.bureau)
    for term in query_terms(tools.vault, q, reference):
        filters.append(Message.terms.like(f"% {term} %"))
    if priority:
        filters.append(Message.priority == priority.value)
    if sender:
        filters.append(Message.sender_bureau == sender.upper())
    if thread_id:
        filters.append(Message.thread_id == thread_id)
    if since:
        filters.append(Message.created_at >= since)
    counted = query.where(*filters).with_only_columns(func.count(Message.seq))
    total = session.scalar(counted) or 0
    rows = session.execute(
        query.where(*filters)
        .order_by(Message.seq.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    items = [summary_of(tools, row[0], row[1] if box == INBOX else None) for row in rows]
    if box == INBOX:
        mark_delivered(session, bureau=principal.bureau, ids=[i.id for i in items])
        for item in items:
            if item.status is Status.SENT:
                item.status = Status.DELIVERED
    audit.record(
        session,
        actor=principal,
        action="message.list",
        target_kind="message",
        target_ids=[i.id for i in items],
        query={"box": box, "q": bool(q), "reference": bool(reference), "page": page},
    )
    return MessagePage(items=items, total=total, page=page, per_page=per_page)


def escalations(
    session: Session, *, principal: Principal, tools: Tools, page: int = 1, per_page: int = 50
) -> MessagePage:
    """Escalated urgent messages: the secretariat sees all of them (routing only, never the
    content), a bureau those it sent."""
    principal.require(Permission.READ_RECORDS)
    filters: list[Any] = [Message.escalated_at.is_not(None)]
    if principal.bureau != GENERAL_SECRETARIAT:
        filters.append(Message.sender_bureau == principal.bureau)
    total = session.scalar(select(func.count(Message.seq)).where(*filters)) or 0
    rows = session.scalars(
        select(Message)
        .where(*filters)
        .order_by(Message.escalated_at.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    items = [
        summary_of(tools, m, None, with_subject=m.sender_bureau == principal.bureau) for m in rows
    ]
    audit.record(
        session,
        actor=principal,
        action="message.escalations_list",
        target_kind="message",
        target_ids=[i.id for i in items],
        query={"page": page},
    )
    return MessagePage(items=items, total=total, page=page, per_page=per_page)


def mark_delivered(session: Session, *, bureau: str, ids: list[str]) -> int:
    """'sent' → 'delivered' for messages that reached a client of the bureau."""
    if not ids:
        return 0
    result = session.execute(
        update(MessageRecipient)
        .where(
            MessageRecipient.bureau == bureau,
            MessageRecipient.message_id.in_(ids),
            MessageRecipient.status == Status.SENT.value,
        )
        .values(status=Status.DELIVERED.value, delivered_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


def summary_of(
    tools: Tools, message: Message, status: str | None, *, with_subject: bool = True
) -> MessageSummary:
    return MessageSummary(
        **header_fields(message, json.loads(message.envelope)["recipients"]),
        subject=subject_of(tools, message) if with_subject else None,
        status=Status(status) if status else None,
    )


def header_fields(message: Message, recipients: list[str]) -> dict[str, Any]:
    """What a summary and a full read share: the message's routing, in clear."""
    return {
        "id": message.id,
        "seq": message.seq,
        "created_at": message.created_at,
        "sender_bureau": message.sender_bureau,
        "sender_username": message.sender_username,
        "mode": Mode(message.mode),
        "priority": Priority(message.priority),
        "handling_code": HandlingCode(message.handling_code),
        "language": message.language,
        "thread_id": message.thread_id,
        "in_reply_to": message.in_reply_to,
        "forwarded_from": message.forwarded_from,
        "recipients": recipients,
        "escalated_at": message.escalated_at,
    }


def backlog(session: Session, *, bureau: str, after_seq: int, limit: int = 1000) -> list[Message]:
    """Messages for ``bureau`` after a stream position, for a client that reconnects."""
    return list(
        session.scalars(
            select(Message)
            .join(MessageRecipient, MessageRecipient.message_id == Message.id)
            .where(MessageRecipient.bureau == bureau, Message.seq > after_seq)
            .order_by(Message.seq)
            .limit(limit)
        )
    )
