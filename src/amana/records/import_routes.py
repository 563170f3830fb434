"""HTTP face of bulk import: the file is the request body, as it is on disk.

A raw body (``curl --data-binary @persons.csv``) rather than a multipart form: one file per
request needs no form encoding, streams as sent, and adds no multipart parser to the server.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from amana.core.errors import ValidationFailed
from amana.deps import CurrentPrincipal, SessionDep
from amana.records import bulk
from amana.records.schemas import ImportReport

router = APIRouter(tags=["import"])
MAX_BYTES = 50 * 1024 * 1024


async def _file(request: Request) -> str:
    body = await request.body()
    if len(body) > MAX_BYTES:
        raise ValidationFailed(
            f"file: {len(body)} bytes is over the {MAX_BYTES} byte limit of one request; "
            "split it or use `amana import`",
            code="import.too_large",
        )
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationFailed(f"file: not UTF-8 ({error})", code="import.format") from error


@router.post("/import/{kind}", operation_id="records_import")
def import_records(
    kind: Literal["persons", "documents", "vehicles"],
    file: Annotated[str, Depends(_file)],
    session: SessionDep,
    principal: CurrentPrincipal,
    fmt: Annotated[Literal["csv", "jsonl", "ftm"], Query(alias="format")] = "csv",
    partial: bool = False,
) -> ImportReport:
    """Create the file's records for the caller's bureau, with its default sharing rule (a JSON
    Lines row may state its own). All or nothing unless ``partial``: a refused import is a 422
    whose ``rejected`` lists each bad row's number and reasons."""
    return bulk.import_(
        session,
        principal=principal,
        kind=kind,
        fmt=fmt,
        lines=file.splitlines(keepends=True),
        partial=partial,
    )
