"""Every page renders in each of the four languages; Arabic is laid out right to left."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.core.principal import Role
from amana.web.i18n import LANGUAGES
from tests.web.conftest import Browser, seed_demo

SIGN_OUT = {"en": "Sign out", "fr": "Se déconnecter", "es": "Cerrar sesión", "ar": "تسجيل الخروج"}
PAGES = (
    "/",
    "/screening",
    "/screening?kind=document",
    "/screening?kind=vehicle",
    "/screening?kind=organisation",
    "/screening?kind=vessel",
    "/screening/batch",
    "/records/persons",
    "/records/persons?scope=shared",
    "/records/documents",
    "/records/vehicles",
    "/records/firearms",
    "/records/persons/new",
    "/records/documents/new",
    "/records/vehicles/new",
    "/records/firearms/new",
    "/hits",
    "/hits?side=searcher",
    "/admin/users",
    "/admin/users/new",
    "/admin/audit",
)


@pytest.fixture
def seeded(signed_in: Browser, db, app) -> Browser:
    seed_demo(app, db)
    return signed_in


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_each_language(seeded: Browser, language: str, db) -> None:
    seeded.client.cookies.set("amana_lang", language)
    persons = seeded.get("/records/persons?scope=shared").text
    record = re.search(r'href="(/records/persons/\d+)"', persons)
    assert record
    admin_users = seeded.get("/admin/users").text
    user = re.search(r'href="(/admin/users/\d+)"', admin_users)
    assert user
    for path in (*PAGES, record.group(1), user.group(1)):
        response = seeded.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        html = response.text
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
        assert SIGN_OUT[language] in html, path
        menu = html.split('class="main-nav"')[1].split("</nav>")[0]
        assert menu.count('aria-current="page"') <= 1, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_in_page_in_each_language(browser: Browser, language: str) -> None:
    browser.client.cookies.set("amana_lang", language)
    html = browser.get("/login").text
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")


def test_the_browsers_language_is_the_default(browser: Browser) -> None:
    html = browser.get("/login", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"}).text
    assert '<html lang="ar" dir="rtl">' in html
    html = browser.get("/login", headers={"Accept-Language": "es-MX"}).text
    assert '<html lang="es" dir="ltr">' in html


def test_the_language_switch_keeps_the_page(signed_in: Browser) -> None:
    response = signed_in.post(
        "/language", {"language": "ar", "next": "/records/persons"}, page="/records/persons"
    )
    assert response.url.path == "/records/persons"
    assert '<html lang="ar" dir="rtl">' in response.text
    assert 'aria-pressed="true">العربية' in response.text


def test_dates_and_numbers_follow_the_locale(seeded: Browser) -> None:
    seeded.client.cookies.set("amana_lang", "fr")
    html = seeded.post("/screening", {"kind": "person", "names": "Mohammed Abdullah Al-Masri"}).text
    assert "mai 1980" in html  # 1980-05-02, in French
    assert re.search(r"\d+\s%", html)  # French percentages: "99 %"


def test_navigation_shows_only_what_the_role_allows(browser: Browser, make, db) -> None:
    make.user("fr.officer", "FR", Role.OFFICER)
    browser.sign_in("fr.officer")
    html = browser.get("/").text
    assert 'href="/screening"' in html
    assert 'href="/admin/users"' not in html
    denied = browser.get("/admin/users")
    assert denied.status_code == 403
    assert "text/html" in denied.headers["content-type"]
    refusals = db.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied"))
    assert ["GET /admin/users"] in [entry.target_ids for entry in refusals]  # audited as in the API


def test_unknown_pages_answer_in_html_and_the_api_in_problem_json(signed_in: Browser) -> None:
    page = signed_in.get("/no/such/page", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    assert signed_in.get("/records/persons/not-a-number").status_code == 404
    api = signed_in.get("/api/v1/no-such-endpoint", headers={"Accept": "text/html"})
    assert api.headers["content-type"] == "application/problem+json"
    machine = signed_in.get("/no/such/page", headers={"Accept": "*/*"})
    assert machine.headers["content-type"] == "application/problem+json"


def test_one_menu_entry_is_current(signed_in: Browser) -> None:
    for path, entry in (("/screening/batch", "/screening/batch"), ("/screening", "/screening")):
        menu = signed_in.get(path).text.split('class="main-nav"')[1].split("</nav>")[0]
        assert re.findall(r'<a href="([^"]+)" aria-current="page"', menu) == [entry]


def test_the_site_has_an_icon(browser: Browser) -> None:
    icon = browser.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/")
    assert 'rel="icon"' in browser.get("/login").text
