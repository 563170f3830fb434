"""Secure messages in pages: compose and send, inbox and sent box, reading (the read receipt),
acknowledging, replying in the thread, forwarding as the handling code allows, attachments
checked as the API checks them, one message for a double submit, and who may see what."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from amana.audit.models import AuditEntry
from amana.core.principal import GENERAL_SECRETARIAT, Role
from amana.messaging.models import Message
from amana.web.i18n import LANGUAGES
from tests.web.conftest import Browser

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
INBOX = {"en": "Inbox", "fr": "Boîte de réception", "es": "Bandeja de entrada", "ar": "الوارد"}
URGENT = {"en": "Urgent", "fr": "Urgent", "es": "Urgente", "ar": "عاجل"}


class Bureaus:
    def __init__(self, app, make) -> None:
        self.app = app
        make.user("fr.operator", "FR", Role.BUREAU_OPERATOR)
        make.user("eg.operator", "EG", Role.BUREAU_OPERATOR)
        make.user("eg.officer", "EG", Role.OFFICER)
        make.user("es.operator", "ES", Role.BUREAU_OPERATOR)
        make.user("gs.reviewer", GENERAL_SECRETARIAT, Role.SECRETARIAT_REVIEWER)

    def browser(self, username: str, language: str = "en") -> Browser:
        browser = Browser(
            TestClient(self.app, base_url="https://testserver", raise_server_exceptions=False)
        )
        browser.client.cookies.set("amana_lang", language)
        browser.sign_in(username)
        return browser


@pytest.fixture
def desk(app, make, client) -> Bureaus:
    return Bureaus(app, make)


def compose(**overrides: object) -> dict[str, object]:
    form: dict[str, object] = {
        "to.bureaus": ["EG"],
        "subject": "Stolen lorry heading for Port Said",
        "body": "The lorry AB-123-CD left Marseille on Monday.\nForged papers.",
        "language": "en",
        "priority": "routine",
        "handling_code": "police_only",
        "references": "case FR-2026-0412\nnotice A-1/2026",
        "idempotency_key": uuid.uuid4().hex,
    }
    form.update(overrides)
    return form


def send(browser: Browser, **overrides: object) -> str:
    """Send through the compose form; the new message's id."""
    response = browser.post(
        "/messages/new", compose(**overrides), page="/messages/new", follow_redirects=False
    )
    assert response.status_code == 303, response.text[:3000]
    found = re.fullmatch(r"/messages/([0-9a-f]{32})\?sent=1", response.headers["location"])
    assert found, response.headers["location"]
    return found.group(1)


def error_of(html: str, name: str) -> str:
    assert f'id="f-{name}-error"' in html, f"no error next to {name}"
    return html.split(f'id="f-{name}-error"')[1].split("</p>")[0]


def row_of(html: str, message_id: str) -> str:
    return html.split(f'href="/messages/{message_id}"')[0].rsplit("<tr", 1)[1]


def test_sent_read_and_seen_read_by_the_sender(desk: Bureaus) -> None:
    fr = desk.browser("fr.operator")
    form = fr.get("/messages/new").text
    assert 'name="idempotency_key"' in form
    assert "Egypt (EG)" in form
    message_id = send(fr)
    shown = fr.get(f"/messages/{message_id}?sent=1").text
    assert "Message sent." in shown
    assert "Signed by FR, key version 1: signature verified." in shown
    assert "Delivery and read status" in shown
    eg = desk.browser("eg.officer")
    inbox = eg.get("/messages").text
    assert "Stolen lorry heading for Port Said" in inbox
    assert "unread" in row_of(inbox, message_id)
    assert ">Unread<" in row_of(inbox, message_id)
    home = eg.get("/").text
    assert f'href="/messages/{message_id}"' in home
    assert "1 unread message." in home
    page = eg.get(f"/messages/{message_id}").text
    assert "Forged papers." in page
    assert "Case <bdi>FR-2026-0412</bdi>" in page
    assert "Signed by FR, key version 1: signature verified." in page
    assert "Delivery and read status" not in page  # the receipts are the sender's
    assert 'action="/messages/new"' not in page
    assert "Reply" not in page
    assert ">Unread<" not in row_of(eg.get("/messages").text, message_id)
    sent = fr.get("/messages/sent").text
    assert "Read" in row_of(sent, message_id)
    receipts = fr.get(f"/messages/{message_id}").text.split('id="receipts"')[1]
    assert "Egypt (EG)" in receipts
    assert ">Read<" in receipts


def test_search_and_paging_words(desk: Bureaus) -> None:
    fr = desk.browser("fr.operator")
    lorry = send(fr)
    euros = send(fr, subject="Counterfeit euros", references="case FR-2026-0999")
    eg = desk.browser("eg.operator")
    by_word = eg.get("/messages?q=LORRY").text
    assert f'href="/messages/{lorry}"' in by_word
    assert f'href="/messages/{euros}"' not in by_word
    by_ref = eg.get("/messages?reference=case:FR-2026-0999").text
    assert f'href="/messages/{euros}"' in by_ref
    assert f'href="/messages/{lorry}"' not in by_ref
    assert "2 messages" in eg.get("/messages?priority=nonsense&p=0").text
    assert f'href="/messages/{lorry}"' in fr.get("/messages/sent?q=lorry").text


def test_urgent_acknowledged_and_replied_in_the_thread(desk: Bureaus) -> None:
    fr = desk.browser("fr.operator")
    message_id = send(fr, priority="urgent")
    eg = desk.browser("eg.operator", "fr")
    inbox = eg.get("/messages").text
    assert "urgent" in row_of(inbox, message_id)
    assert "Urgent" in eg.get("/").text.split('id="messages-home"')[1]
    path = f"/messages/{message_id}"
    page = eg.get(path).text
    assert "Accuser réception" in page
    acked = eg.post(f"{path}/acknowledge", page=path, follow_redirects=False)
    assert acked.status_code == 303
    assert "Accuser réception" not in eg.get(path).text
    receipts = fr.get(path).text.split('id="receipts"')[1]
    assert "Acknowledged" in receipts
    assert "eg.operator" in receipts
    reply_form = eg.get(f"/messages/new?reply_to={message_id}").text
    assert 'value="Re: Stolen lorry heading for Port Said"' in reply_form
    assert f'name="in_reply_to" value="{message_id}"' in reply_form
    assert '<option value="FR" selected>' in reply_form
    reply = send(
        eg,
        **{
            "to.bureaus": ["FR"],
            "subject": "Re: lorry",
            "body": "Seized.",
            "in_reply_to": message_id,
        },
    )
    thread = fr.get(f"/messages/{reply}").text.split('id="thread"')[1]
    assert f'href="/messages/{message_id}"' in thread
    assert "Re: lorry" in thread


def test_a_third_bureau_gets_not_found_and_is_audited(desk: Bureaus, db) -> None:
    message_id = send(desk.browser("fr.operator"))
    es = desk.browser("es.operator")
    for path in (
        f"/messages/{message_id}",
        f"/messages/{message_id}/attachments/0",
        f"/messages/{message_id}/forward",
        f"/messages/new?reply_to={message_id}",
        "/messages/nothex",
    ):
        response = es.get(path)
        assert response.status_code == 404, path
        assert "Stolen lorry" not in response.text
    ack = es.post(f"/messages/{message_id}/acknowledge", page="/messages")
    assert ack.status_code == 404
    assert "Stolen lorry" not in es.get("/messages").text
    db.commit()
    denied = db.scalars(select(AuditEntry).where(AuditEntry.outcome == "denied")).all()
    assert {e.query["code"] for e in denied} == {"message.not_found"}
    assert {e.actor_bureau for e in denied} == {"ES"}


def test_forward_refused_by_the_handling_code(desk: Bureaus, db) -> None:
    message_id = send(desk.browser("fr.operator"), handling_code="named_recipients_only")
    eg = desk.browser("eg.operator", "es")
    path = f"/messages/{message_id}/forward"
    form = eg.get(path).text
    assert "Solo destinatarios nominales" in form
    refused = eg.post(path, {"to.bureaus": ["ES"], "note": "FYI", "idempotency_key": "k" * 16})
    assert refused.status_code == 422
    assert "no puede reenviarse" in error_of(refused.text, "to.bureaus")
    assert "restricted to its named recipients" in error_of(refused.text, "to.bureaus")
    db.commit()
    assert db.scalar(select(Message).where(Message.forwarded_from == message_id)) is None
    denied = db.scalars(select(AuditEntry).where(AuditEntry.outcome == "denied")).all()
    assert [e.query["code"] for e in denied] == ["message.handling_no_forward"]
    allowed = send(desk.browser("fr.operator"))
    done = eg.post(
        f"/messages/{allowed}/forward",
        {"to.bureaus": ["ES"], "note": "For you.", "idempotency_key": "f" * 16},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Fwd: Stolen lorry" in desk.browser("es.operator").get("/messages").text


def test_files_checked_as_the_api_checks_them(desk: Bureaus, app) -> None:
    fr = desk.browser("fr.operator", "fr")
    limit = app.state.settings.messaging_attachment_max_bytes
    big = ("big.pdf", b"%PDF-" + b"0" * limit, "application/pdf")
    too_big = fr.client.post(
        "/messages/new",
        data={"csrf_token": fr.token("/messages/new"), **compose()},
        files={"attachments": big},
    )
    assert too_big.status_code == 422
    assert "limite" in error_of(too_big.text, "attachments")
    exe = ("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    fake = fr.client.post(
        "/messages/new",
        data={"csrf_token": fr.token("/messages/new"), **compose()},
        files={"attachments": exe},
    )
    assert fake.status_code == 422
    assert "labelled application/pdf" in error_of(fake.text, "attachments")
    assert 'value="Stolen lorry heading for Port Said"' in fake.text  # what was typed stays
    good = fr.client.post(
        "/messages/new",
        data={"csrf_token": fr.token("/messages/new"), **compose()},
        files={"attachments": ("report.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert good.status_code == 303
    message_id = good.headers["location"].split("/")[2].split("?")[0]
    eg = desk.browser("eg.operator")
    assert "report.pdf" in eg.get(f"/messages/{message_id}").text
    download = eg.get(f"/messages/{message_id}/attachments/0")
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["cache-control"] == "no-store"
    assert eg.get(f"/messages/{message_id}/attachments/5").status_code == 404


def test_errors_next_to_their_field(desk: Bureaus) -> None:
    fr = desk.browser("fr.operator", "ar")
    nobody = fr.post("/messages/new", compose(**{"to.bureaus": []}), page="/messages/new")
    assert nobody.status_code == 422
    assert "اختر" in error_of(nobody.text, "to.bureaus")
    empty = fr.post("/messages/new", compose(subject=""), page="/messages/new")
    assert empty.status_code == 422
    error_of(empty.text, "subject")
    bad_ref = fr.post("/messages/new", compose(references="dossier 12"), page="/messages/new")
    assert bad_ref.status_code == 422
    error_of(bad_ref.text, "references")
    named = fr.post(
        "/messages/new",
        compose(handling_code="named_recipients_only", **{"to.regions": ["europe"]}),
        page="/messages/new",
    )
    assert named.status_code == 422
    error_of(named.text, "handling_code")


def test_a_double_submit_sends_once(desk: Bureaus, db) -> None:
    fr = desk.browser("fr.operator")
    form = compose()
    first = send(fr, **form)
    second = send(fr, **form)
    assert first == second
    db.commit()
    assert len(db.scalars(select(Message)).all()) == 1
    changed = fr.post("/messages/new", {**form, "subject": "Other"}, page="/messages/new")
    assert changed.status_code == 422
    assert "already sent another message" in changed.text


def test_only_senders_compose(desk: Bureaus) -> None:
    officer = desk.browser("eg.officer")
    assert officer.get("/messages/new").status_code == 403
    assert officer.post("/messages/new", compose(), page="/messages").status_code == 403
    assert 'href="/messages/new"' not in officer.get("/messages").text
    assert 'href="/messages"' in officer.get("/").text


def test_the_secretariat_sees_escalations_on_its_home_page(desk: Bureaus, app) -> None:
    message_id = send(desk.browser("fr.operator"), priority="urgent")
    with app.state.session_factory() as session, session.begin():
        row = session.scalar(select(Message).where(Message.id == message_id))
        row.ack_due_at = row.created_at  # due at once
    app.state.messaging.escalate_now()
    home = desk.browser("gs.reviewer").get("/").text.split('id="messages-home"')[1]
    assert "Escalated urgent messages (1)" in home
    assert "France (FR) → Egypt (EG)" in home
    assert "Stolen lorry" not in home  # routing only, never the content


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_messages_page_in_each_language(desk: Bureaus, language: str) -> None:
    message_id = send(desk.browser("fr.operator"), priority="urgent")
    eg = desk.browser("eg.operator", language)
    direction = "rtl" if language == "ar" else "ltr"
    for path in (
        "/messages",
        "/messages/sent",
        "/messages/new",
        f"/messages/{message_id}",
        f"/messages/{message_id}/forward",
        f"/messages/new?reply_to={message_id}",
        "/",
    ):
        response = eg.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}" dir="{direction}">' in response.text
    assert INBOX[language] in eg.get("/messages").text
    assert URGENT[language] in eg.get(f"/messages/{message_id}").text


def test_hostile_subject_and_body_are_escaped(desk: Bureaus) -> None:
    hostile = '<script>alert("x")</script>'
    fr = desk.browser("fr.operator")
    message_id = send(fr, subject=hostile, body='<img src=x onerror="alert(1)">', references="")
    eg = desk.browser("eg.operator")
    for path in (
        "/messages",
        f"/messages/{message_id}",
        f"/messages/new?reply_to={message_id}",
        f"/messages/{message_id}/forward",
        "/",
    ):
        html = eg.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
    assert "&lt;script&gt;" in eg.get(f"/messages/{message_id}").text


def test_a_tampered_message_is_refused_in_the_users_language(desk: Bureaus, db) -> None:
    message_id = send(desk.browser("fr.operator"))
    db.commit()
    row = db.scalar(select(Message).where(Message.id == message_id))
    flipped = bytes([row.ciphertext[0] ^ 1]) + row.ciphertext[1:]
    db.execute(update(Message).where(Message.id == message_id).values(ciphertext=flipped))
    db.commit()
    refused = desk.browser("eg.operator", "fr").get(f"/messages/{message_id}")
    assert refused.status_code == 409
    assert "contrôle d&#39;intégrité" in refused.text
    assert "Stolen lorry" not in refused.text
