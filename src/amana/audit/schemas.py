from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AuditEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    at: datetime
    actor_user_id: int | None
    actor_username: str | None
    actor_bureau: str | None
    action: str
    outcome: str
    target_kind: str | None
    target_ids: list[Any]
    query: dict[str, Any]
    detail: str | None
    request_id: str | None
    client_ip: str | None
    entry_hash: str


class AuditPage(BaseModel):
    items: list[AuditEntryRead]
    total: int
    page: int
    per_page: int


class CheckpointRead(BaseModel):
    seq: int
    hash: str
    at: str


class VerifyReport(BaseModel):
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problems: list[str]
    checkpoint: CheckpointRead | None = Field(
        default=None,
        description="The latest signed checkpoint the chain was held against; none: a deleted "
        "tail could not be detected",
    )
    checkpoint_written: CheckpointRead | None = Field(
        default=None, description="The checkpoint of the intact head this verify wrote"
    )
    checkpoints_file: str | None = None
