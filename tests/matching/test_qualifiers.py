"""Dates of birth and nationality move a name's score; two contradictions compound."""

from __future__ import annotations

from amana.matching import DEFAULT_THRESHOLD, PersonEntry, PersonIndex, PersonQuery


def _index() -> PersonIndex:
    index = PersonIndex()
    index.add(PersonEntry(1, ["Francesca Ledesma"], ("1971-06-10",), ("CR",)))
    index.add(PersonEntry(2, ["Ciro Avila"], ("1982-01-06",), ("PA",)))
    return index


def _score(query: PersonQuery) -> tuple[float, list[str]]:
    match = _index().search(query, limit=1, threshold=0.0)[0]
    return match.score, [f"{e.feature}:{e.how}" for e in match.evidence]


def test_a_namesake_born_decades_apart_in_another_country_is_not_a_hit() -> None:
    score, evidence = _score(PersonQuery(["Francesca Ledesma"], "1950-09-24", "SV"))
    assert score < DEFAULT_THRESHOLD
    assert "dob+nationality:both differ" in evidence


def test_one_contradiction_alone_weighs_less_than_both() -> None:
    both, _ = _score(PersonQuery(["Ciro Avila"], "1946-12-26", "DO"))
    date_only, evidence = _score(PersonQuery(["Ciro Avila"], "1946-12-26", "PA"))
    nationality_only, _ = _score(PersonQuery(["Ciro Avila"], "1982-01-06", "DO"))
    assert both < date_only
    assert both < nationality_only
    assert "dob+nationality:both differ" not in evidence


def test_a_wrongly_recorded_year_with_the_same_nationality_still_hits() -> None:
    score, _ = _score(PersonQuery(["Francesca Ledesma"], "1968-06-10", "CR"))
    assert score >= DEFAULT_THRESHOLD
