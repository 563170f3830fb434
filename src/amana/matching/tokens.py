"""How alike two name tokens are, and why: exact, transliteration, nickname, typo, phonetic."""

from __future__ import annotations

import re
from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz.distance import OSA, Indel, LCSseq

from amana.matching.keys import consonant_classes, readings, skeletons

EXACT, TRANSLITERATION, NICKNAME, TYPO, PHONETIC, SPELLING, LEARNED = (
    "exact",
    "transliteration",
    "nickname",
    "typo",
    "phonetic",
    "spelling",
    "learned",
)
SPELLING_DISCOUNT = 0.95
"""Letters alike without a shared outline or a one-edit typo: a little weaker than a typo."""
MIN_TYPO_LENGTH = 4
TYPO_FLOOR = 0.75


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=100_000)
def nickname_group(token: str) -> frozenset[str]:
    """The formal names and diminutives directly related to ``token`` (Bill ~ William), from the
    curated ``nicknames`` data set; nicknames of nicknames are not followed (Bill is also a
    diminutive of names other than William, and Robert ≁ William)."""
    namer = _nicknamer()
    return frozenset(set(namer.nicknames_of(token)) | set(namer.canonicals_of(token)))


LATIN, ABJAD, OTHER_SCRIPT, BLOCKS = "latin", "abjad", "other", "blocks"
"""Script classes of a token's original: an abjad writes no short vowels (Arabic, Hebrew); a
token written in syllable blocks (Chinese characters, Hangul) changes name with any block
(燕 and 岩 are both yan, 은지 and 은주 are two given names); a token from any other script went
through one romanisation among several, so two spellings in that script compare by their
sounds (Пулин ~ Путин, one letter)."""


def similarity(query: str, query_class: str, other: str, other_class: str) -> tuple[float, str]:
    """Score in [0, 1] and the kind of match between two folded tokens."""
    if query == other:
        return 1.0, EXACT if query_class == other_class else TRANSLITERATION
    if query_class == other_class == BLOCKS:
        # Another character or syllable block is another name, however alike they sound.
        return 0.0, ""
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
    if query_class == ABJAD and other_class == LATIN:
        return abjad_latin_score(query, other)
    if query_class == LATIN and other_class == ABJAD:
        return abjad_latin_score(other, query)
    if ABJAD in (query_class, other_class):
        # Only consonants to compare: a longer shared outline is stronger evidence.
        outline = max((s for s in skeletons(query) if s in skeletons(other)), key=len)
        return {1: 0.78, 2: 0.88}.get(len(outline), 0.92)
    if query_class != other_class:
        # Another script's romanisation: compare sounds, vowels included (Fan ≁ Fiona).
        ratio = max(
            Indel.normalized_similarity(phonetic_fold(mine), phonetic_fold(theirs))
            for mine in readings(query)
            for theirs in readings(other)
        )
        return min(0.93, 0.5 + 0.5 * ratio) if ratio >= 0.75 else 0.6 * ratio
    # Both spellings carry vowels: Mohammed/Muhammad differ little, Hassan/Hussein are two names.
    ratio = Indel.normalized_similarity(_vowel_fold(query), _vowel_fold(other))
    return min(0.93, 0.6 + 0.45 * ratio) if ratio >= 0.68 else 0.6 * ratio


_VOWEL_CLASS = str.maketrans({"e": "i", "y": "i", "o": "u", "w": "u"})
_NOT_CONSONANT = re.compile(r"[aiu]")


def abjad_latin_score(abjad: str, latin: str) -> float:
    """How well a romanised abjad spelling (consonants and long vowels only) and a vowelled Latin
    spelling agree: every abjad letter should appear in order in the Latin one (Latin adds the
    short vowels), and the consonants on both sides should be the same. Alberti ~ آلبرتي (albrti)
    scores near 1; Audrey ~ أدري (adri) lower, Hassan ~ حسين (hsin) lower still."""
    best = 0.0
    for mine in readings(abjad):
        for theirs in readings(latin):
            a = _comparable(mine)
            b = _comparable(theirs)
            common = LCSseq.similarity(a, b)
            letters = common / max(len(a), 1)
            ca, cb = _NOT_CONSONANT.sub("", a), _NOT_CONSONANT.sub("", b)
            consonants = LCSseq.similarity(ca, cb) / max(len(ca), len(cb), 1)
            # Latin letters the abjad spelling lacks are mostly short vowels: they cost little.
            latin_cover = 0.7 + 0.3 * common / max(len(b), 1)
            best = max(best, letters * consonants * latin_cover)
    return min(0.97, 0.45 + 0.55 * best) if best >= 0.7 else 0.6 * best


_INITIAL_VOWEL = re.compile(r"^[aiu]+")
_FINAL_H = re.compile(r"(?<=[aiu])h$")


def _comparable(token: str) -> str:
    """Vowel classes and consonant classes; an initial vowel (an alef carries any) and a final h
    after a vowel (taa marbuta, Allah) are left out."""
    folded = _vowel_fold(consonant_classes(token)).translate(_VOWEL_CLASS)
    return _INITIAL_VOWEL.sub("", _FINAL_H.sub("", folded)) or folded


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


@lru_cache(maxsize=200_000)
def phonetic_fold(token: str) -> str:
    """The token's sounds with romanisation differences folded, vowels kept: Gim ~ Kim."""
    return _vowel_fold(consonant_classes(token))


def _near_outline(query: str, other: str) -> float:
    for mine in skeletons(query):
        for theirs in skeletons(other):
            if min(len(mine), len(theirs)) >= 3 and OSA.distance(mine, theirs) <= 1:
                return 0.72
    return 0.0
