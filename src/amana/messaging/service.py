"""Use cases of secure messaging: send, reply, forward, read, acknowledge, download.

Services never commit; the request owns the transaction. Pushes to connected clients are
announced after commit (see ``store.after_commit``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.errors import AmanaError
from amana.core.principal import Permission, Principal
from amana.messaging import crypto
from amana.messaging.addressing import check_forward, expand
from amana.messaging.attachments import Checked
from amana.messaging.errors import MessageConflict, MessageRefused
from amana.messaging.integrity import Opened, load_for, open_attachment, verify_and_open
from amana.messaging.models import Message, MessageAttachment
from amana.messaging.persist import persist
from amana.messaging.schemas import (
    ForwardCreate,
    HandlingCode,
    MessageBatch,
    MessageCreate,
    Mode,
    Priority,
    Reference,
)
from amana.messaging.store import (
    Draft,
    Prepared,
    Tools,
    draft_from,
    find_previous,
    find_previous_many,
    prepare,
)
from amana.messaging.threads import check_reply, thread_of

T = TypeVar("T")


def send(
    session: Session, *, principal: Principal, tools: Tools, data: MessageCreate
) -> tuple[Message, bool]:
    """The stored message and whether it is new (False: a retry of an earlier send)."""
    [result] = send_many(
        session, principal=principal, tools=tools, data=MessageBatch(messages=[data])
    )
    return result


def send_many(
    session: Session, *, principal: Principal, tools: Tools, data: MessageBatch
) -> list[tuple[Message, bool]]:
    """Each message in the caller's one transaction: a refusal of any refuses them all (naming
    the message), so nothing is stored half-way. A retried message (same idempotency key and
    content) returns the message stored the first time instead of a new one."""
    principal.require(Permission.SEND_MESSAGES)
    drafts = _indexed(lambda i, item: draft_from(item, tools.settings), data.messages)
    digests = {d.idempotency_key: d.request_digest for d in drafts}
    previous = find_previous_many(session, sender=principal.bureau, digests=digests)
    first_of: dict[str, int] = {}
    fresh: list[Draft] = []
    for index, draft in enumerate(drafts):
        key = draft.idempotency_key
        if key in first_of and drafts[first_of[key]].request_digest != draft.request_digest:
            raise MessageConflict(
                f"message {index}: idempotency key {key!r} is used twice in the batch for "
                "different messages",
                code="message.idempotency_conflict",
                index=index,
            )
        if key in previous or key in first_of:
            continue
        first_of[key] = index
        fresh.append(draft)

    def _prepare(index: int, draft: Draft) -> Prepared:
        if draft.in_reply_to:
            _thread_reply(session, principal=principal, tools=tools, draft=draft)
        return prepare(session, principal=principal, tools=tools, draft=draft)

    prepared = _indexed(_prepare, fresh, positions=[first_of[d.idempotency_key] for d in fresh])
    stored = persist(session, principal=principal, tools=tools, prepared=prepared)
    by_key = {m.idempotency_key: m for m in stored}
    return [
        (previous[d.idempotency_key], False)
        if d.idempotency_key in previous
        else (by_key[d.idempotency_key], first_of[d.idempotency_key] == i)
        for i, d in enumerate(drafts)
    ]


def _indexed(
    work: Callable[[int, Any], T], items: Sequence[Any], positions: Sequence[int] | None = None
) -> list[T]:
    """Apply ``work`` to each item; an error names the item's position in the request."""
    done = []
    for index, item in enumerate(items):
        position = positions[index] if positions is not None else index
        try:
            done.append(work(position, item))
        except AmanaError as error:
            if len(items) > 1 or position:
                error.detail = f"message {position}: {error.detail}"
                error.extra["index"] = position
            raise
    return done


def _thread_reply(session: Session, *, principal: Principal, tools: Tools, draft: Draft) -> None:
    assert draft.in_reply_to is not None
    thread = thread_of(session, principal=principal, tools=tools, parent_id=draft.in_reply_to)
    draft.thread_id = thread.thread_id
    draft.handling_code = thread.stricter(draft.handling_code)
    draft.recipients = expand(draft.to, sender=principal.bureau, handling=draft.handling_code)
    check_reply(thread, handling=draft.handling_code, recipients=draft.recipients)


def forward(
    session: Session, *, principal: Principal, tools: Tools, message_id_: str, data: ForwardCreate
) -> tuple[Message, bool]:
    """Pass a message on as a new signed message, if its handling code allows."""
    principal.require(Permission.SEND_MESSAGES)
    opened = verify_and_open(
        session, tools=tools, opened=load_for(session, principal=principal, message_id=message_id_)
    )
    original = opened.message
    handling = HandlingCode(original.handling_code)
    recipients = expand(data.to, sender=principal.bureau, handling=handling)
    check_forward(
        handling=handling,
        original_sender=original.sender_bureau,
        forwarder=principal.bureau,
        recipients=recipients,
    )
    if original.mode != Mode.SERVER.value:
        raise MessageRefused(
            "an end-to-end message can only be forwarded by your own system, which holds the keys",
            code="message.e2e_forward",
        )
    digest = crypto.sha256(
        crypto.canonical({"forward": message_id_, **data.model_dump(mode="json")})
    )
    previous = find_previous(
        session, sender=principal.bureau, idempotency_key=data.idempotency_key, digest=digest
    )
    if previous is not None:
        return previous, False
    fields = opened.fields
    draft = Draft(
        to=data.to,
        subject=f"Fwd: {fields['subject']}"[:500],
        body=f"{data.note}\n\n---- forwarded message {original.id} from "
        f"{original.sender_bureau} ----\n{fields['body']}",
        language=original.language,
        priority=Priority(original.priority),
        handling_code=handling,
        references=[Reference.model_validate(r) for r in fields["references"]],
        idempotency_key=data.idempotency_key,
        request_digest=digest,
        files=_files_of(session, tools, opened),
        forwarded_from=original.id,
        recipients=recipients,
    )
    prepared = prepare(session, principal=principal, tools=tools, draft=draft)
    [message] = persist(session, principal=principal, tools=tools, prepared=[prepared])
    return message, True


def _files_of(session: Session, tools: Tools, opened: Opened) -> list[Checked]:
    stored = {
        a.position: a.ciphertext
        for a in session.scalars(
            select(MessageAttachment).where(MessageAttachment.message_id == opened.message.id)
        )
    }
    return [
        Checked(
            meta["filename"],
            meta["content_type"],
            open_attachment(tools, opened.message, meta["position"], stored[meta["position"]]),
            meta["sha256"],
        )
        for meta in opened.fields["attachments"]
    ]
