"""API shapes of the object databases: vehicles, firearms and works of art."""

from __future__ import annotations

from typing import Annotated, ClassVar, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from amana.core.patch import Patch
from amana.records.schemas import (
    Country,
    LongText,
    Name,
    Number,
    RecordRead,
    Reference,
    Short,
    VisibilityIn,
)
from amana.records.validation import identifier, vehicle_year
from amana.records.vin import normalise_vin
from amana.records.vocab import ArtworkStatus, FirearmStatus, FirearmType, VehicleStatus

_INPUT = ConfigDict(extra="forbid")
Vin = Annotated[str, StringConstraints(max_length=40), AfterValidator(normalise_vin)]
Plate = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20),
    AfterValidator(identifier),
]
Colour = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Year = Annotated[int, AfterValidator(vehicle_year)]


class _VehicleFields(BaseModel):
    model_config = _INPUT

    vin: Vin | None = None
    plate: Plate | None = None
    plate_country: Country | None = None
    make: Short | None = None
    model: Short | None = None
    colour: Colour | None = None
    year: Year | None = None


class VehicleCreate(_VehicleFields):
    status: VehicleStatus
    visibility: VisibilityIn | None = None

    @model_validator(mode="after")
    def _identifiable(self) -> Self:
        if not (self.vin or self.plate):
            raise ValueError("vin or plate is required: a vehicle needs at least one of them")
        return self


class VehicleUpdate(_VehicleFields, Patch):
    """Clearing vin or plate is refused when it would leave the vehicle with neither."""

    required_fields: ClassVar[tuple[str, ...]] = ("status", "visibility")
    status: VehicleStatus | None = None
    visibility: VisibilityIn | None = None


class VehicleRead(RecordRead):
    vin: str | None
    plate: str | None
    plate_country: str | None
    make: str | None
    model: str | None
    colour: str | None
    year: int | None
    status: VehicleStatus


class VehiclePage(BaseModel):
    items: list[VehicleRead]
    total: int
    page: int
    per_page: int


class _FirearmFields(BaseModel):
    model_config = _INPUT

    model: Short | None = None
    calibre: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None


class FirearmCreate(_FirearmFields):
    make: Short
    serial_number: Number
    firearm_type: FirearmType
    status: FirearmStatus
    visibility: VisibilityIn | None = None


class FirearmUpdate(_FirearmFields, Patch):
    required_fields: ClassVar[tuple[str, ...]] = (
        "make", "serial_number", "firearm_type", "status", "visibility",
    )  # fmt: skip
    make: Short | None = None
    serial_number: Number | None = None
    firearm_type: FirearmType | None = None
    status: FirearmStatus | None = None
    visibility: VisibilityIn | None = None


class FirearmRead(RecordRead):
    make: str
    model: str | None
    serial_number: str
    calibre: str | None
    firearm_type: FirearmType
    status: FirearmStatus


class FirearmPage(BaseModel):
    items: list[FirearmRead]
    total: int
    page: int
    per_page: int


class _ArtworkFields(BaseModel):
    model_config = _INPUT

    creator: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    dimensions: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = (
        None
    )


class ArtworkCreate(_ArtworkFields):
    title: Name
    object_type: Short = Field(description="e.g. painting, sculpture, manuscript, coin")
    description: LongText
    image_refs: list[Reference] = Field(default_factory=list, max_length=20)
    status: ArtworkStatus
    visibility: VisibilityIn | None = None


class ArtworkUpdate(_ArtworkFields, Patch):
    required_fields: ClassVar[tuple[str, ...]] = (
        "title", "object_type", "description", "image_refs", "status", "visibility",
    )  # fmt: skip
    title: Name | None = None
    object_type: Short | None = None
    description: LongText | None = None
    image_refs: list[Reference] | None = Field(default=None, max_length=20)
    status: ArtworkStatus | None = None
    visibility: VisibilityIn | None = None


class ArtworkRead(RecordRead):
    title: str
    creator: str | None
    object_type: str
    description: str
    dimensions: str | None
    image_refs: list[str]
    status: ArtworkStatus


class ArtworkPage(BaseModel):
    items: list[ArtworkRead]
    total: int
    page: int
    per_page: int
