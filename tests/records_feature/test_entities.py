"""Organisations and vessels through the API: create, read, change, list, delete; the edge
checks (country, IMO, MMSI, LEI, BIC); the visibility rule, the audit trail and the change feed."""

from __future__ import annotations

from typing import Any

import pytest

from amana.records.models import Organisation, Vessel
from tests.records_feature.conftest import API, audit_entries, changes, count

ORGANISATION: dict[str, Any] = {
    "names": [{"name": "ОАО «Северный путь»"}, {"name": "Severny Put OAO"}],
    "org_kind": "company",
    "legal_form": "OAO",
    "country": "ru",
    "identifiers": [{"kind": "lei", "value": "529900T8BM49AURSDO55"}],
    "status": "sanctioned",
}
VESSEL: dict[str, Any] = {
    "names": [{"name": "Ocean Star"}, {"name": "Morskaya Zvezda"}],
    "imo": "IMO 9074729",
    "mmsi": "352001234",
    "flag": "PA",
    "vessel_type": "tanker",
    "status": "sanctioned",
}


def test_an_organisation_is_created_read_changed_listed_and_deleted(client, fr_operator, db):
    created = client.post(f"{API}/organisations", json=ORGANISATION, headers=fr_operator)
    assert created.status_code == 201, created.text
    record = created.json()
    assert record["owner_bureau"] == "FR"
    assert record["country"] == "RU"
    assert [(n["name"], n["script"]) for n in record["names"]] == [
        ("ОАО «Северный путь»", "Cyrl"),
        ("Severny Put OAO", "Latn"),
    ]
    assert client.get(f"{API}/organisations/{record['id']}", headers=fr_operator).json() == record
    change = {"status": "dissolved", "names": [{"name": "Severny Put JSC"}]}
    updated = client.patch(f"{API}/organisations/{record['id']}", json=change, headers=fr_operator)
    assert updated.status_code == 200, updated.text
    assert updated.json()["names"] == [{"name": "Severny Put JSC", "script": "Latn"}]
    listed = client.get(f"{API}/organisations", params={"country": "RU"}, headers=fr_operator)
    assert [o["id"] for o in listed.json()["items"]] == [record["id"]]
    deleted = client.delete(f"{API}/organisations/{record['id']}", headers=fr_operator)
    assert deleted.status_code == 204
    assert count(db, Organisation) == 0
    assert [c[2] for c in changes(db) if c[0] == "organisation"] == ["upsert", "upsert", "delete"]
    assert len(audit_entries(db, "record.create")) == 1


def test_a_vessel_keeps_its_imo_number_without_prefix_and_is_found_by_it(client, fr_operator, db):
    created = client.post(f"{API}/vessels", json=VESSEL, headers=fr_operator)
    assert created.status_code == 201, created.text
    assert created.json()["imo"] == "9074729"
    for imo in ("9074729", "IMO 9074729", "imo9074729"):
        found = client.get(f"{API}/vessels", params={"imo": imo}, headers=fr_operator).json()
        assert [v["id"] for v in found["items"]] == [created.json()["id"]], imo
    assert db.get(Vessel, created.json()["id"]).mmsi == "352001234"


@pytest.mark.parametrize(
    ("path", "body", "changes_", "field", "message"),
    [
        ("vessels", VESSEL, {"imo": "IMO 9074728"}, "imo", "check digit"),
        ("vessels", VESSEL, {"mmsi": "12345"}, "mmsi", "not an MMSI"),
        ("vessels", VESSEL, {"flag": "QQ"}, "flag", "not an ISO 3166-1"),
        ("vessels", VESSEL, {"names": []}, "names", "at least 1"),
        ("vessels", VESSEL, {"vessel_type": "spaceship"}, "vessel_type", "tanker"),
        ("organisations", ORGANISATION, {"country": "XX"}, "country", "not an ISO 3166-1"),
        ("organisations", ORGANISATION, {"org_kind": "cult"}, "org_kind", "criminal_group"),
        (
            "organisations",
            ORGANISATION,
            {"identifiers": [{"kind": "lei", "value": "529900T8BM49AURSDO56"}]},
            "identifiers.0",
            "not an LEI",
        ),
        (
            "organisations",
            ORGANISATION,
            {"identifiers": [{"kind": "bic", "value": "DEUT"}]},
            "identifiers.0",
            "not a BIC",
        ),
    ],
)
def test_invalid_bodies_are_refused_naming_the_field(
    client, fr_operator, db, path, body, changes_, field, message
):
    response = client.post(f"{API}/{path}", json={**body, **changes_}, headers=fr_operator)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert any(e["field"] == field and message in e["message"] for e in errors), errors
    assert count(db, Organisation) + count(db, Vessel) == 0


def test_another_bureau_reads_by_the_rule_and_never_writes(client, fr_operator, de_operator):
    hidden = {**VESSEL, "visibility": {"rule": "only", "bureaus": ["ES"]}}
    vessel_id = client.post(f"{API}/vessels", json=hidden, headers=fr_operator).json()["id"]
    assert client.get(f"{API}/vessels/{vessel_id}", headers=de_operator).status_code == 404
    shared = client.post(f"{API}/organisations", json=ORGANISATION, headers=fr_operator).json()
    assert client.get(f"{API}/organisations/{shared['id']}", headers=de_operator).status_code == 200
    refused = client.patch(
        f"{API}/organisations/{shared['id']}", json={"status": "other"}, headers=de_operator
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "record.not_owner"


def test_patch_cannot_null_what_a_record_needs(client, fr_operator):
    vessel_id = client.post(f"{API}/vessels", json=VESSEL, headers=fr_operator).json()["id"]
    for change in ({"names": None}, {"status": None}, {"vessel_type": None}):
        response = client.patch(f"{API}/vessels/{vessel_id}", json=change, headers=fr_operator)
        assert response.status_code == 422, (change, response.text)
