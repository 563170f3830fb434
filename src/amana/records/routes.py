"""HTTP face of the records: persons, travel documents and the MRZ reader.

The object databases (vehicles, firearms, works of art) and bulk import are in
``object_routes`` and ``import_routes``; ``router`` gathers all three for the app.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from amana.core.params import PageNumber, PerPage, RecordId
from amana.deps import CurrentPrincipal, SessionDep, authenticated
from amana.records import (
    documents,
    entity_routes,
    import_routes,
    object_routes,
    persons,
    service,
)
from amana.records.models import Person, TravelDocument
from amana.records.mrz import parse_mrz
from amana.records.schemas import (
    MrzRead,
    MrzRequest,
    PersonCreate,
    PersonPage,
    PersonRead,
    PersonUpdate,
    TravelDocumentCreate,
    TravelDocumentPage,
    TravelDocumentRead,
    TravelDocumentUpdate,
)
from amana.records.vocab import DocStatus, PersonStatus

router = APIRouter(dependencies=[authenticated])
Bureau = Annotated[str | None, Query(min_length=2, max_length=2)]
CREATED = status.HTTP_201_CREATED
NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.post("/persons", status_code=CREATED, tags=["persons"], operation_id="persons_create")
def create_person(
    data: PersonCreate, session: SessionDep, principal: CurrentPrincipal
) -> PersonRead:
    """Record a person for the caller's bureau (bureau operators)."""
    person = persons.create(session, principal=principal, data=data)
    return persons.to_read(session, principal=principal, person=person)


@router.get("/persons", tags=["persons"], operation_id="persons_list")
def list_persons(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: PersonStatus | None = None,
    bureau: Bureau = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> PersonPage:
    """Persons the caller's bureau may see, newest first."""
    return persons.list_(
        session, principal=principal, status=status, bureau=bureau, page=page, per_page=per_page
    )


@router.get("/persons/{record_id}", tags=["persons"], operation_id="persons_get")
def get_person(record_id: RecordId, session: SessionDep, principal: CurrentPrincipal) -> PersonRead:
    person = service.read(session, principal=principal, model=Person, record_id=record_id)
    return persons.to_read(session, principal=principal, person=person)


@router.patch("/persons/{record_id}", tags=["persons"], operation_id="persons_update")
def update_person(
    record_id: RecordId, change: PersonUpdate, session: SessionDep, principal: CurrentPrincipal
) -> PersonRead:
    person = persons.update(session, principal=principal, record_id=record_id, change=change)
    return persons.to_read(session, principal=principal, person=person)


@router.delete(
    "/persons/{record_id}", status_code=NO_CONTENT, tags=["persons"], operation_id="persons_delete"
)
def delete_person(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=Person, record_id=record_id)
    return Response(status_code=NO_CONTENT)


@router.post("/documents", status_code=CREATED, tags=["documents"], operation_id="documents_create")
def create_document(
    data: TravelDocumentCreate, session: SessionDep, principal: CurrentPrincipal
) -> TravelDocumentRead:
    """Report a stolen, lost or revoked document issued by the caller's own country."""
    document = documents.create(session, principal=principal, data=data)
    return documents.to_read(session, principal=principal, document=document)


@router.get("/documents", tags=["documents"], operation_id="documents_list")
def list_documents(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: DocStatus | None = None,
    number: Annotated[str | None, Query(max_length=64)] = None,
    issuing_country: Bureau = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> TravelDocumentPage:
    """Documents the caller's bureau may see; ``number`` ignores spaces, dashes and case."""
    return documents.list_(
        session,
        principal=principal,
        status=status,
        number=number,
        issuing_country=issuing_country,
        page=page,
        per_page=per_page,
    )


@router.post("/documents/mrz", tags=["documents"], operation_id="documents_parse_mrz")
def read_mrz(request: MrzRequest) -> MrzRead:
    """Parse a machine readable zone and verify its check digits (ICAO Doc 9303)."""
    return MrzRead.model_validate(parse_mrz(request.mrz))


@router.get("/documents/{record_id}", tags=["documents"], operation_id="documents_get")
def get_document(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> TravelDocumentRead:
    document = service.read(session, principal=principal, model=TravelDocument, record_id=record_id)
    return documents.to_read(session, principal=principal, document=document)


@router.patch("/documents/{record_id}", tags=["documents"], operation_id="documents_update")
def update_document(
    record_id: RecordId,
    change: TravelDocumentUpdate,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> TravelDocumentRead:
    document = documents.update(session, principal=principal, record_id=record_id, change=change)
    return documents.to_read(session, principal=principal, document=document)


@router.delete(
    "/documents/{record_id}",
    status_code=NO_CONTENT,
    tags=["documents"],
    operation_id="documents_delete",
)
def delete_document(
    record_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    service.delete(session, principal=principal, model=TravelDocument, record_id=record_id)
    return Response(status_code=NO_CONTENT)


router.include_router(object_routes.router)
router.include_router(entity_routes.router)
router.include_router(import_routes.router)
