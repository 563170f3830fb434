"""Notices and diffusions, the records they reference, their addressees, history and files.

A notice is not an ``OwnedRecord``: who may see it follows its workflow (the requesting bureau
always, the secretariat once submitted, every member once published, a diffusion's addressees
once circulated), not a sharing rule, so ``notices.access`` states it instead.
The request's content (subject, judicial basis, event, threat, assets, UN references) is one
JSON document validated by ``schemas.NoticeContent``: the types need different parts of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amana.core.db import Base, UTCDateTime, utcnow


class Notice(Base):
    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)
    notice_type: Mapped[str] = mapped_column(String(12), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    language: Mapped[str] = mapped_column(String(2))
    requesting_bureau: Mapped[str] = mapped_column(
        String(3), ForeignKey("bureaus.code"), index=True
    )
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    public_extract_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    entity_id: Mapped[str | None] = mapped_column(String(12), unique=True)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_by_username: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_username: Mapped[str | None] = mapped_column(String(64))
    review_decision: Mapped[str | None] = mapped_column(String(16))
    review_reason: Mapped[str | None] = mapped_column(String(32))
    review_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(String(24))
    cancel_note: Mapped[str | None] = mapped_column(Text)

    links: Mapped[list[NoticeLink]] = relationship(
        order_by="NoticeLink.id", cascade="all, delete-orphan", lazy="selectin"
    )
    addressees: Mapped[list[NoticeAddressee]] = relationship(
        order_by="NoticeAddressee.bureau", cascade="all, delete-orphan", lazy="selectin"
    )


class NoticeLink(Base):
    """A record the request references; the subject person is a link of kind ``person``."""

    __tablename__ = "notice_links"
    __table_args__ = (UniqueConstraint("notice_id", "record_kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(BigInteger, index=True)


class NoticeAddressee(Base):
    """A bureau a diffusion is sent to."""

    __tablename__ = "notice_addressees"

    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True
    )
    bureau: Mapped[str] = mapped_column(String(3), ForeignKey("bureaus.code"), primary_key=True)


class NoticeEvent(Base):
    """One step of a notice's history: every state change, kept with who and why."""

    __tablename__ = "notice_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor_username: Mapped[str] = mapped_column(String(64))
    actor_bureau: Mapped[str | None] = mapped_column(String(3))
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)


class NoticeAttachment(Base):
    """A warrant copy, photograph or other file. ``public_id`` names a photograph on the public
    API, so no internal id leaves Amana."""

    __tablename__ = "notice_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_username: Mapped[str] = mapped_column(String(64))
