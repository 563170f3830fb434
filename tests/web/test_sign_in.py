"""Sign-in with the foundation's lockout, in the user's language."""

from __future__ import annotations

from tests.web.conftest import Browser


def test_unknown_user_is_refused_without_saying_which_part_was_wrong(browser: Browser) -> None:
    response = browser.post("/login", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 401
    assert "Invalid username or password." in response.text


def test_empty_fields_are_marked_next_to_each_field(browser: Browser) -> None:
    response = browser.post("/login", {"username": "", "password": ""})
    assert response.status_code == 422
    assert 'id="f-username-error"' in response.text
    assert 'id="f-password-error"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_lockout_is_explained_in_the_users_language(browser: Browser, make, settings) -> None:
    make.user("fr.one", "FR")
    browser.client.cookies.set("amana_lang", "fr")
    for _ in range(settings.max_failed_logins):
        response = browser.post("/login", {"username": "fr.one", "password": "wrong"})
    assert response.status_code == 423
    assert "verrouillé" in response.text
    # Still locked with the right password.
    response = browser.post(
        "/login", {"username": "fr.one", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 423


def test_signing_in_lands_on_the_page_asked_for(browser: Browser, make) -> None:
    make.user("fr.one", "FR")
    first = browser.get("/records/persons", follow_redirects=False)
    assert first.headers["location"] == "/login?next=/records/persons"
    response = browser.post(
        "/login",
        {
            "username": "fr.one",
            "password": "correct-horse-battery-staple",
            "next": "/records/persons",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/records/persons"


def test_an_expired_session_asks_to_sign_in_again(browser: Browser) -> None:
    browser.client.cookies.set("amana_session", "amn_not-a-token")
    response = browser.get("/")
    assert response.url.path == "/login"
    assert "Your session has ended" in response.text
