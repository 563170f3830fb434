"""End-to-end mode: the sending bureau's own system encrypts and signs; the server checks the
signature and the addressing, stores ciphertext and per-recipient sealed keys, and relays them.
It can read neither subject, body nor attachments, and cannot forge a message from the bureau.

The envelope a bureau signs is canonical JSON (``crypto.canonical``) with these fields:
``v`` (1), ``id`` (``message_id(sender, idempotency_key)``), ``sender``, ``key_version``,
``recipients`` (sorted bureau codes), ``priority``, ``handling_code``, ``language``,
``thread_id``, ``in_reply_to``, ``forwarded_from`` (null), ``idempotency_key``, ``mode`` ("e2e"),
``signed_at`` (ISO 8601 UTC) and ``content_sha256`` (of the ciphertext).
"""

from __future__ import annotations

import binascii
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.db import utcnow
from amana.core.principal import Permission, Principal
from amana.messaging import crypto, keys
from amana.messaging.addressing import expand
from amana.messaging.errors import MessageForbidden, MessageRefused
from amana.messaging.models import BureauKey, Message
from amana.messaging.persist import persist
from amana.messaging.schemas import Addressees, E2EMessageCreate, HandlingCode, Mode, Priority
from amana.messaging.store import Prepared, Tools, find_previous, message_id
from amana.messaging.threads import check_reply, thread_of

FRESH_FOR = timedelta(minutes=5)
FIELDS = {
    "v", "id", "sender", "key_version", "recipients", "priority", "handling_code", "language",
    "thread_id", "in_reply_to", "forwarded_from", "idempotency_key", "mode", "signed_at",
    "content_sha256",
}  # fmt: skip


def send(
    session: Session, *, principal: Principal, tools: Tools, data: E2EMessageCreate
) -> tuple[Message, bool]:
    principal.require(Permission.SEND_MESSAGES)
    envelope = _parse(data.envelope)
    if envelope["sender"] != principal.bureau:
        raise MessageForbidden(
            f"the envelope is signed as sent by {envelope['sender']}, not by your bureau "
            f"({principal.bureau}): a message cannot be replayed by another bureau",
            code="message.sender_mismatch",
        )
    key = session.scalar(
        select(BureauKey).where(
            BureauKey.bureau == principal.bureau, BureauKey.version == envelope["key_version"]
        )
    )
    if key is None or not crypto.verify(key.sign_public, data.envelope.encode(), data.signature):
        raise MessageRefused(
            f"the signature does not verify with {principal.bureau}'s key version "
            f"{envelope['key_version']}",
            code="message.forged_signature",
        )
    digest = crypto.sha256(crypto.canonical(data.model_dump(mode="json")))
    previous = find_previous(
        session, sender=principal.bureau, idempotency_key=envelope["idempotency_key"], digest=digest
    )
    if previous is not None:
        return previous, False
    _check_fresh(envelope)
    ciphertext = _decode(data.ciphertext_base64, "ciphertext_base64")
    if crypto.sha256(ciphertext) != envelope["content_sha256"]:
        raise MessageRefused(
            "the ciphertext is not the one the envelope signs (content_sha256 differs)",
            code="message.tampered_ciphertext",
        )
    recipients = _recipients(session, envelope, principal.bureau)
    if envelope["in_reply_to"]:
        parent_id = str(envelope["in_reply_to"])
        thread = thread_of(session, principal=principal, tools=tools, parent_id=parent_id)
        if envelope["thread_id"] != thread.thread_id:
            raise MessageRefused(
                f"a reply's thread_id must be its parent's ({thread.thread_id})",
                code="message.bad_envelope",
            )
        # Signed by the bureau, so refused rather than raised as a server-mode reply is.
        handling = HandlingCode(envelope["handling_code"])
        check_reply(thread, handling=handling, recipients=recipients)
    elif envelope["thread_id"] not in (None, envelope["id"]):
        raise MessageRefused(
            "a message that replies to none starts its own thread: thread_id null or its id",
            code="message.bad_envelope",
        )
    if set(data.sealed_keys) != set(recipients):
        raise MessageRefused(
            "sealed_keys must hold exactly one sealed data key per recipient: "
            f"{', '.join(recipients)}",
            code="message.sealed_keys_mismatch",
        )
    limit = tools.settings.messaging_attachment_max_bytes * (
        tools.settings.messaging_attachments_max + 1
    )
    if len(ciphertext) > limit:
        raise MessageRefused(f"ciphertext over {limit} bytes", code="message.too_large")
    row = {
        "id": envelope["id"],
        "created_at": utcnow(),
        "sender_bureau": principal.bureau,
        "sender_user_id": principal.user_id,
        "sender_username": principal.username,
        "idempotency_key": envelope["idempotency_key"],
        "request_digest": digest,
        "mode": Mode.E2E.value,
        "priority": envelope["priority"],
        "handling_code": envelope["handling_code"],
        "language": envelope["language"],
        "thread_id": envelope["thread_id"] or envelope["id"],
        "in_reply_to": envelope["in_reply_to"],
        "forwarded_from": None,
        "addressed": {"bureaus": recipients},
        "envelope": data.envelope,
        "signature": data.signature,
        "key_version": envelope["key_version"],
        "ciphertext": ciphertext,
        "wrapped_key": None,
        "terms": "",
    }
    sealed = {
        code: _decode(value, f"sealed_keys.{code}") for code, value in data.sealed_keys.items()
    }
    [message] = persist(
        session, principal=principal, tools=tools, prepared=[Prepared(row, [], sealed)]
    )
    return message, True


def _parse(text: str) -> dict[str, Any]:
    try:
        envelope = json.loads(text)
    except ValueError as error:
        raise MessageRefused("the envelope is not JSON", code="message.bad_envelope") from error
    if not isinstance(envelope, dict) or set(envelope) != FIELDS:
        raise MessageRefused(
            f"the envelope must have exactly these fields: {', '.join(sorted(FIELDS))}",
            code="message.bad_envelope",
        )
    if crypto.canonical(envelope).decode() != text:
        raise MessageRefused(
            "the envelope must be canonical JSON (sorted keys, no spaces, UTF-8)",
            code="message.bad_envelope",
        )
    try:
        Priority(envelope["priority"]), HandlingCode(envelope["handling_code"])
        ok = envelope["mode"] == Mode.E2E.value and envelope["v"] == 1
    except ValueError:
        ok = False
    if not ok or envelope["id"] != message_id(envelope["sender"], str(envelope["idempotency_key"])):
        raise MessageRefused(
            "the envelope's v, mode, priority, handling_code or id is invalid",
            code="message.bad_envelope",
        )
    return envelope


def _check_fresh(envelope: dict[str, Any]) -> None:
    try:
        signed_at = datetime.fromisoformat(envelope["signed_at"])
    except (TypeError, ValueError) as error:
        raise MessageRefused(
            "signed_at is not an ISO 8601 time", code="message.bad_envelope"
        ) from error
    if signed_at.tzinfo is None or abs(utcnow() - signed_at) > FRESH_FOR:
        raise MessageRefused(
            f"the envelope was signed at {envelope['signed_at']}, more than "
            f"{int(FRESH_FOR.total_seconds() // 60)} minutes from now: refused as a replay",
            code="message.replayed",
        )


def _recipients(session: Session, envelope: dict[str, Any], sender: str) -> list[str]:
    named = envelope["recipients"]
    if not isinstance(named, list) or named != sorted(set(named)):
        raise MessageRefused(
            "recipients must be sorted, distinct bureau codes", code="message.bad_envelope"
        )
    recipients = expand(
        Addressees(bureaus=named), sender=sender, handling=HandlingCode(envelope["handling_code"])
    )
    if recipients != named:
        raise MessageRefused("a bureau cannot address itself", code="message.bad_envelope")
    missing = [code for code in recipients if _box_key(session, code) is None]
    if missing:
        raise MessageRefused(
            f"bureau(s) {', '.join(missing)} have no end-to-end key registered",
            code="message.recipient_without_e2e_key",
            missing=missing,
        )
    return recipients


def _box_key(session: Session, bureau: str) -> str | None:
    key = keys.active(session, bureau)
    return key.box_public if key is not None else None


def _decode(value: str, field: str) -> bytes:
    try:
        return crypto.unb64(value)
    except (binascii.Error, ValueError) as error:
        raise MessageRefused(f"{field} is not valid base64", code="message.bad_encoding") from error
