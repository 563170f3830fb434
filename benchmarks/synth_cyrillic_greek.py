"""Cyrillic and Greek naming cultures for the synthetic screening data.

Russian names go through thirteen of iuliia's romanisation schemes (passports since 2013 write
Iurii, older ones Yuriy, French visas Iouri, scholars Jurij); Ukrainian through the national
passport table (KMU 2010), BGN/PCGN and the Russian habit; Greek through ELOT 743, spelling by
ear and letter-by-letter transliteration.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
from dataclasses import replace

import iuliia
from anyascii import anyascii
from synth_cultures import Culture, Item, Parts, Pool, Spec, faker_pool, fold_key, strip_accents
from synth_tables import (
    GREEK_DIGRAPHS_ELOT,
    GREEK_DIGRAPHS_PHONETIC,
    GREEK_LETTERS_ELOT,
    GREEK_LETTERS_PHONETIC,
    UKRAINIAN_BGN_PCGN,
    UKRAINIAN_KMU_2010,
    UKRAINIAN_KMU_2010_INITIAL,
    UKRAINIAN_RUSSIAN_STYLE,
)

RUSSIAN_SCHEMES = (
    iuliia.ICAO_DOC_9303,
    iuliia.MVD_310,
    iuliia.MVD_782,
    iuliia.BGN_PCGN,
    iuliia.WIKIPEDIA,
    iuliia.GOST_779,
    iuliia.SCIENTIFIC,
    iuliia.ALA_LC_ALT,
    iuliia.TELEGRAM,
    iuliia.MVD_310_FR,
    iuliia.YANDEX_MAPS,
    iuliia.GOST_7034,
    iuliia.GOST_52535,
)
RUSSIAN_STORED = (0.45, 0.2, 0.1, 0.15, 0.1)  # passports, old passports, visas, lists, press


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


@functools.lru_cache(maxsize=200_000)
def russian_latin(word: str, scheme: int) -> str:
    latin = RUSSIAN_SCHEMES[scheme].translate(word)
    # Some schemes leave ё untouched; people write it as ë or e.
    return _capitalise(latin.replace("ё", "ë").replace("Ё", "Ë"))


def _table_latin(word: str, table: dict[str, str], initial: dict[str, str]) -> str:
    out = []
    lower = word.lower()
    for i, char in enumerate(lower):
        if i == 0 and char in initial:
            out.append(initial[char])
        elif char == "г" and i > 0 and lower[i - 1] == "з" and table is UKRAINIAN_KMU_2010:
            out.append("gh")  # KMU 2010: зг → zgh
        else:
            out.append(table.get(char, char))
    return _capitalise("".join(out))


def ukrainian_latin(word: str, scheme: int) -> str:
    if scheme == 1:
        return _table_latin(word, UKRAINIAN_KMU_2010, UKRAINIAN_KMU_2010_INITIAL)
    if scheme == 2:
        return _table_latin(word, UKRAINIAN_BGN_PCGN, {})
    if scheme == 3:
        return _table_latin(word, UKRAINIAN_RUSSIAN_STYLE, {})
    return anyascii(word)


class CyrillicCulture(Culture):
    script = "Cyrl"
    has_middle = True
    middle_share = 0.6

    def __init__(self, locale: str, nationalities: dict[str, float]) -> None:
        super().__init__(locale, nationalities)
        self.russian = locale == "ru_RU"
        self.scheme_count = len(RUSSIAN_SCHEMES) if self.russian else 4
        self.stored_weights = RUSSIAN_STORED if self.russian else (0.6, 0.2, 0.2)

        def form(word: str) -> Item:
            latin = tuple(self.spell(word, s) or word for s in range(1, self.scheme_count + 1))
            return Item((word, *latin), fold_key(latin[0]))

        self._pools = {
            (kind, sex): faker_pool(locale, [f"{attr}_{sex}"], form)
            for kind, attr in (
                ("given", "first_names"),
                ("middle", "middle_names"),
                ("family", "last_names"),
            )
            for sex in ("male", "female")
        }

    def given_pool(self, sex: str) -> Pool:
        return self._pools["given", sex]

    def middle_pool(self, sex: str) -> Pool | None:
        return self._pools["middle", sex]

    def family_pool(self, sex: str) -> Pool:
        return self._pools["family", sex]

    def spell(self, native: str, form: int) -> str | None:
        if form == 0:
            return native
        return russian_latin(native, form - 1) if self.russian else ukrainian_latin(native, form)

    def _scheme(self, rng: random.Random) -> int:
        return 1 + bisect.bisect(
            list(itertools.accumulate(self.stored_weights)), rng.random() * sum(self.stored_weights)
        )

    def latin_spec(self, rng: random.Random, parts: Parts) -> Spec:
        # Passports carry given + family only; lists sometimes keep the patronymic.
        return Spec((self._scheme(rng),) * self.part_count(parts), self.latin_order(rng))

    def native_spec(self, rng: random.Random, parts: Parts) -> Spec:
        order = "fgm" if rng.random() < 0.6 else "gmf"  # Russian documents: family first
        return Spec((0,) * self.part_count(parts), order)

    def variant_spec(self, rng: random.Random, parts: Parts, spec: Spec) -> Spec | None:
        current = spec.forms[0] if spec.forms else 0
        scheme = rng.choice([s for s in range(1, self.scheme_count + 1) if s != current])
        return replace(
            spec,
            forms=(scheme,) * len(spec.forms),
            order="gmf" if spec.order == "fgm" else spec.order,
        )


# ---------------------------------------------------------------------------------------------
# Greek: ELOT 743, by-ear spelling, letter-by-letter transliteration


def greek_latin(word: str, phonetic: bool) -> str:
    digraphs = GREEK_DIGRAPHS_PHONETIC if phonetic else GREEK_DIGRAPHS_ELOT
    letters = GREEK_LETTERS_PHONETIC if phonetic else GREEK_LETTERS_ELOT
    text, out, i = strip_accents(word).lower(), [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in digraphs:
            out.append(digraphs[pair])
            i += 2
        else:
            out.append(letters.get(text[i], text[i]))
            i += 1
    return _capitalise("".join(out))


class GreekCulture(Culture):
    script = "Grek"

    def __init__(self, nationalities: dict[str, float]) -> None:
        super().__init__("el_GR", nationalities)

        def form(word: str) -> Item:
            latin = (greek_latin(word, False), greek_latin(word, True), anyascii(word))
            return Item((word, *latin), fold_key(latin[0]))

        self._pools = {
            (kind, sex): faker_pool("el_GR", [f"{attr}_{sex}"], form)
            for kind, attr in (("given", "first_names"), ("family", "last_names"))
            for sex in ("male", "female")
        }

    def given_pool(self, sex: str) -> Pool:
        return self._pools["given", sex]

    def family_pool(self, sex: str) -> Pool:
        return self._pools["family", sex]

    def spell(self, native: str, form: int) -> str | None:
        return [native, greek_latin(native, False), greek_latin(native, True), anyascii(native)][
            form
        ]

    def latin_spec(self, rng: random.Random, parts: Parts) -> Spec:
        scheme = 1 if rng.random() < 0.7 else rng.choice((2, 3))
        return Spec((scheme,) * self.part_count(parts), self.latin_order(rng))

    def native_spec(self, rng: random.Random, parts: Parts) -> Spec:
        return Spec((0,) * self.part_count(parts), "fgm" if rng.random() < 0.4 else "gmf")

    def variant_spec(self, rng: random.Random, parts: Parts, spec: Spec) -> Spec | None:
        current = spec.forms[0] if spec.forms else 0
        scheme = rng.choice([s for s in (1, 2, 3) if s != current])
        return replace(spec, forms=(scheme,) * len(spec.forms))
