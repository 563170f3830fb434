from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from amana.audit import service
from amana.audit.schemas import AuditPage, VerifyReport
from amana.core.params import PageNumber, PerPage, Since
from amana.core.principal import Permission
from amana.deps import CurrentPrincipal, SessionDep, authenticated

router = APIRouter(prefix="/audit", tags=["audit"], dependencies=[authenticated])


@router.get("", operation_id="audit_list")
def list_entries(
    session: SessionDep,
    principal: CurrentPrincipal,
    bureau: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: Since | None = None,
    until: Since | None = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> AuditPage:
    """The audit trail of the caller's bureau, newest first (bureau administrators)."""
    return service.list_(
        session,
        principal=principal,
        bureau=bureau.upper() if bureau else None,
        action=action,
        since=since,
        until=until,
        page=page,
        per_page=per_page,
    )


@router.get("/verify", operation_id="audit_verify")
def verify_chain(session: SessionDep, principal: CurrentPrincipal) -> VerifyReport:
    """Recompute the whole hash chain (system administrators)."""
    principal.require(Permission.VERIFY_AUDIT)
    report = service.verify(session)
    service.record(
        session,
        actor=principal,
        action="audit.verify",
        query={"checked": report.checked, "ok": report.ok},
    )
    return report
