"""Vehicles, firearms and works of art through the API."""

from __future__ import annotations

import pytest

from amana.records.models import Artwork, Firearm, Vehicle
from tests.records_feature.conftest import API, ARTWORK, FIREARM, VEHICLE, count


@pytest.mark.parametrize(
    ("path", "body", "change", "model"),
    [
        ("vehicles", VEHICLE, {"status": "seized", "colour": "red"}, Vehicle),
        ("firearms", FIREARM, {"status": "seized", "calibre": None}, Firearm),
        ("artworks", ARTWORK, {"status": "looted", "dimensions": "51 x 70 cm"}, Artwork),
    ],
)
def test_create_read_update_delete(client, fr_operator, db, path, body, change, model):
    created = client.post(f"{API}/{path}", json=body, headers=fr_operator)
    assert created.status_code == 201, created.text
    record = created.json()
    assert record["owner_bureau"] == "FR"
    assert {k: record[k] for k in body} == body
    read = client.get(f"{API}/{path}/{record['id']}", headers=fr_operator)
    assert read.json() == record
    updated = client.patch(f"{API}/{path}/{record['id']}", json=change, headers=fr_operator)
    assert updated.status_code == 200, updated.text
    assert {k: updated.json()[k] for k in change} == change
    assert updated.json()["updated_at"] >= record["updated_at"]
    listed = client.get(f"{API}/{path}", headers=fr_operator).json()
    assert [item["id"] for item in listed["items"]] == [record["id"]]
    assert client.delete(f"{API}/{path}/{record['id']}", headers=fr_operator).status_code == 204
    assert client.get(f"{API}/{path}/{record['id']}", headers=fr_operator).status_code == 404
    assert count(db, model) == 0


def test_vehicles_are_found_by_vin_and_plate_whatever_the_spacing(client, fr_operator, db):
    vehicle_id = client.post(f"{API}/vehicles", json=VEHICLE, headers=fr_operator).json()["id"]
    for params in ({"vin": "1hgcm82633a004352"}, {"plate": "ab 123 cd"}):
        found = client.get(f"{API}/vehicles", params=params, headers=fr_operator).json()
        assert [v["id"] for v in found["items"]] == [vehicle_id], params
    assert (
        client.get(f"{API}/vehicles", params={"plate": "ZZ"}, headers=fr_operator).json()["total"]
        == 0
    )
    stored = db.get(Vehicle, vehicle_id)
    assert (stored.vin_key, stored.plate_key) == ("1HGCM82633A004352", "AB123CD")


def test_firearms_are_found_by_serial_number_key(client, fr_operator):
    firearm_id = client.post(f"{API}/firearms", json=FIREARM, headers=fr_operator).json()["id"]
    found = client.get(f"{API}/firearms", params={"serial_number": "abc-123"}, headers=fr_operator)
    assert [f["id"] for f in found.json()["items"]] == [firearm_id]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"vin": "1HGCM82633A004353"}, "vin", "check digit"),
        ({"vin": "1HGCM8263OA004352"}, "vin", "never contains the letters I, O or Q"),
        ({"vin": "WVWZZZ1JZXW00000"}, "vin", "17 characters"),
        ({"vin": None, "plate": None}, "body", "vin or plate is required"),
        ({"year": 1850}, "year", "not a plausible model year"),
        ({"plate_country": "QQ"}, "plate_country", "not an ISO 3166-1"),
        ({"plate": "P" * 21}, "plate", "at most 20"),
        ({"status": "borrowed"}, "status", "stolen"),
    ],
)
def test_invalid_vehicles_are_refused(client, fr_operator, db, changes, field, message):
    response = client.post(f"{API}/vehicles", json={**VEHICLE, **changes}, headers=fr_operator)
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert any(e["field"] == field and message in e["message"] for e in errors), errors
    assert count(db, Vehicle) == 0


def test_check_digit_is_only_binding_for_north_america_and_china(client, fr_operator):
    # A European VIN whose position 9 is a manufacturer code, not a check digit.
    european = {**VEHICLE, "vin": "WVWZZZ1JZXW000001", "plate": None}
    assert client.post(f"{API}/vehicles", json=european, headers=fr_operator).status_code == 201
    chinese = {**VEHICLE, "vin": "LVSHCAMB2CE054249", "plate": None}
    response = client.post(f"{API}/vehicles", json=chinese, headers=fr_operator)
    assert response.status_code == 422
    assert "check digit" in response.json()["detail"]


def test_clearing_both_vin_and_plate_is_refused(client, fr_operator):
    vehicle_id = client.post(f"{API}/vehicles", json=VEHICLE, headers=fr_operator).json()["id"]
    response = client.patch(
        f"{API}/vehicles/{vehicle_id}", json={"vin": None, "plate": None}, headers=fr_operator
    )
    assert response.status_code == 422
    assert response.json()["code"] == "vehicle.unidentifiable"
    assert (
        client.patch(
            f"{API}/vehicles/{vehicle_id}", json={"vin": None}, headers=fr_operator
        ).json()["plate"]
        == "AB-123-CD"
    )


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("firearms", {**FIREARM, "firearm_type": "cannon"}, "firearm_type"),
        ("firearms", {**FIREARM, "serial_number": ""}, "serial_number"),
        ("firearms", {**FIREARM, "make": "M" * 61}, "make"),
        ("artworks", {**ARTWORK, "description": "d" * 10_001}, "description"),
        ("artworks", {**ARTWORK, "image_refs": ["x"] * 21}, "image_refs"),
        ("artworks", {**ARTWORK, "title": "  "}, "title"),
    ],
)
def test_invalid_objects_are_refused(client, fr_operator, path, body, field):
    response = client.post(f"{API}/{path}", json=body, headers=fr_operator)
    assert response.status_code == 422, response.text
    assert any(e["field"] == field for e in response.json()["errors"])
    assert client.get(f"{API}/{path}", headers=fr_operator).json()["total"] == 0
