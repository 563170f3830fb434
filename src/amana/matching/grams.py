"""Vocabulary tokens that share most of their letter pairs with a token: the spelling net.

Phonetic outlines and one-edit neighbours find the usual variants; they miss a spelling further
than one edit whose sounds are also written differently (зерфюсс → zerfiuss ~ Zehrfuss), a
particle joined to a name (ibnshaban ~ Shaban), a long name with two typos. Those still share
most of their letter bigrams, so every vocabulary token is indexed under its bigrams (with word
boundaries), and a token's spelling neighbours are the tokens that share at least half of them,
confirmed by their Indel similarity (the measure behind rapidfuzz's ``ratio``).

Bigrams shared by very many tokens (``an``, ``^m``) are left out of the count and the share
asked for shrinks with them, so a query costs the rare bigrams' postings, not the vocabulary.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict

import numpy as np
from rapidfuzz.distance import Indel

MIN_LENGTH = 4
SHARE = 0.5
COMMON_BIGRAM = 4_000
"""Postings longer than this are not counted (see the module's docstring)."""
MAX_CONFIRMED = 400
SPELLING_FLOOR = 0.72


def bigrams(text: str) -> set[str]:
    padded = f"^{text}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class GramIndex:
    """Bigram postings over a vocabulary whose token texts it reads, never copies."""

    def __init__(self, texts: list[str]) -> None:
        self._postings: dict[str, array[int]] = defaultdict(lambda: array("i"))
        self._texts = texts  # the vocabulary's own list: vid → folded text

    def add(self, vid: int, text: str) -> None:
        """Index vocabulary token ``vid`` under the bigrams of ``text`` (its text)."""
        if len(text) >= MIN_LENGTH:
            for gram in bigrams(text):
                self._postings[gram].append(vid)

    def neighbours(self, text: str) -> list[tuple[int, float]]:
        """(vid, Indel similarity) of the tokens spelt like ``text``, best first."""
        if len(text) < MIN_LENGTH:
            return []
        grams = bigrams(text)
        need = math.ceil(SHARE * len(grams))
        lists = []
        for gram in grams:
            posting = self._postings.get(gram)
            if posting is None:
                continue
            if len(posting) > COMMON_BIGRAM:
                need -= 1
            else:
                lists.append(np.frombuffer(posting, dtype=np.int32))
        if need < 2 or not lists:
            return []
        ids = np.sort(np.concatenate(lists))
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        counts = np.diff(np.r_[starts, ids.size])
        chosen = ids[starts[counts >= need]]
        if chosen.size > MAX_CONFIRMED:
            best = np.argsort(-counts[counts >= need], kind="stable")[:MAX_CONFIRMED]
            chosen = chosen[best]
        found = []
        for vid in chosen.tolist():
            ratio = Indel.normalized_similarity(text, self._texts[vid])
            if ratio >= SPELLING_FLOOR:
                found.append((vid, ratio))
        found.sort(key=lambda item: -item[1])
        return found
