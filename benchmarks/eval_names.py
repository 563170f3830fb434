"""Name-matching quality on the real evaluation sets in ``../shared/eval`` (read in place).

For each set, the index is loaded as ``PersonEntry`` records (string ids mapped to ints) into
Amana's ``PersonIndex`` and into the naive baseline (anyascii + rapidfuzz ``token_sort_ratio``,
hits at 85), every query is run once (best 10, threshold 0), and the report gives, per set, per
``kind`` and per script pair (query script → script of the expected record's name): recall@1,
recall@10, recall at the default threshold and false alarms on ``expected: []`` queries, beside
the targets the engine must reach.

    .venv/bin/python benchmarks/eval_names.py [--sample N] [--sets un_screening,...] [--no-baseline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from baselines import RapidfuzzBaseline
from bench_metrics import SearchIndex, Tally, fmt

import amana.matching as matching
from amana.matching import DEFAULT_THRESHOLD, Match, PersonEntry, PersonQuery
from amana.matching.scripts import detect_script

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
LIMIT = 10

# set: (what, metric attribute, at least / at most, value, kind or None for the whole set).
TOKEN_SCRIPTS = ("arabic", "chinese", "japanese", "katakana", "korean", "russian")
TARGETS: dict[str, tuple[tuple[str, str, str, float, str | None], ...]] = {
    "un_screening": (
        ("recall", "recall", "≥", 0.99, None),
        ("false alarms", "false_alarm_rate", "≤", 0.005, None),
    ),
    "cyrillic_iuliia_variants": (("recall@1", "recall1", "≥", 0.995, None),),
    "arabic_words": (("recall@10", "recall10", "≥", 0.92, None),),
    "wikidata_korean_to_latin": (("recall@10", "recall10", "≥", 0.85, None),),
    "wikidata_tokens_to_latin": tuple(
        ("recall@10", "recall10", "≥", 0.90, kind) for kind in TOKEN_SCRIPTS
    ),
}
CANDIDATE_RECALL_TARGET = 0.99
COMPARED = (("recall@1", "recall1"), ("recall@10", "recall10"), ("recall", "recall"))


@dataclass
class EvalQuery:
    qid: str
    query: PersonQuery
    expected: frozenset[int]
    kind: str
    pair: str  # "Hang→Latn"


@dataclass
class EvalSet:
    name: str
    entries: list[PersonEntry]
    queries: list[EvalQuery]


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _dob(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value if v)
    return (str(value),) if value else ()


def _nationality(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).upper() if value else None


def load_set(folder: Path, sample: int | None, seed: int) -> EvalSet:
    ids: dict[str, int] = {}
    entries, record_script = [], {}
    for row in read_jsonl(folder / "index.jsonl.gz"):
        record_id = ids.setdefault(str(row["id"]), len(ids) + 1)
        names = [str(n) for n in row["names"]]  # type: ignore[attr-defined]
        nationality = _nationality(row.get("nationality"))
        entries.append(
            PersonEntry(
                record_id, names, _dob(row.get("dob")), (nationality,) if nationality else ()
            )
        )
        record_script[record_id] = detect_script(names[0]) if names else "Zyyy"
    queries = []
    for row in read_jsonl(folder / "queries.jsonl.gz"):
        expected = frozenset(ids[str(e)] for e in row["expected"] if str(e) in ids)  # type: ignore[attr-defined]
        name = str(row["name"])
        dob = _dob(row.get("dob"))
        target = min(expected) if expected else None
        pair = f"{detect_script(name)}→{record_script[target] if target else '∅'}"
        query = PersonQuery([name], dob[0] if dob else None, _nationality(row.get("nationality")))
        queries.append(EvalQuery(str(row["qid"]), query, expected, str(row.get("kind", "")), pair))
    if sample and sample < len(queries):
        queries = random.Random(seed).sample(queries, sample)
    return EvalSet(folder.name, entries, queries)


@dataclass
class Run:
    label: str
    threshold: float
    build_s: float = 0.0
    qps: float = 0.0
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_pair: dict[str, Tally] = field(default_factory=dict)


def search_all(index: SearchIndex, queries: Sequence[PersonQuery]) -> list[list[Match]]:
    search_many = getattr(index, "search_many", None)
    if search_many is not None:
        return search_many(queries, limit=LIMIT, threshold=0.0)
    return [index.search(q, limit=LIMIT, threshold=0.0) for q in queries]


def evaluate(label: str, make: Callable[[], SearchIndex], threshold: float, data: EvalSet) -> Run:
    run = Run(label, threshold)
    started = time.perf_counter()
    index = make()
    index.add_many(data.entries)
    run.build_s = time.perf_counter() - started
    started = time.perf_counter()
    results = search_all(index, [q.query for q in data.queries])
    run.qps = len(data.queries) / (time.perf_counter() - started)
    retrieve = getattr(index, "candidates", None)
    for q, matches in zip(data.queries, results, strict=True):
        ranked = [m.record_id for m in matches]
        hits = [m.record_id for m in matches if m.score >= threshold]
        candidates = retrieve(q.query) if retrieve is not None and q.expected else None
        for tally in (
            run.overall,
            run.by_kind.setdefault(q.kind, Tally()),
            run.by_pair.setdefault(q.pair, Tally()),
        ):
            tally.add(q.expected, hits, ranked, candidates)
    return run


def cells(t: Tally) -> str:
    measures = (t.recall1, t.recall10, t.recall, t.false_alarm_rate, t.candidate_recall)
    return "".join(f"{fmt(m):>6}" for m in measures)


def print_set(data: EvalSet, runs: Sequence[Run]) -> None:
    head = "".join(f"  {r.label[:30]:<30}" for r in runs)
    sub = "".join(f"  {'R@1':>6}{'R@10':>6}{'R@thr':>6}{'FA':>6}{'Cand':>6}" for _ in runs)
    print(f"\n{data.name}: {len(data.entries):,} records, {len(data.queries):,} queries")
    for r in runs:
        print(
            f"  {r.label}: build {r.build_s:.1f} s, {r.qps:,.0f} queries/s, threshold {r.threshold}"
        )
    print(f"  {'':<26}{'n':>6}{head}\n  {'':<32}{sub}")
    rows: list[tuple[str, int, list[Tally]]] = [
        ("all", len(data.queries), [r.overall for r in runs])
    ]
    for kind in sorted(runs[0].by_kind):
        n = runs[0].by_kind[kind].positives + runs[0].by_kind[kind].negatives
        rows.append((f"kind {kind}", n, [r.by_kind[kind] for r in runs]))
    pairs = runs[0].by_pair
    if len(pairs) > 1 or any(p.split("→")[0] != p.split("→")[1] for p in pairs):
        for pair in sorted(pairs, key=lambda p: -(pairs[p].positives + pairs[p].negatives)):
            n = pairs[pair].positives + pairs[pair].negatives
            rows.append((f"script {pair}", n, [r.by_pair[pair] for r in runs]))
    for label, n, tallies in rows:
        print(
            f"  {label[:26]:<26}{n:>6}"
            + "".join(f"  {cells(t):<30}" for t in tallies)
            + below_baseline(tallies)
        )
    print_targets(data.name, runs[0])


def below_baseline(tallies: Sequence[Tally]) -> str:
    """Where the engine (first column) is below the naive baseline (last column)."""
    if len(tallies) < 2:
        return ""
    engine, naive = tallies[0], tallies[-1]
    worse = [
        what
        for what, attribute in COMPARED
        if getattr(engine, attribute) + 1e-9 < getattr(naive, attribute)
    ]
    return f"  BELOW NAIVE: {', '.join(worse)}" if worse else ""


def print_targets(name: str, run: Run) -> None:
    for what, attribute, op, value, kind in TARGETS.get(name, ()):
        tally = run.overall if kind is None else run.by_kind.get(kind)
        if tally is None:
            continue
        got = getattr(tally, attribute)
        ok = got >= value if op == "≥" else got <= value
        where = f" ({kind})" if kind else ""
        verdict = "met" if ok else "NOT met"
        print(f"  target {what}{where} {op} {value}: {run.label} {got:.3f} {verdict}")
    retrieved = run.overall.candidate_recall
    if retrieved == retrieved:  # measured (not NaN)
        verdict = "met" if retrieved >= CANDIDATE_RECALL_TARGET else "NOT met"
        print(
            f"  target candidate recall ≥ {CANDIDATE_RECALL_TARGET}: {run.label} "
            f"{retrieved:.3f} {verdict}"
        )


def contestants(with_baseline: bool) -> list[tuple[str, Callable[[], SearchIndex], float]]:
    out: list[tuple[str, Callable[[], SearchIndex], float]] = []
    person_index = getattr(matching, "PersonIndex", None)  # the engine may not exist yet
    if person_index is not None:
        out.append(("Amana PersonIndex", person_index, DEFAULT_THRESHOLD))
    else:
        print("amana.matching.PersonIndex is not available yet: engine columns skipped")
    if with_baseline or not out:
        out.append(("naive rapidfuzz (85)", RapidfuzzBaseline, RapidfuzzBaseline.default_threshold))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, help="at most N queries per set (seeded sample)")
    parser.add_argument("--sets", help="comma-separated set names (default: all)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folders = sorted(p for p in EVAL_DIR.iterdir() if (p / "index.jsonl.gz").exists())
    if args.sets:
        folders = [f for f in folders if f.name in args.sets.split(",")]
    print("R@1 / R@10: expected record first / among the best 10; R@thr: among hits at the")
    print("default threshold; FA: share of must-not-hit queries with any hit (n/a: none in set);")
    print("Cand: expected record among the candidates retrieval hands to scoring (engine only)")
    runners = contestants(not args.no_baseline)
    for folder in folders:
        data = load_set(folder, args.sample, args.seed)
        print_set(data, [evaluate(label, make, thr, data) for label, make, thr in runners])


if __name__ == "__main__":
    main()
