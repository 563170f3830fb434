"""Secure messages in a real browser: the French operator sends an urgent message to Egypt,
the Egyptian operator finds it on the home page and in the inbox, reads and acknowledges it,
and the French operator sees it read and acknowledged; screenshots of the messages pages in
the four languages (test-output/screenshots/)."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser.conftest import shot
from tests.web.browser.test_journeys import LANGUAGE_BUTTONS, sign_in
from tests.web.browser.test_notice_journey import _sign_in_as

pytestmark = pytest.mark.browser


def test_an_urgent_message_sent_read_and_acknowledged(page: Page) -> None:
    subject = f"Container MSKU {uuid.uuid4().hex[:6]} seized in Marseille"
    sign_in(page, "fr.operator")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Messages").click()
    page.get_by_role("link", name="New message").first.click()
    page.get_by_label("Bureaus", exact=True).select_option(["EG"])
    page.locator("#f-subject").fill(subject)
    page.get_by_label("Message", exact=True).fill("Two Egyptian nationals were with it.")
    page.get_by_label("Urgent", exact=True).check()
    page.get_by_label("References", exact=True).fill("case FR-2026-0500")
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_url(re.compile(r"/messages/[0-9a-f]{32}\?sent=1$"))
    expect(page.get_by_role("status")).to_have_text("Message sent.")
    expect(page.locator("#signature")).to_contain_text("Signed by FR, key version 1")
    message_path = urlsplit(page.url).path
    expect(page.locator("#receipts")).to_contain_text("Egypt (EG)")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "eg.operator")
    home = page.locator("section.messages-block")
    expect(home.get_by_role("link", name=subject).first).to_be_visible()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Messages").click()
    row = page.locator("table.messages tr", has=page.get_by_role("link", name=subject))
    expect(row).to_have_class(re.compile(r"\bunread\b.*\burgent\b"))
    expect(row).to_contain_text("Unread")
    row.get_by_role("link", name=subject).click()
    expect(page.locator(".message-body")).to_have_text("Two Egyptian nationals were with it.")
    expect(page.locator("#signature")).to_contain_text("signature verified")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("button", name="Acknowledge")).to_have_count(0)
    expect(page.locator(".lead .status")).to_have_text("Acknowledged")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "fr.operator")
    page.goto("/messages/sent")
    sent_row = page.locator("table.messages tr", has=page.get_by_role("link", name=subject))
    expect(sent_row).to_contain_text("Acknowledged")
    sent_row.get_by_role("link", name=subject).click()
    assert page.url.endswith(message_path)
    receipts = page.locator("#receipts tbody tr")
    expect(receipts).to_contain_text("Acknowledged")
    expect(receipts).to_contain_text("eg.operator")
    assert page.csp_violations == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_screenshots_of_the_messages_pages(page: Page, language: str) -> None:
    page.goto("/login")
    page.get_by_role("button", name=LANGUAGE_BUTTONS[language]).click()
    _sign_in_as(page, "eg.operator")
    page.goto("/messages")
    page.wait_for_selector("table.messages")
    shot(page, f"{language}-14-inbox")
    # The demo's urgent message: still awaiting acknowledgement, so its button shows.
    page.locator("table.messages tr.urgent", has_text="MS 800").locator("a").click()
    page.wait_for_selector("#signature")
    shot(page, f"{language}-15-message")
    page.goto("/messages/new")
    page.locator('[id="f-to.bureaus"]').select_option(["FR"])
    page.locator("#f-subject").fill("")
    page.locator('button[type="submit"].primary').click()
    page.wait_for_selector("#f-subject-error")
    shot(page, f"{language}-16-compose")
    page.locator("form.sign-out button").click()
    _sign_in_as(page, "fr.operator")
    page.goto("/messages/sent")
    page.wait_for_selector("table.messages")
    shot(page, f"{language}-17-sent")
    assert page.evaluate("document.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.csp_violations == []  # type: ignore[attr-defined]
