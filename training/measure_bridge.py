"""How well the engine's token expansion carries held-out training words across scripts.

For each held-out native word of ``../shared/train`` (the encoder's 1-in-50 split), the engine
expands it against a vocabulary of every Latin word of the training data, exactly as a query
token is expanded (rules, spelling net, learned bridge and token model), and this reports per
script: candidate recall (the true Latin spelling is among the expansion at all) and recall@1
and @10 of the expansion ranked by similarity. A token-level view of retrieval and ranking that
never reads the evaluation sets, for choosing the bridge's settings.

    .venv/bin/python training/measure_bridge.py [--per-script 300]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path

from fit_token_model import ROOT, SCRIPTS, held_out, read_pairs

from amana.matching.bridge import LearnedBridge
from amana.matching.learned import NameEncoder
from amana.matching.normalise import normalise, spelling_variants
from amana.matching.vocabulary import Vocabulary


def vocabulary_of(pairs: list[tuple[str, str, str]]) -> Vocabulary:
    vocabulary = Vocabulary(bridge=LearnedBridge(NameEncoder.load()))
    for latin in sorted({latin for _, _, latin in pairs}):
        for token in normalise(latin).tokens:
            vocabulary.intern(token.text, token.script, token.original)
    assert vocabulary.bridge is not None
    vocabulary.bridge.warm()
    return vocabulary


def expansion(vocabulary: Vocabulary, native: str) -> dict[str, float]:
    """Latin text → best similarity, over the word's readings that make one token."""
    found: dict[str, float] = {}
    for reading in [native, *spelling_variants(native)]:
        tokens = normalise(reading).tokens
        if len(tokens) != 1:
            continue
        token = tokens[0]
        for vid, (score, _) in vocabulary.expand(token.text, token.script, token.original).items():
            text = vocabulary.texts[vid]
            found[text] = max(found.get(text, 0.0), score)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "train")
    parser.add_argument("--per-script", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    started = time.perf_counter()
    pairs, _ = read_pairs(args.train)
    rng = random.Random(args.seed)
    vocabulary = vocabulary_of(pairs)
    print(f"vocabulary {len(vocabulary.texts):,} tokens in {time.perf_counter() - started:.0f}s")
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for script in SCRIPTS:
        mine = [p for p in pairs if p[0] == script and held_out(p[1])]
        for _, native, latin in rng.sample(mine, min(args.per_script, len(mine))):
            truth = {t.text for t in normalise(latin).tokens}
            if len(truth) != 1:
                continue
            (want,) = truth
            found = expansion(vocabulary, native)
            ranked = sorted(found, key=lambda text: (-found[text], text))
            counts = tally[script]
            counts[0] += 1
            counts[1] += want in found
            counts[2] += ranked[:1] == [want]
            counts[3] += want in ranked[:10]
    print(f"{'script':<10}{'n':>6}{'cand':>7}{'R@1':>7}{'R@10':>7}")
    for script, (n, cand, r1, r10) in tally.items():
        print(f"{script:<10}{n:>6}{cand / n:>7.3f}{r1 / n:>7.3f}{r10 / n:>7.3f}")
    print(f"{time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
