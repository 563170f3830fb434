from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, field_validator

from amana.core.patch import Patch
from amana.core.principal import Role

Username = Annotated[
    str,
    StringConstraints(min_length=3, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]*$"),
]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
BureauCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=2, max_length=2)
]
Password = Annotated[SecretStr, Field(min_length=1, max_length=256)]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    display_name: DisplayName
    bureau: BureauCode

    @field_validator("username", mode="before")
    @classmethod
    def _fold_username(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    roles: list[Role] = Field(min_length=1, max_length=5)
    password: Password | None = Field(
        default=None, description="Omit for a machine client that uses API tokens only"
    )


class UserUpdate(Patch):
    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    roles: list[Role] | None = Field(default=None, min_length=1, max_length=5)
    disabled: bool | None = None
    password: Password | None = None
    current_password: Password | None = Field(
        default=None, description="Required to change your own password"
    )
    unlock: bool | None = Field(default=None, description="Clear a login lockout")


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    bureau: str
    roles: list[Role]
    disabled: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime


class UserPage(BaseModel):
    items: list[UserRead]
    total: int
    page: int
    per_page: int
