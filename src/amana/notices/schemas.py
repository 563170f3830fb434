"""API shapes of notices and diffusions.

Content parts are optional at the edge so a bureau can save an incomplete draft; what each type
must carry is checked by ``compliance`` before submission, with a readable reason per rule.
Shapes and limits (lengths, codes, dates not in the future) are checked here, so a 422 names the
field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from amana.core.params import RecordId
from amana.core.patch import Patch
from amana.notices.descriptors import EyeCode, HairCode, LanguageCode
from amana.notices.vocab import (
    ActionRequested,
    AttachmentKind,
    CancelReason,
    CheckOutcome,
    Language,
    LinkKind,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    ReviewDecision,
    ReviewReason,
)
from amana.records.schemas import BureauCode, Country, LongText, Name, PartialDate, Short
from amana.records.vocab import CrimeCategory

_INPUT = ConfigDict(extra="forbid")
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


def _not_future(value: date) -> date:
    if value > date.today():
        raise ValueError(f"{value.isoformat()} is in the future")
    return value


PastDate = Annotated[date, AfterValidator(_not_future)]


class Subject(BaseModel):
    """The person the notice is about, as the notice states it (INTERPOL's name/forename split:
    a mononym has no forename)."""

    model_config = _INPUT

    family_name: Name | None = None
    forename: Name | None = None
    name_in_original_script: Name | None = None
    forename_in_original_script: Name | None = None
    birth_name: Name | None = None
    aliases: list[Name] = Field(default_factory=list, max_length=20)
    sex: Literal["M", "F", "U"] | None = None
    date_of_birth: PartialDate | None = None
    place_of_birth: Text200 | None = None
    country_of_birth: Country | None = None
    nationalities: list[Country] = Field(default_factory=list, max_length=10)
    height_m: float | None = Field(default=None, ge=0, le=3)
    weight_kg: float | None = Field(default=None, ge=0, le=500)
    eye_colours: list[EyeCode] = Field(
        default_factory=list, max_length=5, description="INTERPOL's codes, e.g. BRO, BROH, OTHD"
    )
    hair_colours: list[HairCode] = Field(
        default_factory=list, max_length=5, description="INTERPOL's codes, e.g. BLA, GRY, YELB"
    )
    distinguishing_marks: Note | None = None
    languages_spoken: list[LanguageCode] = Field(
        default_factory=list,
        max_length=10,
        description="ISO 639-2 codes, kept in the bibliographic form: ENG, ARA, FRE, GER",
    )
    father_name: Name | None = None
    father_forename: Name | None = None
    mother_name: Name | None = None
    mother_forename: Name | None = None
    identity_documents: list[Text200] = Field(default_factory=list, max_length=10)
    addresses: list[Text200] = Field(default_factory=list, max_length=10)
    profession: Text200 | None = None


class Warrant(BaseModel):
    model_config = _INPUT

    kind: Literal["arrest_warrant", "judgement"]
    issuing_authority: Text200
    issued_on: PastDate
    reference: Short


class Charge(BaseModel):
    model_config = _INPUT

    charge: Note = Field(description="The offence as worded for publication")
    facts: LongText
    law: Note = Field(description="The applicable law (code and article)")
    crime_category: CrimeCategory
    charge_translation: Note | None = None


class Penalty(BaseModel):
    model_config = _INPUT

    purpose: Literal["prosecution", "sentence"]
    max_penalty_months: int | None = Field(
        default=None, ge=0, le=12_000, description="Prosecution: maximum penalty provided by law"
    )
    remaining_months: int | None = Field(
        default=None, ge=0, le=12_000, description="Sentence: what is left to serve"
    )
    life: bool = Field(default=False, description="Life imprisonment (meets any threshold)")


class Judicial(BaseModel):
    model_config = _INPUT

    warrant: Warrant | None = None
    charges: list[Charge] = Field(default_factory=list, max_length=20)
    penalty: Penalty | None = None


class Event(BaseModel):
    """Disappearance (Yellow), finding of a body (Black), or any dated event of the case."""

    model_config = _INPUT

    date: PartialDate | None = None
    place: Text200 | None = None
    country: Country | None = None
    description: Note | None = None


class Threat(BaseModel):
    model_config = _INPUT

    kind: Literal["person", "object", "event", "process"] | None = None
    description: Note | None = None


class Asset(BaseModel):
    model_config = _INPUT

    kind: Literal["property", "vehicle", "bank_account", "company", "other"]
    description: Note
    identifier: Text200 | None = Field(default=None, description="IBAN, registration number…")
    country: Country | None = None


class UnReference(BaseModel):
    model_config = _INPUT

    reference: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,4}\.\d{1,4}$")] | None = None
    reference_date: PastDate | None = None
    resolution: int | None = Field(default=None, ge=1, le=9999)
    summary: Note | None = Field(default=None, description="Public narrative summary")


class NoticeContent(BaseModel):
    """Everything the request says, stored as one document (``Notice.content``)."""

    model_config = _INPUT

    summary: LongText | None = Field(default=None, description="The facts of the case")
    subject: Subject | None = None
    judicial: Judicial | None = None
    event: Event | None = None
    threat: Threat | None = None
    modus_operandi: LongText | None = None
    assets: list[Asset] = Field(default_factory=list, max_length=50)
    un: UnReference | None = None


class LinkIn(BaseModel):
    model_config = _INPUT

    record_kind: LinkKind
    record_id: RecordId


class NoticeCreate(NoticeContent):
    kind: NoticeKind = NoticeKind.NOTICE
    notice_type: NoticeType
    language: Language = Field(description="The language the content is written in")
    links: list[LinkIn] = Field(default_factory=list, max_length=50)
    addressees: list[BureauCode] = Field(
        default_factory=list, max_length=200, description="Diffusions only: the bureaus sent to"
    )
    public_extract_consent: bool = False
    submit: bool = Field(
        default=False, description="Submit at once: if a check fails nothing is stored"
    )


class NoticeUpdate(Patch):
    """A draft's (or an info-requested request's) fields; those sent replace the stored ones."""

    model_config = _INPUT

    language: Language | None = None
    summary: LongText | None = None
    subject: Subject | None = None
    judicial: Judicial | None = None
    event: Event | None = None
    threat: Threat | None = None
    modus_operandi: LongText | None = None
    assets: list[Asset] | None = Field(default=None, max_length=50)
    un: UnReference | None = None
    links: list[LinkIn] | None = Field(default=None, max_length=50)
    addressees: list[BureauCode] | None = Field(default=None, max_length=200)
    public_extract_consent: bool | None = None


class CheckResult(BaseModel):
    rule: str
    outcome: CheckOutcome
    reason: str
    matches: list[str] = Field(default_factory=list)


class CheckReport(BaseModel):
    passed: bool = Field(description="No rule failed: the request may be submitted")
    flagged: bool = Field(description="Some wording calls for the reviewer's attention")
    results: list[CheckResult]


class ReviewIn(BaseModel):
    model_config = _INPUT

    decision: ReviewDecision
    reason: ReviewReason | None = Field(default=None, description="Required unless approving")
    note: Note | None = Field(
        default=None,
        description="Required to reject, to ask for more, or to approve a request "
        "the checks flagged",
    )


class CancelIn(BaseModel):
    model_config = _INPUT

    reason: CancelReason
    note: Note | None = None


class ConsentIn(BaseModel):
    model_config = _INPUT

    public_extract_consent: bool


class LinkRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    record_kind: str
    record_id: int


class AttachmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: AttachmentKind
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class ReviewRead(BaseModel):
    decision: ReviewDecision
    reason: ReviewReason | None
    note: str | None
    reviewed_by: str
    reviewed_at: datetime


class NoticeRead(BaseModel):
    id: int
    kind: NoticeKind
    notice_type: NoticeType
    action_requested: ActionRequested
    status: NoticeStatus
    language: Language
    requesting_bureau: str
    entity_id: str | None
    content: NoticeContent
    links: list[LinkRead]
    addressees: list[str]
    public_extract_consent: bool
    checks: list[CheckResult] | None = Field(
        description="The checks stored at submission; the requesting bureau and the secretariat"
    )
    review: ReviewRead | None = Field(
        description="The last review; the requesting bureau and the secretariat only"
    )
    attachments: list[AttachmentRead]
    created_by_username: str
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    published_at: datetime | None
    expires_at: datetime | None
    closed_at: datetime | None
    cancel_reason: CancelReason | None
    cancel_note: str | None


class NoticeSummary(BaseModel):
    id: int
    kind: NoticeKind
    notice_type: NoticeType
    action_requested: ActionRequested
    status: NoticeStatus
    requesting_bureau: str
    entity_id: str | None
    subject_name: str | None
    submitted_at: datetime | None
    published_at: datetime | None
    expires_at: datetime | None


class NoticePage(BaseModel):
    items: list[NoticeSummary]
    total: int
    page: int
    per_page: int


class NoticeEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    action: str
    from_status: str | None
    to_status: str
    actor_username: str
    actor_bureau: str | None
    reason: str | None
    note: str | None


class ExpiryReport(BaseModel):
    expired: list[int]


def content_of(data: NoticeContent) -> dict[str, Any]:
    """The content part of a create body, as stored."""
    return NoticeContent.model_validate(
        data.model_dump(include=set(NoticeContent.model_fields))
    ).model_dump(mode="json", exclude_none=True, exclude_defaults=True)
