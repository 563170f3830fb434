"""Screening organisations and vessels: who may search, what is audited, who is told of a hit.

The same rules as persons (``service.screen_person``): hits the caller's bureau may not see are
dropped before the ranking is cut, hits on other bureaus' records at or above the hit threshold
are recorded for their owners, and every search is audited with what was asked and returned.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from amana.core.config import Settings
from amana.core.errors import ValidationFailed
from amana.core.principal import Permission, Principal
from amana.matching import DEFAULT_THRESHOLD
from amana.matching.org_identifiers import (
    IMO,
    MMSI,
    Identifier,
    InvalidIdentifier,
    guess_kind,
    key,
)
from amana.matching.organisations import OrganisationQuery
from amana.screening import service
from amana.screening.entity_index import ORGANISATION, VESSEL, Found
from amana.screening.entity_schemas import EntityHit, EntityResult, OrganisationScreen, VesselScreen
from amana.screening.live_index import LiveIndex
from amana.screening.schemas import Reason


def _names(names: list[str]) -> tuple[str, ...]:
    for position, name in enumerate(names):
        if not any(c.isalnum() for c in name):
            raise ValidationFailed(
                f"names[{position}]: '{name[:40]}' contains no letter or digit",
                field=f"names.{position}",
            )
    return tuple(names)


def _identifiers(data: OrganisationScreen) -> tuple[Identifier, ...]:
    found = []
    for position, asked in enumerate(data.identifiers):
        kind = asked.kind or guess_kind(asked.value)
        try:
            key(kind, asked.value)
        except InvalidIdentifier as error:
            raise ValidationFailed(
                f"identifiers[{position}]: {error}", field=f"identifiers.{position}.value"
            ) from None
        found.append(Identifier(kind, asked.value))
    return tuple(found)


def _hit(kind: str, found: Found) -> EntityHit:
    match, access, summary = found
    reasons = [Reason(feature=e.feature, how=e.how, detail=e.detail) for e in match.evidence]
    return EntityHit(
        record_kind=kind,
        record_id=match.record_id,
        score=match.score,
        how="identifier"
        if any(e.feature == "identifier" and e.weight > 0 for e in match.evidence)
        else "name",
        owner_bureau=access.owner,
        matched_name=match.matched_name,
        explanation=reasons,
        summary=summary,
    )


def _screen(
    session: Session,
    *,
    principal: Principal,
    index: LiveIndex,
    kind: str,
    query: OrganisationQuery,
    asked: dict[str, Any],
    limit: int,
    threshold: float | None,
    settings: Settings,
) -> EntityResult:
    if not (query.names or query.identifiers):
        field = "identifiers" if kind == ORGANISATION else "imo"
        raise ValidationFailed(f"give a name or an identifier to screen the {kind} by", field=field)
    cut = threshold or DEFAULT_THRESHOLD
    found = index.entities.search(kind, query, viewer=principal.bureau, limit=limit, threshold=cut)
    hits = [_hit(kind, item) for item in found]
    service.record_search(session, principal, settings, f"screening.{kind}", kind, hits, asked)
    return EntityResult(hits=hits, threshold=cut)


def screen_organisation(
    session: Session,
    *,
    principal: Principal,
    index: LiveIndex,
    data: OrganisationScreen,
    settings: Settings,
) -> EntityResult:
    principal.require(Permission.SEARCH)
    query = OrganisationQuery(_names(data.names), data.country, _identifiers(data))
    asked = {
        "names": list(data.names),
        "country": data.country,
        "identifiers": [i.model_dump() for i in data.identifiers],
    }
    return _screen(
        session, principal=principal, index=index, kind=ORGANISATION, query=query, asked=asked,
        limit=data.limit, threshold=data.threshold, settings=settings,
    )  # fmt: skip


def screen_vessel(
    session: Session,
    *,
    principal: Principal,
    index: LiveIndex,
    data: VesselScreen,
    settings: Settings,
) -> EntityResult:
    principal.require(Permission.SEARCH)
    identifiers = [Identifier(IMO, data.imo)] if data.imo else []
    identifiers += [Identifier(MMSI, data.mmsi)] if data.mmsi else []
    query = OrganisationQuery(_names(data.names), data.flag, tuple(identifiers))
    asked = {"names": list(data.names), "imo": data.imo, "mmsi": data.mmsi, "flag": data.flag}
    return _screen(
        session, principal=principal, index=index, kind=VESSEL, query=query, asked=asked,
        limit=data.limit, threshold=data.threshold, settings=settings,
    )  # fmt: skip
