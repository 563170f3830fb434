"""Which writing system a name is written in (ISO 15924 codes)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

_PREFIXES = (
    ("LATIN", "Latn"),
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("GREEK", "Grek"),
    ("CJK", "Hani"),
    ("HANGUL", "Hang"),
    ("HIRAGANA", "Hira"),
    ("KATAKANA", "Kana"),
    ("HEBREW", "Hebr"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("DEVANAGARI", "Deva"),
    ("THAI", "Thai"),
    ("BENGALI", "Beng"),
    ("TAMIL", "Taml"),
    ("ETHIOPIC", "Ethi"),
    ("PERSIAN", "Arab"),
)


@lru_cache(maxsize=65_536)
def char_script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for prefix, code in _PREFIXES:
        if name.startswith(prefix):
            return code
    return None


def detect_script(text: str) -> str:
    """The dominant script of the letters in ``text``; "Zyyy" (common) when there are none."""
    if text.isascii():
        return "Latn" if any(c.isalpha() for c in text) else "Zyyy"
    counts = Counter(s for s in map(char_script, text) if s is not None)
    if not counts:
        return "Zyyy"
    return counts.most_common(1)[0][0]
