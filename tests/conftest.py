"""Test policy.

- Real databases, never mocks: every test that touches storage runs once on SQLite and once on
  PostgreSQL (the ``database_url`` fixture is parametrised over both). PostgreSQL is expected at
  ``AMANA_TEST_POSTGRES_URL`` (default: the local server, database ``test``); each run creates a
  throw-away database beside it and drops it at the end.
- When PostgreSQL is unreachable, a developer's run skips the PostgreSQL half and says so; under
  CI (``CI=true``) that is a failure instead, so CI can never silently skip it.
- Isolation: the schema is migrated once per backend; after each test every table is emptied and
  the member bureaus are restored, so tests share no rows.
- SQLite has one writer at a time and snapshot reads: commit the ``db`` session after arranging
  data and before reading what the API changed.
- Data is built through the public services and API (factories below), not by raw inserts,
  except where a test plays an attacker editing the database behind Amana's back.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import delete, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from amana.app import create_app
from amana.bureaus import service as bureaus
from amana.bureaus.models import Bureau
from amana.core.config import Settings
from amana.core.db import Base, create_db_engine, create_session_factory, unit_of_work, upgrade
from amana.core.principal import Role
from amana.core.security import Passwords
from amana.core.visibility import SYSTEM
from amana.users import service as users
from amana.users.schemas import UserCreate
from tests.records import TEST_TABLES

POSTGRES_URL = os.environ.get(
    "AMANA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PASSWORD = "correct-horse-battery-staple"
SECRET = "test-secret-key-" + "x" * 32


def _admin_conninfo() -> str:
    url = make_url(POSTGRES_URL)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'amana.db'}"
        _prepare(url)
        yield url
        return
    yield from _postgres_database()


def _postgres_database() -> Iterator[str]:
    name = f"amana_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(_admin_conninfo(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL unreachable at {POSTGRES_URL}: {error}"
        if IN_CI:
            pytest.fail(message + " (CI must run the PostgreSQL half)", pytrace=False)
        pytest.skip(message + " -- skipping the PostgreSQL run of this suite")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        _prepare(url)
        yield url
    finally:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _prepare(url: str) -> None:
    upgrade(url)
    engine = create_db_engine(url)
    Base.metadata.create_all(engine, tables=TEST_TABLES)
    with unit_of_work(
        create_session_factory(engine, audit_key=SECRET.encode()), viewer=SYSTEM
    ) as s:
        bureaus.sync_members(s)
    engine.dispose()


def checkpoint_file(database_url: str) -> Path:
    """Outside the work tree, one per test database (PostgreSQL's default would be ./data)."""
    name = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"amana-audit-{name}.checkpoints"


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "audit_checkpoint_file": checkpoint_file(database_url),
        "secret_key": SecretStr(SECRET),
        "password_time_cost": 1,
        "password_memory_kib": 8,
        "password_parallelism": 1,
        "log_json": True,
        "log_level": "WARNING",
        # Tests edit tokens behind Amana's back; the cache has a test of its own.
        "auth_cache_seconds": 0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture(scope="session")
def app(settings: Settings):
    return create_app(settings)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    _empty_tables(app)


def _empty_tables(app) -> None:
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != Bureau.__tablename__:
                session.execute(delete(table))
        session.execute(update(Bureau).values(default_visibility="all", default_visibility_list=[]))
    # The audit log was emptied: its checkpoints must go too, or the next test sees a deleted tail.
    app.state.settings.audit_checkpoint_path.unlink(missing_ok=True)


@pytest.fixture
def db(app, client) -> Iterator[Session]:
    """A system session for arranging data and inspecting results (committed on exit).

    Deferred, so that reading through it does not hold SQLite's write lock against the API;
    commit after arranging data, and before reading what the API changed (a SQLite
    transaction keeps reading its first snapshot).
    """
    factory = create_session_factory(app.state.engine, audit_key=SECRET.encode(), deferred=True)
    with unit_of_work(factory, viewer=SYSTEM) as session:
        yield session


@dataclass
class Factory:
    app: object
    client: TestClient

    @property
    def passwords(self) -> Passwords:
        return self.app.state.passwords  # type: ignore[attr-defined, no-any-return]

    def user(self, username: str, bureau: str, *roles: Role, password: str | None = PASSWORD):
        with unit_of_work(self.app.state.session_factory, viewer=SYSTEM) as session:  # type: ignore[attr-defined]
            return users.create(
                session,
                principal=None,
                data=UserCreate(
                    username=username,
                    display_name=username,
                    bureau=bureau,
                    roles=list(roles or (Role.OFFICER,)),
                    password=SecretStr(password) if password else None,
                ),
                passwords=self.passwords,
            )

    def login(self, username: str, password: str = PASSWORD) -> dict[str, str]:
        response = self.client.post(
            "/api/v1/auth/login", json={"username": username, "password": password}
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def user_headers(self, username: str, bureau: str, *roles: Role) -> dict[str, str]:
        self.user(username, bureau, *roles)
        return self.login(username)


@pytest.fixture
def make(app, client) -> Factory:
    return Factory(app, client)
