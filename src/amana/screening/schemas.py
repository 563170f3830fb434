from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from amana.screening.flags import NoticeFlag

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Country = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=2, max_length=2)
]
PartialDate = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class PersonScreen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[Name] = Field(min_length=1, max_length=10, description="In any script")
    dob: PartialDate | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    nationality: Country | None = None
    sex: Sex | None = None
    identifiers: list[Identifier] = Field(default_factory=list, max_length=10)
    limit: int = Field(default=10, ge=1, le=100)
    threshold: float | None = Field(default=None, ge=0.5, le=1.0)


class Traveller(PersonScreen):
    ref: Annotated[str, StringConstraints(max_length=64)] = Field(
        description="The caller's own reference for this traveller (e.g. a seat or row number)"
    )
    document_number: Identifier | None = None
    document_country: Country | None = None


class BatchScreen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    travellers: list[Traveller] = Field(min_length=1)


class DocumentScreen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: Identifier | None = None
    country: Country | None = Field(default=None, description="Issuing country, if known")
    mrz: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="The raw machine-readable zone, 2 or 3 lines"
    )


class VehicleScreen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vin: Identifier | None = None
    plate: Identifier | None = None
    plate_country: Country | None = None


class Reason(BaseModel):
    feature: str
    how: str
    detail: str


class PersonHit(BaseModel):
    record_kind: str = "person"
    record_id: int
    score: float
    matched_name: str
    explanation: list[Reason]
    owner_bureau: str
    names: list[str]
    dates_of_birth: list[str]
    nationalities: list[str]
    sex: str | None
    status: str
    hit_id: int | None = Field(default=None, description="Set when the owner was notified")
    notices: list[NoticeFlag] = Field(
        default_factory=list,
        description="Published notices on this person: type and the action requested",
    )


class RecordHit(BaseModel):
    record_kind: str
    record_id: int
    score: float
    how: str
    owner_bureau: str
    summary: dict[str, Any]
    hit_id: int | None = None


class PersonResult(BaseModel):
    hits: list[PersonHit]
    threshold: float


class TravellerResult(BaseModel):
    ref: str
    hits: list[PersonHit | RecordHit]


class BatchResult(BaseModel):
    results: list[TravellerResult]
    travellers: int
    with_hits: int


class RecordResult(BaseModel):
    hits: list[RecordHit]
    parsed_mrz: dict[str, Any] | None = None


class HitStatus(StrEnum):
    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not_confirmed"


class HitAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: HitStatus
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class HitRead(BaseModel):
    """A hit as the reading bureau may see it now (built by ``screening.hits.read`` only).

    While the owner shares the record with the reader, everything; once it no longer does
    (hidden from the reader, or deleted), ``shared`` is false and what came from the record
    (``record_id``, ``score``, ``explanation``, ``display_name``, ``answer_note``) is null: the
    reader keeps its own trail of the search and of the answer's state."""

    id: int
    created_at: datetime = Field(description="The first search that found it")
    last_searched_at: datetime = Field(description="The latest search that found it again")
    search_count: int = Field(description="Searches by the searching bureau counted on this hit")
    record_kind: str
    record_id: int | None
    owner_bureau: str
    searching_bureau: str
    searched_by_username: str
    shared: bool = Field(description="False once the owner no longer shares the record with you")
    display_name: str | None = Field(
        description="The person's name (a document's number, a vehicle's plate or VIN)"
    )
    score: float | None
    query: dict[str, Any]
    explanation: str | None
    status: str
    answered_by_username: str | None
    answered_at: datetime | None
    answer_note: str | None


class HitPage(BaseModel):
    items: list[HitRead]
    total: int
    page: int
    per_page: int
