"""The engine's vocabulary: what is indexed, what is asked, what is answered.

Plain frozen dataclasses so the engine stays a pure library (no ORM, no web framework): the
screening feature converts records into entries and API queries into ``PersonQuery``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 0.70
"""Score at or above which a candidate is reported as a hit."""


@dataclass(frozen=True)
class PersonEntry:
    """One person as the index sees it. Dates are ISO, possibly partial (YYYY, YYYY-MM)."""

    record_id: int
    names: Sequence[str]
    dobs: Sequence[str] = ()
    nationalities: Sequence[str] = ()  # ISO 3166-1 alpha-2, upper case
    sex: str | None = None  # "male", "female" or None when unknown
    identifiers: Sequence[str] = ()  # passport / national id numbers, as written


@dataclass(frozen=True)
class PersonQuery:
    names: Sequence[str]
    dob: str | None = None
    nationality: str | None = None
    sex: str | None = None
    identifiers: Sequence[str] = ()


@dataclass(frozen=True)
class Evidence:
    """One readable reason that moved the score: ("name", "transliteration", "محمد ~ Mohammed")."""

    feature: str  # "name", "dob", "nationality", "sex", "identifier"
    how: str  # "exact", "transliteration", "phonetic", "typo", "nickname", "missing", ...
    detail: str
    weight: float = 0.0


@dataclass(frozen=True)
class Match:
    record_id: int
    score: float  # in [0, 1]
    matched_name: str
    evidence: Sequence[Evidence] = field(default_factory=tuple)

    def explain(self) -> str:
        return "; ".join(f"{e.feature} {e.how}: {e.detail}" for e in self.evidence)
