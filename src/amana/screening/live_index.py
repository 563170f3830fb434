"""The person index of one worker process: built from the store, kept fresh from the change feed.

Every worker holds its own index and tails ``record_changes`` (ids only grow), so several workers
and several nodes stay within a second of the store without a second search server. The index
holds every person; each hit is then checked against the owner's visibility rule for the
searching bureau, from the rule kept here beside the entry.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM, VisibilityListEntry, allows
from amana.matching import PersonEntry, PersonIndex, PersonQuery
from amana.matching.types import Match
from amana.records import service as records
from amana.records.models import Person, PersonIdentifier, PersonName
from amana.screening.access import Access
from amana.screening.entity_index import KINDS as ENTITY_KINDS
from amana.screening.entity_index import EntityIndex

__all__ = ["Access", "LiveIndex", "Summary"]

log = logging.getLogger("amana.screening")
PERSON = Person.record_kind
SEX_CODES = {"male": "male", "female": "female"}


@dataclass(frozen=True)
class Summary:
    """What a hit shows without a second read: enough to recognise the person."""

    names: tuple[str, ...]
    dates_of_birth: tuple[str, ...]
    nationalities: tuple[str, ...]
    sex: str | None
    status: str


class LiveIndex:
    def __init__(self, factory: sessionmaker[Session], poll_seconds: float = 0.2) -> None:
        self._factory = factory
        self._poll_seconds = poll_seconds
        self._persons = PersonIndex()
        self.entities = EntityIndex()
        self._access: dict[int, Access] = {}
        self._summaries: dict[int, Summary] = {}
        self._lock = threading.Lock()
        self._last_change = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def build(self) -> int:
        """Load every person from the store; returns how many."""
        started = time.perf_counter()
        with self._lock:
            self._persons, self._access, self._summaries = PersonIndex(), {}, {}
        entities = EntityIndex()
        with unit_of_work(self._factory, viewer=SYSTEM) as session:
            self._last_change = records.latest_change_id(session)
            count = len(self._load(session, None))
            for kind in ENTITY_KINDS:
                entities.load(session, kind)
        self.entities = entities
        with self._lock:
            self._persons.warm()
        log.info(
            "screening index built",
            extra={
                "persons": count,
                **{f"{kind}s": entities.count(kind) for kind in ENTITY_KINDS},
                "seconds": round(time.perf_counter() - started, 2),
            },
        )
        return count

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._tail, name="screening-index", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def refresh(self) -> int:
        """Apply the changes recorded since the last refresh; returns how many were applied."""
        with unit_of_work(self._factory, viewer=SYSTEM) as session:
            changes = records.changes_since(session, after_id=self._last_change)
            if not changes:
                return 0
            for kind in ENTITY_KINDS:
                changed = {c.record_id for c in changes if c.record_kind == kind}
                if changed:
                    self.entities.apply(session, kind, changed)
            people = {c.record_id for c in changes if c.record_kind == PERSON}
            if people:
                present = self._load(session, people)
                with self._lock:
                    for gone in people - present:
                        self._forget(gone)
            self._last_change = changes[-1].id
        return len(changes)

    def _tail(self) -> None:
        while not self._stop.wait(self._poll_seconds):
            try:
                self.refresh()
            except Exception:  # a failed poll must not kill freshness for good
                log.exception("screening index refresh failed")

    # -- loading ---------------------------------------------------------------------------

    def _load(self, session: Session, only: set[int] | None) -> set[int]:
        persons = select(
            Person.id,
            Person.owner_bureau,
            Person.visibility,
            Person.status,
            Person.sex,
            Person.dates_of_birth,
            Person.nationalities,
        )
        names = select(PersonName.person_id, PersonName.full_name).order_by(
            PersonName.person_id, PersonName.position
        )
        ids = select(PersonIdentifier.person_id, PersonIdentifier.number)
        listed = select(VisibilityListEntry.record_id, VisibilityListEntry.bureau).where(
            VisibilityListEntry.record_kind == PERSON
        )
        if only is not None:
            wanted = sorted(only)
            persons = persons.where(Person.id.in_(wanted))
            names = names.where(PersonName.person_id.in_(wanted))
            ids = ids.where(PersonIdentifier.person_id.in_(wanted))
            listed = listed.where(VisibilityListEntry.record_id.in_(wanted))
        names_of = _group(session.execute(names))
        ids_of = _group(session.execute(ids))
        listed_of = _group(session.execute(listed))
        loaded = set()
        for row in session.execute(persons).yield_per(10_000):
            self._put(
                row, names_of.get(row.id, []), ids_of.get(row.id, []), listed_of.get(row.id, [])
            )
            loaded.add(row.id)
        return loaded

    def _put(
        self, row: object, names: list[str], identifiers: list[str], listed: list[str]
    ) -> None:
        person_id: int = row.id  # type: ignore[attr-defined]
        dobs: tuple[str, ...] = tuple(row.dates_of_birth or ())  # type: ignore[attr-defined]
        nationalities: tuple[str, ...] = tuple(row.nationalities or ())  # type: ignore[attr-defined]
        entry = PersonEntry(
            record_id=person_id,
            names=names,
            dobs=dobs,
            nationalities=nationalities,
            sex=SEX_CODES.get(row.sex or ""),  # type: ignore[attr-defined]
            identifiers=tuple(identifiers),
        )
        access = Access(row.owner_bureau, row.visibility, frozenset(listed))  # type: ignore[attr-defined]
        summary = Summary(tuple(names), dobs, nationalities, entry.sex, row.status)  # type: ignore[attr-defined]
        with self._lock:
            self._persons.add(entry)
            self._access[person_id] = access
            self._summaries[person_id] = summary

    def _forget(self, person_id: int) -> None:
        self._persons.remove(person_id)
        self._access.pop(person_id, None)
        self._summaries.pop(person_id, None)

    # -- searching -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._persons)

    def search(
        self, query: PersonQuery, *, viewer: str, limit: int, threshold: float
    ) -> list[tuple[Match, Access, Summary]]:
        """Hits the viewer's bureau may see, best first. Records it may not see are dropped
        before ranking is cut to ``limit``, so they neither show nor take a place."""
        wanted = max(limit * 4, 50)
        with self._lock:
            while True:
                matches = self._persons.search(query, limit=wanted, threshold=threshold)
                visible = []
                for match in matches:
                    access = self._access[match.record_id]
                    if allows(access.owner, access.rule, access.listed, viewer):
                        visible.append((match, access, self._summaries[match.record_id]))
                # Ask again for more only when hidden records filled the page.
                if len(visible) >= limit or len(matches) < wanted:
                    return visible[:limit]
                wanted *= 4

    def search_many(
        self, queries: Sequence[PersonQuery], *, viewer: str, limit: int, threshold: float
    ) -> list[list[tuple[Match, Access, Summary]]]:
        return [self.search(q, viewer=viewer, limit=limit, threshold=threshold) for q in queries]


def _group(rows: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return grouped
