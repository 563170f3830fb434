"""API shapes of organisations (companies, criminal groups, NGOs) and vessels.

Identifiers are checked here, at the edge, by the engine's own rules (``matching.
org_identifiers``: IMO, LEI and BIC check digits, MMSI structure), so a 422 names the field and
what is stored is always what screening compares. A name's script is detected, not asked for.
"""

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
from amana.matching.org_identifiers import IMO, MMSI, InvalidIdentifier, key
from amana.records.schemas import Country, Name, RecordRead, VisibilityIn
from amana.records.vocab import (
    OrganisationIdentifierKind,
    OrganisationKind,
    OrganisationStatus,
    VesselStatus,
    VesselType,
)

_INPUT = ConfigDict(extra="forbid")


def _checked(kind: str) -> AfterValidator:
    def check(value: str) -> str:
        try:
            return key(kind, value)
        except InvalidIdentifier as error:
            raise ValueError(str(error)) from None

    return AfterValidator(check)


Imo = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20), _checked(IMO)]
Mmsi = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20), _checked(MMSI)]
LegalFormText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)
]


class EntityNameIn(BaseModel):
    model_config = _INPUT

    name: Name


class EntityNameRead(BaseModel):
    name: str
    script: str = Field(description="ISO 15924 code, detected from the name")


class OrganisationIdentifierIn(BaseModel):
    model_config = _INPUT

    kind: OrganisationIdentifierKind
    value: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]

    @model_validator(mode="after")
    def _valid_for_its_kind(self) -> Self:
        try:
            key(self.kind.value, self.value)
        except InvalidIdentifier as error:
            raise ValueError(str(error)) from None
        return self


class OrganisationIdentifierRead(BaseModel):
    kind: OrganisationIdentifierKind
    value: str


class _OrganisationFields(BaseModel):
    model_config = _INPUT

    legal_form: LegalFormText | None = Field(
        default=None, description="As registered (OOO, GmbH, ذ.م.م); also read from the names"
    )
    country: Country | None = Field(default=None, description="Of registration, ISO 3166-1")


class OrganisationCreate(_OrganisationFields):
    names: list[EntityNameIn] = Field(min_length=1, max_length=50)
    org_kind: OrganisationKind
    identifiers: list[OrganisationIdentifierIn] = Field(default_factory=list, max_length=20)
    status: OrganisationStatus
    visibility: VisibilityIn | None = None


class OrganisationUpdate(_OrganisationFields, Patch):
    required_fields: ClassVar[tuple[str, ...]] = ("org_kind", "status", "visibility")
    names: list[EntityNameIn] | None = Field(default=None, min_length=1, max_length=50)
    org_kind: OrganisationKind | None = None
    identifiers: list[OrganisationIdentifierIn] | None = Field(default=None, max_length=20)
    status: OrganisationStatus | None = None
    visibility: VisibilityIn | None = None


class OrganisationRead(RecordRead):
    names: list[EntityNameRead]
    org_kind: OrganisationKind
    legal_form: str | None
    country: str | None
    identifiers: list[OrganisationIdentifierRead]
    status: OrganisationStatus


class OrganisationPage(BaseModel):
    items: list[OrganisationRead]
    total: int
    page: int
    per_page: int


class _VesselFields(BaseModel):
    model_config = _INPUT

    imo: Imo | None = Field(default=None, description="IMO number, with or without 'IMO'")
    mmsi: Mmsi | None = None
    flag: Country | None = Field(default=None, description="Flag state, ISO 3166-1")


class VesselCreate(_VesselFields):
    names: list[EntityNameIn] = Field(min_length=1, max_length=50, description="Current first")
    vessel_type: VesselType
    status: VesselStatus
    visibility: VisibilityIn | None = None


class VesselUpdate(_VesselFields, Patch):
    required_fields: ClassVar[tuple[str, ...]] = ("vessel_type", "status", "visibility")
    names: list[EntityNameIn] | None = Field(default=None, min_length=1, max_length=50)
    vessel_type: VesselType | None = None
    status: VesselStatus | None = None
    visibility: VisibilityIn | None = None


class VesselRead(RecordRead):
    names: list[EntityNameRead]
    imo: str | None
    mmsi: str | None
    flag: str | None
    vessel_type: VesselType
    status: VesselStatus


class VesselPage(BaseModel):
    items: list[VesselRead]
    total: int
    page: int
    per_page: int
