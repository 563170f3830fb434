from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from amana.core.params import PageNumber, PerPage, RecordId
from amana.deps import CurrentPrincipal, SessionDep, SettingsDep, authenticated
from amana.screening import entities, hits, service
from amana.screening.entity_schemas import EntityResult, OrganisationScreen
from amana.screening.entity_schemas import VesselScreen as VesselNameScreen
from amana.screening.flags import PersonFlagger, no_flags
from amana.screening.live_index import LiveIndex
from amana.screening.schemas import (
    BatchResult,
    BatchScreen,
    DocumentScreen,
    HitAnswer,
    HitPage,
    HitRead,
    PersonResult,
    PersonScreen,
    RecordResult,
    VehicleScreen,
)

router = APIRouter(tags=["screening"], dependencies=[authenticated])


def _index(request: Request) -> LiveIndex:
    index: LiveIndex = request.app.state.screening_index
    return index


def _flagger(request: Request) -> PersonFlagger:
    flagger: PersonFlagger = getattr(request.app.state, "person_flagger", no_flags)
    return flagger


@router.post("/screening/persons", operation_id="screening_persons")
def screen_person(
    data: PersonScreen,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    settings: SettingsDep,
) -> PersonResult:
    """Ranked hits for names in any script, with date of birth, nationality, sex, documents."""
    return service.screen_person(
        session,
        principal=principal,
        index=_index(request),
        data=data,
        settings=settings,
        flagger=_flagger(request),
    )


@router.post("/screening/documents", operation_id="screening_documents")
def screen_document(
    data: DocumentScreen, session: SessionDep, principal: CurrentPrincipal, settings: SettingsDep
) -> RecordResult:
    """Stolen, lost and revoked travel documents by number (and issuing country) or raw MRZ."""
    return service.screen_document(session, principal=principal, data=data, settings=settings)


@router.post("/screening/vehicles", operation_id="screening_vehicles")
def screen_vehicle(
    data: VehicleScreen, session: SessionDep, principal: CurrentPrincipal, settings: SettingsDep
) -> RecordResult:
    return service.screen_vehicle(session, principal=principal, data=data, settings=settings)


@router.post("/screening/organisations", operation_id="screening_organisations")
def screen_organisation(
    data: OrganisationScreen,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    settings: SettingsDep,
) -> EntityResult:
    """Companies, criminal groups and NGOs by name in any script (the legal form is compared,
    not matched as a word), country and identifiers (LEI, BIC, registration number)."""
    return entities.screen_organisation(
        session, principal=principal, index=_index(request), data=data, settings=settings
    )


@router.post("/screening/vessels", operation_id="screening_vessels")
def screen_vessel_by_name(
    data: VesselNameScreen,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    settings: SettingsDep,
) -> EntityResult:
    """Vessels by name (MV, MT … prefixes ignored), IMO number (with or without its prefix,
    check digit validated), MMSI and flag."""
    return entities.screen_vessel(
        session, principal=principal, index=_index(request), data=data, settings=settings
    )


@router.post("/screening/batch", operation_id="screening_batch")
def screen_batch(
    data: BatchScreen,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    settings: SettingsDep,
) -> BatchResult:
    """A whole passenger manifest in one call; each traveller's hits."""
    return service.screen_batch(
        session,
        principal=principal,
        index=_index(request),
        data=data,
        settings=settings,
        flagger=_flagger(request),
    )


@router.get("/hits", operation_id="hits_list")
def list_hits(
    session: SessionDep,
    principal: CurrentPrincipal,
    side: Annotated[str, Query(description="owner or searcher")] = hits.OWNER,
    status: Annotated[str | None, Query(max_length=16)] = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> HitPage:
    return hits.list_(
        session, principal=principal, side=side, status=status, page=page, per_page=per_page
    )


@router.get("/hits/{hit_id}", operation_id="hits_get")
def get_hit(hit_id: RecordId, session: SessionDep, principal: CurrentPrincipal) -> HitRead:
    """One hit of your bureau's, on its records or found by its searches."""
    return hits.get(session, principal=principal, hit_id=hit_id)


@router.post("/hits/{hit_id}/answer", operation_id="hits_answer")
def answer_hit(
    hit_id: RecordId, data: HitAnswer, session: SessionDep, principal: CurrentPrincipal
) -> HitRead:
    """The record's owner confirms the hit or not."""
    answered = hits.answer(session, principal=principal, hit_id=hit_id, data=data)
    return hits.read(session, principal=principal, rows=[answered])[0]
