from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from amana.core.principal import Role


@dataclass
class Bureaus:
    fr: dict[str, str]
    eg: dict[str, str]
    es: dict[str, str]
    eg_officer: dict[str, str]
    fr_admin: dict[str, str]
    xg: dict[str, str]


@pytest.fixture
def bureaus(make) -> Bureaus:
    return Bureaus(
        fr=make.user_headers("fr.operator", "FR", Role.BUREAU_OPERATOR),
        eg=make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR),
        es=make.user_headers("es.operator", "ES", Role.BUREAU_OPERATOR),
        eg_officer=make.user_headers("eg.officer", "EG", Role.OFFICER),
        fr_admin=make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN),
        xg=make.user_headers("gs.reviewer", "XG", Role.SECRETARIAT_REVIEWER),
    )


def message(bureaus: list[str] | None = None, **extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "to": {"bureaus": bureaus if bureaus is not None else ["EG"]},
        "subject": "Stolen lorry heading for Port Said",
        "body": "The lorry AB-123-CD left Marseille on Monday with forged papers.",
        "language": "en",
        "priority": "routine",
        "handling_code": "police_only",
        "references": [{"kind": "case", "ref": "FR-2026-0412"}],
        "idempotency_key": uuid.uuid4().hex,
    }
    body.update(extra)
    return body


def send(client, headers, body=None, expect: int = 201) -> dict:
    response = client.post("/api/v1/messages", json=body or message(), headers=headers)
    assert response.status_code == expect, response.text
    return response.json()
