"""Storing a message: idempotent, addressed, signed by the sending bureau, encrypted at rest.

A message, its recipients, its attachments and its audit entry are written in the caller's
transaction, so a refusal at any step stores nothing. The backbone is told only after commit
(``announce``), so no client is ever pushed a message that was then rolled back.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.config import Settings
from amana.core.db import utcnow
from amana.core.principal import Permission, Principal
from amana.messaging import attachments, crypto
from amana.messaging.addressing import expand
from amana.messaging.errors import MessageConflict
from amana.messaging.events import Event
from amana.messaging.keys import KeyRing
from amana.messaging.models import Message
from amana.messaging.schemas import (
    Addressees,
    HandlingCode,
    MessageCreate,
    Mode,
    Priority,
    Reference,
)

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Tools:
    """What the services need from the composition root."""

    settings: Settings
    vault: crypto.Vault
    keys: KeyRing
    announce: Callable[[Event], None]
    relayed_on_insert: bool = True


@dataclass
class Draft:
    to: Addressees
    subject: str
    body: str
    language: str
    priority: Priority
    handling_code: HandlingCode
    references: list[Reference]
    idempotency_key: str
    request_digest: str
    files: list[attachments.Checked] = field(default_factory=list)
    thread_id: str | None = None
    in_reply_to: str | None = None
    forwarded_from: str | None = None
    recipients: list[str] = field(default_factory=list)


def message_id(sender: str, idempotency_key: str) -> str:
    """Derived from the sender's key, so every node gives a retried send the same id."""
    return hashlib.sha256(f"{sender}\0{idempotency_key}".encode()).hexdigest()[:32]


def content_context(message: str) -> bytes:
    return f"amana:msg:{message}".encode()


def key_context(message: str) -> bytes:
    return f"amana:dk:{message}".encode()


def attachment_context(message: str, position: int) -> bytes:
    return f"amana:att:{message}:{position}".encode()


def find_previous(
    session: Session, *, sender: str, idempotency_key: str, digest: str
) -> Message | None:
    """The message a retried send already created; a different request with the same key is a
    conflict, never a silent overwrite."""
    found = session.scalar(
        select(Message).where(
            Message.sender_bureau == sender, Message.idempotency_key == idempotency_key
        )
    )
    if found is not None:
        find_previous_check(found, idempotency_key, digest)
    return found


def find_previous_many(
    session: Session, *, sender: str, digests: dict[str, str]
) -> dict[str, Message]:
    """``find_previous`` for many idempotency keys in one query."""
    found = {
        m.idempotency_key: m
        for m in session.scalars(
            select(Message).where(
                Message.sender_bureau == sender, Message.idempotency_key.in_(list(digests))
            )
        )
    }
    for key, message in found.items():
        find_previous_check(message, key, digests[key])
    return found


def find_previous_check(found: Message, idempotency_key: str, digest: str) -> None:
    if found.request_digest != digest:
        raise MessageConflict(
            f"idempotency key {idempotency_key!r} was already used by your bureau for a "
            "different message; use a new key for a new message",
            code="message.idempotency_conflict",
            message_id=found.id,
        )


def draft_from(data: MessageCreate, settings: Settings) -> Draft:
    files = attachments.check(
        data.attachments,
        max_bytes=settings.messaging_attachment_max_bytes,
        max_count=settings.messaging_attachments_max,
    )
    return Draft(
        to=data.to,
        subject=data.subject,
        body=data.body,
        language=data.language,
        priority=data.priority,
        handling_code=data.handling_code,
        references=data.references,
        idempotency_key=data.idempotency_key,
        request_digest=crypto.sha256(crypto.canonical(data.model_dump(mode="json"))),
        files=files,
        in_reply_to=data.in_reply_to,
    )


@dataclass
class Prepared:
    """A signed, encrypted message ready to insert, and the rows that go with it."""

    row: dict[str, Any]
    files: list[dict[str, Any]]
    sealed: dict[str, bytes] = field(default_factory=dict)

    @property
    def recipients(self) -> list[str]:
        recipients: list[str] = json.loads(self.row["envelope"])["recipients"]
        return recipients


def prepare(session: Session, *, principal: Principal, tools: Tools, draft: Draft) -> Prepared:
    """Sign with the bureau's active key and encrypt under a fresh data key (no write yet)."""
    principal.require(Permission.SEND_MESSAGES)
    sender = principal.bureau
    if not draft.recipients:
        draft.recipients = expand(draft.to, sender=sender, handling=draft.handling_code)
    ident = message_id(sender, draft.idempotency_key)
    content = crypto.canonical(_content(draft))
    version, signing = tools.keys.signing_key(session, sender)
    now = utcnow()
    envelope = {
        "v": 1,
        "id": ident,
        "sender": sender,
        "key_version": version,
        "recipients": draft.recipients,
        "priority": draft.priority.value,
        "handling_code": draft.handling_code.value,
        "language": draft.language,
        "thread_id": draft.thread_id or ident,
        "in_reply_to": draft.in_reply_to,
        "forwarded_from": draft.forwarded_from,
        "idempotency_key": draft.idempotency_key,
        "mode": Mode.SERVER.value,
        "signed_at": now.isoformat(),
        "content_sha256": crypto.sha256(content),
    }
    signed = crypto.canonical(envelope)
    data_key = crypto.new_data_key()
    row = {
        "id": ident,
        "created_at": now,
        "sender_bureau": sender,
        "sender_user_id": principal.user_id,
        "sender_username": principal.username,
        "idempotency_key": draft.idempotency_key,
        "request_digest": draft.request_digest,
        "mode": Mode.SERVER.value,
        "priority": draft.priority.value,
        "handling_code": draft.handling_code.value,
        "language": draft.language,
        "thread_id": envelope["thread_id"],
        "in_reply_to": draft.in_reply_to,
        "forwarded_from": draft.forwarded_from,
        "addressed": draft.to.model_dump(mode="json"),
        "envelope": signed.decode(),
        "signature": crypto.sign(signing, signed),
        "key_version": version,
        "ciphertext": crypto.seal(data_key, content, content_context(ident)),
        "wrapped_key": tools.vault.wrap(data_key, key_context(ident)),
        "terms": search_terms(tools.vault, draft.subject, draft.references),
    }
    files = [
        {
            "message_id": ident,
            "position": i,
            "ciphertext": crypto.seal(data_key, f.data, attachment_context(ident, i)),
        }
        for i, f in enumerate(draft.files)
    ]
    return Prepared(row, files)


def search_terms(vault: crypto.Vault, subject: str, references: list[Reference]) -> str:
    words = {w.casefold() for w in WORD.findall(subject)}
    words.update(f"ref:{r.kind.value}:{r.ref.casefold()}" for r in references)
    return " " + " ".join(sorted(vault.term(w) for w in words)) + " "


def query_terms(vault: crypto.Vault, q: str | None, reference: str | None) -> list[str]:
    """Terms for the words of ``q`` (all must be in the subject) and one reference, given as
    ``kind:ref`` (``case:2026/0412``)."""
    words = {w.casefold() for w in WORD.findall(q or "")}
    if reference:
        words.add(f"ref:{reference.strip().casefold()}")
    return sorted(vault.term(w) for w in words)


def _content(draft: Draft) -> dict[str, object]:
    return {
        "salt": crypto.salt(),
        "subject": draft.subject,
        "body": draft.body,
        "references": [r.model_dump(mode="json") for r in draft.references],
        "attachments": [
            {
                "position": i,
                "filename": f.filename,
                "content_type": f.content_type,
                "size": len(f.data),
                "sha256": f.sha256,
            }
            for i, f in enumerate(draft.files)
        ],
    }
