"""What besides the name moves an organisation's or vessel's score: legal form, country,
identifiers. Each returns an adjustment and the evidence a person reads."""

from __future__ import annotations

from collections.abc import Collection

from amana.matching.legal_forms import LegalForm
from amana.matching.org_identifiers import UNIQUE_KINDS
from amana.matching.types import Evidence

LEGAL_FORM_DIFFERENT = -0.05
"""A company of the same name and another legal form is often a sister company: a little."""
COUNTRY_MATCH, COUNTRY_MISMATCH = 0.02, -0.08
IDENTIFIER_MATCH = 0.98
IDENTIFIER_CONFLICT = -0.35
"""An IMO number stays with a hull and an LEI with a legal entity for life: another number of
the same kind is another ship or company, whatever the name (it still shows below a 0.7 cut)."""
MAX_BONUS = COUNTRY_MATCH


def legal_form(
    query: LegalForm | None, stored: Collection[LegalForm]
) -> tuple[float, Evidence | None]:
    """Same generic type: no change; another: a little lower; unknown on a side: nothing."""
    typed = [form for form in stored if form.generic]
    if query is None or query.generic is None or not typed:
        return 0.0, None
    same = next((form for form in typed if form.generic == query.generic), None)
    if same is not None:
        detail = f"{query.written} ~ {same.written} ({query.generic})"
        return 0.0, Evidence("legal_form", "same type", detail, 0.0)
    theirs = typed[0]
    detail = f"{query.written} ({query.generic}) vs {theirs.written} ({theirs.generic})"
    return LEGAL_FORM_DIFFERENT, Evidence("legal_form", "different", detail, LEGAL_FORM_DIFFERENT)


def country(query: str | None, stored: Collection[str]) -> tuple[float, Evidence | None]:
    if not query or not stored:
        return 0.0, None
    if query.upper() in stored:
        return COUNTRY_MATCH, Evidence("country", "exact", query.upper(), COUNTRY_MATCH)
    detail = f"{query.upper()} not in {', '.join(sorted(stored))}"
    return COUNTRY_MISMATCH, Evidence("country", "different", detail, COUNTRY_MISMATCH)


def identifiers(
    query: dict[str, set[str]], stored: dict[str, set[str]]
) -> tuple[str, Evidence | None]:
    """ "match", "conflict" or "" (nothing to compare), with the evidence."""
    for kind, asked in query.items():
        shared = asked & stored.get(kind, set())
        if shared:
            detail = f"{kind.upper()} {sorted(shared)[0]}"
            return "match", Evidence("identifier", "exact", detail, 1.0)
    for kind, asked in query.items():
        theirs = stored.get(kind)
        if kind in UNIQUE_KINDS and theirs:
            detail = f"{kind.upper()} {sorted(asked)[0]} vs {sorted(theirs)[0]}"
            return "conflict", Evidence("identifier", "different", detail, IDENTIFIER_CONFLICT)
    return "", None
