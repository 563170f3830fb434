"""Matching quality as data: every phenomenon the engine must handle, one row each.

A reported miss becomes a new row in ``golden_cases.tsv``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from amana.matching import DEFAULT_THRESHOLD, PersonEntry, PersonIndex, PersonQuery

CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "golden_cases.tsv").read_text().splitlines()
    if line and not line.startswith("#")
]
DISTRACTORS = [
    "Ahmed Mahmoud",
    "Hassan Ali",
    "John Brown",
    "Maria Garcia",
    "Wei Zhang",
    "Olga Ivanova",
    "Ali Hassan Mahmoud",
    "Peter Johnson",
    "Anna Schmidt",
    "محمود حسن",
]


@pytest.mark.parametrize(
    ("phenomenon", "stored", "query", "expect", "how"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES]
)
def test_golden_case(phenomenon: str, stored: str, query: str, expect: str, how: str) -> None:
    index = PersonIndex()
    for number, name in enumerate(DISTRACTORS, start=100):
        index.add(PersonEntry(number, [name]))
    index.add(PersonEntry(1, stored.split("|")))
    matches = index.search(PersonQuery([query]), limit=5, threshold=0.0)
    target = next((m for m in matches if m.record_id == 1), None)
    if expect == "hit":
        assert target is not None, f"{phenomenon}: not retrieved"
        assert target.score >= DEFAULT_THRESHOLD, f"{phenomenon}: {target.score} {target.explain()}"
        assert matches[0].record_id == 1, f"{phenomenon}: ranked below {matches[0].matched_name}"
        if how != "-":
            assert any(e.feature == "name" and e.how == how for e in target.evidence), (
                target.explain()
            )
    else:
        assert target is None or target.score < DEFAULT_THRESHOLD, (
            f"{phenomenon}: false hit {target.score} {target.explain()}"
        )
