"""Writing messages: compose (a new message or a reply) and forward, for users who may send.

The form carries an idempotency key generated when it is shown, so submitting it twice (a
double click, a resent POST after a timeout) sends one message: the service answers the
retry with the message stored the first time. Files go through the service's own checks (size,
accepted type, bytes matching the type), exactly as an upload through the API does.
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from amana.core.errors import AmanaError
from amana.core.principal import GENERAL_SECRETARIAT, Permission
from amana.messaging import service
from amana.messaging.schemas import ForwardCreate, MessageCreate, MessageRead
from amana.web.context import FormDep, Page, PageDep, field, lines, page_router
from amana.web.errors import FieldErrors, from_validation
from amana.web.pages.message_words import (
    CONTENT_LANGUAGES,
    bureau_choices,
    refused,
    words,
)
from amana.web.pages.messages import open_message, tools_of

router = page_router()
NAV = ()
FIELDS = (
    "to.bureaus",
    "to.regions",
    "to.all_members",
    "to.secretariat",
    "subject",
    "body",
    "language",
    "priority",
    "handling_code",
    "references",
    "attachments",
    "in_reply_to",
    "idempotency_key",
    "note",
)


def _recipients(form: FormData) -> dict[str, Any]:
    return {
        "bureaus": [v.strip().upper() for v in form.getlist("to.bureaus") if isinstance(v, str)],
        "regions": [v for v in form.getlist("to.regions") if isinstance(v, str)],
        "all_members": field(form, "to.all_members") == "on",
        "secretariat": field(form, "to.secretariat") == "on",
    }


def _references(form: FormData) -> list[dict[str, str]]:
    """One per line: the kind and the reference (``case FR-2026-0412`` or ``case:FR-…``)."""
    found = []
    for line in lines(form, "references"):
        kind, _, ref = line.replace(":", " ", 1).partition(" ")
        found.append({"kind": kind.strip().lower(), "ref": ref.strip()})
    return found


def _attachments(page: Page, form: FormData) -> list[dict[str, str]]:
    """The chosen files, read up to one byte over the limit: the service refuses an oversize
    file by its own check without the page holding more of it than that."""
    limit = tools_of(page).settings.messaging_attachment_max_bytes
    found = []
    for upload in form.getlist("attachments"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = upload.file.read(limit + 1)
        found.append(
            {
                "filename": upload.filename[:255],
                "content_type": upload.content_type or "application/octet-stream",
                "content_base64": base64.b64encode(data).decode(),
            }
        )
    return found


def _values(form: FormData) -> dict[str, Any]:
    """What was typed, to fill the form again after a refusal (files must be chosen again)."""
    return {
        "to": _recipients(form),
        **{
            name: field(form, name)
            for name in ("subject", "body", "language", "priority", "handling_code", "note")
        },
        "references": "\n".join(lines(form, "references")),
        "in_reply_to": field(form, "in_reply_to"),
        "idempotency_key": field(form, "idempotency_key") or uuid.uuid4().hex,
    }


def render_compose(
    page: Page,
    values: dict[str, Any],
    *,
    errors: FieldErrors | None = None,
    parent: MessageRead | None = None,
) -> HTMLResponse:
    return page.render(
        "messages/compose.html",
        v=values,
        parent=parent,
        bureaus=bureau_choices(page.tr, own=page.principal.bureau),
        content_languages=CONTENT_LANGUAGES,
        max_mb=tools_of(page).settings.messaging_attachment_max_bytes / (1024 * 1024),
        errors=errors or {},
        status_code=422 if errors else 200,
        **words(page.tr),
    )


def _reply_values(page: Page, parent: MessageRead, everyone: bool) -> dict[str, Any]:
    me = page.principal.bureau
    if parent.sender_bureau == me:
        codes = list(parent.recipients)
    else:
        codes = [parent.sender_bureau]
        if everyone:
            codes += [c for c in parent.recipients if c != me]
    subject = parent.subject or ""
    return {
        "to": {
            "bureaus": [c for c in codes if c != GENERAL_SECRETARIAT],
            "secretariat": GENERAL_SECRETARIAT in codes,
        },
        "subject": subject if subject.lower().startswith("re:") else f"Re: {subject}"[:500],
        "language": parent.language,
        "priority": "routine",
        "handling_code": parent.handling_code.value,
        "references": "\n".join(f"{r.kind.value} {r.ref}" for r in parent.references),
        "in_reply_to": parent.id,
    }


@router.get("/messages/new")
def compose(page: PageDep, reply_to: str = "", all: str = "") -> HTMLResponse:
    page.principal.require(Permission.SEND_MESSAGES)
    values: dict[str, Any] = {
        "to": {},
        "language": page.tr.language,
        "priority": "routine",
        "handling_code": "police_only",
        "idempotency_key": uuid.uuid4().hex,
    }
    parent = None
    if reply_to:
        parent = open_message(page, reply_to)
        values.update(_reply_values(page, parent, bool(all)))
    return render_compose(page, values, parent=parent)


@router.post("/messages/new", response_model=None)
def send(page: PageDep, form: FormDep) -> Response:
    page.principal.require(Permission.SEND_MESSAGES)
    values = _values(form)
    body = {
        "to": values["to"],
        "subject": values["subject"],
        "body": values["body"],
        "language": values["language"],
        "priority": values["priority"] or "routine",
        "handling_code": values["handling_code"] or "police_only",
        "references": _references(form),
        "in_reply_to": values["in_reply_to"] or None,
        "attachments": _attachments(page, form),
        "idempotency_key": values["idempotency_key"],
    }
    try:
        data = MessageCreate.model_validate(body)
    except ValidationError as invalid:
        return render_compose(page, values, errors=from_validation(invalid, page.tr, FIELDS))
    try:
        message, _ = service.send(
            page.session, principal=page.principal, tools=tools_of(page), data=data
        )
    except AmanaError as error:
        if error.status == 404:
            raise
        return render_compose(page, values, errors=refused(page, error))
    return RedirectResponse(f"/messages/{message.id}?sent=1", status_code=303)


def render_forward(
    page: Page, original: MessageRead, values: dict[str, Any], errors: FieldErrors | None = None
) -> HTMLResponse:
    return page.render(
        "messages/forward.html",
        message=original,
        v=values,
        bureaus=bureau_choices(page.tr, own=page.principal.bureau),
        errors=errors or {},
        status_code=422 if errors else 200,
        **words(page.tr),
    )


@router.get("/messages/{message_id}/forward")
def forward_form(page: PageDep, message_id: str) -> HTMLResponse:
    page.principal.require(Permission.SEND_MESSAGES)
    original = open_message(page, message_id)
    return render_forward(page, original, {"to": {}, "idempotency_key": uuid.uuid4().hex})


@router.post("/messages/{message_id}/forward", response_model=None)
def forward(page: PageDep, form: FormDep, message_id: str) -> Response:
    """The service enforces the message's handling code; its refusal is shown next to the
    recipients, in the user's language."""
    page.principal.require(Permission.SEND_MESSAGES)
    values = _values(form)
    original = open_message(page, message_id)
    try:
        data = ForwardCreate.model_validate(
            {
                "to": values["to"],
                "note": values["note"],
                "idempotency_key": values["idempotency_key"],
            }
        )
    except ValidationError as invalid:
        errors = from_validation(invalid, page.tr, FIELDS)
        return render_forward(page, original, values, errors)
    try:
        message, _ = service.forward(
            page.session,
            principal=page.principal,
            tools=tools_of(page),
            message_id_=original.id,
            data=data,
        )
    except AmanaError as error:
        if error.status == 404:
            raise
        errors = refused(page, error)
        return render_forward(page, open_message(page, message_id), values, errors)
    return RedirectResponse(f"/messages/{message.id}?sent=1", status_code=303)
