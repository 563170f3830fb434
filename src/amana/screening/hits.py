"""Hits worth the owner's attention: recorded, listed for both bureaus, answered by the owner.

A hit is not a licence to act: the searching officer confirms it with the record's owner, who
answers "confirmed" or "not confirmed"; the searching bureau sees the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.errors import Conflict, NotFound, ValidationFailed
from amana.core.principal import Permission, Principal
from amana.screening.models import Hit
from amana.screening.schemas import HitAnswer, HitPage, HitRead, PersonHit, RecordHit

OWNER, SEARCHER = "owner", "searcher"
PENDING = "pending"


def _record(
    session: Session,
    principal: Principal,
    kind: str,
    record_id: int,
    owner: str,
    score: float,
    query: dict[str, Any],
    explanation: str,
) -> Hit:
    hit = Hit(
        record_kind=kind,
        record_id=record_id,
        owner_bureau=owner,
        searching_bureau=principal.bureau,
        searched_by=principal.user_id,
        searched_by_username=principal.username,
        score=score,
        query=query,
        explanation=explanation,
        status=PENDING,
    )
    session.add(hit)
    return hit


def _explanation(hit: PersonHit | RecordHit) -> str:
    if isinstance(hit, PersonHit):
        return "; ".join(f"{r.feature} {r.how}: {r.detail}" for r in hit.explanation)
    return hit.how


def notify(
    session: Session,
    *,
    principal: Principal,
    hits: Sequence[PersonHit | RecordHit],
    query: dict[str, Any],
    threshold: float,
) -> None:
    """Record the hits on other bureaus' records that reach the confirmation threshold, and
    give each its id so the searcher can follow the owner's answer."""
    made = [
        (
            hit,
            _record(
                session,
                principal,
                hit.record_kind,
                hit.record_id,
                hit.owner_bureau,
                hit.score,
                query,
                _explanation(hit),
            ),
        )
        for hit in hits
        if hit.score >= threshold and hit.owner_bureau != principal.bureau
    ]
    if made:
        session.flush()
        for hit, row in made:
            hit.hit_id = row.id


NOTICE = "notice"


def notify_notice_requesters(
    session: Session,
    *,
    principal: Principal,
    hits: Sequence[PersonHit | RecordHit],
    query: dict[str, Any],
    threshold: float,
) -> None:
    """Tell the bureau that requested a notice on a person that the person was screened.

    The record's owner was told by ``notify``; a notice's requester may be another bureau (it
    can request a notice on any record it may see), so it gets its own hit to confirm.
    """
    for hit in hits:
        if not isinstance(hit, PersonHit) or hit.score < threshold:
            continue
        for flag in hit.notices:
            if flag.requesting_bureau in (principal.bureau, hit.owner_bureau):
                continue
            reference = flag.entity_id or f"#{flag.notice_id}"
            _record(
                session,
                principal,
                NOTICE,
                flag.notice_id,
                flag.requesting_bureau,
                hit.score,
                query,
                f"person {hit.record_id} ({hit.matched_name}) under {flag.notice_type} notice "
                f"{reference} ({flag.action_requested}): {_explanation(hit)}",
            )


def list_(
    session: Session,
    *,
    principal: Principal,
    side: str,
    status: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> HitPage:
    """Hits on the caller's bureau's records (``owner``) or found by its searches
    (``searcher``), newest first."""
    principal.require(Permission.READ_RECORDS)
    if side not in (OWNER, SEARCHER):
        raise ValidationFailed(
            f"side must be '{OWNER}' or '{SEARCHER}', not '{side}'", field="side"
        )
    column = Hit.owner_bureau if side == OWNER else Hit.searching_bureau
    filters = [column == principal.bureau]
    if status:
        filters.append(Hit.status == status)
    total = session.scalar(select(func.count()).select_from(Hit).where(*filters)) or 0
    rows = session.scalars(
        select(Hit)
        .where(*filters)
        .order_by(Hit.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return HitPage(
        items=[HitRead.model_validate(r) for r in rows], total=total, page=page, per_page=per_page
    )


def get_or_raise(session: Session, *, principal: Principal, hit_id: int) -> Hit:
    hit = session.scalar(
        select(Hit).where(
            Hit.id == hit_id,
            or_(Hit.owner_bureau == principal.bureau, Hit.searching_bureau == principal.bureau),
        )
    )
    if hit is None:
        raise NotFound(f"no hit with id {hit_id} for your bureau", code="hit.not_found")
    return hit


def answer(session: Session, *, principal: Principal, hit_id: int, data: HitAnswer) -> Hit:
    """The owner bureau confirms the hit or not; the searching bureau sees the answer."""
    principal.require(Permission.WRITE_OWN_RECORDS)
    hit = get_or_raise(session, principal=principal, hit_id=hit_id)
    if hit.owner_bureau != principal.bureau:
        raise NotFound(f"hit {hit_id} is not on a record of your bureau", code="hit.not_owner")
    if hit.status != PENDING:
        raise Conflict(f"hit {hit_id} was already answered: {hit.status}", code="hit.answered")
    hit.status = data.status.value
    hit.answer_note = data.note
    hit.answered_by_username = principal.username
    hit.answered_at = utcnow()
    audit.record(
        session,
        actor=principal,
        action="hit.answer",
        target_kind="screening_hit",
        target_ids=[hit.id],
        query={"status": hit.status},
    )
    return hit
