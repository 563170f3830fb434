"""Opening a stored message: only its sender and addressees may, and only if its signature and
ciphertext still authenticate. Every read is audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.principal import Principal
from amana.messaging import crypto
from amana.messaging.errors import MessageNotFound, MessageTampered
from amana.messaging.models import Message, MessageRecipient
from amana.messaging.store import Tools, attachment_context, content_context, key_context


@dataclass
class Opened:
    message: Message
    envelope: dict[str, Any]
    receipt: MessageRecipient | None
    content: bytes | None
    """Canonical plaintext content; None in end-to-end mode."""

    @property
    def fields(self) -> dict[str, Any]:
        return json.loads(self.content) if self.content is not None else {}


def load_for(session: Session, *, principal: Principal, message_id: str) -> Opened:
    """The message and the caller's receipt. To anyone but its sender and addressees it does
    not exist: the same answer as an unknown id (audited as a refusal, as every
    ``MessageNotFound`` is), so an id never tells whether another bureau's message exists."""
    message = session.scalar(select(Message).where(Message.id == message_id))
    receipt = session.get(MessageRecipient, (message_id, principal.bureau))
    if message is None or (receipt is None and message.sender_bureau != principal.bureau):
        raise MessageNotFound(f"no message with id {message_id}", message_id=message_id)
    return Opened(message, {}, receipt, None)


def verify_and_open(session: Session, *, tools: Tools, opened: Opened) -> Opened:
    """Check the signature against the sender's key of that version, the envelope against the
    row, and decrypt; anything edited behind Amana's back is refused."""
    message = opened.message
    public = tools.keys.public_key(session, message.sender_bureau, message.key_version)
    signed = message.envelope.encode()
    if not crypto.verify(public, signed, message.signature):
        raise _tampered(
            message,
            "its signature does not verify with the sender's key "
            f"{message.sender_bureau} v{message.key_version}",
            "forged_signature",
        )
    envelope: dict[str, Any] = json.loads(signed)
    if (envelope["id"], envelope["sender"], envelope["mode"]) != (
        message.id,
        message.sender_bureau,
        message.mode,
    ):
        raise _tampered(message, "its stored routing differs from what was signed", "tampered")
    opened.envelope = envelope
    if message.mode != "server":
        if crypto.sha256(message.ciphertext) != envelope["content_sha256"]:
            raise _tampered(message, "its ciphertext is not the one signed", "tampered_ciphertext")
        return opened
    try:
        assert message.wrapped_key is not None
        data_key = tools.vault.unwrap(message.wrapped_key, key_context(message.id))
        content = crypto.unseal(data_key, message.ciphertext, content_context(message.id))
    except crypto.CryptoFailure as error:
        raise _tampered(
            message, "its ciphertext does not authenticate", "tampered_ciphertext"
        ) from error
    if crypto.sha256(content) != envelope["content_sha256"]:
        raise _tampered(message, "its content is not the one signed", "tampered_ciphertext")
    opened.content = content
    return opened


def open_attachment(tools: Tools, message: Message, position: int, ciphertext: bytes) -> bytes:
    try:
        assert message.wrapped_key is not None
        data_key = tools.vault.unwrap(message.wrapped_key, key_context(message.id))
        return crypto.unseal(data_key, ciphertext, attachment_context(message.id, position))
    except crypto.CryptoFailure as error:
        raise _tampered(
            message, f"attachment {position} does not authenticate", "tampered_ciphertext"
        ) from error


def subject_of(tools: Tools, message: Message) -> str | None:
    """The subject for an inbox line (server mode), without the signature check of a full read."""
    if message.mode != "server" or message.wrapped_key is None:
        return None
    try:
        data_key = tools.vault.unwrap(message.wrapped_key, key_context(message.id))
        content = crypto.unseal(data_key, message.ciphertext, content_context(message.id))
    except crypto.CryptoFailure:
        return None
    subject: str = json.loads(content)["subject"]
    return subject


def _tampered(message: Message, why: str, code: str) -> MessageTampered:
    return MessageTampered(
        f"message {message.id} was refused: {why}; it may have been altered in the store",
        code=f"message.{code}",
        message_id=message.id,
    )
