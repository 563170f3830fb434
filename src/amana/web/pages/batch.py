"""Screening a passenger manifest (CSV): per-traveller results, on the page or as a CSV file.

Both outputs come from the one screening call (and so one audit entry and one notification of
each owner): the page embeds the results file as a download link, and the "screen and download"
button answers with the file itself.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote

from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from amana.core.errors import AmanaError
from amana.core.principal import Permission
from amana.screening import service as screening
from amana.screening.schemas import BatchResult, BatchScreen, PersonHit, Traveller
from amana.web.context import FormDep, Page, PageDep, field, page_router
from amana.web.errors import FieldErrors, Problem, from_service
from amana.web.i18n import N_
from amana.web.nav import NavItem
from amana.web.pages.screening import flagger

router = page_router()
NAV = (NavItem("/screening/batch", N_("Manifest"), 11, (Permission.SEARCH,)),)
COLUMNS = ("ref", "names", "dob", "nationality", "sex", "document_number", "document_country")
RESULT_COLUMNS = (
    "ref", "hit", "record_kind", "record_id", "score", "matched", "owner_bureau", "hit_id",
    "explanation",
)  # fmt: skip
MAX_BYTES = 5 * 1024 * 1024
MANIFEST = "manifest"


@router.get("/screening/batch")
def batch_form(page: PageDep) -> HTMLResponse:
    return page.render("screening/batch.html", result=None, columns=COLUMNS, csv_link=None)


def _problem(page: Page, message: str, detail: str | None = None, **values: Any) -> FieldErrors:
    return {MANIFEST: [Problem(page.tr.text(message, **values), detail)]}


def read_manifest(page: Page, raw: bytes) -> tuple[list[Traveller], FieldErrors]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], _problem(page, N_("The manifest must be a CSV file in UTF-8."))
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("ref", "names") if c not in (reader.fieldnames or [])]
    if missing:
        return [], _problem(
            page, N_("The manifest lacks the column(s): %(columns)s"), columns=", ".join(missing)
        )
    travellers, errors = [], []
    for row_number, row in enumerate(reader, start=1):
        values: dict[str, Any] = {k: (row.get(k) or "").strip() or None for k in COLUMNS}
        values["ref"] = values["ref"] or str(row_number)
        values["names"] = [n.strip() for n in (row.get("names") or "").split(";") if n.strip()]
        try:
            travellers.append(Traveller.model_validate(values))
        except ValidationError as invalid:
            where = ", ".join(".".join(str(p) for p in e["loc"]) for e in invalid.errors())
            errors.append(
                Problem(page.tr.text(N_("Row %(row)s: %(fields)s"), row=row_number, fields=where))
            )
    if not travellers and not errors:
        return [], _problem(page, N_("The manifest holds no traveller."))
    return travellers, {MANIFEST: errors} if errors else {}


def results_csv(result: BatchResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RESULT_COLUMNS)
    for traveller in result.results:
        if not traveller.hits:
            writer.writerow([traveller.ref, 0, "", "", "", "", "", "", ""])
        for rank, hit in enumerate(traveller.hits, start=1):
            if isinstance(hit, PersonHit):
                matched = hit.matched_name
                why = "; ".join(f"{r.feature} {r.how}: {r.detail}" for r in hit.explanation)
            else:
                matched, why = str(hit.summary.get("number", "")), hit.how
            writer.writerow(
                [traveller.ref, rank, hit.record_kind, hit.record_id, f"{hit.score:.3f}",
                 matched, hit.owner_bureau, hit.hit_id or "", why]
            )  # fmt: skip
    return out.getvalue()


@router.post("/screening/batch", response_model=None)
def batch_upload(page: PageDep, form: FormDep) -> Response:
    upload = form.get(MANIFEST)
    raw = upload.file.read(MAX_BYTES + 1) if isinstance(upload, UploadFile) else b""
    output = field(form, "output")
    if not raw:
        errors = _problem(page, N_("Choose a manifest file (CSV)."))
    elif len(raw) > MAX_BYTES:
        errors = _problem(page, N_("The manifest is larger than 5 MB: split it."))
    else:
        travellers, errors = read_manifest(page, raw)
    if errors:
        return _form(page, errors)
    try:
        result = screening.screen_batch(
            page.session,
            principal=page.principal,
            index=page.request.app.state.screening_index,
            data=BatchScreen(travellers=travellers),
            settings=page.request.app.state.settings,
            flagger=flagger(page),
        )
    except AmanaError as error:
        page.abandon()
        if error.security_event:
            raise
        return _form(page, from_service(error, page.tr, (MANIFEST,)))
    table = results_csv(result)
    if output == "csv":
        return Response(
            table,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="screening-results.csv"'},
        )
    link = "data:text/csv;charset=utf-8," + quote(table)
    return page.render("screening/batch.html", result=result, columns=COLUMNS, csv_link=link)


def _form(page: Page, errors: FieldErrors) -> HTMLResponse:
    return page.render(
        "screening/batch.html", result=None, columns=COLUMNS, csv_link=None, errors=errors,
        status_code=422,
    )  # fmt: skip
