"""Demo organisations and vessels: a sanctioned company written in Cyrillic with its Latin
name, an Emirati trading company in Arabic, a criminal group whose name holds a number, and a
sanctioned tanker with its IMO number. All fictitious.

Seeded on their own marker, so a demo store made before these kinds existed gets them too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.records import entities
from amana.records.entity_schemas import OrganisationCreate, VesselCreate
from amana.records.models import Vessel

MARKER_IMO = "9312341"


def _names(*names: str) -> list[dict[str, str]]:
    return [{"name": n} for n in names]


DEMO_ORGANISATIONS: list[tuple[str, dict[str, Any]]] = [
    (
        "ES",
        {
            "names": _names("ООО «Северный Альянс»", "Severny Alyans LLC"),
            "org_kind": "company",
            "legal_form": "OOO",
            "country": "RU",
            "identifiers": [{"kind": "registration", "value": "1027700132195"}],
            "status": "sanctioned",
        },
    ),
    (
        "EG",
        {
            "names": _names("شركة النخبة للتجارة العامة ذ.م.م", "Al Nukhba General Trading LLC"),
            "org_kind": "company",
            "legal_form": "ذ.م.م",
            "country": "AE",
            "status": "under_investigation",
        },
    ),
    (
        "ES",
        {
            "names": _names("Los Siete Lobos"),
            "org_kind": "criminal_group",
            "country": "MX",
            "status": "wanted",
        },
    ),
]
DEMO_VESSELS: list[tuple[str, dict[str, Any]]] = [
    (
        "EG",
        {
            "names": _names("MT Sea Falcon", "Морской Сокол"),
            "imo": f"IMO {MARKER_IMO}",
            "mmsi": "352001234",
            "flag": "PA",
            "vessel_type": "tanker",
            "status": "sanctioned",
        },
    ),
]


def seed_entities(session: Session) -> int:
    """Create the demo organisations and vessels once; how many were created (0: already)."""
    if session.scalar(select(Vessel.id).where(Vessel.imo == MARKER_IMO).limit(1)):
        return 0
    for owner, organisation in DEMO_ORGANISATIONS:
        data = OrganisationCreate.model_validate(organisation)
        entities.create_organisation(session, principal=None, owner=owner, data=data)
    for owner, vessel in DEMO_VESSELS:
        entities.create_vessel(
            session, principal=None, owner=owner, data=VesselCreate.model_validate(vessel)
        )
    return len(DEMO_ORGANISATIONS) + len(DEMO_VESSELS)
