"""Screening: one page for a person, a document, a vehicle, an organisation or a vessel;
ranked hits, explained."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from amana.core.errors import AmanaError
from amana.core.principal import Permission
from amana.screening import entities
from amana.screening import service as screening
from amana.screening.entity_schemas import OrganisationScreen
from amana.screening.entity_schemas import VesselScreen as VesselNameScreen
from amana.screening.flags import PersonFlagger, no_flags
from amana.screening.schemas import DocumentScreen, PersonScreen, Sex, VehicleScreen
from amana.web.context import FormDep, Page, PageDep, field, lines, optional, page_router
from amana.web.errors import FieldErrors, from_service, from_validation
from amana.web.i18n import N_
from amana.web.nav import HomeBlock, NavItem

router = page_router()
NAV = (NavItem("/screening", N_("Screening"), 10, (Permission.SEARCH,)),)
KINDS = ("person", "document", "vehicle", "organisation", "vessel")
FIELDS = {
    "person": ("names", "dob", "nationality", "sex"),
    "document": ("number", "country", "mrz"),
    "vehicle": ("vin", "plate", "plate_country"),
    "organisation": ("names", "country", "identifiers"),
    "vessel": ("names", "imo", "mmsi", "flag"),
}
SCHEMAS: dict[str, type[BaseModel]] = {
    "person": PersonScreen,
    "document": DocumentScreen,
    "vehicle": VehicleScreen,
    "organisation": OrganisationScreen,
    "vessel": VesselNameScreen,
}


def _quick_screen(page: Page) -> HomeBlock | None:
    if not page.principal.can(Permission.SEARCH):
        return None
    return HomeBlock("screening/home_block.html", {})


HOME = (_quick_screen,)


def flagger(page: Page) -> PersonFlagger:
    found: PersonFlagger = getattr(page.request.app.state, "person_flagger", no_flags)
    return found


@router.get("/screening")
def screening_form(page: PageDep, kind: str = "person") -> HTMLResponse:
    return _page(page, kind if kind in KINDS else "person", {}, {}, None)


def _page(
    page: Page, kind: str, asked: dict[str, Any], errors: FieldErrors, result: Any
) -> HTMLResponse:
    status = 422 if errors else 200
    return page.render(
        "screening/form.html",
        kind=kind,
        kinds=KINDS,
        asked=asked,
        errors=errors,
        result=result,
        sexes=list(Sex),
        status_code=status,
    )


def _asked(form: FormData, kind: str) -> dict[str, Any]:
    if kind == "person":
        return {
            "names": lines(form, "names"),
            "dob": optional(form, "dob"),
            "nationality": optional(form, "nationality"),
            "sex": optional(form, "sex"),
        }
    asked: dict[str, Any] = {name: optional(form, name) for name in FIELDS[kind]}
    if "names" in asked:
        asked["names"] = lines(form, "names")
    if kind == "organisation":
        # One identifier, its kind guessed from its shape (IMO, LEI, BIC, or a registration).
        value = asked.pop("identifiers")
        asked["identifiers"] = [{"value": value}] if value else []
    return asked


@router.post("/screening")
def screen(page: PageDep, form: FormDep) -> HTMLResponse:
    kind = field(form, "kind")
    kind = kind if kind in KINDS else "person"
    asked = _asked(form, kind)
    settings = page.request.app.state.settings
    try:
        data = SCHEMAS[kind].model_validate(asked)
    except ValidationError as invalid:
        return _page(page, kind, asked, from_validation(invalid, page.tr, FIELDS[kind]), None)
    try:
        result: Any
        index = page.request.app.state.screening_index
        if isinstance(data, OrganisationScreen):
            result = entities.screen_organisation(
                page.session, principal=page.principal, index=index, data=data, settings=settings
            )
        elif isinstance(data, VesselNameScreen):
            result = entities.screen_vessel(
                page.session, principal=page.principal, index=index, data=data, settings=settings
            )
        elif isinstance(data, PersonScreen):
            result = screening.screen_person(
                page.session,
                principal=page.principal,
                index=page.request.app.state.screening_index,
                data=data,
                settings=settings,
                flagger=flagger(page),
            )
        elif isinstance(data, DocumentScreen):
            result = screening.screen_document(
                page.session, principal=page.principal, data=data, settings=settings
            )
        else:
            assert isinstance(data, VehicleScreen)
            result = screening.screen_vehicle(
                page.session, principal=page.principal, data=data, settings=settings
            )
    except AmanaError as error:
        page.abandon()
        if error.security_event:
            raise
        return _page(page, kind, asked, from_service(error, page.tr, FIELDS[kind]), None)
    return _page(page, kind, asked, {}, result)
