"""An officer's day in a real browser, and screenshots of the main pages in four languages
(saved under test-output/screenshots/ for a reviewer to look at)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from amana.demo.service import DEMO_PASSWORD
from tests.web.browser.conftest import shot

pytestmark = pytest.mark.browser

MASRI_AR = "محمد عبد الله المصري"
LANGUAGE_BUTTONS = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


def sign_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_sign_in_screen_an_arabic_name_and_open_the_latin_hit(page: Page) -> None:
    sign_in(page, "fr.officer")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Screening").click()
    assert page.evaluate("typeof htmx") == "object"  # served locally, allowed by the CSP
    page.get_by_label("Names").fill(MASRI_AR)
    page.get_by_label("Date of birth").fill("1980")
    page.get_by_role("button", name="Screen", exact=True).click()
    first = page.locator("ol.hits > li").first
    expect(first).to_contain_text("Mohammed Abdullah Al-Masri")
    expect(first).to_contain_text("transliteration")
    first.get_by_role("link", name="Mohammed Abdullah Al-Masri").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mohammed Abdullah Al-Masri")
    expect(page.locator("dl.facts")).to_contain_text("Terrorism")
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_an_operator_creates_a_record_and_errors_show_next_to_fields(page: Page) -> None:
    sign_in(page, "eg.operator")
    page.goto("/records/persons/new")
    page.get_by_label("Name 1", exact=True).fill("Karim Nour")
    page.get_by_label("Status").select_option("missing")
    page.get_by_label("Nationalities").fill("EG, QQ")
    page.get_by_role("button", name="Create the record").click()
    error = page.locator("#f-nationalities-error")
    expect(error).to_contain_text("ISO 3166-1")
    expect(page.get_by_label("Nationalities")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Nationalities").fill("EG")
    page.get_by_role("button", name="Create the record").click()
    expect(page).to_have_url(re.compile(r"/records/persons/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Karim Nour")


def test_switch_to_arabic_lays_the_page_out_right_to_left_then_sign_out(page: Page) -> None:
    sign_in(page, "eg.officer")
    page.get_by_role("button", name="العربية").click()
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    assert brand is not None
    assert brand["x"] > 640  # the brand sits at the right-hand start of the bar
    page.get_by_role("button", name="تسجيل الخروج").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    assert page.evaluate("document.dir") == "rtl"
    page.get_by_role("button", name="English").click()
    assert page.evaluate("document.dir") == "ltr"


def test_keyboard_users_see_where_they_are(page: Page) -> None:
    page.goto("/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.get_by_label("Username").focus()
    page.keyboard.type("fr.officer")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("fr.officer")


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_screenshots_of_the_main_pages(page: Page, language: str) -> None:
    page.goto("/login")
    page.get_by_role("button", name=LANGUAGE_BUTTONS[language]).click()
    assert page.evaluate("document.documentElement.lang") == language
    shot(page, f"{language}-1-sign-in")
    page.locator("#f-username").fill("fr.admin")
    page.locator("#f-password").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_selector("form.sign-out")
    shot(page, f"{language}-2-home")
    page.goto("/screening")
    page.locator("#f-names").fill(MASRI_AR)
    page.locator("#f-dob").fill("1980")
    page.locator("form.screening-form button[type=submit]").click()
    page.wait_for_selector("ol.hits")
    shot(page, f"{language}-3-screening-results")
    page.locator("ol.hits > li h3 a").first.click()
    page.wait_for_selector("dl.facts")
    shot(page, f"{language}-4-record")
    page.goto("/admin/users")
    shot(page, f"{language}-6-admin-users")
    page.goto("/admin/audit")
    shot(page, f"{language}-7-audit-trail")
    page.goto("/screening/batch")
    shot(page, f"{language}-8-manifest")
    page.locator("form.sign-out button").click()
    page.locator("#f-username").fill("fr.operator")
    page.locator("#f-password").fill(DEMO_PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.goto("/records/persons/new")
    page.locator("form.stacked button[type=submit]").click()  # empty: the errors, translated
    page.wait_for_selector(".error-summary")
    shot(page, f"{language}-5-record-form-errors")
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet, upright
    page.goto("/records/persons?scope=shared")
    shot(page, f"{language}-9-tablet-records")
    assert page.evaluate("document.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_the_api_documentation_renders_offline_under_the_policy(page: Page, base_url: str) -> None:
    elsewhere: list[str] = []

    def local_only(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.goto("/docs")
    # The schema is large: rendering it takes a few seconds on a loaded machine.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Amana", timeout=30_000)
    expect(page.locator(".opblock").first).to_be_visible()
    assert elsewhere == []
    assert page.csp_violations == []  # type: ignore[attr-defined]
    shot(page, "api-docs")
