"""Organisations (companies, criminal groups, NGOs) and vessels, screened by name and identifier.

An ``OrganisationIndex`` keeps, per record, each name's comparable form (``org_names.clean``:
legal form out, initials joined, numbers as digits, connectors out), its legal forms, countries
and identifier keys, and hands the comparable names to a ``PersonIndex``: the same folding,
transliteration, spelling net and learned bridge that persons' names go through, the same
token weights (a word many names share, "trading", weighs less), the same alignment in any
order. Only the qualifiers differ: legal form, country (of registration, or the flag), and the
identifiers, which find a record with no name at all (a vessel by its IMO number).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from amana.matching import org_qualifiers as qualify
from amana.matching.index import PersonIndex
from amana.matching.legal_forms import LegalForm, recognise
from amana.matching.org_identifiers import Identifier, keys
from amana.matching.org_names import CleanName, clean
from amana.matching.types import DEFAULT_THRESHOLD, Evidence, Match, PersonEntry, PersonQuery

MARGIN = 0.05
"""Names are searched this far below the threshold, so qualifiers can lift them over it."""


@dataclass(frozen=True)
class OrganisationEntry:
    """One organisation or vessel as the index sees it."""

    record_id: int
    names: Sequence[str]
    countries: Sequence[str] = ()  # ISO 3166-1 alpha-2: registration, or a vessel's flag
    identifiers: Sequence[Identifier] = ()
    legal_form: str | None = None  # as the record states it, besides those in its names


@dataclass(frozen=True)
class OrganisationQuery:
    names: Sequence[str] = ()
    country: str | None = None
    identifiers: Sequence[Identifier] = ()


@dataclass(frozen=True)
class _Stored:
    names: dict[str, CleanName]  # comparable text → the name as written
    forms: tuple[LegalForm, ...]
    countries: frozenset[str]
    keys: dict[str, set[str]] = field(default_factory=dict)


class OrganisationIndex:
    def __init__(self, *, vessels: bool = False, learned: bool = True) -> None:
        """``vessels``: ships' names (no legal forms; MV, MT … prefixes dropped)."""
        self._vessels = vessels
        self._names = PersonIndex(learned=learned)
        self._stored: dict[int, _Stored] = {}
        self._by_key: dict[tuple[str, str], set[int]] = {}

    def __len__(self) -> int:
        return len(self._stored)

    def clean(self, name: str) -> CleanName:
        return clean(name, legal_forms=not self._vessels, vessel=self._vessels)

    def add(self, entry: OrganisationEntry) -> None:
        """Index a record; one already present is replaced."""
        self.remove(entry.record_id)
        cleaned = [self.clean(n) for n in entry.names if n and n.strip()]
        stored = _Stored(
            names={c.text: c for c in cleaned},
            forms=_forms(entry.legal_form, cleaned),
            countries=frozenset(c.upper() for c in entry.countries),
            keys=keys(tuple(entry.identifiers)),
        )
        self._stored[entry.record_id] = stored
        self._names.add(PersonEntry(entry.record_id, list(stored.names)))
        for kind, values in stored.keys.items():
            for value in values:
                self._by_key.setdefault((kind, value), set()).add(entry.record_id)

    def add_many(self, entries: Iterable[OrganisationEntry]) -> int:
        count = 0
        for entry in entries:
            self.add(entry)
            count += 1
        self._names.warm()
        return count

    def remove(self, record_id: int) -> bool:
        stored = self._stored.pop(record_id, None)
        if stored is None:
            return False
        self._names.remove(record_id)
        for kind, values in stored.keys.items():
            for value in values:
                self._by_key.get((kind, value), set()).discard(record_id)
        return True

    def search(
        self,
        query: OrganisationQuery,
        *,
        limit: int = 10,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[Match]:
        asked = [self.clean(n) for n in query.names if n and n.strip()]
        asked_keys = keys(tuple(query.identifiers))
        found: dict[int, Match] = {}
        if asked:
            floor = max(0.0, threshold - qualify.MAX_BONUS - MARGIN)
            names = PersonQuery([a.text for a in asked])
            for match in self._names.search(names, limit=limit * 4, threshold=floor):
                found[match.record_id] = match
        for kind, values in asked_keys.items():
            for value in values:
                for record_id in self._by_key.get((kind, value), ()):
                    found.setdefault(record_id, Match(record_id, 0.0, "", ()))
        scored = [self._qualified(query, asked, asked_keys, m) for m in found.values()]
        ranked = sorted(
            (m for m in scored if m.score >= threshold), key=lambda m: (-m.score, m.record_id)
        )
        return ranked[:limit]

    def _qualified(
        self,
        query: OrganisationQuery,
        asked: list[CleanName],
        asked_keys: dict[str, set[str]],
        match: Match,
    ) -> Match:
        stored = self._stored[match.record_id]
        shown = stored.names.get(match.matched_name)
        evidence: list[Evidence] = [*_cleaning(asked, shown), *match.evidence]
        score = match.score
        query_form = _query_form(asked)
        for adjustment, item in (
            qualify.legal_form(query_form, stored.forms),
            qualify.country(query.country, stored.countries),
        ):
            score += adjustment
            if item is not None:
                evidence.append(item)
        outcome, item = qualify.identifiers(asked_keys, stored.keys)
        if outcome == "match":
            score = max(score, qualify.IDENTIFIER_MATCH)
        elif outcome == "conflict":
            score += qualify.IDENTIFIER_CONFLICT
        if item is not None:
            evidence.append(item)
        name = shown.written if shown else next(iter(stored.names.values()), None)
        written = name if isinstance(name, str) else (name.written if name else "")
        return Match(match.record_id, round(min(1.0, max(0.0, score)), 4), written, tuple(evidence))


def _forms(stated: str | None, cleaned: list[CleanName]) -> tuple[LegalForm, ...]:
    """The record's stated legal form first, then those its names carry."""
    found = [recognise(stated)] if stated and stated.strip() else []
    return (*found, *(c.legal_form for c in cleaned if c.legal_form is not None))


def _query_form(asked: list[CleanName]) -> LegalForm | None:
    """The legal form the query states: that of its first name that has one."""
    forms = [a.legal_form for a in asked if a.legal_form is not None]
    return forms[0] if forms else None


def _cleaning(asked: list[CleanName], shown: CleanName | None) -> list[Evidence]:
    """How the two names were made comparable, when that changed them."""
    items = []
    for side, name in (("query", asked[0] if asked else None), ("record", shown)):
        if name is not None and name.text != name.written:
            detail = f"{side} '{name.written}' read as '{name.text}' ({'; '.join(name.notes)})"
            items.append(Evidence("name", "normalised", detail, 0.0))
    return items
