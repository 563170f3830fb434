"""Bulk export in the formats bulk import reads (``records.formats``, ``records.ftm``).

Streams the records in batches (``yield_per``) so an export of the whole database holds one batch
in memory, and audits the export with every id written.
"""

from __future__ import annotations

import csv
import json
from typing import TextIO, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.records import formats, ftm, service
from amana.records.bulk import BATCH, Progress, check_kind
from amana.records.models import Person
from amana.records.service import Actor


def export(
    session: Session,
    *,
    principal: Actor,
    kind: str,
    fmt: str,
    out: TextIO,
    bureau: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the records the caller may see (of one owner bureau, if given); returns the count."""
    spec = check_kind(kind, fmt)
    service.require_reader(principal)
    query = select(spec.model).order_by(spec.model.id)
    if bureau:
        query = query.where(spec.model.owner_bureau == bureau.upper())
    writer = csv.DictWriter(out, formats.csv_header(kind)) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    ids: list[int] = []
    for part in session.scalars(query.execution_options(yield_per=BATCH)).partitions():
        rules = service.visibility_reads(session, principal=principal, records=part)
        for record in part:
            if writer:
                writer.writerow(formats.csv_cells(record, kind))
            else:
                body = (
                    ftm.entity(cast(Person, record))
                    if fmt == "ftm"
                    else formats.create_body(record, kind, rules[record.id])
                )
                out.write(json.dumps(body, ensure_ascii=False) + "\n")
            ids.append(record.id)
        if progress:
            progress(len(ids))
    audit.record(
        session,
        actor=principal or service.CLI_ACTOR,
        action="record.export",
        target_kind=spec.model.record_kind,
        target_ids=ids,
        query={"format": fmt, "bureau": bureau},
    )
    return len(ids)
