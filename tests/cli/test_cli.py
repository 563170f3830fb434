"""The ``amana`` command, run as an operator would, against both backends."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import delete, func, select, update
from typer.testing import CliRunner

from amana.audit.models import AuditEntry
from amana.cli import app as cli
from amana.users.models import User
from tests.conftest import PASSWORD, SECRET, checkpoint_file


@pytest.fixture
def run(database_url, client, monkeypatch):
    monkeypatch.setenv("AMANA_DATABASE_URL", database_url)
    monkeypatch.setenv("AMANA_SECRET_KEY", SECRET)
    monkeypatch.setenv("AMANA_AUDIT_CHECKPOINT_FILE", str(checkpoint_file(database_url)))
    monkeypatch.setenv("AMANA_PASSWORD_MEMORY_KIB", "8")
    monkeypatch.setenv("AMANA_PASSWORD_TIME_COST", "1")
    monkeypatch.setenv("AMANA_PASSWORD_PARALLELISM", "1")
    # `amana demo` sets these for its server's workers; registering them restores them after.
    monkeypatch.setenv("AMANA_DEMO_MODE", "false")
    monkeypatch.setenv("AMANA_PORT", "8000")
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None, expect: int = 0) -> str:
        result = runner.invoke(cli, list(args), input=stdin)
        assert result.exit_code == expect, result.output
        return result.output

    return invoke


def test_db_upgrade_is_repeatable(run):
    assert "0 bureau(s) added" in run("db", "upgrade")
    assert "schema current" in run("db", "status")


def test_users_create_list_disable_enable(run, client):
    run(
        "users",
        "create",
        "fr.cli",
        "--bureau",
        "fr",
        "--role",
        "officer",
        "--role",
        "bureau_operator",
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    listing = run("users", "list", "--bureau", "FR")
    assert "fr.cli" in listing
    assert "bureau_operator" in listing
    login = {"username": "fr.cli", "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    run("users", "disable", "fr.cli")
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    run("users", "enable", "fr.cli")
    assert client.post("/api/v1/auth/login", json=login).status_code == 200


def test_users_create_refuses_bad_input(run):
    out = run(
        "users", "create", "qq.cli", "--bureau", "QQ", "--role", "officer", "--machine", expect=1
    )
    assert "unknown bureau code" in out
    out = run("users", "create", "x", "--bureau", "FR", "--role", "officer", "--machine", expect=2)
    assert "username" in out


def test_tokens_issue_and_revoke(run, client):
    run("users", "create", "fr.gate", "--bureau", "FR", "--role", "officer", "--machine")
    out = run("tokens", "issue", "fr.gate", "--name", "Gate 4", "--days", "7")
    token = next(line for line in out.splitlines() if line.startswith("amn_"))
    token_id = out.split("token id ")[1].split(",")[0]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).json()["username"] == "fr.gate"
    run("tokens", "revoke", token_id)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_audit_verify_detects_tampering(run, db):
    run("users", "create", "fr.one", "--bureau", "FR", "--role", "officer", "--machine")
    run("users", "create", "fr.two", "--bureau", "FR", "--role", "officer", "--machine")
    assert "audit chain intact: 2 entries" in run("audit", "verify")
    db.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(actor_username="nobody"))
    db.commit()
    out = run("audit", "verify", expect=1)
    assert "entry 1 was altered" in out


def test_demo_is_idempotent(run, db, tmp_path):
    first = run("demo", "--no-serve", "--data-dir", str(tmp_path))
    assert "8 user(s) and 17 record(s) added" in first  # 13, and 4 organisations and vessels
    assert "fr.officer" in first
    second = run("demo", "--no-serve", "--data-dir", str(tmp_path))
    assert "0 bureau(s), 0 user(s) and 0 record(s) added" in second
    assert db.scalar(select(func.count()).select_from(User)) == 8


def test_every_command_has_help(run):
    for group in ("db", "users", "tokens", "audit", "bureaus"):
        assert "Usage" in run(group, "--help")
    assert "--workers" in run("serve", "--help")


def test_audit_verify_names_a_deleted_tail_and_says_when_nothing_anchors_it(run, db):
    for name in ("fr.one", "fr.two", "fr.three"):
        run("users", "create", name, "--bureau", "FR", "--role", "officer", "--machine")
    checkpoints = checkpoint_file(db.get_bind().url.render_as_string(hide_password=False))
    checkpoints.unlink(missing_ok=True)  # a store from before checkpoints (the demo's, say)
    first = run("audit", "verify")
    assert "no checkpoint yet" in first
    assert "checkpoint written at seq 3" in first
    assert "matches the checkpoint at seq 3" in run("audit", "verify")
    db.execute(delete(AuditEntry).where(AuditEntry.seq >= 2))
    db.commit()
    out = run("audit", "verify", expect=1)
    assert "entries 2–3 missing (deleted) after entry 1" in out
    assert "records the chain at seq 3" in out


def test_every_command_works_on_the_demo_store_with_no_setup(tmp_path, monkeypatch):
    """After `amana demo`, in the same folder, the commands find the demo's settings file."""
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("AMANA_")]:
        monkeypatch.delenv(name)
    cheap = {
        "AMANA_PASSWORD_MEMORY_KIB": "8",
        "AMANA_PASSWORD_TIME_COST": "1",
        "AMANA_PASSWORD_PARALLELISM": "1",
    }
    # `amana demo` sets these for its server's workers, and the commands name the settings file
    # they found for theirs; registering them restores them after.
    names = ("AMANA_DEMO_MODE", "AMANA_DATABASE_URL", "AMANA_SECRET_KEY", "AMANA_PORT")
    for name in (*names, "AMANA_SETTINGS_FILE"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    runner = CliRunner()
    for name, value in cheap.items():
        monkeypatch.setenv(name, value)
    seeded = runner.invoke(cli, ["demo", "--no-serve"])
    assert seeded.exit_code == 0, seeded.output
    for name in [n for n in os.environ if n.startswith("AMANA_")]:
        monkeypatch.delenv(name)
    for command, shows in (
        (["audit", "verify"], "audit chain intact"),
        (["bureaus", "list"], "bureau(s)"),
        (["users", "list"], "fr.officer"),
        (["db", "status"], "schema current"),
    ):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, (command, result.output)
        assert shows in result.output, (command, result.output)
    assert (tmp_path / "data" / "amana.toml").stat().st_mode & 0o077 == 0  # holds the key


def test_users_password_resets_and_voids_every_token(run, client):
    run("users", "create", "fr.reset", "--bureau", "FR", "--role", "officer",
        stdin=f"{PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    login = {"username": "fr.reset", "password": PASSWORD}
    token = client.post("/api/v1/auth/login", json=login).json()["token"]
    new = "another-long-passphrase"
    assert "reset" in run("users", "password", "fr.reset", stdin=f"{new}\n{new}\n")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.post("/api/v1/auth/login", json={**login, "password": new}).status_code == 200
