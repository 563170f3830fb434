"""Sessions, CSRF, the Content-Security-Policy and output escaping."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amana.core.principal import Role
from amana.records.models import Person
from tests.conftest import PASSWORD
from tests.web.conftest import Browser, csrf_of


def _cookie_header(response, name: str) -> str:
    headers = [h for h in response.headers.get_list("set-cookie") if h.startswith(name + "=")]
    assert headers, f"no {name} cookie set"
    return headers[0].lower()


def test_session_cookie_is_http_only_same_site_and_secure(browser: Browser, make) -> None:
    make.user("fr.one", "FR")
    cookie = _cookie_header(browser.sign_in("fr.one"), "amana_session")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" in cookie
    assert "path=/" in cookie


def test_cookies_are_secure_over_plain_http_to_a_network_address(app, client, make) -> None:
    """Plain http to a network address fails closed: the browser keeps no cookie, so no form
    passes its CSRF check and nobody signs in over an unencrypted network."""
    make.user("fr.one", "FR")
    plain = TestClient(app, base_url="http://amana.example")
    page = plain.get("/login")
    assert "secure" in _cookie_header(page, "amana_presession")
    response = plain.post(
        "/login",
        data={"username": "fr.one", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_the_local_demo_over_plain_http_works(app, client, make) -> None:
    make.user("fr.one", "FR")
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    token = csrf_of(local.get("/login").text)
    response = local.post(
        "/login", data={"username": "fr.one", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 200
    assert "Sign out" in response.text


def test_a_form_without_its_csrf_token_is_refused(browser: Browser, make) -> None:
    make.user("fr.one", "FR")
    browser.get("/login")
    response = browser.client.post("/login", data={"username": "fr.one", "password": PASSWORD})
    assert response.status_code == 403
    assert "amana_session" not in response.headers.get("set-cookie", "")
    assert "text/html" in response.headers["content-type"]


def test_a_token_from_another_session_is_refused(browser: Browser, make, app, db) -> None:
    make.user("eg.op", "EG", Role.BUREAU_OPERATOR)
    browser.sign_in("eg.op")
    other = Browser(TestClient(app, base_url="https://testserver"))
    other.sign_in("eg.op")
    foreign = other.token("/records/persons/new")
    response = browser.client.post(
        "/records/persons/new",
        data={"csrf_token": foreign, "names.0.full_name": "Forged", "status": "wanted"},
    )
    assert response.status_code == 403
    db.commit()
    assert db.scalar(select(func.count()).select_from(Person)) == 0


def test_sign_out_revokes_the_session_token(browser: Browser, make) -> None:
    make.user("fr.one", "FR")
    token = browser.sign_in("fr.one").cookies["amana_session"]
    browser.post("/logout", page="/")
    api = browser.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_pages_send_a_content_security_policy(signed_in: Browser) -> None:
    for path in ("/", "/screening", "/login", "/static/amana.css"):
        policy = signed_in.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


def test_pages_hold_no_inline_script_and_no_external_asset(signed_in: Browser) -> None:
    html = signed_in.get("/screening").text
    assert '<script src="/static/htmx.min.js"' in html
    assert "<script>" not in html
    assert "http://" not in html
    assert "https://" not in html
    assert signed_in.get("/static/htmx.min.js").status_code == 200


def test_the_api_documentation_works_offline_under_the_policy(client) -> None:
    """Swagger UI is served by Amana itself (no CDN), so /docs works without internet, and
    starts from a file, so it keeps the pages' Content-Security-Policy."""
    response = client.get("/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    assert "<script>" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset
        assert not asset.startswith("//"), asset
        assert client.get(asset).status_code == 200, asset
    init = next(a for a in assets if a.endswith("init.js"))
    assert '"/openapi.json"' in client.get(init).text
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/redoc").status_code == 404  # not offered: it would need a CDN too


def test_sign_in_never_redirects_off_site(browser: Browser, make) -> None:
    make.user("fr.one", "FR")
    response = browser.post(
        "/login",
        {"username": "fr.one", "password": PASSWORD, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_hostile_input_is_escaped(signed_in: Browser) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = signed_in.post(
        "/records/persons/new",
        {"names.0.full_name": hostile, "names.0.kind": "primary", "status": "wanted"},
    )
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(" in response.text
    screened = signed_in.post("/screening", {"kind": "person", "names": hostile})
    assert "<script>alert" not in screened.text
    assert "&lt;script&gt;" in screened.text


def test_pages_are_not_cached(signed_in: Browser) -> None:
    assert signed_in.get("/").headers["cache-control"] == "no-store"
