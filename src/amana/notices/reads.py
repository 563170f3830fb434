"""Reading notices: one notice (audited), lists and searches (audited), their API shapes, and
the history of state changes (the requesting bureau and the secretariat).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from amana.core.db import utcnow
from amana.core.errors import NotFound
from amana.core.principal import Permission, Principal
from amana.notices import access
from amana.notices.models import Notice, NoticeAttachment, NoticeEvent
from amana.notices.schemas import (
    AttachmentRead,
    CheckResult,
    LinkRead,
    NoticeContent,
    NoticeEventRead,
    NoticePage,
    NoticeRead,
    NoticeSummary,
    ReviewRead,
)
from amana.notices.service import log
from amana.notices.vocab import (
    TYPE_RULES,
    CheckOutcome,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    ReviewDecision,
)


def read(session: Session, *, principal: Principal, notice_id: int) -> Notice:
    now = utcnow()
    notice = access.get_or_raise(session, principal=principal, notice_id=notice_id, now=now)
    log(session, actor=principal, action="read", ids=[notice.id], query={"id": notice_id})
    return notice


def list_(
    session: Session,
    *,
    principal: Principal,
    kind: NoticeKind | None = None,
    notice_type: NoticeType | None = None,
    status: NoticeStatus | None = None,
    bureau: str | None = None,
    name: str | None = None,
    page: int = 1,
    per_page: int = 50,
    now: datetime | None = None,
) -> NoticePage:
    """The notices the caller may see, newest first; the search itself is audited."""
    principal.require(Permission.READ_RECORDS)
    now = now or utcnow()
    filters = [access.visible(principal, now)]
    if kind:
        filters.append(Notice.kind == kind.value)
    if notice_type:
        filters.append(Notice.notice_type == notice_type.value)
    if status:
        filters.append(access.status_filter(status, now))
    if bureau:
        filters.append(Notice.requesting_bureau == bureau.upper())
    if name and name.split():
        filters.append(name_filter(name))
    total = session.scalar(select(func.count()).select_from(Notice).where(*filters)) or 0
    rows = list(
        session.scalars(
            select(Notice)
            .where(*filters)
            .order_by(Notice.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    asked = {
        "kind": kind,
        "type": notice_type,
        "status": status,
        "bureau": bureau,
        "name": name,
        "page": page,
        "per_page": per_page,
    }
    log(session, actor=principal, action="list", ids=[n.id for n in rows], query=asked)
    items = [summary(n, now) for n in rows]
    return NoticePage(items=items, total=total, page=page, per_page=per_page)


SUBJECT_NAMES = ("family_name", "forename", "name_in_original_script")


def name_filter(text: str) -> ColumnElement[bool]:
    """Every word of ``text`` in one of the subject's names, in any order and case (a plain
    substring search, for browsing; screening is the search that knows scripts and spellings)."""
    parts = [func.lower(Notice.content[("subject", key)].as_string()) for key in SUBJECT_NAMES]
    return and_(
        *(or_(*(p.contains(word, autoescape=True) for p in parts)) for word in text.lower().split())
    )


def subject_name(notice: Notice) -> str | None:
    subject = notice.content.get("subject") or {}
    parts = [subject.get("family_name"), subject.get("forename")]
    return " ".join(p for p in parts if p and p != "-") or None


def summary(notice: Notice, now: datetime) -> NoticeSummary:
    return NoticeSummary(
        id=notice.id,
        kind=NoticeKind(notice.kind),
        notice_type=NoticeType(notice.notice_type),
        action_requested=TYPE_RULES[NoticeType(notice.notice_type)].action,
        status=access.effective_status(notice, now),
        requesting_bureau=notice.requesting_bureau,
        entity_id=notice.entity_id,
        subject_name=subject_name(notice),
        submitted_at=notice.submitted_at,
        published_at=notice.published_at,
        expires_at=notice.expires_at,
    )


def _review(notice: Notice) -> ReviewRead | None:
    if notice.review_decision is None or notice.reviewed_at is None:
        return None
    return ReviewRead(
        decision=ReviewDecision(notice.review_decision),
        reason=notice.review_reason,
        note=notice.review_note,
        reviewed_by=notice.reviewed_by_username or "",
        reviewed_at=notice.reviewed_at,
    )


def attachments_of(session: Session, notice_id: int) -> list[NoticeAttachment]:
    return list(
        session.scalars(
            select(NoticeAttachment)
            .where(NoticeAttachment.notice_id == notice_id)
            .order_by(NoticeAttachment.id)
        )
    )


def to_read(session: Session, *, principal: Principal, notice: Notice) -> NoticeRead:
    now = utcnow()
    internal = access.sees_internals(principal, notice)
    checks = [CheckResult.model_validate(c) for c in notice.checks] if internal else None
    return NoticeRead(
        id=notice.id,
        kind=NoticeKind(notice.kind),
        notice_type=NoticeType(notice.notice_type),
        action_requested=TYPE_RULES[NoticeType(notice.notice_type)].action,
        status=access.effective_status(notice, now),
        language=notice.language,
        requesting_bureau=notice.requesting_bureau,
        entity_id=notice.entity_id,
        content=NoticeContent.model_validate(notice.content),
        links=[LinkRead.model_validate(link) for link in notice.links],
        addressees=[a.bureau for a in notice.addressees],
        public_extract_consent=notice.public_extract_consent,
        checks=checks,
        review=_review(notice) if internal else None,
        attachments=[AttachmentRead.model_validate(a) for a in attachments_of(session, notice.id)],
        created_by_username=notice.created_by_username,
        created_at=notice.created_at,
        updated_at=notice.updated_at,
        submitted_at=notice.submitted_at,
        published_at=notice.published_at,
        expires_at=notice.expires_at,
        closed_at=notice.closed_at,
        cancel_reason=notice.cancel_reason,
        cancel_note=notice.cancel_note,
    )


def history(session: Session, *, principal: Principal, notice_id: int) -> list[NoticeEventRead]:
    """Every state change, oldest first: the requesting bureau and the secretariat."""
    notice = access.get_or_raise(session, principal=principal, notice_id=notice_id, now=utcnow())
    if not access.sees_internals(principal, notice):
        raise NotFound(f"no history of notice {notice_id} for your bureau", code="notice.not_found")
    rows = session.scalars(
        select(NoticeEvent).where(NoticeEvent.notice_id == notice.id).order_by(NoticeEvent.id)
    )
    log(session, actor=principal, action="history", ids=[notice.id])
    return [NoticeEventRead.model_validate(row) for row in rows]


def flags(session: Session, *, principal: Principal, notice_ids: list[int]) -> dict[int, list[str]]:
    """The rules the checks flagged on each of these requests, for those whose checks the
    caller may see (the requesting bureau, the secretariat): a review queue shows them beside
    each request. Not audited: the list that named these ids was."""
    if not notice_ids:
        return {}
    now = utcnow()
    rows = session.scalars(
        select(Notice).where(Notice.id.in_(notice_ids), access.visible(principal, now))
    )
    return {
        notice.id: [c["rule"] for c in notice.checks if c.get("outcome") == CheckOutcome.FLAG]
        for notice in rows
        if access.sees_internals(principal, notice)
    }
