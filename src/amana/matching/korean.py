"""A bridge between Hangul transcriptions of foreign names and their Latin spellings.

Korean writes a foreign name by its sound, syllable by syllable: consonant clusters get an
epenthetic ㅡ (Mark → 마크, ma-keu), a final r vanishes (McClure → 매클루어), f and v become p and
b, z becomes j, l and r share one letter. Outlines made of the sounds both sides keep let the
Hangul meet the Latin spelling: 폴 스콜스 ~ Paul Scholes at ``pl skls``.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


# Consonant classes of Hangul's letters, read from the syllable itself rather than from a
# romanisation: a final ㅅ is romanised "s" but sounds, and transcribes, a final t (스밋 ~ Smit).
_INITIALS = (
    "k",
    "k",
    "n",
    "t",
    "t",
    "l",
    "m",
    "b",
    "b",
    "s",
    "s",
    "",
    "s",
    "s",
    "s",
    "k",
    "t",
    "b",
    "",
)  # ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ
_FINALS = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "b",
    "l",
    "m",
    "b",
    "b",
    "t",
    "t",
    "n",
    "t",
    "t",
    "k",
    "t",
    "b",
    "t",
)
_SYLLABLE_BASE, _SYLLABLE_LAST = 0xAC00, 0xD7A3


def letters(char: str) -> tuple[int, int, int] | None:
    """A Hangul syllable's initial consonant, vowel and final consonant as indexes into the
    Unicode order (19 × 21 × 28 syllables); ``None`` for any other character."""
    offset = ord(char) - _SYLLABLE_BASE
    if not 0 <= offset <= _SYLLABLE_LAST - _SYLLABLE_BASE:
        return None
    return offset // 588, (offset % 588) // 28, offset % 28


@lru_cache(maxsize=200_000)
def hangul_outline(hangul: str) -> str:
    """Outline of a Hangul token: the consonant classes its syllables sound."""
    parts = (letters(char) for char in hangul)
    sounds = [_INITIALS[p[0]] + _FINALS[p[2]] for p in parts if p is not None]
    return _REPEATS.sub(r"\1", "".join(sounds))


@lru_cache(maxsize=200_000)
def latin_outlines(token: str) -> tuple[str, ...]:
    """Outlines of a Latin token as Korean would hear it, one per plausible reading: the
    spelling does not say the name's language, and Korean follows the language (English Mark
    loses its r, Italian Marcello keeps it; c and g soften before e and i in Romance names; an
    English th is heard as s)."""
    readings = {token, _LATIN_R.sub("", token)}
    readings |= {_SOFT_G.sub("j", _SOFT_C.sub("s", r)) for r in readings}
    readings |= {r.replace("th", "s") for r in readings if "th" in r}  # Smith 스미스
    return tuple(sorted({_outline(r) for r in readings}))


_SOFT_C = re.compile(r"c(?=[eiy])")
_SOFT_G = re.compile(r"g(?=[eiy])")


# Family names as Koreans spell them in Latin script, which the Revised Romanization (and
# anyascii) rarely gives: 이 is "i" there but Lee, Yi or Rhee on a passport. The forty-odd names
# below are the commonest, borne by over 90% of Koreans (Statistics Korea, 2015 census).
SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "김": ("kim",),
    "이": ("lee", "yi", "rhee", "ri", "li"),
    "리": ("lee", "ri", "li", "rhee"),
    "박": ("park", "pak", "bak"),
    "최": ("choi", "choe"),
    "정": ("jung", "chung", "jeong", "cheong"),
    "강": ("kang",),
    "조": ("cho", "jo", "joe"),
    "윤": ("yoon", "yun"),
    "장": ("jang", "chang"),
    "임": ("lim", "im", "rim"),
    "림": ("lim", "rim"),
    "오": ("oh", "o"),
    "서": ("seo", "suh"),
    "신": ("shin", "sin"),
    "권": ("kwon",),
    "안": ("ahn", "an"),
    "류": ("ryu", "yoo", "yu", "rhyu"),
    "유": ("yoo", "yu", "ryu"),
    "전": ("jeon", "jun", "chun", "chon"),
    "고": ("ko", "koh", "go"),
    "문": ("moon", "mun"),
    "손": ("son", "sohn"),
    "배": ("bae", "pae"),
    "백": ("baek", "paik", "paek", "back"),
    "허": ("heo", "huh", "hur"),
    "노": ("noh", "roh", "no", "ro"),
    "로": ("roh", "ro", "noh"),
    "곽": ("kwak",),
    "성": ("sung", "seong"),
    "주": ("joo", "ju", "chu", "choo"),
    "우": ("woo", "wu", "u"),
    "구": ("koo", "ku", "gu"),
    "엄": ("um", "eom", "uhm"),
    "천": ("chun", "cheon"),
    "공": ("kong",),
    "현": ("hyun", "hyeon"),
    "변": ("byun", "byeon", "pyun"),
    "염": ("yum", "yeom"),
    "석": ("suk", "seok"),
    "선": ("sun", "seon"),
    "심": ("shim", "sim"),
    "지": ("ji", "chi"),
    "진": ("jin", "chin"),
    "한": ("han",),
    "황": ("hwang",),
    "송": ("song",),
    "홍": ("hong",),
    "양": ("yang",),
    "남": ("nam",),
    "하": ("ha",),
    "차": ("cha",),
    "민": ("min",),
    "나": ("na", "ra"),
    "채": ("chae",),
    "원": ("won",),
    "방": ("bang",),
    "함": ("ham",),
    "도": ("do",),
}
HANGUL_SYLLABLES = re.compile(r"^[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)?$")
MAX_NATIVE_SYLLABLES = 4


def syllable_spelling(name: str) -> str | None:
    """A Korean name with every syllable apart: 양세근 → 양 세 근.

    A Korean given name is two syllables written as one word, which Latin spellings split
    ("Yang Se-keun") or join ("Yang Sekeun") at will: offering both forms lets each side meet the
    other token by token. Only for names as short as Korean names are (a transcribed foreign
    name such as 패트릭 슈워제네거 is not split: its syllables are not name parts).
    """
    compact = name.strip()
    if not HANGUL_SYLLABLES.match(compact):
        return None
    syllables = compact.replace(" ", "")
    if not 2 <= len(syllables) <= MAX_NATIVE_SYLLABLES or looks_transcribed(syllables):
        return None
    spelled = " ".join(syllables)
    return spelled if spelled != compact else None


_VOWEL_EU = 18  # ㅡ


def looks_transcribed(hangul: str) -> bool:
    """A syllable of the epenthetic ㅡ alone (크, 스, 트, 드 …) marks a transcribed foreign name
    (마이크 Mike, 스밋 Smit); Korean names almost never use one, so such a word is not split
    into a family name and a given name."""
    for char in hangul:
        parts = letters(char)
        if parts is None:
            continue
        initial, vowel, final = parts
        if vowel == _VOWEL_EU and final == 0 and initial != _SILENT_INITIAL:
            return True
    return False


_SILENT_INITIAL = 11  # ㅇ


def could_be_family_first(word: str) -> bool:
    """Whether a solid Chinese or Korean word may be family name + given name. In Hangul only
    when it starts with a family name and has no transcription syllable: 앤더슨 (Anderson)
    would otherwise split into 앤 + 더슨 and match nothing."""
    if not word or letters(word[0]) is None:
        return True  # Han: any first character may be a family name
    return word[0] in SURNAME_SPELLINGS and not looks_transcribed(word)


@lru_cache(maxsize=1)
def surname_hangul() -> dict[str, frozenset[str]]:
    """Latin spelling → the Hangul family names written that way."""
    found: dict[str, set[str]] = {}
    for hangul, spellings in SURNAME_SPELLINGS.items():
        for spelling in spellings:
            found.setdefault(spelling, set()).add(hangul)
    return {spelling: frozenset(names) for spelling, names in found.items()}


# How Korean syllables are spelt in Latin script in practice: the Revised Romanization, the
# McCune-Reischauer system it replaced (k/t/p/ch for ㄱㄷㅂㅈ, o/u for ㅓ) and the spellings
# people choose for their own passports (oo, ee, young, ock). Indexed by the letters of a
# syllable: initial consonant, vowel, final consonant.
_INITIAL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),
    ("kk", "gg", "k"),
    ("n",),
    ("d", "t"),
    ("tt", "dd"),
    ("r", "l"),
    ("m",),
    ("b", "p"),
    ("pp", "bb"),
    ("s", "sh"),
    ("ss", "s"),
    ("",),
    ("j", "ch"),
    ("jj", "tch"),
    ("ch",),
    ("k",),
    ("t",),
    ("p",),
    ("h",),
)
_VOWEL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("a",),
    ("ae",),
    ("ya",),
    ("yae",),
    ("eo", "o", "u"),
    ("e",),
    ("yeo", "yo", "you", "yu"),
    ("ye",),
    ("o", "oh"),
    ("wa",),
    ("wae",),
    ("oe", "oi", "we"),
    ("yo",),
    ("u", "oo", "woo"),
    ("wo", "weo"),
    ("we",),
    ("wi", "wee"),
    ("yu", "yoo"),
    ("eu", "u"),
    ("ui", "eui", "ee"),
    ("i", "ee", "y"),
)
_FINAL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k", "g", "ck"),
    ("k",),
    ("k",),
    ("n",),
    ("n",),
    ("n",),
    ("t", "d"),
    ("l", "r"),
    ("k",),
    ("m",),
    ("l",),
    ("l",),
    ("l",),
    ("p",),
    ("l",),
    ("m",),
    ("p", "b"),
    ("p",),
    ("t", "s"),
    ("t",),
    ("ng",),
    ("t",),
    ("t",),
    ("k",),
    ("t",),
    ("p",),
    ("t", "h"),
)


@lru_cache(maxsize=20_000)
def syllable_spellings(syllable: str) -> frozenset[str]:
    """Latin spellings of one Hangul syllable: 국 → guk, kuk, gook, kook, …"""
    parts = letters(syllable) if len(syllable) == 1 else None
    if parts is None:
        return frozenset()
    initial, vowel, final = parts
    return frozenset(
        head + middle + tail
        for head in _INITIAL_SPELLINGS[initial]
        for middle in _VOWEL_SPELLINGS[vowel]
        for tail in _FINAL_SPELLINGS[final]
        if head + middle + tail
    )
