"""Stolen and wanted objects: vehicles, firearms and works of art."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from amana.core.errors import ValidationFailed
from amana.matching.identifiers import exact_key
from amana.records import service
from amana.records.models import Artwork, Firearm, Vehicle
from amana.records.object_schemas import (
    ArtworkCreate,
    ArtworkUpdate,
    FirearmCreate,
    FirearmUpdate,
    VehicleCreate,
    VehicleUpdate,
)
from amana.records.service import Actor


def _values(data: Any) -> dict[str, Any]:
    """The create body's fields as column values (enums as their codes)."""
    return data.model_dump(mode="json", exclude={"visibility"})  # type: ignore[no-any-return]


def _stamp(principal: Actor, owner: str | None) -> dict[str, Any]:
    return {
        "owner_bureau": service.owner_of(principal, owner),
        "created_by": principal.user_id if principal else None,
    }


def vehicle_columns(data: VehicleCreate) -> dict[str, Any]:
    """The vehicle's columns as stored, keys included (not owner or rule)."""
    values = _values(data)
    values["vin_key"] = exact_key(data.vin) if data.vin else None
    values["plate_key"] = exact_key(data.plate) if data.plate else None
    return values


def _vehicle_keys(vehicle: Vehicle) -> None:
    if not (vehicle.vin or vehicle.plate):
        raise ValidationFailed(
            "vin, plate: a vehicle needs a VIN or a plate; this change would leave neither",
            code="vehicle.unidentifiable",
            field="vin",
        )
    vehicle.vin_key = exact_key(vehicle.vin) if vehicle.vin else None
    vehicle.plate_key = exact_key(vehicle.plate) if vehicle.plate else None


def create_vehicle(
    session: Session, *, principal: Actor, data: VehicleCreate, owner: str | None = None
) -> Vehicle:
    vehicle = Vehicle(**vehicle_columns(data), **_stamp(principal, owner))
    service.created(
        session,
        principal=principal,
        record=vehicle,
        visibility=data.visibility,
        query={"owner_bureau": vehicle.owner_bureau, "status": vehicle.status},
    )
    return vehicle


def update_vehicle(
    session: Session, *, principal: Actor, record_id: int, change: VehicleUpdate
) -> Vehicle:
    vehicle = service.get_for_write(
        session, principal=principal, model=Vehicle, record_id=record_id
    )
    changed = service.apply_fields(vehicle, change)
    _vehicle_keys(vehicle)
    service.updated(
        session, principal=principal, record=vehicle, changed=changed, visibility=change.visibility
    )
    return vehicle


def create_firearm(
    session: Session, *, principal: Actor, data: FirearmCreate, owner: str | None = None
) -> Firearm:
    firearm = Firearm(**_values(data), **_stamp(principal, owner))
    firearm.serial_key = exact_key(firearm.serial_number)
    service.created(
        session,
        principal=principal,
        record=firearm,
        visibility=data.visibility,
        query={"owner_bureau": firearm.owner_bureau, "status": firearm.status},
    )
    return firearm


def update_firearm(
    session: Session, *, principal: Actor, record_id: int, change: FirearmUpdate
) -> Firearm:
    firearm = service.get_for_write(
        session, principal=principal, model=Firearm, record_id=record_id
    )
    changed = service.apply_fields(firearm, change)
    firearm.serial_key = exact_key(firearm.serial_number)
    service.updated(
        session, principal=principal, record=firearm, changed=changed, visibility=change.visibility
    )
    return firearm


def create_artwork(
    session: Session, *, principal: Actor, data: ArtworkCreate, owner: str | None = None
) -> Artwork:
    artwork = Artwork(**_values(data), **_stamp(principal, owner))
    service.created(
        session,
        principal=principal,
        record=artwork,
        visibility=data.visibility,
        query={"owner_bureau": artwork.owner_bureau, "status": artwork.status},
    )
    return artwork


def update_artwork(
    session: Session, *, principal: Actor, record_id: int, change: ArtworkUpdate
) -> Artwork:
    artwork = service.get_for_write(
        session, principal=principal, model=Artwork, record_id=record_id
    )
    changed = service.apply_fields(artwork, change)
    service.updated(
        session, principal=principal, record=artwork, changed=changed, visibility=change.visibility
    )
    return artwork


def key_filters(model: type[Any], **asked: str | None) -> list[ColumnElement[bool]]:
    """List filters: ``status`` as given, identifier columns compared by their keys."""
    keyed = {"vin": "vin_key", "plate": "plate_key", "serial_number": "serial_key"}
    filters = []
    for name, value in asked.items():
        if not value:
            continue
        if name in keyed:
            filters.append(getattr(model, keyed[name]) == exact_key(value))
        else:
            filters.append(getattr(model, name) == value)
    return filters
