"""Unicode folding that is right in every script: case, accents, marks and invisible characters.

A name is the same name in capitals (passports and many national systems print ЗАХАРОВ), with or
without its accents (Αλέξανδρος / Αλεξανδρος, José / Jose) and with or without the joiners,
tatweel and direction marks that keyboards and copy-paste leave behind. Folding happens once,
before anything else, so every later step (transliteration, keys, the vocabulary's identity of a
token) sees one form.

Combining marks are dropped only where they are accents on an alphabet. In the scripts of South
and South-East Asia a combining mark is a vowel of the syllable (नरेन्द्र without its marks is
another word), and Japanese voicing marks turn カ (ka) into ガ (ga): those are kept and left to the
transliterator.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from amana.matching.scripts import char_script

ACCENTED_ALPHABETS = frozenset({"Latn", "Grek", "Cyrl", "Armn", "Geor", "Hebr", "Arab"})
"""Scripts whose combining marks are accents or vowel points, not letters."""

LETTER_MARKS = {"Cyrl": frozenset({"\u0306", "\u0308"})}
"""Marks that make a letter of their own in a script: Cyrillic й and ё are not и and е with an
accent (Юрий is Yuriy, not Yurii); only stress marks are accents there."""

_DROPPED_FORMATS = frozenset({"Cf"})
"""Zero-width joiners, soft hyphens, direction marks: never part of a name."""
_TATWEEL = "\u0640"


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Compatibility-normalised, case-folded, with accents stripped where they are accents."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    kept: list[str] = []
    base_script: str | None = None
    for char in decomposed:
        category = unicodedata.category(char)
        if category in _DROPPED_FORMATS or char == _TATWEEL:
            continue
        if category == "Mn":
            accent = base_script in ACCENTED_ALPHABETS or base_script is None
            if accent and char not in LETTER_MARKS.get(base_script or "", ()):
                continue
        else:
            base_script = char_script(char) or base_script
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))
