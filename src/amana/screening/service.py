"""Screening use cases: who may search, what is audited, who is told of a hit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.config import Settings
from amana.core.errors import PayloadTooLarge, ValidationFailed
from amana.core.principal import Permission, Principal
from amana.matching import DEFAULT_THRESHOLD, PersonQuery
from amana.matching.identifiers import confusion_key, exact_key
from amana.matching.types import Match
from amana.records.models import TravelDocument, Vehicle
from amana.records.mrz import parse_mrz
from amana.screening import hits as hit_log
from amana.screening.flags import PersonFlagger, no_flags
from amana.screening.live_index import Access, LiveIndex, Summary
from amana.screening.schemas import (
    BatchResult,
    BatchScreen,
    DocumentScreen,
    PersonHit,
    PersonResult,
    PersonScreen,
    Reason,
    RecordHit,
    RecordResult,
    TravellerResult,
    VehicleScreen,
)

LOOK_ALIKE_SCORE = 0.9
VIN_CONFUSABLES = str.maketrans({"O": "0", "Q": "0", "I": "1"})  # letters a VIN never contains


def _person_query(data: PersonScreen) -> PersonQuery:
    for position, name in enumerate(data.names):
        if not any(c.isalpha() for c in name):
            raise ValidationFailed(
                f"names[{position}]: '{name[:40]}' contains no letters", field=f"names.{position}"
            )
    if data.dob and data.dob[:4] > str(date.today().year):
        raise ValidationFailed(f"dob: {data.dob} is in the future", field="dob")
    if data.dob and len(data.dob) == 10:
        try:
            if date.fromisoformat(data.dob) > date.today():
                raise ValidationFailed(f"dob: {data.dob} is in the future", field="dob")
        except ValueError as error:
            raise ValidationFailed(
                f"dob: {data.dob} is not a calendar date", field="dob"
            ) from error
    return PersonQuery(
        names=tuple(data.names),
        dob=data.dob,
        nationality=data.nationality,
        sex=data.sex.value if data.sex else None,
        identifiers=tuple(data.identifiers),
    )


def _person_hit(match: Match, access: Access, summary: Summary) -> PersonHit:
    return PersonHit(
        record_id=match.record_id,
        score=match.score,
        matched_name=match.matched_name,
        explanation=[Reason(feature=e.feature, how=e.how, detail=e.detail) for e in match.evidence],
        owner_bureau=access.owner,
        names=list(summary.names),
        dates_of_birth=list(summary.dates_of_birth),
        nationalities=list(summary.nationalities),
        sex=summary.sex,
        status=summary.status,
    )


def _asked(data: PersonScreen) -> dict[str, object]:
    return {
        "names": list(data.names),
        "dob": data.dob,
        "nationality": data.nationality,
        "sex": data.sex.value if data.sex else None,
        "identifiers": list(data.identifiers),
    }


def screen_person(
    session: Session,
    *,
    principal: Principal,
    index: LiveIndex,
    data: PersonScreen,
    settings: Settings,
    flagger: PersonFlagger = no_flags,
) -> PersonResult:
    principal.require(Permission.SEARCH)
    threshold = data.threshold or DEFAULT_THRESHOLD
    found = index.search(
        _person_query(data), viewer=principal.bureau, limit=data.limit, threshold=threshold
    )
    hits = [_person_hit(*item) for item in found]
    _flag(session, flagger, hits)
    _notify(session, principal, hits, _asked(data), settings)
    audit.record(
        session,
        actor=principal,
        action="screening.person",
        target_kind="person",
        target_ids=[h.record_id for h in hits],
        query=_asked(data),
    )
    return PersonResult(hits=hits, threshold=threshold)


def _document_hits(session: Session, number: str, country: str | None) -> list[RecordHit]:
    key, look_alike = exact_key(number), confusion_key(number)
    if not key:
        raise ValidationFailed("number: contains no letters or digits", field="number")
    query = select(TravelDocument).where(
        or_(TravelDocument.number_key == key, TravelDocument.confusion_key == look_alike)
    )
    if country:
        query = query.where(TravelDocument.issuing_country == country)
    hits = []
    for document in session.scalars(query.limit(50)):
        exact = document.number_key == key
        hits.append(
            RecordHit(
                record_kind=TravelDocument.record_kind,
                record_id=document.id,
                score=1.0 if exact else LOOK_ALIKE_SCORE,
                how="exact" if exact else "look-alike characters (O/0, I/1, …)",
                owner_bureau=document.owner_bureau,
                summary={
                    "number": document.number,
                    "doc_type": document.doc_type,
                    "issuing_country": document.issuing_country,
                    "status": document.status,
                    "reported_on": document.reported_on.isoformat(),
                },
            )
        )
    hits.sort(key=lambda h: -h.score)
    return hits


def screen_document(
    session: Session, *, principal: Principal, data: DocumentScreen, settings: Settings
) -> RecordResult:
    principal.require(Permission.SEARCH)
    parsed = None
    number, country = data.number, data.country
    if data.mrz:
        mrz = parse_mrz(data.mrz)
        parsed = asdict(mrz)
        number, country = mrz.number, country or mrz.issuing_country
    if not number:
        raise ValidationFailed("give a document number or a raw MRZ", field="number")
    hits = _document_hits(session, number, country)
    asked = {"number": number, "country": country, "mrz": bool(data.mrz)}
    record_search(
        session, principal, settings, "screening.document", TravelDocument.record_kind, hits, asked
    )
    return RecordResult(hits=hits, parsed_mrz=_jsonable(parsed))


def record_search(
    session: Session,
    principal: Principal,
    settings: Settings,
    action: str,
    kind: str,
    hits: Sequence[RecordHit],
    asked: dict[str, Any],
) -> None:
    """Tell the owners of what was found, and audit what was asked and returned."""
    hit_log.notify(
        session,
        principal=principal,
        hits=hits,
        query=asked,
        threshold=settings.screening_hit_threshold,
        window=_hit_window(settings),
    )
    audit.record(
        session,
        actor=principal,
        action=action,
        target_kind=kind,
        target_ids=[h.record_id for h in hits],
        query=asked,
    )


def screen_vehicle(
    session: Session, *, principal: Principal, data: VehicleScreen, settings: Settings
) -> RecordResult:
    principal.require(Permission.SEARCH)
    if not (data.vin or data.plate):
        raise ValidationFailed("give a VIN or a registration plate", field="vin")
    conditions = []
    if data.vin:
        conditions.append(Vehicle.vin_key == exact_key(data.vin).translate(VIN_CONFUSABLES))
    if data.plate:
        plate = Vehicle.plate_key == exact_key(data.plate)
        if data.plate_country:
            plate = plate & (Vehicle.plate_country == data.plate_country)
        conditions.append(plate)
    hits = [
        RecordHit(
            record_kind=Vehicle.record_kind,
            record_id=v.id,
            score=1.0,
            how="VIN"
            if data.vin and v.vin_key == exact_key(data.vin).translate(VIN_CONFUSABLES)
            else "plate",
            owner_bureau=v.owner_bureau,
            summary={
                "vin": v.vin,
                "plate": v.plate,
                "plate_country": v.plate_country,
                "make": v.make,
                "model": v.model,
                "colour": v.colour,
                "status": v.status,
            },
        )
        for v in session.scalars(select(Vehicle).where(or_(*conditions)).limit(50))
    ]
    asked = {"vin": data.vin, "plate": data.plate, "plate_country": data.plate_country}
    record_search(
        session, principal, settings, "screening.vehicle", Vehicle.record_kind, hits, asked
    )
    return RecordResult(hits=hits)


def screen_batch(
    session: Session,
    *,
    principal: Principal,
    index: LiveIndex,
    data: BatchScreen,
    settings: Settings,
    flagger: PersonFlagger = no_flags,
) -> BatchResult:
    """A passenger manifest in one call: each traveller's person and document hits."""
    principal.require(Permission.SEARCH)
    if len(data.travellers) > settings.screening_batch_limit:
        raise PayloadTooLarge(
            f"{len(data.travellers)} travellers exceed the batch limit of "
            f"{settings.screening_batch_limit}; split the manifest",
            code="screening.batch_too_large",
            limit=settings.screening_batch_limit,
        )
    queries = []
    for position, traveller in enumerate(data.travellers):
        try:
            queries.append(_person_query(traveller))
        except ValidationFailed as error:
            raise ValidationFailed(
                f"travellers[{position}] ({traveller.ref}): {error.detail}",
                field=f"travellers.{position}",
            ) from error
    found = index.search_many(
        queries, viewer=principal.bureau, limit=5, threshold=DEFAULT_THRESHOLD
    )
    results = []
    for traveller, matches in zip(data.travellers, found, strict=True):
        hits: list[PersonHit | RecordHit] = [_person_hit(*m) for m in matches]
        if traveller.document_number:
            hits += _document_hits(session, traveller.document_number, traveller.document_country)
        results.append(TravellerResult(ref=traveller.ref, hits=hits))
    _flag(session, flagger, [h for r in results for h in r.hits if isinstance(h, PersonHit)])
    _notify_batch(session, principal, data, results, settings)
    returned = sorted({f"{h.record_kind}:{h.record_id}" for r in results for h in r.hits})
    audit.record(
        session,
        actor=principal,
        action="screening.batch",
        target_kind="mixed",
        target_ids=returned,
        query={"travellers": len(data.travellers)},
    )
    return BatchResult(
        results=results, travellers=len(results), with_hits=sum(1 for r in results if r.hits)
    )


def _notify_batch(
    session: Session,
    principal: Principal,
    data: BatchScreen,
    results: Sequence[TravellerResult],
    settings: Settings,
) -> None:
    for traveller, result in zip(data.travellers, results, strict=True):
        _notify(
            session, principal, result.hits, {**_asked(traveller), "ref": traveller.ref}, settings
        )


def _flag(session: Session, flagger: PersonFlagger, hits: Sequence[PersonHit]) -> None:
    """Attach the notices on each hit person (one look-up for all hits)."""
    if not hits:
        return
    flags = flagger(session, sorted({h.record_id for h in hits}))
    for hit in hits:
        hit.notices = list(flags.get(hit.record_id, ()))


def _notify(
    session: Session,
    principal: Principal,
    hits: Sequence[PersonHit | RecordHit],
    query: dict[str, Any],
    settings: Settings,
) -> None:
    threshold, window = settings.screening_hit_threshold, _hit_window(settings)
    hit_log.notify(
        session, principal=principal, hits=hits, query=query, threshold=threshold, window=window
    )
    hit_log.notify_notice_requesters(
        session, principal=principal, hits=hits, query=query, threshold=threshold, window=window
    )


def _hit_window(settings: Settings) -> timedelta:
    return timedelta(minutes=settings.screening_hit_window_minutes)


def _jsonable(value: object) -> dict[str, object] | None:
    if value is None:
        return None
    assert isinstance(value, dict)
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in value.items()}
