"""Administration for bureau administrators: users and roles, API tokens, the audit trail."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import SecretStr, ValidationError

from amana.audit import service as audit
from amana.auth import service as auth
from amana.auth.schemas import TokenCreate, TokenIssued
from amana.core.errors import AmanaError
from amana.core.params import LenientPage, RecordId
from amana.core.principal import Permission, Role
from amana.users import service as users
from amana.users.schemas import UserCreate, UserUpdate
from amana.web.context import FormDep, Page, PageDep, field, optional, page_router
from amana.web.errors import FieldErrors, from_service, from_validation
from amana.web.i18n import N_
from amana.web.nav import NavItem

router = page_router()
MANAGE = (Permission.MANAGE_BUREAU_USERS, Permission.MANAGE_ALL_USERS)
AUDIT = (Permission.READ_BUREAU_AUDIT, Permission.READ_ALL_AUDIT)
NAV = (
    NavItem("/admin/users", N_("Users"), 80, MANAGE),
    NavItem("/admin/audit", N_("Audit trail"), 90, AUDIT),
)
USER_FIELDS = (
    "username", "display_name", "roles", "password", "current_password", "disabled", "unlock"
)  # fmt: skip
TOKEN_FIELDS = ("name", "days")
PER_PAGE = 50


def _roles(page: Page) -> list[Role]:
    if page.principal.can(Permission.MANAGE_ALL_USERS):
        return list(Role)
    return sorted(users.ROLES_A_BUREAU_ADMIN_MAY_GRANT)


@router.get("/admin/users")
def list_users(page: PageDep, p: LenientPage = 1) -> HTMLResponse:
    result = users.list_(page.session, principal=page.principal, page=max(p, 1), per_page=PER_PAGE)
    return page.render("admin/users.html", result=result, p=max(p, 1), per_page=PER_PAGE)


@router.get("/admin/users/new")
def new_user(page: PageDep) -> HTMLResponse:
    page.principal.require_bureau(page.principal.bureau, *MANAGE)
    return _new_form(page, {"roles": [Role.OFFICER.value]}, {})


def _new_form(page: Page, values: dict[str, Any], errors: FieldErrors) -> HTMLResponse:
    return page.render(
        "admin/user_new.html",
        values=values,
        errors=errors,
        roles=_roles(page),
        status_code=422 if errors else 200,
    )


@router.post("/admin/users/new", response_model=None)
def create_user(page: PageDep, form: FormDep) -> Response:
    values: dict[str, Any] = {
        "username": field(form, "username").lower(),
        "display_name": field(form, "display_name"),
        "bureau": page.principal.bureau,
        "roles": [r for r in form.getlist("roles") if isinstance(r, str)],
        "password": optional(form, "password"),
    }
    try:
        data = UserCreate.model_validate(values)
    except ValidationError as invalid:
        return _new_form(page, values, from_validation(invalid, page.tr, USER_FIELDS))
    try:
        user = users.create(
            page.session,
            principal=page.principal,
            data=data,
            passwords=page.request.app.state.passwords,
        )
    except AmanaError as error:
        page.abandon()
        if error.security_event:
            raise
        return _new_form(page, values, from_service(error, page.tr, USER_FIELDS))
    return RedirectResponse(f"/admin/users/{user.id}", status_code=303)


def _user_page(
    page: Page,
    user_id: int,
    errors: FieldErrors | None = None,
    issued: TokenIssued | None = None,
) -> HTMLResponse:
    user = users.get_or_raise(page.session, principal=page.principal, user_id=user_id)
    tokens = auth.list_tokens(page.session, principal=page.principal, user_id=user_id)
    return page.render(
        "admin/user.html",
        user=users.to_read(user),
        tokens=tokens,
        roles=_roles(page),
        errors=errors or {},
        issued=issued,
        status_code=422 if errors else 200,
    )


@router.get("/admin/users/{user_id}")
def show_user(page: PageDep, user_id: RecordId) -> HTMLResponse:
    return _user_page(page, user_id)


@router.post("/admin/users/{user_id}", response_model=None)
def update_user(page: PageDep, form: FormDep, user_id: RecordId) -> Response:
    values: dict[str, Any] = {
        "display_name": field(form, "display_name"),
        "roles": [r for r in form.getlist("roles") if isinstance(r, str)],
        "disabled": field(form, "disabled") == "on",
        "unlock": field(form, "unlock") == "on" or None,
    }
    if optional(form, "password"):
        values["password"] = SecretStr(field(form, "password"))
    if optional(form, "current_password"):
        values["current_password"] = SecretStr(field(form, "current_password"))
    try:
        change = UserUpdate.model_validate(values)
        users.update(
            page.session,
            principal=page.principal,
            user_id=user_id,
            change=change,
            passwords=page.request.app.state.passwords,
            settings=page.request.app.state.settings,
        )
    except ValidationError as invalid:
        return _user_page(page, user_id, from_validation(invalid, page.tr, USER_FIELDS))
    except AmanaError as error:
        page.abandon(error)  # a wrong current password is stored: it counts toward the lockout
        if (error.security_event and not error.durable) or error.status == 404:
            raise
        return _user_page(page, user_id, from_service(error, page.tr, USER_FIELDS))
    page.request.app.state.principal_cache.clear()  # roles or disabling apply at once
    return RedirectResponse(f"/admin/users/{user_id}", status_code=303)


@router.post("/admin/users/{user_id}/tokens", response_model=None)
def issue_token(page: PageDep, form: FormDep, user_id: RecordId) -> Response:
    values = {"user_id": user_id, "name": field(form, "name"), "days": optional(form, "days")}
    try:
        data = TokenCreate.model_validate(values)
        issued = auth.issue_api_token(
            page.session,
            principal=page.principal,
            data=data,
            settings=page.request.app.state.settings,
        )
    except ValidationError as invalid:
        return _user_page(page, user_id, from_validation(invalid, page.tr, TOKEN_FIELDS))
    except AmanaError as error:
        page.abandon()
        if error.security_event or error.status == 404:
            raise
        return _user_page(page, user_id, from_service(error, page.tr, TOKEN_FIELDS))
    # The secret is shown on this answer only (it is stored as a digest), never redirected to.
    return _user_page(page, user_id, issued=issued)


@router.post("/admin/tokens/{token_id}/revoke")
def revoke_token(page: PageDep, form: FormDep, token_id: RecordId) -> RedirectResponse:
    token = auth.revoke(page.session, principal=page.principal, token_id=token_id)
    page.request.app.state.principal_cache.clear()
    return RedirectResponse(f"/admin/users/{token.user_id}", status_code=303)


@router.get("/admin/audit")
def audit_trail(page: PageDep, action: str = "", p: LenientPage = 1) -> HTMLResponse:
    result = audit.list_(
        page.session,
        principal=page.principal,
        action=action.strip()[:64] or None,
        page=max(p, 1),
        per_page=PER_PAGE,
    )
    return page.render(
        "admin/audit.html", result=result, action=action, p=max(p, 1), per_page=PER_PAGE
    )
