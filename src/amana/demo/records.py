"""Demo records in several scripts, owned by several bureaus, with different sharing rules.

Chosen to show screening at work: the Egyptian record of Mohammed Abdullah Al-Masri is stored
in Latin script only, so an officer typing محمد عبد الله المصري finds it by transliteration.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.records import documents, objects, persons
from amana.records.models import PersonName
from amana.records.object_schemas import VehicleCreate
from amana.records.schemas import PersonCreate, TravelDocumentCreate

MARKER = "Mohammed Abdullah Al-Masri"


def _names(*names: str) -> list[dict[str, str]]:
    return [{"full_name": n, "kind": "primary" if i == 0 else "alias"} for i, n in enumerate(names)]


DEMO_PERSONS: list[tuple[str, dict[str, Any]]] = [
    (
        "EG",
        {
            "status": "wanted",
            "names": _names(MARKER, "Abu Abdallah"),
            "sex": "male",
            "dates_of_birth": ["1980-05-02"],
            "nationalities": ["EG"],
            "crime_categories": ["terrorism"],
            "identifiers": [{"kind": "passport", "number": "A12345678", "country": "EG"}],
        },
    ),
    (
        "EG",
        {
            "status": "missing",
            "names": _names("فاطمة الزهراء حسن"),
            "sex": "female",
            "dates_of_birth": ["2009-07-15"],
            "nationalities": ["EG"],
            "crime_categories": ["trafficking_in_human_beings"],
        },
    ),
    (
        "FR",
        {
            "status": "wanted",
            "names": _names("Юрий Щербаков", "Iouri Chtcherbakov"),
            "sex": "male",
            "dates_of_birth": ["1969-03-04"],
            "nationalities": ["RU"],
            "crime_categories": ["organised_crime", "money_laundering"],
        },
    ),
    (
        "FR",
        {
            "status": "suspect",
            "names": _names("王伟", "Wang Wei"),
            "sex": "male",
            "dates_of_birth": ["1983"],
            "nationalities": ["CN"],
            "crime_categories": ["cybercrime"],
            "visibility": {"rule": "only", "bureaus": ["EG", "DE", "XG"]},
        },
    ),
    (
        "FR",
        {
            "status": "wanted",
            "names": _names("Jean-Pierre Dubois"),
            "sex": "male",
            "dates_of_birth": ["1975-11-30"],
            "nationalities": ["FR"],
            "crime_categories": ["financial_crime_and_fraud"],
        },
    ),
    (
        "FR",
        {
            "status": "missing",
            "names": _names("María José García López"),
            "sex": "female",
            "dates_of_birth": ["1990-01-12"],
            "nationalities": ["ES", "FR"],
        },
    ),
    (
        "EG",
        {
            "status": "person_of_interest",
            "names": _names("Γιώργος Παπαδόπουλος"),
            "sex": "male",
            "dates_of_birth": ["1971"],
            "nationalities": ["GR"],
            "crime_categories": ["money_laundering"],
            "visibility": {"rule": "except", "bureaus": ["ES"]},
        },
    ),
    (
        "EG",
        {
            "status": "wanted",
            "names": _names("عبد الرحمن خليل الشامي"),
            "sex": "male",
            "dates_of_birth": ["1977-09"],
            "nationalities": ["JO"],
            "crime_categories": ["drug_trafficking"],
        },
    ),
]
DEMO_DOCUMENTS = [
    (
        "FR",
        {
            "number": "12AB34567",
            "doc_type": "passport",
            "issuing_country": "FR",
            "status": "stolen",
            "holder_name": "Claire Martin",
        },
    ),
    (
        "EG",
        {"number": "A98765432", "doc_type": "passport", "issuing_country": "EG", "status": "lost"},
    ),
    (
        "FR",
        {
            "number": "X4RT56789",
            "doc_type": "identity_card",
            "issuing_country": "FR",
            "status": "stolen_blank",
        },
    ),
]
DEMO_VEHICLES = [
    (
        "FR",
        {
            "vin": "1M8GDM9AXKP042788",
            "plate": "AB-123-CD",
            "plate_country": "FR",
            "make": "Renault",
            "model": "Mégane",
            "colour": "grey",
            "year": 2019,
            "status": "stolen",
        },
    ),
    (
        "EG",
        {
            "vin": "WVWZZZ1JZXW000001",
            "plate": "س ن ج 1234",
            "plate_country": "EG",
            "make": "Volkswagen",
            "model": "Golf",
            "colour": "black",
            "status": "stolen",
        },
    ),
]


def seed_records(session: Session) -> int:
    """Create the demo records once; returns how many were created (0 when already there)."""
    if session.scalar(select(PersonName.id).where(PersonName.full_name == MARKER).limit(1)):
        return 0
    for owner, person in DEMO_PERSONS:
        persons.create(
            session, principal=None, owner=owner, data=PersonCreate.model_validate(person)
        )
    for owner, document in DEMO_DOCUMENTS:
        documents.create(
            session, principal=None, owner=owner, data=TravelDocumentCreate.model_validate(document)
        )
    for owner, vehicle in DEMO_VEHICLES:
        objects.create_vehicle(
            session, principal=None, owner=owner, data=VehicleCreate.model_validate(vehicle)
        )
    return len(DEMO_PERSONS) + len(DEMO_DOCUMENTS) + len(DEMO_VEHICLES)
