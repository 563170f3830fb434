"""Drafting notices: create and update, with the audit and history helpers every change uses.

Reading is in ``reads``; the workflow (checks, submission, review, cancellation, renewal,
expiry) is in ``workflow``. Every state change is audited and appended to the notice's
history (``NoticeEvent``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.bureaus import service as bureaus
from amana.core.db import utcnow
from amana.core.errors import Conflict, ValidationFailed
from amana.core.principal import Permission, Principal
from amana.notices import access
from amana.notices.models import Notice, NoticeAddressee, NoticeEvent, NoticeLink
from amana.notices.schemas import LinkIn, NoticeContent, NoticeCreate, NoticeUpdate, content_of
from amana.notices.tags import NoticeTag, tags_for_persons
from amana.notices.vocab import OPEN, PUBLIC_TYPES, TYPE_RULES, NoticeKind, NoticeStatus, NoticeType
from amana.records.models import RECORD_TYPES

Actor = Principal | audit.Actor

__all__ = ["NoticeTag", "tags_for_persons"]


def log(
    session: Session,
    *,
    actor: Actor,
    action: str,
    ids: Sequence[int],
    query: dict[str, Any] | None = None,
) -> None:
    audit.record(
        session,
        actor=actor,
        action=f"notice.{action}",
        target_kind="notice",
        target_ids=list(ids),
        query=query or {},
    )


def transition(
    session: Session,
    *,
    notice: Notice,
    actor: Actor,
    action: str,
    to: NoticeStatus,
    reason: str | None = None,
    note: str | None = None,
) -> None:
    """Move ``notice`` to ``to``: audited and kept in its history."""
    before = notice.status
    notice.status = to.value
    notice.updated_at = utcnow()
    who = actor if isinstance(actor, audit.Actor) else audit.Actor.of(actor)
    session.add(
        NoticeEvent(
            notice_id=notice.id,
            action=action,
            from_status=before if action != "create" else None,
            to_status=to.value,
            actor_username=who.username or "system",
            actor_bureau=who.bureau,
            reason=reason,
            note=note,
        )
    )
    session.flush()
    log(
        session,
        actor=actor,
        action=action,
        ids=[notice.id],
        query={"from": before, "to": to.value, "reason": reason},
    )


def _links(
    session: Session, *, principal: Principal, notice_type: NoticeType, links: list[LinkIn]
) -> list[NoticeLink]:
    """The records named, each allowed for the type and visible to the caller's bureau; one
    422 names every bad link, so nothing is stored half-linked."""
    allowed = TYPE_RULES[notice_type].links
    problems = []
    for position, link in enumerate(links):
        where = f"links[{position}] ({link.record_kind} {link.record_id})"
        if link.record_kind not in allowed:
            kinds = ", ".join(sorted(allowed))
            problems.append(f"{where}: a {notice_type} notice may reference {kinds} only")
            continue
        model = RECORD_TYPES[link.record_kind.value]
        found = session.scalar(
            select(model.id).where(model.id == link.record_id, model.visible_to(principal.bureau))
        )
        if found is None:
            problems.append(f"{where}: no such record visible to bureau {principal.bureau}")
            # Another bureau's hidden record reads as a missing one, and is audited as the
            # refusal it is (a missing one too: the answer must not differ, nor the trail).
            audit.refused(
                session,
                actor=principal,
                action="notice.link",
                target_kind=link.record_kind.value,
                target_ids=[link.record_id],
                detail="notice.invalid_link",
            )
    if problems:
        raise ValidationFailed(
            "; ".join(problems), code="notice.invalid_link", problems=problems, field="links"
        )
    unique = dict.fromkeys((link.record_kind.value, link.record_id) for link in links)
    return [NoticeLink(record_kind=kind, record_id=rid) for kind, rid in unique]


def _addressees(
    session: Session, *, principal: Principal, kind: NoticeKind, codes: list[str]
) -> list[NoticeAddressee]:
    if kind is NoticeKind.NOTICE:
        if codes:
            raise ValidationFailed(
                "addressees: a notice reaches every member bureau once published; only a "
                "diffusion names addressees",
                code="notice.addressees_not_applicable",
                field="addressees",
            )
        return []
    known = bureaus.require_known(session, codes=codes, field="addressees")
    if principal.bureau in known:
        raise ValidationFailed(
            f"addressees: {principal.bureau} is the requesting bureau itself",
            code="notice.addressees_invalid",
            field="addressees",
        )
    return [NoticeAddressee(bureau=code) for code in sorted(set(known))]


def check_consent(kind: str, notice_type: str, consent: bool) -> None:
    if consent and (kind != NoticeKind.NOTICE or notice_type not in PUBLIC_TYPES):
        raise ValidationFailed(
            "public_extract_consent: only Red, Yellow and UN notices have public extracts",
            code="notice.consent_not_applicable",
            field="public_extract_consent",
        )


def create(session: Session, *, principal: Principal, data: NoticeCreate) -> Notice:
    """A draft for the caller's bureau (bureau operators)."""
    principal.require(Permission.REQUEST_NOTICES)
    check_consent(data.kind, data.notice_type, data.public_extract_consent)
    notice = Notice(
        kind=data.kind.value,
        notice_type=data.notice_type.value,
        status=NoticeStatus.DRAFT.value,
        language=data.language.value,
        requesting_bureau=principal.bureau,
        content=content_of(data),
        public_extract_consent=data.public_extract_consent,
        checks=[],
        created_by=principal.user_id,
        created_by_username=principal.username,
        links=_links(session, principal=principal, notice_type=data.notice_type, links=data.links),
        addressees=_addressees(session, principal=principal, kind=data.kind, codes=data.addressees),
    )
    session.add(notice)
    session.flush()
    transition(session, notice=notice, actor=principal, action="create", to=NoticeStatus.DRAFT)
    return notice


def update(
    session: Session, *, principal: Principal, notice_id: int, change: NoticeUpdate
) -> Notice:
    """Change a draft, or a request the secretariat sent back for more information."""
    now = utcnow()
    notice = access.get_for_owner(session, principal=principal, notice_id=notice_id, now=now)
    if NoticeStatus(notice.status) not in OPEN:
        raise_invalid(notice, "change", "draft or info_requested")
    sent = change.model_fields_set
    content = NoticeContent.model_validate(notice.content)
    merged = content.model_copy(
        update={f: getattr(change, f) for f in sent if f in NoticeContent.model_fields}
    )
    notice.content = content_of(merged)
    if "language" in sent and change.language is not None:
        notice.language = change.language.value
    if "links" in sent:
        wanted = _links(
            session,
            principal=principal,
            notice_type=NoticeType(notice.notice_type),
            links=change.links or [],
        )
        # Keep the stored row of a link sent again: a new row for the same record would be
        # inserted before the old one is deleted, and break the one-link-per-record constraint.
        kept = {(link.record_kind, link.record_id): link for link in notice.links}
        notice.links = [kept.get((link.record_kind, link.record_id), link) for link in wanted]
    if "addressees" in sent:
        notice.addressees = _addressees(
            session,
            principal=principal,
            kind=NoticeKind(notice.kind),
            codes=change.addressees or [],
        )
    if "public_extract_consent" in sent:
        consent = bool(change.public_extract_consent)
        check_consent(notice.kind, notice.notice_type, consent)
        notice.public_extract_consent = consent
    notice.updated_at = now
    session.flush()
    log(session, actor=principal, action="update", ids=[notice.id], query={"changed": sorted(sent)})
    return notice


def raise_invalid(notice: Notice, action: str, allowed: str) -> NoReturn:
    raise Conflict(
        f"notice {notice.id} is {notice.status}: to {action} it, it must be {allowed}",
        code="notice.invalid_transition",
        notice_status=notice.status,
    )
