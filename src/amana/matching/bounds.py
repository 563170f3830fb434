"""A cheap upper bound on every candidate's name score, so that only the few that can matter
are aligned and scored token by token in Python.

For each query token, the best similarity any of a candidate name's tokens reaches is gathered
with numpy over the posting arrays; the bound is the name score with those similarities and no
penalty for the candidate's own unpaired tokens. Greedy alignment and every penalty can only
lower the real score, so a candidate below the bound's floor cannot be a hit. A candidate name's
tokens that no query token can pair with are charged at the lightest token weight.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from amana.matching.scoring import PAIR_FLOOR, UNMATCHED_CANDIDATE, UNMATCHED_QUERY

WORTH_BOUNDING = 64
LIGHTEST_TOKEN = 0.35
"""The smallest weight a token can have (``index.PersonIndex._weight``)."""
"""Fewer candidates than this are cheaper to score directly."""


def prune(
    candidates: NDArray[np.int32],
    expansions: Sequence[dict[int, tuple[float, str]]],
    postings: Callable[[int], NDArray[np.int32]],
    weights: Sequence[float],
    unmatched_weights: Sequence[float],
    lengths: NDArray[np.int8],
    *,
    floor: float,
    keep_at_most: int,
) -> NDArray[np.int32]:
    """The candidates whose bound reaches ``floor``, at most ``keep_at_most`` of the best."""
    if candidates.size <= WORTH_BOUNDING:
        return candidates
    best = np.zeros((len(expansions), candidates.size), dtype=np.float32)
    last = candidates.size - 1
    for row, expansion in zip(best, expansions, strict=True):
        for vid, (similarity, _) in expansion.items():
            if similarity < PAIR_FLOOR:
                continue
            names = postings(vid)
            if not names.size:
                continue
            where = np.minimum(np.searchsorted(candidates, names), last)
            where = where[candidates[where] == names]
            row[where] = np.maximum(row[where], similarity)
    w = np.asarray(weights, dtype=np.float32)[:, None]
    u = np.asarray(unmatched_weights, dtype=np.float32)[:, None]
    paired = best > 0
    gained = (w * best).sum(axis=0)
    # A candidate token no query token can pair with costs at least the lightest weight.
    unpaired = np.maximum(lengths[candidates] - paired.sum(axis=0), 0)
    denominator = (
        (w * paired).sum(axis=0)
        + UNMATCHED_QUERY * (u * ~paired).sum(axis=0)
        + UNMATCHED_CANDIDATE * LIGHTEST_TOKEN * unpaired
    )
    bound = gained / np.maximum(denominator, 1e-9)
    order = np.argsort(-bound, kind="stable")
    order = order[bound[order] >= floor][:keep_at_most]
    return np.sort(candidates[order])
