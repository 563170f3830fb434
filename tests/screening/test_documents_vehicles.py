"""Document and vehicle screening: exact keys, look-alike characters, MRZ, visibility."""

from __future__ import annotations

import pytest

from amana.core.principal import Role
from amana.records.mrz import check_digit


def _td3(number: str, country: str = "FRA", surname: str = "MARTIN", given: str = "CLAIRE") -> str:
    number = number.ljust(9, "<")
    birth, expiry, optional = "850412", "300101", "<" * 14
    second = (
        f"{number}{check_digit(number)}{country}{birth}{check_digit(birth)}F"
        f"{expiry}{check_digit(expiry)}{optional}{check_digit(optional)}"
    )
    composite = second[0:10] + second[13:20] + second[21:43]
    first = f"P<{country}{surname}<<{given}".ljust(44, "<")
    return f"{first}\n{second}{check_digit(composite)}"


@pytest.fixture
def actors(make):
    return {
        "fr_operator": make.user_headers("fr.operator", "FR", Role.BUREAU_OPERATOR),
        "de_officer": make.user_headers("de.officer", "DE", Role.OFFICER),
        "es_officer": make.user_headers("es.officer", "ES", Role.OFFICER),
    }


def _document(client, headers, number, **extra):
    body = {
        "number": number,
        "doc_type": "passport",
        "issuing_country": "FR",
        "status": "stolen",
        **extra,
    }
    response = client.post("/api/v1/documents", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _screen_document(client, headers, **body):
    response = client.post("/api/v1/screening/documents", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_stolen_passport_is_found_whatever_the_spacing_and_confusions(client, actors):
    record = _document(client, actors["fr_operator"], "12AB34567")
    for written in ("12AB34567", "12 ab 345-67", "I2A834567"):
        hits = _screen_document(client, actors["de_officer"], number=written)["hits"]
        assert [h["record_id"] for h in hits] == [record], written
    exact = _screen_document(client, actors["de_officer"], number="12ab34567")["hits"][0]
    assert (exact["score"], exact["how"]) == (1.0, "exact")
    confused = _screen_document(client, actors["de_officer"], number="I2A834567")["hits"][0]
    assert confused["score"] < 1.0
    assert "look-alike" in confused["how"]


def test_the_issuing_country_narrows_the_search(client, actors):
    _document(client, actors["fr_operator"], "55XY12345")
    assert _screen_document(client, actors["de_officer"], number="55XY12345", country="FR")["hits"]
    assert not _screen_document(client, actors["de_officer"], number="55XY12345", country="IT")[
        "hits"
    ]


def test_a_border_scanner_sends_the_raw_mrz(client, actors):
    record = _document(client, actors["fr_operator"], "18FR99881")
    result = _screen_document(client, actors["de_officer"], mrz=_td3("18FR99881"))
    assert [h["record_id"] for h in result["hits"]] == [record]
    assert result["parsed_mrz"]["surname"] == "MARTIN"
    assert result["parsed_mrz"]["issuing_country"] == "FR"
    assert result["hits"][0]["hit_id"] is not None  # the owner (FR) is told of the hit


def test_an_mrz_with_a_wrong_check_digit_is_refused(client, actors):
    lines = _td3("18FR99881").split("\n")
    tampered = lines[1][:9] + str((int(lines[1][9]) + 1) % 10) + lines[1][10:]
    response = client.post(
        "/api/v1/screening/documents",
        json={"mrz": f"{lines[0]}\n{tampered}"},
        headers=actors["de_officer"],
    )
    assert response.status_code == 422
    assert "check digit" in response.json()["detail"]


def test_documents_hidden_by_the_owner_are_not_found(client, actors):
    _document(
        client, actors["fr_operator"], "77QQ00001", visibility={"rule": "only", "bureaus": ["DE"]}
    )
    assert _screen_document(client, actors["de_officer"], number="77QQ00001")["hits"]
    assert _screen_document(client, actors["es_officer"], number="77QQ00001")["hits"] == []


def test_a_document_query_needs_a_number_or_an_mrz(client, actors):
    response = client.post(
        "/api/v1/screening/documents", json={"country": "FR"}, headers=actors["de_officer"]
    )
    assert response.status_code == 422
    assert "number" in response.json()["detail"]


def test_vehicles_by_vin_and_by_plate(client, actors):
    created = client.post(
        "/api/v1/vehicles",
        headers=actors["fr_operator"],
        json={
            "vin": "1M8GDM9AXKP042788",
            "plate": "AB-123-CD",
            "plate_country": "FR",
            "make": "Renault",
            "status": "stolen",
        },
    )
    assert created.status_code == 201, created.text
    record = created.json()["id"]
    for body in (
        {"vin": "1m8gdm9axkp042788"},
        {"vin": "1M8GDM9AXKPO42788"},
        {"plate": "ab 123 cd"},
        {"plate": "AB123CD", "plate_country": "FR"},
    ):
        response = client.post(
            "/api/v1/screening/vehicles", json=body, headers=actors["de_officer"]
        )
        assert response.status_code == 200, response.text
        assert [h["record_id"] for h in response.json()["hits"]] == [record], body
    other_country = client.post(
        "/api/v1/screening/vehicles",
        json={"plate": "AB123CD", "plate_country": "BE"},
        headers=actors["de_officer"],
    )
    assert other_country.json()["hits"] == []
    empty = client.post("/api/v1/screening/vehicles", json={}, headers=actors["de_officer"])
    assert empty.status_code == 422
