"""The public API answers as INTERPOL's public notices service does (``fixtures/``, written
from ``../shared/reference/interpol-public-notices-api``): same paths, parameters, JSON fields and
paging, and nothing beyond the consented extract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.auth.service import principal_of
from amana.core.db import unit_of_work
from amana.notices import service, workflow
from amana.notices.schemas import NoticeCreate, ReviewIn
from amana.records import persons
from amana.records.schemas import PersonCreate
from amana.users import service as users
from tests.notices.conftest import API, JPEG, PDF, SUBJECT, body

FIXTURES = Path(__file__).parent / "fixtures"
DATE = re.compile(r"^\d{4}(/\d{2}/\d{2})?$")


def _sample(name: str) -> dict:
    """The project's own document of the service's shape (``fixtures/``; compared with
    ``../shared``'s reference samples in test_public_compat.py)."""
    return json.loads((FIXTURES / f"{name.removesuffix('_response')}.json").read_text())


def _photo(desk, notice_id: int) -> None:
    response = desk.client.post(
        f"{API}/notices/{notice_id}/attachments",
        params={"kind": "photo", "filename": "p.jpg"},
        content=JPEG,
        headers={**desk.fr, "content-type": "image/jpeg"},
    )
    assert response.status_code == 201, response.text


def _publish_with_photo(desk, data: dict) -> dict:
    draft = desk.draft(data)
    _photo(desk, draft["id"])
    desk.submit(draft["id"])
    return desk.approve(draft["id"])


def _path(entity_id: str) -> str:
    return entity_id.replace("/", "-")


def test_responses_have_the_reference_shape(desk):
    person = desk.person()
    red = _publish_with_photo(desk, body("red", person))
    yellow = _publish_with_photo(desk, body("yellow", person))
    un = desk.publish(body("un", person))

    listing = desk.client.get("/notices/v1/red").json()
    sample = _sample("red_list_response")
    assert set(listing) == set(sample)
    assert listing["query"] == {"page": 1, "resultPerPage": 20}
    assert set(listing["_links"]) == set(sample["_links"]) - {"next"}  # one page only
    summary = listing["_embedded"]["notices"][0]
    assert set(summary) == set(sample["_embedded"]["notices"][0])
    assert set(summary["_links"]) == set(sample["_embedded"]["notices"][0]["_links"])
    assert (summary["entity_id"], summary["name"], summary["forename"]) == (
        red["entity_id"],
        "HADDAD",
        "KARIM",
    )
    assert summary["date_of_birth"] == "1980/04/02"

    detail = desk.client.get(summary["_links"]["self"]["href"]).json()
    sample = _sample("red_detail_response")
    assert set(detail) == set(sample)
    assert set(detail["arrest_warrants"][0]) == set(sample["arrest_warrants"][0])
    assert detail["arrest_warrants"][0] == {
        "charge": "Armed robbery",
        "issuing_country_id": "FR",
        "charge_translation": None,
    }
    assert (detail["height"], detail["weight"], detail["sex_id"]) == (1.78, 0, "M")
    assert detail["languages_spoken_ids"] == ["FRE", "ARA"]

    images = desk.client.get(detail["_links"]["images"]["href"]).json()
    sample = _sample("images_response")
    assert set(images) == set(sample)
    assert set(images["_links"]) == set(sample["_links"])
    assert set(images["_embedded"]["images"][0]) == set(sample["_embedded"]["images"][0])
    picture = desk.client.get(images["_embedded"]["images"][0]["_links"]["self"]["href"])
    assert (picture.content, picture.headers["content-type"]) == (JPEG, "image/jpeg")
    assert detail["_links"]["thumbnail"] == images["_links"]["thumbnail"]

    detail = desk.client.get(f"/notices/v1/yellow/{_path(yellow['entity_id'])}").json()
    sample = _sample("yellow_detail_response")
    assert set(sample) <= set(detail)
    assert set(detail) - set(sample) == {"father_name"}
    assert (detail["date_of_event"], detail["place"], detail["country"]) == (
        "2025/06/01",
        "Marseille",
        "FR",
    )

    detail = desk.client.get(f"/notices/v1/un/persons/{_path(un['entity_id'])}").json()
    sample = _sample("un_person_detail_response")
    assert set(detail) == set(sample)
    assert (detail["un_reference"], detail["un_resolution"], detail["date_of_birth"]) == (
        "QDi.123",
        1267,
        "1975/00/00",
    )
    assert detail["name_in_original_script"] == "كريم حداد"
    for path in ("/notices/v1/un", "/notices/v1/un/persons"):
        assert desk.client.get(path).json()["total"] == 1


def test_nothing_beyond_the_consented_extract_is_public(desk):
    person = desk.person()
    red = _publish_with_photo(desk, body("red", person))
    warrant = desk.draft(body("red", person, public_extract_consent=False))
    desk.client.post(
        f"{API}/notices/{warrant['id']}/attachments",
        params={"kind": "warrant", "filename": "w"},
        content=PDF,
        headers={**desk.fr, "content-type": "application/pdf"},
    )
    desk.submit(warrant["id"])
    unconsented = desk.approve(warrant["id"])
    blue = desk.publish(body("blue", person))

    text = desk.client.get(f"/notices/v1/red/{_path(red['entity_id'])}").text
    for secret in (
        "AW-2024-0042",
        "Tribunal judiciaire",
        "jewellery store",
        "311-8",
        '"id"',
        "violent_crime",
        "gs.reviewer",
        "fr.operator",
    ):
        assert secret not in text
    assert desk.client.get("/notices/v1/red").json()["total"] == 1
    for hidden in (unconsented, blue):
        response = desk.client.get(f"/notices/v1/red/{_path(hidden['entity_id'])}")
        assert response.status_code == 404
    images = desk.client.get(f"/notices/v1/red/{_path(unconsented['entity_id'])}/images")
    assert images.status_code == 404

    withdrawn = desk.client.put(
        f"{API}/notices/{red['id']}/consent",
        json={"public_extract_consent": False},
        headers=desk.fr,
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert desk.client.get(f"/notices/v1/red/{_path(red['entity_id'])}").status_code == 404
    assert desk.client.get("/notices/v1/red").json()["total"] == 0


def test_unknown_ids_answer_404_problem_details(client):
    for path in (
        "/notices/v1/red/2020-00001",
        "/notices/v1/yellow/nonsense",
        "/notices/v1/un/persons/2020-00001/images",
        "/notices/v1/red/2020-00001/images/x",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "notice.public_not_found"
    response = client.get("/notices/v1/red", params={"ageMin": "old"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "ageMin" in response.json()["detail"]


@pytest.fixture
def many_red(app, desk):
    """180 published Red notices with consent: FR men 120, FR women 50, Algerians 10."""
    factory = app.state.session_factory
    with unit_of_work(factory, viewer="FR") as session:
        operator = principal_of(users.get_by_username(session, username="fr.operator"))
        reviewer = principal_of(users.get_by_username(session, username="gs.reviewer"))
        person = persons.create(
            session,
            principal=operator,
            data=PersonCreate(status="wanted", names=[{"full_name": "Many Names"}]),
        )
        ids = []
        for i in range(180):
            nationality, sex = ("FR", "M") if i < 120 else ("FR", "F") if i < 170 else ("DZ", "M")
            subject = {
                **SUBJECT,
                "family_name": f"Name{i:03d}",
                "nationalities": [nationality],
                "sex": sex,
                "date_of_birth": f"{1950 + i % 50}-01-01",
            }
            data = NoticeCreate.model_validate(body("red", person.id, subject=subject))
            notice = service.create(session, principal=operator, data=data)
            workflow.submit(session, principal=operator, notice_id=notice.id)
            workflow.review(
                session, principal=reviewer, notice_id=notice.id, data=ReviewIn(decision="approve")
            )
            ids.append(notice.entity_id)
    return ids


def test_paging_is_capped_at_160_and_a_client_harvests_everything(client, many_red):
    first = client.get("/notices/v1/red", params={"resultPerPage": 20}).json()
    assert first["total"] == 180
    assert first["_links"]["last"]["href"].endswith("resultPerPage=20&page=8")
    assert first["_links"]["next"]["href"].endswith("resultPerPage=20&page=2")
    past = client.get("/notices/v1/red", params={"resultPerPage": 20, "page": 12}).json()
    assert past["query"] == {"page": 8, "resultPerPage": 20}
    assert "next" not in past["_links"]
    big = client.get("/notices/v1/red", params={"resultPerPage": 500}).json()
    assert big["query"]["resultPerPage"] == 160
    assert len(big["_embedded"]["notices"]) == 160
    kept = client.get("/notices/v1/red", params={"nationality": "DZ", "resultPerPage": 4}).json()
    assert kept["_links"]["next"]["href"].endswith("nationality=DZ&resultPerPage=4&page=2")

    # An existing client harvests everything, as the OpenSanctions crawler does: sweep by
    # nationality, split a bucket over the 160-record cap by sex, follow ``_links.next``,
    # de-duplicate by entity_id, then fetch details and image lists.
    seen: dict[str, dict] = {}

    def crawl(query: dict[str, str]) -> int:
        url = f"/notices/v1/red?{urlencode({**query, 'resultPerPage': 40})}"
        total = 0
        while url:
            page = client.get(url).json()
            total = page["total"]
            for notice in page["_embedded"]["notices"]:
                seen[notice["entity_id"]] = notice
            url = page["_links"].get("next", {}).get("href")
        return total

    for nationality in ("FR", "DZ", "EG"):
        if crawl({"nationality": nationality}) > 160:
            for sex in ("M", "F", "U"):
                assert crawl({"nationality": nationality, "sexId": sex}) <= 160
    assert sorted(seen) == sorted(many_red)
    for entity_id, summary in list(seen.items())[:30]:
        detail = client.get(summary["_links"]["self"]["href"]).json()
        assert detail["entity_id"] == entity_id
        assert DATE.match(detail["date_of_birth"])
        images = client.get(summary["_links"]["images"]["href"]).json()
        assert images["_embedded"]["images"] == []


def test_filters_behave_like_the_service(client, desk, db):
    person = desk.person()
    desk.publish(body("red", person))
    eg = body(
        "red",
        desk.person(desk.eg),
        subject={
            **SUBJECT,
            "family_name": "Mansour",
            "forename": "Omar",
            "sex": "M",
            "date_of_birth": "2000-06-30",
            "nationalities": ["EG"],
        },
    )
    desk.publish(eg, headers=desk.eg)

    def names(**params) -> list[str]:
        page = client.get("/notices/v1/red", params=params).json()
        return sorted(n["name"] for n in page["_embedded"]["notices"])

    assert names() == ["HADDAD", "MANSOUR"]
    assert names(name="adda") == ["HADDAD"]
    assert names(name="^HADDAD$") == ["HADDAD"]
    assert names(name="^ADDAD") == []
    assert names(forename="oma") == ["MANSOUR"]
    assert names(arrestWarrantCountryId="EG") == ["MANSOUR"]
    assert names(ageMax=30) == ["MANSOUR"]
    assert names(ageMin=40) == ["HADDAD"]
    assert names(freeText="robbery") == ["HADDAD", "MANSOUR"]
    assert names(nationality="DZ", sexId="M") == ["HADDAD"]
    db.commit()
    searches = db.scalars(select(AuditEntry).where(AuditEntry.action == "notice.public_search"))
    assert len(list(searches)) == 10
