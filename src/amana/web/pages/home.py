"""The home page: what needs the user's attention, in sections given by the page modules."""

from __future__ import annotations

from fastapi.responses import HTMLResponse

from amana.bureaus import service as bureaus
from amana.web.context import PageDep, page_router
from amana.web.i18n import N_
from amana.web.nav import HomeBlock, NavItem
from amana.web.render import WebState

router = page_router()
NAV = (NavItem("/", N_("Home"), 0),)


@router.get("/")
def home(page: PageDep) -> HTMLResponse:
    web: WebState = page.request.app.state.web
    blocks: list[HomeBlock] = []
    for section in web.home:
        block = section(page)
        if block is not None:
            blocks.append(block)
    bureau = bureaus.get_or_raise(page.session, code=page.principal.bureau)
    return page.render("home.html", blocks=blocks, bureau_name=bureau.name(page.tr.language))
