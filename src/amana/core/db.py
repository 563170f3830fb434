"""Storage: the declarative base, engines for SQLite and PostgreSQL, the unit of work, migrations.

Services never commit; the request or CLI command that owns a ``unit_of_work`` does, so a change
and its audit entry are stored together or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import DateTime, Dialect, Engine, MetaData, TypeDecorator, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from amana.core.errors import commits

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_DEFERRED = "amana_sqlite_deferred"
KEPT_AFTER_ROLLBACK = "amana_kept_after_rollback"
_HOLDS_WRITER = "amana_holds_writer"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store aware UTC datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def utcnow() -> datetime:
    return datetime.now(UTC)


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Take over transaction control from pysqlite so BEGIN IMMEDIATE can be issued below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    # Threads of one process queue on this lock for SQLite's single write lock instead of
    # polling for it in SQLite's busy handler, whose back-off sleeps (up to 100 ms a try) wreck
    # latency under concurrent requests. Processes still wait for each other in SQLite.
    writer = threading.Lock()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Nearly every transaction appends to the audit chain, so take the write lock up front:
        # a deferred transaction that reads the chain head and then writes would fail with
        # SQLITE_BUSY_SNAPSHOT whenever another process appended in between. Long readers
        # (index builds, inspection) use a factory made with ``deferred=True`` instead.
        if connection.get_execution_options().get(SQLITE_DEFERRED, False):
            connection.exec_driver_sql("BEGIN")
            return
        writer.acquire()
        connection.info[_HOLDS_WRITER] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection)
            raise

    def _release(connection: Any) -> None:
        if connection.info.pop(_HOLDS_WRITER, False):
            writer.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)

    return engine


AUDIT_KEY_INFO = "audit_key"
"""Session.info entry holding the audit chain's HMAC key, set once on the session factory."""


def create_session_factory(
    engine: Engine, *, audit_key: bytes, deferred: bool = False
) -> sessionmaker[Session]:
    """Sessions on ``engine``; ``deferred`` ones do not take SQLite's write lock when they begin
    (for readers), at the price of failing if they write after another writer committed."""
    bind = engine.execution_options(**{SQLITE_DEFERRED: True}) if deferred else engine
    return sessionmaker(
        bind=bind, expire_on_commit=False, autoflush=True, info={AUDIT_KEY_INFO: audit_key}
    )


@contextmanager
def unit_of_work(factory: sessionmaker[Session], *, viewer: str | None) -> Iterator[Session]:
    """A transaction that commits when the block ends normally or by a durable refusal (a
    counted password guess), and rolls back otherwise.

    ``viewer`` is the bureau whose visibility applies to every record query in the session
    (see ``core.visibility``); ``None`` is refused there, so pass ``visibility.SYSTEM`` for
    system work that must see everything.
    """
    session = factory()
    session.info["viewer"] = viewer
    try:
        yield session
    except BaseException as error:
        end_unit(session, commit=commits(error))
        raise
    end_unit(session, commit=True)


def keep_after_rollback(session: Session, write: Callable[[Session], object]) -> None:
    """Have ``write`` run as the unit of work ends, whether it commits or rolls back: for the
    audit entry of a refusal, which must be stored though the change refused is not (a page
    that shows the refusal in its form rolls the change back itself, and commits later)."""
    session.info.setdefault(KEPT_AFTER_ROLLBACK, []).append(write)


def _write_kept(session: Session) -> None:
    for write in session.info.pop(KEPT_AFTER_ROLLBACK, []):
        write(session)


def end_unit(session: Session, *, commit: bool) -> None:
    """Commit (or roll back) and close; a failed commit is rolled back. For callers that open
    and end a unit of work in different places (an async request dependency)."""
    try:
        if commit:
            _write_kept(session)
            session.commit()
        else:
            session.rollback()
            if session.info.get(KEPT_AFTER_ROLLBACK):
                _write_kept(session)  # in a transaction of their own
                session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", "amana:migrations")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "heads") -> None:
    # "heads", not "head": features developed side by side may each add a branch from the same
    # parent until a merge revision joins them.
    command.upgrade(_alembic_config(url), revision)


def pending_migrations(engine: Engine) -> list[str]:
    """Revisions not yet applied; empty when the schema is current."""
    script = ScriptDirectory.from_config(_alembic_config(engine.url.render_as_string(False)))
    heads = set(script.get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return sorted(heads - current)
