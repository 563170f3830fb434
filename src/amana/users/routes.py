from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from amana.core.params import PageNumber, PerPage, RecordId
from amana.deps import CurrentPrincipal, SessionDep, SettingsDep, authenticated
from amana.users import service
from amana.users.schemas import UserCreate, UserPage, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"], dependencies=[authenticated])


@router.get("", operation_id="users_list")
def list_users(
    session: SessionDep,
    principal: CurrentPrincipal,
    bureau: Annotated[str | None, Query(max_length=2)] = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> UserPage:
    """Users of the caller's bureau (administrators), or of any bureau (system administrators)."""
    return service.list_(session, principal=principal, bureau=bureau, page=page, per_page=per_page)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="users_create")
def create_user(
    data: UserCreate, request: Request, session: SessionDep, principal: CurrentPrincipal
) -> UserRead:
    user = service.create(
        session, principal=principal, data=data, passwords=request.app.state.passwords
    )
    return service.to_read(user)


@router.get("/{user_id}", operation_id="users_get")
def get_user(user_id: RecordId, session: SessionDep, principal: CurrentPrincipal) -> UserRead:
    return service.to_read(service.get_or_raise(session, principal=principal, user_id=user_id))


@router.patch("/{user_id}", operation_id="users_update")
def update_user(
    user_id: RecordId,
    change: UserUpdate,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    settings: SettingsDep,
) -> UserRead:
    """Rename, change roles, disable or re-enable, unlock, or set a new password."""
    user = service.update(
        session,
        principal=principal,
        user_id=user_id,
        change=change,
        passwords=request.app.state.passwords,
        settings=settings,
    )
    request.app.state.principal_cache.clear()  # a disabled user is refused at once
    return service.to_read(user)
