"""Create, list, change and disable users, within the caller's authority."""

from __future__ import annotations

from pydantic import SecretStr
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.bureaus import service as bureaus
from amana.core.config import Settings
from amana.core.db import utcnow
from amana.core.errors import (
    AmanaError,
    Conflict,
    NotVisible,
    PermissionDenied,
    ValidationFailed,
)
from amana.core.principal import (
    GENERAL_SECRETARIAT,
    SECRETARIAT_ONLY_ROLES,
    Permission,
    Principal,
    Role,
)
from amana.core.security import Passwords, password_problems
from amana.users.models import LoginThrottle, User
from amana.users.schemas import UserCreate, UserPage, UserRead, UserUpdate
from amana.users.throttle import Attempt

ROLES_A_BUREAU_ADMIN_MAY_GRANT = frozenset({Role.OFFICER, Role.BUREAU_OPERATOR, Role.BUREAU_ADMIN})


def _require_manage(principal: Principal | None, bureau: str) -> None:
    """``None`` is the command line, run by whoever operates the server."""
    if principal is not None:
        principal.require_bureau(
            bureau, Permission.MANAGE_BUREAU_USERS, Permission.MANAGE_ALL_USERS
        )


def _check_roles(principal: Principal | None, bureau: str, roles: frozenset[Role]) -> None:
    misplaced = sorted(roles & SECRETARIAT_ONLY_ROLES) if bureau != GENERAL_SECRETARIAT else []
    if misplaced:
        raise ValidationFailed(
            f"role(s) {', '.join(misplaced)} belong to General Secretariat (XG) users only",
            code="user.role_bureau",
        )
    if principal is None or principal.can(Permission.MANAGE_ALL_USERS):
        return
    beyond = sorted(roles - ROLES_A_BUREAU_ADMIN_MAY_GRANT)
    if beyond:
        raise PermissionDenied(
            f"a bureau administrator may not grant role(s): {', '.join(beyond)}",
            code="user.role_not_grantable",
        )


def _check_password(password: str, username: str) -> None:
    problems = password_problems(password, username)
    if problems:
        raise ValidationFailed(
            "password " + "; ".join(problems), code="user.weak_password", field="password"
        )


def to_read(user: User) -> UserRead:
    read = UserRead.model_validate(user)
    read.roles = sorted(user.roles)
    return read


def create(
    session: Session, *, principal: Principal | None, data: UserCreate, passwords: Passwords
) -> User:
    bureau = bureaus.require_known(session, codes=[data.bureau], field="bureau")[0]
    _require_manage(principal, bureau)
    roles = frozenset(data.roles)
    _check_roles(principal, bureau, roles)
    if session.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise Conflict(f"username '{data.username}' is taken", code="user.username_taken")
    password_hash = None
    if data.password is not None:
        _check_password(data.password.get_secret_value(), data.username)
        password_hash = passwords.hash(data.password.get_secret_value())
    user = User(
        username=data.username,
        display_name=data.display_name,
        bureau=bureau,
        password_hash=password_hash,
    )
    user.set_roles(roles)
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=principal or audit.Actor(username="cli"),
        action="user.create",
        target_kind="user",
        target_ids=[user.id],
        query={"username": user.username, "bureau": bureau, "roles": sorted(roles)},
    )
    return user


def get_or_raise(session: Session, *, principal: Principal | None, user_id: int) -> User:
    """The user, if the caller is that user or manages that user's bureau; anyone else is told
    the user does not exist."""
    user = session.get(User, user_id)
    if user is None or not _may_see(principal, user):
        raise NotVisible(f"no user with id {user_id}", code="user.not_found")
    return user


def _may_see(principal: Principal | None, user: User) -> bool:
    if principal is None or principal.user_id == user.id:
        return True
    if principal.can(Permission.MANAGE_ALL_USERS):
        return True
    return principal.can(Permission.MANAGE_BUREAU_USERS) and principal.bureau == user.bureau


def get_by_username(session: Session, *, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def list_(
    session: Session,
    *,
    principal: Principal | None,
    bureau: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> UserPage:
    if principal is not None and not principal.can(Permission.MANAGE_ALL_USERS):
        bureau = bureau or principal.bureau
        _require_manage(principal, bureau)
    query = select(User)
    if bureau:
        query = query.where(User.bureau == bureau.upper())
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    users = session.scalars(
        query.order_by(User.bureau, User.username).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return UserPage(items=[to_read(u) for u in users], total=total, page=page, per_page=per_page)


def update(
    session: Session,
    *,
    principal: Principal | None,
    user_id: int,
    change: UserUpdate,
    passwords: Passwords,
    settings: Settings,
) -> User:
    user = get_or_raise(session, principal=principal, user_id=user_id)
    is_self_service = principal is not None and principal.user_id == user.id
    administrative = change.roles is not None or change.disabled is not None or change.unlock
    if is_self_service and administrative:
        _require_manage(principal, user.bureau)
    if is_self_service and change.password is not None:
        # First, before any change: a wrong password is a durable refusal, which commits.
        _confirm_current_password(
            session, principal, user, change.current_password, passwords, settings
        )
    if change.display_name is not None:
        user.display_name = change.display_name
    if change.roles is not None:
        roles = frozenset(change.roles)
        _check_roles(principal, user.bureau, roles)
        user.set_roles(roles)
    if change.disabled is not None:
        user.disabled = change.disabled
        if change.disabled:
            void_tokens(user, keep=None)
    if change.unlock:
        unlock(session, user=user)
    if change.password is not None:
        _check_password(change.password.get_secret_value(), user.username)
        user.password_hash = passwords.hash(change.password.get_secret_value())
        void_tokens(user, keep=principal.token_id if is_self_service and principal else None)
    changed = sorted(change.model_dump(exclude_none=True, exclude={"password", "current_password"}))
    if change.password is not None:
        changed.append("password")
    audit.record(
        session,
        actor=principal or audit.Actor(username="cli"),
        action="user.update",
        target_kind="user",
        target_ids=[user.id],
        query={"changed": changed, "roles": sorted(user.roles), "disabled": user.disabled},
    )
    return user


def void_tokens(user: User, *, keep: int | None) -> None:
    """Every token of the user issued until now stops working (``keep`` excepted), whichever
    path changed the credentials; authentication checks this (``auth.service.authenticate``)."""
    user.credentials_changed_at, user.credentials_kept_token = utcnow(), keep


def unlock(session: Session, *, user: User) -> None:
    """Clear the user's lockouts, from every client address."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.username == user.username))
    user.failed_logins, user.locked_until = 0, None


def _confirm_current_password(
    session: Session,
    principal: Principal | None,
    user: User,
    current: SecretStr | None,
    passwords: Passwords,
    settings: Settings,
) -> None:
    """A bearer token alone (a stolen session) must not be enough to take the account over, nor
    to guess its password: each wrong one counts toward the sign-in lockout of this name and
    address, and a locked one is refused whether right or not, exactly as a sign-in is."""
    if current is None:
        raise ValidationFailed(
            "changing your own password needs your current password (current_password)",
            code="user.current_password_required",
            field="current_password",
        )
    attempt = Attempt.begin(session, username=user.username)
    refusal: AmanaError | None = attempt.lockout()
    if refusal is None:
        if passwords.verify(user.password_hash, current.get_secret_value()):
            attempt.succeeded(user)
            return
        refusal = attempt.failed(user, settings) or PermissionDenied(
            "the current password is not correct", code="user.current_password_wrong"
        )
    audit.record(
        session,
        actor=principal or audit.Actor(username="cli"),
        action="user.update",
        outcome=audit.DENIED,
        target_kind="user",
        target_ids=[user.id],
        detail=refusal.code,
    )
    refusal.durable = True  # the guess and its audit entry outlive the refusal
    raise refusal
