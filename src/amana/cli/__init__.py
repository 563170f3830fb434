"""The ``amana`` command: one module per command group, no business logic here."""

from __future__ import annotations

import typer

from amana.cli import audit, bureaus, db, demo, imports, serve, tokens, users
from amana.notices import cli as notices_cli

app = typer.Typer(
    name="amana",
    help="Amana: international police cooperation (bureaus, records, screening, notices).",
    no_args_is_help=True,
    add_completion=False,
)
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(tokens.app, name="tokens")
app.add_typer(audit.app, name="audit")
app.add_typer(bureaus.app, name="bureaus")
app.add_typer(notices_cli.app, name="notices")
app.command("import")(imports.import_command)
app.command("export")(imports.export_command)


def main() -> None:
    app()
