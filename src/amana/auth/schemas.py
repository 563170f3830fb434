from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints

from amana.core.principal import Role


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    password: Annotated[SecretStr, Field(min_length=1, max_length=256)]


class TokenIssued(BaseModel):
    """The secret is shown once, here; only its digest is stored."""

    id: int
    token: str
    token_type: str = "bearer"  # noqa: S105
    kind: str
    name: str
    expires_at: datetime


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: int | None = Field(default=None, description="Defaults to the caller")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    days: int | None = Field(default=None, ge=1, le=3650)


class TokenRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    kind: str
    name: str
    hint: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class Me(BaseModel):
    user_id: int
    username: str
    bureau: str
    roles: list[Role]
    permissions: list[str]
