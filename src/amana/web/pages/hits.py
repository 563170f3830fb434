"""Hits: those on the bureau's records (the owner answers them) and those its searches found."""

from __future__ import annotations

from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from amana.core.errors import AmanaError
from amana.core.params import LenientPage, RecordId
from amana.core.principal import Permission
from amana.screening import hits
from amana.screening.schemas import HitAnswer, HitStatus
from amana.web.context import FormDep, PageDep, field, optional, page_router
from amana.web.errors import FieldErrors, from_service, from_validation
from amana.web.i18n import N_
from amana.web.nav import HomeBlock, NavItem

router = page_router()
NAV = (NavItem("/hits", N_("Hits"), 30, (Permission.READ_RECORDS,)),)
PER_PAGE = 25
HOME_ITEMS = 5
ANSWER_FIELDS = ("status", "note")


def _new_hits(page: PageDep) -> HomeBlock | None:
    if not page.principal.can(Permission.READ_RECORDS):
        return None
    waiting = hits.list_(
        page.session,
        principal=page.principal,
        side=hits.OWNER,
        status=hits.PENDING,
        per_page=HOME_ITEMS,
    )
    answered = hits.list_(
        page.session, principal=page.principal, side=hits.SEARCHER, per_page=HOME_ITEMS
    )
    return HomeBlock("hits/home_block.html", {"waiting": waiting, "answered": answered})


HOME = (_new_hits,)


@router.get("/hits")
def list_hits(
    page: PageDep, side: str = hits.OWNER, status: str = "", p: LenientPage = 1
) -> HTMLResponse:
    side = side if side in (hits.OWNER, hits.SEARCHER) else hits.OWNER
    result = hits.list_(
        page.session,
        principal=page.principal,
        side=side,
        status=status or None,
        page=max(p, 1),
        per_page=PER_PAGE,
    )
    return page.render("hits/list.html", result=result, side=side, status=status)


@router.get("/hits/{hit_id}")
def show_hit(page: PageDep, hit_id: RecordId) -> HTMLResponse:
    hit = hits.get(page.session, principal=page.principal, hit_id=hit_id)
    return page.render("hits/show.html", hit=hit, statuses=list(HitStatus))


@router.post("/hits/{hit_id}/answer", response_model=None)
def answer_hit(page: PageDep, form: FormDep, hit_id: RecordId) -> HTMLResponse | RedirectResponse:
    try:
        data = HitAnswer.model_validate(
            {"status": field(form, "status"), "note": optional(form, "note")}
        )
    except ValidationError as invalid:
        return _again(page, hit_id, from_validation(invalid, page.tr, ANSWER_FIELDS))
    try:
        hits.answer(page.session, principal=page.principal, hit_id=hit_id, data=data)
    except AmanaError as error:
        page.abandon()
        if error.security_event:
            raise
        return _again(page, hit_id, from_service(error, page.tr, ANSWER_FIELDS))
    return RedirectResponse(f"/hits/{hit_id}", status_code=303)


def _again(page: PageDep, hit_id: int, errors: FieldErrors) -> HTMLResponse:
    hit = hits.get(page.session, principal=page.principal, hit_id=hit_id)
    return page.render(
        "hits/show.html", hit=hit, statuses=list(HitStatus), errors=errors, status_code=422
    )
