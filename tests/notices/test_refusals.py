"""Every refusal names its reason, and leaves nothing half-stored."""

from __future__ import annotations

from sqlalchemy import func, select

from amana.core.principal import GENERAL_SECRETARIAT, Role
from amana.notices.attachments import MAX_ATTACHMENT_BYTES
from amana.notices.models import Notice, NoticeAttachment, NoticeLink
from tests.notices.conftest import API, JPEG, PDF, body


def _count(db, model) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model)) or 0


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == code, problem
    return problem


def test_an_unknown_type_is_refused(desk, db):
    response = desk.client.post(
        f"{API}/notices", json={**body("red"), "notice_type": "scarlet"}, headers=desk.fr
    )
    problem = _problem(response, 422, "request.validation")
    assert "notice_type" in problem["detail"]
    assert _count(db, Notice) == 0


def test_a_red_request_without_judicial_basis_stores_nothing(desk, db):
    person = desk.person()
    data = body("red", person, submit=True)
    del data["judicial"]
    problem = _problem(
        desk.client.post(f"{API}/notices", json=data, headers=desk.fr), 422, "notice.checks_failed"
    )
    assert {f["rule"] for f in problem["failed"]} == {"judicial_basis", "red_penalty_threshold"}
    assert "judicial.warrant" in problem["detail"]
    assert _count(db, Notice) == 0
    assert _count(db, NoticeLink) == 0


def test_failed_checks_keep_the_draft_as_it_was_and_list_every_rule(desk, db):
    notice = desk.draft(
        body(
            "red",
            None,
            subject={"family_name": "Haddad"},
            judicial={
                **body("red")["judicial"],
                "penalty": {"purpose": "sentence", "remaining_months": 4},
            },
        )
    )
    problem = _problem(
        desk.post(f"/notices/{notice['id']}/submit", desk.fr), 422, "notice.checks_failed"
    )
    reasons = {f["rule"]: f["reason"] for f in problem["failed"]}
    assert set(reasons) == {"required_fields", "minimum_identifiers", "red_penalty_threshold"}
    assert "a linked person record" in reasons["required_fields"]
    assert "found 0" in reasons["minimum_identifiers"]
    assert "at least 6 months; it is 4 months" in reasons["red_penalty_threshold"]
    assert desk.get(notice["id"], desk.fr).json()["status"] == "draft"


def test_the_penalty_threshold(desk):
    person = desk.person()
    for penalty, passed in [
        ({"purpose": "prosecution", "max_penalty_months": 23}, False),
        ({"purpose": "prosecution", "max_penalty_months": 24}, True),
        ({"purpose": "sentence", "remaining_months": 6}, True),
        ({"purpose": "sentence", "life": True}, True),
    ]:
        judicial = {**body("red")["judicial"], "penalty": penalty}
        notice = desk.draft(body("red", person, judicial=judicial))
        report = desk.post(f"/notices/{notice['id']}/checks", desk.fr).json()
        assert report["passed"] is passed, (penalty, report)


def test_a_bureau_may_not_review_its_own_request(desk, make):
    both = make.user_headers(
        "gs.both", GENERAL_SECRETARIAT, Role.BUREAU_OPERATOR, Role.SECRETARIAT_REVIEWER
    )
    person = desk.person()
    notice = desk.draft(body("blue", person, submit=True), headers=both)
    response = desk.post(f"/notices/{notice['id']}/review", both, {"decision": "approve"})
    _problem(response, 403, "notice.own_request")
    assert desk.get(notice["id"], desk.gs).json()["status"] == "submitted"


def test_only_the_secretariat_reviews(desk):
    notice = desk.draft(body("blue", desk.person(), submit=True))
    for headers in (desk.fr_officer, desk.eg, desk.fr):
        response = desk.post(f"/notices/{notice['id']}/review", headers, {"decision": "approve"})
        assert response.status_code in (403, 404), response.text
    officer = desk.post(f"/notices/{notice['id']}/review", desk.fr_officer, {"decision": "approve"})
    assert _problem(officer, 403, "auth.forbidden")["permission"] == "review_notices"
    creating = desk.client.post(f"{API}/notices", json=body("blue"), headers=desk.fr_officer)
    _problem(creating, 403, "auth.forbidden")
    assert desk.get(notice["id"], desk.fr).json()["status"] == "submitted"


def test_a_review_needs_reasons_and_happens_once(desk):
    notice = desk.draft(body("blue", desk.person(), submit=True))
    bare = desk.post(f"/notices/{notice['id']}/review", desk.gs, {"decision": "reject"})
    _problem(bare, 422, "notice.review_reason_required")
    desk.approve(notice["id"])
    twice = desk.post(f"/notices/{notice['id']}/review", desk.gs, {"decision": "approve"})
    _problem(twice, 409, "notice.invalid_transition")


def test_a_request_naming_records_it_cannot_see_stores_nothing(desk, db):
    hidden = desk.person(desk.eg, visibility={"rule": "only", "bureaus": ["DE"]})
    mine = desk.person()
    links = [
        {"record_kind": "person", "record_id": mine},
        {"record_kind": "person", "record_id": hidden},
        {"record_kind": "vehicle", "record_id": 424242},
    ]
    response = desk.client.post(
        f"{API}/notices", json={**body("yellow"), "links": links}, headers=desk.fr
    )
    problem = _problem(response, 422, "notice.invalid_link")
    assert problem["problems"] == [
        f"links[1] (person {hidden}): no such record visible to bureau FR",
        "links[2] (vehicle 424242): a yellow notice may reference person, travel_document only",
    ]
    assert _count(db, Notice) == 0
    assert _count(db, NoticeLink) == 0


def test_only_the_owner_changes_or_cancels(desk):
    notice = desk.publish(body("red", desk.person()))
    cancel = {"reason": "withdrawn"}
    _problem(desk.post(f"/notices/{notice['id']}/cancel", desk.eg, cancel), 403, "notice.not_owner")
    _problem(
        desk.post(f"/notices/{notice['id']}/cancel", desk.fr_officer, cancel), 403, "auth.forbidden"
    )
    draft = desk.draft(body("blue", desk.person()))
    _problem(desk.post(f"/notices/{draft['id']}/cancel", desk.eg, cancel), 404, "notice.not_found")
    _problem(
        desk.client.patch(f"{API}/notices/{notice['id']}", json={"summary": "x"}, headers=desk.fr),
        409,
        "notice.invalid_transition",
    )
    assert desk.get(notice["id"], desk.fr).json()["status"] == "published"


def test_attachments_are_checked_before_anything_is_stored(desk, db):
    notice = desk.draft(body("red", desk.person()))
    url = f"{API}/notices/{notice['id']}/attachments"

    def upload(data: bytes, content_type: str, kind: str = "photo"):
        return desk.client.post(
            url,
            params={"kind": kind, "filename": "f"},
            content=data,
            headers={**desk.fr, "content-type": content_type},
        )

    big = upload(JPEG + b"\x00" * MAX_ATTACHMENT_BYTES, "image/jpeg")
    assert _problem(big, 413, "notice.attachment_too_large")["max_bytes"] == MAX_ATTACHMENT_BYTES

    def streamed():  # no Content-Length: refused while it streams in
        yield JPEG
        for _ in range(MAX_ATTACHMENT_BYTES // 65536 + 1):
            yield b"\x00" * 65536

    _problem(upload(streamed(), "image/jpeg"), 413, "notice.attachment_too_large")
    _problem(upload(PDF, "image/jpeg"), 422, "notice.attachment_content")
    _problem(upload(PDF, "application/pdf"), 422, "notice.attachment_type")
    _problem(upload(b"MZ\x90\x00", "application/pdf", "warrant"), 422, "notice.attachment_content")
    assert _count(db, NoticeAttachment) == 0

    stored = upload(PDF, "application/pdf", "warrant")
    assert stored.status_code == 201, stored.text
    assert len(stored.json()["sha256"]) == 64
    copy = desk.client.get(f"{url}/{stored.json()['id']}", headers=desk.fr)
    assert copy.content == PDF
    assert copy.headers["content-type"] == "application/pdf"


def test_addressees_and_consent_only_where_they_apply(desk, db):
    person = desk.person()
    notice = desk.client.post(
        f"{API}/notices", json=body("blue", person, addressees=["DE"]), headers=desk.fr
    )
    _problem(notice, 422, "notice.addressees_not_applicable")
    consent = desk.client.post(
        f"{API}/notices", json=body("blue", person, public_extract_consent=True), headers=desk.fr
    )
    _problem(consent, 422, "notice.consent_not_applicable")
    unknown = desk.client.post(
        f"{API}/diffusions", json=body("blue", person, addressees=["QQ"]), headers=desk.fr
    )
    _problem(unknown, 422, "bureau.unknown")
    assert _count(db, Notice) == 0
