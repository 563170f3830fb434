"""Aligning a query name with a candidate name, token by token, and scoring the alignment.

Order does not matter (family name first or last); a token on one side only (a missing or extra
middle name) costs less than two tokens that disagree (a different person sharing a first name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amana.matching.types import Evidence

UNMATCHED_QUERY = 0.5
UNMATCHED_CANDIDATE = 0.25
CONFLICT = 0.5
PAIR_FLOOR = 0.7
"""Tokens less alike than this are two different names, not one name written two ways."""


@dataclass(frozen=True)
class Pair:
    query: int  # index of the query token
    candidate: int  # index of the candidate token
    similarity: float
    how: str


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[Pair, ...]
    query_texts: tuple[str, ...]
    candidate_vids: tuple[int, ...]

    def evidence(self, candidate_tokens: Sequence[str], name: str) -> list[Evidence]:
        items = []
        for pair in self.pairs:
            theirs = candidate_tokens[pair.candidate]
            detail = f"{self.query_texts[pair.query]} ~ {theirs}"
            items.append(Evidence("name", pair.how, detail, round(pair.similarity, 3)))
        matched = {p.query for p in self.pairs}
        items += [
            Evidence("name", "missing", f"{text} not in '{name}'", 0.0)
            for i, text in enumerate(self.query_texts)
            if i not in matched
        ]
        return items


def align(
    expansions: Sequence[dict[int, tuple[float, str]]],
    candidate: Sequence[int],
    query_texts: tuple[str, ...],
) -> Alignment:
    """Greedy best-first pairing: the most similar pair first, each token used once."""
    options = []
    for qi, expansion in enumerate(expansions):
        for ci, vid in enumerate(candidate):
            found = expansion.get(vid)
            if found is not None and found[0] >= PAIR_FLOOR:
                options.append((found[0], qi, ci, found[1]))
    options.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for similarity, qi, ci, how in options:
        if qi not in used_q and ci not in used_c:
            used_q.add(qi)
            used_c.add(ci)
            pairs.append(Pair(qi, ci, similarity, how))
    pairs.sort(key=lambda pair: pair.query)
    return Alignment(tuple(pairs), query_texts, tuple(candidate))


def name_score(
    alignment: Alignment,
    query_weights: Sequence[float],
    candidate_weights: Sequence[float],
    unmatched_query_weights: Sequence[float] | None = None,
) -> float:
    """``candidate_weights`` and ``unmatched_query_weights`` weigh tokens left unpaired."""
    left_out = unmatched_query_weights or query_weights
    matched_q = {p.query for p in alignment.pairs}
    matched_c = {p.candidate for p in alignment.pairs}
    gained = sum(query_weights[p.query] * p.similarity for p in alignment.pairs)
    paired = sum(query_weights[p.query] for p in alignment.pairs)
    unmatched_q = sum(w for i, w in enumerate(left_out) if i not in matched_q)
    unmatched_c = sum(w for i, w in enumerate(candidate_weights) if i not in matched_c)
    penalty = (
        UNMATCHED_QUERY * unmatched_q
        + UNMATCHED_CANDIDATE * unmatched_c
        + CONFLICT * min(unmatched_q, unmatched_c)
    )
    total = paired + penalty
    return gained / total if total else 0.0
