"""Synthetic persons: a culture, name parts, the names a watchlist holds, dates, documents.

``make_person(seed, record_id)`` is a pure function: the data set is streamed, never stored, and
any person can be regenerated to build queries from it. Aliases are the kinds real lists carry:
other spellings, reordered forms, nicknames, the name with or without the father's name, noms de
guerre, maiden names and, rarely, an unrelated name.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import hashlib
import itertools
import random
import string
from dataclasses import dataclass, replace
from datetime import date

from synth_cjk import ChineseCulture, KoreanCulture
from synth_cultures import ArabicCulture, Culture, LatinCulture, Parts, Spec
from synth_cyrillic_greek import CyrillicCulture, GreekCulture
from synth_tables import NICKNAMES, PASSPORT_SHAPES

from amana.matching import PersonEntry

ARAB_NATIONS = {
    "EG": 20,
    "SA": 10,
    "IQ": 12,
    "SY": 12,
    "JO": 5,
    "LB": 4,
    "YE": 6,
    "MA": 8,
    "DZ": 7,
    "TN": 4,
    "LY": 4,
    "SD": 5,
    "AE": 2,
    "KW": 2,
    "PS": 4,
    "QA": 1,
    "OM": 1,
}
LATIN_LOCALES = {  # locale: (share of all persons in %, nationalities)
    "en_US": (8, {"US": 1}),
    "en_GB": (4, {"GB": 1}),
    "fr_FR": (4, {"FR": 9, "BE": 1}),
    "de_DE": (4, {"DE": 8, "AT": 1, "CH": 1}),
    "es_ES": (3, {"ES": 1}),
    "es_MX": (4, {"MX": 6, "CO": 2, "AR": 2}),
    "pt_BR": (4, {"BR": 1}),
    "pt_PT": (1, {"PT": 1}),
    "it_IT": (3, {"IT": 1}),
    "nl_NL": (2, {"NL": 8, "BE": 2}),
    "tr_TR": (3, {"TR": 1}),
    "ro_RO": (1, {"RO": 8, "MD": 2}),
    "cs_CZ": (1, {"CZ": 1}),
    "sk_SK": (0.5, {"SK": 1}),
    "hu_HU": (1, {"HU": 1}),
    "sv_SE": (1, {"SE": 1}),
    "hr_HR": (1, {"HR": 8, "BA": 2}),
    "id_ID": (2, {"ID": 1}),
    "yo_NG": (2, {"NG": 1}),
    "fi_FI": (0.5, {"FI": 1}),
    "da_DK": (0.5, {"DK": 1}),
    "en_IN": (2, {"IN": 1}),
}


@functools.cache
def cultures() -> tuple[tuple[Culture, ...], tuple[float, ...]]:
    """All cultures with their share of persons (%). Built once: pools take ~1 s."""
    table: list[tuple[Culture, float]] = [
        (ArabicCulture(ARAB_NATIONS), 22),
        (CyrillicCulture("ru_RU", {"RU": 85, "KZ": 5, "BY": 5, "LV": 2, "EE": 1, "DE": 2}), 9),
        (CyrillicCulture("uk_UA", {"UA": 95, "PL": 5}), 4),
        (GreekCulture({"GR": 85, "CY": 15}), 3),
        (ChineseCulture({"CN": 80, "TW": 8, "SG": 6, "MY": 6}), 9),
        (KoreanCulture({"KR": 92, "KP": 5, "US": 3}), 4),
    ]
    table += [(LatinCulture(loc, nats), share) for loc, (share, nats) in LATIN_LOCALES.items()]
    return tuple(c for c, _ in table), tuple(itertools.accumulate(s for _, s in table))


def pick_culture(rng: random.Random) -> Culture:
    pool, cum = cultures()
    return pool[bisect.bisect(cum, rng.random() * cum[-1])]


def identity_hash(text: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True
    )


@dataclass(frozen=True, slots=True)
class Rendering:
    parts: Parts
    spec: Spec | None  # None: a free-form alias (nom de guerre)
    text: str


@dataclass(frozen=True, slots=True)
class Person:
    record_id: int
    culture: Culture
    parts: Parts
    renderings: tuple[Rendering, ...]
    birth: date  # the true date; ``dobs`` is what the list knows of it
    dobs: tuple[str, ...]
    nationalities: tuple[str, ...]
    identifiers: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [r.text for r in self.renderings]

    def entry(self) -> PersonEntry:
        return PersonEntry(
            self.record_id,
            self.names,
            self.dobs,
            self.nationalities,
            self.parts.sex,
            self.identifiers,
        )


def nickname_of(culture: Culture, parts: Parts, spec: Spec) -> str | None:
    """The given name as a diminutive, in the spelling ``spec`` uses for the given name."""
    native = culture.items(parts)[0].forms[0]
    choices = NICKNAMES.get(native)
    if not choices:
        return None
    nick = choices[stable_index(native, len(choices))]
    return culture.spell(nick, spec.forms[0] if spec.forms else 0)


def stable_index(text: str, count: int) -> int:
    return int(hashlib.md5(text.encode(), usedforsecurity=False).hexdigest(), 16) % count


def base_specs(rng: random.Random, culture: Culture, parts: Parts) -> list[Spec]:
    if culture.script == "Latn":
        return [culture.latin_spec(rng, parts)]
    draw = rng.random()
    if draw < 0.55:
        return [culture.native_spec(rng, parts), culture.latin_spec(rng, parts)]
    if draw < 0.85:
        return [culture.latin_spec(rng, parts)]
    return [culture.native_spec(rng, parts)]


ALIAS_COUNTS = (0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 7)  # mean 1.55


def alias(rng: random.Random, culture: Culture, parts: Parts, first: Spec) -> Rendering | None:
    """One alias of the kinds watchlists carry; None when the drawn kind does not apply."""
    kind = rng.choices(
        ("spelling", "order", "nickname", "middle", "maiden", "kunya", "unrelated", "native"),
        (3, 1.5, 1, 1, 0.6, 0.5, 0.3, 1),
    )[0]
    latin = culture.is_latin(first)
    if kind == "spelling":
        spec = culture.variant_spec(rng, parts, first) if latin else culture.latin_spec(rng, parts)
        if spec is None and culture.script == "Latn" and not first.forms[0]:
            spec = replace(first, forms=(1,) * len(first.forms))  # without accents
        return None if spec is None else Rendering(parts, spec, culture.render(parts, spec))
    if kind == "order":
        spec = replace(first, order="f,gm" if first.order != "f,gm" else "gmf")
        return Rendering(parts, spec, culture.render(parts, spec))
    if kind == "nickname":
        nick = nickname_of(culture, parts, first)
        return None if nick is None else Rendering(parts, first, culture.render(parts, first, nick))
    if kind == "middle":
        other = with_or_without_middle(rng, culture, parts)
        if other is None:
            return None
        spec = respell(culture, rng, other, first)
        return Rendering(other, spec, culture.render(other, spec))
    if kind == "maiden" and parts.sex == "female" and culture.script == "Latn":
        other = replace(
            parts, family=tuple(culture.family_pool("female").draw(rng) for _ in parts.family)
        )
        return Rendering(other, first, culture.render(other, first))
    if kind == "kunya" and isinstance(culture, ArabicCulture) and parts.sex == "male":
        return Rendering(parts, None, culture.kunya(rng, latin))
    if kind == "unrelated":
        other = culture.draw_parts(rng, parts.sex)
        spec = culture.latin_spec(rng, other)
        return Rendering(other, spec, culture.render(other, spec))
    if kind == "native" and culture.script != "Latn":
        spec = culture.native_spec(rng, parts)
        return Rendering(parts, spec, culture.render(parts, spec))
    return None


def respell(culture: Culture, rng: random.Random, parts: Parts, like: Spec) -> Spec:
    """``like``'s spelling applied to parts with a different number of parts."""
    count = culture.part_count(parts)
    forms = list(like.forms[: len(parts.given)])
    while len(forms) < count - len(parts.family):
        forms.append(like.forms[0] if like.forms else 0)
    forms += list(like.forms[-len(parts.family) :]) if parts.family else []
    return replace(like, forms=tuple(forms[:count]))


def with_or_without_middle(rng: random.Random, culture: Culture, parts: Parts) -> Parts | None:
    if parts.middle:
        return replace(parts, middle=())
    pool = culture.middle_pool(parts.sex)
    return None if pool is None else replace(parts, middle=(pool.draw(rng),))


def draw_birth(rng: random.Random) -> date:
    year = int(rng.triangular(1940, 2007, 1982))
    month = rng.randint(1, 12)
    return date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def stored_dobs(rng: random.Random, birth: date) -> tuple[str, ...]:
    """What a list records: full dates mostly, often only the year, sometimes several."""
    draw = rng.random()
    if draw < 0.08:
        return ()
    if draw < 0.68:
        return (birth.isoformat(),)
    if draw < 0.73:
        return (birth.isoformat()[:7],)
    if draw < 0.93:
        return (str(birth.year),)
    return (str(birth.year), str(birth.year + rng.choice((-2, -1, 1, 2))))


def passport(rng: random.Random, nationality: str) -> str:
    shape = PASSPORT_SHAPES.get(nationality, "LDDDDDDD")
    return "".join(
        rng.choice(string.ascii_uppercase) if c == "L" else str(rng.randrange(10)) for c in shape
    )


def make_person(seed: int, record_id: int) -> Person:
    rng = random.Random((seed << 40) | record_id)
    culture = pick_culture(rng)
    sex = "male" if rng.random() < 0.65 else "female"  # watchlists skew male
    parts = culture.draw_parts(rng, sex)
    specs = base_specs(rng, culture, parts)
    renderings = [Rendering(parts, s, culture.render(parts, s)) for s in specs]
    for _ in range(rng.choice(ALIAS_COUNTS)):
        for _attempt in range(4):  # a drawn alias kind may not apply to this person: redraw
            extra = alias(rng, culture, parts, specs[-1])  # follows the Latin form if any
            if extra is not None and extra.text not in {r.text for r in renderings}:
                renderings.append(extra)
                break
    unique = tuple({r.text: r for r in renderings}.values())
    nationalities = [culture.nationality(rng)]
    if rng.random() < 0.06:
        nationalities.append(rng.choice(("US", "GB", "FR", "DE", "CA", "TR", "SE")))
    count = rng.choices((0, 1, 2), (0.32, 0.6, 0.08))[0]
    ids = tuple(passport(rng, nationalities[0]) for _ in range(count))
    birth = draw_birth(rng)
    return Person(
        record_id,
        culture,
        parts,
        unique,
        birth,
        stored_dobs(rng, birth),
        tuple(dict.fromkeys(nationalities)),
        ids,
    )
