"""Serving the public extracts: which notices are public, look-ups by public id, audit.

Public reads are audited like any other (actor ``public``), so a bureau can see how often its
extract is consulted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.errors import NotFound
from amana.notices import extracts, public
from amana.notices.models import Notice, NoticeAttachment
from amana.notices.vocab import AttachmentKind, NoticeKind, NoticeStatus, NoticeType

PUBLIC_ACTOR = audit.Actor(username="public")


def _public(notice_type: NoticeType, now: datetime) -> Select[Notice]:
    return select(Notice).where(
        Notice.kind == NoticeKind.NOTICE.value,
        Notice.notice_type == notice_type.value,
        Notice.status == NoticeStatus.PUBLISHED.value,
        Notice.public_extract_consent.is_(True),
        Notice.expires_at > now,
        Notice.entity_id.is_not(None),
    )


def _photos(session: Session, notice_ids: list[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(NoticeAttachment.notice_id, NoticeAttachment.public_id)
        .where(
            NoticeAttachment.notice_id.in_(notice_ids),
            NoticeAttachment.kind == AttachmentKind.PHOTO.value,
        )
        .order_by(NoticeAttachment.id)
    )
    photos: dict[int, list[str]] = {i: [] for i in notice_ids}
    for notice_id, public_id in rows:
        photos[notice_id].append(public.picture_id(public_id))
    return photos


def _log(session: Session, action: str, ids: list[int], query: dict[str, Any]) -> None:
    audit.record(
        session,
        actor=PUBLIC_ACTOR,
        action=f"notice.{action}",
        target_kind="notice",
        target_ids=ids,
        query=query,
    )


def search(
    session: Session,
    *,
    notice_type: NoticeType,
    query: public.PublicQuery,
    base: str,
    path: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """``path``: the list's path under ``/notices/v1`` for its links (default: the type's)."""
    now = now or utcnow()
    rows = session.scalars(
        _public(notice_type, now).order_by(Notice.published_at.desc(), Notice.id.desc())
    )
    matched = [n for n in rows if public.matches(n, query, now.date())]
    page = public.paginate(matched, query)
    photos = _photos(session, [n.id for n in page.notices])
    items = [extracts.summary(base, n, photos[n.id]) for n in page.notices]
    _log(session, "public_search", [n.id for n in page.notices], dict(query.params))
    return extracts.listing(
        base,
        path or public.PATHS[notice_type],
        items,
        total=page.total,
        page=page.page,
        per_page=page.per_page,
        last=page.last,
        params=query.params,
    )


def _get(session: Session, notice_type: NoticeType, url_id: str, now: datetime) -> Notice:
    entity_id = public.entity_id_of(url_id)
    notice = (
        session.scalar(_public(notice_type, now).where(Notice.entity_id == entity_id))
        if entity_id
        else None
    )
    if notice is None:
        raise NotFound(f"no public {notice_type} notice {url_id}", code="notice.public_not_found")
    return notice


def detail(session: Session, *, notice_type: NoticeType, url_id: str, base: str) -> dict[str, Any]:
    notice = _get(session, notice_type, url_id, utcnow())
    _log(session, "public_read", [notice.id], {"id": url_id})
    build = extracts.DETAILS[notice_type]
    return build(base, notice, _photos(session, [notice.id])[notice.id])


def images(session: Session, *, notice_type: NoticeType, url_id: str, base: str) -> dict[str, Any]:
    notice = _get(session, notice_type, url_id, utcnow())
    _log(session, "public_images", [notice.id], {"id": url_id})
    return extracts.images(base, notice, _photos(session, [notice.id])[notice.id])


def image(
    session: Session, *, notice_type: NoticeType, url_id: str, picture_id: str
) -> NoticeAttachment:
    notice = _get(session, notice_type, url_id, utcnow())
    prefix = public.picture_prefix(picture_id)
    attachment = (
        session.scalar(
            select(NoticeAttachment)
            .where(
                NoticeAttachment.notice_id == notice.id,
                NoticeAttachment.public_id.startswith(prefix, autoescape=True),
                NoticeAttachment.kind == AttachmentKind.PHOTO.value,
            )
            .order_by(NoticeAttachment.id)
            .limit(1)
        )
        if prefix
        else None
    )
    if attachment is None:
        raise NotFound(
            f"notice {url_id} has no picture {picture_id}", code="notice.public_not_found"
        )
    _log(session, "public_image", [notice.id], {"id": url_id, "picture": picture_id})
    return attachment
