"""What organisation and vessel screening asks and answers."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from amana.records.entity_schemas import Imo, Mmsi
from amana.records.schemas import Country
from amana.screening.schemas import Name, Reason, RecordHit

IdentifierValue = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
]


class IdentifierAsked(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Annotated[str, StringConstraints(pattern="^(lei|bic|registration|imo|mmsi)$")] | None = (
        Field(default=None, description="lei, bic, registration, imo or mmsi; guessed if absent")
    )
    value: IdentifierValue


class _Screen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[Name] = Field(
        default_factory=list, max_length=10, description="In any script, legal form included"
    )
    limit: int = Field(default=10, ge=1, le=100)
    threshold: float | None = Field(default=None, ge=0.5, le=1.0)


class OrganisationScreen(_Screen):
    """A name, an identifier or both."""

    country: Country | None = Field(default=None, description="Of registration, ISO 3166-1")
    identifiers: list[IdentifierAsked] = Field(default_factory=list, max_length=10)


class VesselScreen(_Screen):
    """A name, an IMO number, an MMSI, or any of them together."""

    imo: Imo | None = Field(default=None, description="With or without 'IMO'; check digit valid")
    mmsi: Mmsi | None = None
    flag: Country | None = None


class EntityHit(RecordHit):
    matched_name: str
    explanation: list[Reason]
    summary: dict[str, Any]


class EntityResult(BaseModel):
    hits: list[EntityHit]
    threshold: float
