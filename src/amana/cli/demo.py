from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from amana.cli.context import DEMO_SETTINGS, console, load_settings, open_store
from amana.cli.serve import run as run_server
from amana.core.config import Settings
from amana.core.db import upgrade
from amana.demo.messages import demo_tools
from amana.demo.service import DEMO_PASSWORD, DEMO_USERS, seed


def demo(
    serve: Annotated[bool, typer.Option(help="Start the server after seeding")] = True,
    data_dir: Annotated[Path, typer.Option(help="Where the demo keeps its SQLite store")] = Path(
        "data"
    ),
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """Set up the demo store (idempotent), print the demo logins, and serve it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["AMANA_DEMO_MODE"] = "true"
    os.environ.setdefault("AMANA_DATABASE_URL", f"sqlite:///{data_dir / 'amana.db'}")
    os.environ.setdefault("AMANA_SECRET_KEY", _demo_secret(data_dir))
    os.environ["AMANA_PORT"] = str(port)
    settings = load_settings()
    _write_settings(data_dir / DEMO_SETTINGS.name, settings)
    upgrade(settings.database_url)
    with open_store(settings) as store, store.session() as session:
        report = seed(session, passwords=store.passwords(), tools=demo_tools(settings))
    console.print(
        f"demo store {settings.database_url}: {report.bureaus_added} bureau(s), "
        f"{report.users_added} user(s) and {report.records_added} record(s) added, "
        f"{report.notices_added} notice(s) and diffusion(s), {report.messages_added} message(s)",
        soft_wrap=True,
    )
    _print_logins(f"http://{settings.host}:{settings.port}")
    if data_dir.resolve() != DEMO_SETTINGS.parent.resolve():
        console.print(
            "other commands work on this demo store with "
            f"AMANA_SETTINGS_FILE={(data_dir / DEMO_SETTINGS.name).resolve()}",
            soft_wrap=True,
            highlight=False,
        )
    if serve:
        run_server(settings)


def _demo_secret(data_dir: Path) -> str:
    """A random key kept beside the demo store, so the audit chain verifies across restarts."""
    path = data_dir / "secret.key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _write_settings(path: Path, settings: Settings) -> None:
    """What the other commands need to work on the demo store with no setup (see
    ``cli.context.DEMO_SETTINGS``): it holds the secret key, so only its owner reads it."""
    url = settings.database_url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        url = f"sqlite:///{Path(url.removeprefix('sqlite:///')).resolve()}"
    values = {
        "demo_mode": "true",
        # A JSON string is a TOML basic string (the standard library writes no TOML).
        "database_url": json.dumps(url, ensure_ascii=False),
        "secret_key": json.dumps(settings.secret_key.get_secret_value(), ensure_ascii=False),
    }
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(
        "# Written by `amana demo`: the demo store's settings, for the commands run beside it.\n"
        + "".join(f"{name} = {value}\n" for name, value in values.items())
    )


def _print_logins(url: str) -> None:
    table = Table("username", "password", "bureau", "role", title="Demo logins")
    for user in DEMO_USERS:
        table.add_row(user.username, DEMO_PASSWORD, user.bureau, ", ".join(user.roles))
    console.print(table)
    console.print(
        f"Amana at {url}  (web application: open {url} in a browser and sign in; "
        f"API docs: {url}/docs)",
        soft_wrap=True,
    )
    console.print(
        f"Try: curl -s -X POST {url}/api/v1/auth/login -H 'Content-Type: application/json' "
        f'-d \'{{"username": "fr.officer", "password": "{DEMO_PASSWORD}"}}\'\n'
        "then screen an Arabic-script name as in the README's 'Screening' example: "
        f"POST {url}/api/v1/screening/persons with "
        '{"names": ["محمد عبد الله المصري"], "dob": "1980"}',
        soft_wrap=True,
        highlight=False,
    )
