"""What besides the name moves a score: dates of birth, nationality, sex, identifiers.

Each function returns an adjustment and the evidence a person reads. A shared date of birth
corroborates a name; it never makes a different name a hit on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from amana.matching.identifiers import confusion_key, exact_key
from amana.matching.types import Evidence

DOB_EXACT, DOB_SWAPPED, DOB_SAME_MONTH, DOB_SAME_YEAR, DOB_NEAR_YEAR = 0.05, 0.03, 0.03, 0.02, -0.05
DOB_YEARS_APART, DOB_FAR_APART = -0.20, -0.35
NATIONALITY_MATCH, NATIONALITY_MISMATCH = 0.02, -0.10
SEX_MISMATCH = -0.15
IDENTIFIER_MATCH = 0.98
BOTH_CONTRADICT, BOTH_CONTRADICT_YEARS = -0.10, 3
MAX_BONUS = DOB_EXACT + NATIONALITY_MATCH


def _parts(date: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in date.split("-")[:3]]
    year = pieces[0]
    month = pieces[1] if len(pieces) > 1 else None
    day = pieces[2] if len(pieces) > 2 else None
    return year, month, day


def _compare_one(query: str, stored: str) -> tuple[float, str]:
    qy, qm, qd = _parts(query)
    sy, sm, sd = _parts(stored)
    if qy == sy:
        if qm and sm and qm != sm:
            if qd and sd and qm == sd and qd == sm:
                return DOB_SWAPPED, "day/month swapped"
            return DOB_SAME_YEAR, "same year, other month"
        if qm and sm and qd and sd:
            if qd == sd:
                return DOB_EXACT, "exact"
            return DOB_SAME_MONTH, "same year and month"
        if qm and sm:
            return DOB_SAME_MONTH, "same year and month (partial date)"
        return DOB_SAME_YEAR, "same year (partial date)"
    apart = abs(qy - sy)
    if apart == 1:
        return DOB_NEAR_YEAR, "a year apart"
    if apart < 5:
        return DOB_YEARS_APART, f"{apart} years apart"
    return DOB_FAR_APART, f"{apart} years apart"


def date_of_birth(
    query: str | None, stored: Sequence[str], rarity: float = 1.0
) -> tuple[float, Evidence | None]:
    """Dates corroborate or contradict the name. A contradiction weighs less against a rare
    name (``rarity`` near 1: recorded dates of birth are often wrong, a rare name rarely
    coincides) than against a common one, where it is what tells two namesakes apart."""
    if not query or not stored:
        return 0.0, None
    best = max(((*_compare_one(query, date), date) for date in stored), key=lambda r: r[0])
    adjustment, how, date = best
    if adjustment < 0:
        commonness = min(1.0, max(0.0, (1.0 - rarity) / 0.5))
        adjustment *= 0.4 + 0.6 * commonness
    return adjustment, Evidence("dob", how, f"{query} ~ {date}", round(adjustment, 3))


def years_apart(query: str | None, stored: Sequence[str]) -> int | None:
    """The smallest gap in years between the query's date of birth and any recorded one."""
    if not query or not stored:
        return None
    return min(abs(_parts(query)[0] - _parts(date)[0]) for date in stored)


def compounded(
    query_dob: str | None,
    stored_dobs: Sequence[str],
    query_nationality: str | None,
    stored_nationalities: Sequence[str],
) -> tuple[float, Evidence | None]:
    """A birth year years away *and* another nationality are two independent contradictions:
    together they say "a namesake" more strongly than the sum of either alone, while a wrong
    recorded date with the right nationality (or the reverse) remains a plausible hit."""
    gap = years_apart(query_dob, stored_dobs)
    if gap is None or gap < BOTH_CONTRADICT_YEARS:
        return 0.0, None
    if not query_nationality or not stored_nationalities:
        return 0.0, None
    if query_nationality.upper() in stored_nationalities:
        return 0.0, None
    detail = f"born {gap} years apart and of another nationality"
    return BOTH_CONTRADICT, Evidence("dob+nationality", "both differ", detail, BOTH_CONTRADICT)


def nationality(query: str | None, stored: Sequence[str]) -> tuple[float, Evidence | None]:
    if not query or not stored:
        return 0.0, None
    if query.upper() in stored:
        return NATIONALITY_MATCH, Evidence("nationality", "exact", query.upper(), NATIONALITY_MATCH)
    detail = f"{query.upper()} not in {', '.join(stored)}"
    return NATIONALITY_MISMATCH, Evidence("nationality", "different", detail, NATIONALITY_MISMATCH)


def sex(query: str | None, stored: str | None) -> tuple[float, Evidence | None]:
    if not query or not stored or query == stored or "unknown" in (query, stored):
        return 0.0, None
    return SEX_MISMATCH, Evidence("sex", "different", f"{query} vs {stored}", SEX_MISMATCH)


def identifiers(query: Sequence[str], stored: Sequence[str]) -> Evidence | None:
    """A shared document number is strong evidence of identity, whatever the name."""
    if not query or not stored:
        return None
    stored_exact = {exact_key(s): s for s in stored}
    stored_confused = {confusion_key(s): s for s in stored}
    for number in query:
        if exact_key(number) in stored_exact:
            return Evidence("identifier", "exact", stored_exact[exact_key(number)], 1.0)
        if len(exact_key(number)) >= 6 and confusion_key(number) in stored_confused:
            hit = stored_confused[confusion_key(number)]
            return Evidence("identifier", "look-alike characters", f"{number} ~ {hit}", 1.0)
    return None
