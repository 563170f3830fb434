"""Reading use cases: read (the read receipt), acknowledge, download an attachment, and the
sender's view of receipts. Every read is audited."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.principal import Permission, Principal
from amana.messaging import crypto
from amana.messaging.errors import MessageNotFound, MessageRefused
from amana.messaging.events import RECEIPT, Event
from amana.messaging.inbox import header_fields
from amana.messaging.integrity import Opened, load_for, open_attachment, verify_and_open
from amana.messaging.models import Message, MessageAttachment, MessageRecipient
from amana.messaging.persist import after_commit
from amana.messaging.schemas import (
    AttachmentMeta,
    MessageRead,
    Receipt,
    Reference,
    Status,
)
from amana.messaging.store import Tools


def read(session: Session, *, principal: Principal, tools: Tools, message_id_: str) -> MessageRead:
    """The whole message, verified and decrypted; an addressee's read is its read receipt."""
    principal.require(Permission.READ_RECORDS)
    opened = verify_and_open(
        session, tools=tools, opened=load_for(session, principal=principal, message_id=message_id_)
    )
    receipt = opened.receipt
    if receipt is not None and receipt.status in (Status.SENT.value, Status.DELIVERED.value):
        now = utcnow()
        receipt.status, receipt.read_at = Status.READ.value, now
        receipt.delivered_at = receipt.delivered_at or now
        _announce_receipt(session, tools, opened.message, receipt)
    audit.record(
        session,
        actor=principal,
        action="message.read",
        target_kind="message",
        target_ids=[message_id_],
        query={"sender": opened.message.sender_bureau},
    )
    return to_read(session, opened, principal)


def acknowledge(
    session: Session, *, principal: Principal, tools: Tools, message_id_: str
) -> Receipt:
    principal.require(Permission.READ_RECORDS)
    opened = load_for(session, principal=principal, message_id=message_id_)
    receipt = opened.receipt
    if receipt is None:
        raise MessageRefused(
            "only an addressee acknowledges a message, not its sender", code="message.not_addressee"
        )
    if receipt.status != Status.ACKNOWLEDGED.value:
        now = utcnow()
        receipt.status, receipt.acknowledged_at = Status.ACKNOWLEDGED.value, now
        receipt.acknowledged_by = principal.username
        receipt.delivered_at = receipt.delivered_at or now
        receipt.read_at = receipt.read_at or now
        audit.record(
            session,
            actor=principal,
            action="message.acknowledge",
            target_kind="message",
            target_ids=[message_id_],
        )
        _announce_receipt(session, tools, opened.message, receipt)
    return Receipt.model_validate(receipt)


def attachment(
    session: Session, *, principal: Principal, tools: Tools, message_id_: str, position: int
) -> tuple[AttachmentMeta, bytes]:
    principal.require(Permission.READ_RECORDS)
    opened = verify_and_open(
        session, tools=tools, opened=load_for(session, principal=principal, message_id=message_id_)
    )
    metas = opened.fields.get("attachments", [])
    stored = session.get(MessageAttachment, (message_id_, position))
    if stored is None or position >= len(metas):
        raise MessageNotFound(
            f"message {message_id_} has no attachment {position}", code="message.no_attachment"
        )
    data = open_attachment(tools, opened.message, position, stored.ciphertext)
    audit.record(
        session,
        actor=principal,
        action="message.attachment_read",
        target_kind="message",
        target_ids=[message_id_],
        query={"position": position},
    )
    return AttachmentMeta.model_validate(metas[position]), data


def receipts(session: Session, *, message: Message) -> list[Receipt]:
    rows = session.scalars(
        select(MessageRecipient)
        .where(MessageRecipient.message_id == message.id)
        .order_by(MessageRecipient.bureau)
    )
    return [Receipt.model_validate(r) for r in rows]


def receipt_counts(
    session: Session, *, principal: Principal, message_ids: list[str]
) -> dict[str, dict[Status, int]]:
    """For a sent box: how many recipients of each of the bureau's own messages are at each
    status (others' messages are left out, as ``receipts`` is the sender's only)."""
    principal.require(Permission.READ_RECORDS)
    if not message_ids:
        return {}
    rows = session.execute(
        select(MessageRecipient.message_id, MessageRecipient.status, func.count())
        .join(Message, Message.id == MessageRecipient.message_id)
        .where(
            MessageRecipient.message_id.in_(message_ids),
            Message.sender_bureau == principal.bureau,
        )
        .group_by(MessageRecipient.message_id, MessageRecipient.status)
    ).all()
    counts: dict[str, dict[Status, int]] = {}
    for message_id_, status, count in rows:
        counts.setdefault(message_id_, {})[Status(status)] = int(count)
    return counts


def to_read(session: Session, opened: Opened, principal: Principal) -> MessageRead:
    message, fields, envelope = opened.message, opened.fields, opened.envelope
    mine = opened.receipt
    return MessageRead(
        **header_fields(message, envelope["recipients"]),
        subject=fields.get("subject"),
        status=Status(mine.status) if mine else None,
        body=fields.get("body"),
        references=[Reference.model_validate(r) for r in fields.get("references", [])],
        attachments=[AttachmentMeta.model_validate(a) for a in fields.get("attachments", [])],
        envelope=message.envelope,
        signature=message.signature,
        key_version=message.key_version,
        content=opened.content.decode() if opened.content is not None else None,
        ciphertext_base64=None if opened.content is not None else crypto.b64(message.ciphertext),
        sealed_key=crypto.b64(mine.sealed_key) if mine and mine.sealed_key else None,
        receipts=receipts(session, message=message)
        if message.sender_bureau == principal.bureau
        else None,
    )


def _announce_receipt(
    session: Session, tools: Tools, message: Message, receipt: MessageRecipient
) -> None:
    item = Event(
        kind=RECEIPT,
        message_id=message.id,
        seq=message.seq,
        sender=message.sender_bureau,
        bureaus=(message.sender_bureau,),
        priority=message.priority,
        handling_code=message.handling_code,
        created_at=utcnow().isoformat(),
        detail={"bureau": receipt.bureau, "status": receipt.status},
    )
    after_commit(session, lambda: tools.announce(item))
