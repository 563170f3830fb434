"""Hits worth the owner's attention: recorded, listed for both bureaus, answered by the owner.

A hit is not a licence to act: the searching officer confirms it with the record's owner, who
answers "confirmed" or "not confirmed"; the searching bureau sees the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.errors import Conflict, NotFound, NotVisible, ValidationFailed
from amana.core.principal import Permission, Principal
from amana.records.models import Organisation, Person, TravelDocument, Vehicle, Vessel
from amana.screening.entity_schemas import EntityHit
from amana.screening.models import Hit
from amana.screening.schemas import HitAnswer, HitPage, HitRead, PersonHit, RecordHit

OWNER, SEARCHER = "owner", "searcher"
PENDING = "pending"
NOTICE = "notice"


@dataclass(frozen=True)
class _Found:
    """One hit to record: on a record (``kind``, ``record_id``) owned by ``owner``."""

    kind: str
    record_id: int
    owner: str
    person_id: int | None
    score: float
    explanation: str


def open_key(searching_bureau: str, kind: str, record_id: int, person_id: int | None) -> str:
    """Names the one hit a bureau may have open on a record (a notice hit: on a notice and
    person); migration 0007 writes the same keys for the hits it found."""
    person = "-" if person_id is None else str(person_id)
    return f"{searching_bureau}/{kind}/{record_id}/{person}"


def _upsert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _record(
    session: Session,
    principal: Principal,
    found: _Found,
    query: dict[str, Any],
    window: timedelta,
) -> int:
    """The id of the bureau's open hit on the record, counting this search on it, or of a new
    one. One statement inserts or counts, on the unique ``open_key``, so simultaneous searches
    in several workers share one hit; the hit keeps its best-scoring search (query, evidence and
    officer together), and each search is in the audit trail anyway."""
    now = utcnow()
    key = open_key(principal.bureau, found.kind, found.record_id, found.person_id)
    session.execute(
        update(Hit).where(Hit.open_key == key, Hit.created_at <= now - window).values(open_key=None)
    )
    statement = _upsert(session)(Hit).values(
        created_at=now,
        record_kind=found.kind,
        record_id=found.record_id,
        person_id=found.person_id,
        owner_bureau=found.owner,
        searching_bureau=principal.bureau,
        searched_by=principal.user_id,
        searched_by_username=principal.username,
        score=found.score,
        query=query,
        explanation=found.explanation,
        status=PENDING,
        search_count=1,
        last_searched_at=now,
        open_key=key,
    )
    new = statement.excluded
    better = new.score > Hit.score
    statement = statement.on_conflict_do_update(
        index_elements=[Hit.open_key],
        set_={
            "search_count": Hit.search_count + 1,
            "last_searched_at": new.last_searched_at,
            **{
                column: case((better, getattr(new, column)), else_=getattr(Hit, column))
                for column in (
                    "score",
                    "query",
                    "explanation",
                    "searched_by",
                    "searched_by_username",
                )
            },
        },
    ).returning(Hit.id)
    hit_id: int = session.execute(statement).scalar_one()
    return hit_id


def _explanation(hit: PersonHit | RecordHit) -> str:
    if isinstance(hit, PersonHit | EntityHit):
        return "; ".join(f"{r.feature} {r.how}: {r.detail}" for r in hit.explanation)
    return hit.how


def notify(
    session: Session,
    *,
    principal: Principal,
    hits: Sequence[PersonHit | RecordHit],
    query: dict[str, Any],
    threshold: float,
    window: timedelta,
) -> None:
    """Record the hits on other bureaus' records that reach the confirmation threshold (once a
    window per bureau and record), and give each its id so the searcher can follow the owner's
    answer."""
    for hit in hits:
        if hit.score < threshold or hit.owner_bureau == principal.bureau:
            continue
        found = _Found(
            kind=hit.record_kind,
            record_id=hit.record_id,
            owner=hit.owner_bureau,
            person_id=hit.record_id if isinstance(hit, PersonHit) else None,
            score=hit.score,
            explanation=_explanation(hit),
        )
        hit.hit_id = _record(session, principal, found, query, window)


def notify_notice_requesters(
    session: Session,
    *,
    principal: Principal,
    hits: Sequence[PersonHit | RecordHit],
    query: dict[str, Any],
    threshold: float,
    window: timedelta,
) -> None:
    """Tell the bureau that requested a notice on a person that the person was screened.

    The record's owner was told by ``notify``; a notice's requester may be another bureau (it
    can request a notice on any record it may see), so it gets its own hit to confirm, shared by
    repeated searches exactly as the owner's is (the requester is told once a window too).
    """
    for hit in hits:
        if not isinstance(hit, PersonHit) or hit.score < threshold:
            continue
        for flag in hit.notices:
            if flag.requesting_bureau in (principal.bureau, hit.owner_bureau):
                continue
            reference = flag.entity_id or f"#{flag.notice_id}"
            found = _Found(
                kind=NOTICE,
                record_id=flag.notice_id,
                owner=flag.requesting_bureau,
                person_id=hit.record_id,
                score=hit.score,
                explanation=f"person {hit.record_id} ({hit.matched_name}) under "
                f"{flag.notice_type} notice {reference} ({flag.action_requested}): "
                f"{_explanation(hit)}",
            )
            _record(session, principal, found, query, window)


def _person_name(person: Person) -> str | None:
    primary = [n.full_name for n in person.names if n.kind == "primary"]
    return next(iter(primary or [n.full_name for n in person.names]), None)


def _names(
    session: Session, bureau: str, subjects: set[tuple[str, int]]
) -> dict[tuple[str, int], str | None]:
    """What each hit is on, by name, for the records ``bureau`` may see now (a hidden or deleted
    record is simply absent)."""
    found: dict[tuple[str, int], str | None] = {}
    persons = [i for kind, i in subjects if kind == Person.record_kind]
    if persons:
        for person in session.scalars(
            select(Person).where(Person.id.in_(persons), Person.visible_to(bureau))
        ):
            found[(Person.record_kind, person.id)] = _person_name(person)
    documents = [i for kind, i in subjects if kind == TravelDocument.record_kind]
    if documents:
        for number_id, number in session.execute(
            select(TravelDocument.id, TravelDocument.number).where(
                TravelDocument.id.in_(documents), TravelDocument.visible_to(bureau)
            )
        ):
            found[(TravelDocument.record_kind, number_id)] = number
    vehicles = [i for kind, i in subjects if kind == Vehicle.record_kind]
    if vehicles:
        for vehicle_id, plate, vin in session.execute(
            select(Vehicle.id, Vehicle.plate, Vehicle.vin).where(
                Vehicle.id.in_(vehicles), Vehicle.visible_to(bureau)
            )
        ):
            found[(Vehicle.record_kind, vehicle_id)] = plate or vin
    for model in (Organisation, Vessel):
        ids = [i for kind, i in subjects if kind == model.record_kind]
        if ids:
            for record_id, names in session.execute(
                select(model.id, model.names).where(model.id.in_(ids), model.visible_to(bureau))
            ):
                found[(model.record_kind, record_id)] = names[0]["name"] if names else None
    return found


def _subject(hit: Hit) -> tuple[str, int]:
    """The record whose visibility rule governs the hit: a notice hit's is its person's (one
    recorded before 0007 without a person governs by nothing, and is withheld)."""
    if hit.person_id is not None:
        return (Person.record_kind, hit.person_id)
    return (hit.record_kind, hit.record_id)


def read(session: Session, *, principal: Principal, rows: Sequence[Hit]) -> list[HitRead]:
    """Hits as the caller's bureau may read them now: the record's owner always in full; any
    other reader (the searching bureau, a notice's requester) only while the owner's current
    rule lets it see the record. Otherwise the hit stays in the reader's list, as its own trail
    (what it asked, when, who searched, the owner bureau, the state of the answer), with
    everything that came from the record withheld: record id (ids are sequential and would say
    which record), score, evidence, name, and the owner's note about it."""
    names = _names(session, principal.bureau, {_subject(r) for r in rows})
    return [_read(row, principal.bureau, names) for row in rows]


def _read(row: Hit, bureau: str, names: dict[tuple[str, int], str | None]) -> HitRead:
    subject = _subject(row)
    owns = row.record_kind != NOTICE and row.owner_bureau == bureau
    shared = owns or subject in names
    return HitRead(
        id=row.id,
        created_at=row.created_at,
        last_searched_at=row.last_searched_at,
        search_count=row.search_count,
        record_kind=row.record_kind,
        record_id=row.record_id if shared else None,
        owner_bureau=row.owner_bureau,
        searching_bureau=row.searching_bureau,
        searched_by_username=row.searched_by_username,
        shared=shared,
        display_name=names.get(subject),
        score=row.score if shared else None,
        query=row.query,
        explanation=row.explanation if shared else None,
        status=row.status,
        answered_by_username=row.answered_by_username,
        answered_at=row.answered_at,
        answer_note=row.answer_note if shared else None,
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
    audit.record(
        session,
        actor=principal,
        action="hit.list",
        target_kind="screening_hit",
        target_ids=[r.id for r in rows],
        query={"side": side, "status": status, "page": page},
    )
    return HitPage(
        items=read(session, principal=principal, rows=rows),
        total=total,
        page=page,
        per_page=per_page,
    )


def get(session: Session, *, principal: Principal, hit_id: int) -> HitRead:
    """One hit of the caller's bureau, as ``read`` lets it read it."""
    principal.require(Permission.READ_RECORDS)
    row = get_or_raise(session, principal=principal, hit_id=hit_id)
    audit.record(
        session,
        actor=principal,
        action="hit.read",
        target_kind="screening_hit",
        target_ids=[row.id],
    )
    return read(session, principal=principal, rows=[row])[0]


def get_or_raise(session: Session, *, principal: Principal, hit_id: int) -> Hit:
    """The hit row, for either of its bureaus; another bureau's hit is not found, exactly as a
    missing one is."""
    hit = session.scalar(
        select(Hit).where(
            Hit.id == hit_id,
            or_(Hit.owner_bureau == principal.bureau, Hit.searching_bureau == principal.bureau),
        )
    )
    if hit is None:
        raise NotVisible(f"no hit with id {hit_id} for your bureau", code="hit.not_found")
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
    hit.open_key = None  # a later search is a new question for the owner
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
