"""Chinese and Korean naming cultures for the synthetic screening data.

Both write the family name first and solid in their own script (张伟, 김민준), and both reach
Latin letters through several competing systems: Hanyu Pinyin, Wade-Giles and dialect spellings
for Chinese (Zhang / Chang / Cheung), Revised Romanization and older or personal habits for
Korean (Jeong / Jung / Chung, Minjun / Min-jun / Minjoon).
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import replace

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin
from synth_cultures import Culture, Item, Parts, Pool, Spec, _faker_names, fold_key, zipf
from synth_tables import CHINESE_FAMILY_EXTRA, KOREAN_FAMILY

# Characters read differently as family names than as words.
_SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "覃": "qin",
    "翟": "zhai",
    "缪": "miao",
    "种": "chong",
    "长": "chang",
}


def _pinyin(chars: str, surname: bool = False) -> list[str]:
    out = []
    for char in chars:
        reading = _SURNAME_READINGS.get(char) if surname else None
        syllable = reading or lazy_pinyin(char)[0]
        out.append(syllable.replace("v", "yu"))  # passports write 吕 as LYU
    return out


def _wade_giles(chars: str) -> list[str]:
    return [s.replace("v", "ü") for s in lazy_pinyin(chars, style=Style.WADEGILES)]


def _given_forms(syllables: Sequence[str], wg: Sequence[str]) -> tuple[str, ...]:
    """Joined, hyphenated and spaced pinyin; hyphenated and joined Wade-Giles."""
    joined = "".join(syllables).capitalize()
    hyphen = "-".join(syllables).capitalize()
    spaced = " ".join(s.capitalize() for s in syllables)
    wg_hyphen = "-".join(wg).capitalize()
    wg_joined = "".join(wg).replace("'", "").capitalize()
    return joined, hyphen, spaced, wg_hyphen, wg_joined


def _generated_given(seed_names: Sequence[str], count: int, label: str) -> list[str]:
    """Two-character given names recombined from Faker's, to get a realistic long tail."""
    chars = sorted({c for name in seed_names for c in name})
    rng = random.Random(zlib.crc32(label.encode()))
    out = dict.fromkeys(rng.choice(chars) + rng.choice(chars) for _ in range(count))
    return [name for name in out if name not in seed_names]


class ChineseCulture(Culture):
    script = "Hani"
    joiner_native = ""

    def __init__(self, nationalities: dict[str, float]) -> None:
        super().__init__("zh_CN", nationalities)
        names, weights = _faker_names("zh_CN", "last_names")
        families = []
        for han in names:
            pinyin = "".join(_pinyin(han, surname=True)).capitalize()
            wade = "".join(_wade_giles(han)).replace("'", "").capitalize()
            extra = tuple(e for e in CHINESE_FAMILY_EXTRA.get(han, ()) if e not in (pinyin, wade))
            families.append(Item((han, pinyin, wade, *extra), pinyin.lower()))
        self._family = Pool(families, weights or zipf(len(families)))
        self._given = {sex: self._given_pool(sex) for sex in ("male", "female")}

    def _given_pool(self, sex: str) -> Pool:
        seed, _ = _faker_names("zh_CN", f"first_names_{sex}")
        names = seed + _generated_given(seed, 3000, f"zh.{sex}")
        items = [
            Item((n, *_given_forms(_pinyin(n), _wade_giles(n))), "".join(_pinyin(n))) for n in names
        ]
        return Pool(items, zipf(len(items), 0.8))

    def given_pool(self, sex: str) -> Pool:
        return self._given[sex]

    def family_pool(self, sex: str) -> Pool:
        return self._family

    def _forms(self, rng: random.Random, parts: Parts) -> tuple[int, int]:
        family = self._family.items[parts.family[0]]
        draw = rng.random()
        if draw < 0.7:  # mainland pinyin
            return 1, rng.choices((1, 2, 3), (0.7, 0.1, 0.2))[0]
        if draw < 0.85 or len(family.forms) <= 3:  # Taiwan: Wade-Giles
            return 2, rng.choice((4, 5))
        return rng.randrange(3, len(family.forms)), 3  # Hong Kong, Singapore, Malaysia

    def latin_spec(self, rng: random.Random, parts: Parts) -> Spec:
        family_form, given_form = self._forms(rng, parts)
        order = rng.choices(("fgm", "gmf", "f,gm"), (0.55, 0.35, 0.10))[0]
        return Spec((given_form, family_form), order)

    def native_spec(self, rng: random.Random, parts: Parts) -> Spec:
        return Spec((0, 0), "fgm")

    def variant_spec(self, rng: random.Random, parts: Parts, spec: Spec) -> Spec | None:
        for _ in range(8):
            candidate = self.latin_spec(rng, parts)
            candidate = replace(candidate, order=spec.order if spec.forms[0] else candidate.order)
            if self.render(parts, candidate) != self.render(parts, spec):
                return candidate
        return None


# Spellings by ear or by older systems, one rule applied to one syllable of a Korean name.
_KOREAN_RULES = (
    ("eo", "u"),
    ("u", "oo"),
    ("g", "k"),
    ("j", "ch"),
    ("i", "ee"),
    ("ae", "ai"),
    ("eu", "u"),
    ("si", "shi"),
    ("d", "t"),
    ("b", "p"),
)


def _korean_alternative(syllables: list[str], label: str) -> list[str]:
    rng = random.Random(zlib.crc32(label.encode()))
    rules = list(_KOREAN_RULES)
    rng.shuffle(rules)
    for old, new in rules:
        for i in rng.sample(range(len(syllables)), len(syllables)):
            syllable = syllables[i]
            initial_only = old in {"g", "j", "d", "b"}
            if (
                syllable.startswith(old) if initial_only else old in syllable
            ) and new not in syllable:
                changed = (
                    new + syllable[len(old) :] if initial_only else syllable.replace(old, new, 1)
                )
                return [*syllables[:i], changed, *syllables[i + 1 :]]
    return syllables


class KoreanCulture(Culture):
    script = "Hang"
    joiner_native = ""

    def __init__(self, nationalities: dict[str, float]) -> None:
        super().__init__("ko_KR", nationalities)
        families = [Item(row, fold_key(row[1])) for row in KOREAN_FAMILY]
        self._family = Pool(families, zipf(len(families), 1.3))
        self._given = {sex: self._given_pool(sex) for sex in ("male", "female")}

    def _given_pool(self, sex: str) -> Pool:
        seed, _ = _faker_names("ko_KR", f"first_names_{sex}")
        names = seed + _generated_given(seed, 2500, f"ko.{sex}")
        items = []
        for name in names:
            syllables = [anyascii(c).lower() for c in name]
            alt = _korean_alternative(syllables, name)
            rr = "".join(syllables).capitalize()
            forms = (
                rr,
                "-".join(syllables).capitalize(),
                " ".join(s.capitalize() for s in syllables),
                "".join(alt).capitalize(),
                "-".join(alt).capitalize(),
            )
            items.append(Item((name, *forms), rr.lower()))
        return Pool(items, zipf(len(items), 0.8))

    def given_pool(self, sex: str) -> Pool:
        return self._given[sex]

    def family_pool(self, sex: str) -> Pool:
        return self._family

    def latin_spec(self, rng: random.Random, parts: Parts) -> Spec:
        family = self._family.items[parts.family[0]]
        family_form = 1 if rng.random() < 0.75 else rng.randrange(1, len(family.forms))
        given_form = rng.choices((1, 2, 3, 4, 5), (0.4, 0.3, 0.1, 0.1, 0.1))[0]
        order = rng.choices(("fgm", "gmf", "f,gm"), (0.4, 0.5, 0.1))[0]
        return Spec((given_form, family_form), order)

    def native_spec(self, rng: random.Random, parts: Parts) -> Spec:
        return Spec((0, 0), "fgm")

    def variant_spec(self, rng: random.Random, parts: Parts, spec: Spec) -> Spec | None:
        for _ in range(8):
            candidate = replace(self.latin_spec(rng, parts), order=spec.order)
            if self.render(parts, candidate) != self.render(parts, spec):
                return candidate
        return None
