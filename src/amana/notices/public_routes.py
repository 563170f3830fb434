"""The unauthenticated, INTERPOL-compatible public API under ``/notices/v1``.

Same paths, query parameters and JSON as ``ws-public.interpol.int``, so its existing clients
work against Amana unchanged. One deliberate difference: an unknown id answers 404 with
Amana's problem details, where the original service answers 502.

The API is public and takes no credentials, so any origin may read it: every answer carries
``Access-Control-Allow-Origin: *`` and ``OPTIONS`` answers a browser's preflight; ``HEAD``
answers as ``GET`` without the body. Amana's own API (``/api/v1``) is not opened to other
origins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import AfterValidator

from amana.core.config import Settings
from amana.core.errors import AmanaError, problem
from amana.core.params import MAX_ID, LenientPage
from amana.deps import SessionDep
from amana.notices import publication
from amana.notices.public import DEFAULT_PER_PAGE, PublicQuery
from amana.notices.public_pattern import compile_pattern
from amana.notices.vocab import NoticeType

PROBLEM_JSON = "application/problem+json"


class _ProblemRoute(APIRoute):
    """Errors of the public API are always problem JSON: its clients are programs, and the
    composition root may install HTML error pages for every path outside ``/api``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            request = _without_empty_parameters(request)
            response = await _answer(handler, request)
            response.headers["Access-Control-Allow-Origin"] = "*"
            if request.method == "HEAD":  # same status and headers, Content-Length included
                return Response(status_code=response.status_code, headers=response.headers)
            return response

        return handle


async def _answer(
    handler: Callable[[Request], Coroutine[Any, Any, Response]], request: Request
) -> Response:
    try:
        return await handler(request)
    except AmanaError as error:
        body = error.to_problem(request.url.path)
    except RequestValidationError as error:
        fields = [".".join(str(p) for p in e.get("loc", ())) for e in error.errors()]
        body = problem(
            422,
            "Invalid input",
            f"invalid query parameter(s): {', '.join(fields)}",
            "request.validation",
            instance=request.url.path,
        )
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON)


def _without_empty_parameters(request: Request) -> Request:
    """``?ageMin=`` is how a form sends "no minimum age": empty parameters are dropped before
    validation, for every parameter of the public API at once (and so from the paging links)."""
    items = request.query_params.multi_items()
    kept = [(key, value) for key, value in items if value != ""]
    if len(kept) == len(items):
        return request
    return Request({**request.scope, "query_string": urlencode(kept).encode()}, request.receive)


# Out of Amana's OpenAPI schema, which documents its own API (``/api/v1``): these paths follow
# INTERPOL's service, whose clients have their own description of it.
router = APIRouter(
    prefix="/notices/v1",
    tags=["public notices"],
    route_class=_ProblemRoute,
    include_in_schema=False,
)
Text = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(min_length=1, max_length=3)]
# Any non-negative age: harvesters sweep ``ageMin=90&ageMax=300``. Ages compare in Python, so
# even 2**63 is harmless; pydantic refuses an integer of more than 4,300 digits (422).
Age = Annotated[int | None, Query(ge=0)]


def _at_most_max_id(value: int) -> int:
    """A page past the last, or more per page than the cap, is an empty or capped page, as the
    service answers harvesters that overshoot; only the store's integer range is kept."""
    return min(value, MAX_ID)


METHODS = "GET, HEAD, OPTIONS"
_HEADER_NAMES = re.compile(r"^[A-Za-z0-9-]{1,64}( *, *[A-Za-z0-9-]{1,64}){0,31}$")
FILTERS = (
    "forename",
    "name",
    "nationality",
    "ageMin",
    "ageMax",
    "sexId",
    "arrestWarrantCountryId",
    "freeText",
    "unReference",
    "unResolution",
)


def _base(request: Request) -> str:
    """What the links start with. Never the request's Host header outside demo mode: anyone
    can send ``Host: evil.example`` and have links to it served, and cached, to others."""
    settings: Settings = request.app.state.settings
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    if settings.demo_mode:
        return str(request.base_url).rstrip("/")
    return ""  # path-absolute links (RFC 3986 section 4.2), resolved against the request


def _params(request: Request) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in request.query_params.multi_items() if k in FILTERS)


def _lister(notice_type: NoticeType, path: str) -> Callable[..., dict[str, Any]]:
    """``path``: the list's own path, which its paging links repeat (``un`` or ``un/persons``)."""

    def list_notices(
        request: Request,
        session: SessionDep,
        name: Text = None,
        forename: Text = None,
        nationality: Code = None,
        sex_id: Annotated[str | None, Query(alias="sexId", max_length=1)] = None,
        age_min: Annotated[Age, Query(alias="ageMin")] = None,
        age_max: Annotated[Age, Query(alias="ageMax")] = None,
        warrant_country: Annotated[Code, Query(alias="arrestWarrantCountryId")] = None,
        free_text: Annotated[Text, Query(alias="freeText")] = None,
        un_reference: Annotated[Text, Query(alias="unReference")] = None,
        un_resolution: Annotated[int | None, Query(alias="unResolution")] = None,
        page: Annotated[LenientPage, Query(ge=1)] = 1,
        per_page: Annotated[
            int, Query(alias="resultPerPage", ge=1), AfterValidator(_at_most_max_id)
        ] = DEFAULT_PER_PAGE,
    ) -> dict[str, Any]:
        query = PublicQuery(
            params=_params(request),
            name=compile_pattern(name, "name") if name else None,
            forename=compile_pattern(forename, "forename") if forename else None,
            nationality=nationality,
            sex_id=sex_id,
            age_min=age_min,
            age_max=age_max,
            arrest_warrant_country_id=warrant_country,
            free_text=free_text,
            un_reference=un_reference,
            un_resolution=un_resolution,
            page=page,
            result_per_page=per_page,
        )
        return publication.search(
            session, notice_type=notice_type, query=query, base=_base(request), path=path
        )

    list_notices.__doc__ = f"Public {notice_type} notices: at most 160 per query, paged."
    return list_notices


def _detail(notice_type: NoticeType) -> Callable[..., dict[str, Any]]:
    def get_notice(notice_id: str, request: Request, session: SessionDep) -> dict[str, Any]:
        return publication.detail(
            session, notice_type=notice_type, url_id=notice_id, base=_base(request)
        )

    get_notice.__doc__ = f"A public {notice_type} notice by its id (YYYY-NNNNN)."
    return get_notice


def _images(notice_type: NoticeType) -> Callable[..., dict[str, Any]]:
    def list_images(notice_id: str, request: Request, session: SessionDep) -> dict[str, Any]:
        return publication.images(
            session, notice_type=notice_type, url_id=notice_id, base=_base(request)
        )

    return list_images


def _image(notice_type: NoticeType) -> Callable[..., Response]:
    def get_image(notice_id: str, picture_id: str, session: SessionDep) -> Response:
        photo = publication.image(
            session, notice_type=notice_type, url_id=notice_id, picture_id=picture_id
        )
        return Response(content=photo.data, media_type=photo.content_type)

    return get_image


def preflight(request: Request) -> Response:
    """A browser asks before a cross-origin request with its own headers: any is allowed."""
    headers = {
        "Allow": METHODS,
        "Access-Control-Allow-Methods": METHODS,
        "Access-Control-Max-Age": "86400",
    }
    asked = request.headers.get("access-control-request-headers", "")
    if _HEADER_NAMES.match(asked):
        headers["Access-Control-Allow-Headers"] = asked
    return Response(status_code=204, headers=headers)


def _route(path: str, endpoint: Callable[..., Any], operation: str, **extra: Any) -> None:
    router.add_api_route(path, endpoint, methods=["GET", "HEAD"], operation_id=operation, **extra)
    router.add_api_route(
        path, preflight, methods=["OPTIONS"], operation_id=f"{operation}_preflight"
    )


def _register(notice_type: NoticeType, lists: tuple[str, ...], item: str) -> None:
    name = notice_type.value
    for number, path in enumerate(lists):
        _route(path, _lister(notice_type, path.removeprefix("/")), f"public_{name}_list{number}")
    _route(f"{item}/{{notice_id}}", _detail(notice_type), f"public_{name}_get")
    _route(f"{item}/{{notice_id}}/images", _images(notice_type), f"public_{name}_images")
    _route(
        f"{item}/{{notice_id}}/images/{{picture_id}}",
        _image(notice_type),
        f"public_{name}_image",
        response_class=Response,
    )


_register(NoticeType.RED, ("/red",), "/red")
_register(NoticeType.YELLOW, ("/yellow",), "/yellow")
_register(NoticeType.UN, ("/un", "/un/persons"), "/un/persons")
