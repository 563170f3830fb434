"""Fit the learned bridge's token model: P(two words are one name | rule similarity, cosine).

The engine meets a query word in one script and a vocabulary word in another with two pieces of
evidence: the similarity its rules give (outlines, spelling, the Korean bridge; 0 when no rule
relates them) and the learned encoder's cosine. This script asks the engine itself for both, on
the encoder's held-out training words (the same 1-in-50 split by hash, never seen by the
encoder), against a vocabulary of every Latin word in the training data, labels each candidate
by whether it is the word's true Latin spelling, and fits a logistic regression (IRLS, small L2
penalty) to those labels. The output is written to
``src/amana/matching/data/token_model.json`` with the counts, the data hashes and a reliability
table (predicted band → share of true spellings).

Rebuild (a few minutes on 2 cores; run after ``training/train_name_encoder.py``):

    .venv/bin/python training/fit_token_model.py [--train ../shared/train]

Only ``../shared/train`` is read; the evaluation sets are never touched.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import time
from pathlib import Path

import numpy as np

from amana.matching.bridge import LearnedBridge, TokenModel
from amana.matching.learned import NameEncoder, fold_word
from amana.matching.normalise import normalise
from amana.matching.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "amana" / "matching" / "data" / "token_model.json"
SCRIPTS = ("arabic", "chinese", "japanese", "katakana", "korean", "russian")
HOLDOUT_MOD = 50  # as in train_name_encoder.py
PER_SCRIPT = 600
PENALTY = 1e-3
FEATURES = ("intercept", "rule", "has_rule", "cosine")


def held_out(native: str) -> bool:
    digest = hashlib.md5(fold_word(native).encode()).hexdigest()  # a split, not security
    return int(digest, 16) % HOLDOUT_MOD == 0


def read_pairs(train: Path) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    pairs, hashes = [], {}
    for script in SCRIPTS:
        path = train / "wikidata_name_tokens" / f"{script}.tsv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in list(lines)[1:]:
                latin, native, _count = line.rstrip("\n").split("\t")
                pairs.append((script, native, latin))
        hashes[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    path = train / "arabic_latin_words" / "ar2en-train.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                native, latin = line.rstrip("\n").split("\t")
                pairs.append(("arabic", native, latin))
    hashes[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return pairs, hashes


def latin_vocabulary(pairs: list[tuple[str, str, str]]) -> Vocabulary:
    # The model is refitted here, so the bridge's own one does not matter.
    vocabulary = Vocabulary(bridge=LearnedBridge(NameEncoder.load(), TokenModel(0, 0, 0, 0)))
    for latin in sorted({latin for _, _, latin in pairs}):
        for token in normalise(latin).tokens:
            vocabulary.intern(token.text, token.script, token.original)
    assert vocabulary.bridge is not None
    vocabulary.bridge.warm()
    return vocabulary


def candidate_rows(
    vocabulary: Vocabulary, held: list[tuple[str, str, str]]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rows, labels, scripts = [], [], []
    for script, native, latin in held:
        form = normalise(native)
        truth = {t.text for t in normalise(latin).tokens}
        if len(form.tokens) != 1 or not truth:
            continue
        token = form.tokens[0]
        rules = vocabulary.rule_scores(token.text, token.script, token.original)
        across = vocabulary.across_bridge(token.text, token.script, token.original, rules)
        for vid, (rule, cosine) in across.items():
            rows.append((1.0, rule, float(rule > 0), cosine))
            labels.append(vocabulary.texts[vid] in truth)
            scripts.append(script)
    return np.asarray(rows), np.asarray(labels, dtype=float), scripts


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression with the two classes weighed equally: a query word has one true
    spelling among ~150 candidates, and the engine needs the evidence of the pair itself (a
    likelihood ratio against even odds), not the prior of that candidate list."""
    balance = np.where(y > 0, (y == 0).sum() / max(y.sum(), 1), 1.0)
    weights = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ weights)))
        gradient = x.T @ (balance * (y - p)) - PENALTY * weights
        hessian = x.T @ (x * (balance * p * (1 - p))[:, None]) + PENALTY * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        weights += step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def reliability(p: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
    """Per predicted band: candidate pairs, and the share of true spellings among them (with
    classes balanced, the share a band would have if true and false pairs were as many)."""
    table = []
    for low in np.arange(0.0, 1.0, 0.1):
        inside = (p >= low) & (p < low + 0.1 if low < 0.9 else p <= 1.0)
        if inside.any():
            table.append(
                {
                    "band": f"{low:.1f}-{low + 0.1:.1f}",
                    "pairs": int(inside.sum()),
                    "true_share": round(float(y[inside].mean()), 4),
                    "true_pairs": int(y[inside].sum()),
                }
            )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "train")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    started = time.perf_counter()
    pairs, hashes = read_pairs(args.train)
    rng = random.Random(args.seed)
    held = []
    for script in SCRIPTS:
        mine = [p for p in pairs if p[0] == script and held_out(p[1])]
        held += rng.sample(mine, min(PER_SCRIPT, len(mine)))
    vocabulary = latin_vocabulary(pairs)
    x, y, _ = candidate_rows(vocabulary, held)
    weights = fit(x, y)
    p = 1 / (1 + np.exp(-(x @ weights)))
    model = {
        "weights": dict(zip(FEATURES, (round(float(w), 6) for w in weights), strict=True)),
        "features": "rule: the engine's rule similarity (0: no rule relates the words); "
        "has_rule: 1 when a rule does; cosine: the learned encoder's cosine",
        "fitted_on": {
            "held_out_words": len(held),
            "candidate_pairs": len(y),
            "true_pairs": int(y.sum()),
            "split": f"md5(fold_word(native)) % {HOLDOUT_MOD} == 0 (the encoder's held-out)",
            "train_files_sha256": hashes,
            "seed": args.seed,
        },
        "reliability": reliability(p, y),
        "seconds": round(time.perf_counter() - started, 1),
    }
    OUT.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
