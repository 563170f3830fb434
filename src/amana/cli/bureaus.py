from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from amana.bureaus import service
from amana.cli.context import console, open_store

app = typer.Typer(help="Member bureaus.", no_args_is_help=True)


@app.command("list")
def list_command(
    region: Annotated[str | None, typer.Option(help="e.g. europe, africa")] = None,
) -> None:
    """List member bureaus with their names in the four official languages."""
    with open_store() as store, store.session() as session:
        found = service.list_(session, region=region)
        table = Table("code", "alpha3", "region", "English", "Français", "Español", "العربية")
        for b in found:
            table.add_row(b.code, b.alpha3, b.region, b.name_en, b.name_fr, b.name_es, b.name_ar)
    console.print(table)
    console.print(f"{len(found)} bureau(s)")
