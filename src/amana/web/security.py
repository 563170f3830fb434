"""Browser-facing protections: session and CSRF cookies, the CSRF check, security headers.

A web session *is* an auth session token (issued by ``auth.service.login``, revoked at
sign-out): the cookie carries the opaque token, the store keeps only its digest, and the token's
expiry, revocation and the user's disabling work exactly as for the API.

CSRF tokens are derived, not stored: HMAC(secret key, session token) for a signed-in user, and
HMAC(secret key, a random pre-session cookie) on the sign-in page (login CSRF). A token is valid
for as long as the session it belongs to, and a new sign-in gets a new one.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from fastapi import Request, Response
from starlette.datastructures import FormData, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "amana_session"
ANON_COOKIE = "amana_presession"
LANGUAGE_COOKIE = "amana_lang"
CSRF_FIELD = "csrf_token"
LANGUAGE_COOKIE_DAYS = 365
PRESESSION_SECONDS = 2 * 60 * 60

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class CsrfRefused(Exception):
    """A form arrived without the token of the session that rendered it."""


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def secure_cookies(request: Request) -> bool:
    """``Secure`` everywhere but plain http on the loopback address (the demo, a developer).

    Behind a TLS-terminating proxy the scheme is https (uvicorn trusts X-Forwarded-Proto from
    a proxy on the same host); a deployment that serves plain http to the network is refused
    sessions by the browser, which is the safe way to fail.
    """
    return request.url.scheme == "https" or not _is_loopback(request.url.hostname)


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )


def clear_cookie(request: Request, response: Response, name: str) -> None:
    response.delete_cookie(
        name, path="/", httponly=True, samesite="lax", secure=secure_cookies(request)
    )


def _csrf_basis(request: Request) -> str | None:
    """What this browser's CSRF token is bound to: its session, else its pre-session cookie."""
    fresh: str | None = getattr(request.state, "new_presession", None)
    return request.cookies.get(SESSION_COOKIE) or fresh or request.cookies.get(ANON_COOKIE)


def _derive(key: bytes, basis: str) -> str:
    return hmac.new(key, b"csrf\x00" + basis.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token for forms on this page; starts a pre-session for an anonymous browser."""
    basis = _csrf_basis(request)
    if basis is None:
        basis = secrets.token_urlsafe(32)
        request.state.new_presession = basis
    return _derive(request.app.state.settings.audit_key, basis)


def check_csrf(request: Request, form: FormData) -> None:
    basis = request.cookies.get(SESSION_COOKIE) or request.cookies.get(ANON_COOKIE)
    sent = form.get(CSRF_FIELD)
    if basis is None or not isinstance(sent, str):
        raise CsrfRefused
    if not hmac.compare_digest(sent, _derive(request.app.state.settings.audit_key, basis)):
        raise CsrfRefused


def persist_presession(request: Request, response: Response) -> None:
    """Send the pre-session cookie that ``csrf_token`` started, if it did."""
    fresh = getattr(request.state, "new_presession", None)
    if fresh:
        set_cookie(request, response, ANON_COOKIE, fresh, PRESESSION_SECONDS)


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every response: a function
    middleware (Starlette's ``BaseHTTPMiddleware``) runs each request in an extra task with
    memory streams, which measured a third of an authenticated API request's cost."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)
