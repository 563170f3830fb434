"""Web pages are tested through a browser-like client: https (so Secure cookies travel), a
cookie jar, and forms posted with the CSRF token of the page that showed them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx
import pytest
from fastapi.testclient import TestClient

from amana.core.principal import Role
from amana.demo.records import seed_records
from tests.conftest import PASSWORD, Factory

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@dataclass
class Browser:
    client: TestClient

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.get(path, **kwargs)  # type: ignore[arg-type]

    def token(self, path: str = "/") -> str:
        return csrf_of(self.get(path).text)

    def post(
        self,
        path: str,
        data: dict[str, object] | None = None,
        *,
        page: str | None = None,
        **kw: object,
    ) -> httpx.Response:
        """Post a form as the page ``page`` (default: the form's own address) would."""
        form = {"csrf_token": self.token(page or path), **(data or {})}
        return self.client.post(path, data=form, **kw)  # type: ignore[arg-type]

    def sign_in(self, username: str, password: str = PASSWORD) -> httpx.Response:
        response = self.post(
            "/login", {"username": username, "password": password}, follow_redirects=False
        )
        assert response.status_code == 303, response.text
        return response

    def language(self, code: str) -> None:
        self.post("/language", {"language": code, "next": "/login"}, page="/login")


@pytest.fixture
def browser(app, client) -> Browser:
    # ``client`` ran the app's start-up (screening index) and empties the tables afterwards.
    return Browser(TestClient(app, base_url="https://testserver", raise_server_exceptions=False))


@pytest.fixture
def signed_in(browser: Browser, make: Factory) -> Browser:
    """An operator and administrator of the Egyptian bureau: every page of this part is theirs."""
    make.user("eg.chief", "EG", Role.BUREAU_OPERATOR, Role.BUREAU_ADMIN)
    browser.sign_in("eg.chief")
    return browser


def seed_demo(app, db) -> None:
    """The demo records, committed and already in the screening index (which otherwise picks
    them up from the change feed within a poll interval)."""
    seed_records(db)
    db.commit()
    app.state.screening_index.refresh()
