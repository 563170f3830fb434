"""Notices in a real browser: an operator requests a Red notice whose wording the neutrality
check flags, sees the flags before submitting, and the secretariat publishes it with a note;
screenshots of the notices pages in the four languages (test-output/screenshots/)."""

from __future__ import annotations

import re
import struct
import zlib

import pytest
from playwright.sync_api import Page, expect

from amana.demo.service import DEMO_PASSWORD
from tests.web.browser.conftest import shot
from tests.web.browser.test_journeys import LANGUAGE_BUTTONS, sign_in

pytestmark = pytest.mark.browser

POLITICAL = (
    "Wanted for the armed robbery of a bank in Lyon. He is a member of the opposition "
    "political party."
)


def _png(width: int = 60, height: int = 80) -> bytes:
    """A small real PNG (a grey rectangle), so the browser has a photograph to draw."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\x00" + bytes([120, 130, 150]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + (chunk(b"IEND", b""))
    )


def _person_id(page: Page) -> str:
    """One of the French bureau's demo person records, to link to the request."""
    page.goto("/records/persons")
    href = page.locator("table.data tbody a").first.get_attribute("href")
    assert href
    return href.rsplit("/", 1)[1]


def _fill_red(page: Page, person_id: str) -> None:
    """By the inputs' ids, so the same steps work in every language."""
    page.goto("/notices/new?type=red")
    values = {
        "summary": POLITICAL,
        "link_person": person_id,
        "subject.family_name": "Moreau",
        "subject.forename": "Lucien",
        "subject.date_of_birth": "1979-06-14",
        "subject.nationalities": "FR",
        "judicial.warrant.issuing_authority": "Tribunal judiciaire de Lyon",
        "judicial.warrant.issued_on": "2025-01-20",
        "judicial.warrant.reference": "LYO-2025-0031",
        "judicial.charges.0.charge": "Armed robbery",
        "judicial.charges.0.facts": "On 2 January 2025 he robbed a bank in Lyon at gunpoint.",
        "judicial.charges.0.law": "Code pénal, art. 311-8",
        "judicial.penalty.max_penalty_months": "240",
    }
    for name, value in values.items():
        page.locator(f'[id="f-{name}"]').fill(value)
    page.locator('[id="f-judicial.charges.0.crime_category"]').select_option("violent_crime")
    page.locator('[id="f-judicial.penalty.purpose"]').select_option("prosecution")


def _sign_in_as(page: Page, username: str) -> None:
    page.goto("/login")
    page.locator("#f-username").fill(username)
    page.locator("#f-password").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_selector("form.sign-out")


def test_a_flagged_red_notice_from_request_to_publication(page: Page) -> None:
    sign_in(page, "fr.operator")
    person_id = _person_id(page)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Notices").click()
    page.get_by_role("link", name="Request a notice").first.click()
    page.get_by_role("link", name="Red Notice").click()
    _fill_red(page, person_id)
    page.get_by_role("button", name="Check").click()
    checks = page.locator("#checks")
    expect(checks).to_contain_text("No check fails")
    flag = checks.locator("li.check-flag")
    expect(flag).to_contain_text("Neutrality (Article 3)")
    expect(flag).to_contain_text("Flagged for the reviewer")
    expect(flag.locator("mark").first).to_have_text(re.compile("opposition|politic"))
    page.get_by_role("link", name="View the request").click()  # the checked draft was saved
    page.get_by_label("Kind of file").select_option("photo")
    page.get_by_label("File", exact=True).set_input_files(
        {"name": "moreau.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.get_by_role("button", name="Attach").click()
    photo = page.locator("figure.photos img")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.naturalWidth") == 60  # served through the page route
    page.get_by_role("link", name="Edit, check and submit").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page).to_have_url(re.compile(r"/notices/\d+$"))
    notice_url = page.url
    expect(page.locator(".lead .status")).to_have_text("Submitted for review")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "gs.reviewer")
    page.goto("/notices")
    page.get_by_role("link", name="Review queue").click()
    notice_path = "/notices/" + notice_url.rsplit("/", 1)[1]
    row = page.locator("table.data tr", has=page.locator(f'a[href="{notice_path}"]'))
    expect(row).to_contain_text("Neutrality (Article 3)")
    row.locator(f'a[href="{notice_path}"]').click()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#f-note-error")).to_contain_text("approving it needs a note")
    expect(page.get_by_label("Note for the requesting bureau")).to_have_attribute(
        "aria-invalid", "true"
    )
    page.get_by_label("Approve").check()
    page.get_by_label("Note for the requesting bureau").fill(
        "The party is named only as the victim's employer; ordinary-law robbery."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".lead .status")).to_have_text("Published")
    expect(page.locator("h1")).to_contain_text(re.compile(r"\d{4}/\d{5}"))
    expect(page.locator("table.history")).to_contain_text("Approved and published")
    expect(page.locator("figure.photos img")).to_be_visible()
    page.goto("/notices?status=published&type=red")
    expect(page.locator(f'a[href="{notice_path}"]')).to_be_visible()
    assert page.csp_violations == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_screenshots_of_the_notices_pages(page: Page, language: str) -> None:
    page.goto("/login")
    page.get_by_role("button", name=LANGUAGE_BUTTONS[language]).click()
    _sign_in_as(page, "fr.operator")
    person_id = _person_id(page)
    page.goto("/notices")
    page.wait_for_selector("table.notices")
    shot(page, f"{language}-10-notices")
    page.goto("/notices?type=red&bureau=FR&status=published")
    page.locator("table.notices tbody tr", has_text="Shcherbakov").locator("a").first.click()
    page.wait_for_selector("dl.facts")
    shot(page, f"{language}-11-notice")
    _fill_red(page, person_id)
    page.locator('button[value="check"]').click()
    page.wait_for_selector("#checks li.check-flag")
    shot(page, f"{language}-12-notice-request-flags")
    page.locator('button[value="submit"]').click()
    page.wait_for_url(re.compile(r"/notices/\d+$"))
    page.locator("form.sign-out button").click()
    _sign_in_as(page, "gs.reviewer")
    page.goto("/notices/review")
    page.wait_for_selector("table.notices")
    shot(page, f"{language}-13-review-queue")
    assert page.evaluate("document.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.csp_violations == []  # type: ignore[attr-defined]
