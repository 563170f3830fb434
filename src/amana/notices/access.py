"""Who may see and act on a notice, and the status a reader sees.

The requesting bureau sees its requests in every status; the secretariat's reviewers see every
request once submitted; every member bureau sees published notices; a diffusion's addressees see
it once circulated. A live request past its expiry date reads as expired even before
``workflow.expire_due`` has run, so no reader ever acts on a stale notice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from amana.core.errors import NotVisible, PermissionDenied
from amana.core.principal import Permission, Principal
from amana.notices.models import Notice, NoticeAddressee
from amana.notices.vocab import LIVE, NoticeKind, NoticeStatus

_PUBLISHED, _DRAFT = NoticeStatus.PUBLISHED.value, NoticeStatus.DRAFT.value
_LIVE = [s.value for s in LIVE]


def effective_status(notice: Notice, now: datetime) -> NoticeStatus:
    status = NoticeStatus(notice.status)
    if status in LIVE and notice.expires_at is not None and notice.expires_at <= now:
        return NoticeStatus.EXPIRED
    return status


def is_reviewer(principal: Principal) -> bool:
    return principal.can(Permission.REVIEW_NOTICES)


def sees_internals(principal: Principal, notice: Notice) -> bool:
    """Checks and reviewer notes: the requesting bureau and the secretariat only."""
    return principal.bureau == notice.requesting_bureau or is_reviewer(principal)


def visible(principal: Principal, now: datetime) -> ColumnElement[bool]:
    """The notices ``principal`` may see, as a SQL condition."""
    unexpired = Notice.expires_at > now
    addressed = exists().where(
        NoticeAddressee.notice_id == Notice.id, NoticeAddressee.bureau == principal.bureau
    )
    conditions = [
        Notice.requesting_bureau == principal.bureau,
        and_(Notice.kind == NoticeKind.NOTICE.value, Notice.status == _PUBLISHED, unexpired),
        and_(
            Notice.kind == NoticeKind.DIFFUSION.value,
            Notice.status.in_(_LIVE),
            unexpired,
            addressed,
        ),
    ]
    if is_reviewer(principal):
        conditions.append(Notice.status != _DRAFT)
    return or_(*conditions)


def status_filter(status: NoticeStatus, now: datetime) -> ColumnElement[bool]:
    """Filter on the status readers see (past-expiry live requests count as expired)."""
    if status in LIVE:
        return and_(Notice.status == status.value, Notice.expires_at > now)
    if status is NoticeStatus.EXPIRED:
        return or_(
            Notice.status == status.value,
            and_(Notice.status.in_(_LIVE), Notice.expires_at <= now),
        )
    return Notice.status == status.value


def get_or_raise(
    session: Session, *, principal: Principal, notice_id: int, now: datetime
) -> Notice:
    """The notice if the caller may see it; 404 otherwise, so a bureau cannot tell another's
    draft from a missing id."""
    principal.require(Permission.READ_RECORDS)
    notice = session.scalar(select(Notice).where(Notice.id == notice_id, visible(principal, now)))
    if notice is None:
        raise NotVisible(f"no notice with id {notice_id}", code="notice.not_found")
    return notice


def get_for_owner(
    session: Session, *, principal: Principal, notice_id: int, now: datetime
) -> Notice:
    """For the requesting bureau's operators: change, submit, cancel, renew."""
    principal.require(Permission.REQUEST_NOTICES)
    notice = get_or_raise(session, principal=principal, notice_id=notice_id, now=now)
    if notice.requesting_bureau != principal.bureau:
        raise PermissionDenied(
            f"notice {notice_id} was requested by bureau {notice.requesting_bureau}; only its "
            "own operators may change, submit, cancel or renew it",
            code="notice.not_owner",
            permission=str(Permission.REQUEST_NOTICES),
        )
    return notice


def is_addressee(principal: Principal, notice: Notice) -> bool:
    return any(a.bureau == principal.bureau for a in notice.addressees)
