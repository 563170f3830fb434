"""The learned bridge between scripts: vocabulary tokens whose learned vectors are nearest.

Rules carry a name across scripts only as far as its letters allow: 约翰 reads yuehan, ジョン
reads jon, and neither is near John by spelling. The learned encoder (``learned.NameEncoder``,
trained on Wikidata and Wikipedia name pairs) puts a word and its spellings in other scripts
close together, so for a query token in a script it was trained on, the nearest Latin tokens of
the vocabulary are candidates — and for a Latin query token, the nearest tokens in those
scripts. Vectors live in two approximate-nearest-neighbour indexes (usearch's HNSW), one per
side; new vocabulary tokens are embedded in batches, when the next query needs them.

Across the bridge, the rules' similarity and the learned cosine are two pieces of evidence of
one question — are these two spellings of one name? — and ``TokenModel`` answers it: a logistic
regression fitted on held-out training pairs (``training/fit_token_model.py``), whose output is
the probability itself. Rule-only outline matches that the encoder finds far apart (Korean
transcription outlines match hundreds of Latin names) fall, and the right spelling rises.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from usearch.index import Index

from amana.matching.learned import NameEncoder

LEARNED_SCRIPTS = frozenset({"Arab", "Hani", "Hira", "Kana", "Hang", "Cyrl"})
"""Scripts the encoder was trained on (besides Latin)."""
NEIGHBOURS = 12
MAX_SIMILARITY = 0.97
"""Evidence across scripts is never quite the same spelling."""
NONE, LATIN_SIDE, NATIVE_SIDE = 0, 1, 2
MODEL_FILE = "token_model.json"


@dataclass(frozen=True)
class TokenModel:
    """P(same name | rule similarity, learned cosine), a fitted logistic regression."""

    intercept: float
    rule: float
    has_rule: float
    cosine: float

    def probability(self, rule: float, cosine: float) -> float:
        z = self.intercept + self.rule * rule + self.has_rule * (rule > 0.0) + self.cosine * cosine
        return min(MAX_SIMILARITY, 1.0 / (1.0 + math.exp(-z)))

    @classmethod
    def load(cls) -> TokenModel:
        return _load_model()


@lru_cache(maxsize=1)
def _load_model() -> TokenModel:
    source = resources.files("amana.matching") / "data" / MODEL_FILE
    fitted = json.loads(source.read_text(encoding="utf-8"))["weights"]
    return TokenModel(**{k: float(v) for k, v in fitted.items()})


def side_of(is_latin: bool, script: str) -> int:
    if is_latin:
        return LATIN_SIDE
    return NATIVE_SIDE if script in LEARNED_SCRIPTS else NONE


@dataclass
class _Side:
    """One ANN index over the vocabulary tokens of one side, and those still to embed."""

    dimension: int
    index: Index = field(init=False)
    pending_ids: list[int] = field(default_factory=list)
    pending_words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = Index(ndim=self.dimension, metric="cos", dtype="f16", expansion_search=128)

    def flush(self, encoder: NameEncoder) -> None:
        if self.pending_ids:
            vectors = encoder.embed(self.pending_words)
            self.index.add(np.asarray(self.pending_ids, dtype=np.uint64), vectors)
            self.pending_ids, self.pending_words = [], []


class LearnedBridge:
    def __init__(self, encoder: NameEncoder, model: TokenModel | None = None) -> None:
        self._encoder = encoder
        self.model = model or TokenModel.load()
        self._sides = {LATIN_SIDE: _Side(encoder.dimension), NATIVE_SIDE: _Side(encoder.dimension)}

    def add(self, vid: int, word: str, side: int) -> None:
        """Remember a vocabulary token; it is embedded with the next batch."""
        if side != NONE:
            self._sides[side].pending_ids.append(vid)
            self._sides[side].pending_words.append(word)

    def cosines(self, word: str, side: int, also: list[int]) -> dict[int, float]:
        """Learned cosines between ``word`` and its nearest tokens on the other side, and the
        tokens ``also`` (all on the other side)."""
        if side == NONE:
            return {}
        other = self._sides[NATIVE_SIDE if side == LATIN_SIDE else LATIN_SIDE]
        other.flush(self._encoder)
        if len(other.index) == 0:
            return {}
        vector = self._encoder.embed([word])[0]
        found = other.index.search(vector, min(NEIGHBOURS, len(other.index)))
        near = {
            int(vid): 1.0 - float(distance)
            for vid, distance in zip(found.keys.tolist(), found.distances.tolist(), strict=True)
        }
        rest = [vid for vid in also if vid not in near]
        if rest:
            vectors = np.asarray(other.index.get(np.asarray(rest, dtype=np.uint64)))
            vectors = vectors.reshape(len(rest), -1).astype(np.float32)
            norms = np.maximum(np.linalg.norm(vectors, axis=1), 1e-12)
            near.update(zip(rest, (vectors @ vector / norms).tolist(), strict=True))
        return near

    def warm(self) -> None:
        """Embed every pending token now (after a bulk load, before the first query)."""
        for side in self._sides.values():
            side.flush(self._encoder)
