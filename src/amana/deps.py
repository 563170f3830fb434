"""FastAPI dependency aliases shared by every feature's routes.

Authentication itself is installed by the composition root (``app.state.authenticator``), so
routes of low features need not import the higher ``auth`` feature.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from amana.core.config import Settings
from amana.core.db import end_unit, unit_of_work
from amana.core.errors import commits
from amana.core.principal import Principal

Authenticator = Callable[[Session, Request], Principal]
CachedPrincipal = Callable[[Request], Principal | None]


async def _session(request: Request) -> AsyncIterator[Session]:
    """The request's unit of work. Opening a session does no I/O, so it happens on the event
    loop; the commit or rollback does, so it goes to a worker thread. (Each hop to a thread
    costs a request tens of microseconds and a context switch; a small request made four.)"""
    session = request.app.state.session_factory()
    session.info["viewer"] = None
    try:
        yield session
    except BaseException as error:
        await run_in_threadpool(end_unit, session, commit=commits(error))
        raise
    await run_in_threadpool(end_unit, session, commit=True)


async def _principal(
    request: Request, session: Annotated[Session, Depends(_session, scope="function")]
) -> Principal:
    cached: CachedPrincipal = request.app.state.cached_principal
    principal = cached(request)
    if principal is None:
        principal = await run_in_threadpool(_authenticate, request)
    session.info["viewer"] = principal.bureau
    request.state.principal = principal
    return principal


def _authenticate(request: Request) -> Principal:
    authenticator: Authenticator = request.app.state.authenticator
    # Checked in a short read-only transaction of its own: the request's session begins (and on
    # SQLite takes the write lock) only when the endpoint first touches the store.
    with unit_of_work(request.app.state.read_session_factory, viewer=None) as reading:
        return authenticator(reading, request)


async def _settings(request: Request) -> Settings:
    # async: reading app state needs no worker thread, and each hop to one costs a request
    # tens of microseconds and a context switch.
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(_session, scope="function")]
"""The request's unit of work: committed when the endpoint returns, rolled back on error (but a
durable refusal's, which records a password guess, is committed)."""

CurrentPrincipal = Annotated[Principal, Depends(_principal)]
"""The authenticated caller; its bureau becomes the session's visibility viewer."""

SettingsDep = Annotated[Settings, Depends(_settings)]

authenticated = Depends(_principal)
"""For ``APIRouter(dependencies=[authenticated])``: no route of that router is public."""
