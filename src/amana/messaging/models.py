"""Messages between bureaus, their per-recipient receipts, attachments, and bureau keys.

What stays in clear is what routing, receipts and escalation need (who, to whom, when, priority,
handling code, thread links); subject, body, references and attachments are ciphertext, and the
search terms are keyed hashes, so a copy of the database alone reveals no content.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from amana.core.db import Base, UTCDateTime, utcnow

# SQLite only auto-increments an INTEGER PRIMARY KEY.
SEQ = BigInteger().with_variant(Integer, "sqlite")


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("sender_bureau", "idempotency_key"),
        Index("ix_messages_escalation", "priority", "escalated_at", "ack_due_at"),
    )

    seq: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sender_bureau: Mapped[str] = mapped_column(String(3), index=True)
    sender_user_id: Mapped[int | None] = mapped_column(BigInteger)
    sender_username: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(128))
    request_digest: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(8))
    priority: Mapped[str] = mapped_column(String(8))
    handling_code: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    thread_id: Mapped[str] = mapped_column(String(32), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(32))
    forwarded_from: Mapped[str | None] = mapped_column(String(32))
    addressed: Mapped[dict[str, Any]] = mapped_column(JSON)
    envelope: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(128))
    key_version: Mapped[int] = mapped_column(Integer)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    terms: Mapped[str] = mapped_column(Text, default="")
    ack_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Outbox flag for the NATS backbone: set once JetStream has the delivery event.
    relayed: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class MessageRecipient(Base):
    __tablename__ = "message_recipients"
    __table_args__ = (Index("ix_message_recipients_inbox", "bureau", "message_seq"),)

    message_id: Mapped[str] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    bureau: Mapped[str] = mapped_column(String(3), primary_key=True)
    message_seq: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="sent")
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    # End-to-end mode: the message's data key sealed to this bureau's own public key.
    sealed_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class MessageAttachment(Base):
    """An attachment's bytes, encrypted with its message's data key. Its name, type, size and
    hash are in the message's encrypted content, covered by the signature."""

    __tablename__ = "message_attachments"

    message_id: Mapped[str] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)


class BureauKey(Base):
    """One version of a bureau's keys. Old versions stay so old messages stay verifiable."""

    __tablename__ = "messaging_bureau_keys"
    __table_args__ = (UniqueConstraint("bureau", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bureau: Mapped[str] = mapped_column(String(3), index=True)
    version: Mapped[int] = mapped_column(Integer)
    custody: Mapped[str] = mapped_column(String(8))
    sign_public: Mapped[str] = mapped_column(String(64))
    sign_secret_wrapped: Mapped[bytes | None] = mapped_column(LargeBinary)
    box_public: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
