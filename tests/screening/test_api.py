"""Screening through the API: hits, visibility, hit notification, freshness, bad input."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.core.principal import Role

FRESH_WITHIN_SECONDS = 1.0


def _person(client, headers, names, **extra):
    body = {
        "status": "wanted",
        "names": [
            {"full_name": n, "kind": "primary" if i == 0 else "alias"} for i, n in enumerate(names)
        ],
        **extra,
    }
    response = client.post("/api/v1/persons", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _screen(client, headers, **body):
    response = client.post("/api/v1/screening/persons", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["hits"]


def _wait_for(check, seconds: float = FRESH_WITHIN_SECONDS):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


@pytest.fixture
def bureaus(make):
    return {
        "eg_operator": make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR),
        "fr_officer": make.user_headers("fr.officer", "FR", Role.OFFICER),
        "es_officer": make.user_headers("es.officer", "ES", Role.OFFICER),
    }


def test_an_arabic_name_finds_its_latin_record_with_an_explanation(client, bureaus):
    record = _person(
        client,
        bureaus["eg_operator"],
        ["Mohammed Abdullah Al-Masri"],
        dates_of_birth=["1980-05-02"],
        nationalities=["EG"],
        sex="male",
    )
    hits = _wait_for(
        lambda: _screen(client, bureaus["fr_officer"], names=["محمد عبد الله المصري"], dob="1980")
    )
    assert [h["record_id"] for h in hits] == [record]
    hit = hits[0]
    assert hit["score"] >= 0.85
    assert hit["owner_bureau"] == "EG"
    reasons = {(r["feature"], r["how"]) for r in hit["explanation"]}
    assert ("name", "transliteration") in reasons
    assert ("dob", "same year (partial date)") in reasons


def test_records_created_changed_and_deleted_are_reflected_within_a_second(client, bureaus):
    operator, officer = bureaus["eg_operator"], bureaus["fr_officer"]
    record = _person(client, operator, ["Khalid Yousef Haddad"])
    assert _wait_for(lambda: _screen(client, officer, names=["Khaled Youssef Haddad"]))
    renamed = client.patch(
        f"/api/v1/persons/{record}",
        headers=operator,
        json={"names": [{"full_name": "Samir Nabil Tawfik", "kind": "primary"}]},
    )
    assert renamed.status_code == 200, renamed.text
    assert _wait_for(lambda: _screen(client, officer, names=["Samir Nabil Tawfik"]))
    assert _wait_for(lambda: not _screen(client, officer, names=["Khaled Youssef Haddad"]))
    assert client.delete(f"/api/v1/persons/{record}", headers=operator).status_code == 204
    assert _wait_for(lambda: not _screen(client, officer, names=["Samir Nabil Tawfik"]))


def test_hits_respect_the_owner_visibility_rule(client, bureaus):
    _person(
        client,
        bureaus["eg_operator"],
        ["Tariq Mahmoud Saleh"],
        visibility={"rule": "except", "bureaus": ["ES"]},
    )
    assert _wait_for(lambda: _screen(client, bureaus["fr_officer"], names=["Tariq Mahmoud Saleh"]))
    assert _screen(client, bureaus["es_officer"], names=["Tariq Mahmoud Saleh"]) == []


def test_the_owner_is_notified_and_answers_and_the_searcher_sees_the_answer(client, make, bureaus):
    record = _person(
        client, bureaus["eg_operator"], ["Nabil Fawzi Rahman"], dates_of_birth=["1975-03-04"]
    )
    hits = _wait_for(
        lambda: _screen(
            client, bureaus["fr_officer"], names=["Nabil Fawzi Rahman"], dob="1975-03-04"
        )
    )
    hit_id = hits[0]["hit_id"]
    assert hit_id is not None
    owner_view = client.get(
        "/api/v1/hits", params={"side": "owner"}, headers=bureaus["eg_operator"]
    ).json()
    notified = owner_view["items"][0]
    assert (notified["record_id"], notified["searching_bureau"], notified["status"]) == (
        record,
        "FR",
        "pending",
    )
    assert notified["searched_by_username"] == "fr.officer"
    assert notified["score"] >= 0.85
    refused = client.post(
        f"/api/v1/hits/{hit_id}/answer", json={"status": "confirmed"}, headers=bureaus["fr_officer"]
    )
    assert refused.status_code == 403  # an officer of the searching bureau cannot answer
    answered = client.post(
        f"/api/v1/hits/{hit_id}/answer",
        json={"status": "confirmed", "note": "same person, warrant valid"},
        headers=bureaus["eg_operator"],
    )
    assert answered.status_code == 200, answered.text
    searcher_view = client.get(
        "/api/v1/hits", params={"side": "searcher"}, headers=bureaus["fr_officer"]
    ).json()["items"][0]
    assert searcher_view["status"] == "confirmed"
    assert searcher_view["answered_by_username"] == "eg.operator"
    assert (
        client.get("/api/v1/hits", params={"side": "owner"}, headers=bureaus["es_officer"]).json()[
            "items"
        ]
        == []
    )


def test_every_search_is_audited_with_the_ids_returned(client, bureaus, db):
    record = _person(client, bureaus["eg_operator"], ["Hassan Omar Bakri"])
    _wait_for(lambda: _screen(client, bureaus["fr_officer"], names=["Hasan Omar Bakri"]))
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "screening.person")).all()
    assert entries[-1].actor_bureau == "FR"
    assert entries[-1].target_ids == [record]
    assert entries[-1].query["names"] == ["Hasan Omar Bakri"]


def test_batch_screening_of_a_manifest(client, bureaus):
    record = _person(
        client, bureaus["eg_operator"], ["Youssef Kamal Ibrahim"], dates_of_birth=["1990"]
    )
    _wait_for(lambda: _screen(client, bureaus["fr_officer"], names=["Youssef Kamal Ibrahim"]))
    travellers = [
        {"ref": f"seat-{n}", "names": [f"Passenger Number{n} Traveller"]} for n in range(200)
    ]
    travellers[57] = {"ref": "seat-57", "names": ["Yusuf Kamal Ibrahim"], "dob": "1990"}
    response = client.post(
        "/api/v1/screening/batch", json={"travellers": travellers}, headers=bureaus["fr_officer"]
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["travellers"] == 200
    assert result["with_hits"] == 1
    flagged = [r for r in result["results"] if r["hits"]]
    assert flagged[0]["ref"] == "seat-57"
    assert flagged[0]["hits"][0]["record_id"] == record


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"names": []}, 422, "names"),
        ({"names": [""]}, 422, "names"),
        ({"names": ["!!! ---"]}, 422, "contains no letters"),
        ({"names": ["a" * 10_000]}, 422, "at most 300 characters"),
        ({"names": ["Ali Hassan"], "dob": "2999"}, 422, "in the future"),
        ({"names": ["Ali Hassan"], "dob": "1990-02-30"}, 422, "not a calendar date"),
        ({"names": ["Ali Hassan"], "dob": "yesterday"}, 422, "dob"),
        ({"names": ["Ali Hassan"], "nationality": "EGY"}, 422, "nationality"),
        ({"names": ["Ali Hassan"], "threshold": 0.1}, 422, "threshold"),
    ],
)
def test_bad_person_queries_get_precise_answers(client, bureaus, body, status, fragment):
    response = client.post("/api/v1/screening/persons", json=body, headers=bureaus["fr_officer"])
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert fragment in response.json()["detail"]


def test_batches_over_the_limit_are_refused(client, bureaus, app):
    settings = app.state.settings
    app.state.settings = settings.model_copy(update={"screening_batch_limit": 3})
    try:
        travellers = [{"ref": str(n), "names": ["Ali Hassan"]} for n in range(4)]
        response = client.post(
            "/api/v1/screening/batch",
            json={"travellers": travellers},
            headers=bureaus["fr_officer"],
        )
    finally:
        app.state.settings = settings
    assert response.status_code == 413
    assert response.json()["code"] == "screening.batch_too_large"
    assert "limit of 3" in response.json()["detail"]


def test_screening_needs_authentication(client):
    assert client.post("/api/v1/screening/persons", json={"names": ["x"]}).status_code == 401
