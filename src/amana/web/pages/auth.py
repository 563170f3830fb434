"""Sign-in (with the foundation's lockout), sign-out and the language switch."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from amana.auth import service as auth
from amana.core.db import unit_of_work
from amana.web.context import FormDep, TranslatorDep, current_principal, field, page_router
from amana.web.errors import FieldErrors, Problem, from_service
from amana.web.i18n import LANGUAGES, N_
from amana.web.nav import NavItem
from amana.web.render import render
from amana.web.security import (
    ANON_COOKIE,
    LANGUAGE_COOKIE,
    LANGUAGE_COOKIE_DAYS,
    SESSION_COOKIE,
    clear_cookie,
    set_cookie,
)

router = page_router()
NAV: tuple[NavItem, ...] = ()
LOGIN_FIELDS = ("username", "password")


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another one."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get("/login")
def login_form(
    request: Request, tr: TranslatorDep, next: str = "/", expired: bool = False
) -> Response:
    if current_principal(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", tr=tr, next=safe_next(next), expired=expired, username="")


@router.post("/login")
def login(request: Request, form: FormDep, tr: TranslatorDep) -> Response:
    username, password = field(form, "username")[:64], form.get("password")
    target = safe_next(field(form, "next"))
    errors: FieldErrors = {}
    if not username:
        errors["username"] = [Problem(tr.text(N_("This field is required.")))]
    if not isinstance(password, str) or not password:
        errors["password"] = [Problem(tr.text(N_("This field is required.")))]
    if errors or not isinstance(password, str):
        return _refused(request, tr, errors, username, target, 422)
    settings = request.app.state.settings
    # Committed either way: a refusal changes the failure count, the lockout and the audit.
    with unit_of_work(request.app.state.session_factory, viewer=None) as session:
        outcome = auth.login(
            session,
            username=username,
            password=password[:256],
            passwords=request.app.state.passwords,
            settings=settings,
        )
    if outcome.error is not None or outcome.issued is None:
        assert outcome.error is not None
        errors = from_service(outcome.error, tr, LOGIN_FIELDS)
        return _refused(request, tr, errors, username, target, outcome.error.status)
    response = RedirectResponse(target, status_code=303)
    ttl = settings.session_ttl_minutes * 60
    set_cookie(request, response, SESSION_COOKIE, outcome.issued.token, ttl)
    clear_cookie(request, response, ANON_COOKIE)
    return response


def _refused(
    request: Request,
    tr: TranslatorDep,
    errors: FieldErrors,
    username: str,
    target: str,
    status: int,
) -> Response:
    return render(
        request,
        "login.html",
        tr=tr,
        status_code=status,
        errors=errors,
        next=target,
        expired=False,
        username=username,
    )


@router.post("/logout")
def logout(request: Request, form: FormDep) -> Response:
    """Revokes the session's token: the cookie is worthless from now on, wherever it is."""
    principal = current_principal(request)
    if principal is not None and principal.token_id is not None:
        with unit_of_work(request.app.state.session_factory, viewer=principal.bureau) as session:
            auth.revoke(session, principal=principal, token_id=principal.token_id)
        request.app.state.principal_cache.clear()
    response = RedirectResponse("/login", status_code=303)
    clear_cookie(request, response, SESSION_COOKIE)
    return response


@router.post("/language")
def switch_language(request: Request, form: FormDep) -> Response:
    language = field(form, "language")
    response = RedirectResponse(safe_next(field(form, "next")), status_code=303)
    if language in LANGUAGES:
        set_cookie(request, response, LANGUAGE_COOKIE, language, LANGUAGE_COOKIE_DAYS * 86400)
    return response
