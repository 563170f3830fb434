"""Numbers written in words, read as digits: Seven Seas ~ 7 Seas, Семь морей ~ 7 морей.

The words come from ``num2words`` (0 to 100, and 1000) in English, French, Spanish, Russian,
Arabic and German, so no language's number words are typed in here; a phrase of several words
(twenty-one, vingt et un, двадцать один, واحد و عشرون) is read longest first. Words that are
also particles of names (Spanish *dos* is Portuguese "of the") are left as words: a particle is
dropped from names anyway, and reading it as 2 would make a token of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from num2words import num2words

from amana.matching.fold import fold
from amana.matching.normalise import PARTICLES, fold_arabic

LANGUAGES = ("en", "fr", "es", "ru", "ar", "de")
NUMBERS = (*range(101), 1000)
_PIECES = re.compile(r"[\s\-‐]+")
_ARABIC_AND = "و"


def _word_key(word: str) -> str:
    return fold_arabic(fold(word))


def _phrases(number: int, language: str) -> set[tuple[str, ...]]:
    words = tuple(_word_key(w) for w in _PIECES.split(num2words(number, lang=language)) if w)
    found = {words}
    if language == "ar" and _ARABIC_AND in words:
        # Arabic writes "and" joined to the next word (واحد وعشرون) as often as apart.
        joined: list[str] = []
        for word in words:
            if joined and joined[-1] == _ARABIC_AND:
                joined[-1] = _ARABIC_AND + word
            else:
                joined.append(word)
        found.add(tuple(joined))
    return found


@lru_cache(maxsize=1)
def number_words() -> dict[tuple[str, ...], int]:
    """Every phrase (folded words) that writes a number, and the number."""
    table: dict[tuple[str, ...], int] = {}
    for language in LANGUAGES:
        for number in NUMBERS:
            for phrase in _phrases(number, language):
                if not (len(phrase) == 1 and phrase[0] in PARTICLES):
                    table.setdefault(phrase, number)
    return table


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(len(phrase) for phrase in number_words())


def as_digits(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """The words with every number phrase replaced by its digits, and the phrases read."""
    table = number_words()
    keys = [_word_key(w) for w in words]
    out: list[str] = []
    read: list[str] = []
    position = 0
    while position < len(words):
        for size in range(min(_longest(), len(words) - position), 0, -1):
            number = table.get(tuple(keys[position : position + size]))
            if number is not None:
                phrase = " ".join(words[position : position + size])
                out.append(str(number))
                read.append(f"{phrase} = {number}")
                position += size
                break
        else:
            out.append(words[position])
            position += 1
    return out, read
