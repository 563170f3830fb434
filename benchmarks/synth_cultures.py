"""Naming cultures for the synthetic screening data: name pools and how names are written.

A *culture* knows three things: which name parts a person has (given, middle — a father's name,
patronymic or second given name — and family), how often each part occurs (Zipf-like, so crowds
of "Mohammed" and "Wang" appear as they do in real lists), and every way a part is written: the
native script first, then its Latin spellings. A ``Spec`` picks one writing per part plus an
order; ``Culture.render`` turns parts and spec into the string a list or an officer would hold.

Pools are built once per process (Faker's locale lists, the hand tables of ``synth_tables``,
iuliia's Russian schemes, pypinyin) so that drawing a person costs a few microseconds.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import random
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from anyascii import anyascii
from synth_tables import (
    ARABIC_CONNECTOR_FEMALE,
    ARABIC_CONNECTOR_MALE,
    ARABIC_FAMILY,
    ARABIC_GIVEN_FEMALE,
    ARABIC_GIVEN_MALE,
    ARABIC_KUNYA,
    DOUBLE_FAMILY_LOCALES,
    LATIN_PARTICLES,
    MIDDLE_NAME_LOCALES,
)

HELD_OUT_MODULUS = 8
"""One name in eight (outside each pool's most common tenth) never appears in the data set: the
must-not-hit queries are built from these, so they cannot be somebody's real name."""


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def fold_key(text: str) -> str:
    """Identity of a name part across spellings of the same item: lower-case ASCII."""
    return "".join(c for c in anyascii(text).lower() if c.isalnum())


@dataclass(frozen=True, slots=True)
class Item:
    forms: tuple[str, ...]  # [0] as written natively; [1:] Latin spellings
    key: str  # what makes two people namesakes


class Pool:
    """Weighted name items, split into the in-set part and a held-out part for negatives."""

    def __init__(self, items: Sequence[Item], weights: Sequence[float]) -> None:
        self.items = list(items)
        ranked = sorted(range(len(items)), key=lambda i: -weights[i])
        protected = set(ranked[: max(1, len(items) // 10)])
        held = [
            i not in protected and zlib.crc32(items[i].key.encode()) % HELD_OUT_MODULUS == 0
            for i in range(len(items))
        ]
        self.inset = [i for i in range(len(items)) if not held[i]]
        self.heldout = [i for i in range(len(items)) if held[i]]
        self._cum = list(itertools.accumulate(weights[i] for i in self.inset))
        self.common = [i for i in ranked if not held[i]][:20]

    def draw(self, rng: random.Random) -> int:
        return self.inset[bisect.bisect(self._cum, rng.random() * self._cum[-1])]

    def draw_unseen(self, rng: random.Random) -> int:
        return rng.choice(self.heldout) if self.heldout else self.draw(rng)

    def draw_common(self, rng: random.Random) -> int:
        return rng.choice(self.common)


def zipf(count: int, exponent: float = 0.9) -> list[float]:
    return [1.0 / (rank + 2) ** exponent for rank in range(count)]


def shuffled(values: Sequence[str], label: str) -> list[str]:
    """Faker's lists are mostly alphabetical: shuffle (deterministically) before Zipf weights,
    or every crowd would be called Aaron."""
    out = list(dict.fromkeys(values))
    random.Random(zlib.crc32(label.encode())).shuffle(out)
    return out


@dataclass(frozen=True, slots=True)
class Parts:
    sex: str
    given: tuple[int, ...]
    middle: tuple[int, ...] = ()
    family: tuple[int, ...] = ()
    particle: int = -1  # index into the culture's particles (Latin cultures), -1 none


@dataclass(frozen=True, slots=True)
class Spec:
    """How one name is written: a form per part (given..., middle..., family...) and an order."""

    forms: tuple[int, ...]
    order: str = "gmf"  # "gmf", "fgm" or "f,gm" (FAMILY, Given Middle)
    extra: int = 0  # culture specific: Arabic connector / kunya, Latin particle style, upper case


class Culture:
    """Base class: a Latin-script culture whose only alternative spelling is without accents."""

    script = "Latn"
    joiner_native = " "
    has_middle = False

    def __init__(self, name: str, nationalities: dict[str, float]) -> None:
        self.name = name
        self.nationalities = nationalities
        self._nat_codes = list(nationalities)
        self._nat_cum = list(itertools.accumulate(nationalities.values()))

    # --- pools (overridden) -------------------------------------------------------------
    def given_pool(self, sex: str) -> Pool:
        raise NotImplementedError

    def family_pool(self, sex: str) -> Pool:
        raise NotImplementedError

    def middle_pool(self, sex: str) -> Pool | None:
        return None

    def family_count(self, rng: random.Random) -> int:
        return 1

    # --- drawing ------------------------------------------------------------------------
    def nationality(self, rng: random.Random) -> str:
        return self._nat_codes[bisect.bisect(self._nat_cum, rng.random() * self._nat_cum[-1])]

    def draw_parts(self, rng: random.Random, sex: str, mode: str = "inset") -> Parts:
        """mode: "inset" (a real person), or for negatives "common_given", "common_family",
        "unseen" (both parts held out) and "recombined" (in-set parts, checked later)."""
        gpool, fpool = self.given_pool(sex), self.family_pool(sex)
        given_draw = {
            "common_given": gpool.draw_common,
            "common_family": gpool.draw_unseen,
            "unseen": gpool.draw_unseen,
        }.get(mode, gpool.draw)
        family_draw = {
            "common_given": fpool.draw_unseen,
            "common_family": fpool.draw_common,
            "unseen": fpool.draw_unseen,
        }.get(mode, fpool.draw)
        given = (given_draw(rng),)
        middle: tuple[int, ...] = ()
        mpool = self.middle_pool(sex)
        if mode == "inset" and mpool is not None and rng.random() < self.middle_share:
            middle = (mpool.draw(rng),)
        family = tuple(family_draw(rng) for _ in range(self.family_count(rng)))
        return Parts(sex, given, middle, family, self.draw_particle(rng))

    middle_share = 0.0

    def draw_particle(self, rng: random.Random) -> int:
        return -1

    def items(self, parts: Parts) -> list[Item]:
        mpool = self.middle_pool(parts.sex)
        out = [self.given_pool(parts.sex).items[i] for i in parts.given]
        if mpool is not None:
            out += [mpool.items[i] for i in parts.middle]
        return out + [self.family_pool(parts.sex).items[i] for i in parts.family]

    def middle_key(self, parts: Parts) -> str:
        mpool = self.middle_pool(parts.sex)
        return "" if mpool is None or not parts.middle else mpool.items[parts.middle[0]].key

    def identity(self, parts: Parts) -> str:
        """Namesakes share the first given name and the family name(s); middle names and spelling
        do not count (a list's "Mohammed Ali Hassan" is the officer's "Mohammed Hassan")."""
        given = self.given_pool(parts.sex).items[parts.given[0]].key
        family = "+".join(self.family_pool(parts.sex).items[i].key for i in parts.family)
        return f"{given}|{family}"

    # --- writing ------------------------------------------------------------------------
    def latin_spec(self, rng: random.Random, parts: Parts) -> Spec:
        """A Latin spelling as a list or a passport would have it."""
        return Spec((0,) * self.part_count(parts), self.latin_order(rng))

    def native_spec(self, rng: random.Random, parts: Parts) -> Spec:
        return Spec((0,) * self.part_count(parts), "gmf")

    def variant_spec(self, rng: random.Random, parts: Parts, spec: Spec) -> Spec | None:
        """Another Latin spelling of the same parts, or None when the culture has none."""
        return None

    def latin_order(self, rng: random.Random) -> str:
        return "gmf" if rng.random() < 0.85 else "f,gm"

    @staticmethod
    def part_count(parts: Parts) -> int:
        return len(parts.given) + len(parts.middle) + len(parts.family)

    def words(self, parts: Parts, spec: Spec) -> tuple[list[str], list[str], list[str]]:
        written = [
            item.forms[min(f, len(item.forms) - 1)]
            for item, f in zip(self.items(parts), spec.forms, strict=True)
        ]
        ng, nm = len(parts.given), len(parts.middle)
        return written[:ng], written[ng : ng + nm], written[ng + nm :]

    def render(self, parts: Parts, spec: Spec, given_override: str | None = None) -> str:
        given, middle, family = self.words(parts, spec)
        if given_override is not None:
            given[0] = given_override
        family = self.decorate_family(parts, spec, family)
        return self.assemble(parts, given, middle, family, spec)

    def decorate_family(self, parts: Parts, spec: Spec, family: list[str]) -> list[str]:
        return family

    def is_latin(self, spec: Spec) -> bool:
        return self.script == "Latn" or any(spec.forms)

    def assemble(
        self, parts: Parts, given: list[str], middle: list[str], family: list[str], spec: Spec
    ) -> str:
        joiner = " " if self.is_latin(spec) else self.joiner_native
        if spec.order == "fgm":
            return joiner.join(family + given + middle)
        if spec.order == "f,gm":
            return " ".join(family).upper() + ", " + " ".join(given + middle)
        return joiner.join(given + middle + family)

    def spell(self, native: str, form: int) -> str | None:
        """Spell a native word (e.g. a diminutive) with Latin scheme ``form``; None if unknown."""
        return native if form == 0 else None


# ---------------------------------------------------------------------------------------------
# Latin-script cultures from Faker's locale lists


def _faker_names(locale: str, attribute: str) -> tuple[list[str], list[float] | None]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    values = getattr(provider, attribute, None)
    if not values:
        return [], None
    if isinstance(values, dict):  # Faker's weighted lists carry real frequencies
        return list(values), [float(w) for w in values.values()]
    return shuffled(values, f"{locale}.{attribute}"), None


def faker_pool(locale: str, attributes: Sequence[str], form: Callable[[str], Item]) -> Pool:
    for attribute in attributes:
        names, weights = _faker_names(locale, attribute)
        names = [n for n in names if n and len(n) < 30]
        if names:
            items = [form(n) for n in names]
            return Pool(items, weights[: len(items)] if weights else zipf(len(items)))
    raise LookupError(f"no {attributes} in Faker locale {locale}")


def latin_item(name: str) -> Item:
    return Item((name, strip_accents(name)), fold_key(name))


class LatinCulture(Culture):
    def __init__(self, locale: str, nationalities: dict[str, float]) -> None:
        super().__init__(locale, nationalities)
        self.locale = locale
        self.has_middle = locale in MIDDLE_NAME_LOCALES
        self.middle_share = 0.33 if self.has_middle else 0.0
        self.particles, self.particle_share = LATIN_PARTICLES.get(locale, ((), 0.0))
        self._given = {
            s: faker_pool(locale, [f"first_names_{s}", "first_names"], latin_item)
            for s in ("male", "female")
        }
        self._family = {
            s: faker_pool(locale, [f"last_names_{s}", "last_names"], latin_item)
            for s in ("male", "female")
        }

    def given_pool(self, sex: str) -> Pool:
        return self._given[sex]

    def family_pool(self, sex: str) -> Pool:
        return self._family[sex]

    def middle_pool(self, sex: str) -> Pool | None:
        return self._given[sex] if self.has_middle else None

    def family_count(self, rng: random.Random) -> int:
        return 2 if self.locale in DOUBLE_FAMILY_LOCALES and rng.random() < 0.7 else 1

    def draw_particle(self, rng: random.Random) -> int:
        if self.particles and rng.random() < self.particle_share:
            return rng.randrange(len(self.particles))
        return -1

    def decorate_family(self, parts: Parts, spec: Spec, family: list[str]) -> list[str]:
        if parts.particle < 0:
            return family
        particle = self.particles[parts.particle]
        style = spec.extra  # 0 "van der Berg", 1 "Van Der Berg", 2 "Vanderberg", 3 dropped
        if style == 1:
            particle = particle.title()
        if style == 2:
            return ["".join(particle.split()).title() + family[0].lower(), *family[1:]]
        if style == 3:
            return family
        return [f"{particle} {family[0]}", *family[1:]]

    def spell(self, native: str, form: int) -> str | None:
        return native if form == 0 else strip_accents(native)


# ---------------------------------------------------------------------------------------------
# Arabic: hand tables with several Latin spellings per name; father's name as middle name


def table_pool(rows: Sequence[tuple[str, ...]], exponent: float = 0.9) -> Pool:
    unique = {row[0]: row for row in rows}.values()  # one item per native spelling
    items = [Item(tuple(row), fold_key(row[1])) for row in unique]
    return Pool(items, zipf(len(items), exponent))


class ArabicCulture(Culture):
    script = "Arab"
    has_middle = True
    middle_share = 0.75  # given + father + family is the common full form

    def __init__(self, nationalities: dict[str, float]) -> None:
        super().__init__("ar", nationalities)
        self._given = {
            "male": table_pool(ARABIC_GIVEN_MALE),
            "female": table_pool(ARABIC_GIVEN_FEMALE),
        }
        # Many family names are an ancestor's given name (Hassan, Abbas): the table's family
        # names, then the given names, make a longer and flatter tail, as in real lists.
        self._family = table_pool(ARABIC_FAMILY + ARABIC_GIVEN_MALE, exponent=0.7)

    def given_pool(self, sex: str) -> Pool:
        return self._given[sex]

    def family_pool(self, sex: str) -> Pool:
        return self._family

    def middle_pool(self, sex: str) -> Pool | None:
        return self._given["male"]  # a father's name

    def _latin_forms(self, rng: random.Random, parts: Parts) -> tuple[int, ...]:
        # Each part is spelt on its own: the first (commonest) spelling half of the time.
        forms = []
        for item in self.items(parts):
            n = len(item.forms) - 1
            forms.append(1 if rng.random() < 0.5 or n == 1 else rng.randint(1, n))
        return tuple(forms)

    def latin_spec(self, rng: random.Random, parts: Parts) -> Spec:
        connector = rng.randint(1, 4) if parts.middle and rng.random() < 0.25 else 0
        return Spec(self._latin_forms(rng, parts), self.latin_order(rng), connector)

    def native_spec(self, rng: random.Random, parts: Parts) -> Spec:
        connector = -1 if parts.middle and rng.random() < 0.25 else 0
        return Spec((0,) * self.part_count(parts), "gmf", connector)

    def variant_spec(self, rng: random.Random, parts: Parts, spec: Spec) -> Spec | None:
        items = self.items(parts)
        choices = [i for i, item in enumerate(items) if len(item.forms) > 2]
        if not choices:
            return None
        forms = list(spec.forms) if self.is_latin(spec) else [1] * len(items)
        for i in rng.sample(choices, k=min(len(choices), rng.randint(1, 2))):
            others = [f for f in range(1, len(items[i].forms)) if f != forms[i]]
            forms[i] = rng.choice(others)
        return replace(spec, forms=tuple(forms))

    def assemble(
        self, parts: Parts, given: list[str], middle: list[str], family: list[str], spec: Spec
    ) -> str:
        if middle and spec.extra:  # Gulf style: Mohammed bin Salman al-Saud
            female = parts.sex == "female"
            connectors = ARABIC_CONNECTOR_FEMALE if female else ARABIC_CONNECTOR_MALE
            index = 0 if spec.extra < 0 else min(spec.extra, len(connectors) - 1)
            middle = [connectors[index], *middle]
        return super().assemble(parts, given, middle, family, replace(spec, extra=0))

    def kunya(self, rng: random.Random, latin: bool) -> str:
        """A nom de guerre such as "Abu Hamza": common aliases on terrorism lists."""
        son = self._given["male"].items[self._given["male"].draw(rng)]
        if not latin:
            return f"{ARABIC_KUNYA[0]} {son.forms[0]}"
        return f"{rng.choice(ARABIC_KUNYA[1:])} {son.forms[1]}"
