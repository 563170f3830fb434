"""What every command needs: validated settings and a store to open units of work on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from amana.audit import checkpoints as audit_checkpoints
from amana.core.config import Settings
from amana.core.db import create_db_engine, create_session_factory, unit_of_work
from amana.core.errors import AmanaError
from amana.core.security import Passwords
from amana.core.visibility import SYSTEM

console = Console()
errors = Console(stderr=True)
DEMO_SETTINGS = Path("data") / "amana.toml"
"""Written by ``amana demo`` beside its store; found by the commands run in the same folder."""


def load_settings(**overrides: object) -> Settings:
    _find_demo_settings()
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except (ValidationError, ValueError) as error:
        errors.print(f"[red]configuration error:[/red] {error}")
        raise typer.Exit(2) from error


def _find_demo_settings() -> None:
    """Use the demo's settings when the operator named no settings file and no database.

    It goes into the environment (which the TOML source reads) so that the server's worker
    processes, which build their own settings, find it too.
    """
    if "AMANA_SETTINGS_FILE" in os.environ or "AMANA_DATABASE_URL" in os.environ:
        return
    if DEMO_SETTINGS.is_file():
        os.environ["AMANA_SETTINGS_FILE"] = str(DEMO_SETTINGS.resolve())


@dataclass
class Store:
    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work for an operator at the console, who may see every record."""
        try:
            with unit_of_work(self.factory, viewer=SYSTEM) as session:
                yield session
        except AmanaError as error:
            errors.print(f"[red]{error.title}:[/red] {error.detail}")
            raise typer.Exit(1) from error

    def passwords(self) -> Passwords:
        s = self.settings
        return Passwords(
            time_cost=s.password_time_cost,
            memory_kib=s.password_memory_kib,
            parallelism=s.password_parallelism,
        )


@contextmanager
def open_store(settings: Settings | None = None) -> Iterator[Store]:
    settings = settings or load_settings()
    engine = create_db_engine(settings.database_url)
    factory = create_session_factory(engine, audit_key=settings.audit_key)
    audit_checkpoints.install(factory, settings)
    try:
        yield Store(settings, engine, factory)
    finally:
        engine.dispose()
