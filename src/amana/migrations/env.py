"""Alembic environment: every feature's models register on ``Base.metadata`` when imported."""

from __future__ import annotations

from alembic import context

import amana.audit.models
import amana.auth.models
import amana.bureaus.models
import amana.core.visibility
import amana.messaging.models
import amana.notices.models
import amana.records.models
import amana.screening.models
import amana.users.models  # noqa: F401  (registers the tables)
from amana.core.db import Base, create_db_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url
    engine = create_db_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
