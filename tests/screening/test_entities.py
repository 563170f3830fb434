"""Organisation and vessel screening through the API: cross-script names, legal forms as
qualifiers, identifiers, visibility, hits for the owner, audit, freshness and bad input."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.core.principal import Role

API = "/api/v1"
FRESH_WITHIN_SECONDS = 1.0


@pytest.fixture
def actors(make):
    return {
        "ru_operator": make.user_headers("ru.operator", "RU", Role.BUREAU_OPERATOR),
        "pa_operator": make.user_headers("pa.operator", "PA", Role.BUREAU_OPERATOR),
        "fr_officer": make.user_headers("fr.officer", "FR", Role.OFFICER),
        "es_officer": make.user_headers("es.officer", "ES", Role.OFFICER),
    }


def _create(client, headers, path, body):
    response = client.post(f"{API}/{path}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _organisation(client, headers, *names, **extra):
    body = {
        "names": [{"name": n} for n in names],
        "org_kind": "company",
        "status": "sanctioned",
        **extra,
    }
    return _create(client, headers, "organisations", body)


def _vessel(client, headers, *names, **extra):
    body = {
        "names": [{"name": n} for n in names],
        "vessel_type": "tanker",
        "status": "sanctioned",
        **extra,
    }
    return _create(client, headers, "vessels", body)


def _screen(client, headers, path, **body):
    response = client.post(f"{API}/screening/{path}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["hits"]


def _wait_for(check, seconds: float = FRESH_WITHIN_SECONDS):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def test_a_cyrillic_company_is_found_by_its_latin_name_with_the_legal_form_compared(
    client, actors, db
):
    record = _organisation(client, actors["ru_operator"], "ОАО «Газпром»", country="RU")
    hits = _wait_for(
        lambda: _screen(
            client, actors["fr_officer"], "organisations", names=["Gazprom OAO"], country="RU"
        )
    )
    assert [h["record_id"] for h in hits] == [record]
    hit = hits[0]
    assert hit["record_kind"] == "organisation"
    assert hit["score"] >= 0.95
    reasons = {(r["feature"], r["how"]) for r in hit["explanation"]}
    assert ("legal_form", "same type") in reasons
    assert ("name", "transliteration") in reasons
    assert hit["summary"]["names"] == ["ОАО «Газпром»"]
    assert hit["hit_id"] is not None  # the owner (RU) is told
    owned = client.get(f"{API}/hits", params={"side": "owner"}, headers=actors["ru_operator"])
    assert [(h["record_kind"], h["display_name"]) for h in owned.json()["items"]] == [
        ("organisation", "ОАО «Газпром»")
    ]
    assert "legal_form same type" in owned.json()["items"][0]["explanation"]
    db.commit()
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "screening.organisation"))
    last = list(entries)[-1]  # each search is audited (the first ones may have raced the index)
    assert (last.query["names"], last.target_ids) == (["Gazprom OAO"], [record])


def test_another_business_of_the_same_form_is_not_a_hit(client, actors):
    _organisation(client, actors["ru_operator"], "Alpha Trading LLC")
    assert _wait_for(
        lambda: _screen(client, actors["fr_officer"], "organisations", names=["Alpha Trading"])
    )
    assert not _screen(client, actors["fr_officer"], "organisations", names=["Alpha Shipping LLC"])


def test_a_vessel_is_found_by_its_imo_number_with_or_without_prefix(client, actors):
    record = _vessel(client, actors["pa_operator"], "Ocean Star", imo="9074729", flag="PA")
    for imo in ("IMO 9074729", "9074729"):
        hits = _wait_for(lambda imo=imo: _screen(client, actors["fr_officer"], "vessels", imo=imo))
        assert [h["record_id"] for h in hits] == [record], imo
        assert hits[0]["how"] == "identifier"
    by_name = _screen(client, actors["fr_officer"], "vessels", names=["MV Ocean Star"])
    assert [h["record_id"] for h in by_name] == [record]
    other_ship = _screen(
        client, actors["fr_officer"], "vessels", names=["Ocean Star"], imo="IMO 9176187"
    )
    assert other_ship == []  # same name, another hull


def test_records_the_bureau_may_not_see_are_not_hits(client, actors):
    hidden = {"rule": "only", "bureaus": ["ES"]}
    _vessel(client, actors["pa_operator"], "Seven Seas", visibility=hidden)
    assert _wait_for(lambda: _screen(client, actors["es_officer"], "vessels", names=["7 Seas"]))
    assert _screen(client, actors["fr_officer"], "vessels", names=["7 Seas"]) == []


def test_changes_and_deletions_are_screened_within_a_second(client, actors):
    record = _organisation(client, actors["ru_operator"], "Northwind Holdings Ltd")
    asked = {"names": ["Northwind Holdings"]}
    assert _wait_for(lambda: _screen(client, actors["fr_officer"], "organisations", **asked))
    client.patch(
        f"{API}/organisations/{record}",
        json={"names": [{"name": "Blue Lagoon Fisheries Ltd"}]},
        headers=actors["ru_operator"],
    )
    assert _wait_for(lambda: not _screen(client, actors["fr_officer"], "organisations", **asked))
    client.delete(f"{API}/organisations/{record}", headers=actors["ru_operator"])
    assert _wait_for(
        lambda: (
            not _screen(
                client, actors["fr_officer"], "organisations", names=["Blue Lagoon Fisheries"]
            )
        )
    )


def test_an_identifier_alone_finds_an_organisation(client, actors):
    record = _organisation(
        client,
        actors["ru_operator"],
        "Baltic Star Bank",
        identifiers=[{"kind": "bic", "value": "DEUTDEFF"}],
    )
    hits = _wait_for(
        lambda: _screen(
            client,
            actors["fr_officer"],
            "organisations",
            identifiers=[{"value": "DEUT DE FF XXX"}],
        )
    )
    assert [h["record_id"] for h in hits] == [record]


@pytest.mark.parametrize(
    ("path", "body", "field", "message"),
    [
        ("vessels", {"imo": "IMO 9074728"}, "imo", "check digit"),
        ("vessels", {"mmsi": "12"}, "mmsi", "not an MMSI"),
        ("vessels", {}, "imo", "give a name or an identifier"),
        ("vessels", {"names": ["Ocean"], "flag": "QQ"}, "flag", "not an ISO 3166-1"),
        ("organisations", {}, "identifiers", "give a name or an identifier"),
        ("organisations", {"names": ["!!!"]}, "names.0", "no letter or digit"),
        ("organisations", {"names": ["x"], "country": "XX"}, "country", "not an ISO 3166-1"),
        (
            "organisations",
            {"identifiers": [{"kind": "lei", "value": "123"}]},
            "identifiers.0.value",
            "not an LEI",
        ),
        ("organisations", {"names": ["x"], "limit": 0}, "limit", "greater than or equal"),
        ("organisations", {"names": ["x"], "surprise": 1}, "surprise", "Extra inputs"),
    ],
)
def test_bad_input_is_a_precise_422(client, actors, path, body, field, message):
    response = client.post(f"{API}/screening/{path}", json=body, headers=actors["fr_officer"])
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    fields = [(e["field"], e["message"]) for e in problem.get("errors", [])]
    fields.append((problem.get("field"), problem["detail"]))
    assert any(f == field and message in m for f, m in fields), problem


def test_screening_needs_a_signed_in_caller(client):
    response = client.post(f"{API}/screening/vessels", json={"imo": "9074729"})
    assert response.status_code == 401
