"""Administration: users and roles, API tokens, the bureau's audit trail."""

from __future__ import annotations

import re

from sqlalchemy import select

from amana.core.principal import Role
from amana.users.models import User
from tests.conftest import PASSWORD
from tests.web.conftest import Browser


def test_an_administrator_creates_a_user_and_issues_then_revokes_a_token(signed_in: Browser):
    created = signed_in.post(
        "/admin/users/new",
        {"username": "eg.new", "display_name": "New One", "roles": "officer",
         "password": "a-long-enough-passphrase"},
        follow_redirects=False,
    )  # fmt: skip
    assert created.status_code == 303, created.text[:2000]
    user_page = created.headers["location"]
    issued = signed_in.post(f"{user_page}/tokens", {"name": "Gate 4", "days": "30"}, page=user_page)
    token = re.search(r"(amn_[A-Za-z0-9_-]+)", issued.text)
    assert token
    api = signed_in.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.group(1)}"})
    assert api.json()["username"] == "eg.new"
    assert token.group(1) not in signed_in.get(user_page).text  # shown once
    token_id = re.search(r'action="/admin/tokens/(\d+)/revoke"', issued.text)
    assert token_id
    signed_in.post(f"/admin/tokens/{token_id.group(1)}/revoke", page=user_page)
    api = signed_in.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.group(1)}"})
    assert api.status_code == 401


def test_user_errors_are_shown_next_to_their_field(signed_in: Browser, make) -> None:
    make.user("eg.taken", "EG")
    response = signed_in.post(
        "/admin/users/new",
        {"username": "eg.taken", "display_name": "X", "roles": "system_admin", "password": "short"},
    )
    assert response.status_code == 422
    assert 'id="f-roles-error"' in response.text or 'id="f-username-error"' in response.text


def test_roles_and_disabling(signed_in: Browser, make) -> None:
    user = make.user("eg.someone", "EG", Role.OFFICER)
    page = f"/admin/users/{user.id}"
    changed = signed_in.post(
        page, {"display_name": "Someone", "roles": ["officer", "bureau_operator"], "disabled": "on"}
    )
    assert changed.status_code == 200
    assert "Disabled" in changed.text
    assert "Bureau operator" in changed.text


def test_the_audit_trail_shows_the_bureaus_entries(signed_in: Browser, make) -> None:
    make.user("fr.other", "FR")
    signed_in.post("/screening", {"kind": "person", "names": "Anyone Atall"})
    html = signed_in.get("/admin/audit").text
    assert "screening.person" in html
    assert "fr.other" not in html  # another bureau's trail
    filtered = signed_in.get("/admin/audit?action=screening.person").text
    assert "auth.login" not in filtered


def test_a_bureau_administrator_cannot_manage_another_bureau(signed_in: Browser, make) -> None:
    other = make.user("fr.other", "FR")
    assert signed_in.get(f"/admin/users/{other.id}").status_code == 404  # as if unknown


def test_an_administrator_changes_their_own_password_with_the_current_one(
    signed_in: Browser, make, db
) -> None:
    me = db.scalar(select(User).where(User.username == "eg.chief"))
    page = f"/admin/users/{me.id}"
    assert 'name="current_password"' in signed_in.get(page).text
    form = {"display_name": "eg.chief", "roles": ["bureau_operator", "bureau_admin"]}
    new = "a-fresh-long-passphrase"
    refused = signed_in.post(page, {**form, "password": new}, page=page)
    assert refused.status_code == 422
    changed = signed_in.post(
        page, {**form, "password": new, "current_password": PASSWORD}, page=page
    )
    assert changed.status_code == 200  # redirected back to the page, still signed in
    assert signed_in.get(page).status_code == 200
    assert make.login("eg.chief", new)


def test_a_wrong_current_password_is_shown_and_counts_toward_the_lockout(
    signed_in: Browser, make, db
) -> None:
    me = db.scalar(select(User).where(User.username == "eg.chief"))
    page = f"/admin/users/{me.id}"
    form = {"display_name": "Renamed", "roles": ["bureau_operator", "bureau_admin"],
            "password": "a-fresh-long-passphrase"}  # fmt: skip
    wrong = [signed_in.post(page, {**form, "current_password": f"no-{n}"}, page=page)
             for n in range(5)]  # fmt: skip
    assert [w.status_code for w in wrong] == [422] * 5
    assert "The current password is not correct." in wrong[0].text
    assert "locked until" in wrong[-1].text
    db.expire_all()
    assert db.get(User, me.id).display_name != "Renamed"  # nothing else of the form was kept
    signed_in.client.cookies.clear()
    locked = signed_in.client.post(
        "/api/v1/auth/login", json={"username": "eg.chief", "password": PASSWORD}
    )
    assert locked.status_code == 423
