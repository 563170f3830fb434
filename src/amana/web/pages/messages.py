"""Secure messages: the inbox and the sent box (paged, searched by subject words and
references), one message with its thread, signature check, receipts and attachments, the
acknowledgement of an urgent message, and the home page's messages section.

Every read goes through the messaging service, exactly as the API's routes do: it checks that
the user's bureau is the sender or an addressee, verifies the signature and audits the read. A
message that is not the bureau's is a 404 page, so its existence is not disclosed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amana.core.params import LenientPage, Position
from amana.core.principal import GENERAL_SECRETARIAT, Permission
from amana.messaging import inbox, reading
from amana.messaging.errors import MessageForbidden, MessageNotFound
from amana.messaging.schemas import MessageRead, MessageSummary, Priority, Status
from amana.messaging.store import Tools
from amana.web.context import FormDep, Page, PageDep, page_router
from amana.web.i18n import N_
from amana.web.nav import HomeBlock, NavItem
from amana.web.pages.message_words import words

router = page_router()
NAV = (NavItem("/messages", N_("Messages"), 28, (Permission.READ_RECORDS,)),)
PER_PAGE = 25
HOME_ITEMS = 5
THREAD_MAX = 200
MESSAGE_ID = re.compile(r"^[0-9a-f]{32}$")
UNREAD = (Status.SENT, Status.DELIVERED)
AWAITING_ACK = (Status.SENT, Status.DELIVERED, Status.READ)


def tools_of(page: Page) -> Tools:
    tools: Tools = page.request.app.state.messaging.tools
    return tools


def checked_id(message_id: str) -> str:
    if not MESSAGE_ID.match(message_id):
        raise HTTPException(status_code=404)
    return message_id


@contextmanager
def not_ours_hidden() -> Iterator[None]:
    """Another bureau's message is refused by the service; the page shows it as not found, so
    its existence is not disclosed (the refusal is audited all the same, as a 404's cause)."""
    try:
        yield
    except MessageForbidden as error:
        if error.code != "message.not_addressee":
            raise
        raise MessageNotFound(error.detail, code=error.code) from error


def open_message(page: Page, message_id: str) -> MessageRead:
    """Read: verified, audited, and an addressee's read receipt."""
    with not_ours_hidden():
        return reading.read(
            page.session,
            principal=page.principal,
            tools=tools_of(page),
            message_id_=checked_id(message_id),
        )


def _priority(value: str) -> Priority | None:
    try:
        return Priority(value) if value else None
    except ValueError:
        return None


def _box(
    page: Page, box: str, q: str, reference: str, priority: str, unread: str, p: int
) -> HTMLResponse:
    asked = {"q": q.strip()[:200], "reference": reference.strip()[:120], "priority": priority}
    if box == inbox.INBOX:
        asked["unread"] = "1" if unread else ""
    result = inbox.list_(
        page.session,
        principal=page.principal,
        tools=tools_of(page),
        box=box,
        q=asked["q"] or None,
        reference=asked["reference"] or None,
        priority=_priority(priority),
        statuses=UNREAD if unread and box == inbox.INBOX else (),
        page=max(p, 1),
        per_page=PER_PAGE,
    )
    counts: dict[str, dict[Status, int]] = {}
    if box == inbox.SENT:
        counts = reading.receipt_counts(
            page.session, principal=page.principal, message_ids=[m.id for m in result.items]
        )
    return page.render(
        "messages/list.html",
        box=box,
        result=result,
        counts=counts,
        asked=asked,
        query=urlencode({k: v for k, v in asked.items() if v}) + "&",
        **words(page.tr),
    )


@router.get("/messages")
def inbox_page(
    page: PageDep,
    q: str = "",
    reference: str = "",
    priority: str = "",
    unread: str = "",
    p: LenientPage = 1,
) -> HTMLResponse:
    return _box(page, inbox.INBOX, q, reference, priority, unread, p)


@router.get("/messages/sent")
def sent_page(
    page: PageDep, q: str = "", reference: str = "", priority: str = "", p: LenientPage = 1
) -> HTMLResponse:
    return _box(page, inbox.SENT, q, reference, priority, "", p)


def _thread(page: Page, message: MessageRead) -> list[MessageSummary]:
    """The thread's messages the bureau received or sent, oldest first."""
    found: dict[str, MessageSummary] = {}
    for box in (inbox.INBOX, inbox.SENT):
        listed = inbox.list_(
            page.session,
            principal=page.principal,
            tools=tools_of(page),
            box=box,
            thread_id=message.thread_id,
            per_page=THREAD_MAX,
        )
        found.update((m.id, m) for m in listed.items)
    return sorted(found.values(), key=lambda m: m.seq)


@router.get("/messages/{message_id}")
def show_message(page: PageDep, message_id: str, sent: str = "") -> HTMLResponse:
    message = open_message(page, message_id)
    mine = message.status
    return page.render(
        "messages/show.html",
        message=message,
        thread=_thread(page, message),
        just_sent=bool(sent),
        addressee=mine is not None,
        can_ack=message.priority is Priority.URGENT
        and mine is not None
        and mine is not Status.ACKNOWLEDGED,
        can_send=page.principal.can(Permission.SEND_MESSAGES),
        **words(page.tr),
    )


@router.post("/messages/{message_id}/acknowledge", response_model=None)
def acknowledge(page: PageDep, form: FormDep, message_id: str) -> Response:
    message_id = checked_id(message_id)
    with not_ours_hidden():
        reading.acknowledge(
            page.session, principal=page.principal, tools=tools_of(page), message_id_=message_id
        )
    return RedirectResponse(f"/messages/{message_id}", status_code=303)


@router.get("/messages/{message_id}/attachments/{position:int}")
def attachment(page: PageDep, message_id: str, position: Position) -> Response:
    """Downloaded through the service: the same access check as reading, and audited."""
    with not_ours_hidden():
        meta, data = reading.attachment(
            page.session,
            principal=page.principal,
            tools=tools_of(page),
            message_id_=checked_id(message_id),
            position=position,
        )
    return Response(
        content=data,
        media_type=meta.content_type,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(meta.filename)}",
            "X-Content-Type-Options": "nosniff",
            "X-Content-SHA256": meta.sha256,
        },
    )


def _home(page: Page) -> HomeBlock | None:
    """The bureau's unread messages and its urgent messages awaiting acknowledgement; for the
    secretariat, urgent messages escalated because nobody acknowledged them in time."""
    if not page.principal.can(Permission.READ_RECORDS):
        return None
    tools = tools_of(page)

    def waiting(statuses: tuple[Status, ...], priority: Priority | None = None) -> Any:
        return inbox.list_(
            page.session,
            principal=page.principal,
            tools=tools,
            statuses=statuses,
            priority=priority,
            per_page=HOME_ITEMS,
        )

    values: dict[str, Any] = {
        "unread": waiting(UNREAD),
        "urgent": waiting(AWAITING_ACK, Priority.URGENT),
    }
    if page.principal.bureau == GENERAL_SECRETARIAT:
        values["escalated"] = inbox.escalations(
            page.session, principal=page.principal, tools=tools, per_page=HOME_ITEMS
        )
    return HomeBlock("messages/home_block.html", {**values, **words(page.tr)})


HOME = (_home,)
