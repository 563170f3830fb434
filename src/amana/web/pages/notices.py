"""Notices: browse and filter, one notice (photograph, particulars, judicial basis, checks,
history), its files, the requesting bureau's actions on it (cancel, renew, consent), diffusions
sent and received, and the home page's notices section.

Every read and change goes through the notices service, exactly as the API's routes do: who
may see a request follows its workflow (``notices.access``), so another bureau's draft is a 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from amana.core.errors import AmanaError
from amana.core.params import LenientPage, RecordId
from amana.core.principal import GENERAL_SECRETARIAT, Permission
from amana.notices import access, attachments, reads, workflow
from amana.notices.schemas import CancelIn, NoticePage
from amana.notices.vocab import (
    LIVE,
    OPEN,
    PUBLIC_TYPES,
    TERMINAL,
    AttachmentKind,
    CancelReason,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    ReviewDecision,
    ReviewReason,
)
from amana.web.context import FormDep, Page, PageDep, field, optional, page_router
from amana.web.errors import FieldErrors, from_validation
from amana.web.i18n import N_
from amana.web.nav import HomeBlock, NavItem
from amana.web.pages.notice_words import problems, words

router = page_router()
NAV = (NavItem("/notices", N_("Notices"), 25, (Permission.READ_RECORDS,)),)
PER_PAGE = 25
HOME_ITEMS = 5
CANCEL_FIELDS = ("cancel", "cancel.reason", "cancel.note")
REVIEW_FIELDS = ("decision", "reason", "note")


def _enum(choices: Any, value: str) -> Any:
    try:
        return choices(value) if value else None
    except ValueError:
        return None


def _bureau(value: str) -> str | None:
    code = value.strip().upper()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


@router.get("/notices")
def list_notices(
    page: PageDep,
    type: str = "",
    status: str = "",
    bureau: str = "",
    name: str = "",
    p: LenientPage = 1,
) -> HTMLResponse:
    asked = {"type": _enum(NoticeType, type), "status": _enum(NoticeStatus, status)}
    result = reads.list_(
        page.session,
        principal=page.principal,
        kind=NoticeKind.NOTICE,
        notice_type=asked["type"],
        status=asked["status"],
        bureau=_bureau(bureau),
        name=name.strip()[:200] or None,
        page=max(p, 1),
        per_page=PER_PAGE,
    )
    query = urlencode(
        {"type": type, "status": status, "bureau": _bureau(bureau) or "", "name": name.strip()}
    )
    return page.render(
        "notices/list.html",
        result=result,
        asked={"type": type, "status": status, "bureau": _bureau(bureau) or "", "name": name},
        query=query + "&",
        types=[t.value for t in NoticeType],
        statuses=[s.value for s in NoticeStatus],
        **words(page.tr),
    )


@router.get("/notices/diffusions")
def list_diffusions(page: PageDep) -> HTMLResponse:
    mine = page.principal.bureau
    everything = reads.list_(
        page.session, principal=page.principal, kind=NoticeKind.DIFFUSION, per_page=200
    )
    sent = [d for d in everything.items if d.requesting_bureau == mine]
    received = [d for d in everything.items if d.requesting_bureau != mine]
    return page.render(
        "notices/diffusions.html",
        sent=sent,
        received=received,
        total=everything.total,
        **words(page.tr),
    )


def show(
    page: Page,
    notice_id: int,
    errors: FieldErrors | None = None,
    asked: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The notice page (also shown again, with its errors, when an action on it is refused)."""
    notice = reads.read(page.session, principal=page.principal, notice_id=notice_id)
    read = reads.to_read(page.session, principal=page.principal, notice=notice)
    internal = access.sees_internals(page.principal, notice)
    history = (
        reads.history(page.session, principal=page.principal, notice_id=notice_id)
        if internal
        else []
    )
    principal = page.principal
    owner = read.requesting_bureau == principal.bureau and principal.can(Permission.REQUEST_NOTICES)
    awaiting = (
        NoticeStatus.CIRCULATED if read.kind == NoticeKind.DIFFUSION else NoticeStatus.SUBMITTED
    )
    reviewer = (
        principal.can(Permission.REVIEW_NOTICES)
        and principal.bureau == GENERAL_SECRETARIAT
        and read.requesting_bureau != principal.bureau
        and read.status is awaiting
    )
    return page.render(
        "notices/show.html",
        notice=read,
        history=history,
        photos=[a for a in read.attachments if a.kind is AttachmentKind.PHOTO],
        files=[a for a in read.attachments if a.kind is not AttachmentKind.PHOTO],
        owner=owner,
        editable=owner and read.status in OPEN,
        cancellable=owner and read.status not in TERMINAL,
        renewable=owner and read.status in LIVE,
        consent_open=owner
        and read.kind == NoticeKind.NOTICE
        and read.notice_type in PUBLIC_TYPES
        and read.status not in TERMINAL,
        reviewer=reviewer,
        flagged=any(c.outcome == "flag" for c in read.checks or []),
        file_kinds=[k.value for k in AttachmentKind],
        decisions=[d.value for d in ReviewDecision],
        review_reasons=[r.value for r in ReviewReason],
        cancel_reasons=[r.value for r in CancelReason],
        errors=errors or {},
        asked=asked or {},
        status_code=422 if errors else 200,
        **words(page.tr),
    )


@router.get("/notices/{notice_id:int}")
def show_notice(page: PageDep, notice_id: RecordId) -> HTMLResponse:
    return show(page, notice_id)


@router.get("/notices/{notice_id:int}/files/{attachment_id:int}")
def notice_file(page: PageDep, notice_id: RecordId, attachment_id: RecordId) -> Response:
    """A photograph (shown on the page) or another file, if the user's bureau may see the
    notice: the same check as the API's, and audited as a read."""
    found = attachments.get(
        page.session, principal=page.principal, notice_id=notice_id, attachment_id=attachment_id
    )
    shown = "inline" if found.kind == AttachmentKind.PHOTO else "attachment"
    return Response(
        content=found.data,
        media_type=found.content_type,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'{shown}; filename="notice-{notice_id}-{attachment_id}"',
            "X-Content-SHA256": found.sha256,
        },
    )


def after(page: Page, notice_id: int, action: Any, *, input_name: str | None = None) -> Response:
    """Run an action on the notice; a refusal is shown on the notice page next to its field
    (``input_name``: every refusal of this action concerns that one input)."""
    try:
        action()
    except AmanaError as error:
        page.abandon()
        if error.security_event or error.status == 404:
            raise
        found = problems(error, page.tr, CANCEL_FIELDS)
        if input_name:
            found = {input_name: [p for ps in found.values() for p in ps]}
        return show(page, notice_id, found)
    return RedirectResponse(f"/notices/{notice_id}", status_code=303)


@router.post("/notices/{notice_id:int}/cancel", response_model=None)
def cancel_notice(page: PageDep, form: FormDep, notice_id: RecordId) -> Response:
    asked = {"reason": field(form, "cancel.reason"), "note": optional(form, "cancel.note")}
    try:
        data = CancelIn.model_validate(asked)
    except ValidationError as invalid:
        errors = from_validation(invalid, page.tr, CANCEL_FIELDS, prefix="cancel")
        return show(page, notice_id, errors, {f"cancel.{k}": v for k, v in asked.items()})
    return after(
        page,
        notice_id,
        lambda: workflow.cancel(
            page.session, principal=page.principal, notice_id=notice_id, data=data
        ),
    )


@router.post("/notices/{notice_id:int}/renew", response_model=None)
def renew_notice(page: PageDep, form: FormDep, notice_id: RecordId) -> Response:
    return after(
        page,
        notice_id,
        lambda: workflow.renew(page.session, principal=page.principal, notice_id=notice_id),
    )


@router.post("/notices/{notice_id:int}/consent", response_model=None)
def set_consent(page: PageDep, form: FormDep, notice_id: RecordId) -> Response:
    consent = field(form, "consent") == "give"
    return after(
        page,
        notice_id,
        lambda: workflow.set_consent(
            page.session, principal=page.principal, notice_id=notice_id, consent=consent
        ),
    )


def _own(page: Page, status: NoticeStatus) -> NoticePage:
    return reads.list_(
        page.session,
        principal=page.principal,
        bureau=page.principal.bureau,
        status=status,
        per_page=HOME_ITEMS,
    )


def _home(page: Page) -> HomeBlock | None:
    """Reviewers: the queue; operators: their bureau's requests that came back decided."""
    values: dict[str, Any] = {}
    if page.principal.can(Permission.REVIEW_NOTICES):
        values["queue"] = reads.list_(
            page.session,
            principal=page.principal,
            kind=NoticeKind.NOTICE,
            status=NoticeStatus.SUBMITTED,
            per_page=HOME_ITEMS,
        )
    if page.principal.can(Permission.REQUEST_NOTICES):
        values["info"] = _own(page, NoticeStatus.INFO_REQUESTED)
        values["rejected"] = _own(page, NoticeStatus.REJECTED)
        values["published"] = _own(page, NoticeStatus.PUBLISHED)
    if not values:
        return None
    return HomeBlock("notices/home_block.html", {**values, **words(page.tr)})


HOME = (_home,)
