"""HTTP face of the object databases: vehicles, firearms and works of art."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from amana.core.params import PageNumber, PerPage, RecordId
from amana.deps import CurrentPrincipal, SessionDep
from amana.records import objects, service
from amana.records.models import Artwork, Firearm, Vehicle
from amana.records.object_schemas import (
    ArtworkCreate,
    ArtworkPage,
    ArtworkRead,
    ArtworkUpdate,
    FirearmCreate,
    FirearmPage,
    FirearmRead,
    FirearmUpdate,
    VehicleCreate,
    VehiclePage,
    VehicleRead,
    VehicleUpdate,
)
from amana.records.vocab import ArtworkStatus, FirearmStatus, VehicleStatus

router = APIRouter()
Key = Annotated[str | None, Query(max_length=64)]
CREATED = status.HTTP_201_CREATED
NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.post("/vehicles", status_code=CREATED, tags=["vehicles"], operation_id="vehicles_create")
def create_vehicle(
    data: VehicleCreate, session: SessionDep, principal: CurrentPrincipal
) -> VehicleRead:
    vehicle = objects.create_vehicle(session, principal=principal, data=data)
    return service.to_read(session, principal=principal, record=vehicle, schema=VehicleRead)


@router.get("/vehicles", tags=["vehicles"], operation_id="vehicles_list")
def list_vehicles(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: VehicleStatus | None = None,
    vin: Key = None,
    plate: Key = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> VehiclePage:
    """Vehicles the caller's bureau may see; ``vin`` and ``plate`` ignore spaces and dashes."""
    asked = {"status": status, "vin": vin, "plate": plate}
    rows, total = service.list_(
        session,
        principal=principal,
        model=Vehicle,
        filters=objects.key_filters(Vehicle, **asked),
        query=asked,
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=VehicleRead)
    return VehiclePage(items=items, total=total, page=page, per_page=per_page)


@router.get("/vehicles/{record_id}", tags=["vehicles"], operation_id="vehicles_get")
def get_vehicle(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> VehicleRead:
    vehicle = service.read(session, principal=principal, model=Vehicle, record_id=record_id)
    return service.to_read(session, principal=principal, record=vehicle, schema=VehicleRead)


@router.patch("/vehicles/{record_id}", tags=["vehicles"], operation_id="vehicles_update")
def update_vehicle(
    record_id: RecordId, change: VehicleUpdate, session: SessionDep, principal: CurrentPrincipal
) -> VehicleRead:
    vehicle = objects.update_vehicle(
        session, principal=principal, record_id=record_id, change=change
    )
    return service.to_read(session, principal=principal, record=vehicle, schema=VehicleRead)


@router.delete(
    "/vehicles/{record_id}",
    status_code=NO_CONTENT,
    tags=["vehicles"],
    operation_id="vehicles_delete",
)
def delete_vehicle(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=Vehicle, record_id=record_id)
    return Response(status_code=NO_CONTENT)


@router.post("/firearms", status_code=CREATED, tags=["firearms"], operation_id="firearms_create")
def create_firearm(
    data: FirearmCreate, session: SessionDep, principal: CurrentPrincipal
) -> FirearmRead:
    firearm = objects.create_firearm(session, principal=principal, data=data)
    return service.to_read(session, principal=principal, record=firearm, schema=FirearmRead)


@router.get("/firearms", tags=["firearms"], operation_id="firearms_list")
def list_firearms(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: FirearmStatus | None = None,
    serial_number: Key = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> FirearmPage:
    asked = {"status": status, "serial_number": serial_number}
    rows, total = service.list_(
        session,
        principal=principal,
        model=Firearm,
        filters=objects.key_filters(Firearm, **asked),
        query=asked,
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=FirearmRead)
    return FirearmPage(items=items, total=total, page=page, per_page=per_page)


@router.get("/firearms/{record_id}", tags=["firearms"], operation_id="firearms_get")
def get_firearm(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> FirearmRead:
    firearm = service.read(session, principal=principal, model=Firearm, record_id=record_id)
    return service.to_read(session, principal=principal, record=firearm, schema=FirearmRead)


@router.patch("/firearms/{record_id}", tags=["firearms"], operation_id="firearms_update")
def update_firearm(
    record_id: RecordId, change: FirearmUpdate, session: SessionDep, principal: CurrentPrincipal
) -> FirearmRead:
    firearm = objects.update_firearm(
        session, principal=principal, record_id=record_id, change=change
    )
    return service.to_read(session, principal=principal, record=firearm, schema=FirearmRead)


@router.delete(
    "/firearms/{record_id}",
    status_code=NO_CONTENT,
    tags=["firearms"],
    operation_id="firearms_delete",
)
def delete_firearm(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=Firearm, record_id=record_id)
    return Response(status_code=NO_CONTENT)


@router.post("/artworks", status_code=CREATED, tags=["artworks"], operation_id="artworks_create")
def create_artwork(
    data: ArtworkCreate, session: SessionDep, principal: CurrentPrincipal
) -> ArtworkRead:
    artwork = objects.create_artwork(session, principal=principal, data=data)
    return service.to_read(session, principal=principal, record=artwork, schema=ArtworkRead)


@router.get("/artworks", tags=["artworks"], operation_id="artworks_list")
def list_artworks(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: ArtworkStatus | None = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> ArtworkPage:
    asked = {"status": status}
    rows, total = service.list_(
        session,
        principal=principal,
        model=Artwork,
        filters=objects.key_filters(Artwork, **asked),
        query=asked,
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=ArtworkRead)
    return ArtworkPage(items=items, total=total, page=page, per_page=per_page)


@router.get("/artworks/{record_id}", tags=["artworks"], operation_id="artworks_get")
def get_artwork(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> ArtworkRead:
    artwork = service.read(session, principal=principal, model=Artwork, record_id=record_id)
    return service.to_read(session, principal=principal, record=artwork, schema=ArtworkRead)


@router.patch("/artworks/{record_id}", tags=["artworks"], operation_id="artworks_update")
def update_artwork(
    record_id: RecordId, change: ArtworkUpdate, session: SessionDep, principal: CurrentPrincipal
) -> ArtworkRead:
    artwork = objects.update_artwork(
        session, principal=principal, record_id=record_id, change=change
    )
    return service.to_read(session, principal=principal, record=artwork, schema=ArtworkRead)


@router.delete(
    "/artworks/{record_id}",
    status_code=NO_CONTENT,
    tags=["artworks"],
    operation_id="artworks_delete",
)
def delete_artwork(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=Artwork, record_id=record_id)
    return Response(status_code=NO_CONTENT)
