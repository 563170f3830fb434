"""The screening engine as a pure library: no ORM, no web framework, nothing else from Amana.

Public API: ``PersonIndex`` (add / remove / search persons by names in any script, dates of birth,
nationality, sex and identifiers), ``KeyIndex`` (exact and confusion-tolerant look-ups of document
numbers, VINs and plates), and the types in ``matching.types``.
"""

from amana.matching.index import PersonIndex
from amana.matching.types import DEFAULT_THRESHOLD, Evidence, Match, PersonEntry, PersonQuery

__all__ = ["DEFAULT_THRESHOLD", "Evidence", "Match", "PersonEntry", "PersonIndex", "PersonQuery"]
