"""HTTP face of notices and diffusions for signed-in users (``/api/v1``).

Attachments are sent as the raw request body (``curl --data-binary @warrant.pdf -H
'Content-Type: application/pdf'``), like bulk imports: one file per request needs no multipart
parser, and the size limit is enforced from ``Content-Length`` before the body is read.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from amana.core.params import PageNumber, PerPage, RecordId
from amana.deps import CurrentPrincipal, SessionDep, authenticated
from amana.notices import attachments, compliance, labels, reads, service, workflow
from amana.notices.schemas import (
    AttachmentRead,
    CancelIn,
    CheckReport,
    ConsentIn,
    NoticeCreate,
    NoticeEventRead,
    NoticePage,
    NoticeRead,
    NoticeUpdate,
    ReviewIn,
)
from amana.notices.vocab import (
    TYPE_RULES,
    AttachmentKind,
    Language,
    NoticeKind,
    NoticeStatus,
    NoticeType,
)

router = APIRouter(tags=["notices"], dependencies=[authenticated])
CREATED = status.HTTP_201_CREATED
Bureau = Annotated[str | None, Query(min_length=2, max_length=3)]
FileName = Annotated[str, Query(min_length=1, max_length=200)]


async def _upload(request: Request, principal: CurrentPrincipal) -> bytes:
    """The body, refused as soon as it is over the limit: at once when its declared length is,
    otherwise while it streams in, so an over-size upload is never held whole in memory."""
    limit = attachments.MAX_ATTACHMENT_BYTES
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise attachments.too_large(int(declared))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise attachments.too_large(size)
        chunks.append(chunk)
    return b"".join(chunks)


@router.get("/notices/vocabulary", operation_id="notices_vocabulary")
def vocabulary(lang: Language | None = None) -> dict[str, Any]:
    """Types (purpose, action requested, required data, record kinds), statuses, reasons and
    crime categories with labels in Arabic, English, French and Spanish; the compliance rules."""
    return {
        **labels.vocabulary(lang.value if lang else None),
        "type_rules": {
            t.value: {
                "action_requested": rule.action.value,
                "required": list(rule.required),
                "record_kinds": sorted(rule.links),
            }
            for t, rule in TYPE_RULES.items()
        },
        "compliance_rules": compliance.documented_rules(),
    }


def _create(session: Any, principal: Any, data: NoticeCreate) -> NoticeRead:
    notice = service.create(session, principal=principal, data=data)
    if data.submit:
        workflow.submit(session, principal=principal, notice_id=notice.id)
    return reads.to_read(session, principal=principal, notice=notice)


@router.post("/notices", status_code=CREATED, operation_id="notices_create")
def create_notice(
    data: NoticeCreate, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    """Draft a notice (or, with ``kind: diffusion``, a diffusion) for the caller's bureau;
    ``submit: true`` submits at once, and stores nothing if a check fails."""
    return _create(session, principal, data)


@router.post("/diffusions", status_code=CREATED, operation_id="diffusions_create")
def create_diffusion(
    data: NoticeCreate, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    """Draft a diffusion to the bureaus named in ``addressees``."""
    return _create(session, principal, data.model_copy(update={"kind": NoticeKind.DIFFUSION}))


@router.get("/notices", operation_id="notices_list")
def list_notices(
    session: SessionDep,
    principal: CurrentPrincipal,
    kind: NoticeKind | None = None,
    notice_type: Annotated[NoticeType | None, Query(alias="type")] = None,
    status: NoticeStatus | None = None,
    bureau: Bureau = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> NoticePage:
    """Notices and diffusions the caller may see, newest first."""
    return reads.list_(
        session,
        principal=principal,
        kind=kind,
        notice_type=notice_type,
        status=status,
        bureau=bureau,
        page=page,
        per_page=per_page,
    )


@router.get("/diffusions", operation_id="diffusions_list")
def list_diffusions(
    session: SessionDep,
    principal: CurrentPrincipal,
    status: NoticeStatus | None = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> NoticePage:
    """Diffusions the caller's bureau sent or received."""
    return reads.list_(
        session,
        principal=principal,
        kind=NoticeKind.DIFFUSION,
        status=status,
        page=page,
        per_page=per_page,
    )


@router.get("/notices/{notice_id}", operation_id="notices_get")
def get_notice(notice_id: RecordId, session: SessionDep, principal: CurrentPrincipal) -> NoticeRead:
    notice = reads.read(session, principal=principal, notice_id=notice_id)
    return reads.to_read(session, principal=principal, notice=notice)


@router.patch("/notices/{notice_id}", operation_id="notices_update")
def update_notice(
    notice_id: RecordId, change: NoticeUpdate, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    notice = service.update(session, principal=principal, notice_id=notice_id, change=change)
    return reads.to_read(session, principal=principal, notice=notice)


@router.post("/notices/{notice_id}/checks", operation_id="notices_check")
def check_notice(
    notice_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> CheckReport:
    """Dry run of the compliance checks on a draft: what submission would say."""
    return workflow.check(session, principal=principal, notice_id=notice_id)


@router.post("/notices/{notice_id}/submit", operation_id="notices_submit")
def submit_notice(
    notice_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    """To the secretariat (a notice) or to the addressees (a diffusion); 422 lists each failed
    check."""
    notice = workflow.submit(session, principal=principal, notice_id=notice_id)
    return reads.to_read(session, principal=principal, notice=notice)


@router.post("/notices/{notice_id}/review", operation_id="notices_review")
def review_notice(
    notice_id: RecordId, data: ReviewIn, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    """Secretariat reviewers: approve (publish), reject, or ask for more information."""
    notice = workflow.review(session, principal=principal, notice_id=notice_id, data=data)
    return reads.to_read(session, principal=principal, notice=notice)


@router.post("/notices/{notice_id}/cancel", operation_id="notices_cancel")
def cancel_notice(
    notice_id: RecordId, data: CancelIn, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    notice = workflow.cancel(session, principal=principal, notice_id=notice_id, data=data)
    return reads.to_read(session, principal=principal, notice=notice)


@router.post("/notices/{notice_id}/renew", operation_id="notices_renew")
def renew_notice(
    notice_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    """Five more years for a live notice."""
    notice = workflow.renew(session, principal=principal, notice_id=notice_id)
    return reads.to_read(session, principal=principal, notice=notice)


@router.put("/notices/{notice_id}/consent", operation_id="notices_consent")
def set_consent(
    notice_id: RecordId, data: ConsentIn, session: SessionDep, principal: CurrentPrincipal
) -> NoticeRead:
    """Give or withdraw consent to the public extract of a Red, Yellow or UN notice."""
    notice = workflow.set_consent(
        session, principal=principal, notice_id=notice_id, consent=data.public_extract_consent
    )
    return reads.to_read(session, principal=principal, notice=notice)


@router.get("/notices/{notice_id}/history", operation_id="notices_history")
def notice_history(
    notice_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> list[NoticeEventRead]:
    return reads.history(session, principal=principal, notice_id=notice_id)


@router.post("/notices/{notice_id}/attachments", status_code=CREATED, operation_id="notices_attach")
def attach(
    notice_id: RecordId,
    kind: AttachmentKind,
    filename: FileName,
    request: Request,
    body: Annotated[bytes, Depends(_upload)],
    session: SessionDep,
    principal: CurrentPrincipal,
) -> AttachmentRead:
    """A JPEG/PNG photograph, or a PDF/JPEG/PNG warrant copy or document, as the raw body."""
    attachment = attachments.add(
        session,
        principal=principal,
        notice_id=notice_id,
        kind=kind,
        filename=filename,
        content_type=request.headers.get("content-type", ""),
        data=body,
    )
    return AttachmentRead.model_validate(attachment)


@router.get("/notices/{notice_id}/attachments/{attachment_id}", operation_id="notices_file")
def get_attachment(
    notice_id: RecordId, attachment_id: RecordId, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    attachment = attachments.get(
        session, principal=principal, notice_id=notice_id, attachment_id=attachment_id
    )
    return Response(
        content=attachment.data,
        media_type=attachment.content_type,
        headers={"X-Content-SHA256": attachment.sha256},
    )
