"""Flags reach the reviewer without blocking; diffusions reach their addressees; screening shows
the notice and tells its requester; labels exist in the four languages; expiry from the CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from typer.testing import CliRunner

from amana.cli import app as cli
from amana.notices import labels
from amana.notices.models import Notice
from tests.conftest import SECRET
from tests.notices.conftest import API, body
from tests.screening.test_api import _screen, _wait_for


def test_flags_are_stored_with_the_submission_and_need_the_reviewers_word(desk):
    person = desk.person()
    summary = "Wanted after protests against the regime; also owes debts to a business partner."
    notice = desk.draft(body("red", person, summary=summary, language="en", submit=True))
    assert notice["status"] == "submitted"  # flags never block
    flags = {c["rule"]: c for c in notice["checks"] if c["outcome"] == "flag"}
    assert set(flags) == {"neutrality", "private_dispute"}
    assert {"protest*", "regime"} <= set(flags["neutrality"]["matches"])
    seen = desk.get(notice["id"], desk.gs).json()["checks"]
    assert [c["outcome"] for c in seen if c["rule"] == "neutrality"] == ["flag"]
    bare = desk.post(f"/notices/{notice['id']}/review", desk.gs, {"decision": "approve"})
    assert (bare.status_code, bare.json()["code"]) == (422, "notice.flags_unaddressed")
    approved = desk.approve(notice["id"], note="Ordinary armed robbery; wording is background.")
    assert approved["status"] == "published"
    assert approved["review"]["note"].startswith("Ordinary armed robbery")


def test_a_diffusion_reaches_its_addressees_at_once_and_is_checked_after(desk, make):
    de = make.user_headers("de.officer", "DE", "officer")
    person = desk.person()
    data = body("blue", person, addressees=["DE", "es"], submit=True)
    diffusion = desk.client.post(f"{API}/diffusions", json=data, headers=desk.fr).json()
    assert (diffusion["kind"], diffusion["status"]) == ("diffusion", "circulated")
    assert diffusion["addressees"] == ["DE", "ES"]
    assert diffusion["entity_id"] is None
    assert desk.get(diffusion["id"], de).json()["status"] == "circulated"
    assert desk.get(diffusion["id"], desk.es_officer).status_code == 200
    eg_officer = make.user_headers("eg.officer", "EG", "officer")
    assert desk.get(diffusion["id"], eg_officer).status_code == 404
    listed = desk.client.get(f"{API}/diffusions", headers=de).json()
    assert [d["id"] for d in listed["items"]] == [diffusion["id"]]

    rejected = desk.post(
        f"/notices/{diffusion['id']}/review",
        desk.gs,
        {"decision": "reject", "reason": "data_quality", "note": "Too vague to act on."},
    ).json()
    assert rejected["status"] == "rejected"
    assert desk.get(diffusion["id"], de).status_code == 404  # withdrawn from the addressees
    assert desk.get(diffusion["id"], desk.fr).json()["review"]["reason"] == "data_quality"


def test_a_screening_hit_shows_the_notice_and_tells_the_requester(desk, make):
    # The composition root hands screening the notices flagger: nothing set up here.
    eg_person = desk.person(
        desk.eg,
        names=[{"full_name": "Samir Nabil Farouk"}],
        dates_of_birth=["1979-01-02"],
        nationalities=["EG"],
    )
    notice = desk.publish(body("red", eg_person))  # FR requests a notice on EG's record

    hits = _wait_for(
        lambda: _screen(desk.client, desk.es_officer, names=["Samir Nabil Farouk"], dob="1979")
    )
    assert hits[0]["record_id"] == eg_person
    assert hits[0]["notices"] == [
        {
            "notice_id": notice["id"],
            "notice_type": "red",
            "entity_id": notice["entity_id"],
            "action_requested": "arrest",
            "requesting_bureau": "FR",
        }
    ]
    told = desk.client.get(f"{API}/hits", params={"side": "owner"}, headers=desk.fr).json()
    assert [(h["record_kind"], h["record_id"]) for h in told["items"]] == [("notice", notice["id"])]
    assert f"red notice {notice['entity_id']} (arrest)" in told["items"][0]["explanation"]


def test_every_vocabulary_code_has_four_labels(client, make):
    for name, table in labels.VOCABULARIES.items():
        for code, text in table.items():
            assert set(text) == {"ar", "en", "fr", "es"}, (name, code)
            assert all(text.values()), (name, code)
    headers = make.user_headers("fr.officer", "FR", "officer")
    vocab = client.get(f"{API}/notices/vocabulary", params={"lang": "ar"}, headers=headers).json()
    assert vocab["types"]["red"] == "النشرة الحمراء"
    assert vocab["type_rules"]["silver"]["action_requested"] == "trace_assets"
    assert vocab["crime_categories"]["terrorism"] == "الإرهاب"
    assert set(vocab["compliance_rules"]) >= {"neutrality", "red_penalty_threshold"}


def test_the_expire_command(desk, db, database_url, monkeypatch):
    notice = desk.publish(body("blue", desk.person()))
    db.commit()
    row = db.scalar(select(Notice).where(Notice.id == notice["id"]))
    # Five years pass: played by moving the date back, as the store would look then.
    row.expires_at = datetime.now(UTC) - timedelta(days=1)
    db.commit()
    monkeypatch.setenv("AMANA_DATABASE_URL", database_url)
    monkeypatch.setenv("AMANA_SECRET_KEY", SECRET)
    result = CliRunner().invoke(cli, ["notices", "expire"])
    assert result.exit_code == 0, result.output
    assert f"1 notice(s) expired: [{notice['id']}]" in result.output
    again = CliRunner().invoke(cli, ["notices", "expire"])
    assert "0 notice(s) expired" in again.output
    assert desk.get(notice["id"], desk.fr).json()["status"] == "expired"
