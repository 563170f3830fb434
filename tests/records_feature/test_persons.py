"""Persons through the API: create, read, change, delete, and what is refused at the edge."""

from __future__ import annotations

import copy

import pytest

from amana.records.models import Person, PersonIdentifier, PersonName
from tests.records_feature.conftest import API, PERSON, count


def test_an_operator_records_a_person_and_reads_it_back(client, fr_operator):
    created = client.post(f"{API}/persons", json=PERSON, headers=fr_operator)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["owner_bureau"] == "FR"
    assert body["nationalities"] == ["FR", "DZ"]
    assert body["dates_of_birth"] == ["1980-04-02", "1980"]
    assert [(n["full_name"], n["kind"], n["script"]) for n in body["names"]] == [
        ("Karim Haddad", "primary", "Latn"),
        ("كريم حداد", "original_script", "Arab"),
    ]
    assert body["names"][1]["language"] == "ar"
    assert body["identifiers"] == [{"kind": "passport", "number": "12-AB 3456", "country": "FR"}]
    assert body["visibility"] == {"rule": "all", "bureaus": []}
    assert body["created_by"] is not None
    read = client.get(f"{API}/persons/{body['id']}", headers=fr_operator)
    assert read.status_code == 200
    assert read.json() == body


def test_keys_are_stored_for_identifiers(client, fr_operator, db):
    client.post(f"{API}/persons", json=PERSON, headers=fr_operator)
    assert count(db, PersonIdentifier, PersonIdentifier.number_key == "12AB3456") == 1


def test_script_cannot_be_supplied_by_the_caller(client, fr_operator, db):
    body = copy.deepcopy(PERSON)
    body["names"][0]["script"] = "Cyrl"
    response = client.post(f"{API}/persons", json=body, headers=fr_operator)
    assert response.status_code == 422
    assert "names.0.script" in response.json()["detail"]
    assert count(db, Person) == 0


def test_update_replaces_lists_and_keeps_what_was_not_sent(client, fr_operator, db):
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    change = {
        "status": "missing",
        "names": [{"full_name": "Карим Хаддад"}],
        "place_of_birth": "Oran",
        "sex": None,
    }
    updated = client.patch(f"{API}/persons/{person_id}", json=change, headers=fr_operator)
    assert updated.status_code == 200, updated.text
    body = updated.json()
    assert body["status"] == "missing"
    assert body["sex"] is None
    assert body["place_of_birth"] == "Oran"
    assert [(n["full_name"], n["script"]) for n in body["names"]] == [("Карим Хаддад", "Cyrl")]
    assert body["nationalities"] == ["FR", "DZ"]
    assert count(db, PersonName) == 1  # the old names are gone, not orphaned


def test_required_fields_cannot_be_cleared(client, fr_operator):
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    response = client.patch(
        f"{API}/persons/{person_id}", json={"status": None}, headers=fr_operator
    )
    assert response.status_code == 422
    assert "status may be changed but not cleared" in response.json()["detail"]


def test_delete_removes_the_person_with_names_and_identifiers(client, fr_operator, db):
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    assert client.delete(f"{API}/persons/{person_id}", headers=fr_operator).status_code == 204
    assert client.get(f"{API}/persons/{person_id}", headers=fr_operator).status_code == 404
    assert (count(db, Person), count(db, PersonName), count(db, PersonIdentifier)) == (0, 0, 0)


def test_list_is_paged_newest_first_and_filtered(client, fr_operator):
    ids = []
    for status in ("wanted", "missing", "wanted"):
        body = {**PERSON, "status": status}
        ids.append(client.post(f"{API}/persons", json=body, headers=fr_operator).json()["id"])
    page = client.get(f"{API}/persons", params={"per_page": 2}, headers=fr_operator).json()
    assert (page["total"], [p["id"] for p in page["items"]]) == (3, [ids[2], ids[1]])
    wanted = client.get(f"{API}/persons", params={"status": "wanted"}, headers=fr_operator)
    assert [p["id"] for p in wanted.json()["items"]] == [ids[2], ids[0]]


def _with(**changes):
    body = copy.deepcopy(PERSON)
    body.update(changes)
    return body


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (_with(nationalities=["FR", "QQ"]), "nationalities.1", "not an ISO 3166-1"),
        (_with(dates_of_birth=["2999-01-01"]), "dates_of_birth.0", "in the future"),
        (_with(dates_of_birth=["1980-13"]), "dates_of_birth.0", "not a calendar date"),
        (_with(dates_of_birth=["1980-02-30"]), "dates_of_birth.0", "not a calendar date"),
        (_with(dates_of_birth=["02/04/1980"]), "dates_of_birth.0", "YYYY, YYYY-MM or YYYY-MM-DD"),
        (_with(dates_of_birth=["1850"]), "dates_of_birth.0", "before 1900"),
        (_with(status="fugitive"), "status", "wanted"),
        (_with(crime_categories=["jaywalking"]), "crime_categories.0", "terrorism"),
        (_with(names=[{"full_name": "x" * 301}]), "names.0.full_name", "at most 300"),
        (_with(names=[]), "names", "at least 1"),
        (_with(names=[{"full_name": "A", "kind": "alias"}]), "names", "kind 'primary'"),
        (_with(place_of_birth="p" * 201), "place_of_birth", "at most 200"),
        (
            _with(identifiers=[{"kind": "passport", "number": "--", "country": "FR"}]),
            "identifiers.0.number",
            "no letter or digit",
        ),
        (
            _with(identifiers=[{"kind": "passport", "number": "1", "country": "XX"}]),
            "identifiers.0.country",
            "not an ISO 3166-1",
        ),
    ],
)
def test_invalid_persons_are_refused_naming_the_field(
    client, fr_operator, db, body, field, message
):
    response = client.post(f"{API}/persons", json=body, headers=fr_operator)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "request.validation"
    assert any(e["field"] == field and message in e["message"] for e in problem["errors"]), problem
    assert count(db, Person) == 0


def test_unknown_visibility_bureau_is_refused_and_nothing_stored(client, fr_operator, db):
    body = _with(visibility={"rule": "only", "bureaus": ["DE", "QQ"]})
    response = client.post(f"{API}/persons", json=body, headers=fr_operator)
    assert response.status_code == 422
    assert response.json()["code"] == "bureau.unknown"
    assert "visibility.bureaus" in response.json()["detail"]
    empty_only = client.post(
        f"{API}/persons", json=_with(visibility={"rule": "only"}), headers=fr_operator
    )
    assert empty_only.status_code == 422
    assert "needs at least one bureau" in empty_only.json()["detail"]
    assert count(db, Person) == 0


def test_invalid_update_changes_nothing(client, fr_operator):
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    bad = {"status": "missing", "nationalities": ["ZZ"]}
    assert (
        client.patch(f"{API}/persons/{person_id}", json=bad, headers=fr_operator).status_code == 422
    )
    bad_rule = {"status": "missing", "visibility": {"rule": "except", "bureaus": ["QQ"]}}
    response = client.patch(f"{API}/persons/{person_id}", json=bad_rule, headers=fr_operator)
    assert response.status_code == 422
    stored = client.get(f"{API}/persons/{person_id}", headers=fr_operator).json()
    assert (stored["status"], stored["nationalities"]) == ("wanted", ["FR", "DZ"])
    assert stored["visibility"]["rule"] == "all"


def test_missing_record_is_404_problem(client, fr_operator):
    response = client.get(f"{API}/persons/999999", headers=fr_operator)
    assert response.status_code == 404
    assert response.json()["code"] == "record.not_found"
