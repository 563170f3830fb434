"""Organisations and vessels: created and changed as vehicles are (``objects``), through the
shared record service (owner, visibility rule, audit entry, change feed)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from amana.matching.org_identifiers import IMO, key
from amana.matching.scripts import detect_script
from amana.records import service
from amana.records.entity_schemas import (
    EntityNameIn,
    OrganisationCreate,
    OrganisationIdentifierIn,
    OrganisationUpdate,
    VesselCreate,
    VesselUpdate,
)
from amana.records.models import Organisation, Vessel
from amana.records.service import Actor

LISTS = ("names", "identifiers")


def names_column(names: list[EntityNameIn]) -> list[dict[str, str]]:
    """Each name with its detected script, repeats left out."""
    unique = dict.fromkeys(n.name for n in names)
    return [{"name": name, "script": detect_script(name)} for name in unique]


def identifiers_column(identifiers: list[OrganisationIdentifierIn]) -> list[dict[str, str]]:
    return [{"kind": i.kind.value, "value": i.value} for i in identifiers]


def _values(data: Any) -> dict[str, Any]:
    values: dict[str, Any] = data.model_dump(mode="json", exclude={"visibility", *LISTS})
    return values


def _stamp(principal: Actor, owner: str | None) -> dict[str, Any]:
    return {
        "owner_bureau": service.owner_of(principal, owner),
        "created_by": principal.user_id if principal else None,
    }


def create_organisation(
    session: Session, *, principal: Actor, data: OrganisationCreate, owner: str | None = None
) -> Organisation:
    organisation = Organisation(
        **_values(data),
        names=names_column(data.names),
        identifiers=identifiers_column(data.identifiers),
        **_stamp(principal, owner),
    )
    service.created(
        session,
        principal=principal,
        record=organisation,
        visibility=data.visibility,
        query={"owner_bureau": organisation.owner_bureau, "status": organisation.status},
    )
    return organisation


def update_organisation(
    session: Session, *, principal: Actor, record_id: int, change: OrganisationUpdate
) -> Organisation:
    organisation = service.get_for_write(
        session, principal=principal, model=Organisation, record_id=record_id
    )
    changed = service.apply_fields(organisation, change, skip=LISTS)
    if change.names is not None:
        organisation.names = names_column(change.names)
        changed.append("names")
    if change.identifiers is not None:
        organisation.identifiers = identifiers_column(change.identifiers)
        changed.append("identifiers")
    service.updated(
        session,
        principal=principal,
        record=organisation,
        changed=changed,
        visibility=change.visibility,
    )
    return organisation


def create_vessel(
    session: Session, *, principal: Actor, data: VesselCreate, owner: str | None = None
) -> Vessel:
    vessel = Vessel(**_values(data), names=names_column(data.names), **_stamp(principal, owner))
    service.created(
        session,
        principal=principal,
        record=vessel,
        visibility=data.visibility,
        query={"owner_bureau": vessel.owner_bureau, "status": vessel.status},
    )
    return vessel


def update_vessel(
    session: Session, *, principal: Actor, record_id: int, change: VesselUpdate
) -> Vessel:
    vessel = service.get_for_write(session, principal=principal, model=Vessel, record_id=record_id)
    changed = service.apply_fields(vessel, change, skip=LISTS)
    if change.names is not None:
        vessel.names = names_column(change.names)
        changed.append("names")
    service.updated(
        session, principal=principal, record=vessel, changed=changed, visibility=change.visibility
    )
    return vessel


def filters(model: type[Any], **asked: str | None) -> list[ColumnElement[bool]]:
    """List filters: ``imo`` with or without its prefix, the others as given."""
    found = []
    for name, value in asked.items():
        if not value:
            continue
        found.append(getattr(model, name) == (_imo_key(value) if name == IMO else value))
    return found


def _imo_key(value: str) -> str:
    try:
        return key(IMO, value)
    except ValueError:
        return value  # finds nothing: no stored IMO fails its check
