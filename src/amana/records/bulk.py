"""Bulk import of persons, travel documents and vehicles (exports: ``records.export``).

Rows go through the same schemas as the API (one validation path), then into the store in
batches of multi-row INSERTs rather than one ORM flush per record: 100,000 persons load in
seconds. All or nothing by default: one bad row and nothing is stored, but every row is still
checked so the report names them all. With ``partial`` the good rows are stored and the bad ones
reported. One audit entry covers the import (every id created), and every record is appended to
the change feed after it, as single writes are (see ``records.service``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from time import perf_counter
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.bureaus import service as bureaus
from amana.core.db import utcnow
from amana.core.errors import AmanaError, ValidationFailed
from amana.core.visibility import OwnedRecord, Visibility, VisibilityListEntry
from amana.records import documents, formats, ftm, objects, persons, service
from amana.records.models import Person, PersonIdentifier, PersonName, TravelDocument, Vehicle
from amana.records.object_schemas import VehicleCreate
from amana.records.schemas import (
    ImportReport,
    PersonCreate,
    RowRejection,
    TravelDocumentCreate,
    VisibilityIn,
)
from amana.records.service import Actor

KINDS = ("persons", "documents", "vehicles")
FORMATS = ("csv", "jsonl", "ftm")
BATCH = 2_000
REPORTED = 1_000
Progress = Callable[[int], None]
# Plain table inserts for the rows that need no ids back: the cheapest path SQLAlchemy offers.
_NAMES = cast(Table, PersonName.__table__)
_IDENTIFIERS = cast(Table, PersonIdentifier.__table__)
_LISTED = cast(Table, VisibilityListEntry.__table__)


@dataclass(frozen=True)
class _Kind:
    model: type[OwnedRecord]
    schema: type[BaseModel]
    columns: Callable[[Any], dict[str, Any]]


SPECS = {
    "persons": _Kind(Person, PersonCreate, persons.columns),
    "documents": _Kind(TravelDocument, TravelDocumentCreate, documents.columns),
    "vehicles": _Kind(Vehicle, VehicleCreate, objects.vehicle_columns),
}


class ImportRejected(ValidationFailed):
    code = "import.rejected"

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            f"{report.rejected_count} of {report.received} row(s) rejected, so nothing was "
            "stored; correct them, or import with partial to store the good rows",
            rejected_count=report.rejected_count,
            rejected=[r.model_dump() for r in report.rejected],
        )
        self.report = report


def check_kind(kind: str, fmt: str) -> _Kind:
    if kind not in SPECS:
        raise ValidationFailed(f"kind: '{kind}' is not one of {', '.join(KINDS)}", field="kind")
    if fmt not in FORMATS:
        raise ValidationFailed(
            f"format: '{fmt}' is not one of {', '.join(FORMATS)}", field="format"
        )
    if fmt == "ftm" and kind != "persons":
        raise ValidationFailed(
            "format: ftm is for persons only; FollowTheMoney has no schema for reported "
            "documents or vehicles with their status (use csv or jsonl)",
            field="format",
        )
    return SPECS[kind]


def _reasons(error: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(part) for part in e['loc']) or 'row'}: {e['msg']}" for e in error.errors()
    ]


@dataclass
class _Importer:
    session: Session
    kind: str
    spec: _Kind
    owner: str
    principal: Actor
    partial: bool
    ids: list[int] = field(default_factory=list)
    rejected: list[RowRejection] = field(default_factory=list)
    rules: dict[tuple[str, tuple[str, ...]], tuple[Visibility, list[str]]] = field(
        default_factory=dict
    )
    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def reject(self, row: int, reasons: list[str]) -> None:
        self.rejected.append(RowRejection(row=row, reasons=reasons))

    def rule(self, asked: VisibilityIn | None) -> tuple[Visibility, list[str]]:
        key = (asked.rule.value, tuple(asked.bureaus)) if asked else ("", ())
        if key not in self.rules:
            self.rules[key] = service.resolve_rule(self.session, owner=self.owner, requested=asked)
        return self.rules[key]

    def check(self, row: int, body: dict[str, Any]) -> tuple[Any, Visibility, list[str]] | None:
        try:
            data = self.spec.schema.model_validate(body)
            if isinstance(data, TravelDocumentCreate):
                documents.require_issuer(data.issuing_country, self.owner)
                self.once(row, data)
            rule, listed = self.rule(getattr(data, "visibility", None))
        except ValidationError as error:
            self.reject(row, _reasons(error))
            return None
        except AmanaError as error:
            self.reject(row, [error.detail])
            return None
        return data, rule, listed

    def once(self, row: int, data: TravelDocumentCreate) -> None:
        key = (documents.columns(data)["number_key"], data.doc_type.value)
        if key in self.seen:
            raise ValidationFailed(f"number: the same document is on row {self.seen[key]}")
        self.seen[key] = row

    def add(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        checked = [(row, self.check(row, body)) for row, body in rows]
        good = [(row, item) for row, item in checked if item is not None]
        if self.kind == "documents":
            good = self.drop_reported(good)
        if good and (self.partial or not self.rejected):
            self.insert([item for _, item in good])

    def drop_reported(self, good: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
        keys = {documents.columns(data)["number_key"] for _, (data, _, _) in good}
        stored = {
            (key, doc_type): record_id
            for key, doc_type, record_id in self.session.execute(
                select(TravelDocument.number_key, TravelDocument.doc_type, TravelDocument.id)
                .where(TravelDocument.issuing_country == self.owner)
                .where(TravelDocument.number_key.in_(keys))
            )
        }
        kept = []
        for row, (data, rule, listed) in good:
            existing = stored.get((documents.columns(data)["number_key"], data.doc_type.value))
            if existing is None:
                kept.append((row, (data, rule, listed)))
            else:
                self.reject(row, [f"number: already reported (record {existing})"])
        return kept

    def insert(self, items: list[tuple[Any, Visibility, list[str]]]) -> None:
        now, model = utcnow(), self.spec.model
        created_by = self.principal.user_id if self.principal else None
        table = cast(Table, model.__table__)  # type: ignore[attr-defined]
        ids = _allocate_ids(self.session, table, len(items))
        rows = [
            {**self.spec.columns(data), "id": record_id, "owner_bureau": self.owner,
             "visibility": rule.value, "created_at": now, "updated_at": now,
             "created_by": created_by}
            for record_id, (data, rule, _) in zip(ids, items, strict=True)
        ]  # fmt: skip
        self.session.execute(insert(table), rows)
        if self.kind == "persons":
            self.insert_children(ids, [data for data, _, _ in items])
        listed = [
            {"record_kind": model.record_kind, "record_id": record_id, "bureau": bureau}
            for record_id, (_, rule, codes) in zip(ids, items, strict=True)
            if rule is not Visibility.ALL
            for bureau in codes
        ]
        if listed:
            self.session.execute(insert(_LISTED), listed)
        self.ids.extend(ids)

    def insert_children(self, ids: list[int], people: list[PersonCreate]) -> None:
        pairs = list(zip(ids, people, strict=True))
        names = [
            {**row, "person_id": pid}
            for pid, data in pairs
            for row in persons.name_rows(data.names)
        ]
        identifiers = [
            {**row, "person_id": pid}
            for pid, data in pairs
            for row in persons.identifier_rows(data.identifiers)
        ]
        self.session.execute(insert(_NAMES), names)
        if identifiers:
            self.session.execute(insert(_IDENTIFIERS), identifiers)


def _allocate_ids(session: Session, table: Table, count: int) -> list[int]:
    """Ids for ``count`` new rows, taken before inserting so the rows need no RETURNING (which
    SQLAlchemy can only keep in order on SQLite by inserting one row at a time)."""
    connection = session.connection()  # plain SQL: no visibility rule may narrow max(id)
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        series = select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        return list(connection.scalars(series))
    # SQLite: the transaction began IMMEDIATE and holds the only write lock, so no other
    # writer can take these ids between reading the maximum and inserting.
    start = connection.scalar(select(func.max(table.c.id))) or 0
    return list(range(start + 1, start + 1 + count))


def import_(
    session: Session,
    *,
    principal: Actor,
    kind: str,
    fmt: str,
    lines: Iterable[str],
    owner: str | None = None,
    partial: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Create records from a file's lines for ``owner`` (the caller's own bureau by default)."""
    started = perf_counter()
    spec = check_kind(kind, fmt)
    bureau = bureaus.require_known(session, codes=[service.owner_of(principal, owner)])[0]
    importer = _Importer(session, kind, spec, bureau, principal, partial)
    received = skipped = 0
    batch: list[tuple[int, dict[str, Any]]] = []
    for row, body in _guarded(_rows(kind, fmt, lines)):
        if body == ftm.SKIPPED:
            skipped += 1
            continue
        received += 1
        if isinstance(body, str):
            importer.reject(row, [body])
        else:
            batch.append((row, body))
        if len(batch) >= BATCH:
            importer.add(batch)
            batch = []
            if progress:
                progress(received)
    importer.add(batch)
    if progress:
        progress(received)
    report = ImportReport(
        kind=kind,
        format=fmt,
        partial=partial,
        received=received,
        created=len(importer.ids),
        skipped=skipped,
        rejected_count=len(importer.rejected),
        rejected=importer.rejected[:REPORTED],
        seconds=0.0,
    )
    if importer.rejected and not partial:
        raise ImportRejected(report)
    _record(session, principal, spec.model.record_kind, importer.ids, report, bureau)
    report.seconds = round(perf_counter() - started, 3)
    return report


def _rows(kind: str, fmt: str, lines: Iterable[str]) -> Iterable[formats.Row]:
    if fmt == "ftm":
        return ftm.read(lines)
    if fmt == "jsonl":
        return formats.read_jsonl(lines)
    try:
        return formats.read_csv(lines, kind)
    except (ValueError, csv.Error) as error:
        raise ValidationFailed(str(error), code="import.format", field="file") from error


def _guarded(rows: Iterable[formats.Row]) -> Iterator[formats.Row]:
    """A file the csv module cannot read on (a NUL byte, a runaway quoted field) stops the
    import with the reason rather than an internal error."""
    try:
        yield from rows
    except (csv.Error, UnicodeDecodeError) as error:
        raise ValidationFailed(f"file: unreadable ({error})", code="import.format") from error


def _record(
    session: Session, principal: Actor, record_kind: str, ids: list[int], report: ImportReport,
    bureau: str,
) -> None:  # fmt: skip
    audit.record(
        session,
        actor=principal or service.CLI_ACTOR,
        action="record.import",
        target_kind=record_kind,
        target_ids=ids,
        query={
            "format": report.format,
            "owner_bureau": bureau,
            "partial": report.partial,
            "received": report.received,
            "rejected": report.rejected_count,
        },
    )
    service.append_changes(session, kind=record_kind, ids=ids, op=service.UPSERT)
