"""What every record type shares: permissions, visibility, look-ups, lists, deletes, audit and
the change feed. The type modules (``persons``, ``documents``, ``objects``) build and change
records and call these.

Order inside a write: the change is flushed, then audited, then appended to the change feed. The
audit entry takes the chain's lock (held until commit), so change-feed ids are allocated by one
writer at a time, in commit order: a reader tailing ids above the last one it saw misses none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, func, insert, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.bureaus import service as bureaus
from amana.core.db import utcnow
from amana.core.errors import NotVisible, PermissionDenied, ValidationFailed
from amana.core.principal import Permission, Principal
from amana.core.visibility import OwnedRecord, Visibility, VisibilityListEntry, set_rule
from amana.records.models import RecordChange
from amana.records.schemas import VisibilityIn, VisibilityRead

R = TypeVar("R", bound=OwnedRecord)
S = TypeVar("S", bound=BaseModel)
Actor = Principal | None
"""``None`` is the command line, run by whoever operates the server."""

UPSERT = "upsert"
DELETE = "delete"
CLI_ACTOR = audit.Actor(username="cli")


def require_reader(principal: Actor) -> None:
    if principal is not None:
        principal.require(Permission.READ_RECORDS)


def require_writer(principal: Actor, owner: str) -> None:
    if principal is None:
        return
    principal.require(Permission.WRITE_OWN_RECORDS)
    if owner != principal.bureau:
        raise PermissionDenied(
            f"this record belongs to bureau {owner}; only its own operators may change it",
            code="record.not_owner",
            permission=str(Permission.WRITE_OWN_RECORDS),
        )


def owner_of(principal: Actor, owner: str | None) -> str:
    """Records are created for the caller's own bureau; the command line names one."""
    bureau = owner or (principal.bureau if principal is not None else None)
    if bureau is None:
        raise ValueError("an owner bureau is required when no principal acts")
    require_writer(principal, bureau)
    return bureau


def resolve_rule(
    session: Session, *, owner: str, requested: VisibilityIn | None
) -> tuple[Visibility, list[str]]:
    """The rule asked for, checked; without one, the owner bureau's default rule."""
    if requested is None:
        bureau = bureaus.get_or_raise(session, code=owner)
        return Visibility(bureau.default_visibility), list(bureau.default_visibility_list)
    listed = bureaus.require_known(session, codes=requested.bureaus, field="visibility.bureaus")
    if requested.rule is Visibility.ALL and listed:
        raise ValidationFailed(
            "visibility.bureaus: an 'all' rule lists no bureaus; remove them or change the rule",
            field="visibility.bureaus",
        )
    if requested.rule is not Visibility.ALL and not listed:
        raise ValidationFailed(
            f"visibility.bureaus: an '{requested.rule}' rule needs at least one bureau",
            field="visibility.bureaus",
        )
    return requested.rule, listed


def _audit(
    session: Session,
    principal: Actor,
    action: str,
    kind: str,
    ids: list[int],
    query: dict[str, Any],
) -> None:
    audit.record(
        session,
        actor=principal or CLI_ACTOR,
        action=action,
        target_kind=kind,
        target_ids=ids,
        query=query,
    )


def append_changes(session: Session, *, kind: str, ids: Iterable[int], op: str) -> None:
    """Append to the change feed; call after the write's audit entry (see the module note)."""
    at = utcnow()
    rows = [{"record_kind": kind, "record_id": i, "op": op, "at": at} for i in ids]
    if rows:
        session.execute(insert(RecordChange), rows)


def created(
    session: Session,
    *,
    principal: Actor,
    record: OwnedRecord,
    visibility: VisibilityIn | None,
    query: dict[str, Any],
) -> None:
    """Store a new record with its rule, audit it and feed it to the screening index."""
    rule, listed = resolve_rule(session, owner=record.owner_bureau, requested=visibility)
    session.add(record)
    session.flush()
    set_rule(session, record, rule, listed)
    _audit(session, principal, "record.create", record.record_kind, [record.id], query)
    append_changes(session, kind=record.record_kind, ids=[record.id], op=UPSERT)
    session.flush()


def updated(
    session: Session,
    *,
    principal: Actor,
    record: OwnedRecord,
    changed: list[str],
    visibility: VisibilityIn | None,
) -> None:
    if visibility is not None:
        rule, listed = resolve_rule(session, owner=record.owner_bureau, requested=visibility)
        set_rule(session, record, rule, listed)
        changed = [*changed, "visibility"]
    record.updated_at = utcnow()  # type: ignore[attr-defined]
    session.flush()
    _audit(
        session, principal, "record.update", record.record_kind, [record.id],
        {"changed": sorted(changed)},
    )  # fmt: skip
    append_changes(session, kind=record.record_kind, ids=[record.id], op=UPSERT)
    session.flush()


def apply_fields(record: object, change: BaseModel, *, skip: Iterable[str] = ()) -> list[str]:
    """Copy the fields a PATCH sent onto the record; returns their names."""
    changed = sorted(change.model_fields_set - {"visibility", *skip})
    for name in changed:
        setattr(record, name, getattr(change, name))
    return changed


def get_or_raise(session: Session, *, principal: Actor, model: type[R], record_id: int) -> R:
    """The record, if it exists and the caller's bureau may see it; 404 otherwise, so an
    excluded bureau cannot tell a hidden record from a missing one."""
    require_reader(principal)
    record = session.get(model, record_id)
    if record is None:
        raise NotVisible(f"no {model.record_kind} with id {record_id}", code="record.not_found")
    return record


def read(session: Session, *, principal: Actor, model: type[R], record_id: int) -> R:
    record = get_or_raise(session, principal=principal, model=model, record_id=record_id)
    _audit(session, principal, "record.read", model.record_kind, [record.id], {"id": record_id})
    return record


def get_for_write(session: Session, *, principal: Actor, model: type[R], record_id: int) -> R:
    if principal is not None:
        principal.require(Permission.WRITE_OWN_RECORDS)
    record = get_or_raise(session, principal=principal, model=model, record_id=record_id)
    require_writer(principal, record.owner_bureau)
    return record


def list_(
    session: Session,
    *,
    principal: Actor,
    model: type[R],
    filters: Sequence[ColumnElement[bool]] = (),
    query: dict[str, Any] | None = None,
    page: int = 1,
    per_page: int = 50,
) -> tuple[list[R], int]:
    """One page of the records the caller's bureau may see, newest first, and their total."""
    require_reader(principal)
    total = session.scalar(select(func.count()).select_from(model).where(*filters)) or 0
    rows = list(
        session.scalars(
            select(model)
            .where(*filters)
            .order_by(model.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    asked = {**(query or {}), "page": page, "per_page": per_page}
    _audit(session, principal, "record.list", model.record_kind, [r.id for r in rows], asked)
    return rows, total


def delete(session: Session, *, principal: Actor, model: type[R], record_id: int) -> None:
    record = get_for_write(session, principal=principal, model=model, record_id=record_id)
    set_rule(session, record, Visibility.ALL, [])  # drops its visibility list entries
    session.delete(record)
    session.flush()
    _audit(session, principal, "record.delete", model.record_kind, [record_id], {"id": record_id})
    append_changes(session, kind=model.record_kind, ids=[record_id], op=DELETE)
    session.flush()


def _owner_view(principal: Actor, record: OwnedRecord) -> bool:
    return principal is None or record.owner_bureau == principal.bureau


def visibility_reads(
    session: Session, *, principal: Actor, records: Sequence[OwnedRecord]
) -> dict[int, VisibilityRead]:
    """Each record's rule; the bureaus it names only for the owner (one query for a page)."""
    shown = [r for r in records if r.visibility != Visibility.ALL and _owner_view(principal, r)]
    listed: dict[int, list[str]] = {r.id: [] for r in shown}
    if shown:
        entries = session.execute(
            select(VisibilityListEntry.record_id, VisibilityListEntry.bureau).where(
                VisibilityListEntry.record_kind == shown[0].record_kind,
                VisibilityListEntry.record_id.in_(listed),
            )
        )
        for record_id, bureau in entries:
            listed[record_id].append(bureau)
    reads = {}
    for r in records:
        bureaus_shown = sorted(listed.get(r.id, [])) if _owner_view(principal, r) else None
        reads[r.id] = VisibilityRead(rule=Visibility(r.visibility), bureaus=bureaus_shown)
    return reads


def to_reads(
    session: Session, *, principal: Actor, records: Sequence[OwnedRecord], schema: type[S]
) -> list[S]:
    rules = visibility_reads(session, principal=principal, records=records)
    fields = [name for name in schema.model_fields if name != "visibility"]
    return [
        schema.model_validate(
            {**{name: getattr(r, name) for name in fields}, "visibility": rules[r.id]},
            from_attributes=True,
        )
        for r in records
    ]


def to_read(session: Session, *, principal: Actor, record: OwnedRecord, schema: type[S]) -> S:
    return to_reads(session, principal=principal, records=[record], schema=schema)[0]


def changes_since(session: Session, *, after_id: int, limit: int = 10_000) -> list[RecordChange]:
    """Changes with ids above ``after_id``, oldest first: the screening index's feed."""
    return list(
        session.scalars(
            select(RecordChange)
            .where(RecordChange.id > after_id)
            .order_by(RecordChange.id)
            .limit(limit)
        )
    )


def latest_change_id(session: Session) -> int:
    """The newest change's id (0 when there is none): where a freshly built index starts."""
    return session.scalar(select(func.max(RecordChange.id))) or 0
