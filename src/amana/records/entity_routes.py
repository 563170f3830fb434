"""HTTP face of organisations and vessels, in the shape of the object databases
(``object_routes``): create, list, read, change and delete, the owner's operators writing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from amana.core.params import PageNumber, PerPage, RecordId
from amana.deps import CurrentPrincipal, SessionDep
from amana.records import entities, service
from amana.records.entity_schemas import (
    OrganisationCreate,
    OrganisationPage,
    OrganisationRead,
    OrganisationUpdate,
    VesselCreate,
    VesselPage,
    VesselRead,
    VesselUpdate,
)
from amana.records.models import Organisation, Vessel
from amana.records.vocab import OrganisationKind, OrganisationStatus, VesselStatus

router = APIRouter()
Key = Annotated[str | None, Query(max_length=20)]
CountryFilter = Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Z]{2}$")]
CREATED = status.HTTP_201_CREATED
NO_CONTENT = status.HTTP_204_NO_CONTENT
ORGS, VESSELS = "organisations", "vessels"


@router.post(f"/{ORGS}", status_code=CREATED, tags=[ORGS], operation_id="organisations_create")
def create_organisation(
    data: OrganisationCreate, session: SessionDep, principal: CurrentPrincipal
) -> OrganisationRead:
    record = entities.create_organisation(session, principal=principal, data=data)
    return service.to_read(session, principal=principal, record=record, schema=OrganisationRead)


@router.get(f"/{ORGS}", tags=[ORGS], operation_id="organisations_list")
def list_organisations(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: OrganisationStatus | None = None,
    org_kind: OrganisationKind | None = None,
    country: CountryFilter = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> OrganisationPage:
    """Organisations the caller's bureau may see (to find one by name, screen it)."""
    asked = {"status": status, "org_kind": org_kind, "country": country}
    rows, total = service.list_(
        session,
        principal=principal,
        model=Organisation,
        filters=entities.filters(Organisation, **asked),
        query=asked,
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=OrganisationRead)
    return OrganisationPage(items=items, total=total, page=page, per_page=per_page)


@router.get(f"/{ORGS}/{{record_id}}", tags=[ORGS], operation_id="organisations_get")
def get_organisation(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> OrganisationRead:
    record = service.read(session, principal=principal, model=Organisation, record_id=record_id)
    return service.to_read(session, principal=principal, record=record, schema=OrganisationRead)


@router.patch(f"/{ORGS}/{{record_id}}", tags=[ORGS], operation_id="organisations_update")
def update_organisation(
    record_id: RecordId,
    change: OrganisationUpdate,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> OrganisationRead:
    record = entities.update_organisation(
        session, principal=principal, record_id=record_id, change=change
    )
    return service.to_read(session, principal=principal, record=record, schema=OrganisationRead)


@router.delete(
    f"/{ORGS}/{{record_id}}",
    status_code=NO_CONTENT,
    tags=[ORGS],
    operation_id="organisations_delete",
)
def delete_organisation(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=Organisation, record_id=record_id)
    return Response(status_code=NO_CONTENT)


@router.post(f"/{VESSELS}", status_code=CREATED, tags=[VESSELS], operation_id="vessels_create")
def create_vessel(
    data: VesselCreate, session: SessionDep, principal: CurrentPrincipal
) -> VesselRead:
    record = entities.create_vessel(session, principal=principal, data=data)
    return service.to_read(session, principal=principal, record=record, schema=VesselRead)


@router.get(f"/{VESSELS}", tags=[VESSELS], operation_id="vessels_list")
def list_vessels(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: VesselStatus | None = None,
    imo: Key = None,
    mmsi: Key = None,
    flag: CountryFilter = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> VesselPage:
    """Vessels the caller's bureau may see; ``imo`` with or without its prefix."""
    asked = {"status": status, "imo": imo, "mmsi": mmsi, "flag": flag}
    rows, total = service.list_(
        session,
        principal=principal,
        model=Vessel,
        filters=entities.filters(Vessel, **asked),
        query=asked,
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=VesselRead)
    return VesselPage(items=items, total=total, page=page, per_page=per_page)


@router.get(f"/{VESSELS}/{{record_id}}", tags=[VESSELS], operation_id="vessels_get")
def get_vessel(record_id: RecordId, session: SessionDep, principal: CurrentPrincipal) -> VesselRead:
    record = service.read(session, principal=principal, model=Vessel, record_id=record_id)
    return service.to_read(session, principal=principal, record=record, schema=VesselRead)


@router.patch(f"/{VESSELS}/{{record_id}}", tags=[VESSELS], operation_id="vessels_update")
def update_vessel(
    record_id: RecordId, change: VesselUpdate, session: SessionDep, principal: CurrentPrincipal
) -> VesselRead:
    record = entities.update_vessel(
        session, principal=principal, record_id=record_id, change=change
    )
    return service.to_read(session, principal=principal, record=record, schema=VesselRead)


@router.delete(
    f"/{VESSELS}/{{record_id}}",
    status_code=NO_CONTENT,
    tags=[VESSELS],
    operation_id="vessels_delete",
)
def delete_vessel(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=Vessel, record_id=record_id)
    return Response(status_code=NO_CONTENT)
