"""Shared measuring tools for the screening benchmarks: quality tallies, percentiles, memory."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import psutil

from amana.matching import Match, PersonEntry, PersonQuery


class SearchIndex(Protocol):
    """The shape shared by ``amana.matching.PersonIndex`` and the baselines."""

    def add_many(self, entries: Sequence[PersonEntry]) -> None: ...

    def search(
        self, query: PersonQuery, limit: int = ..., threshold: float = ...
    ) -> list[Match]: ...

    def __len__(self) -> int: ...


@dataclass
class Tally:
    """Quality over a set of queries.

    recall: share of queries with expectations whose expected record is a hit (score at or
    above the threshold); precision: correct hits / all hits, over every query; recall@k: an
    expected record among the best k whatever their score; false alarms: share of must-not-hit
    queries with any hit.
    """

    positives: int = 0
    negatives: int = 0
    found: int = 0
    at1: int = 0
    at10: int = 0
    false_alarms: int = 0
    hits: int = 0
    correct_hits: int = 0
    retrieved: int = 0
    measured_retrieval: bool = False

    def add(
        self,
        expected: Collection[int],
        hits: Sequence[int],
        ranked: Sequence[int],
        candidates: Collection[int] | None = None,
    ) -> None:
        self.hits += len(hits)
        if candidates is not None:
            self.measured_retrieval = True
            self.retrieved += bool(expected) and any(e in candidates for e in expected)
        self.correct_hits += sum(1 for h in hits if h in expected)
        if not expected:
            self.negatives += 1
            self.false_alarms += bool(hits)
            return
        self.positives += 1
        self.found += any(h in expected for h in hits)
        self.at1 += bool(ranked) and ranked[0] in expected
        self.at10 += any(r in expected for r in ranked[:10])

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else math.nan

    @property
    def recall(self) -> float:
        return self._share(self.found, self.positives)

    @property
    def candidate_recall(self) -> float:
        """Share of queries whose expected record retrieval handed to scoring at all."""
        return self._share(self.retrieved, self.positives) if self.measured_retrieval else math.nan

    @property
    def recall1(self) -> float:
        return self._share(self.at1, self.positives)

    @property
    def recall10(self) -> float:
        return self._share(self.at10, self.positives)

    @property
    def precision(self) -> float:
        return self._share(self.correct_hits, self.hits)

    @property
    def false_alarm_rate(self) -> float:
        return self._share(self.false_alarms, self.negatives)


def percentile_ms(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of durations in seconds, in milliseconds."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))] * 1000


def rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


def fmt(value: float, digits: int = 3) -> str:
    return "  n/a" if math.isnan(value) else f"{value:.{digits}f}"
