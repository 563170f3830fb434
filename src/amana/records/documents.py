"""Stolen, lost and revoked travel documents, reported by the country that issued them.

As in INTERPOL's SLTD database, only the issuing country records its own documents: it alone
knows a number is genuine and can withdraw the report when the document is found.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from amana.core.errors import Conflict, ValidationFailed
from amana.matching.identifiers import confusion_key, exact_key
from amana.records import service
from amana.records.models import TravelDocument
from amana.records.schemas import (
    TravelDocumentCreate,
    TravelDocumentPage,
    TravelDocumentRead,
    TravelDocumentUpdate,
)
from amana.records.service import Actor


def require_issuer(issuing_country: str, owner: str) -> None:
    if issuing_country != owner:
        raise ValidationFailed(
            f"issuing_country: bureau {owner} may report only documents issued by {owner}, "
            f"not by {issuing_country}; only the issuing country records its documents "
            "(SLTD rule)",
            code="document.not_issuer",
            field="issuing_country",
        )


def _refuse_duplicate(session: Session, document: TravelDocument) -> None:
    existing = session.scalar(
        select(TravelDocument.id).where(
            TravelDocument.issuing_country == document.issuing_country,
            TravelDocument.number_key == document.number_key,
            TravelDocument.doc_type == document.doc_type,
            TravelDocument.id != (document.id or 0),
        )
    )
    if existing is not None:
        raise Conflict(
            f"{document.doc_type} {document.number} issued by {document.issuing_country} is "
            f"already reported (record {existing}); update that record instead",
            code="document.duplicate",
            existing_id=existing,
        )


def columns(data: TravelDocumentCreate) -> dict[str, Any]:
    """The document's columns as stored, keys included (not owner or rule)."""
    return {
        "number": data.number,
        "number_key": exact_key(data.number),
        "confusion_key": confusion_key(data.number),
        "doc_type": data.doc_type.value,
        "issuing_country": data.issuing_country,
        "status": data.status.value,
        "reported_on": data.reported_on,
        "holder_name": data.holder_name,
        "holder_dob": data.holder_dob,
    }


def _set_keys(document: TravelDocument) -> None:
    document.number_key = exact_key(document.number)
    document.confusion_key = confusion_key(document.number)


def create(
    session: Session, *, principal: Actor, data: TravelDocumentCreate, owner: str | None = None
) -> TravelDocument:
    bureau = service.owner_of(principal, owner)
    require_issuer(data.issuing_country, bureau)
    document = TravelDocument(
        **columns(data), owner_bureau=bureau, created_by=principal.user_id if principal else None
    )
    _refuse_duplicate(session, document)
    service.created(
        session,
        principal=principal,
        record=document,
        visibility=data.visibility,
        query={"owner_bureau": bureau, "doc_type": document.doc_type, "status": document.status},
    )
    return document


def update(
    session: Session, *, principal: Actor, record_id: int, change: TravelDocumentUpdate
) -> TravelDocument:
    document = service.get_for_write(
        session, principal=principal, model=TravelDocument, record_id=record_id
    )
    changed = service.apply_fields(document, change)
    _set_keys(document)
    if {"number", "doc_type"} & set(changed):
        with session.no_autoflush:
            _refuse_duplicate(session, document)
    service.updated(
        session,
        principal=principal,
        record=document,
        changed=changed,
        visibility=change.visibility,
    )
    return document


def list_(
    session: Session,
    *,
    principal: Actor,
    status: str | None = None,
    number: str | None = None,
    issuing_country: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> TravelDocumentPage:
    filters: list[ColumnElement[bool]] = []
    if status:
        filters.append(TravelDocument.status == status)
    if number:
        filters.append(TravelDocument.number_key == exact_key(number))
    if issuing_country:
        filters.append(TravelDocument.issuing_country == issuing_country.upper())
    rows, total = service.list_(
        session,
        principal=principal,
        model=TravelDocument,
        filters=filters,
        query={"status": status, "number": number, "issuing_country": issuing_country},
        page=page,
        per_page=per_page,
    )
    items = service.to_reads(session, principal=principal, records=rows, schema=TravelDocumentRead)
    return TravelDocumentPage(items=items, total=total, page=page, per_page=per_page)


def to_read(session: Session, *, principal: Actor, document: TravelDocument) -> TravelDocumentRead:
    return service.to_read(session, principal=principal, record=document, schema=TravelDocumentRead)
