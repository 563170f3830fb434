"""Records: list, view, create and edit persons, documents, vehicles and firearms.

Every look-up goes through ``records.service``, so the visibility rule applies here exactly as in
the API: a record hidden from the user's bureau is "not found", never shown.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from amana.core.errors import AmanaError
from amana.core.params import LenientPage, RecordId
from amana.core.principal import Permission
from amana.records import service
from amana.web.context import FormDep, Page, PageDep, page_router
from amana.web.errors import FieldErrors, from_service, from_validation
from amana.web.i18n import N_
from amana.web.nav import NavItem
from amana.web.pages.record_kinds import KIND_OF_RECORD, KINDS, Kind, form_values

router = page_router()
NAV = (NavItem("/records", N_("Records"), 20, (Permission.READ_RECORDS,)),)
PER_PAGE = 25
OWN, SHARED = "own", "shared"


def _kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise HTTPException(status_code=404)
    return KINDS[slug]


def can_write(page: Page, owner: str | None = None) -> bool:
    allowed = page.principal.can(Permission.WRITE_OWN_RECORDS)
    return allowed and (owner is None or owner == page.principal.bureau)


@router.get("/records")
def records_home() -> RedirectResponse:
    return RedirectResponse("/records/persons", status_code=303)


@router.get("/records/by-kind/{record_kind}/{record_id}")
def record_by_kind(record_kind: str, record_id: RecordId) -> RedirectResponse:
    """Hits and the audit trail name records by kind; this finds their page."""
    if record_kind not in KIND_OF_RECORD:
        raise HTTPException(status_code=404)
    return RedirectResponse(f"/records/{KIND_OF_RECORD[record_kind]}/{record_id}", status_code=303)


@router.get("/records/{slug}")
def list_records(page: PageDep, slug: str, scope: str = OWN, p: LenientPage = 1) -> HTMLResponse:
    kind = _kind(slug)
    scope = scope if scope in (OWN, SHARED) else OWN
    model: Any = kind.model
    filters = [model.owner_bureau == page.principal.bureau] if scope == OWN else []
    rows, total = service.list_(
        page.session,
        principal=page.principal,
        model=kind.model,
        filters=filters,
        query={"scope": scope},
        page=max(p, 1),
        per_page=PER_PAGE,
    )
    items = service.to_reads(page.session, principal=page.principal, records=rows, schema=kind.read)
    return page.render(
        "records/list.html",
        kind=kind,
        kinds=KINDS.values(),
        items=items,
        total=total,
        p=max(p, 1),
        per_page=PER_PAGE,
        scope=scope,
        can_create=can_write(page),
    )


@router.get("/records/{slug}/new")
def new_record(page: PageDep, slug: str) -> HTMLResponse:
    kind = _kind(slug)
    page.principal.require(Permission.WRITE_OWN_RECORDS)
    values: dict[str, Any] = {"issuing_country": page.principal.bureau, "names": []}
    return _form(page, kind, form_values(values), {}, None)


def _form(
    page: Page, kind: Kind, values: dict[str, Any], errors: FieldErrors, record_id: int | None
) -> HTMLResponse:
    return page.render(
        "records/form.html",
        kind=kind,
        values=values,
        errors=errors,
        record_id=record_id,
        status_code=422 if errors else 200,
    )


@router.post("/records/{slug}/new", response_model=None)
def create_record(page: PageDep, form: FormDep, slug: str) -> Response:
    kind = _kind(slug)
    data = kind.parse(form, False)
    try:
        body = kind.create_schema.model_validate(data)
    except ValidationError as invalid:
        return _form(
            page, kind, form_values(data), from_validation(invalid, page.tr, kind.fields), None
        )
    try:
        record = kind.create(page.session, page.principal, body)
    except AmanaError as error:
        page.abandon()
        if error.security_event:
            raise
        return _form(page, kind, form_values(data), from_service(error, page.tr, kind.fields), None)
    return RedirectResponse(f"/records/{slug}/{record.id}", status_code=303)


@router.get("/records/{slug}/{record_id}")
def show_record(page: PageDep, slug: str, record_id: RecordId) -> HTMLResponse:
    kind = _kind(slug)
    record = service.read(
        page.session, principal=page.principal, model=kind.model, record_id=record_id
    )
    read = service.to_read(page.session, principal=page.principal, record=record, schema=kind.read)
    return page.render(
        "records/show.html", kind=kind, record=read, can_edit=can_write(page, record.owner_bureau)
    )


@router.get("/records/{slug}/{record_id}/edit")
def edit_record(page: PageDep, slug: str, record_id: RecordId) -> HTMLResponse:
    kind = _kind(slug)
    record = service.get_for_write(
        page.session, principal=page.principal, model=kind.model, record_id=record_id
    )
    read = service.to_read(page.session, principal=page.principal, record=record, schema=kind.read)
    return _form(page, kind, form_values(read.model_dump(mode="json")), {}, record_id)


@router.post("/records/{slug}/{record_id}/edit", response_model=None)
def update_record(page: PageDep, form: FormDep, slug: str, record_id: RecordId) -> Response:
    kind = _kind(slug)
    data = kind.parse(form, True)
    if data.get("visibility") is None:
        data.pop("visibility", None)  # "the bureau's default" is for new records; keep the rule
    try:
        change = kind.update_schema.model_validate(data)
    except ValidationError as invalid:
        errors = from_validation(invalid, page.tr, kind.fields)
        return _form(page, kind, form_values(data), errors, record_id)
    try:
        kind.update(page.session, page.principal, record_id, change)
    except AmanaError as error:
        page.abandon()
        if error.security_event or error.status == 404:
            raise
        errors = from_service(error, page.tr, kind.fields)
        return _form(page, kind, form_values(data), errors, record_id)
    return RedirectResponse(f"/records/{slug}/{record_id}", status_code=303)
