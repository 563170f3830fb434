"""``amana notices``: housekeeping an operator runs from cron.

Kept in the feature (the ``cli`` package is the composition root and registers it) and built on
the kernel only, since a feature may not import the command-line package above it.
"""

from __future__ import annotations

import typer

from amana.core.config import Settings
from amana.core.db import create_db_engine, create_session_factory, unit_of_work
from amana.core.visibility import SYSTEM
from amana.notices import workflow

app = typer.Typer(help="Notices and diffusions.", no_args_is_help=True)


@app.command("expire")
def expire() -> None:
    """Close every published notice and diffusion past its five-year expiry (safe to repeat)."""
    try:
        settings = Settings()
    except ValueError as error:
        typer.echo(f"configuration error: {error}", err=True)
        raise typer.Exit(2) from error
    engine = create_db_engine(settings.database_url)
    try:
        factory = create_session_factory(engine, audit_key=settings.audit_key)
        with unit_of_work(factory, viewer=SYSTEM) as session:
            expired = workflow.expire_due(session)
    finally:
        engine.dispose()
    typer.echo(f"{len(expired)} notice(s) expired" + (f": {expired}" if expired else ""))
