from __future__ import annotations

from typing import Annotated

import typer

from amana.auth import service
from amana.auth.schemas import TokenCreate
from amana.cli.context import console, errors, open_store
from amana.users import service as users

app = typer.Typer(help="API tokens for machine clients.", no_args_is_help=True)


@app.command("issue")
def issue(
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'Gate 4 scanner'")],
    days: Annotated[int | None, typer.Option(help="Validity in days")] = None,
) -> None:
    """Issue an API token; the secret is printed once and never stored."""
    with open_store() as store, store.session() as session:
        user = users.get_by_username(session, username=username)
        if user is None:
            errors.print(f"[red]no user named {username}[/red]")
            raise typer.Exit(1)
        issued = service.issue_api_token(
            session,
            principal=None,
            data=TokenCreate(user_id=user.id, name=name, days=days),
            settings=store.settings,
        )
    console.print(f"token id {issued.id}, expires {issued.expires_at:%Y-%m-%d}")
    console.print(issued.token, soft_wrap=True, highlight=False)


@app.command("revoke")
def revoke(token_id: int) -> None:
    """Revoke a token at once."""
    with open_store() as store, store.session() as session:
        service.revoke(session, principal=None, token_id=token_id)
    console.print(f"token {token_id} revoked")
