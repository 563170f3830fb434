from __future__ import annotations

from fastapi import APIRouter

from amana.bureaus import service
from amana.bureaus.schemas import BureauPage, BureauRead, SharingUpdate
from amana.deps import CurrentPrincipal, SessionDep, authenticated

router = APIRouter(prefix="/bureaus", tags=["bureaus"], dependencies=[authenticated])


@router.get("", operation_id="bureaus_list")
def list_bureaus(
    session: SessionDep, region: str | None = None, q: str | None = None
) -> BureauPage:
    """Member bureaus, optionally of one region or matching a name or code in any language."""
    bureaus = service.list_(session, region=region, q=q[:100] if q else None)
    return BureauPage(items=[BureauRead.model_validate(b) for b in bureaus], total=len(bureaus))


@router.get("/{code}", operation_id="bureaus_get")
def get_bureau(code: str, session: SessionDep) -> BureauRead:
    return BureauRead.model_validate(service.get_or_raise(session, code=code))


@router.put("/{code}/sharing", operation_id="bureaus_update_sharing")
def update_sharing(
    code: str, change: SharingUpdate, session: SessionDep, principal: CurrentPrincipal
) -> BureauRead:
    """Set the bureau's default visibility rule for records it creates (its administrators)."""
    bureau = service.update_sharing(session, principal=principal, code=code, change=change)
    return BureauRead.model_validate(bureau)
