"""Files attached to a request: warrant copies, photographs, supporting documents.

Refused before anything is stored: over ``MAX_ATTACHMENT_BYTES`` (413, with the limit), a
content type the kind does not accept, or bytes that are not what the label says (a PDF named
photo.jpg, an executable labelled image/png). The SHA-256 of what was stored is recorded.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.db import utcnow
from amana.core.errors import NotFound, PayloadTooLarge, ValidationFailed
from amana.core.principal import Principal
from amana.notices import access, service
from amana.notices.models import NoticeAttachment
from amana.notices.vocab import OPEN, AttachmentKind, NoticeStatus

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAGIC: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}
ACCEPTED: dict[AttachmentKind, frozenset[str]] = {
    AttachmentKind.PHOTO: frozenset({"image/jpeg", "image/png"}),
    AttachmentKind.WARRANT: frozenset(MAGIC),
    AttachmentKind.DOCUMENT: frozenset(MAGIC),
}


def too_large(size: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"the attachment is over the limit of {MAX_ATTACHMENT_BYTES} bytes ({size} bytes or more)",
        code="notice.attachment_too_large",
        max_bytes=MAX_ATTACHMENT_BYTES,
    )


def _checked_type(kind: AttachmentKind, content_type: str, data: bytes) -> str:
    declared = content_type.split(";")[0].strip().lower()
    if declared not in ACCEPTED[kind]:
        raise ValidationFailed(
            f"content type {declared or '(none)'!r} is not accepted for a {kind}; accepted: "
            f"{', '.join(sorted(ACCEPTED[kind]))}",
            code="notice.attachment_type",
            field="content-type",
        )
    if not data.startswith(MAGIC[declared]):
        raise ValidationFailed(
            f"the file's bytes are not a {declared} file (its signature does not match)",
            code="notice.attachment_content",
            field="content-type",
        )
    return declared


def add(
    session: Session,
    *,
    principal: Principal,
    notice_id: int,
    kind: AttachmentKind,
    filename: str,
    content_type: str,
    data: bytes,
) -> NoticeAttachment:
    """Attach a file to a draft (or a request sent back for more information)."""
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=utcnow())
    if NoticeStatus(notice.status) not in OPEN:
        service.raise_invalid(notice, "attach files to", "draft or info_requested")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise too_large(len(data))
    if not data:
        raise ValidationFailed("the attachment is empty", code="notice.attachment_empty")
    attachment = NoticeAttachment(
        notice_id=notice.id,
        public_id=secrets.token_hex(16),
        kind=kind.value,
        filename=filename,
        content_type=_checked_type(kind, content_type, data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        created_by_username=principal.username,
    )
    session.add(attachment)
    session.flush()
    service.log(
        session,
        actor=principal,
        action="attach",
        ids=[notice.id],
        query={
            "attachment": attachment.id,
            "kind": kind.value,
            "sha256": attachment.sha256,
            "size": attachment.size,
        },
    )
    return attachment


def get(
    session: Session, *, principal: Principal, notice_id: int, attachment_id: int
) -> NoticeAttachment:
    """A file of a notice the caller may see."""
    notice = access.get_or_raise(session, principal=principal, notice_id=notice_id, now=utcnow())
    attachment = session.scalar(
        select(NoticeAttachment).where(
            NoticeAttachment.id == attachment_id, NoticeAttachment.notice_id == notice.id
        )
    )
    if attachment is None:
        raise NotFound(
            f"notice {notice_id} has no attachment {attachment_id}",
            code="notice.attachment_not_found",
        )
    service.log(
        session,
        actor=principal,
        action="attachment_read",
        ids=[notice.id],
        query={"attachment": attachment_id},
    )
    return attachment
