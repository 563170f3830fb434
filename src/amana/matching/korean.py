"""A bridge between Hangul transcriptions of foreign names and their Latin spellings.

Korean writes a foreign name by its sound, syllable by syllable: consonant clusters get an
epenthetic ㅡ (Mark → 마크, ma-keu), a final r vanishes (McClure → 매클루어), f and v become p and
b, z becomes j, l and r share one letter. Outlines made of the sounds both sides keep let the
romanised Hangul (anyascii) meet the Latin spelling: 폴 스콜스 ~ Paul Scholes at ``pl skls``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_EPENTHETIC = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])eu")
_LATIN_R = re.compile(r"(?<=[aeiouy])r(?=[^aeiouy]|$)")  # a non-rhotic r: Mark, Walters
_SOUNDS = (
    ("tch", "s"),
    ("sch", "sk"),
    ("sh", "s"),
    ("ch", "s"),
    ("ts", "s"),
    ("dz", "s"),
    ("zh", "s"),
    ("th", "t"),
    ("ph", "b"),
    ("ck", "k"),
    ("ng", "n"),
    ("x", "ks"),
    ("qu", "k"),
)
_CLASSES = str.maketrans(
    {
        "r": "l",
        "v": "b",
        "f": "b",
        "p": "b",
        "d": "t",
        "g": "k",
        "c": "k",
        "q": "k",
        "z": "s",
        "j": "s",
    }
)
_DROPPED = re.compile(r"[aeiouywh]")
_REPEATS = re.compile(r"(.)\1+")


def _outline(text: str) -> str:
    for spelling, sound in _SOUNDS:
        text = text.replace(spelling, sound)
    return _REPEATS.sub(r"\1", _DROPPED.sub("", text.translate(_CLASSES)))


@lru_cache(maxsize=200_000)
def hangul_outline(romanised: str) -> str:
    """Outline of a romanised Hangul token, its epenthetic vowels removed."""
    return _outline(_EPENTHETIC.sub("", romanised))


@lru_cache(maxsize=200_000)
def latin_outline(token: str) -> str:
    """Outline of a Latin token as Korean would hear it."""
    return _outline(_LATIN_R.sub("", token))
