from __future__ import annotations

from typing import Annotated

import typer
from pydantic import SecretStr, ValidationError
from rich.table import Table

from amana.cli.context import console, errors, open_store
from amana.core.principal import Role
from amana.users import service
from amana.users.schemas import UserCreate, UserUpdate

app = typer.Typer(help="Users of the bureaus.", no_args_is_help=True)


@app.command("create")
def create(
    username: str,
    bureau: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2 code, or XG (Secretariat)")],
    role: Annotated[list[Role], typer.Option(help="Repeat for several roles")],
    display_name: Annotated[str | None, typer.Option()] = None,
    machine: Annotated[
        bool, typer.Option(help="A machine client: API tokens only, no password")
    ] = False,
) -> None:
    """Create a user; prompts for the password unless --machine."""
    password = None
    if not machine:
        password = SecretStr(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    try:
        data = UserCreate(
            username=username,
            display_name=display_name or username,
            bureau=bureau,
            roles=role,
            password=password,
        )
    except ValidationError as error:
        errors.print(f"[red]invalid input:[/red] {error}")
        raise typer.Exit(2) from error
    with open_store() as store, store.session() as session:
        user = service.create(session, principal=None, data=data, passwords=store.passwords())
        console.print(f"created user {user.username} (id {user.id}) in bureau {user.bureau}")


@app.command("list")
def list_command(bureau: Annotated[str | None, typer.Option()] = None) -> None:
    """List users, optionally of one bureau."""
    with open_store() as store, store.session() as session:
        page = service.list_(session, principal=None, bureau=bureau, per_page=10_000)
    table = Table("id", "username", "bureau", "roles", "state")
    for user in page.items:
        state = "disabled" if user.disabled else ("locked" if user.locked_until else "active")
        table.add_row(str(user.id), user.username, user.bureau, ", ".join(user.roles), state)
    console.print(table)


@app.command("disable")
def disable(username: str) -> None:
    """Disable a user: their password and every token stop working at once."""
    _set_disabled(username, True)


@app.command("enable")
def enable(username: str) -> None:
    """Re-enable a disabled user (who signs in again: tokens from before stay void)."""
    _set_disabled(username, False)


@app.command("password")
def password(username: str) -> None:
    """Reset a user's password (prompts): every session and API token of the user stops."""
    new = SecretStr(typer.prompt("New password", hide_input=True, confirmation_prompt=True))
    _change(username, UserUpdate(password=new))
    console.print(f"password of {username} reset; their earlier tokens no longer work")


def _set_disabled(username: str, disabled: bool) -> None:
    _change(username, UserUpdate(disabled=disabled))
    console.print(f"user {username} {'disabled' if disabled else 'enabled'}")


def _change(username: str, change: UserUpdate) -> None:
    with open_store() as store, store.session() as session:
        user = service.get_by_username(session, username=username)
        if user is None:
            errors.print(f"[red]no user named {username}[/red]")
            raise typer.Exit(1)
        service.update(
            session,
            principal=None,
            user_id=user.id,
            change=change,
            passwords=store.passwords(),
            settings=store.settings,
        )
