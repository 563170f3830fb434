"""Bulk import through the API: formats, the rejection report, all or nothing, side effects."""

from __future__ import annotations

import json

import pytest

from amana.core.principal import Role
from amana.records import bulk
from amana.records.models import Person, PersonName, TravelDocument, Vehicle
from tests.records_feature.conftest import API, DOCUMENT, PERSON, audit_entries, changes, count

PERSONS_CSV = (
    "name,aliases,original_script_names,status,sex,dates_of_birth,nationalities,"
    "crime_categories,identifiers\n"
    "Karim Haddad,K. Haddad;Kareem Hadad,ar:كريم حداد,wanted,male,1980-04-02;1980,FR;dz,"
    "drug_trafficking,passport:FR:12AB3456;national_id::998877\n"
    "Marie Dupont,,,missing,female,1975-06,FR,,\n"
)


def _import(client, headers, kind, body, fmt="csv", partial=False):
    params = {"format": fmt, "partial": str(partial).lower()}
    return client.post(
        f"{API}/import/{kind}", params=params, content=body.encode(), headers=headers
    )


def test_csv_persons_are_created_for_the_caller_bureau(client, fr_operator, db):
    response = _import(client, fr_operator, "persons", PERSONS_CSV)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["received"], report["created"], report["rejected"]) == (2, 2, [])
    listed = client.get(f"{API}/persons", headers=fr_operator).json()["items"]
    karim = next(p for p in listed if p["status"] == "wanted")
    assert karim["owner_bureau"] == "FR"
    assert [(n["full_name"], n["kind"], n["script"], n["language"]) for n in karim["names"]] == [
        ("Karim Haddad", "primary", "Latn", None),
        ("K. Haddad", "alias", "Latn", None),
        ("Kareem Hadad", "alias", "Latn", None),
        ("كريم حداد", "original_script", "Arab", "ar"),
    ]
    assert karim["nationalities"] == ["FR", "DZ"]
    assert karim["dates_of_birth"] == ["1980-04-02", "1980"]
    assert karim["identifiers"] == [
        {"kind": "passport", "number": "12AB3456", "country": "FR"},
        {"kind": "national_id", "number": "998877", "country": None},
    ]
    assert karim["created_by"] is not None


def test_import_is_audited_and_fed_to_the_screening_index(client, fr_operator, db):
    report = _import(client, fr_operator, "persons", PERSONS_CSV).json()
    [entry] = audit_entries(db, "record.import")
    assert (entry.actor_username, entry.target_kind, len(entry.target_ids)) == (
        "fr.operator",
        "person",
        report["created"],
    )
    assert entry.query["format"] == "csv"
    assert sorted(changes(db)) == sorted(("person", i, "upsert") for i in entry.target_ids)


def test_one_bad_row_and_nothing_is_stored(client, fr_operator, db):
    bad = PERSONS_CSV + "Ali,,,fugitive,,2999,QQ,,\n,,,wanted,,,,,\nX,,,wanted,,,,,passport\n"
    response = _import(client, fr_operator, "persons", bad)
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "import.rejected"
    assert problem["rejected_count"] == 3
    rows = {r["row"]: " | ".join(r["reasons"]) for r in problem["rejected"]}
    assert set(rows) == {3, 4, 5}
    assert "status: Input should be" in rows[3]
    assert "dates_of_birth.0: Value error, '2999' is in the future" in rows[3]
    assert "nationalities.0: Value error, 'QQ' is not" in rows[3]
    assert "names" in rows[4]
    assert "kind:country:number" in rows[5]
    assert (count(db, Person), count(db, PersonName)) == (0, 0)
    assert changes(db) == []
    assert audit_entries(db, "record.import") == []


def test_rejection_after_earlier_batches_rolls_them_back(client, fr_operator, db, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 2)
    rows = "".join(f"Person {i},,,wanted,,,,,\n" for i in range(7)) + "Bad,,,nope,,,,,\n"
    header = PERSONS_CSV.splitlines()[0] + "\n"
    assert _import(client, fr_operator, "persons", header + rows).status_code == 422
    assert count(db, Person) == 0


def test_partial_stores_the_good_rows_and_reports_the_bad(client, fr_operator, db):
    bad = PERSONS_CSV + "Ali,,,fugitive,,,,,\n"
    response = _import(client, fr_operator, "persons", bad, partial=True)
    assert response.status_code == 200
    report = response.json()
    assert (report["created"], report["rejected_count"]) == (2, 1)
    assert report["rejected"][0]["row"] == 3
    assert count(db, Person) == 2


def test_unknown_csv_columns_are_refused_before_any_row(client, fr_operator):
    response = _import(client, fr_operator, "persons", "nom,status\nA,wanted\n")
    assert response.status_code == 422
    assert response.json()["code"] == "import.format"
    assert "unknown column(s) nom" in response.json()["detail"]


def test_jsonl_rows_take_the_api_shape_and_may_state_a_rule(client, make, fr_operator):
    es_officer = make.user_headers("es.officer", "ES", Role.OFFICER)
    hidden = {**PERSON, "visibility": {"rule": "except", "bureaus": ["ES"]}}
    lines = "\n".join([json.dumps(PERSON), "", json.dumps(hidden), "{not json", "[1]"]) + "\n"
    response = _import(client, fr_operator, "persons", lines, fmt="jsonl", partial=True)
    report = response.json()
    assert (report["created"], report["received"]) == (2, 4)
    assert [(r["row"], r["reasons"][0][:14]) for r in report["rejected"]] == [
        (4, "malformed JSON"),
        (5, "a line must ho"),
    ]
    assert client.get(f"{API}/persons", headers=es_officer).json()["total"] == 1
    owner_view = client.get(f"{API}/persons", headers=fr_operator).json()["items"]
    assert {p["visibility"]["rule"] for p in owner_view} == {"all", "except"}


def test_csv_rows_take_the_bureau_default_rule(client, make, fr_operator):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    de_officer = make.user_headers("de.officer", "DE", Role.OFFICER)
    sharing = {"default_visibility": "only", "bureaus": ["ES"]}
    client.put(f"{API}/bureaus/FR/sharing", json=sharing, headers=admin)
    _import(client, fr_operator, "persons", PERSONS_CSV)
    items = client.get(f"{API}/persons", headers=fr_operator).json()["items"]
    assert {json.dumps(p["visibility"]) for p in items} == {
        json.dumps({"rule": "only", "bureaus": ["ES"]})
    }
    assert client.get(f"{API}/persons", headers=de_officer).json()["total"] == 0


def test_documents_import_applies_the_issuing_country_rule_and_duplicates(client, fr_operator, db):
    client.post(f"{API}/documents", json=DOCUMENT, headers=fr_operator)
    csv = (
        "number,doc_type,issuing_country,status,reported_on\n"
        "22AA00001,passport,FR,stolen,2024-01-05\n"
        "22AA00002,passport,DE,stolen,2024-01-05\n"
        "22-aa-00001,passport,FR,lost,2024-01-06\n"
        "19 FV 12345,passport,FR,lost,2024-01-06\n"
        "22AA00003,identity_card,FR,stolen_blank,\n"
    )
    report = _import(client, fr_operator, "documents", csv, partial=True).json()
    reasons = {r["row"]: r["reasons"][0] for r in report["rejected"]}
    assert set(reasons) == {2, 3, 4}
    assert "only the issuing country" in reasons[2]
    assert "same document is on row 1" in reasons[3]
    assert "already reported" in reasons[4]
    assert report["created"] == 2
    assert count(db, TravelDocument) == 3


def test_vehicles_import_checks_vins(client, fr_operator, db):
    csv = (
        "vin,plate,plate_country,make,model,colour,year,status\n"
        "1HGCM82633A004352,,,Honda,Accord,grey,2003,stolen\n"
        "1HGCM82633A004353,,,Honda,Accord,grey,2003,stolen\n"
        ",AB-123-CD,FR,,,,,stolen\n"
        ",,,Fiat,,,,stolen\n"
    )
    report = _import(client, fr_operator, "vehicles", csv, partial=True).json()
    reasons = {r["row"]: r["reasons"][0] for r in report["rejected"]}
    assert "check digit" in reasons[2]
    assert "vin or plate is required" in reasons[4]
    assert count(db, Vehicle, Vehicle.plate_key == "AB123CD") == 1
    assert count(db, Vehicle) == 2


def test_followthemoney_persons(client, fr_operator):
    entities = [
        {
            "id": "os-1",
            "schema": "Person",
            "properties": {
                "name": ["Viktor Petrov"],
                "alias": ["Виктор Петров", "V. Petrov"],
                "previousName": ["Viktor Ivanov"],
                "birthDate": ["1970-05-01"],
                "nationality": ["ru"],
                "gender": ["male"],
                "passportNumber": ["7512 345678"],
                "idNumber": ["ID-55"],
                "topics": ["wanted", "crime.terror"],
            },
        },
        {"id": "os-2", "schema": "Sanction", "properties": {"entity": ["os-1"]}},
        {
            "id": "os-3",
            "schema": "Person",
            "properties": {"name": ["Jane Roe"], "gender": ["other"]},
        },
    ]
    body = "\n".join(json.dumps(e, ensure_ascii=False) for e in entities)
    report = _import(client, fr_operator, "persons", body, fmt="ftm").json()
    assert (report["created"], report["skipped"], report["received"]) == (2, 1, 2)
    items = client.get(f"{API}/persons", headers=fr_operator).json()["items"]
    jane, viktor = items
    assert [(n["full_name"], n["kind"]) for n in viktor["names"]] == [
        ("Viktor Petrov", "primary"),
        ("Виктор Петров", "original_script"),
        ("V. Petrov", "alias"),
        ("Viktor Ivanov", "birth_name"),
    ]
    assert (viktor["status"], viktor["sex"], viktor["nationalities"]) == ("wanted", "male", ["RU"])
    assert viktor["crime_categories"] == ["terrorism"]
    assert [i["kind"] for i in viktor["identifiers"]] == ["passport", "national_id"]
    assert (jane["status"], jane["sex"]) == ("person_of_interest", "unknown")


def test_followthemoney_is_for_persons_only(client, fr_operator):
    response = _import(client, fr_operator, "documents", "{}", fmt="ftm")
    assert response.status_code == 422
    assert "ftm is for persons only" in response.json()["detail"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.BUREAU_ADMIN])
def test_only_operators_import(client, make, db, role):
    headers = make.user_headers("fr.user", "FR", role)
    assert _import(client, headers, "persons", PERSONS_CSV).status_code == 403
    assert count(db, Person) == 0
