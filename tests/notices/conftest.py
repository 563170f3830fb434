"""Helpers for the notices tests: the bureaus' desks, person records and a valid request body
per notice type (each passes every hard check and trips no wording flag)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from amana.core.principal import GENERAL_SECRETARIAT, Role

API = "/api/v1"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64

SUBJECT = {
    "family_name": "Haddad",
    "forename": "Karim",
    "date_of_birth": "1980-04-02",
    "nationalities": ["FR", "DZ"],
    "sex": "M",
    "place_of_birth": "Lyon, France",
    "country_of_birth": "FR",
    "height_m": 1.78,
    "eye_colours": ["BRO"],
    "hair_colours": ["BLA"],
    "languages_spoken": ["FRE", "ARA"],
}
JUDICIAL = {
    "warrant": {
        "kind": "arrest_warrant",
        "issuing_authority": "Tribunal judiciaire de Lyon",
        "issued_on": "2024-03-10",
        "reference": "AW-2024-0042",
    },
    "charges": [
        {
            "charge": "Armed robbery",
            "facts": "On 3 March 2024 he robbed a jewellery store in Lyon at gunpoint; two "
            "employees were injured.",
            "law": "Code pénal, art. 311-8",
            "crime_category": "violent_crime",
        }
    ],
    "penalty": {"purpose": "prosecution", "max_penalty_months": 360},
}
BODIES: dict[str, dict[str, Any]] = {
    "red": {
        "summary": "Wanted for an armed robbery of a jewellery store in Lyon.",
        "subject": SUBJECT,
        "judicial": JUDICIAL,
        "public_extract_consent": True,
    },
    "yellow": {
        "summary": "Missing since she left school in Marseille on 1 June 2025.",
        "subject": {
            **SUBJECT,
            "family_name": "Dupont",
            "forename": "Léa",
            "sex": "F",
            "date_of_birth": "2011-02-03",
            "mother_forename": "Anne",
            "mother_name": "Dupont",
        },
        "event": {"date": "2025-06-01", "place": "Marseille", "country": "FR"},
        "public_extract_consent": True,
    },
    "blue": {
        "summary": "Information sought on his whereabouts and identity documents.",
        "subject": SUBJECT,
    },
    "black": {
        "summary": "Body of a man found on a beach near Nice.",
        "event": {
            "date": "2025-08-14",
            "place": "Nice",
            "country": "FR",
            "description": "Male, about 40, tattoo of an anchor on the left forearm.",
        },
    },
    "green": {
        "summary": "Convicted twice of fraud against elderly people by posing as a plumber.",
        "subject": SUBJECT,
    },
    "orange": {
        "summary": "Parcel bombs disguised as books have been mailed to courts.",
        "threat": {"kind": "object", "description": "Hardback books holding an explosive."},
    },
    "purple": {
        "summary": "Cocaine hidden in the hollow frames of bicycles shipped in containers.",
        "modus_operandi": "Frames are cut, filled, welded and repainted before shipping.",
    },
    "silver": {
        "summary": "Proceeds of a fraud moved to accounts abroad.",
        "assets": [
            {
                "kind": "bank_account",
                "description": "Account receiving the proceeds",
                "identifier": "FR7630006000011234567890189",
                "country": "FR",
            }
        ],
    },
    "un": {
        "summary": "Listed by the Security Council committee concerning ISIL and Al-Qaida.",
        "subject": {
            **SUBJECT,
            "name_in_original_script": "كريم حداد",
            "aliases": ["Abu Karim"],
            "date_of_birth": "1975",
        },
        "un": {
            "reference": "QDi.123",
            "reference_date": "2010-05-01",
            "resolution": 1267,
            "summary": "Financier of a listed group.",
        },
        "public_extract_consent": True,
    },
}
TYPES = list(BODIES)
ACTIONS = {
    "red": "arrest",
    "yellow": "locate",
    "blue": "inform",
    "black": "identify",
    "green": "warn",
    "orange": "warn",
    "purple": "inform",
    "silver": "trace_assets",
    "un": "sanctions",
}


def body(notice_type: str, person_id: int | None = None, **overrides: Any) -> dict[str, Any]:
    data = copy.deepcopy(BODIES[notice_type])
    data.update(notice_type=notice_type, language="en")
    if person_id is not None:
        data["links"] = [{"record_kind": "person", "record_id": person_id}]
    data.update(overrides)
    return data


@dataclass
class Desk:
    client: TestClient
    fr: dict[str, str]  # French bureau operator
    eg: dict[str, str]  # Egyptian bureau operator
    gs: dict[str, str]  # secretariat reviewer
    fr_officer: dict[str, str]
    es_officer: dict[str, str]

    def person(self, headers: dict[str, str] | None = None, **extra: Any) -> int:
        data = {
            "status": "wanted",
            "names": [{"full_name": "Karim Haddad"}],
            "dates_of_birth": ["1980-04-02"],
            "nationalities": ["FR"],
            **extra,
        }
        response = self.client.post(f"{API}/persons", json=data, headers=headers or self.fr)
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    def draft(self, data: dict[str, Any], headers: dict[str, str] | None = None) -> dict:
        response = self.client.post(f"{API}/notices", json=data, headers=headers or self.fr)
        assert response.status_code == 201, response.text
        return response.json()

    def post(self, path: str, headers: dict[str, str], json: Any = None):
        return self.client.post(f"{API}{path}", json=json, headers=headers)

    def submit(self, notice_id: int, headers: dict[str, str] | None = None) -> dict:
        response = self.post(f"/notices/{notice_id}/submit", headers or self.fr)
        assert response.status_code == 200, response.text
        return response.json()

    def approve(self, notice_id: int, note: str | None = None) -> dict:
        response = self.post(
            f"/notices/{notice_id}/review", self.gs, {"decision": "approve", "note": note}
        )
        assert response.status_code == 200, response.text
        return response.json()

    def publish(self, data: dict[str, Any], headers: dict[str, str] | None = None) -> dict:
        notice = self.draft({**data, "submit": True}, headers)
        assert notice["status"] == "submitted", notice
        return self.approve(notice["id"])

    def get(self, notice_id: int, headers: dict[str, str]):
        return self.client.get(f"{API}/notices/{notice_id}", headers=headers)


@pytest.fixture
def desk(client, make) -> Desk:
    return Desk(
        client=client,
        fr=make.user_headers("fr.operator", "FR", Role.BUREAU_OPERATOR),
        eg=make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR),
        gs=make.user_headers("gs.reviewer", GENERAL_SECRETARIAT, Role.SECRETARIAT_REVIEWER),
        fr_officer=make.user_headers("fr.officer", "FR", Role.OFFICER),
        es_officer=make.user_headers("es.officer", "ES", Role.OFFICER),
    )
