"""Every notice type walked through its life: draft → dry-run checks → submission → review →
publication → screening tag → cancellation or expiry, with the history and audit it leaves."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.auth.service import principal_of
from amana.notices import reads, workflow
from amana.notices.tags import NoticeTag, tags_for_persons
from amana.notices.vocab import NoticeStatus
from amana.users import service as users
from tests.notices.conftest import ACTIONS, TYPES, body
from tests.screening.test_api import _screen, _wait_for

CANCEL_REASON = {"red": "arrested", "yellow": "located", "blue": "withdrawn"}


@pytest.mark.parametrize("notice_type", TYPES)
def test_each_type_from_draft_to_publication_to_screening_to_its_end(desk, db, notice_type):
    person = desk.person(status="deceased" if notice_type == "black" else "wanted")
    draft = desk.draft(body(notice_type, person))
    assert (draft["status"], draft["entity_id"], draft["action_requested"]) == (
        "draft",
        None,
        ACTIONS[notice_type],
    )

    dry = desk.post(f"/notices/{draft['id']}/checks", desk.fr).json()
    assert dry["passed"], dry
    assert not dry["flagged"], dry
    rules = [r["rule"] for r in dry["results"]]
    assert rules == [
        "required_fields",
        "judicial_basis",
        "minimum_identifiers",
        "red_penalty_threshold",
        "neutrality",
        "private_dispute",
    ]

    submitted = desk.submit(draft["id"])
    assert submitted["status"] == "submitted"
    assert [c["outcome"] for c in submitted["checks"]] == ["pass"] * 6
    # Not yet published: other bureaus do not see it, the secretariat does.
    assert desk.get(draft["id"], desk.es_officer).status_code == 404
    assert desk.get(draft["id"], desk.gs).json()["status"] == "submitted"

    published = desk.approve(draft["id"])
    assert published["status"] == "published"
    assert re.fullmatch(r"\d{4}/\d{5}", published["entity_id"])
    assert published["expires_at"] > published["published_at"]
    seen = desk.get(draft["id"], desk.es_officer).json()
    assert seen["status"] == "published"
    assert seen["checks"] is None
    assert seen["review"] is None
    assert desk.get(draft["id"], desk.fr).json()["review"]["decision"] == "approve"

    db.commit()
    tags = tags_for_persons(db, [person, 999_999])
    assert tags == {
        person: [
            NoticeTag(
                notice_id=draft["id"],
                notice_type=notice_type,
                entity_id=published["entity_id"],
                action_requested=ACTIONS[notice_type],
                requesting_bureau="FR",
            )
        ]
    }
    db.commit()
    # The same through a real screening request by a third bureau: the hit shows the notice.
    hits = _wait_for(
        lambda: _screen(desk.client, desk.es_officer, names=["Karim Haddad"], dob="1980-04-02")
    )
    assert [(h["record_id"], h["notices"][0]["notice_type"]) for h in hits] == [
        (person, notice_type)
    ]
    assert hits[0]["notices"][0]["action_requested"] == ACTIONS[notice_type]

    if TYPES.index(notice_type) % 2 == 0:
        reason = CANCEL_REASON.get(notice_type, "purpose_achieved")
        ended = desk.post(
            f"/notices/{draft['id']}/cancel", desk.fr, {"reason": reason, "note": "done"}
        ).json()
        assert (ended["status"], ended["cancel_reason"]) == ("cancelled", reason)
        final = "cancelled"
    else:
        later = datetime.now(UTC) + timedelta(days=5 * 365 + 2)
        assert tags_for_persons(db, [person], now=later) == {}
        assert workflow.expire_due(db, now=later) == [draft["id"]]
        db.commit()
        final = "expired"
    assert tags_for_persons(db, [person]) == {}
    db.commit()
    assert desk.get(draft["id"], desk.es_officer).status_code == 404

    history = desk.client.get(f"/api/v1/notices/{draft['id']}/history", headers=desk.fr).json()
    assert [(h["action"], h["to_status"]) for h in history] == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("approve", "published"),
        ("cancel" if final == "cancelled" else "expire", final),
    ]
    assert history[2]["actor_username"] == "gs.reviewer"
    actions = set(db.scalars(select(AuditEntry.action).where(AuditEntry.target_kind == "notice")))
    assert {
        "notice.create",
        "notice.check",
        "notice.submit",
        "notice.approve",
        "notice.read",
        "notice.history",
    } <= actions


def test_request_info_then_resubmit_then_reject(desk):
    person = desk.person()
    notice = desk.draft(body("blue", person, submit=True))
    asked = desk.post(
        f"/notices/{notice['id']}/review",
        desk.gs,
        {"decision": "request_info", "reason": "data_quality", "note": "Add his passport."},
    ).json()
    assert asked["status"] == "info_requested"
    # The requesting bureau sees the step and its reason.
    mine = desk.get(notice["id"], desk.fr).json()
    assert mine["review"] == {
        **mine["review"],
        "decision": "request_info",
        "reason": "data_quality",
        "note": "Add his passport.",
    }
    changed = desk.client.patch(
        f"/api/v1/notices/{notice['id']}",
        json={"subject": {**body("blue")["subject"], "identity_documents": ["FR passport 1"]}},
        headers=desk.fr,
    )
    assert changed.status_code == 200, changed.text
    assert desk.submit(notice["id"])["status"] == "submitted"
    rejected = desk.post(
        f"/notices/{notice['id']}/review",
        desk.gs,
        {"decision": "reject", "reason": "human_rights", "note": "Article 2 concerns."},
    ).json()
    assert (rejected["status"], rejected["closed_at"] is not None) == ("rejected", True)
    history = desk.client.get(f"/api/v1/notices/{notice['id']}/history", headers=desk.fr).json()
    assert [(h["action"], h["to_status"]) for h in history] == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("request_info", "info_requested"),
        ("submit", "submitted"),
        ("reject", "rejected"),
    ]
    assert history[-1]["reason"] == "human_rights"


def test_renewal_gives_five_more_years_and_past_expiry_reads_as_expired(desk, db):
    person = desk.person()
    notice = desk.publish(body("green", person))
    response = desk.post(f"/notices/{notice['id']}/renew", desk.fr)
    assert response.status_code == 200, response.text
    assert response.json()["expires_at"] >= notice["expires_at"]
    history = desk.client.get(f"/api/v1/notices/{notice['id']}/history", headers=desk.fr)
    assert [h["action"] for h in history.json()][-1] == "renew"

    # Past its date, a notice reads as expired before the expiry job has run.
    past = datetime.now(UTC) + timedelta(days=5 * 365 + 2)
    reader = principal_of(users.get_by_username(db, username="es.officer"))
    assert reads.list_(db, principal=reader, now=past).total == 0
    mine = principal_of(users.get_by_username(db, username="fr.operator"))
    page = reads.list_(db, principal=mine, status=NoticeStatus.EXPIRED, now=past)
    assert [(n.id, n.status) for n in page.items] == [(notice["id"], NoticeStatus.EXPIRED)]
    assert reads.list_(db, principal=mine, status=NoticeStatus.PUBLISHED, now=past).total == 0
    db.commit()
    # Renewing an expired notice is refused.
    expired = workflow.expire_due(db, now=past)
    db.commit()
    assert expired == [notice["id"]]
    again = desk.post(f"/notices/{notice['id']}/renew", desk.fr)
    assert (again.status_code, again.json()["code"]) == (409, "notice.invalid_transition")
