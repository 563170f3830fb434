"""The record types and the change feed.

Keys (``number_key``, ``vin_key``, ...) are derived from what was written by
``amana.matching.identifiers`` and indexed, so look-ups ignore spacing, dashes and case; the
screening engine computes the same keys for what it is asked.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amana.core.db import Base, UTCDateTime, utcnow
from amana.core.visibility import OwnedRecord

KEY_LENGTH = 64


class _Stamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[int | None] = mapped_column(BigInteger)


class Person(OwnedRecord, _Stamped, Base):
    __tablename__ = "persons"
    record_kind = "person"

    status: Mapped[str] = mapped_column(String(24), index=True)
    sex: Mapped[str | None] = mapped_column(String(8))
    dates_of_birth: Mapped[list[str]] = mapped_column(JSON, default=list)
    place_of_birth: Mapped[str | None] = mapped_column(String(200))
    nationalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    distinguishing_marks: Mapped[str | None] = mapped_column(Text)
    crime_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    photo_refs: Mapped[list[str]] = mapped_column(JSON, default=list)

    names: Mapped[list[PersonName]] = relationship(
        order_by="PersonName.position",
        cascade="all, delete-orphan",
        lazy="selectin",
        passive_deletes=True,
    )
    identifiers: Mapped[list[PersonIdentifier]] = relationship(
        order_by="PersonIdentifier.id",
        cascade="all, delete-orphan",
        lazy="selectin",
        passive_deletes=True,
    )


class PersonName(Base):
    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    full_name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    script: Mapped[str] = mapped_column(String(4))  # ISO 15924, detected from full_name
    language: Mapped[str | None] = mapped_column(String(8))


class PersonIdentifier(Base):
    __tablename__ = "person_identifiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(64))
    number_key: Mapped[str] = mapped_column(String(KEY_LENGTH), index=True)
    country: Mapped[str | None] = mapped_column(String(2))


class TravelDocument(OwnedRecord, _Stamped, Base):
    __tablename__ = "travel_documents"
    __table_args__ = (
        # A bureau reports a document once; a second report is a conflict, not a new record.
        UniqueConstraint("issuing_country", "number_key", "doc_type"),
    )
    record_kind = "travel_document"

    number: Mapped[str] = mapped_column(String(64))
    number_key: Mapped[str] = mapped_column(String(KEY_LENGTH), index=True)
    confusion_key: Mapped[str] = mapped_column(String(KEY_LENGTH), index=True)
    doc_type: Mapped[str] = mapped_column(String(20))
    issuing_country: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16), index=True)
    reported_on: Mapped[date] = mapped_column(Date)
    holder_name: Mapped[str | None] = mapped_column(String(300))
    holder_dob: Mapped[str | None] = mapped_column(String(10))


class Vehicle(OwnedRecord, _Stamped, Base):
    __tablename__ = "vehicles"
    record_kind = "vehicle"

    vin: Mapped[str | None] = mapped_column(String(17))
    vin_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH), index=True)
    plate: Mapped[str | None] = mapped_column(String(20))
    plate_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH), index=True)
    plate_country: Mapped[str | None] = mapped_column(String(2))
    make: Mapped[str | None] = mapped_column(String(60))
    model: Mapped[str | None] = mapped_column(String(60))
    colour: Mapped[str | None] = mapped_column(String(40))
    year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)


class Firearm(OwnedRecord, _Stamped, Base):
    __tablename__ = "firearms"
    record_kind = "firearm"

    make: Mapped[str] = mapped_column(String(60))
    model: Mapped[str | None] = mapped_column(String(60))
    serial_number: Mapped[str] = mapped_column(String(64))
    serial_key: Mapped[str] = mapped_column(String(KEY_LENGTH), index=True)
    calibre: Mapped[str | None] = mapped_column(String(40))
    firearm_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), index=True)


class Artwork(OwnedRecord, _Stamped, Base):
    __tablename__ = "artworks"
    record_kind = "artwork"

    title: Mapped[str] = mapped_column(String(300))
    creator: Mapped[str | None] = mapped_column(String(200))
    object_type: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text)
    dimensions: Mapped[str | None] = mapped_column(String(120))
    image_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), index=True)


class Organisation(OwnedRecord, _Stamped, Base):
    """A company, criminal group or NGO. Names and identifiers are few per record and always
    read with it: JSON lists ({name, script}, {kind, value, key}), not tables of their own."""

    __tablename__ = "organisations"
    record_kind = "organisation"

    names: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    org_kind: Mapped[str] = mapped_column(String(20))
    legal_form: Mapped[str | None] = mapped_column(String(60))
    country: Mapped[str | None] = mapped_column(String(2))
    identifiers: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(24), index=True)


class Vessel(OwnedRecord, _Stamped, Base):
    __tablename__ = "vessels"
    record_kind = "vessel"

    names: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    imo: Mapped[str | None] = mapped_column(String(7), index=True)  # 7 digits, check digit valid
    mmsi: Mapped[str | None] = mapped_column(String(9), index=True)
    flag: Mapped[str | None] = mapped_column(String(2))
    vessel_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), index=True)


class RecordChange(Base):
    """One create, update or delete of a record: the feed the screening index tails.

    Ids only grow and are allocated while the writer holds the audit chain's lock (see
    ``records.service``), so a reader that asks for ids above the last one it saw misses none.
    """

    __tablename__ = "record_changes"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(BigInteger)
    op: Mapped[str] = mapped_column(String(8))  # "upsert" or "delete"
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


RECORD_TYPES: dict[str, type[OwnedRecord]] = {
    model.record_kind: model
    for model in (Person, TravelDocument, Vehicle, Firearm, Artwork, Organisation, Vessel)
}
