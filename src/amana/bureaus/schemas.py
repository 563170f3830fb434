from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from amana.core.visibility import Visibility

BureauCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, min_length=2, max_length=2),
]


class BureauRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    alpha3: str
    numeric: str | None
    name_en: str
    name_fr: str
    name_es: str
    name_ar: str
    region: str
    default_visibility: Visibility
    default_visibility_list: list[str]


class BureauPage(BaseModel):
    items: list[BureauRead]
    total: int


class SharingUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_visibility: Visibility
    bureaus: list[BureauCode] = Field(
        default_factory=list,
        max_length=200,
        description="Bureaus named by an 'only' or 'except' rule (ISO 3166-1 alpha-2)",
    )
