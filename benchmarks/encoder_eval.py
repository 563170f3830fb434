"""The learned name-word encoder alone on the real word sets in ``../shared/eval`` (read in place).

Loads the shipped weights through ``amana.matching.learned.NameEncoder`` (numpy only), embeds
every index word and every query, and ranks the records by brute-force cosine (a record with
several names scores by its best name). Prints recall@1 and recall@10 per ``kind`` and overall,
beside the naive baseline (anyascii transliteration then rapidfuzz ``ratio``, which is
``token_sort_ratio`` on single words), plus embedding throughput, the latency of one 5-word
call and the size of the model.

    .venv/bin/python benchmarks/encoder_eval.py [--sets wikidata_tokens_to_latin,arabic_words]
        [--no-baseline] [--sample N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from baselines import ascii_fold
from rapidfuzz import fuzz, process

from amana.matching.learned import NameEncoder

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
WEIGHTS = Path(__file__).resolve().parents[1] / "src/amana/matching/data/name_encoder.npz"
LIMIT = 10


@dataclass
class WordSet:
    names: list[str]  # every index name, records contiguous
    starts: np.ndarray  # first name of each record
    record_of: dict[str, int]  # record id -> position
    queries: list[tuple[str, set[int], str]]  # (name, expected positions, kind)


def read_jsonl(path: Path) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def load(name: str, sample: int | None) -> WordSet:
    names: list[str] = []
    starts: list[int] = []
    record_of: dict[str, int] = {}
    for row in read_jsonl(EVAL_DIR / name / "index.jsonl.gz"):
        record_of[str(row["id"])] = len(starts)
        starts.append(len(names))
        names.extend(row["names"])  # type: ignore[arg-type]
    queries = [
        (str(q["name"]), {record_of[str(e)] for e in q["expected"]}, str(q["kind"]))  # type: ignore[attr-defined]
        for q in read_jsonl(EVAL_DIR / name / "queries.jsonl.gz")
        if q["expected"]
    ]
    if sample and sample < len(queries):
        queries = random.Random(7).sample(queries, sample)
    return WordSet(names, np.asarray(starts), record_of, queries)


def top_records(scores: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The LIMIT best records of each row of name scores (best first)."""
    best = np.maximum.reduceat(scores, starts, axis=1)
    top = np.argpartition(-best, LIMIT, axis=1)[:, :LIMIT]
    order = np.argsort(-np.take_along_axis(best, top, 1), axis=1, kind="stable")
    return np.take_along_axis(top, order, 1)


def encoder_ranks(encoder: NameEncoder, data: WordSet) -> tuple[np.ndarray, float]:
    t0 = time.perf_counter()
    keys = encoder.embed(data.names)
    rate = len(data.names) / (time.perf_counter() - t0)
    queries = encoder.embed([q[0] for q in data.queries])
    tops = [
        top_records(queries[i : i + 256] @ keys.T, data.starts) for i in range(0, len(queries), 256)
    ]
    return np.concatenate(tops), rate


def baseline_ranks(data: WordSet) -> np.ndarray:
    choices = [ascii_fold(n) for n in data.names]
    folded = [ascii_fold(q[0]) for q in data.queries]
    tops = []
    for i in range(0, len(folded), 64):
        scores = process.cdist(folded[i : i + 64], choices, scorer=fuzz.ratio, dtype=np.float32)
        tops.append(top_records(scores, data.starts))
    return np.concatenate(tops)


def recalls(data: WordSet, tops: np.ndarray) -> dict[str, tuple[float, float, int]]:
    hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for (_, expected, kind), top in zip(data.queries, tops, strict=True):
        row = (int(top[0]) in expected, bool(expected & set(top.tolist())))
        hits[kind].append(row)
        hits["all"].append(row)
    return {
        kind: (sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows), len(rows))
        for kind, rows in hits.items()
    }


def latency(encoder: NameEncoder) -> float:
    words = ["Захаров", "mohammed", "田中", "김정은", "peterson"]
    encoder.embed(words)
    times = []
    for _ in range(200):
        t0 = time.perf_counter()
        encoder.embed(words)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="wikidata_tokens_to_latin,arabic_words")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--sample", type=int, help="queries per set (random, seeded)")
    parser.add_argument("--weights", type=Path, help="another .npz (default: the shipped one)")
    args = parser.parse_args()
    if not EVAL_DIR.is_dir():
        print(f"{EVAL_DIR} not found: nothing to measure")
        return
    t0 = time.perf_counter()
    encoder = NameEncoder.load(args.weights)
    weights = args.weights or WEIGHTS
    print(
        f"model: {weights.stat().st_size / 1e6:.2f} MB on disk, dimension {encoder.dimension}, "
        f"loaded in {(time.perf_counter() - t0) * 1000:.0f} ms; "
        f"one call with 5 words: {latency(encoder):.2f} ms (median of 200)"
    )
    for name in args.sets.split(","):
        data = load(name, args.sample)
        tops, rate = encoder_ranks(encoder, data)
        ours = recalls(data, tops)
        base = recalls(data, baseline_ranks(data)) if not args.no_baseline else {}
        print(
            f"\n{name}: {len(data.starts)} records, {len(data.names)} names "
            f"embedded at {rate:,.0f} words/s, {len(data.queries)} queries"
        )
        print(f"  {'kind':<18}{'n':>6}{'R@1':>8}{'R@10':>8}   baseline R@1  R@10")
        for kind in sorted(ours, key=lambda k: (k == "all", k)):
            r1, r10, n = ours[kind]
            b = f"{base[kind][0]:>13.3f}{base[kind][1]:>6.3f}" if kind in base else ""
            print(f"  {kind:<18}{n:>6}{r1:>8.3f}{r10:>8.3f}   {b}")


if __name__ == "__main__":
    main()
