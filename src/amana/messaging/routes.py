from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from amana.audit import service as audit
from amana.core.params import MAX_ID, PageNumber, PerPage, Position, Since
from amana.core.principal import Permission
from amana.deps import CurrentPrincipal, SessionDep, authenticated
from amana.messaging import e2e, inbox, keys, push, reading, service
from amana.messaging.errors import MessageForbidden
from amana.messaging.integrity import load_for
from amana.messaging.models import Message
from amana.messaging.runtime import Messaging
from amana.messaging.schemas import (
    BatchResult,
    E2EMessageCreate,
    ForwardCreate,
    KeyRead,
    KeyRegister,
    MessageBatch,
    MessageCreate,
    MessagePage,
    MessageRead,
    MessageSummary,
    Priority,
    Receipt,
    Status,
)
from amana.messaging.store import Tools

router = APIRouter(prefix="/messages", tags=["messaging"], dependencies=[authenticated])
MessageIdPath = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
BureauPath = Annotated[str, Path(pattern=r"^[A-Za-z]{2}$")]


def _messaging(request: Request) -> Messaging:
    messaging: Messaging = request.app.state.messaging
    return messaging


def _accepted(tools: Tools, message: Message, created: bool, response: Response) -> MessageSummary:
    # A retried send answers 200 with the first message; a new one 201.
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/api/v1/messages/{message.id}"
    return inbox.summary_of(tools, message, None)


@router.post("", operation_id="messages_send", status_code=201)
def send(
    data: MessageCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> MessageSummary:
    """Sign with your bureau's key, encrypt at rest, deliver to the addressees."""
    tools = _messaging(request).tools
    message, created = service.send(session, principal=principal, tools=tools, data=data)
    return _accepted(tools, message, created, response)


@router.post("/batch", operation_id="messages_send_batch", status_code=201)
def send_batch(
    data: MessageBatch, request: Request, session: SessionDep, principal: CurrentPrincipal
) -> BatchResult:
    """Many messages in one transaction (for bureau systems): all are accepted, or none."""
    tools = _messaging(request).tools
    results = service.send_many(session, principal=principal, tools=tools, data=data)
    return BatchResult(
        items=[inbox.summary_of(tools, m, None, with_subject=False) for m, _ in results],
        created=sum(created for _, created in results),
    )


@router.post("/e2e", operation_id="messages_send_e2e", status_code=201)
def send_e2e(
    data: E2EMessageCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> MessageSummary:
    """Relay a message your own system encrypted and signed (end-to-end mode)."""
    tools = _messaging(request).tools
    message, created = e2e.send(session, principal=principal, tools=tools, data=data)
    return _accepted(tools, message, created, response)


@router.get("", operation_id="messages_list")
def list_messages(
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    box: Annotated[str, Query(description="inbox or sent")] = inbox.INBOX,
    q: Annotated[str | None, Query(max_length=200, description="Words of the subject")] = None,
    reference: Annotated[str | None, Query(max_length=120, description="kind:ref")] = None,
    priority: Priority | None = None,
    status: Status | None = None,
    sender: Annotated[str | None, Query(max_length=3)] = None,
    thread_id: Annotated[str | None, Query(max_length=32)] = None,
    since: Since | None = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> MessagePage:
    return inbox.list_(
        session,
        principal=principal,
        tools=_messaging(request).tools,
        box=box,
        q=q,
        reference=reference,
        priority=priority,
        status=status,
        sender=sender,
        thread_id=thread_id,
        since=since,
        page=page,
        per_page=per_page,
    )


@router.get("/escalations", operation_id="messages_escalations")
def list_escalations(
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> MessagePage:
    """Urgent messages not acknowledged in time: all for the General Secretariat (without
    content), your own bureau's for a bureau."""
    tools = _messaging(request).tools
    return inbox.escalations(
        session, principal=principal, tools=tools, page=page, per_page=per_page
    )


@router.get("/stream", operation_id="messages_stream", response_class=StreamingResponse)
def stream(
    request: Request,
    principal: CurrentPrincipal,
    last_event_id: Annotated[str | None, Header()] = None,
    after: Annotated[Position | None, Query(description="Resume after this seq")] = None,
    max_events: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    idle_seconds: Annotated[float | None, Query(gt=0, le=3600)] = None,
) -> StreamingResponse:
    """Server-sent events: each message addressed to your bureau, receipts and escalations of
    the messages it sent. Reconnect with ``Last-Event-ID`` to get what you missed."""
    principal.require(Permission.READ_RECORDS)
    messaging = _messaging(request)
    if after is None and last_event_id and last_event_id.isdigit():
        after = int(last_event_id)
    events = push.stream(
        hub=messaging.hub,
        reader=messaging.reader,
        deliveries=messaging.deliveries,
        bureau=principal.bureau,
        after=after,
        max_events=max_events,
        idle_seconds=idle_seconds,
    )
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/keys/{bureau}", operation_id="messages_keys")
def bureau_keys(bureau: BureauPath, session: SessionDep) -> list[KeyRead]:
    """Every version of a bureau's public keys, to verify its messages (old ones included)."""
    return [KeyRead.model_validate(k) for k in keys.list_(session, bureau=bureau.upper())]


@router.post("/keys/{bureau}/rotate", operation_id="messages_keys_rotate", status_code=201)
def rotate_key(
    bureau: BureauPath, request: Request, session: SessionDep, principal: CurrentPrincipal
) -> KeyRead:
    """A new server-held signing key; earlier versions stay for verification."""
    ring = _messaging(request).tools.keys
    return KeyRead.model_validate(ring.rotate(session, principal=principal, bureau=bureau.upper()))


@router.post("/keys/{bureau}", operation_id="messages_keys_register", status_code=201)
def register_key(
    bureau: BureauPath,
    data: KeyRegister,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> KeyRead:
    """Your bureau's own system takes custody of its keys (end-to-end mode)."""
    ring = _messaging(request).tools.keys
    key = ring.register(session, principal=principal, bureau=bureau.upper(), data=data)
    return KeyRead.model_validate(key)


@router.get("/{message_id}", operation_id="messages_read")
def read(
    message_id: MessageIdPath, request: Request, session: SessionDep, principal: CurrentPrincipal
) -> MessageRead:
    """Verified and decrypted; reading is your bureau's read receipt, and is audited."""
    tools = _messaging(request).tools
    return reading.read(session, principal=principal, tools=tools, message_id_=message_id)


@router.get("/{message_id}/receipts", operation_id="messages_receipts")
def receipts(
    message_id: MessageIdPath, session: SessionDep, principal: CurrentPrincipal
) -> list[Receipt]:
    """Per recipient: delivered, read, acknowledged (for the sending bureau)."""
    opened = load_for(session, principal=principal, message_id=message_id)
    if opened.message.sender_bureau != principal.bureau:
        raise MessageForbidden(
            "only the sending bureau sees a message's receipts", code="message.not_sender"
        )
    audit.record(
        session,
        actor=principal,
        action="message.receipts_read",
        target_kind="message",
        target_ids=[message_id],
    )
    return reading.receipts(session, message=opened.message)


@router.post("/{message_id}/acknowledge", operation_id="messages_acknowledge")
def acknowledge(
    message_id: MessageIdPath, request: Request, session: SessionDep, principal: CurrentPrincipal
) -> Receipt:
    tools = _messaging(request).tools
    return reading.acknowledge(session, principal=principal, tools=tools, message_id_=message_id)


@router.post("/{message_id}/forward", operation_id="messages_forward", status_code=201)
def forward(
    message_id: MessageIdPath,
    data: ForwardCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> MessageSummary:
    """Pass a message on, as its handling code allows."""
    tools = _messaging(request).tools
    message, created = service.forward(
        session, principal=principal, tools=tools, message_id_=message_id, data=data
    )
    return _accepted(tools, message, created, response)


@router.get("/{message_id}/attachments/{position}", operation_id="messages_attachment")
def attachment(
    message_id: MessageIdPath,
    position: Annotated[int, Path(ge=0, le=100)],
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> Response:
    tools = _messaging(request).tools
    meta, data = reading.attachment(
        session, principal=principal, tools=tools, message_id_=message_id, position=position
    )
    return Response(
        data,
        media_type=meta.content_type,
        headers={
            "X-Content-SHA256": meta.sha256,
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(meta.filename)}",
            "X-Content-Type-Options": "nosniff",
        },
    )
