from __future__ import annotations

import os
from typing import Annotated

import typer
import uvicorn

from amana.cli.context import errors, load_settings
from amana.core.config import Settings
from amana.core.db import create_db_engine, pending_migrations


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on [AMANA_HOST]")] = None,
    port: Annotated[int | None, typer.Option(help="Port [AMANA_PORT]")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes [AMANA_WORKERS]")] = None,
    database_url: Annotated[
        str | None, typer.Option(help="SQLAlchemy URL [AMANA_DATABASE_URL]")
    ] = None,
) -> None:
    """Run the HTTP server for a real deployment (schema must be current: `amana db upgrade`)."""
    overrides = {
        "host": host,
        "port": port,
        "workers": workers,
        "database_url": database_url,
    }
    for name, value in overrides.items():
        if value is not None:
            # Worker processes build their own Settings from the environment.
            os.environ[f"AMANA_{name.upper()}"] = str(value)
    run(load_settings())


def run(settings: Settings) -> None:
    engine = create_db_engine(settings.database_url)
    try:
        pending = pending_migrations(engine)
    finally:
        engine.dispose()
    if pending:
        errors.print(
            f"[red]the database schema is behind[/red] ({', '.join(pending)} pending): "
            "run `amana db upgrade` first"
        )
        raise typer.Exit(2)
    uvicorn.run(
        "amana.app:create_app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=None,
        access_log=False,
    )
