"""Migration 0007 on a store that already holds hits: each counts one search, notice hits get
their person back, and the newest pending hit of each bureau and record becomes the open one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from amana.core.db import upgrade
from amana.screening.hits import open_key
from tests.conftest import IN_CI, POSTGRES_URL, _admin_conninfo


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    name = f"amana_mig_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(_admin_conninfo(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL unreachable: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL unreachable: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _old_hit(kind: str, record_id: int, status: str, explanation: str, when: int) -> dict:
    return {
        "created_at": datetime(2026, 11, when, tzinfo=UTC),
        "record_kind": kind,
        "record_id": record_id,
        "owner_bureau": "EG",
        "searching_bureau": "FR",
        "searched_by": 1,
        "searched_by_username": "fr.officer",
        "score": 0.9,
        "query": {"names": ["x"]},
        "explanation": explanation,
        "status": status,
    }


def test_existing_hits_are_carried_over(empty_store: str) -> None:
    upgrade(empty_store, "0006")
    engine = sa.create_engine(empty_store)
    hits = sa.Table("screening_hits", sa.MetaData(), autoload_with=engine)
    with engine.begin() as connection:
        connection.execute(
            hits.insert(),
            [
                _old_hit("person", 7, "pending", "name exact: x", 1),
                _old_hit("person", 7, "pending", "name exact: x", 2),
                _old_hit("person", 8, "confirmed", "name exact: x", 3),
                _old_hit("notice", 3, "pending", "person 7 (Nabil) under red notice 2026/1", 4),
            ],
        )
    upgrade(empty_store)

    hits = sa.Table("screening_hits", sa.MetaData(), autoload_with=engine)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(
                hits.c.record_kind,
                hits.c.record_id,
                hits.c.person_id,
                hits.c.search_count,
                hits.c.open_key,
                hits.c.last_searched_at == hits.c.created_at,
            ).order_by(hits.c.id)
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("person", 7, 7, 1, None, True),
        ("person", 7, 7, 1, open_key("FR", "person", 7, 7), True),
        ("person", 8, 8, 1, None, True),
        ("notice", 3, 7, 1, open_key("FR", "notice", 3, 7), True),
    ]
