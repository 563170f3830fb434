"""Screening figures: Amana's PersonIndex against the baselines an engineer would build.

One run builds a synthetic watchlist (``synthetic.py``: names in many scripts with transliteration
variants, aliases, partial dates of birth) and a query set with known answers, then measures for
the engine and each baseline (``baselines.py``: brute-force rapidfuzz, PostgreSQL pg_trgm with
names ASCII-folded or in their own script):

- index build time; memory (RSS growth of this process, whole-process RSS; server-side table and
  index size for PostgreSQL);
- single-thread throughput and latency percentiles at the contestant's default threshold;
- recall and precision at that threshold, recall@1 and recall@10 (threshold 0), false alarms on
  must-not-hit queries, and recall per query kind;
- batch throughput over 5,000 queries (``search_many`` where offered, else a loop);
- the engine's ratios against each baseline;
- document-number look-ups (exact and OCR-confusion keys) for ``--documents`` numbers.

    .venv/bin/python benchmarks/screening.py --persons 100000 --queries 2000 [--skip-pg]
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import math
import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field

from baselines import PgTrgmBaseline, RapidfuzzBaseline, throwaway_database
from bench_metrics import SearchIndex, Tally, fmt, percentile_ms, rss_mib
from doc_lookup import bench_documents
from synthetic import SyntheticDataset, SyntheticQuery

import amana.matching as matching
from amana.matching import DEFAULT_THRESHOLD, PersonEntry

LIMIT = 10


@dataclass(frozen=True)
class Contestant:
    label: str
    make: Callable[[], SearchIndex]
    threshold: float


@dataclass
class Result:
    label: str
    threshold: float
    build_s: float = math.nan
    rss_delta: float = math.nan
    rss_total: float = math.nan
    server_mib: float = math.nan
    qps: float = math.nan
    latencies: list[float] = field(default_factory=list)
    batch_tps: float = math.nan
    batch_how: str = ""
    tally: Tally = field(default_factory=Tally)
    per_kind: dict[str, Tally] = field(default_factory=dict)


def engine_contestant() -> Contestant | None:
    # Looked up, not imported by name: the harness must run while the engine is being written.
    person_index = getattr(matching, "PersonIndex", None)
    if person_index is None:
        print("amana.matching.PersonIndex is not available yet: engine rows skipped")
        return None
    return Contestant("Amana PersonIndex", person_index, DEFAULT_THRESHOLD)


def build(contestant: Contestant, entries: Sequence[PersonEntry], result: Result) -> SearchIndex:
    gc.collect()
    before = rss_mib()
    started = time.perf_counter()
    index = contestant.make()
    index.add_many(entries)
    result.build_s = time.perf_counter() - started
    gc.collect()
    result.rss_total = rss_mib()
    result.rss_delta = result.rss_total - before
    if isinstance(index, PgTrgmBaseline):
        result.server_mib = index.size_bytes() / 2**20
    return index


def run_queries(
    index: SearchIndex, queries: Sequence[SyntheticQuery], threshold: float, result: Result
) -> None:
    """Operational pass (default threshold: timed, hits) then ranking pass (threshold 0)."""
    for q in queries[:20]:  # warm caches and prepared statements
        index.search(q.query, limit=LIMIT, threshold=threshold)
    hits: list[list[int]] = []
    started = time.perf_counter()
    for q in queries:
        t0 = time.perf_counter()
        found = index.search(q.query, limit=LIMIT, threshold=threshold)
        result.latencies.append(time.perf_counter() - t0)
        hits.append([m.record_id for m in found])
    result.qps = len(queries) / (time.perf_counter() - started)
    for q, hit_ids in zip(queries, hits, strict=True):
        ranked = [m.record_id for m in index.search(q.query, limit=LIMIT, threshold=0.0)]
        expected = set(q.expected)
        result.tally.add(expected, hit_ids, ranked)
        result.per_kind.setdefault(q.kind, Tally()).add(expected, hit_ids, ranked)


def run_batch(
    index: SearchIndex,
    queries: Sequence[SyntheticQuery],
    threshold: float,
    size: int,
    result: Result,
) -> None:
    batch = [q.query for q in itertools.islice(itertools.cycle(queries), size)]
    search_many = getattr(index, "search_many", None)
    started = time.perf_counter()
    if search_many is not None:
        search_many(batch, limit=LIMIT, threshold=threshold)
        result.batch_how = "search_many"
    else:
        for query in batch:
            index.search(query, limit=LIMIT, threshold=threshold)
        result.batch_how = "loop"
    result.batch_tps = size / (time.perf_counter() - started)


# Set before the worker process forks, so the child inherits the data instead of unpickling it.
_WORK: dict[str, object] = {}


def measure(position: int) -> Result:
    """One contestant, measured in a fresh forked process: its memory figures are its own."""
    contestant = _WORK["contestants"][position]  # type: ignore[index]
    entries, queries, batch = _WORK["entries"], _WORK["queries"], _WORK["batch"]
    result = Result(contestant.label, contestant.threshold)
    index = build(contestant, entries, result)  # type: ignore[arg-type]
    run_queries(index, queries, contestant.threshold, result)  # type: ignore[arg-type]
    run_batch(index, queries, contestant.threshold, batch, result)  # type: ignore[arg-type]
    if isinstance(index, PgTrgmBaseline):
        index.close()
    return result


# ---------------------------------------------------------------------------------------------
# report


def print_summary(contestants: Sequence[Result]) -> None:
    print(
        f"\n{'':<34}{'build s':>8}{'RSS+MiB':>8}{'RSS MiB':>8}{'q/s':>8}{'p50 ms':>8}"
        f"{'p95 ms':>8}{'p99 ms':>8}{'batch/s':>9}  thr"
    )
    for c in contestants:
        lat = c.latencies
        memory = f"{c.rss_delta:8.0f}" if math.isnan(c.server_mib) else f"{c.server_mib:7.0f}s"
        p50, p95, p99 = (percentile_ms(lat, q) for q in (50, 95, 99))
        print(
            f"{c.label:<34}{c.build_s:8.1f}{memory}{c.rss_total:8.0f}{c.qps:8.0f}"
            f"{p50:8.2f}{p95:8.2f}{p99:8.2f}"
            f"{c.batch_tps:9.0f}  {c.threshold:.2f} ({c.batch_how})"
        )
    print(
        "  (RSS+ ending in 's': table + index size inside the PostgreSQL server, not this process)"
    )
    print(
        f"\n{'':<34}{'recall':>8}{'precis.':>8}{'R@1':>8}{'R@10':>8}{'false al.':>10}{'hits/q':>8}"
    )
    for c in contestants:
        t = c.tally
        print(
            f"{c.label:<34}{fmt(t.recall):>8}{fmt(t.precision):>8}{fmt(t.recall1):>8}"
            f"{fmt(t.recall10):>8}{fmt(t.false_alarm_rate):>10}"
            f"{t.hits / max(1, t.positives + t.negatives):8.2f}"
        )


def print_kinds(contestants: Sequence[Result], queries: Sequence[SyntheticQuery]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        counts[q.kind] += 1
    print("\nper query kind — positives: recall at threshold / recall@10; no_hit_*: false alarms")
    print(f"{'kind':<22}{'n':>5}" + "".join(f"{c.label[:22]:>24}" for c in contestants))
    for kind in sorted(counts, key=lambda k: (k.startswith("no_hit"), k)):
        cells = []
        for c in contestants:
            t = c.per_kind[kind]
            cell = (
                fmt(t.false_alarm_rate)
                if kind.startswith("no_hit")
                else (f"{fmt(t.recall)} / {fmt(t.recall10)}")
            )
            cells.append(f"{cell:>24}")
        print(f"{kind:<22}{counts[kind]:>5}" + "".join(cells))


def print_ratios(engine: Result, baselines: Sequence[Result]) -> None:
    print("\nengine vs baseline (>1: the engine is better)")
    for b in baselines:
        speed = engine.qps / b.qps
        batch = engine.batch_tps / b.batch_tps
        p50 = percentile_ms(b.latencies, 50) / percentile_ms(engine.latencies, 50)
        fa_b, fa_e = b.tally.false_alarm_rate, engine.tally.false_alarm_rate
        print(
            f"  vs {b.label:<32} throughput ×{speed:,.1f}  batch ×{batch:,.1f}  p50 ×{p50:,.1f}  "
            f"recall {engine.tally.recall - b.tally.recall:+.3f}  "
            f"R@10 {engine.tally.recall10 - b.tally.recall10:+.3f}  "
            f"false alarms {fa_e:.3f} vs {fa_b:.3f}"
        )


# ---------------------------------------------------------------------------------------------


def contestants_for(args: argparse.Namespace, stack: ExitStack) -> list[Contestant]:
    out = []
    engine = engine_contestant()
    if engine is not None:
        out.append(engine)
    out.append(
        Contestant(RapidfuzzBaseline.label, RapidfuzzBaseline, RapidfuzzBaseline.default_threshold)
    )
    dsn = None if args.skip_pg else stack.enter_context(throwaway_database())
    if dsn is not None:
        for native in (False, True):
            out.append(
                Contestant(
                    f"pg_trgm ({'own script' if native else 'anyascii'})",
                    functools.partial(PgTrgmBaseline, dsn, native, args.pg_threshold),
                    args.pg_threshold,
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=5000, help="queries in the batch run")
    parser.add_argument("--documents", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument(
        "--pg-threshold", type=float, default=0.5, help="pg_trgm similarity for a hit"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores; every figure single-threaded (per core) unless noted")
    started = time.perf_counter()
    dataset = SyntheticDataset(args.persons, args.seed)
    entries = list(dataset.entries())
    queries = dataset.queries(args.queries)
    names = sum(len(e.names) for e in entries)
    negatives = sum(1 for q in queries if not q.expected)
    print(
        f"synthetic data: {len(entries):,} persons, {names:,} names; {len(queries):,} queries "
        f"({negatives:,} must-not-hit) in {time.perf_counter() - started:.1f} s"
    )
    measured: list[Result] = []
    with ExitStack() as stack:
        contestants = contestants_for(args, stack)
        _WORK.update(contestants=contestants, entries=entries, queries=queries, batch=args.batch)
        for position, contestant in enumerate(contestants):
            print(f"  measuring {contestant.label} …", flush=True)
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
                measured.append(pool.submit(measure, position).result())
    print_summary(measured)
    print_kinds(measured, queries)
    if measured and measured[0].label.startswith("Amana"):
        print_ratios(measured[0], measured[1:])
    if args.documents:
        bench_documents(args.documents)


if __name__ == "__main__":
    main()
