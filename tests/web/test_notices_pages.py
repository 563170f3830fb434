"""Notices in pages: browse, read, request (checks before submission), review, owner actions,
diffusions; who may see what, errors next to their field, in the user's language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from amana.auth.service import principal_of
from amana.core.principal import GENERAL_SECRETARIAT, Principal, Role
from amana.notices import attachments, reads, service, workflow
from amana.notices.schemas import NoticeCreate, ReviewIn
from amana.notices.vocab import AttachmentKind
from amana.records import persons
from amana.records.schemas import PersonCreate
from amana.web.i18n import LANGUAGES
from tests.notices.conftest import JPEG, TYPES, body
from tests.web.conftest import Browser

POLITICAL = "He is a leader of the opposition political party and organised protests."
RED_LABEL = {
    "en": "Red Notice",
    "fr": "Notice rouge",
    "es": "Notificación roja",
    "ar": "النشرة الحمراء",
}
ARREST = {"en": "Arrest", "fr": "Arrêter", "es": "Detener", "ar": "توقيف"}


class Desk:
    """The bureaus' users, each with a browser of their own, and notices made by the service."""

    def __init__(self, app, make, db) -> None:
        self.app, self.db = app, db
        self.users = {
            "fr.operator": make.user("fr.operator", "FR", Role.BUREAU_OPERATOR),
            "eg.operator": make.user("eg.operator", "EG", Role.BUREAU_OPERATOR),
            "gs.reviewer": make.user("gs.reviewer", GENERAL_SECRETARIAT, Role.SECRETARIAT_REVIEWER),
            "fr.officer": make.user("fr.officer", "FR", Role.OFFICER),
            "es.officer": make.user("es.officer", "ES", Role.OFFICER),
        }
        self.person_id = persons.create(
            db,
            principal=None,
            owner="FR",
            data=PersonCreate.model_validate(
                {"status": "wanted", "names": [{"full_name": "Karim Haddad"}]}
            ),
        ).id
        db.commit()

    def principal(self, username: str) -> Principal:
        return principal_of(self.users[username])

    def browser(self, username: str, language: str = "en") -> Browser:
        browser = Browser(
            TestClient(self.app, base_url="https://testserver", raise_server_exceptions=False)
        )
        browser.client.cookies.set("amana_lang", language)
        browser.sign_in(username)
        return browser

    def draft(self, notice_type: str = "red", by: str = "fr.operator", **extra: Any) -> int:
        data = body(notice_type, self.person_id, **extra)
        notice = service.create(
            self.db, principal=self.principal(by), data=NoticeCreate.model_validate(data)
        )
        self.db.commit()
        return notice.id

    def submitted(self, notice_type: str = "red", by: str = "fr.operator", **extra: Any) -> int:
        notice_id = self.draft(notice_type, by, **extra)
        workflow.submit(self.db, principal=self.principal(by), notice_id=notice_id)
        self.db.commit()
        return notice_id

    def published(self, notice_type: str = "red", by: str = "fr.operator", **extra: Any) -> int:
        notice_id = self.submitted(notice_type, by, **extra)
        workflow.review(
            self.db,
            principal=self.principal("gs.reviewer"),
            notice_id=notice_id,
            data=ReviewIn(decision="approve", note="Checked."),
        )
        self.db.commit()
        return notice_id


@pytest.fixture
def desk(app, make, db, client) -> Desk:
    return Desk(app, make, db)


def red_form(person_id: int, **overrides: str) -> dict[str, str]:
    form = {
        "notice_type": "red",
        "kind": "notice",
        "language": "en",
        "summary": "Wanted for an armed robbery of a jewellery store in Lyon.",
        "link_person": str(person_id),
        "subject.family_name": "Haddad",
        "subject.forename": "Karim",
        "subject.date_of_birth": "1980-04-02",
        "subject.nationalities": "FR, DZ",
        "judicial.warrant.kind": "arrest_warrant",
        "judicial.warrant.issuing_authority": "Tribunal judiciaire de Lyon",
        "judicial.warrant.issued_on": "2024-03-10",
        "judicial.warrant.reference": "AW-2024-0042",
        "judicial.charges.0.charge": "Armed robbery",
        "judicial.charges.0.facts": "He robbed a jewellery store at gunpoint.",
        "judicial.charges.0.law": "Code pénal, art. 311-8",
        "judicial.charges.0.crime_category": "violent_crime",
        "judicial.penalty.purpose": "prosecution",
        "judicial.penalty.max_penalty_months": "360",
        "public_extract_consent": "on",
    }
    form.update(overrides)
    return form


def error_of(html: str, name: str) -> str:
    assert f'id="f-{name}-error"' in html, f"no error next to {name}"
    return html.split(f'id="f-{name}-error"')[1].split("</p>")[0]


def test_browse_and_filter_published_notices(desk: Desk) -> None:
    red = desk.published("red")
    blue = desk.published("blue", by="eg.operator")
    hidden = desk.draft("green")
    officer = desk.browser("es.officer")
    listing = officer.get("/notices").text
    assert f'href="/notices/{red}"' in listing
    assert f'href="/notices/{blue}"' in listing
    assert f'href="/notices/{hidden}"' not in listing  # FR's draft: not for Spain
    only_red = officer.get("/notices?type=red").text
    assert f'href="/notices/{red}"' in only_red
    assert f'href="/notices/{blue}"' not in only_red
    only_eg = officer.get("/notices?bureau=eg").text
    assert f'href="/notices/{blue}"' in only_eg
    assert f'href="/notices/{red}"' not in only_eg
    by_name = officer.get("/notices?name=karim+HADDAD").text
    assert f'href="/notices/{red}"' in by_name
    assert f'href="/notices/{blue}"' in by_name
    assert f'href="/notices/{red}"' not in officer.get("/notices?name=Nobody").text
    none = officer.get("/notices?status=cancelled").text
    assert f'href="/notices/{red}"' not in none
    assert officer.get("/notices?type=nonsense&status=&p=0").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_page_in_each_language(desk: Desk, language: str) -> None:
    notice_id = desk.published("red")
    page = desk.browser("es.officer", language).get(f"/notices/{notice_id}")
    assert page.status_code == 200
    html = page.text
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert RED_LABEL[language] in html
    assert ARREST[language] in html
    assert "Tribunal judiciaire de Lyon" in html
    assert "Code pénal, art. 311-8" in html
    assert f'href="/records/by-kind/person/{desk.person_id}"' in html
    assert 'class="data history"' not in html  # the history is the requesting bureau's


def test_the_requesting_bureau_sees_checks_and_the_history(desk: Desk) -> None:
    notice_id = desk.published("red")
    html = desk.browser("fr.officer", "fr").get(f"/notices/{notice_id}").text
    assert 'class="data history"' in html
    assert "Approuvée et publiée" in html
    assert "gs.reviewer (XG)" in html
    assert "Soumise à examen" in html  # the step's status, labelled in French
    assert "Contrôles de conformité" in html


def test_the_form_shows_failures_and_flags_before_submission(desk: Desk, db) -> None:
    operator = desk.browser("fr.operator", "fr")
    assert "Notice rouge" in operator.get("/notices/new").text
    form = operator.get("/notices/new?type=red")
    assert form.status_code == 200
    assert 'name="judicial.warrant.reference"' in form.text
    incomplete = red_form(desk.person_id, summary=POLITICAL, action="check")
    del incomplete["judicial.penalty.purpose"], incomplete["judicial.penalty.max_penalty_months"]
    checked = operator.post("/notices/new", incomplete, page="/notices/new?type=red")
    assert checked.status_code == 200
    html = checked.text
    results = html.split('id="checks"')[1].split("</section>")[0]
    assert "Fondement judiciaire" in results
    assert "Seuil de peine" in results
    assert "Neutralité (article 3)" in results  # the flag, in French
    assert '<mark dir="auto">opposition</mark>' in results
    match = re.search(r'action="/notices/(\d+)/edit"', html)
    assert match, "the draft was saved so the form goes on editing it"
    notice_id = int(match.group(1))
    assert 'value="Haddad"' in html  # what was typed stays
    complete = red_form(desk.person_id, summary=POLITICAL, action="submit")
    sent = operator.post(f"/notices/{notice_id}/edit", complete, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/notices/{notice_id}"
    page = operator.get(f"/notices/{notice_id}").text
    assert "Soumise à examen" in page
    assert "Neutralité (article 3)" in page


def test_a_refused_submission_keeps_the_draft_and_says_why(desk: Desk) -> None:
    operator = desk.browser("fr.operator")
    form = {"notice_type": "red", "kind": "notice", "language": "en", "summary": "Robbery.",
            "action": "submit"}  # fmt: skip
    refused = operator.post("/notices/new", form, page="/notices/new?type=red")
    assert refused.status_code == 422
    html = refused.text
    assert "The request fails compliance checks" in html
    assert "Judicial basis" in html
    assert "Required data" in html
    kept = re.search(r'action="/notices/(\d+)/edit"', html)
    assert kept
    draft = operator.get(f"/notices/{kept.group(1)}").text
    assert "Draft" in draft
    assert "Robbery." in draft


def test_schema_errors_are_next_to_their_field_in_the_users_language(desk: Desk) -> None:
    operator = desk.browser("fr.operator", "es")
    form = red_form(
        desk.person_id,
        action="check",
        **{"subject.nationalities": "FR, QQ", "judicial.penalty.max_penalty_months": "many"},
    )
    response = operator.post("/notices/new", form, page="/notices/new?type=red")
    assert response.status_code == 422
    assert "código" in error_of(response.text, "subject.nationalities")
    assert "número entero" in error_of(response.text, "judicial.penalty.max_penalty_months")
    linked = operator.post(
        "/notices/new", red_form(999999, action="save"), page="/notices/new?type=red"
    )
    assert linked.status_code == 422
    assert "no such record" in error_of(linked.text, "links")


def test_the_review_queue_is_the_secretariats(desk: Desk) -> None:
    flagged = desk.submitted("red", summary=POLITICAL)
    for username in ("fr.officer", "fr.operator"):
        refused = desk.browser(username).get("/notices/review")
        assert refused.status_code == 403
        assert "text/html" in refused.headers["content-type"]
    reviewer = desk.browser("gs.reviewer")
    queue = reviewer.get("/notices/review").text
    row = queue.split(f'href="/notices/{flagged}"')[1].split("</tr>")[0]
    assert "Neutrality (Article 3)" in row
    assert 'href="/notices/review"' in reviewer.get("/").text
    assert (
        reads.flags(desk.db, principal=desk.principal("es.officer"), notice_ids=[flagged]) == {}
    )  # others never see the checks


def test_approving_a_flagged_request_needs_a_note(desk: Desk) -> None:
    flagged = desk.submitted("red", summary=POLITICAL)
    reviewer = desk.browser("gs.reviewer", "fr")
    path = f"/notices/{flagged}"
    refused = reviewer.post(f"{path}/review", {"decision": "approve"}, page=path)
    assert refused.status_code == 422
    assert "approuver" in error_of(refused.text, "note").lower()
    approved = reviewer.post(
        f"{path}/review",
        {"decision": "approve", "note": "The party is named as the place of the robbery."},
        page=path,
        follow_redirects=False,
    )
    assert approved.status_code == 303
    assert "Publiée" in reviewer.get(path).text
    assert "Publiée" in desk.browser("es.officer", "fr").get(path).text


def test_reject_and_ask_for_more_information(desk: Desk) -> None:
    first, second = desk.submitted("red"), desk.submitted("blue")
    reviewer = desk.browser("gs.reviewer")
    path = f"/notices/{first}"
    no_reason = reviewer.post(f"{path}/review", {"decision": "reject"}, page=path)
    assert no_reason.status_code == 422
    assert "give a reason" in error_of(no_reason.text, "reason")
    rejected = reviewer.post(
        f"{path}/review",
        {"decision": "reject", "reason": "private_dispute", "note": "A debt."},
        page=path,
        follow_redirects=False,
    )
    assert rejected.status_code == 303
    asked = reviewer.post(
        f"/notices/{second}/review",
        {"decision": "request_info", "reason": "data_quality", "note": "Which passport?"},
        page=f"/notices/{second}",
        follow_redirects=False,
    )
    assert asked.status_code == 303
    operator = desk.browser("fr.operator")
    home = operator.get("/").text
    assert "Sent back for more information" in home
    assert f'href="/notices/{second}"' in home
    assert "Rejected" in home
    assert f'href="/notices/{first}"' in home
    page = operator.get(path).text
    assert "Private or family dispute" in page
    assert "A debt." in page
    assert operator.get(f"/notices/{second}/edit").status_code == 200  # it may be fixed


def test_only_the_owner_cancels_renews_and_changes_consent(desk: Desk) -> None:
    notice_id = desk.published("red")
    path = f"/notices/{notice_id}"
    other = desk.browser("eg.operator")
    assert "owner-actions" not in other.get(path).text
    assert other.post(f"{path}/cancel", {"cancel.reason": "arrested"}, page=path).status_code == 403
    owner = desk.browser("fr.operator")
    missing = owner.post(f"{path}/cancel", {"cancel.reason": ""}, page=path)
    assert missing.status_code == 422
    error_of(missing.text, "cancel.reason")
    renewed = owner.post(f"{path}/renew", page=path, follow_redirects=False)
    assert renewed.status_code == 303
    withdrawn = owner.post(f"{path}/consent", {"consent": "withdraw"}, page=path)
    assert "No consent" in withdrawn.text
    cancelled = owner.post(
        f"{path}/cancel", {"cancel.reason": "arrested", "cancel.note": "In Lyon."}, page=path
    )
    html = cancelled.text
    assert "Cancelled" in html
    assert "Person arrested" in html
    assert "Renewed" in html
    assert "Consent to the public extract withdrawn" in html


def test_a_bureau_cannot_see_anothers_draft(desk: Desk) -> None:
    draft = desk.draft("red")
    photo = attachments.add(
        desk.db,
        principal=desk.principal("fr.operator"),
        notice_id=draft,
        kind=AttachmentKind.PHOTO,
        filename="face.jpg",
        content_type="image/jpeg",
        data=JPEG,
    )
    desk.db.commit()
    other = desk.browser("eg.operator")
    for path in (
        f"/notices/{draft}",
        f"/notices/{draft}/edit",
        f"/notices/{draft}/files/{photo.id}",
    ):
        response = other.get(path)
        assert response.status_code == 404, path
        assert "Haddad" not in response.text
    owner = desk.browser("fr.operator")
    html = owner.get(f"/notices/{draft}").text
    assert f'<img src="/notices/{draft}/files/{photo.id}"' in html
    image = owner.get(f"/notices/{draft}/files/{photo.id}")
    assert image.content == JPEG
    assert image.headers["content-type"] == "image/jpeg"
    assert image.headers["cache-control"] == "no-store"


def test_hostile_notice_text_is_escaped(desk: Desk) -> None:
    hostile = '<script>alert("x")</script>'
    notice_id = desk.draft(
        "red",
        summary=hostile,
        subject={**body("red")["subject"], "family_name": '<img src=x onerror="alert(1)">'},
    )
    owner = desk.browser("fr.operator")
    for path in (f"/notices/{notice_id}", f"/notices/{notice_id}/edit", "/notices"):
        html = owner.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
    assert "&lt;script&gt;" in owner.get(f"/notices/{notice_id}").text


def test_a_diffusion_composed_and_received(desk: Desk) -> None:
    operator = desk.browser("fr.operator")
    assert operator.get("/notices/new?kind=diffusion").status_code == 200
    form = {
        "notice_type": "blue",
        "kind": "diffusion",
        "language": "en",
        "summary": "Information sought on his whereabouts.",
        "addressees": "es, de",
        "link_person": str(desk.person_id),
        "subject.family_name": "Haddad",
        "subject.forename": "Karim",
        "subject.nationalities": "FR",
        "action": "submit",
    }
    sent = operator.post("/notices/new", form, page="/notices/new?type=blue&kind=diffusion",
                         follow_redirects=False)  # fmt: skip
    assert sent.status_code == 303, sent.text[:3000]
    diffusion = sent.headers["location"]
    assert diffusion in operator.get("/notices/diffusions").text.split('id="sent"')[1]
    spain = desk.browser("es.officer", "es").get("/notices/diffusions").text
    received = spain.split('id="received"')[1].split("</section>")[0]
    assert f'href="{diffusion}"' in received
    assert "Difusión" in received
    assert f'href="{diffusion}"' in desk.browser("gs.reviewer").get("/notices/review").text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_notices_page_renders_in_each_language(desk: Desk, language: str) -> None:
    published = [desk.published(notice_type) for notice_type in TYPES]
    drafts = [desk.draft(notice_type) for notice_type in TYPES]
    desk.submitted("red", summary=POLITICAL)
    direction = "rtl" if language == "ar" else "ltr"
    operator = desk.browser("fr.operator", language)
    paths = [
        "/",
        "/notices",
        "/notices?type=yellow&status=published&bureau=FR",
        "/notices/diffusions",
        "/notices/new",
        "/notices/new?kind=diffusion",
        *(f"/notices/new?type={t}" for t in TYPES),
        *(f"/notices/new?type={t}&kind=diffusion" for t in TYPES),
        *(f"/notices/{n}" for n in published + drafts),
        *(f"/notices/{n}/edit" for n in drafts),
    ]
    for path in paths:
        response = operator.get(path)
        assert response.status_code == 200, (path, response.text[:2000])
        assert f'<html lang="{language}" dir="{direction}">' in response.text, path
    reviewer = desk.browser("gs.reviewer", language)
    for path in ("/", "/notices/review", f"/notices/{published[0]}"):
        response = reviewer.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}" dir="{direction}">' in response.text, path


def test_files_attached_to_a_draft_from_its_page(desk: Desk) -> None:
    draft = desk.draft("red")
    path = f"/notices/{draft}"
    owner = desk.browser("fr.operator")
    wrong = owner.post(
        f"{path}/files",
        {"file.kind": "photo"},
        files={"file": ("face.jpg", b"MZ not a picture", "image/jpeg")},
        page=path,
    )
    assert wrong.status_code == 422
    assert "not of the type" in error_of(wrong.text, "file")
    missing = owner.post(f"{path}/files", {"file.kind": "photo"}, page=path)
    assert "Choose a file" in error_of(missing.text, "file")
    sent = owner.post(
        f"{path}/files",
        {"file.kind": "photo"},
        files={"file": ("face.jpg", JPEG, "image/jpeg")},
        page=path,
        follow_redirects=False,
    )
    assert sent.status_code == 303
    image = re.search(rf'<img src="({path}/files/\d+)"', owner.get(path).text)
    assert image
    assert owner.get(image.group(1)).content == JPEG
    assert (
        desk.browser("eg.operator")
        .post(f"{path}/files", files={"file": ("a.jpg", JPEG, "image/jpeg")}, page="/notices")
        .status_code
        == 404
    )


def test_the_form_attributes_are_escaped_once(desk: Desk) -> None:
    """The list of the bureau's own persons is offered and maxlength is enforced."""
    html = desk.browser("fr.operator").get("/notices/new?type=red").text
    assert 'list="own-persons"' in html
    assert 'id="own-persons"' in html
    assert 'maxlength="3"' in html
    assert "&quot;" not in html.split("<form")[1]


def test_required_inputs_are_marked(desk: Desk) -> None:
    html = desk.browser("fr.operator").get("/notices/new?type=red").text
    for name in (
        "judicial.charges.0.crime_category",
        "judicial.charges.0.charge",
        "judicial.warrant.reference",
        "judicial.penalty.purpose",
        "subject.family_name",
    ):
        field = html.split(f'<label for="f-{name}">')[1].split("</div>")[0]
        assert '<span class="required">' in field, name
        assert " required" in field.split(f'id="f-{name}"')[1].split(">")[0], name
    optional = html.split('<label for="f-judicial.charges.1.crime_category">')[1].split("</div>")[0]
    assert '<span class="required">' not in optional  # a second charge is optional


def test_a_failed_submission_says_why_next_to_the_field_in_the_users_language(
    desk: Desk,
) -> None:
    operator = desk.browser("fr.operator", "ar")
    form = red_form(desk.person_id, action="submit", **{"judicial.penalty.max_penalty_months": "6"})
    refused = operator.post("/notices/new", form, page="/notices/new?type=red")
    assert refused.status_code == 422
    html = refused.text
    assert "compliance check(s)" not in html  # the service's internal English
    assert "red_penalty_threshold" not in html
    assert "months must be" not in html  # the check's English reason
    assert "الحد الأدنى للعقوبة" in error_of(html, "judicial.penalty.max_penalty_months")
