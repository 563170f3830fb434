"""From a name as written to comparable tokens, whatever the script.

Every name is first folded (``fold``: compatibility forms, case, accents, invisible characters)
so that ЗАХАРОВ is захаров and Αλέξανδρος is Αλεξανδρος in every later step. Each word is then
read in Latin letters (``romanise``: ICU's transliterators, anyascii where they are the worse
floor): one stable Latin form per token to index, not a linguistically perfect one — variation
between romanisation schemes is absorbed by the phonetic keys (``keys.py``) and the learned
cross-script encoder, not here. What a transliterator cannot know is handled here: Arabic
orthographic variants (hamza forms, taa marbuta, alef maqsura, diacritics, tatweel), the Arabic
article, particles and compounds (al-, bin, ibn, abd al-, van der, de la …), and the syllable
structure of Chinese and Korean names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from amana.matching.fold import fold
from amana.matching.korean import MAX_NATIVE_SYLLABLES, could_be_family_first, syllable_spelling
from amana.matching.romanise import ascii_latin, letters_only, romanise
from amana.matching.scripts import char_script, detect_script

# Hamza carriers, alef variants, taa marbuta and alef maqsura fold to their base letters; harakat,
# superscript alef and tatweel vanish. Persian and Urdu letter forms fold to the Arabic ones.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        "ة": "ه",
        "ى": "ي",
        "ک": "ك",
        "ی": "ي",
        "ۀ": "ه",
        "ـ": "",
    }
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPLIT = re.compile(r"[\s,;/()\[\]{}\"“”«»|،؛・·•‧]+")
_HYPHENS = re.compile(r"[-‐‑‒–—_.]+")
_INNER_QUOTES = re.compile(r"(?<=\w)[\"”“](?=\w)")  # a hard sign written " (Kat"rov)

PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "bint",
        "ben",
        "ould",
        "walad",
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "dos",
        "das",
        "y",
        "e",
        "af",
        "zu",
        "ter",
        "mac",
    }
)
"""Connectives and articles that identify nobody on their own: dropped from the tokens."""

_COMPOUND_HEADS = ("abdel", "abdul", "abdal", "abdol", "abd")
_ARABIC_ARTICLE = "ال"
_ARABIC_PARTICLES = frozenset({"بن", "ابن", "بنت", "ال", "ولد"})
_ARABIC_ABD = "عبد"


@dataclass(frozen=True)
class Token:
    text: str  # folded Latin form, lower case ASCII: what is indexed and compared
    original: str  # the token's word after Unicode folding (its identity across spellings)
    script: str  # ISO 15924 code of the original
    written: str = ""  # the word as the name writes it (Nabil, ЗАХАРОВ): what a person reads


@dataclass(frozen=True)
class NameForm:
    original: str
    script: str
    tokens: tuple[Token, ...]
    dropped: tuple[str, ...]  # particles that were removed


# Arabic letters to Latin, keeping the long vowels (alef, waw, yaa) that anyascii drops or writes
# as consonants: in a name written without short vowels they are the only vowels there are.
_ARABIC_LATIN = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "u",
    "ي": "i",
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
    "ڤ": "v",
    "ڨ": "g",
}


def romanise_arabic(folded: str) -> str:
    """Latin letters for a folded Arabic word: consonants, and long vowels as a/u/i (an initial
    waw or yaa is the consonant w or y)."""
    letters = []
    starts = {0, 2} if folded.startswith(_ARABIC_ARTICLE) else {0}
    for position, char in enumerate(folded):
        if position in starts and char in "وي":
            letters.append("w" if char == "و" else "y")
        else:
            letters.append(_ARABIC_LATIN.get(char, ascii_latin(char)))
    text = "".join(letters)
    if text.endswith("h") and folded.endswith("ه") and len(text) > 2:
        text = text[:-1] + "a"  # taa marbuta, folded to haa: Fatima, not Fatimh
    return text


def fold_arabic(text: str) -> str:
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)


def _split_compound(token: str) -> list[str]:
    """abdulrahman → abd rahman; abdel → abd. Compounds are written joined, hyphenated or apart."""
    for head in _COMPOUND_HEADS:
        if token.startswith(head) and token != head:
            rest = token[len(head) :]
            if len(rest) >= 3:
                return ["abd", rest]
            return ["abd"]
    if token in _COMPOUND_HEADS:
        return ["abd"]
    if token.startswith("abu") and len(token) > 5:
        return ["abu", token[3:]]
    return [token]


def _arabic_words(word: str) -> list[tuple[str, str]]:
    """(Latin form, original) pairs for one Arabic-script word, without the article."""
    folded = fold_arabic(word)
    if folded in _ARABIC_PARTICLES:
        return [("bin" if folded != _ARABIC_ARTICLE else "al", folded)]
    if folded == _ARABIC_ABD:
        return [("abd", folded)]
    if folded.startswith(_ARABIC_ABD) and len(folded) > 4:  # عبدالله written as one word
        return [("abd", _ARABIC_ABD), *_arabic_words(folded[3:])]
    # The article stays: آلبرتي is Alberti, not al-Berti; the keys read "al…" both ways.
    return [(romanise_arabic(folded), folded)]


ONE_WORD = "\u2060"
"""WORD JOINER between the characters of a Han or Hangul word: read it as one word (a
transcribed foreign name, 维斯伯恩 ~ Wisborne), never as family name + given name."""


def _splits_family_first(word: str) -> bool:
    return 1 < len(word) <= MAX_NATIVE_SYLLABLES and could_be_family_first(word)


def _cjk_words(word: str) -> list[tuple[str, str]]:
    """A Chinese or Korean name written solid: one syllable of family name, then the given
    name as one token (as romanised names are written: Mao Zedong, Kim Jongun)."""
    syllables = [ascii_latin(c) for c in word]
    if not _splits_family_first(word):
        return [("".join(syllables), word)]
    return [(syllables[0], word[0]), ("".join(syllables[1:]), word[1:])]


def one_word_reading(name: str) -> str | None:
    """The other reading of a name written as one solid Han or Hangul word that ``normalise``
    reads as family name + given name: the whole word as one name word, its characters joined
    by ``ONE_WORD``.

    Nothing in the characters tells 毛泽东 (Mao Zedong) from 维斯伯恩 (Wisborne, a transcription
    whose first character, 维, is also a family name): both readings are matched, each meets the
    Latin spelling written its way (two words, or one word of joined pinyin).
    """
    word = fold(name).strip()
    script = detect_script(word)
    if script not in {"Hani", "Hang"} or not all(char_script(c) == script for c in word):
        return None
    return ONE_WORD.join(word) if _splits_family_first(word) else None


def spelling_variants(name: str) -> list[str]:
    """Other writings of ``name`` that are matched as well as the name as written: Korean
    syllables apart (``korean.syllable_spelling``), a solid CJK word as one word."""
    found = (syllable_spelling(name), one_word_reading(name))
    return [variant for variant in found if variant]


def _word_forms(word: str, solid_cjk: bool) -> list[tuple[str, str]]:
    script = detect_script(word)
    if script == "Arab":
        return _arabic_words(word)
    if script in {"Hani", "Hang"}:
        if solid_cjk and all(char_script(c) == script for c in word):
            return _cjk_words(word)
        return [("".join(ascii_latin(c) for c in word), word)]
    return [(romanise(word, script), word)]


def normalise(name: str) -> NameForm:
    """Tokens of a name: transliterated, folded, particles dropped, compounds split."""
    raw = _INNER_QUOTES.sub("", name).strip()
    text = fold(raw)
    script = detect_script(text)
    tokens: list[Token] = []
    dropped: list[str] = []
    parts = [(written, part) for written in _parts(raw) for part in _parts(fold(written))]
    # Spaces (or hyphens) inside a Han or Hangul name mean a transcribed foreign name, not
    # family + given name; so do word joiners (``one_word_reading``).
    solid_cjk = len(parts) == 1 and ONE_WORD not in raw
    for written, part in parts:
        part_script = detect_script(part)
        shown = unicodedata.normalize("NFC", written.replace(ONE_WORD, ""))
        for latin, original in _word_forms(part, solid_cjk):
            # Letters no transliterator reads aloud (אא) still name someone: as written.
            for piece in letters_only(latin) or [original]:
                for folded in _split_compound(piece):
                    if folded in PARTICLES:
                        dropped.append(folded)
                    else:
                        tokens.append(Token(folded, original, part_script, shown))
    if not tokens and dropped:  # a name made only of particles keeps them
        tokens = [Token(d, d, script) for d in dropped]
        dropped = []
    return NameForm(text, script, tuple(tokens), tuple(dropped))


def _parts(text: str) -> list[str]:
    """The words of a name and the parts of hyphenated words, empty ones left out."""
    return [part for word in _SPLIT.split(text) for part in _HYPHENS.split(word) if part]
