from __future__ import annotations

from fastapi import APIRouter, Request, status

from amana.auth import service
from amana.auth.schemas import LoginRequest, Me, TokenCreate, TokenIssued, TokenRead
from amana.core.params import RecordId
from amana.deps import CurrentPrincipal, SessionDep, SettingsDep

public_router = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(tags=["auth"])


@public_router.post("/login", operation_id="auth_login")
def login(
    credentials: LoginRequest, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenIssued:
    """Exchange a username and password for a session token (lockout after repeated failures)."""
    outcome = service.login(
        session,
        username=credentials.username,
        password=credentials.password.get_secret_value(),
        passwords=request.app.state.passwords,
        settings=settings,
    )
    if outcome.error is not None:
        # The failure count, lockout and audit entry must outlive the refusal.
        session.commit()
        raise outcome.error
    assert outcome.issued is not None
    return outcome.issued


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, operation_id="auth_logout")
def logout(request: Request, session: SessionDep, principal: CurrentPrincipal) -> None:
    """Revoke the token used for this request."""
    if principal.token_id is not None:
        service.revoke(session, principal=principal, token_id=principal.token_id)
        request.app.state.principal_cache.clear()


@router.get("/me", operation_id="auth_me")
def me(principal: CurrentPrincipal) -> Me:
    return Me(
        user_id=principal.user_id,
        username=principal.username,
        bureau=principal.bureau,
        roles=sorted(principal.roles),
        permissions=sorted(principal.permissions),
    )


@router.get("/tokens", operation_id="tokens_list")
def list_tokens(
    session: SessionDep,
    principal: CurrentPrincipal,
    user_id: RecordId | None = None,
) -> list[TokenRead]:
    tokens = service.list_tokens(session, principal=principal, user_id=user_id)
    return [TokenRead.model_validate(t) for t in tokens]


@router.post("/tokens", status_code=status.HTTP_201_CREATED, operation_id="tokens_issue")
def issue_token(
    data: TokenCreate, session: SessionDep, principal: CurrentPrincipal, settings: SettingsDep
) -> TokenIssued:
    """Issue an API token for a machine client; the secret is in this answer only."""
    return service.issue_api_token(session, principal=principal, data=data, settings=settings)


@router.delete(
    "/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="tokens_revoke"
)
def revoke_token(
    token_id: RecordId, request: Request, session: SessionDep, principal: CurrentPrincipal
) -> None:
    service.revoke(session, principal=principal, token_id=token_id)
    request.app.state.principal_cache.clear()
