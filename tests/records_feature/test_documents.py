"""Travel documents through the API: the issuing-country rule, duplicates, the MRZ reader."""

from __future__ import annotations

from amana.records.models import TravelDocument
from tests.records_feature.conftest import API, DOCUMENT, count

ICAO_TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def test_the_issuing_country_reports_a_stolen_passport(client, fr_operator, db):
    created = client.post(f"{API}/documents", json=DOCUMENT, headers=fr_operator)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["number"], body["issuing_country"], body["owner_bureau"]) == (
        "19FV12345",
        "FR",
        "FR",
    )
    assert body["reported_on"] == "2024-03-01"
    assert body["holder_dob"] == "1975-06"
    stored = db.get(TravelDocument, body["id"])
    assert (stored.number_key, stored.confusion_key) == ("19FV12345", "19FV12345")
    found = client.get(f"{API}/documents", params={"number": "19 fv-12345"}, headers=fr_operator)
    assert [d["id"] for d in found.json()["items"]] == [body["id"]]


def test_only_the_issuing_country_may_report_its_documents(client, fr_operator, db):
    body = {**DOCUMENT, "issuing_country": "DE"}
    response = client.post(f"{API}/documents", json=body, headers=fr_operator)
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "document.not_issuer"
    assert problem["field"] == "issuing_country"
    assert "only the issuing country" in problem["detail"]
    assert count(db, TravelDocument) == 0


def test_a_second_report_of_the_same_document_conflicts(client, fr_operator, db):
    first = client.post(f"{API}/documents", json=DOCUMENT, headers=fr_operator).json()
    again = {**DOCUMENT, "number": "19fv 12345", "status": "lost"}
    response = client.post(f"{API}/documents", json=again, headers=fr_operator)
    assert response.status_code == 409
    assert response.json()["existing_id"] == first["id"]
    other_type = {**DOCUMENT, "doc_type": "identity_card"}
    assert client.post(f"{API}/documents", json=other_type, headers=fr_operator).status_code == 201
    assert count(db, TravelDocument) == 2


def test_update_and_delete_a_document(client, fr_operator):
    doc_id = client.post(f"{API}/documents", json=DOCUMENT, headers=fr_operator).json()["id"]
    change = {"status": "revoked", "holder_name": None}
    updated = client.patch(f"{API}/documents/{doc_id}", json=change, headers=fr_operator)
    assert updated.status_code == 200
    assert (updated.json()["status"], updated.json()["holder_name"]) == ("revoked", None)
    moved = client.patch(
        f"{API}/documents/{doc_id}", json={"issuing_country": "DE"}, headers=fr_operator
    )
    assert moved.status_code == 422  # the issuing country is not a field one may change
    assert client.delete(f"{API}/documents/{doc_id}", headers=fr_operator).status_code == 204
    assert client.get(f"{API}/documents/{doc_id}", headers=fr_operator).status_code == 404


def test_renumbering_onto_an_existing_report_conflicts(client, fr_operator):
    client.post(f"{API}/documents", json=DOCUMENT, headers=fr_operator)
    other = client.post(
        f"{API}/documents", json={**DOCUMENT, "number": "22XX00001"}, headers=fr_operator
    ).json()
    response = client.patch(
        f"{API}/documents/{other['id']}", json={"number": "19FV12345"}, headers=fr_operator
    )
    assert response.status_code == 409
    assert client.get(f"{API}/documents/{other['id']}", headers=fr_operator).json()["number"] == (
        "22XX00001"
    )


def test_invalid_documents_are_refused(client, fr_operator, db):
    cases = {
        "reported_on": {**DOCUMENT, "reported_on": "2999-01-01"},
        "holder_dob": {**DOCUMENT, "holder_dob": "1975-00"},
        "doc_type": {**DOCUMENT, "doc_type": "library_card"},
        "number": {**DOCUMENT, "number": "9" * 65},
        "issuing_country": {**DOCUMENT, "issuing_country": "FRA"},
    }
    for field, body in cases.items():
        response = client.post(f"{API}/documents", json=body, headers=fr_operator)
        assert response.status_code == 422, (field, response.text)
        assert field in response.json()["detail"], (field, response.json())
    assert count(db, TravelDocument) == 0


def test_mrz_is_parsed_with_its_check_digits(client, fr_operator):
    response = client.post(f"{API}/documents/mrz", json={"mrz": ICAO_TD3}, headers=fr_operator)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["format"] == "TD3"
    assert (body["number"], body["surname"], body["given_names"]) == (
        "L898902C3",
        "ERIKSSON",
        "ANNA MARIA",
    )
    assert (body["date_of_birth"], body["sex"], body["expiry"]) == (
        "1974-08-12",
        "female",
        "2012-04-15",
    )
    assert body["document_type"] == "passport"


def test_mrz_with_a_wrong_check_digit_names_it(client, fr_operator):
    wrong = ICAO_TD3.replace("7408122F", "7408123F")
    response = client.post(f"{API}/documents/mrz", json={"mrz": wrong}, headers=fr_operator)
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "mrz.check_digit"
    assert problem["failed"] == ["date_of_birth", "composite"]  # the composite covers it too
    assert "date_of_birth (expected 2, found 3)" in problem["detail"]


def test_mrz_needs_authentication(client):
    assert client.post(f"{API}/documents/mrz", json={"mrz": ICAO_TD3}).status_code == 401
