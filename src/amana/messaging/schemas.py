from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Code = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=2, max_length=3)
]
IdempotencyKey = Annotated[str, StringConstraints(min_length=8, max_length=128)]
MessageId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class Priority(StrEnum):
    URGENT = "urgent"
    ROUTINE = "routine"


class HandlingCode(StrEnum):
    """Who may see a message and whether it may be passed on, loosest first."""

    POLICE_ONLY = "police_only"
    NO_FURTHER_DISSEMINATION = "no_further_dissemination"
    NAMED_RECIPIENTS_ONLY = "named_recipients_only"


class Mode(StrEnum):
    SERVER = "server"
    E2E = "e2e"


class Status(StrEnum):
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    ACKNOWLEDGED = "acknowledged"


class ReferenceKind(StrEnum):
    CASE = "case"
    NOTICE = "notice"
    RECORD = "record"


class Addressees(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bureaus: list[Code] = Field(default_factory=list, max_length=200)
    regions: list[str] = Field(default_factory=list, max_length=6)
    all_members: bool = False
    secretariat: bool = False


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ReferenceKind
    ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class AttachmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filename: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    content_type: Annotated[str, StringConstraints(min_length=3, max_length=100)]
    content_base64: str


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: Addressees
    subject: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    body: Annotated[str, StringConstraints(max_length=200_000)]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "en"
    priority: Priority = Priority.ROUTINE
    handling_code: HandlingCode = HandlingCode.POLICE_ONLY
    references: list[Reference] = Field(default_factory=list, max_length=50)
    in_reply_to: MessageId | None = None
    attachments: list[AttachmentCreate] = Field(default_factory=list)
    idempotency_key: IdempotencyKey = Field(
        description="Chosen by the sender; a retried send with the same key returns the first "
        "message instead of creating another"
    )


class MessageBatch(BaseModel):
    """Many messages in one request and one transaction: all are stored, or none."""

    model_config = ConfigDict(extra="forbid")

    messages: list[MessageCreate] = Field(min_length=1, max_length=1000)


class ForwardCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: Addressees
    note: Annotated[str, StringConstraints(max_length=20_000)] = ""
    idempotency_key: IdempotencyKey


class E2EMessageCreate(BaseModel):
    """A message encrypted and signed by the sending bureau's own system: the server relays
    ciphertext and checks the signature, and can read nothing."""

    model_config = ConfigDict(extra="forbid")

    envelope: str = Field(description="Canonical JSON, as signed (see GET /messages/keys)")
    signature: str
    ciphertext_base64: str
    sealed_keys: dict[Code, str] = Field(description="Per recipient bureau: the sealed data key")


class AttachmentMeta(BaseModel):
    position: int
    filename: str
    content_type: str
    size: int
    sha256: str


class Receipt(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    bureau: str
    status: Status
    delivered_at: datetime | None
    read_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None


class MessageSummary(BaseModel):
    id: str
    seq: int
    created_at: datetime
    sender_bureau: str
    sender_username: str
    mode: Mode
    priority: Priority
    handling_code: HandlingCode
    language: str
    thread_id: str
    in_reply_to: str | None
    forwarded_from: str | None
    recipients: list[str]
    subject: str | None = Field(description="None in end-to-end mode: the server cannot read it")
    status: Status | None = Field(default=None, description="Your bureau's receipt, if addressee")
    escalated_at: datetime | None


class MessageRead(MessageSummary):
    body: str | None
    references: list[Reference]
    attachments: list[AttachmentMeta]
    envelope: str = Field(description="The signed canonical envelope")
    signature: str
    key_version: int
    content: str | None = Field(description="Canonical content; its SHA-256 is in the envelope")
    ciphertext_base64: str | None = None
    sealed_key: str | None = None
    receipts: list[Receipt] | None = Field(default=None, description="For the sender only")


class BatchResult(BaseModel):
    items: list[MessageSummary]
    created: int = Field(description="How many were new (the others were retries)")


class MessagePage(BaseModel):
    items: list[MessageSummary]
    total: int
    page: int
    per_page: int


class KeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    bureau: str
    version: int
    custody: str
    sign_public: str
    box_public: str | None
    created_at: datetime
    retired_at: datetime | None


class KeyRegister(BaseModel):
    """Public keys of a bureau's own system, for end-to-end mode (it keeps the secrets)."""

    model_config = ConfigDict(extra="forbid")

    sign_public: str
    box_public: str
