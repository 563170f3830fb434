"""One Latin form per name word, from ICU's transliterators where they are the better floor.

ICU (PyICU, shipped with its own ICU by ``pyicu-wheels``) knows each script's structure: the
inherent vowel and virama of Indic scripts (नरेन्द्र → narendra, where a character table gives
nrendr), Greek digraphs (ου → ou), Japanese kana (ジョン → jon). Two scripts keep anyascii:
Cyrillic, because ICU's default Cyrillic-Latin is ISO 9, whose letters (щ → ŝ, ж → ž) lose their
digraphs when folded to ASCII (Щербаков → serbakov instead of shcherbakov), and Latin itself,
which only needs its letters folded (ø, ł, đ). Arabic, Chinese and Korean have their own readers
in ``normalise`` and ``korean``. Whatever ICU leaves outside ASCII goes through anyascii, so every
script in Unicode has a reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu
from anyascii import anyascii

ANYASCII_SCRIPTS = frozenset({"Latn", "Cyrl", "Zyyy"})
_ICU_RULES = "Any-Latin; Latin-ASCII"
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’`ʼʻ´ʹʺ~]")


@lru_cache(maxsize=1)
def _icu_latin() -> icu.Transliterator:
    return icu.Transliterator.createInstance(_ICU_RULES)


@lru_cache(maxsize=200_000)
def ascii_latin(text: str) -> str:
    """anyascii, lower case, apostrophes dropped (O'Brien → obrien)."""
    return _APOSTROPHES.sub("", anyascii(text)).lower()


@lru_cache(maxsize=200_000)
def romanise(word: str, script: str) -> str:
    """A folded word's Latin letters (lower-case ASCII, other characters kept as separators)."""
    if script in ANYASCII_SCRIPTS:
        return ascii_latin(word)
    return ascii_latin(_icu_latin().transliterate(word))


def letters_only(text: str) -> list[str]:
    """The runs of ASCII letters and digits of a romanised word."""
    return [piece for piece in _NOT_LETTERS.split(text) if piece]
