"""The General Secretariat's review queue: submitted requests with what the checks flagged, and
the decision on each (approve and publish, reject, or ask the bureau for more information).

The rules of review are the service's: a reason and a note to reject or ask for more, a note to
approve a flagged request, never one's own bureau's request. Its refusals are shown next to the
field concerned, on the notice page where the decision was taken.
"""

from __future__ import annotations

from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from amana.core.errors import AmanaError
from amana.core.params import LenientPage, RecordId
from amana.core.principal import Permission
from amana.notices import reads, workflow
from amana.notices.schemas import ReviewIn
from amana.notices.vocab import NoticeKind, NoticeStatus
from amana.web.context import FormDep, PageDep, field, optional, page_router
from amana.web.errors import from_validation
from amana.web.pages.notice_words import problems, words
from amana.web.pages.notices import REVIEW_FIELDS, show

router = page_router()
NAV = ()
PER_PAGE = 50


@router.get("/notices/review")
def review_queue(page: PageDep, p: LenientPage = 1) -> HTMLResponse:
    page.principal.require(Permission.REVIEW_NOTICES)
    queue = reads.list_(
        page.session,
        principal=page.principal,
        kind=NoticeKind.NOTICE,
        status=NoticeStatus.SUBMITTED,
        page=max(p, 1),
        per_page=PER_PAGE,
    )
    diffusions = reads.list_(
        page.session,
        principal=page.principal,
        kind=NoticeKind.DIFFUSION,
        status=NoticeStatus.CIRCULATED,
        per_page=PER_PAGE,
    )
    ids = [n.id for n in (*queue.items, *diffusions.items)]
    return page.render(
        "notices/review.html",
        queue=queue,
        diffusions=diffusions,
        flags=reads.flags(page.session, principal=page.principal, notice_ids=ids),
        **words(page.tr),
    )


@router.post("/notices/{notice_id:int}/review", response_model=None)
def review_notice(page: PageDep, form: FormDep, notice_id: RecordId) -> Response:
    asked = {
        "decision": field(form, "decision"),
        "reason": optional(form, "reason"),
        "note": optional(form, "note"),
    }
    try:
        data = ReviewIn.model_validate(asked)
    except ValidationError as invalid:
        return show(page, notice_id, from_validation(invalid, page.tr, REVIEW_FIELDS), asked)
    try:
        workflow.review(page.session, principal=page.principal, notice_id=notice_id, data=data)
    except AmanaError as error:
        page.abandon()
        if error.security_event or error.status == 404:
            raise
        return show(page, notice_id, problems(error, page.tr, REVIEW_FIELDS), asked)
    return RedirectResponse(f"/notices/{notice_id}", status_code=303)
