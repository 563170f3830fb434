"""Password login with lockout, bearer-token authentication, token issue and revocation."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.auth.models import Token
from amana.auth.schemas import TokenCreate, TokenIssued
from amana.core.config import Settings
from amana.core.db import utcnow
from amana.core.errors import (
    AmanaError,
    NotAuthenticated,
    NotFound,
    NotVisible,
    PermissionDenied,
    ValidationFailed,
)
from amana.core.principal import Permission, Principal
from amana.core.security import Passwords, new_token, token_digest
from amana.users import service as users
from amana.users.models import User
from amana.users.throttle import Attempt

MAX_CACHED_TOKENS = 10_000
SESSION = "session"
API = "api"
BEARER = "bearer "


@dataclass(frozen=True)
class LoginOutcome:
    """A refused login still changes state (failure count, lockout, audit), so the caller
    commits before raising ``error``."""

    issued: TokenIssued | None = None
    error: AmanaError | None = None


def principal_of(user: User, token_id: int | None = None) -> Principal:
    return Principal(user.id, user.username, user.bureau, user.roles, token_id)


def _refuse(
    session: Session,
    user: User | None,
    username: str,
    error: AmanaError,
    *,
    why: str | None = None,
) -> LoginOutcome:
    """``why``: the true cause, for the audit trail only (the caller is told ``error``)."""
    actor = audit.Actor(user.id, user.username, user.bureau) if user else audit.Actor(username=None)
    audit.record(
        session,
        actor=actor,
        action="auth.login",
        outcome=audit.DENIED,
        query={"username": username[:64]},
        detail=why or error.code,
    )
    return LoginOutcome(error=error)


def login(
    session: Session,
    *,
    username: str,
    password: str,
    passwords: Passwords,
    settings: Settings,
    client: str | None = None,
) -> LoginOutcome:
    """Every refusal says "invalid username or password" or "locked", whether the account
    exists, is disabled or the password was right, so an answer never confirms a password."""
    attempt = Attempt.begin(session, username=username, client=client)
    now = attempt.now
    user = users.get_by_username(session, username=attempt.name)
    lockout = attempt.lockout()
    if lockout is not None:
        return _refuse(session, user, username, lockout)
    right = passwords.verify(user.password_hash if user else None, password)
    if user is None or not right or user.disabled:
        why = "auth.user_disabled" if user is not None and right else None
        error = attempt.failed(user, settings) or _invalid_credentials()
        return _refuse(session, user, username, error, why=why)
    attempt.succeeded(user)
    user.last_login_at = now
    if user.password_hash and passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash(password)
    token = _issue(
        session,
        user,
        kind=SESSION,
        name="login",
        expires_at=now + timedelta(minutes=settings.session_ttl_minutes),
        created_by=user.id,
    )
    audit.record(
        session,
        actor=principal_of(user),
        action="auth.login",
        target_kind="token",
        target_ids=[token.id],
    )
    return LoginOutcome(issued=token)


def _invalid_credentials() -> AmanaError:
    return NotAuthenticated("invalid username or password", code="auth.invalid_credentials")


def _issue(
    session: Session,
    user: User,
    *,
    kind: str,
    name: str,
    expires_at: datetime,
    created_by: int | None,
) -> TokenIssued:
    secret = new_token()
    token = Token(
        user_id=user.id,
        kind=kind,
        name=name,
        digest=token_digest(secret),
        hint=secret[:10],
        expires_at=expires_at,
        created_by=created_by,
    )
    session.add(token)
    session.flush()
    return TokenIssued(id=token.id, token=secret, kind=kind, name=name, expires_at=expires_at)


def authenticate(session: Session, *, authorization: str | None) -> Principal:
    """Resolve an ``Authorization: Bearer`` header to a principal, or refuse precisely."""
    if not authorization:
        raise NotAuthenticated(
            "this endpoint needs a bearer token: send 'Authorization: Bearer <token>' "
            "(obtain one from POST /api/v1/auth/login or from your bureau administrator)"
        )
    if not authorization.lower().startswith(BEARER):
        raise NotAuthenticated("the Authorization header must use the Bearer scheme")
    token = session.scalar(
        select(Token).where(Token.digest == token_digest(authorization[len(BEARER) :].strip()))
    )
    if token is None:
        raise NotAuthenticated("the bearer token is not valid", code="auth.invalid_token")
    if token.revoked_at is not None:
        raise NotAuthenticated("the bearer token has been revoked", code="auth.token_revoked")
    if token.expires_at <= utcnow():
        raise NotAuthenticated(
            f"the bearer token expired at {token.expires_at.isoformat(timespec='seconds')}",
            code="auth.token_expired",
        )
    user = session.get(User, token.user_id)
    if user is None or user.disabled:
        raise NotAuthenticated("the token's user is disabled", code="auth.user_disabled")
    if voided(token, user):
        raise NotAuthenticated(
            "the bearer token was revoked when the account's password was changed or the "
            "account was disabled",
            code="auth.token_revoked",
        )
    return principal_of(user, token.id)


def voided(token: Token, user: User) -> bool:
    """Issued before the user's password last changed or the user was last disabled."""
    changed = user.credentials_changed_at
    return (
        changed is not None
        and token.created_at <= changed
        and (token.id != user.credentials_kept_token)
    )


class PrincipalCache:
    """Tokens authenticated in the last ``ttl`` seconds, so that a busy border system does not
    cost three queries a request. A revocation or a disabled user takes effect at once in the
    process that made the change (it clears the cache) and within ``ttl`` in the others."""

    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[float, Principal, datetime]] = {}
        self._lock = threading.Lock()

    def cached(self, authorization: str | None) -> Principal | None:
        """The principal of a token checked less than ``ttl`` ago, without touching the store
        (so the event loop may ask, sparing the request a hop to a worker thread)."""
        if self._ttl <= 0 or not authorization:
            return None
        with self._lock:
            entry = self._entries.get(authorization)
        if entry and entry[0] > time.monotonic() and entry[2] > utcnow():
            return entry[1]
        return None

    def authenticate(self, session: Session, *, authorization: str | None) -> Principal:
        if self._ttl <= 0 or not authorization:
            return authenticate(session, authorization=authorization)
        now = time.monotonic()
        found = self.cached(authorization)
        if found is not None:
            return found
        principal = authenticate(session, authorization=authorization)
        token = session.get(Token, principal.token_id)
        if token is not None:
            with self._lock:
                if len(self._entries) > MAX_CACHED_TOKENS:
                    self._entries.clear()
                self._entries[authorization] = (now + self._ttl, principal, token.expires_at)
        return principal

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def issue_api_token(
    session: Session, *, principal: Principal | None, data: TokenCreate, settings: Settings
) -> TokenIssued:
    """A long-lived token for a machine client (a border system); shown once."""
    if data.user_id is None and principal is None:
        raise NotFound("name the user the token is for", code="user.not_found")
    user_id = data.user_id if data.user_id is not None else principal.user_id  # type: ignore[union-attr]
    user = users.get_or_raise(session, principal=principal, user_id=user_id)
    if principal is not None:
        # A session (perhaps stolen) must not turn itself into a year-long credential: only a
        # role that manages the user's bureau mints machine tokens.
        principal.require_bureau(
            user.bureau, Permission.MANAGE_BUREAU_USERS, Permission.MANAGE_ALL_USERS
        )
    if user.disabled:
        raise PermissionDenied(f"user {user.username} is disabled", code="auth.user_disabled")
    days = data.days or min(settings.api_token_default_days, settings.api_token_max_days)
    if days > settings.api_token_max_days:
        raise ValidationFailed(
            f"an API token lives at most {settings.api_token_max_days} days "
            "(AMANA_API_TOKEN_MAX_DAYS); issue a new one before it expires",
            code="token.lifetime_too_long",
            field="days",
            max_days=settings.api_token_max_days,
        )
    issued = _issue(
        session,
        user,
        kind=API,
        name=data.name,
        expires_at=utcnow() + timedelta(days=days),
        created_by=principal.user_id if principal else None,
    )
    audit.record(
        session,
        actor=principal or audit.Actor(username="cli"),
        action="token.issue",
        target_kind="token",
        target_ids=[issued.id],
        query={"user": user.username, "name": data.name, "days": days},
    )
    return issued


def _visible_token(session: Session, principal: Principal | None, token_id: int) -> Token:
    """One's own token, or a token of a user one manages; any other answers as unknown."""
    token = session.get(Token, token_id)
    try:
        if token is not None and principal is not None and token.user_id != principal.user_id:
            users.get_or_raise(session, principal=principal, user_id=token.user_id)
    except NotVisible:
        token = None
    if token is None:
        raise NotVisible(f"no token with id {token_id}", code="token.not_found")
    return token


def revoke(session: Session, *, principal: Principal | None, token_id: int) -> Token:
    token = _visible_token(session, principal, token_id)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    audit.record(
        session,
        actor=principal or audit.Actor(username="cli"),
        action="token.revoke",
        target_kind="token",
        target_ids=[token.id],
    )
    return token


def list_tokens(session: Session, *, principal: Principal, user_id: int | None) -> list[Token]:
    owner_id = user_id if user_id is not None else principal.user_id
    owner = users.get_or_raise(session, principal=principal, user_id=owner_id)
    query = select(Token).where(Token.user_id == owner_id).order_by(Token.id)
    tokens = list(session.scalars(query))
    for token in tokens:
        if token.revoked_at is None and voided(token, owner):
            token.revoked_at = owner.credentials_changed_at  # shown as the revocation it is
    return tokens
