"""What every page handler receives: the user's language, the signed-in principal, a unit of
work whose viewer is the principal's bureau (exactly as ``deps`` does for the API), and the
posted form once its CSRF token has been checked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from amana.core.db import unit_of_work
from amana.core.errors import AmanaError, NotAuthenticated, commits
from amana.core.principal import Principal
from amana.web.i18n import Translator, choose_language
from amana.web.render import render
from amana.web.security import LANGUAGE_COOKIE, SESSION_COOKIE, check_csrf

MAX_FORM_FIELDS = 3000


class LoginRequired(Exception):
    """No valid session: the browser is sent to the sign-in page."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("login required")
        self.expired = expired


def _mark_page(request: Request) -> None:
    request.state.web_page = True


def page_router() -> APIRouter:
    """A router of pages: kept out of the OpenAPI schema, and its errors are shown as pages."""
    return APIRouter(include_in_schema=False, dependencies=[Depends(_mark_page)])


def translator(request: Request) -> Translator:
    return Translator(
        choose_language(
            request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language")
        )
    )


TranslatorDep = Annotated[Translator, Depends(translator)]


def current_principal(request: Request) -> Principal | None:
    """The session cookie's principal, or None when there is no valid session."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    cache = request.app.state.principal_cache
    try:
        with unit_of_work(request.app.state.read_session_factory, viewer=None) as reading:
            principal: Principal = cache.authenticate(reading, authorization=f"Bearer {token}")
    except NotAuthenticated:
        return None
    request.state.principal = principal  # named in the request log, as for the API
    return principal


@dataclass
class Page:
    request: Request
    tr: Translator
    principal: Principal
    session: Session

    def render(self, template: str, *, status_code: int = 200, **values: Any) -> HTMLResponse:
        return render(
            self.request,
            template,
            tr=self.tr,
            principal=self.principal,
            status_code=status_code,
            **values,
        )

    def abandon(self, error: AmanaError | None = None) -> None:
        """Roll back after a refused change, so nothing of it (nor its audit) is stored; but a
        durable refusal (a wrong password counted toward the lockout) is itself stored."""
        if error is not None and commits(error):
            self.session.commit()
        else:
            self.session.rollback()


def _signed_in(request: Request, tr: TranslatorDep) -> Iterator[Page]:
    principal = current_principal(request)
    if principal is None:
        raise LoginRequired(expired=SESSION_COOKIE in request.cookies)
    with unit_of_work(request.app.state.session_factory, viewer=principal.bureau) as session:
        yield Page(request, tr, principal, session)


async def _checked_form(request: Request) -> FormData:
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    check_csrf(request, form)
    return form


PageDep = Annotated[Page, Depends(_signed_in, scope="function")]
"""A signed-in page: its unit of work commits when the handler returns."""

FormDep = Annotated[FormData, Depends(_checked_form)]
"""The posted form, its CSRF token checked (a refusal is a 403 page)."""


def field(form: FormData, name: str) -> str:
    """A text field, stripped; absent and file fields read as empty."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def optional(form: FormData, name: str) -> str | None:
    return field(form, name) or None


def listed(form: FormData, name: str) -> list[str]:
    """A list typed as text: one item per line or separated by commas or semicolons."""
    text = field(form, name).replace(";", "\n").replace(",", "\n")
    return [item.strip() for item in text.splitlines() if item.strip()]


def lines(form: FormData, name: str) -> list[str]:
    """One item per line (for values that may themselves hold commas)."""
    return [item.strip() for item in field(form, name).splitlines() if item.strip()]
