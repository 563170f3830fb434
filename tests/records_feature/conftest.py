"""Helpers for the records tests: operators of two bureaus and small valid bodies."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from amana.audit.models import AuditEntry
from amana.core.principal import Role
from amana.records.models import RecordChange

API = "/api/v1"
PERSON: dict[str, Any] = {
    "status": "wanted",
    "names": [
        {"full_name": "Karim Haddad"},
        {"full_name": "كريم حداد", "kind": "original_script", "language": "ar"},
    ],
    "sex": "male",
    "dates_of_birth": ["1980-04-02", "1980"],
    "nationalities": ["fr", "DZ"],
    "crime_categories": ["drug_trafficking"],
    "identifiers": [{"kind": "passport", "number": "12-AB 3456", "country": "FR"}],
}
DOCUMENT: dict[str, Any] = {
    "number": "19FV12345",
    "doc_type": "passport",
    "issuing_country": "FR",
    "status": "stolen",
    "reported_on": "2024-03-01",
    "holder_name": "Marie Dupont",
    "holder_dob": "1975-06",
}
VEHICLE: dict[str, Any] = {
    "vin": "1HGCM82633A004352",
    "plate": "AB-123-CD",
    "plate_country": "FR",
    "make": "Honda",
    "model": "Accord",
    "colour": "grey",
    "year": 2003,
    "status": "stolen",
}
FIREARM: dict[str, Any] = {
    "make": "Glock",
    "model": "17",
    "serial_number": "ABC 123",
    "calibre": "9x19mm",
    "firearm_type": "pistol",
    "status": "stolen",
}
ARTWORK: dict[str, Any] = {
    "title": "Vue de Paris",
    "creator": "Anonymous",
    "object_type": "painting",
    "description": "Oil on canvas, river scene at dusk",
    "dimensions": "50 x 70 cm",
    "image_refs": ["img/vue-de-paris.jpg"],
    "status": "stolen",
}
BODIES = {
    "persons": PERSON,
    "documents": DOCUMENT,
    "vehicles": VEHICLE,
    "firearms": FIREARM,
    "artworks": ARTWORK,
}


@pytest.fixture
def fr_operator(make) -> dict[str, str]:
    return make.user_headers("fr.operator", "FR", Role.BUREAU_OPERATOR)


@pytest.fixture
def de_operator(make) -> dict[str, str]:
    return make.user_headers("de.operator", "DE", Role.BUREAU_OPERATOR)


def count(db, model, *where) -> int:
    db.commit()  # a fresh snapshot on SQLite
    return db.scalar(select(func.count()).select_from(model).where(*where))


def audit_entries(db, action: str) -> list[AuditEntry]:
    db.commit()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def changes(db) -> list[tuple[str, int, str]]:
    db.commit()
    rows = db.scalars(select(RecordChange).order_by(RecordChange.id))
    return [(row.record_kind, row.record_id, row.op) for row in rows]
