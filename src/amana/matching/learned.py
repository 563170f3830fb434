"""A learned cross-script encoder of single name words, run with numpy alone.

``NameEncoder.embed(["Захаров", "zakharov", "ザハロフ"])`` gives one unit vector per word; words
that are spellings of one another in different scripts have a high cosine. The weights
(``data/name_encoder.npz``, float16, about 0.4 MB) are a character CNN trained contrastively on
Wikidata and Wikipedia name pairs by ``training/train_name_encoder.py`` (see
``data/NOTICE.md``); this module repeats the torch model's computation exactly.

Input folding, done here so that every caller embeds the same form of a word:

1. NFKC, then casefold (``ЗАХАРОВ`` = ``захаров``; full-width and compatibility forms unified);
2. combining marks are dropped only after a Latin or Greek letter (``kösen`` = ``kosen``,
   ``Ελένη`` = ``ελενη``): there they are accents the Latin spellings of the training data use
   inconsistently. After Cyrillic (``й``, ``ё``), kana (dakuten) and every other script they are
   kept, since they change the letter; the word is recomposed with NFC afterwards;
3. Hangul syllables are split into their jamo (``김`` → ``ᄀ ᅵ ᆷ``), so the model reads 67
   phonetic letters instead of 11,172 syllables.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

PAD, BOS, EOS = 0, 1, 2  # token ids; hashed buckets follow, then the vocabulary
_BATCH = 1024
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def _strips_marks(ch: str) -> bool:
    """Latin (Basic to Extended-B, IPA, Extended Additional) and Greek letters."""
    cp = ord(ch)
    return cp < 0x0370 or 0x0370 <= cp < 0x0400 or 0x1E00 <= cp < 0x2000


def _split_hangul(ch: str) -> str:
    index = ord(ch) - _HANGUL_FIRST
    lead, vowel, tail = index // 588, (index % 588) // 28, index % 28
    jamo = chr(0x1100 + lead) + chr(0x1161 + vowel)
    return jamo + chr(0x11A7 + tail) if tail else jamo


def fold_word(word: str) -> str:
    """The canonical form the encoder reads (module docstring): NFKC, casefold, accents off
    Latin and Greek letters, Hangul as jamo."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", word).casefold())
    kept: list[str] = []
    strip = False
    for ch in decomposed:
        if unicodedata.combining(ch):
            if not strip:
                kept.append(ch)
            continue
        strip = _strips_marks(ch)
        kept.append(ch)
    composed = unicodedata.normalize("NFC", "".join(kept)).strip()
    return "".join(
        _split_hangul(ch) if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST else ch for ch in composed
    )


def token_ids(folded: str, lookup: dict[str, int], buckets: int, max_chars: int) -> list[int]:
    """BOS, one id per character (a vocabulary id, or for an unseen character one of
    ``buckets`` ids chosen by its code point), EOS."""
    chars = folded[:max_chars]
    return [BOS, *(lookup.get(ch, 3 + ord(ch) % buckets) for ch in chars), EOS]


def _layer_norm(
    h: NDArray[np.float32], gain: NDArray[np.float32], bias: NDArray[np.float32]
) -> NDArray[np.float32]:
    mean = h.mean(-1, keepdims=True)
    centred = h - mean
    var = (centred * centred).mean(-1, keepdims=True)
    out: NDArray[np.float32] = centred / np.sqrt(var + 1e-5) * gain + bias
    return out


@dataclass(frozen=True)
class _Block:
    dilation: int
    norm_g: NDArray[np.float32]
    norm_b: NDArray[np.float32]
    conv_w: NDArray[np.float32]  # (3·C, C): taps at -d, 0, +d stacked
    conv_b: NDArray[np.float32]

    def __call__(self, h: NDArray[np.float32], mask: NDArray[np.float32]) -> NDArray[np.float32]:
        d, length = self.dilation, h.shape[1]
        z = _layer_norm(h, self.norm_g, self.norm_b) * mask
        padded = np.pad(z, ((0, 0), (d, d), (0, 0)))
        taps = np.concatenate(
            [padded[:, :length], padded[:, d : d + length], padded[:, 2 * d : 2 * d + length]],
            axis=-1,
        )
        conv = taps @ self.conv_w + self.conv_b
        out: NDArray[np.float32] = (h + np.maximum(conv, 0)) * mask
        return out


class NameEncoder:
    """Embeds name words (any script, any case) as L2-normalised float32 vectors."""

    def __init__(self, arrays: dict[str, NDArray[np.float32]], config: dict[str, object]) -> None:
        self._embed = arrays["embed"]
        dilations = config["dilations"]
        assert isinstance(dilations, list)
        self._blocks = [
            _Block(
                int(d),
                arrays[f"b{i}.norm_g"],
                arrays[f"b{i}.norm_b"],
                arrays[f"b{i}.conv_w"],
                arrays[f"b{i}.conv_b"],
            )
            for i, d in enumerate(dilations)
        ]
        self._norm_g, self._norm_b = arrays["norm_g"], arrays["norm_b"]
        self._proj_w, self._proj_b = arrays["proj_w"], arrays["proj_b"]
        self._buckets = int(str(config["buckets"]))
        self._max_chars = int(str(config["max_chars"]))
        vocab = arrays["vocab"]
        self._lookup = {chr(int(cp)): i for i, cp in enumerate(vocab, start=3 + self._buckets)}
        self.dimension: int = int(self._proj_w.shape[1])

    @classmethod
    def load(cls, path: Path | None = None) -> NameEncoder:
        """The encoder of a weights file; by default the package's own, loaded once."""
        return _load_default() if path is None else _load(path)

    def embed(self, tokens: Sequence[str]) -> NDArray[np.float32]:
        """One unit row per word, in input order; shape (len(tokens), dimension). Words are
        batched by length, so a word's vector does not depend on the other words given."""
        ids = [
            token_ids(fold_word(t), self._lookup, self._buckets, self._max_chars) for t in tokens
        ]
        out = np.zeros((len(ids), self.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), _BATCH):
            rows = order[start : start + _BATCH]
            out[rows] = self._forward([ids[i] for i in rows])
        return out

    def _forward(self, ids: list[list[int]]) -> NDArray[np.float32]:
        width = max(len(seq) for seq in ids)
        grid = np.zeros((len(ids), width), dtype=np.int64)
        for row, seq in enumerate(ids):
            grid[row, : len(seq)] = seq
        present = grid != PAD
        mask = present[..., None].astype(np.float32)
        h: NDArray[np.float32] = self._embed[grid] * mask
        for block in self._blocks:
            h = block(h, mask)
        mean = h.sum(1) / mask.sum(1)
        peak = np.where(present[..., None], h, np.float32(-1e4)).max(1)
        pooled = _layer_norm(np.concatenate([mean, peak], -1), self._norm_g, self._norm_b)
        vec = pooled @ self._proj_w + self._proj_b
        norm = np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        result: NDArray[np.float32] = (vec / norm).astype(np.float32)
        return result


def _load(source: Path) -> NameEncoder:
    with np.load(source, allow_pickle=False) as data:
        config = json.loads(str(data["config"]))
        arrays = {
            k: data[k] if k == "vocab" else data[k].astype(np.float32)
            for k in data.files
            if k != "config"
        }
    return NameEncoder(arrays, config)


@lru_cache(maxsize=1)
def _load_default() -> NameEncoder:
    with resources.as_file(resources.files("amana.matching") / "data" / "name_encoder.npz") as path:
        return _load(path)
