"""The request form for bureau operators: choose a type, fill the request, "Check" it (the
compliance dry run the API offers at ``POST /notices/{id}/checks``) and "Submit" it.

Checking needs a stored draft, so "Check" and "Save" store one first and the form carries on
editing it; a submission refused by a hard check keeps the draft and shows every result.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from amana.core.errors import AmanaError, PermissionDenied, ValidationFailed
from amana.core.params import RecordId
from amana.core.principal import Permission
from amana.notices import attachments, reads, service, workflow
from amana.notices.schemas import CheckReport, NoticeCreate, NoticeUpdate
from amana.notices.vocab import (
    OPEN,
    PUBLIC_TYPES,
    TYPE_RULES,
    AttachmentKind,
    Language,
    NoticeKind,
    NoticeType,
)
from amana.records import service as records
from amana.records.models import Person
from amana.records.schemas import PersonRead
from amana.records.vocab import CrimeCategory
from amana.web.context import FormDep, Page, PageDep, field, page_router
from amana.web.errors import GENERAL, FieldErrors, Problem, from_validation
from amana.web.pages.notice_form import (
    ASSET_ROWS,
    CHARGE_ROWS,
    CONSENT,
    TYPE_SECTIONS,
    fields_of,
    parse,
    values_of,
)
from amana.web.pages.notice_words import (
    CODE_MESSAGES,
    check_problems,
    problems,
    required_inputs,
    words,
)
from amana.web.pages.notices import after

router = page_router()
NAV = ()
PERSON_CHOICES = 200
CHECK, SUBMIT, SAVE = "check", "submit", "save"


def _type(value: str) -> NoticeType:
    try:
        return NoticeType(value)
    except ValueError:
        raise HTTPException(status_code=404) from None


def _kind(value: str) -> NoticeKind:
    return NoticeKind.DIFFUSION if value == NoticeKind.DIFFUSION else NoticeKind.NOTICE


def _persons(page: Page) -> list[PersonRead]:
    """The bureau's person records, offered as the person to link (any visible id is valid)."""
    rows, _ = records.list_(
        page.session,
        principal=page.principal,
        model=Person,
        filters=[Person.owner_bureau == page.principal.bureau],
        query={"scope": "own", "for": "notice_request"},
        per_page=PERSON_CHOICES,
    )
    return records.to_reads(page.session, principal=page.principal, records=rows, schema=PersonRead)


def render_form(
    page: Page,
    notice_type: NoticeType,
    kind: NoticeKind,
    values: dict[str, Any],
    *,
    notice_id: int | None = None,
    errors: FieldErrors | None = None,
    report: CheckReport | None = None,
    status_code: int | None = None,
) -> HTMLResponse:
    return page.render(
        "notices/form.html",
        notice_type=notice_type.value,
        kind=kind.value,
        rule=TYPE_RULES[notice_type],
        sections=TYPE_SECTIONS[notice_type],
        values=values,
        notice_id=notice_id,
        errors=errors or {},
        report=report,
        persons=_persons(page),
        content_languages=[lang.value for lang in Language],
        crimes=[c.value for c in CrimeCategory],
        public=notice_type in PUBLIC_TYPES and kind is NoticeKind.NOTICE,
        charge_rows=CHARGE_ROWS,
        asset_rows=ASSET_ROWS,
        required=required_inputs(notice_type),
        status_code=status_code or (422 if errors else 200),
        **words(page.tr),
    )


@router.get("/notices/new")
def new_request(page: PageDep, type: str = "", kind: str = "") -> HTMLResponse:
    page.principal.require(Permission.REQUEST_NOTICES)
    if not type:
        return page.render(
            "notices/choose.html",
            types=list(NoticeType),
            **words(page.tr),
        )
    values = {"language": page.tr.language, CONSENT: False}
    return render_form(page, _type(type), _kind(kind), values)


@router.post("/notices/new", response_model=None)
def create_request(page: PageDep, form: FormDep) -> Response:
    return _save(page, form, _type(field(form, "notice_type")), _kind(field(form, "kind")), None)


@router.get("/notices/{notice_id:int}/edit", response_model=None)
def edit_request(page: PageDep, notice_id: RecordId) -> Response:
    notice = reads.read(page.session, principal=page.principal, notice_id=notice_id)
    if notice.requesting_bureau != page.principal.bureau or not page.principal.can(
        Permission.REQUEST_NOTICES
    ):
        raise PermissionDenied(
            f"notice {notice_id} belongs to bureau {notice.requesting_bureau}",
            code="notice.not_owner",
            permission=str(Permission.REQUEST_NOTICES),
        )
    read = reads.to_read(page.session, principal=page.principal, notice=notice)
    if read.status not in OPEN:
        return RedirectResponse(f"/notices/{notice_id}", status_code=303)
    stored = read.content.model_dump(mode="json", exclude_none=True)
    data = {
        **stored,
        "language": read.language.value,
        "links": [link.model_dump() for link in read.links],
        "addressees": read.addressees,
        CONSENT: read.public_extract_consent,
    }
    return render_form(page, read.notice_type, read.kind, values_of(data), notice_id=notice_id)


@router.post("/notices/{notice_id:int}/edit", response_model=None)
def update_request(page: PageDep, form: FormDep, notice_id: RecordId) -> Response:
    # The type and kind only choose which inputs to read: the service keeps the stored ones.
    notice_type, kind = _type(field(form, "notice_type")), _kind(field(form, "kind"))
    return _save(page, form, notice_type, kind, notice_id)


def _save(
    page: Page, form: FormData, notice_type: NoticeType, kind: NoticeKind, notice_id: int | None
) -> Response:
    data = parse(form, notice_type, kind)
    values = values_of(data)
    known = fields_of(notice_type)
    action = field(form, "action")

    def again(**extra: Any) -> HTMLResponse:
        return render_form(page, notice_type, kind, values, **extra)

    try:
        if notice_id is None:
            body = NoticeCreate.model_validate({**data, "notice_type": notice_type, "kind": kind})
        else:
            change = NoticeUpdate.model_validate(data)
    except ValidationError as invalid:
        return again(notice_id=notice_id, errors=from_validation(invalid, page.tr, known))
    stored = notice_id
    try:
        if notice_id is None:
            notice_id = service.create(page.session, principal=page.principal, data=body).id
        else:
            service.update(
                page.session, principal=page.principal, notice_id=notice_id, change=change
            )
        if action == CHECK:
            report = workflow.check(page.session, principal=page.principal, notice_id=notice_id)
            errors = check_problems(report, page.tr, notice_type, values)
            return again(notice_id=notice_id, report=report, errors=errors, status_code=200)
        if action == SUBMIT:
            workflow.submit(page.session, principal=page.principal, notice_id=notice_id)
    except AmanaError as error:
        if error.code == "notice.checks_failed":
            # Refused before anything of the submission was stored: the saved draft stays.
            report = CheckReport.model_validate(error.extra["checks"])
            # The service's detail names rules in English; the page names them translated.
            refused = Problem(page.tr.text(CODE_MESSAGES["notice.checks_failed"]))
            errors = {GENERAL: [refused], **check_problems(report, page.tr, notice_type, values)}
            return again(notice_id=notice_id, report=report, errors=errors)
        page.abandon()
        if error.security_event or error.status == 404:
            raise
        return again(notice_id=stored, errors=problems(error, page.tr, known))
    return RedirectResponse(f"/notices/{notice_id}", status_code=303)


def _attachment_kind(value: str) -> AttachmentKind:
    try:
        return AttachmentKind(value)
    except ValueError:
        return AttachmentKind.PHOTO


@router.post("/notices/{notice_id:int}/files", response_model=None)
def attach_file(page: PageDep, form: FormDep, notice_id: RecordId) -> Response:
    """A photograph, warrant copy or document for a draft, checked by the service as an upload
    to the API is (size, declared type, and the bytes' own signature)."""
    upload = form.get("file")
    kind = _attachment_kind(field(form, "file.kind"))
    limit = attachments.MAX_ATTACHMENT_BYTES
    data = upload.file.read(limit + 1) if isinstance(upload, UploadFile) else b""

    def attach() -> None:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise ValidationFailed("choose a file", code="notice.attachment_missing")
        if len(data) > limit:
            raise attachments.too_large(len(data))
        attachments.add(
            page.session,
            principal=page.principal,
            notice_id=notice_id,
            kind=kind,
            filename=upload.filename[:200],
            content_type=upload.content_type or "",
            data=data,
        )

    return after(page, notice_id, attach, input_name="file")
