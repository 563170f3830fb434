"""Demo notices of every type and a diffusion, made through the notices workflow.

The French and Egyptian operators request, the secretariat's reviewer approves: every demo
notice went through the same checks and review as a real one. Red, Yellow and UN notices have
public extracts, so ``/notices/v1/red`` answers at once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.auth.service import principal_of
from amana.core.principal import Principal
from amana.notices import service, workflow
from amana.notices.models import Notice
from amana.notices.schemas import NoticeCreate, ReviewIn
from amana.records.models import PersonName, Vehicle
from amana.users import service as users

_WARRANT = {
    "kind": "arrest_warrant",
    "issuing_authority": "Tribunal judiciaire de Paris",
    "issued_on": "2025-02-11",
    "reference": "PAR-2025-0117",
}
DEMO_NOTICES: list[tuple[str, str, str | None, dict[str, Any]]] = [
    (
        "FR",
        "red",
        "Юрий Щербаков",
        {
            "summary": "Head of a network laundering the proceeds of cocaine sales through car "
            "dealerships in Paris and Nice.",
            "subject": {
                "family_name": "Shcherbakov",
                "forename": "Yuriy",
                "sex": "M",
                "date_of_birth": "1969-03-04",
                "nationalities": ["RU"],
                "name_in_original_script": "Щербаков",
                "languages_spoken": ["RUS", "FRE"],
                "height_m": 1.82,
                "eye_colours": ["BLU"],
                "hair_colours": ["GRY"],
            },
            "judicial": {
                "warrant": _WARRANT,
                "charges": [
                    {
                        "charge": "Money laundering in an organised gang",
                        "facts": "Between 2019 and 2024 he laundered about EUR 12 million "
                        "through three car dealerships.",
                        "law": "Code pénal, art. 324-2",
                        "crime_category": "money_laundering",
                    }
                ],
                "penalty": {"purpose": "prosecution", "max_penalty_months": 120},
            },
            "public_extract_consent": True,
        },
    ),
    (
        "EG",
        "red",
        "عبد الرحمن خليل الشامي",
        {
            "summary": "منظم شحنات الهيروين عبر ميناء الإسكندرية.",
            "subject": {
                "family_name": "Al-Shami",
                "forename": "Abdulrahman Khalil",
                "sex": "M",
                "date_of_birth": "1977-09",
                "nationalities": ["JO"],
                "name_in_original_script": "الشامي",
            },
            "judicial": {
                "warrant": {
                    **_WARRANT,
                    "issuing_authority": "Alexandria Criminal Court",
                    "reference": "ALX-2024-552",
                },
                "charges": [
                    {
                        "charge": "Drug trafficking",
                        "facts": "Imported 80 kg of heroin in 2023.",
                        "law": "Law 182 of 1960, art. 33",
                        "crime_category": "drug_trafficking",
                    }
                ],
                "penalty": {"purpose": "sentence", "remaining_months": 180},
            },
            "public_extract_consent": True,
            "language": "ar",
        },
    ),
    (
        "EG",
        "yellow",
        "فاطمة الزهراء حسن",
        {
            "summary": "مفقودة منذ مغادرتها مدرستها في القاهرة.",
            "subject": {
                "family_name": "Hassan",
                "forename": "Fatima Al-Zahraa",
                "sex": "F",
                "date_of_birth": "2009-07-15",
                "nationalities": ["EG"],
                "mother_forename": "Amal",
                "mother_name": "Hassan",
            },
            "event": {"date": "2025-10-02", "place": "Cairo", "country": "EG"},
            "public_extract_consent": True,
            "language": "ar",
        },
    ),
    (
        "FR",
        "blue",
        "王伟",
        {
            "summary": "Information sought on his identity and location: suspected of running "
            "phishing servers.",
            "subject": {
                "family_name": "Wang",
                "forename": "Wei",
                "sex": "M",
                "date_of_birth": "1983",
                "nationalities": ["CN"],
            },
        },
    ),
    (
        "FR",
        "black",
        None,
        {
            "summary": "Body of a man found in the Seine near Rouen.",
            "event": {
                "date": "2025-11-03",
                "place": "Rouen",
                "country": "FR",
                "description": "Male, 30 to 40, 1.75 m, scar on the right cheek.",
            },
        },
    ),
    (
        "FR",
        "green",
        "Jean-Pierre Dubois",
        {
            "summary": "Repeated investment frauds against retired people in three countries.",
            "subject": {
                "family_name": "Dubois",
                "forename": "Jean-Pierre",
                "sex": "M",
                "date_of_birth": "1975-11-30",
                "nationalities": ["FR"],
            },
        },
    ),
    (
        "FR",
        "orange",
        None,
        {
            "summary": "Stylos à insuline contrefaits en circulation : dangereux pour les "
            "patients.",
            "threat": {
                "kind": "object",
                "description": "Stylos étiquetés comme une marque connue, "
                "numéros de lot commençant par X9.",
            },
            "language": "fr",
        },
    ),
    (
        "EG",
        "purple",
        None,
        {
            "summary": "Cannabis resin hidden in the spare tyres of cars crossing the border.",
            "modus_operandi": "Spare tyres are filled with vacuum-packed blocks and re-inflated.",
            "links": [{"record_kind": "vehicle", "record_id": "VIN:WVWZZZ1JZXW000001"}],
        },
    ),
    (
        "EG",
        "silver",
        "Γιώργος Παπαδόπουλος",
        {
            "summary": "Assets bought with the proceeds of embezzlement.",
            "assets": [
                {
                    "kind": "property",
                    "description": "Villa on the island of Rhodes",
                    "country": "GR",
                }
            ],
        },
    ),
    (
        "EG",
        "un",
        "Mohammed Abdullah Al-Masri",
        {
            "summary": "Listed by the Security Council committee concerning ISIL and Al-Qaida.",
            "subject": {
                "family_name": "Al-Masri",
                "forename": "Mohammed Abdullah",
                "sex": "M",
                "date_of_birth": "1980-05-02",
                "nationalities": ["EG"],
                "name_in_original_script": "محمد عبد الله المصري",
                "aliases": ["Abu Abdallah"],
            },
            "un": {
                "reference": "QDi.999",
                "reference_date": "2015-03-01",
                "resolution": 1267,
                "summary": "Financier of a listed group.",
            },
            "public_extract_consent": True,
        },
    ),
]
DEMO_DIFFUSION = (
    "FR",
    "yellow",
    "María José García López",
    {
        "kind": "diffusion",
        "addressees": ["ES"],
        "summary": "Desaparecida desde una salida nocturna en Burdeos; puede estar en España.",
        "subject": {
            "family_name": "García López",
            "forename": "María José",
            "sex": "F",
            "date_of_birth": "1990-01-12",
            "nationalities": ["ES", "FR"],
        },
        "event": {"date": "2025-09-20", "place": "Bordeaux", "country": "FR"},
        "language": "es",
    },
)


def _principal(session: Session, username: str) -> Principal:
    user = users.get_by_username(session, username=username)
    assert user is not None, f"demo user {username} is seeded first"
    return principal_of(user)


def _links(session: Session, person: str | None, content: dict[str, Any]) -> list[Any]:
    links = []
    if person:
        found = session.scalar(select(PersonName.person_id).where(PersonName.full_name == person))
        links.append({"record_kind": "person", "record_id": found})
    for link in content.pop("links", []):
        vin = str(link["record_id"]).removeprefix("VIN:")
        found = session.scalar(select(Vehicle.id).where(Vehicle.vin == vin))
        links.append({"record_kind": link["record_kind"], "record_id": found})
    return links


def _request(session: Session, spec: tuple[str, str, str | None, dict[str, Any]]) -> Notice:
    bureau, notice_type, person, content = spec
    operator = _principal(session, f"{bureau.lower()}.operator")
    content = {"language": "en", **content}
    data = NoticeCreate.model_validate(
        {**content, "notice_type": notice_type, "links": _links(session, person, content)}
    )
    notice = service.create(session, principal=operator, data=data)
    return workflow.submit(session, principal=operator, notice_id=notice.id)


def seed_notices(session: Session) -> int:
    """Create the demo notices once; returns how many were created (0 when already there)."""
    if session.scalar(select(Notice.id).limit(1)) is not None:
        return 0
    reviewer = _principal(session, "gs.reviewer")
    for spec in DEMO_NOTICES:
        notice = _request(session, spec)
        workflow.review(
            session,
            principal=reviewer,
            notice_id=notice.id,
            data=ReviewIn(decision="approve", note="Demo: checked by a person."),
        )
    _request(session, DEMO_DIFFUSION)
    return len(DEMO_NOTICES) + 1
