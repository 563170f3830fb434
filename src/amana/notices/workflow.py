"""The notice workflow: checks, submission, secretariat review, cancellation, renewal, expiry.

    draft ──submit──▶ submitted ──approve──▶ published ──cancel / expire──▶ cancelled / expired
      ▲                  │ reject ▶ rejected     ▲ renew (five more years)
      └─ info_requested ◀┘ request_info
    diffusion: draft ──submit──▶ circulated (reaches its addressees at once) ──approve──▶
               published; reject ▶ rejected (withdrawn); request_info ▶ info_requested

A failed hard check blocks submission with one 422 listing every failed rule; flags are stored
with the submission for the reviewer and never block. Every transition goes through
``service.transition`` (audited, kept in the history).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.errors import PermissionDenied, ValidationFailed
from amana.core.principal import GENERAL_SECRETARIAT, Permission, Principal
from amana.notices import access, compliance, service
from amana.notices.models import Notice, NoticeAttachment
from amana.notices.schemas import CancelIn, CheckReport, NoticeContent, ReviewIn
from amana.notices.vocab import (
    LIVE,
    OPEN,
    RETENTION,
    TERMINAL,
    AttachmentKind,
    CheckOutcome,
    LinkKind,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    ReviewDecision,
)
from amana.records.models import Person

SYSTEM_ACTOR = audit.Actor(username="system")


def _request(session: Session, notice: Notice) -> compliance.Request:
    kinds = frozenset(link.record_kind for link in notice.links)
    person_ids = [x.record_id for x in notice.links if x.record_kind == LinkKind.PERSON]
    persons = list(session.scalars(select(Person).where(Person.id.in_(person_ids))))
    photos = session.scalar(
        select(func.count())
        .select_from(NoticeAttachment)
        .where(
            NoticeAttachment.notice_id == notice.id,
            NoticeAttachment.kind == AttachmentKind.PHOTO.value,
        )
    )
    return compliance.Request(
        notice_type=NoticeType(notice.notice_type),
        kind=NoticeKind(notice.kind),
        content=NoticeContent.model_validate(notice.content),
        link_kinds=kinds,
        addressees=tuple(a.bureau for a in notice.addressees),
        person=compliance.PersonFacts(
            dates_of_birth=any(p.dates_of_birth for p in persons),
            nationalities=any(p.nationalities for p in persons),
            identity_documents=any(p.identifiers for p in persons)
            or LinkKind.TRAVEL_DOCUMENT in kinds,
            photos=any(p.photo_refs for p in persons),
        ),
        photos=photos or 0,
    )


def check(session: Session, *, principal: Principal, notice_id: int) -> CheckReport:
    """Dry run: the check results for a draft as it stands, nothing changed."""
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=utcnow())
    report = compliance.run(_request(session, notice))
    service.log(
        session,
        actor=principal,
        action="check",
        ids=[notice.id],
        query={"passed": report.passed, "flagged": report.flagged},
    )
    return report


def submit(
    session: Session, *, principal: Principal, notice_id: int, now: datetime | None = None
) -> Notice:
    """Send a request to the secretariat, or circulate a diffusion, if no hard check fails."""
    now = now or utcnow()
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=now)
    if NoticeStatus(notice.status) not in OPEN:
        service.raise_invalid(notice, "submit", "draft or info_requested")
    report = compliance.run(_request(session, notice))
    if not report.passed:
        failed = [r for r in report.results if r.outcome is CheckOutcome.FAIL]
        raise ValidationFailed(
            f"notice {notice.id} fails {len(failed)} compliance check(s): "
            + "; ".join(f"{r.rule}: {r.reason}" for r in failed),
            code="notice.checks_failed",
            failed=[r.model_dump(mode="json") for r in failed],
            checks=report.model_dump(mode="json"),
        )
    notice.checks = [r.model_dump(mode="json") for r in report.results]
    notice.submitted_at = now
    if notice.kind == NoticeKind.DIFFUSION:
        notice.published_at, notice.expires_at = now, now + RETENTION
        service.transition(
            session, notice=notice, actor=principal, action="circulate", to=NoticeStatus.CIRCULATED
        )
    else:
        service.transition(
            session, notice=notice, actor=principal, action="submit", to=NoticeStatus.SUBMITTED
        )
    return notice


def _require_reviewer(principal: Principal, notice: Notice) -> None:
    principal.require(Permission.REVIEW_NOTICES)
    if principal.bureau != GENERAL_SECRETARIAT:
        raise PermissionDenied(
            "only the General Secretariat reviews notices",
            code="notice.not_secretariat",
            permission=str(Permission.REVIEW_NOTICES),
        )
    if notice.requesting_bureau == principal.bureau or notice.created_by == principal.user_id:
        raise PermissionDenied(
            f"notice {notice.id} was requested by your own bureau ({notice.requesting_bureau}); "
            "another reviewer must review it",
            code="notice.own_request",
            permission=str(Permission.REVIEW_NOTICES),
        )


def _check_review(notice: Notice, data: ReviewIn) -> None:
    if data.decision is not ReviewDecision.APPROVE and not (data.reason and data.note):
        raise ValidationFailed(
            f"to {data.decision} a request, give a reason (reason) and a note for the requesting "
            "bureau (note)",
            code="notice.review_reason_required",
            field="reason",
        )
    flags = [c["rule"] for c in notice.checks if c.get("outcome") == CheckOutcome.FLAG]
    if data.decision is ReviewDecision.APPROVE and flags and not data.note:
        raise ValidationFailed(
            f"the checks flagged this request ({', '.join(flags)}): approving it needs a note "
            "saying why the flags do not apply",
            code="notice.flags_unaddressed",
            field="note",
            flags=flags,
        )


def review(
    session: Session,
    *,
    principal: Principal,
    notice_id: int,
    data: ReviewIn,
    now: datetime | None = None,
) -> Notice:
    """The secretariat approves, rejects or asks for more; the requesting bureau sees each."""
    now = now or utcnow()
    notice = access.get_or_raise(session, principal=principal, notice_id=notice_id, now=now)
    _require_reviewer(principal, notice)
    awaiting = (
        NoticeStatus.CIRCULATED if notice.kind == NoticeKind.DIFFUSION else NoticeStatus.SUBMITTED
    )
    if access.effective_status(notice, now) is not awaiting:
        service.raise_invalid(notice, "review", awaiting.value)
    _check_review(notice, data)
    notice.reviewed_at, notice.reviewed_by_username = now, principal.username
    notice.review_decision = data.decision.value
    notice.review_reason = data.reason.value if data.reason else None
    notice.review_note = data.note
    reason = notice.review_reason
    if data.decision is ReviewDecision.REJECT:
        notice.closed_at = now
        to, action = NoticeStatus.REJECTED, "reject"
    elif data.decision is ReviewDecision.REQUEST_INFO:
        to, action = NoticeStatus.INFO_REQUESTED, "request_info"
    else:
        to, action = NoticeStatus.PUBLISHED, "approve"
    service.transition(
        session, notice=notice, actor=principal, action=action, to=to, reason=reason, note=data.note
    )
    if to is NoticeStatus.PUBLISHED and notice.kind == NoticeKind.NOTICE:
        # After the audit entry: it holds the chain's lock, so numbers are taken one at a time.
        notice.published_at, notice.expires_at = now, now + RETENTION
        notice.entity_id = _next_entity_id(session, now)
        session.flush()
    return notice


def _next_entity_id(session: Session, now: datetime) -> str:
    prefix = f"{now.year}/"
    last = session.scalar(
        select(func.max(Notice.entity_id)).where(Notice.entity_id.like(prefix + "%"))
    )
    number = int(last.split("/")[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def cancel(
    session: Session,
    *,
    principal: Principal,
    notice_id: int,
    data: CancelIn,
    now: datetime | None = None,
) -> Notice:
    """The requesting bureau withdraws its request or notice (located, arrested, …)."""
    now = now or utcnow()
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=now)
    if access.effective_status(notice, now) in TERMINAL:
        service.raise_invalid(notice, "cancel", "neither rejected, cancelled nor expired")
    notice.cancel_reason, notice.cancel_note, notice.closed_at = data.reason.value, data.note, now
    service.transition(
        session,
        notice=notice,
        actor=principal,
        action="cancel",
        to=NoticeStatus.CANCELLED,
        reason=data.reason.value,
        note=data.note,
    )
    return notice


def renew(
    session: Session, *, principal: Principal, notice_id: int, now: datetime | None = None
) -> Notice:
    """Five more years from now for a live notice or diffusion."""
    now = now or utcnow()
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=now)
    if access.effective_status(notice, now) not in LIVE:
        service.raise_invalid(notice, "renew", "published or circulated, and not expired")
    notice.expires_at = now + RETENTION
    service.transition(
        session, notice=notice, actor=principal, action="renew", to=NoticeStatus(notice.status)
    )
    return notice


def set_consent(session: Session, *, principal: Principal, notice_id: int, consent: bool) -> Notice:
    """Give or withdraw consent to a public extract (withdrawal takes it offline at once)."""
    now = utcnow()
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=now)
    if access.effective_status(notice, now) in TERMINAL:
        service.raise_invalid(notice, "change consent on", "neither closed nor expired")
    service.check_consent(notice.kind, notice.notice_type, consent)
    notice.public_extract_consent = consent
    service.transition(
        session,
        notice=notice,
        actor=principal,
        action="consent",
        to=NoticeStatus(notice.status),
        reason="consent_given" if consent else "consent_withdrawn",
    )
    return notice


def expire_due(session: Session, *, now: datetime | None = None) -> list[int]:
    """Close every live notice or diffusion past its expiry date; returns their ids."""
    now = now or utcnow()
    due = list(
        session.scalars(
            select(Notice)
            .where(Notice.status.in_([s.value for s in LIVE]), Notice.expires_at <= now)
            .order_by(Notice.id)
        )
    )
    for notice in due:
        notice.closed_at = now
        service.transition(
            session, notice=notice, actor=SYSTEM_ACTOR, action="expire", to=NoticeStatus.EXPIRED
        )
    return [n.id for n in due]
