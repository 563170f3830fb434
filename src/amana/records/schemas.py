"""API shapes shared by every record type, and those of persons, documents and MRZs.

Limits and vocabularies are checked here, at the edge, so a 422 names the field; rules that need
the store (known bureaus, the issuing-country rule, duplicates) are checked by the services.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from amana.core.patch import Patch
from amana.core.visibility import Visibility
from amana.records.validation import country_code, identifier, partial_date
from amana.records.vocab import (
    CrimeCategory,
    DocStatus,
    DocType,
    IdentifierKind,
    NameKind,
    PersonStatus,
    Sex,
)


def _text(max_length: int) -> Any:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Name = Annotated[str, _text(300)]
Short = Annotated[str, _text(60)]
Reference = Annotated[str, _text(500)]
Number = Annotated[str, _text(64), AfterValidator(identifier)]
LongText = Annotated[str, _text(10_000)]
Country = Annotated[str, StringConstraints(max_length=3), AfterValidator(country_code)]
PartialDate = Annotated[str, StringConstraints(max_length=10), AfterValidator(partial_date)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
BureauCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=2, max_length=2)
]

_INPUT = ConfigDict(extra="forbid")
_PRIMARY = NameKind.PRIMARY.value  # looked up once: enum attribute access is slow in bulk


def _no_repeats(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class VisibilityIn(BaseModel):
    model_config = _INPUT

    rule: Visibility
    bureaus: list[BureauCode] = Field(default_factory=list, max_length=200)


class VisibilityRead(BaseModel):
    rule: Visibility
    bureaus: list[str] | None = Field(
        description="The bureaus the rule names; shown to the owner bureau only (who is "
        "excluded or chosen is the owner's business), null for everyone else"
    )


class RecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_bureau: str
    visibility: VisibilityRead
    created_at: datetime
    updated_at: datetime
    created_by: int | None


class PersonNameIn(BaseModel):
    model_config = _INPUT

    full_name: Name
    kind: NameKind = NameKind.PRIMARY
    language: Language | None = Field(default=None, description="ISO 639 code, e.g. ar")


class PersonIdentifierIn(BaseModel):
    model_config = _INPUT

    kind: IdentifierKind
    number: Number
    country: Country | None = None


class _PersonFields(BaseModel):
    model_config = _INPUT

    sex: Sex | None = None
    place_of_birth: Annotated[str, _text(200)] | None = None
    distinguishing_marks: Annotated[str, _text(2000)] | None = None

    @field_validator("names", check_fields=False)
    @classmethod
    def _has_primary(cls, names: list[PersonNameIn] | None) -> list[PersonNameIn] | None:
        if names is not None and not any(n.kind == _PRIMARY for n in names):
            raise ValueError("at least one name must be of kind 'primary'")
        return names


class PersonCreate(_PersonFields):
    status: PersonStatus
    names: list[PersonNameIn] = Field(min_length=1, max_length=50)
    dates_of_birth: list[PartialDate] = Field(default_factory=list, max_length=10)
    nationalities: list[Country] = Field(default_factory=list, max_length=10)
    crime_categories: list[CrimeCategory] = Field(default_factory=list, max_length=19)
    photo_refs: list[Reference] = Field(default_factory=list, max_length=20)
    identifiers: list[PersonIdentifierIn] = Field(default_factory=list, max_length=20)
    visibility: VisibilityIn | None = Field(
        default=None, description="Omitted: the owner bureau's default sharing rule"
    )

    unique_values = field_validator(
        "dates_of_birth", "nationalities", "crime_categories", "photo_refs"
    )(_no_repeats)


class PersonUpdate(_PersonFields, Patch):
    """Only the fields sent change; a list sent replaces the stored list."""

    required_fields: ClassVar[tuple[str, ...]] = ("status", "names", "visibility")

    status: PersonStatus | None = None
    names: list[PersonNameIn] | None = Field(default=None, min_length=1, max_length=50)
    dates_of_birth: list[PartialDate] | None = Field(default=None, max_length=10)
    nationalities: list[Country] | None = Field(default=None, max_length=10)
    crime_categories: list[CrimeCategory] | None = Field(default=None, max_length=19)
    photo_refs: list[Reference] | None = Field(default=None, max_length=20)
    identifiers: list[PersonIdentifierIn] | None = Field(default=None, max_length=20)
    visibility: VisibilityIn | None = None

    unique_values = field_validator(
        "dates_of_birth", "nationalities", "crime_categories", "photo_refs"
    )(_no_repeats)


class PersonNameRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    full_name: str
    kind: NameKind
    script: str
    language: str | None


class PersonIdentifierRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: IdentifierKind
    number: str
    country: str | None


class PersonRead(RecordRead):
    status: PersonStatus
    sex: Sex | None
    names: list[PersonNameRead]
    dates_of_birth: list[str]
    place_of_birth: str | None
    nationalities: list[str]
    distinguishing_marks: str | None
    crime_categories: list[CrimeCategory]
    photo_refs: list[str]
    identifiers: list[PersonIdentifierRead]


class PersonPage(BaseModel):
    items: list[PersonRead]
    total: int
    page: int
    per_page: int


def _not_future(value: date) -> date:
    if value > date.today():
        raise ValueError(f"{value.isoformat()} is in the future")
    return value


class _DocumentFields(BaseModel):
    model_config = _INPUT

    holder_name: Name | None = None
    holder_dob: PartialDate | None = None


class TravelDocumentCreate(_DocumentFields):
    number: Number
    doc_type: DocType
    issuing_country: Country = Field(
        description="Must be the owner bureau's country: only the issuing country reports its "
        "documents (as in INTERPOL's SLTD database)"
    )
    status: DocStatus
    reported_on: Annotated[date, AfterValidator(_not_future)] = Field(default_factory=date.today)
    visibility: VisibilityIn | None = None


class TravelDocumentUpdate(_DocumentFields, Patch):
    required_fields: ClassVar[tuple[str, ...]] = (
        "number", "doc_type", "status", "reported_on", "visibility",
    )  # fmt: skip

    number: Number | None = None
    doc_type: DocType | None = None
    status: DocStatus | None = None
    reported_on: Annotated[date, AfterValidator(_not_future)] | None = None
    visibility: VisibilityIn | None = None


class TravelDocumentRead(RecordRead):
    number: str
    doc_type: DocType
    issuing_country: str
    status: DocStatus
    reported_on: date
    holder_name: str | None
    holder_dob: str | None


class TravelDocumentPage(BaseModel):
    items: list[TravelDocumentRead]
    total: int
    page: int
    per_page: int


class MrzRequest(BaseModel):
    model_config = _INPUT

    mrz: str = Field(min_length=1, max_length=400, description="2 or 3 lines, as printed")


class MrzRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    format: str
    document_code: str
    document_type: str
    issuing_state: str
    issuing_country: str | None
    number: str
    surname: str
    given_names: str
    full_name: str
    nationality_code: str
    nationality: str | None
    date_of_birth: str | None
    sex: str
    expiry: date | None
    optional_data: str


class RowRejection(BaseModel):
    row: int = Field(description="1-based: the line of a JSON Lines file, the data row of a CSV")
    reasons: list[str]


class ImportReport(BaseModel):
    kind: str
    format: str
    partial: bool
    received: int = Field(description="Rows read (entities of other FtM schemas not counted)")
    created: int
    skipped: int = Field(description="FtM entities of other schemas than Person")
    rejected_count: int
    rejected: list[RowRejection] = Field(description="The first 1,000 rejected rows")
    seconds: float
