"""What travels on the backbone: a small notice that a message exists (never its content), or
that a receipt changed. Clients fetch the message itself through the API, where reads are
audited."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

MESSAGE, RECEIPT, ESCALATION = "message", "receipt", "escalation"


@dataclass(frozen=True)
class Event:
    kind: str
    message_id: str
    seq: int
    sender: str
    bureaus: tuple[str, ...]
    """Bureaus to push to: the recipients of a message; the sender (and the secretariat) for
    receipts and escalations."""
    priority: str
    handling_code: str
    created_at: str
    detail: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Event:
        data = json.loads(raw)
        data["bureaus"] = tuple(data["bureaus"])
        return cls(**data)

    def public(self) -> dict[str, object]:
        """What a connected client sees (the routing list stays on the server)."""
        shown = asdict(self)
        shown.pop("bureaus")
        return shown
