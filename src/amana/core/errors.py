"""The one error hierarchy. Services raise these; the HTTP face renders RFC 9457 problem details.

Each error carries a stable machine code (``auth.locked``) so clients can branch on it without
parsing the human-readable detail.
"""

from __future__ import annotations

from typing import Any

PROBLEM_TYPE_BASE = "https://amana.dev/problems/"


class AmanaError(Exception):
    status: int = 400
    code: str = "request.invalid"
    title: str = "Bad request"
    # Security events are audited even though the request's own transaction is rolled back.
    security_event: bool = False
    # A durable refusal is itself a change to store (a wrong password counts toward the
    # lockout): the unit of work commits instead of rolling back. Whoever raises one has changed
    # nothing else in that unit of work.
    durable: bool = False

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.extra = extra

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        problem: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if instance:
            problem["instance"] = instance
        problem.update(self.extra)
        return problem


class ValidationFailed(AmanaError):
    status = 422
    code = "request.validation"
    title = "Invalid input"


class NotAuthenticated(AmanaError):
    status = 401
    code = "auth.required"
    title = "Authentication required"
    security_event = True


class PermissionDenied(AmanaError):
    status = 403
    code = "auth.forbidden"
    title = "Permission denied"
    security_event = True


class AccountLocked(AmanaError):
    status = 423
    code = "auth.locked"
    title = "Account locked"
    security_event = True


class NotFound(AmanaError):
    status = 404
    code = "resource.not_found"
    title = "Not found"


class NotVisible(NotFound):
    """What does not exist and what is not the caller's answer alike (same status, code and
    detail), so an id never tells whether it exists; audited as a refusal either way."""

    security_event = True


class Conflict(AmanaError):
    status = 409
    code = "resource.conflict"
    title = "Conflict"


class PayloadTooLarge(AmanaError):
    status = 413
    code = "request.too_large"
    title = "Request too large"


class ServiceUnavailable(AmanaError):
    status = 503
    code = "service.unavailable"
    title = "Service unavailable"


def commits(error: BaseException) -> bool:
    """Whether a unit of work ended by ``error`` keeps its changes (see ``durable``)."""
    return isinstance(error, AmanaError) and error.durable


def problem(status: int, title: str, detail: str, code: str, **extra: Any) -> dict[str, Any]:
    """A problem document for errors that do not start as an AmanaError (framework errors)."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    body.update(extra)
    return body
