"""Findings 4 and 5 of issue 13: a lockout belongs to one username *and* one client address,
with back-off, so a stranger cannot lock out a border post; and no login answer confirms a
password or the existence of an account."""

from __future__ import annotations

import threading
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from amana.core.db import utcnow
from amana.core.principal import Role
from amana.users.models import LoginThrottle
from tests.conftest import PASSWORD

STRANGER = ("198.51.100.7", 40000)


def _login(client, username: str, password: str):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def _fail(client, username: str, times: int) -> list[int]:
    return [_login(client, username, f"wrong-{n}").status_code for n in range(times)]


def test_a_stranger_elsewhere_cannot_lock_out_the_border_post(app, client, make):
    make.user("fr.gate", "FR")
    with TestClient(app, client=STRANGER) as stranger:
        assert _fail(stranger, "fr.gate", 6) == [401, 401, 401, 401, 423, 423]
        assert _login(stranger, "fr.gate", PASSWORD).status_code == 423
    assert _login(client, "fr.gate", PASSWORD).status_code == 200  # the post's own address


def test_unknown_and_known_names_lock_alike(client, make):
    make.user("fr.officer", "FR")
    known, unknown = _fail(client, "fr.officer", 6), _fail(client, "nobody.here", 6)
    assert known == unknown == [401, 401, 401, 401, 423, 423]


def test_each_lockout_in_a_row_lasts_twice_as_long(client, make, db):
    make.user("fr.officer", "FR")
    _fail(client, "fr.officer", 5)
    first = db.scalars(select(LoginThrottle)).one()
    first_lock = first.locked_until - first.last_failure_at
    db.execute(update(LoginThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
    db.commit()
    assert _fail(client, "fr.officer", 5)[-1] == 423
    db.expire_all()
    second = db.scalars(select(LoginThrottle)).one()
    assert second.strikes == 2
    second_lock = second.locked_until - second.last_failure_at
    assert abs(second_lock - 2 * first_lock) < timedelta(seconds=5)
    assert first_lock == timedelta(minutes=15)


def test_a_success_clears_the_address_lockout_history(client, make, db):
    make.user("fr.officer", "FR")
    _fail(client, "fr.officer", 3)
    assert _login(client, "fr.officer", PASSWORD).status_code == 200
    assert db.scalars(select(LoginThrottle)).all() == []


def test_a_disabled_account_never_confirms_the_password(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    user = make.user("fr.officer", "FR")
    client.patch(f"/api/v1/users/{user.id}", json={"disabled": True}, headers=admin)
    right, wrong = _login(client, "fr.officer", PASSWORD), _login(client, "fr.officer", "wrong-pw")
    assert right.status_code == wrong.status_code == 401
    assert right.json()["code"] == wrong.json()["code"] == "auth.invalid_credentials"
    assert right.json()["detail"] == wrong.json()["detail"]


def test_concurrent_failures_each_count_and_never_fail_the_server(app, client, make):
    make.user("fr.officer", "FR")
    answers: list[int] = []

    def attempt() -> None:
        with TestClient(app, client=STRANGER) as own:
            answers.append(_login(own, "fr.officer", "wrong-password").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [401] * 4 + [423] * 4


def _change_own_password(client, user_id: int, headers: dict[str, str], current: str):
    body = {"password": "a-much-better-passphrase", "current_password": current}
    return client.patch(f"/api/v1/users/{user_id}", json=body, headers=headers)


def test_wrong_current_passwords_count_toward_the_lockout(app, client, make):
    # A stolen session must not be a way to guess the account's password without limit.
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    answers = [_change_own_password(client, user.id, headers, f"wrong-{n}") for n in range(6)]
    assert [a.status_code for a in answers] == [403, 403, 403, 403, 423, 423]
    assert _change_own_password(client, user.id, headers, PASSWORD).status_code == 423
    assert _login(client, "fr.officer", PASSWORD).status_code == 423  # one lockout for both
    with TestClient(app, client=STRANGER) as elsewhere:  # only for this address
        assert _login(elsewhere, "fr.officer", PASSWORD).status_code == 200


def test_failed_sign_ins_and_wrong_current_passwords_add_up(client, make):
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    assert _fail(client, "fr.officer", 3) == [401, 401, 401]
    assert _change_own_password(client, user.id, headers, "wrong-a").status_code == 403
    assert _change_own_password(client, user.id, headers, "wrong-b").status_code == 423
    assert _login(client, "fr.officer", PASSWORD).status_code == 423


def test_a_locked_password_change_answers_as_a_locked_sign_in(client, make):
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    for n in range(5):
        _change_own_password(client, user.id, headers, f"wrong-{n}")
    right = _change_own_password(client, user.id, headers, PASSWORD).json()
    wrong = _change_own_password(client, user.id, headers, "wrong-again").json()
    login = _login(client, "fr.officer", PASSWORD).json()
    for body in (right, wrong, login):
        body.pop("instance")
    assert right == wrong == login  # nothing tells whether the password was right


def test_a_right_current_password_clears_the_address_history(client, make, db):
    user = make.user("fr.officer", "FR")
    headers = make.login("fr.officer")
    for n in range(3):
        _change_own_password(client, user.id, headers, f"wrong-{n}")
    assert _change_own_password(client, user.id, headers, PASSWORD).status_code == 200
    assert db.scalars(select(LoginThrottle)).all() == []


def test_an_administrator_reset_is_not_a_password_guess(client, make, db):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    user = make.user("fr.officer", "FR")
    body = {"password": "a-much-better-passphrase", "current_password": "anything"}
    assert client.patch(f"/api/v1/users/{user.id}", json=body, headers=admin).status_code == 200
    assert db.scalars(select(LoginThrottle)).all() == []
