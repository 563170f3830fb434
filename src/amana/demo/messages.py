"""Demo messages: a short thread between the French and Egyptian bureaus and an urgent message,
sent through the messaging service (signed, encrypted, receipted and audited like any other).

Each has a fixed idempotency key, so seeding again sends nothing: the service answers a retry
with the message stored the first time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from amana.auth.service import principal_of
from amana.core.config import Settings
from amana.core.principal import Principal
from amana.messaging import crypto, service
from amana.messaging.keys import KeyRing
from amana.messaging.schemas import MessageCreate
from amana.messaging.store import Tools
from amana.users import service as users

LORRY = {
    "to": {"bureaus": ["EG"]},
    "subject": "Stolen lorry heading for Port Said",
    "body": "The lorry AB-123-CD (white Renault T480) left Marseille on Monday with forged "
    "export papers; we believe it will be shipped from Port Said. Can you check the port's "
    "manifests for this week?",
    "references": [{"kind": "case", "ref": "FR-2026-0412"}],
    "idempotency_key": "demo-fr-eg-lorry",
}
REPLY = {
    "to": {"bureaus": ["FR"]},
    "subject": "Re: Stolen lorry heading for Port Said",
    "body": "Found in the manifest of the MV Nour, due to sail on Thursday. Port police are "
    "holding the container; please send the theft report.",
    "references": [{"kind": "case", "ref": "FR-2026-0412"}],
    "idempotency_key": "demo-eg-fr-lorry-reply",
}
URGENT = {
    "to": {"bureaus": ["EG"]},
    "subject": "Wanted person boarding flight MS 800 to Cairo tonight",
    "body": "Yuriy Shcherbakov (Red notice) is booked on MS 800 Paris-Cairo, arriving 23:40. "
    "Please confirm you can meet the flight.",
    "priority": "urgent",
    "handling_code": "no_further_dissemination",
    "references": [{"kind": "notice", "ref": "Shcherbakov"}],
    "idempotency_key": "demo-fr-eg-urgent-ms800",
}


def demo_tools(settings: Settings) -> Tools:
    """The messaging tools of a process that only seeds: the same keys as the server (from the
    same settings); the server's backbone picks the messages up from the store."""
    vault = crypto.Vault.from_settings(settings)
    return Tools(
        settings=settings,
        vault=vault,
        keys=KeyRing(vault),
        announce=lambda _event: None,
        relayed_on_insert=settings.messaging_backbone != "nats",
    )


def _principal(session: Session, username: str) -> Principal:
    user = users.get_by_username(session, username=username)
    assert user is not None, f"demo user {username} is seeded first"
    return principal_of(user)


def seed_messages(session: Session, tools: Tools) -> int:
    """Send the demo messages; returns how many were new (0 when already there)."""
    fr = _principal(session, "fr.operator")
    eg = _principal(session, "eg.operator")

    def send(by: Principal, body: dict[str, Any]) -> tuple[str, bool]:
        data = MessageCreate.model_validate({"language": "en", **body})
        message, created = service.send(session, principal=by, tools=tools, data=data)
        return message.id, created

    lorry, first = send(fr, LORRY)
    _, reply = send(eg, {**REPLY, "in_reply_to": lorry})
    _, urgent = send(fr, URGENT)
    return sum((first, reply, urgent))
