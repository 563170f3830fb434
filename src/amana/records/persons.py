"""Wanted, missing and other persons of interest: names in any script, identifiers, dates."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from amana.matching.identifiers import exact_key
from amana.matching.scripts import detect_script
from amana.records import service
from amana.records.models import Person, PersonIdentifier, PersonName
from amana.records.schemas import (
    PersonCreate,
    PersonIdentifierIn,
    PersonNameIn,
    PersonPage,
    PersonRead,
    PersonUpdate,
)
from amana.records.service import Actor


def name_rows(names: list[PersonNameIn]) -> list[dict[str, Any]]:
    """Names in the order given; the script is detected, never taken from the caller."""
    return [
        {
            "position": position,
            "full_name": name.full_name,
            "kind": name.kind.value,
            "script": detect_script(name.full_name),
            "language": name.language,
        }
        for position, name in enumerate(names)
    ]


def identifier_rows(identifiers: list[PersonIdentifierIn]) -> list[dict[str, Any]]:
    return [
        {"kind": i.kind.value, "number": i.number, "number_key": exact_key(i.number),
         "country": i.country}
        for i in identifiers
    ]  # fmt: skip


def columns(data: PersonCreate) -> dict[str, Any]:
    """The person's own columns (not names, identifiers, owner or rule), as stored."""
    return {
        "status": data.status.value,
        "sex": data.sex.value if data.sex else None,
        "dates_of_birth": data.dates_of_birth,
        "place_of_birth": data.place_of_birth,
        "nationalities": data.nationalities,
        "distinguishing_marks": data.distinguishing_marks,
        "crime_categories": [c.value for c in data.crime_categories],
        "photo_refs": data.photo_refs,
    }


def build_names(names: list[PersonNameIn]) -> list[PersonName]:
    return [PersonName(**row) for row in name_rows(names)]


def build_identifiers(identifiers: list[PersonIdentifierIn]) -> list[PersonIdentifier]:
    return [PersonIdentifier(**row) for row in identifier_rows(identifiers)]


def create(
    session: Session, *, principal: Actor, data: PersonCreate, owner: str | None = None
) -> Person:
    person = Person(
        **columns(data),
        owner_bureau=service.owner_of(principal, owner),
        names=build_names(data.names),
        identifiers=build_identifiers(data.identifiers),
        created_by=principal.user_id if principal else None,
    )
    service.created(
        session,
        principal=principal,
        record=person,
        visibility=data.visibility,
        query={"owner_bureau": person.owner_bureau, "status": person.status},
    )
    return person


def update(session: Session, *, principal: Actor, record_id: int, change: PersonUpdate) -> Person:
    person = service.get_for_write(session, principal=principal, model=Person, record_id=record_id)
    changed = service.apply_fields(person, change, skip={"names", "identifiers"})
    if change.names is not None:
        person.names = build_names(change.names)
        changed.append("names")
    if change.identifiers is not None:
        person.identifiers = build_identifiers(change.identifiers)
        changed.append("identifiers")
    service.updated(
        session, principal=principal, record=person, changed=changed, visibility=change.visibility
    )
    return person


def list_(
    session: Session,
    *,
    principal: Actor,
    status: str | None = None,
    bureau: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> PersonPage:
    filters: list[ColumnElement[bool]] = []
    if status:
        filters.append(Person.status == status)
    if bureau:
        filters.append(Person.owner_bureau == bureau.upper())
    rows, total = service.list_(
        session,
        principal=principal,
        model=Person,
        filters=filters,
        query={"status": status, "bureau": bureau},
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=PersonRead)
    return PersonPage(items=items, total=total, page=page, per_page=per_page)


def to_read(session: Session, *, principal: Actor, person: Person) -> PersonRead:
    return service.to_read(session, principal=principal, record=person, schema=PersonRead)
