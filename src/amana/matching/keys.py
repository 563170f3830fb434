"""Candidate keys for a name token: its phonetic skeletons and its typo neighbourhood.

The *skeleton* is a consonant outline with sounds that romanisation schemes disagree on folded
together (k/q/hard c/g/j, s/z/soft c/sh/ch, h/kh, t/d/th/dh, b/p, f/v/ph), vowels and the semi-
vowels w and y dropped except at the start, doubled letters merged, a final h dropped. Abjad
scripts write no short vowels, so محمد (mhmd) and Mohammed, Muhammad, Mohamed all meet at
``mhmt``; Юрий (yuriy), Iouri and Jurij at ``yr``. Hand-written, because phonetic libraries
(Soundex, Metaphone, NYSIIS in jellyfish) model English spelling only; the table is small and
tested by golden cases. Ambiguous letters yield several skeletons (a leading j is y in Slavic
and German spellings but j elsewhere); a token matches another if any of their skeletons meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGRAPHS = (
    ("shch", "s"),
    ("tsch", "s"),
    ("sch", "s"),
    ("tsh", "s"),
    ("tch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("dzh", "k"),
    ("zh", "k"),
    ("dj", "k"),
    ("kh", "h"),
    ("gh", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "t"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("x", "ks"),
    ("ou", "u"),
)
_CLASSES = str.maketrans(
    {"c": "k", "q": "k", "g": "k", "j": "k", "z": "s", "d": "t", "p": "b", "v": "f"}
)
_VOWELS = re.compile(r"[aeiou]+")
_IOTATED = re.compile(r"^(?:[ij])(?=[aeiou])")
_REPEATS = re.compile(r"(.)\1+")
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWEL_J = re.compile(r"(?<=.)j")  # inside a word, j is a glide: Marija, Svjatoslav


def consonant_classes(token: str) -> str:
    """Digraphs and consonant classes folded as in an outline, vowels kept."""
    token = _VOWEL_J.sub("y", _SOFT_C.sub("s", token))
    for digraph, sound in _DIGRAPHS:
        token = token.replace(digraph, sound)
    return token.translate(_CLASSES)


def _outline(token: str) -> str:
    token = _VOWEL_J.sub("y", _SOFT_C.sub("s", token))
    head, rest = token[:1], token[1:]
    for digraph, sound in _DIGRAPHS:
        rest = rest.replace(digraph, sound)
        if token.startswith(digraph):
            head, rest = sound, token[len(digraph) :]
            for later, later_sound in _DIGRAPHS:
                rest = rest.replace(later, later_sound)
            break
    rest = _VOWELS.sub("", rest.replace("w", "").replace("y", ""))
    if head in "aeiou":
        head = ""
    outline = _REPEATS.sub(r"\1", (head + rest).translate(_CLASSES))
    if len(outline) > 1 and outline.endswith("h"):
        outline = outline[:-1]
    return outline or token


@lru_cache(maxsize=200_000)
def readings(token: str) -> frozenset[str]:
    return frozenset(_readings(token))


def _readings(token: str) -> set[str]:
    """The ways an ambiguous spelling may be read: x is ks (Alexander) or kh (Cyrillic х in
    GOST), a hard c is k or ts (Slavic), an initial j, i or y before a vowel is a consonant or
    the glide of an iotated vowel (Yevseyev ~ Evseev, Jurij ~ Yuriy)."""
    readings = {token}
    if "x" in token:
        readings.add(token.replace("x", "h"))
    if "c" in token:
        readings |= {r.replace("c", "ts") for r in readings}
    if token[:2] in ("al", "el") and len(token) > 3:
        readings |= {r[2:] for r in readings if r[:2] in ("al", "el")}  # al-Rashid ~ Rashid
    if "w" in token[1:]:
        readings.add(token[0] + token[1:].replace("w", "v"))  # German spelling: Scherbakow
    if "j" in token[1:]:
        readings.add(token[0] + token[1:].replace("j", "zh"))  # Anjela ~ Анжела (informal)
    if _IOTATED.match(token) or (token[:1] == "y" and token[1:2] in "aeiou"):
        readings |= {"y" + r[1:] for r in readings} | {r[1:] for r in readings}
    return readings


@lru_cache(maxsize=200_000)
def skeletons(token: str) -> tuple[str, ...]:
    """The phonetic outlines of a folded (ASCII, lower case) token, one per reading."""
    first = _outline(token)
    others = {_outline(reading) for reading in _readings(token)} - {first}
    return (first, *sorted(others))


def deletions(token: str) -> set[str]:
    """The token with one character removed, each way (a symmetric-delete typo neighbourhood)."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}
