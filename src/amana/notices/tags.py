"""What screening shows on a hit: the published notices on each person.

Screening sits below notices and knows only its ``NoticeFlag`` shape (``screening.flags``);
``NoticeTag`` is that shape, frozen, so the composition root can hand ``flagger`` to screening
as its ``PersonFlagger`` unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from pydantic import ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.db import utcnow
from amana.notices.models import Notice, NoticeLink
from amana.notices.vocab import TYPE_RULES, LinkKind, NoticeKind, NoticeStatus, NoticeType
from amana.screening.flags import NoticeFlag


class NoticeTag(NoticeFlag):
    """A published, unexpired notice naming a person: type, public reference, action asked."""

    model_config = ConfigDict(frozen=True)


def tags_for_persons(
    session: Session, person_ids: Sequence[int], *, now: datetime | None = None
) -> dict[int, list[NoticeTag]]:
    """Per person id, the published, unexpired notices (not diffusions) linking that person
    record, oldest first; persons without any are left out. One query for all ids."""
    if not person_ids:
        return {}
    now = now or utcnow()
    rows = session.execute(
        select(NoticeLink.record_id, Notice)
        .join(Notice, Notice.id == NoticeLink.notice_id)
        .where(
            NoticeLink.record_kind == LinkKind.PERSON.value,
            NoticeLink.record_id.in_(sorted(set(person_ids))),
            Notice.kind == NoticeKind.NOTICE.value,
            Notice.status == NoticeStatus.PUBLISHED.value,
            Notice.expires_at > now,
        )
        .order_by(Notice.id)
    )
    tags: dict[int, list[NoticeTag]] = {}
    for person_id, notice in rows:
        tags.setdefault(person_id, []).append(
            NoticeTag(
                notice_id=notice.id,
                notice_type=notice.notice_type,
                entity_id=notice.entity_id,
                action_requested=TYPE_RULES[NoticeType(notice.notice_type)].action.value,
                requesting_bureau=notice.requesting_bureau,
            )
        )
    return tags


def flagger(session: Session, person_ids: Sequence[int]) -> Mapping[int, Sequence[NoticeFlag]]:
    """``tags_for_persons`` as screening's ``PersonFlagger`` (wired by the composition root)."""
    return tags_for_persons(session, person_ids)
