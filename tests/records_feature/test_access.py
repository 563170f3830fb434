"""Who may do what with records, who sees them, and what every access leaves behind."""

from __future__ import annotations

import pytest

from amana.core.principal import Role
from amana.records import service
from amana.records.models import Person
from tests.records_feature.conftest import API, BODIES, PERSON, audit_entries, changes, count


@pytest.mark.parametrize("path", list(BODIES))
def test_officers_read_but_cannot_write(client, make, fr_operator, db, path):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    record_id = client.post(f"{API}/{path}", json=BODIES[path], headers=fr_operator).json()["id"]
    assert client.get(f"{API}/{path}/{record_id}", headers=officer).status_code == 200
    assert client.get(f"{API}/{path}", headers=officer).json()["total"] == 1
    refused = [
        client.post(f"{API}/{path}", json=BODIES[path], headers=officer),
        client.patch(f"{API}/{path}/{record_id}", json={}, headers=officer),
        client.delete(f"{API}/{path}/{record_id}", headers=officer),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert all("write_own_records" in r.json()["detail"] for r in refused)
    assert client.get(f"{API}/{path}", headers=officer).json()["total"] == 1


@pytest.mark.parametrize("path", list(BODIES))
def test_another_bureau_cannot_change_or_delete_a_record(client, fr_operator, de_operator, path):
    record = client.post(f"{API}/{path}", json=BODIES[path], headers=fr_operator).json()
    url = f"{API}/{path}/{record['id']}"
    assert client.get(url, headers=de_operator).status_code == 200  # shared with all
    patch = client.patch(url, json={"status": BODIES[path]["status"]}, headers=de_operator)
    assert patch.status_code == 403
    assert patch.json()["code"] == "record.not_owner"
    assert client.delete(url, headers=de_operator).status_code == 403
    assert client.get(url, headers=fr_operator).json()["updated_at"] == record["updated_at"]


def test_secretariat_and_admins_cannot_write_records(client, make, fr_operator):
    record_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    for username, bureau, role in [
        ("sysadmin", "XG", Role.SYSTEM_ADMIN),
        ("gs.reviewer", "XG", Role.SECRETARIAT_REVIEWER),
        ("fr.admin", "FR", Role.BUREAU_ADMIN),
    ]:
        headers = make.user_headers(username, bureau, role)
        assert client.post(f"{API}/persons", json=PERSON, headers=headers).status_code == 403
        assert client.delete(f"{API}/persons/{record_id}", headers=headers).status_code == 403


def test_records_need_authentication(client):
    for path in BODIES:
        assert client.get(f"{API}/{path}").status_code == 401
        assert client.post(f"{API}/{path}", json=BODIES[path]).status_code == 401


@pytest.mark.parametrize("path", list(BODIES))
def test_only_rule_hides_records_from_other_bureaus(client, make, fr_operator, path):
    de_officer = make.user_headers("de.officer", "DE", Role.OFFICER)
    es_officer = make.user_headers("es.officer", "ES", Role.OFFICER)
    body = {**BODIES[path], "visibility": {"rule": "only", "bureaus": ["de"]}}
    record = client.post(f"{API}/{path}", json=body, headers=fr_operator).json()
    assert record["visibility"] == {"rule": "only", "bureaus": ["DE"]}
    url = f"{API}/{path}/{record['id']}"
    assert client.get(url, headers=de_officer).status_code == 200
    assert client.get(url, headers=de_officer).json()["visibility"] == {
        "rule": "only",
        "bureaus": None,
    }
    hidden = client.get(url, headers=es_officer)
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "record.not_found"
    assert client.get(f"{API}/{path}", headers=es_officer).json() == {
        "items": [],
        "total": 0,
        "page": 1,
        "per_page": 50,
    }
    assert client.get(f"{API}/{path}", headers=de_officer).json()["total"] == 1


def test_except_rule_hides_from_the_listed_bureau_even_for_writes(client, make, fr_operator):
    es_operator = make.user_headers("es.operator", "ES", Role.BUREAU_OPERATOR)
    it_officer = make.user_headers("it.officer", "IT", Role.OFFICER)
    body = {**PERSON, "visibility": {"rule": "except", "bureaus": ["ES"]}}
    person_id = client.post(f"{API}/persons", json=body, headers=fr_operator).json()["id"]
    url = f"{API}/persons/{person_id}"
    assert client.get(url, headers=it_officer).status_code == 200
    assert client.get(url, headers=es_operator).status_code == 404
    assert client.patch(url, json={"status": "missing"}, headers=es_operator).status_code == 404
    assert client.delete(url, headers=es_operator).status_code == 404
    assert client.get(f"{API}/persons", headers=es_operator).json()["total"] == 0


def test_records_take_the_owner_bureau_default_rule(client, make, fr_operator):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    es_officer = make.user_headers("es.officer", "ES", Role.OFFICER)
    sharing = {"default_visibility": "except", "bureaus": ["ES"]}
    assert client.put(f"{API}/bureaus/FR/sharing", json=sharing, headers=admin).status_code == 200
    person = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()
    assert person["visibility"] == {"rule": "except", "bureaus": ["ES"]}
    assert client.get(f"{API}/persons/{person['id']}", headers=es_officer).status_code == 404


def test_the_owner_changes_the_rule_later(client, make, fr_operator):
    es_officer = make.user_headers("es.officer", "ES", Role.OFFICER)
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    url = f"{API}/persons/{person_id}"
    assert client.get(url, headers=es_officer).status_code == 200
    rule = {"visibility": {"rule": "only", "bureaus": ["DE", "IT"]}}
    changed = client.patch(url, json=rule, headers=fr_operator)
    assert changed.json()["visibility"] == {"rule": "only", "bureaus": ["DE", "IT"]}
    assert client.get(url, headers=es_officer).status_code == 404
    client.patch(url, json={"visibility": {"rule": "all"}}, headers=fr_operator)
    assert client.get(url, headers=es_officer).status_code == 200


def test_every_access_is_audited_with_the_ids_returned(client, make, fr_operator, db):
    officer = make.user_headers("de.officer", "DE", Role.OFFICER)
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    client.get(f"{API}/persons/{person_id}", headers=officer)
    client.get(f"{API}/persons", params={"status": "wanted"}, headers=officer)
    client.patch(f"{API}/persons/{person_id}", json={"sex": "unknown"}, headers=fr_operator)
    client.delete(f"{API}/persons/{person_id}", headers=fr_operator)
    expected = {
        "record.create": ("fr.operator", [person_id]),
        "record.read": ("de.officer", [person_id]),
        "record.list": ("de.officer", [person_id]),
        "record.update": ("fr.operator", [person_id]),
        "record.delete": ("fr.operator", [person_id]),
    }
    for action, (username, ids) in expected.items():
        [entry] = audit_entries(db, action)
        assert (entry.actor_username, entry.target_kind, entry.target_ids) == (
            username,
            "person",
            ids,
        ), action
    assert audit_entries(db, "record.list")[0].query["status"] == "wanted"
    assert audit_entries(db, "record.update")[0].query == {"changed": ["sex"]}


def test_a_refused_write_leaves_no_record_audit_entry_or_change(client, make, fr_operator, db):
    officer = make.user_headers("fr.officer", "FR", Role.OFFICER)
    client.post(f"{API}/persons", json=PERSON, headers=officer)
    assert count(db, Person) == 0
    assert audit_entries(db, "record.create") == []
    assert len(audit_entries(db, "access.denied")) == 1
    assert changes(db) == []


def test_writes_append_to_the_change_feed_in_order(client, fr_operator, db):
    person_id = client.post(f"{API}/persons", json=PERSON, headers=fr_operator).json()["id"]
    doc_id = client.post(f"{API}/documents", json=BODIES["documents"], headers=fr_operator).json()[
        "id"
    ]
    client.patch(f"{API}/persons/{person_id}", json={"status": "missing"}, headers=fr_operator)
    client.patch(
        f"{API}/documents/{doc_id}",
        json={"visibility": {"rule": "except", "bureaus": ["ES"]}},
        headers=fr_operator,
    )
    client.delete(f"{API}/persons/{person_id}", headers=fr_operator)
    client.get(f"{API}/persons", headers=fr_operator)  # reads change nothing
    assert changes(db) == [
        ("person", person_id, "upsert"),
        ("travel_document", doc_id, "upsert"),
        ("person", person_id, "upsert"),
        ("travel_document", doc_id, "upsert"),
        ("person", person_id, "delete"),
    ]
    latest = service.latest_change_id(db)
    feed = service.changes_since(db, after_id=0)
    assert [c.id for c in feed] == sorted(c.id for c in feed)
    assert feed[-1].id == latest
    assert [c.op for c in service.changes_since(db, after_id=feed[2].id)] == ["upsert", "delete"]
    assert service.changes_since(db, after_id=0, limit=2) == feed[:2]
    assert service.changes_since(db, after_id=latest) == []
