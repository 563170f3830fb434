from __future__ import annotations

import typer

from amana.audit import service
from amana.audit.schemas import VerifyReport
from amana.cli.context import console, errors, open_store

app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Recompute the hash chain and hold it against the last signed checkpoint; exit 1 and
    name each entry that was edited or deleted, a deleted tail included."""
    with open_store() as store, store.session() as session:
        report = service.verify(session)
    if report.ok:
        console.print(
            f"audit chain intact: {report.checked} entries, head {report.head_seq} "
            f"{report.head_hash}",
            soft_wrap=True,
        )
        _print_anchor(report)
        return
    for problem in report.problems:
        errors.print(f"[red]TAMPERED[/red] {problem}", soft_wrap=True, highlight=False)
    errors.print(f"{len(report.problems)} problem(s) in {report.checked} entries")
    raise typer.Exit(1)


def _print_anchor(report: VerifyReport) -> None:
    if report.checkpoint is not None:
        console.print(
            f"matches the checkpoint at seq {report.checkpoint.seq} of {report.checkpoint.at} "
            f"({report.checkpoints_file})",
            soft_wrap=True,
            highlight=False,
        )
    else:
        console.print(
            f"no checkpoint yet in {report.checkpoints_file}: entries deleted from the end of "
            "the log before now could not be detected",
            soft_wrap=True,
            highlight=False,
        )
    if report.checkpoint_written is not None:
        console.print(f"checkpoint written at seq {report.checkpoint_written.seq}", highlight=False)
