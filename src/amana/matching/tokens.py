"""How alike two name tokens are, and why: exact, transliteration, nickname, typo, phonetic."""

from __future__ import annotations

import re
from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz.distance import OSA, Indel

from amana.matching.keys import skeletons

EXACT, TRANSLITERATION, NICKNAME, TYPO, PHONETIC = (
    "exact", "transliteration", "nickname", "typo", "phonetic",
)
MIN_TYPO_LENGTH = 4
TYPO_FLOOR = 0.75


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=100_000)
def nickname_group(token: str) -> frozenset[str]:
    """Formal names and diminutives of ``token`` (English: Bill ~ William), from the curated
    ``nicknames`` data set; includes the token itself."""
    namer = _nicknamer()
    related = set(namer.nicknames_of(token)) | set(namer.canonicals_of(token))
    for canonical in namer.canonicals_of(token):
        related |= set(namer.nicknames_of(canonical))
    return frozenset(related | {token})


LATIN, ABJAD, OTHER_SCRIPT = "latin", "abjad", "other"
"""Script classes of a token's original: an abjad writes no short vowels (Arabic, Hebrew);
a token from any other non-Latin script went through one romanisation among several."""


def similarity(query: str, query_class: str, other: str, other_class: str) -> tuple[float, str]:
    """Score in [0, 1] and the kind of match between two folded tokens."""
    if query == other:
        return 1.0, EXACT
    best = (0.0, "")
    shared_outline = bool(set(skeletons(query)) & set(skeletons(other)))
    if shared_outline:
        best = (_outline_score(query, query_class, other, other_class), TRANSLITERATION)
    if other in nickname_group(query) and best[0] < 0.9:
        best = (0.9, NICKNAME)
    if ABJAD not in (query_class, other_class) and min(len(query), len(other)) >= MIN_TYPO_LENGTH:
        typo = OSA.normalized_similarity(query, other)
        if typo >= TYPO_FLOOR and typo * 0.98 > best[0]:
            best = (typo * 0.98, TYPO)
    if best[0] == 0.0:
        near = _near_outline(query, other)
        if near:
            best = (near, PHONETIC)
    return best


def _outline_score(query: str, query_class: str, other: str, other_class: str) -> float:
    if query_class != other_class or ABJAD in (query_class, other_class):
        return 0.92
    # Both spellings carry vowels: Mohammed/Muhammad differ little, Hassan/Hussein are two names.
    ratio = Indel.normalized_similarity(_vowel_fold(query), _vowel_fold(other))
    return min(0.93, 0.6 + 0.45 * ratio) if ratio >= 0.68 else 0.6 * ratio


_IOTATED = re.compile(r"^[ij](?=[aeiou])|(?<=[aeiou])j")
_VOWEL_SPELLINGS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ea", "i"), ("ie", "i"), ("ey", "i"))
_VOWEL_CLASSES = str.maketrans({"o": "u", "e": "i", "y": "i"})


@lru_cache(maxsize=200_000)
def _vowel_fold(token: str) -> str:
    """Fold the vowel spellings romanisations disagree on (ou/u, ee/i, e/i, o/u, y/i) and doubled
    letters, keeping which vowel slots exist: Youssef ~ Yusuf, but Hassan ≁ Hussein."""
    token = _IOTATED.sub("y", token)
    for spelling, vowel in _VOWEL_SPELLINGS:
        token = token.replace(spelling, vowel)
    folded = token[:1] + token[1:].translate(_VOWEL_CLASSES)
    return "".join(c for i, c in enumerate(folded) if i == 0 or c != folded[i - 1])


def _near_outline(query: str, other: str) -> float:
    for mine in skeletons(query):
        for theirs in skeletons(other):
            if min(len(mine), len(theirs)) >= 3 and OSA.distance(mine, theirs) <= 1:
                return 0.72
    return 0.0
