"""``amana import`` and ``amana export``: bulk loads and dumps of the shared databases."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from amana.cli.context import console, errors, open_store
from amana.core.db import unit_of_work
from amana.core.errors import AmanaError
from amana.core.visibility import SYSTEM
from amana.records import bulk
from amana.records.export import export
from amana.records.schemas import ImportReport

SHOWN_REJECTIONS = 50


class Kind(StrEnum):
    PERSONS = "persons"
    DOCUMENTS = "documents"
    VEHICLES = "vehicles"


class Format(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    FTM = "ftm"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )


def _rows_in(path: Path) -> int:
    with path.open("rb") as file:
        return sum(1 for line in file if line.strip())


def _print_rejections(report: ImportReport) -> None:
    table = Table("row", "reasons", title=f"{report.rejected_count} row(s) rejected")
    for rejection in report.rejected[:SHOWN_REJECTIONS]:
        table.add_row(str(rejection.row), "\n".join(rejection.reasons))
    errors.print(table)
    if report.rejected_count > SHOWN_REJECTIONS:
        errors.print(f"... and {report.rejected_count - SHOWN_REJECTIONS} more")


def import_command(
    kind: Annotated[Kind, typer.Argument(help="What the file holds")],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    bureau: Annotated[str, typer.Option(help="Owner bureau of the new records (e.g. FR)")],
    fmt: Annotated[Format, typer.Option("--format", help="csv, jsonl or ftm")] = Format.CSV,
    partial: Annotated[
        bool, typer.Option(help="Store the good rows, report the bad (default: all or nothing)")
    ] = False,
) -> None:
    """Import records for a bureau, with its default sharing rule; reports rejected rows."""
    total = max(_rows_in(file) - (1 if fmt is Format.CSV else 0), 0)
    with open_store() as store, _progress() as progress:
        task = progress.add_task(f"importing {kind}", total=total)
        try:
            with (
                unit_of_work(store.factory, viewer=SYSTEM) as session,
                file.open(encoding="utf-8-sig", newline="") as lines,
            ):
                report = bulk.import_(
                    session,
                    principal=None,
                    kind=kind.value,
                    fmt=fmt.value,
                    lines=lines,
                    owner=bureau,
                    partial=partial,
                    progress=lambda done: progress.update(task, completed=done),
                )
        except bulk.ImportRejected as rejected:
            progress.stop()
            _print_rejections(rejected.report)
            errors.print(f"[red]refused:[/red] {rejected.detail}")
            raise typer.Exit(1) from rejected
        except AmanaError as error:
            errors.print(f"[red]{error.title}:[/red] {error.detail}")
            raise typer.Exit(1) from error
    if report.rejected_count:
        _print_rejections(report)
    skipped = f", {report.skipped} entities of other schemas skipped" if report.skipped else ""
    console.print(
        f"{report.created} {kind} created for {bureau.upper()} from {report.received} row(s)"
        f"{skipped} in {report.seconds:.1f} s"
    )


def export_command(
    kind: Annotated[Kind, typer.Argument(help="What to export")],
    fmt: Annotated[Format, typer.Option("--format", help="csv, jsonl or ftm")] = Format.CSV,
    bureau: Annotated[str | None, typer.Option(help="Only this owner bureau's records")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout)")
    ] = None,
) -> None:
    """Export records in a format ``amana import`` reads back."""
    with open_store() as store, store.session() as session:
        if output is None:
            count = export(
                session, principal=None, kind=kind.value, fmt=fmt.value, out=sys.stdout,
                bureau=bureau,
            )  # fmt: skip
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = export(
                    session, principal=None, kind=kind.value, fmt=fmt.value, out=out,
                    bureau=bureau,
                )  # fmt: skip
    errors.print(f"{count} {kind} exported")
