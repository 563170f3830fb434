"""The HTTP composition root: ``create_app(settings)`` wires features, errors and middleware."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from amana import __version__, openapi, web
from amana.audit import checkpoints as audit_checkpoints
from amana.audit import routes as audit_routes
from amana.audit import service as audit
from amana.auth import routes as auth_routes
from amana.auth import service as auth
from amana.bureaus import routes as bureau_routes
from amana.core.config import Settings
from amana.core.db import create_db_engine, create_session_factory, pending_migrations, unit_of_work
from amana.core.errors import AmanaError, ServiceUnavailable, problem
from amana.core.logging import client_ip_var, configure_logging, request_id_var
from amana.core.security import Passwords
from amana.deps import authenticated
from amana.messaging import routes as messaging_routes
from amana.messaging.runtime import Messaging
from amana.notices import public_routes as public_notice_routes
from amana.notices import routes as notice_routes
from amana.notices import tags as notice_tags
from amana.records import routes as record_routes
from amana.screening import routes as screening_routes
from amana.screening.live_index import LiveIndex
from amana.users import routes as user_routes

log = logging.getLogger("amana.http")
PROBLEM_JSON = "application/problem+json"
MAX_REQUEST_ID = 64


def create_app(settings: Settings) -> FastAPI:
    configure_logging(settings.log_level, json_lines=settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        index: LiveIndex = app.state.screening_index
        await run_in_threadpool(index.build)
        index.start()
        await app.state.messaging.start()
        yield
        await app.state.messaging.stop()
        index.stop()
        app.state.engine.dispose()

    app = FastAPI(
        title="Amana",
        version=__version__,
        summary="International police cooperation: bureaus, records, screening, notices",
        lifespan=lifespan,
        # The web application serves /docs from its own files (FastAPI's loads a CDN).
        docs_url=None,
        redoc_url=None,
    )
    _install_state(app, settings)
    _install_errors(app)
    app.add_middleware(RequestContext)
    app.include_router(_api_router(), prefix="/api/v1")
    app.include_router(public_notice_routes.router)
    _install_health(app)
    web.install(app)  # the officer's web application: pages at /, static files at /static
    openapi.install(app)  # every error status of each operation, as problem details
    return app


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (each worker process reads the same environment)."""
    return create_app(Settings())


def _install_state(app: FastAPI, settings: Settings) -> None:
    engine = create_db_engine(settings.database_url)
    factory = create_session_factory(engine, audit_key=settings.audit_key)
    audit_checkpoints.install(factory, settings)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = factory
    app.state.passwords = Passwords(
        time_cost=settings.password_time_cost,
        memory_kib=settings.password_memory_kib,
        parallelism=settings.password_parallelism,
    )
    app.state.principal_cache = auth.PrincipalCache(settings.auth_cache_seconds)
    app.state.authenticator = _authenticate
    app.state.cached_principal = _cached_principal
    reader = create_session_factory(engine, audit_key=settings.audit_key, deferred=True)
    app.state.read_session_factory = reader
    app.state.screening_index = LiveIndex(reader, poll_seconds=settings.screening_poll_seconds)
    # Screening sits below notices: the hits on a person with a published notice show it.
    app.state.person_flagger = notice_tags.flagger
    app.state.messaging = Messaging(settings, factory, reader)


def _cached_principal(request: Request) -> Any:
    cache: auth.PrincipalCache = request.app.state.principal_cache
    return cache.cached(request.headers.get("authorization"))


def _authenticate(session: Session, request: Request) -> Any:
    cache: auth.PrincipalCache = request.app.state.principal_cache
    return cache.authenticate(session, authorization=request.headers.get("authorization"))


def _api_router() -> APIRouter:
    api = APIRouter()
    api.include_router(auth_routes.public_router)
    api.include_router(auth_routes.router, dependencies=[authenticated])
    api.include_router(bureau_routes.router)
    api.include_router(user_routes.router)
    api.include_router(audit_routes.router)
    api.include_router(record_routes.router)
    api.include_router(screening_routes.router)
    api.include_router(notice_routes.router)
    api.include_router(messaging_routes.router)
    return api


class RequestContext:
    """Request id, client address and one log line per request, as pure ASGI middleware (a
    function middleware runs each request in an extra task with memory streams, which measured
    a third of a small authenticated request's cost)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if 0 < len(incoming) <= MAX_REQUEST_ID else uuid.uuid4().hex
        request_id_var.set(request_id)
        client = scope.get("client")
        client_ip_var.set(client[0] if client else None)
        started = time.perf_counter()
        status = HTTPStatus.INTERNAL_SERVER_ERROR.value

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            principal = scope.get("state", {}).get("principal")
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                    "user": principal.username if principal else None,
                },
            )


def _problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(AmanaError)
    async def amana_error(request: Request, exc: AmanaError) -> JSONResponse:
        if exc.security_event:
            await run_in_threadpool(_audit_refusal, request, exc)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _problem_response(exc.to_problem(request.url.path), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_describe(error) for error in exc.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return _problem_response(
            problem(
                422,
                "Invalid input",
                detail,
                "request.validation",
                errors=errors,
                instance=request.url.path,
            )
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such endpoint: {request.method} {request.url.path}"
        code = {404: "resource.not_found", 405: "request.method_not_allowed"}.get(
            exc.status_code, "request.invalid"
        )
        return _problem_response(
            problem(
                exc.status_code, _title(exc.status_code), detail, code, instance=request.url.path
            ),
            dict(exc.headers) if exc.headers else None,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _problem_response(
            problem(
                500,
                "Internal error",
                "an unexpected error occurred; quote the request id "
                f"{request_id_var.get()} when reporting it",
                "server.error",
                instance=request.url.path,
            )
        )


def _title(status: int) -> str:
    return HTTPStatus(status).phrase


def _describe(error: Any) -> dict[str, Any]:
    location = [str(part) for part in error.get("loc", ()) if part != "body"]
    field = ".".join(location) or "body"
    message = str(error.get("msg", "invalid"))
    if error.get("type") == "json_invalid":
        message = f"malformed JSON ({error.get('ctx', {}).get('error', 'parse error')})"
    return {"field": field, "message": message, "type": error.get("type")}


def _audit_refusal(request: Request, exc: AmanaError) -> None:
    """Refusals are security events: record them even though the request rolled back."""
    principal = getattr(request.state, "principal", None)
    with unit_of_work(request.app.state.session_factory, viewer=None) as session:
        audit.record(
            session,
            actor=principal,
            action="access.denied" if principal else "auth.failed",
            outcome=audit.DENIED,
            target_kind="endpoint",
            target_ids=[f"{request.method} {request.url.path}"],
            query={"code": exc.code},
            detail=exc.detail,
        )


def _install_health(app: FastAPI) -> None:
    @app.get("/health", tags=["health"], operation_id="health")
    def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok", "version": __version__}

    @app.get("/ready", tags=["health"], operation_id="ready")
    def ready(request: Request) -> dict[str, str]:
        """Readiness: the store answers and its schema is current."""
        engine = request.app.state.engine
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            pending = pending_migrations(engine)
        except Exception as error:
            raise ServiceUnavailable(
                f"the database is unreachable: {type(error).__name__}"
            ) from error
        if pending:
            raise ServiceUnavailable(
                f"database schema is behind: run `amana db upgrade` ({', '.join(pending)} pending)"
            )
        return {"status": "ready", "database": engine.dialect.name}
