from __future__ import annotations

import typer

from amana.audit import service
from amana.cli.context import console, errors, open_store

app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Recompute the hash chain; exit 1 and name each entry that was edited or deleted."""
    with open_store() as store, store.session() as session:
        report = service.verify(session)
    if report.ok:
        console.print(
            f"audit chain intact: {report.checked} entries, head {report.head_seq} "
            f"{report.head_hash}"
        )
        return
    for problem in report.problems:
        errors.print(f"[red]TAMPERED[/red] {problem}")
    errors.print(f"{len(report.problems)} problem(s) in {report.checked} entries")
    raise typer.Exit(1)
