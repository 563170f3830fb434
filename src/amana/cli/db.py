from __future__ import annotations

import typer

from amana.bureaus import service as bureaus
from amana.cli.context import console, load_settings, open_store
from amana.core.db import pending_migrations, upgrade

app = typer.Typer(help="The store: migrations and reference data.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command() -> None:
    """Apply pending migrations, then load or refresh the member bureaus. Safe to repeat."""
    settings = load_settings()
    upgrade(settings.database_url)
    with open_store(settings) as store, store.session() as session:
        added = bureaus.sync_members(session)
    console.print(f"schema current; {added} bureau(s) added")


@app.command("status")
def status_command() -> None:
    """Show whether migrations are pending."""
    with open_store() as store:
        pending = pending_migrations(store.engine)
    console.print(f"pending: {', '.join(pending)}" if pending else "schema current")
    if pending:
        raise typer.Exit(1)
