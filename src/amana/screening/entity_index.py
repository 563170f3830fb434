"""The organisation and vessel indexes of one worker process, beside the person index.

``LiveIndex`` builds them from the store and hands them each change of the feed that concerns
them; each hit is checked against the owner's visibility rule for the searching bureau, from
the rule kept here beside the entry, exactly as persons' are.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amana.core.visibility import VisibilityListEntry, allows
from amana.matching.org_identifiers import IMO, MMSI, Identifier
from amana.matching.organisations import OrganisationEntry, OrganisationIndex, OrganisationQuery
from amana.matching.types import Match
from amana.records.models import Organisation, Vessel
from amana.screening.access import Access

ORGANISATION, VESSEL = Organisation.record_kind, Vessel.record_kind
KINDS = (ORGANISATION, VESSEL)
Found = tuple[Match, Access, dict[str, Any]]


def _organisation(row: Organisation) -> tuple[OrganisationEntry, dict[str, Any]]:
    names = [n["name"] for n in row.names]
    identifiers = [Identifier(i["kind"], i["value"]) for i in row.identifiers]
    countries = [row.country] if row.country else []
    entry = OrganisationEntry(row.id, names, countries, identifiers, row.legal_form)
    summary = {
        "names": names,
        "org_kind": row.org_kind,
        "legal_form": row.legal_form,
        "country": row.country,
        "identifiers": list(row.identifiers),
        "status": row.status,
    }
    return entry, summary


def _vessel(row: Vessel) -> tuple[OrganisationEntry, dict[str, Any]]:
    names = [n["name"] for n in row.names]
    identifiers = [Identifier(IMO, row.imo)] if row.imo else []
    identifiers += [Identifier(MMSI, row.mmsi)] if row.mmsi else []
    entry = OrganisationEntry(row.id, names, [row.flag] if row.flag else [], identifiers)
    summary = {
        "names": names,
        "imo": row.imo,
        "mmsi": row.mmsi,
        "flag": row.flag,
        "vessel_type": row.vessel_type,
        "status": row.status,
    }
    return entry, summary


class EntityIndex:
    def __init__(self, *, learned: bool = True) -> None:
        self._indexes = {
            ORGANISATION: OrganisationIndex(learned=learned),
            VESSEL: OrganisationIndex(vessels=True, learned=learned),
        }
        self._access: dict[tuple[str, int], Access] = {}
        self._summaries: dict[tuple[str, int], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def count(self, kind: str) -> int:
        return len(self._indexes[kind])

    def load(self, session: Session, kind: str, only: set[int] | None = None) -> set[int]:
        """(Re)index the records of ``kind`` (those in ``only``, or all); the ids found."""
        model: Any = Organisation if kind == ORGANISATION else Vessel
        convert = _organisation if kind == ORGANISATION else _vessel
        rows = select(model)
        listed = select(VisibilityListEntry.record_id, VisibilityListEntry.bureau).where(
            VisibilityListEntry.record_kind == kind
        )
        if only is not None:
            rows = rows.where(model.id.in_(sorted(only)))
            listed = listed.where(VisibilityListEntry.record_id.in_(sorted(only)))
        listed_of = _group(session.execute(listed))
        loaded = set()
        for row in session.scalars(rows).yield_per(5_000):
            entry, summary = convert(row)
            access = Access(row.owner_bureau, row.visibility, frozenset(listed_of[row.id]))
            with self._lock:
                self._indexes[kind].add(entry)
                self._access[(kind, row.id)] = access
                self._summaries[(kind, row.id)] = summary
            loaded.add(row.id)
        return loaded

    def apply(self, session: Session, kind: str, changed: set[int]) -> None:
        """Reload the changed records of ``kind``; forget those no longer in the store."""
        present = self.load(session, kind, changed)
        with self._lock:
            for gone in changed - present:
                self._indexes[kind].remove(gone)
                self._access.pop((kind, gone), None)
                self._summaries.pop((kind, gone), None)

    def search(
        self, kind: str, query: OrganisationQuery, *, viewer: str, limit: int, threshold: float
    ) -> list[Found]:
        """Hits the viewer's bureau may see, best first; hidden records take no place."""
        wanted = max(limit * 4, 50)
        with self._lock:
            while True:
                matches = self._indexes[kind].search(query, limit=wanted, threshold=threshold)
                visible = []
                for match in matches:
                    access = self._access[(kind, match.record_id)]
                    if allows(access.owner, access.rule, access.listed, viewer):
                        summary = self._summaries[(kind, match.record_id)]
                        visible.append((match, access, summary))
                if len(visible) >= limit or len(matches) < wanted:
                    return visible[:limit]
                wanted *= 4


def _group(rows: Iterable[tuple[int, str]]) -> defaultdict[int, list[str]]:
    grouped: defaultdict[int, list[str]] = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return grouped
