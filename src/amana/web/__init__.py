"""The officer's web application: server-rendered pages over the same services as the API.

``install(app)`` is the one call the composition root makes: static files at ``/static``, the
pages at ``/``, security headers, and HTML (rather than problem JSON) for errors on pages.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from amana.core.errors import AmanaError
from amana.web import docs
from amana.web.context import LoginRequired, current_principal, translator
from amana.web.errors import CODE_MESSAGES
from amana.web.i18n import LANGUAGES, N_, catalogue
from amana.web.pages import MODULES
from amana.web.render import WebState, render
from amana.web.security import CsrfRefused, SecurityHeaders

STATIC = Path(__file__).parent / "static"
# Paths that belong to the API and its documentation: their errors stay problem details.
NOT_PAGES = ("/api/", "/docs", "/redoc", "/openapi.json", "/health", "/ready", "/static/")


def install(app: FastAPI) -> None:
    for language in LANGUAGES:
        catalogue(language)  # a broken catalogue stops the start-up, not a user's page
    web = WebState()
    for module in MODULES:
        app.include_router(module.router)
        web.nav.extend(module.NAV)
        web.home.extend(getattr(module, "HOME", ()))
    app.state.web = web
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/favicon.ico", _favicon, include_in_schema=False)
    docs.install(app)
    app.add_middleware(SecurityHeaders)
    _install_errors(app)


async def _favicon() -> FileResponse:
    # Browsers ask for /favicon.ico whatever the page links; every current one reads SVG.
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def is_page(request: Request) -> bool:
    """A page's own errors are pages; an unknown address is one for a browser only."""
    if getattr(request.state, "web_page", False):
        return True
    wants_html = "text/html" in request.headers.get("accept", "")
    return wants_html and not request.url.path.startswith(NOT_PAGES)


STATUS_MESSAGES = {
    403: N_("You do not have permission to see this page."),
    404: N_("This page does not exist, or what it shows is not shared with your bureau."),
    405: N_("This page cannot be used this way."),
}
CSRF_MESSAGE = N_(
    "This form has expired or did not come from this site. Go back, reload the page and try again."
)


async def _error_page(request: Request, status: int, message: str | None = None) -> Response:
    tr = translator(request)
    principal = await run_in_threadpool(current_principal, request)
    text = message or STATUS_MESSAGES.get(status) or N_("Something went wrong.")
    return render(
        request, "error.html", tr=tr, principal=principal, status_code=status, message=tr.text(text)
    )


async def _call(handler: Any, request: Request, exc: Exception) -> Response:
    """Run one of the API's own handlers (they may be plain functions or coroutines)."""
    result = handler(request, exc)
    if inspect.isawaitable(result):
        result = await result
    assert isinstance(result, Response)
    return result


def _install_errors(app: FastAPI) -> None:
    api_amana = app.exception_handlers[AmanaError]
    api_http = app.exception_handlers[StarletteHTTPException]
    api_invalid = app.exception_handlers[RequestValidationError]

    async def login_required(request: Request, exc: Exception) -> Response:
        target = "/login?next=" + quote(request.url.path, safe="/")
        if isinstance(exc, LoginRequired) and exc.expired:
            target += "&expired=1"
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    async def csrf_refused(request: Request, exc: Exception) -> Response:
        return await _error_page(request, 403, CSRF_MESSAGE)

    async def amana_error(request: Request, exc: Exception) -> Any:
        # The API's handler audits refusals (a security event); keep that, answer in HTML.
        response = await _call(api_amana, request, exc)
        if not is_page(request) or not isinstance(exc, AmanaError):
            return response
        return await _error_page(request, exc.status, CODE_MESSAGES.get(exc.code))

    async def http_error(request: Request, exc: Exception) -> Any:
        if not is_page(request) or not isinstance(exc, StarletteHTTPException):
            return await _call(api_http, request, exc)
        return await _error_page(request, exc.status_code)

    async def invalid_request(request: Request, exc: Exception) -> Any:
        # Only a malformed address reaches here from a page (e.g. /records/persons/abc).
        if not is_page(request):
            return await _call(api_invalid, request, exc)
        return await _error_page(request, 404)

    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(CsrfRefused, csrf_refused)
    app.add_exception_handler(AmanaError, amana_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
