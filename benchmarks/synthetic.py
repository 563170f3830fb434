"""Deterministic synthetic persons and screening queries with known answers.

Every person is a pure function of ``(seed, record_id)``: a million can be streamed without
keeping them, and any one regenerated to build queries from it (``synth_persons``). Names come
from the cultures in ``synth_cultures``, ``synth_cyrillic_greek`` and ``synth_cjk`` (Arabic,
Russian, Ukrainian, Greek, Chinese, Korean and 22 Latin-script locales) with the aliases real
watchlists carry: other spellings, reordered forms, nicknames, names without the father's name,
noms de guerre, maiden names.

Queries are what an officer types: a variant of one of the person's names (kinds below) with a
date of birth exact, partial, day/month swapped, shifted by a year or missing; plus must-not-hit
queries whose names belong to nobody in the set, many sharing a common given or family name.
A query's ``expected`` holds its source record and every *namesake* (same first given name and
family name, birth year not contradicting the query's) — any of them is a correct hit.

    .venv/bin/python benchmarks/synthetic.py --persons 1000000 --queries 2000
"""

from __future__ import annotations

import argparse
import random
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import numpy as np
from bench_metrics import rss_mib
from synth_cultures import Parts, strip_accents
from synth_persons import (
    Person,
    Rendering,
    cultures,
    draw_birth,
    identity_hash,
    make_person,
    nickname_of,
    pick_culture,
    respell,
    with_or_without_middle,
)

from amana.matching import PersonEntry, PersonQuery
from amana.matching.scripts import detect_script


@dataclass(frozen=True, slots=True)
class SyntheticQuery:
    qid: str
    query: PersonQuery
    expected: tuple[int, ...]  # source record first, then namesakes; () = must not hit
    kind: str
    dob_kind: str
    script: str  # ISO 15924 script of the query name


def latin_renderings(person: Person) -> list[Rendering]:
    return [
        r
        for r in person.renderings
        if r.spec is not None and r.parts == person.parts and person.culture.is_latin(r.spec)
    ]


def own_renderings(person: Person) -> list[Rendering]:
    return [r for r in person.renderings if r.spec is not None and r.parts == person.parts]


class Variant(NamedTuple):
    text: str
    parts: Parts  # the name parts the text spells (a middle name may be dropped or added)


def variant(p: Person, text: str) -> Variant:
    return Variant(text, p.parts)


def q_exact(rng: random.Random, p: Person) -> Variant | None:
    own = own_renderings(p)
    return variant(p, rng.choice(own).text) if own else None


def q_transliteration(rng: random.Random, p: Person) -> Variant | None:
    if p.culture.script == "Latn":
        return None
    base = latin_renderings(p) or own_renderings(p)
    first = base[0].spec or p.culture.latin_spec(rng, p.parts)
    spec = p.culture.variant_spec(rng, p.parts, first) if p.culture.is_latin(first) else None
    spec = spec or p.culture.latin_spec(rng, p.parts)
    text = p.culture.render(p.parts, spec)
    return None if text in p.names else variant(p, text)


def q_other_script(rng: random.Random, p: Person) -> Variant | None:
    if p.culture.script == "Latn":
        return None
    scripts = {p.culture.is_latin(r.spec) for r in own_renderings(p) if r.spec is not None}
    if scripts == {True}:
        return variant(p, p.culture.render(p.parts, p.culture.native_spec(rng, p.parts)))
    if scripts == {False}:
        return variant(p, p.culture.render(p.parts, p.culture.latin_spec(rng, p.parts)))
    return None


def q_reordered(rng: random.Random, p: Person) -> Variant | None:
    base = rng.choice(latin_renderings(p) or own_renderings(p))
    assert base.spec is not None
    orders = [o for o in ("gmf", "fgm", "f,gm") if o != base.spec.order]
    if not p.culture.is_latin(base.spec) and p.culture.joiner_native == "":
        return None  # 张伟 has no other order
    return variant(p, p.culture.render(p.parts, replace(base.spec, order=rng.choice(orders))))


def q_middle(rng: random.Random, p: Person, drop: bool) -> Variant | None:
    if bool(p.parts.middle) != drop:
        return None
    other = with_or_without_middle(rng, p.culture, p.parts)
    base = rng.choice(own_renderings(p))
    if other is None or base.spec is None:
        return None
    return Variant(p.culture.render(other, respell(p.culture, rng, other, base.spec)), other)


def q_typo(rng: random.Random, p: Person) -> Variant | None:
    base = rng.choice(latin_renderings(p) or own_renderings(p)).text
    if detect_script(base) in {"Hani", "Hang"}:
        return None
    return variant(p, typo(rng, base, edits=rng.choice((1, 1, 2))))


KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm"


def typo(rng: random.Random, text: str, edits: int) -> str:
    """One or two slips of a hurried officer: neighbour key, dropped, doubled, swapped letter."""
    chars = list(text)
    for _ in range(edits):
        letters = [i for i, c in enumerate(chars) if c.isalpha() and i > 0]
        if not letters:
            break
        i = rng.choice(letters)
        kind = rng.randrange(4)
        if kind == 0 and chars[i].lower() in KEYBOARD:
            k = KEYBOARD.index(chars[i].lower())
            near = [c for c in KEYBOARD[max(0, k - 1) : k + 2] if c.isalpha() and c != chars[i]]
            chars[i] = rng.choice(near) if near else chars[i]
        elif kind == 1 and len(letters) > 3:
            del chars[i]
        elif kind == 2:
            chars.insert(i, chars[i])
        elif i + 1 < len(chars) and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            del chars[i]
    return "".join(chars)


def q_nickname(rng: random.Random, p: Person) -> Variant | None:
    base = rng.choice(own_renderings(p))
    assert base.spec is not None
    nick = nickname_of(p.culture, p.parts, base.spec)
    return None if nick is None else variant(p, p.culture.render(p.parts, base.spec, nick))


def q_no_diacritics(rng: random.Random, p: Person) -> Variant | None:
    accented = [
        r.text
        for r in own_renderings(p)
        if detect_script(r.text) == "Latn" and strip_accents(r.text) != r.text
    ]
    return variant(p, strip_accents(rng.choice(accented))) if accented else None


def q_particle(rng: random.Random, p: Person) -> Variant | None:
    if p.parts.particle < 0:
        return None
    base = rng.choice(own_renderings(p))
    assert base.spec is not None
    return variant(p, p.culture.render(p.parts, replace(base.spec, extra=rng.choice((1, 2, 3)))))


QUERY_KINDS: dict[str, tuple[float, Callable[[random.Random, Person], Variant | None]]] = {
    "exact": (0.04, q_exact),
    "transliteration": (0.18, q_transliteration),
    "other_script": (0.12, q_other_script),
    "reordered": (0.11, q_reordered),
    "middle_dropped": (0.07, lambda rng, p: q_middle(rng, p, drop=True)),
    "middle_added": (0.06, lambda rng, p: q_middle(rng, p, drop=False)),
    "typo": (0.18, q_typo),
    "nickname": (0.08, q_nickname),
    "no_diacritics": (0.12, q_no_diacritics),
    "particle": (0.04, q_particle),
}


def query_dob(rng: random.Random, birth: date) -> tuple[str | None, str]:
    kind = rng.choices(
        ("exact", "partial", "swapped", "year_shift", "missing"), (0.5, 0.15, 0.1, 0.05, 0.2)
    )[0]
    if kind == "partial":
        return (str(birth.year) if rng.random() < 0.7 else birth.isoformat()[:7]), kind
    if kind == "swapped" and birth.day <= 12 and birth.day != birth.month:
        return date(birth.year, birth.day, birth.month).isoformat(), kind
    if kind == "year_shift":
        return birth.replace(
            year=birth.year + rng.choice((-1, 1)), day=min(birth.day, 28)
        ).isoformat(), kind
    if kind == "missing":
        return None, kind
    return birth.isoformat(), "exact"


class SyntheticDataset:
    """``size`` persons with record ids 1..size, reproducible from ``seed``."""

    def __init__(self, size: int, seed: int = 7) -> None:
        self.size, self.seed = size, seed
        self._keys: np.ndarray | None = None  # identity hashes, sorted
        self._key_ids: np.ndarray | None = None  # record id of each hash
        self._middles: np.ndarray = np.zeros(0, dtype=np.int64)  # middle-name hash, 0 = none
        self._years: np.ndarray | None = None  # (size + 1, 2) stored birth years, 0 = none

    def person(self, record_id: int) -> Person:
        return make_person(self.seed, record_id)

    def persons(self) -> Iterator[Person]:
        """All persons in id order; the first full pass also records namesake keys."""
        keys, key_ids, middles = array("q"), array("i"), array("q")
        years = np.zeros((self.size + 1, 2), dtype=np.int16)
        for record_id in range(1, self.size + 1):
            person = self.person(record_id)
            culture = person.culture
            for ident, middle in {
                (culture.identity(r.parts), culture.middle_key(r.parts)) for r in person.renderings
            }:
                keys.append(identity_hash(ident))
                key_ids.append(record_id)
                middles.append(identity_hash(middle) if middle else 0)
            for j, dob in enumerate(person.dobs[:2]):
                years[record_id, j] = int(dob[:4])
            yield person
        order = np.argsort(np.frombuffer(keys, dtype=np.int64), kind="stable")
        self._keys = np.frombuffer(keys, dtype=np.int64)[order]
        self._key_ids = np.frombuffer(key_ids, dtype=np.int32)[order]
        self._middles = np.frombuffer(middles, dtype=np.int64)[order]
        self._years = years

    def entries(self) -> Iterator[PersonEntry]:
        return (p.entry() for p in self.persons())

    def _ensure_keys(self) -> None:
        if self._keys is None:
            for _ in self.persons():
                pass

    def namesakes(self, identity: str, middle: str, year: int | None) -> list[int]:
        """Records a query for this name could rightly hit: same first given and family name,
        no contradicting middle name (either side may lack one), a birth year that matches the
        query's or is unknown."""
        assert self._keys is not None
        assert self._key_ids is not None
        assert self._years is not None
        key = identity_hash(identity)
        lo = int(np.searchsorted(self._keys, key, side="left"))
        hi = int(np.searchsorted(self._keys, key, side="right"))
        ids, middles = self._key_ids[lo:hi], self._middles[lo:hi]
        if middle:
            ids = ids[(middles == 0) | (middles == identity_hash(middle))]
        if year is not None and len(ids):
            years = self._years[ids]
            ids = ids[(years[:, 0] == 0) | (years[:, 0] == year) | (years[:, 1] == year)]
        return sorted(set(ids.tolist()))

    def queries(self, count: int, negative_share: float = 0.2) -> list[SyntheticQuery]:
        self._ensure_keys()
        rng = random.Random(self.seed * 7919 + 17)
        negatives = round(count * negative_share)
        candidates = iter(rng.sample(range(1, self.size + 1), k=min(self.size, 40 * count + 100)))
        out = [self._positive(rng, candidates, f"q{n}") for n in range(count - negatives)]
        out += [self._negative(rng, f"n{n}") for n in range(negatives)]
        return out

    def _positive(self, rng: random.Random, candidates: Iterator[int], qid: str) -> SyntheticQuery:
        kinds = list(QUERY_KINDS)
        kind = rng.choices(kinds, [QUERY_KINDS[k][0] for k in kinds])[0]
        for attempt in range(60):
            person = self.person(next(candidates))
            found = QUERY_KINDS[kind if attempt < 40 else "typo"][1](rng, person)
            if found:
                break
        else:
            raise RuntimeError("no person fits any query kind")  # cannot happen: typo always fits
        dob, dob_kind = query_dob(rng, person.birth)
        year = int(dob[:4]) if dob else None
        culture = person.culture
        namesakes = self.namesakes(
            culture.identity(found.parts), culture.middle_key(found.parts), year
        )
        expected = (person.record_id, *(i for i in namesakes if i != person.record_id))
        query = PersonQuery(
            names=[found.text],
            dob=dob,
            nationality=person.nationalities[0] if rng.random() < 0.7 else None,
            sex=person.parts.sex if rng.random() < 0.4 else None,
        )
        final_kind = kind if attempt < 40 else "typo"
        script = detect_script(found.text)
        return SyntheticQuery(qid, query, expected, final_kind, dob_kind, script)

    def _negative(self, rng: random.Random, qid: str) -> SyntheticQuery:
        mode = rng.choices(
            ("common_given", "common_family", "recombined", "unseen"), (0.35, 0.35, 0.15, 0.15)
        )[0]
        for _ in range(100):
            culture = pick_culture(rng)
            sex = "male" if rng.random() < 0.65 else "female"
            parts = culture.draw_parts(rng, sex, mode)
            if not self.namesakes(culture.identity(parts), "", None):
                break
        native = culture.script != "Latn" and rng.random() < 0.3
        spec = (culture.native_spec if native else culture.latin_spec)(rng, parts)
        name = culture.render(parts, spec)
        dob, dob_kind = query_dob(rng, draw_birth(rng))
        query = PersonQuery(
            names=[name],
            dob=dob,
            nationality=culture.nationality(rng) if rng.random() < 0.7 else None,
        )
        return SyntheticQuery(qid, query, (), f"no_hit_{mode}", dob_kind, detect_script(name))


# ---------------------------------------------------------------------------------------------
# command line: generation speed, memory and a look at the data


def describe(dataset: SyntheticDataset, queries: int, samples: int) -> None:
    started, rss0 = time.perf_counter(), rss_mib()
    cultures()
    print(f"name pools built in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    names = persons = 0
    scripts: Counter[str] = Counter()
    per_culture: Counter[str] = Counter()
    dobs: Counter[int] = Counter()
    for person in dataset.persons():
        persons += 1
        names += len(person.renderings)
        per_culture[person.culture.name] += 1
        dobs[len(person.dobs)] += 1
        if person.record_id % 50 == 0:  # sampling is enough for the script mix
            scripts.update(detect_script(n) for n in person.names)
    elapsed = time.perf_counter() - started
    print(
        f"{persons:,} persons, {names:,} names ({names / persons:.2f} per person) in "
        f"{elapsed:.1f} s ({persons / elapsed:,.0f} persons/s); RSS +{rss_mib() - rss0:.0f} MiB"
    )
    total = sum(scripts.values())
    print("scripts:", ", ".join(f"{s} {n / total:.0%}" for s, n in scripts.most_common()))
    print(
        "cultures:", ", ".join(f"{c} {n / persons:.1%}" for c, n in per_culture.most_common(8)), "…"
    )
    print("dates of birth per person:", dict(sorted(dobs.items())))
    started = time.perf_counter()
    qs = dataset.queries(queries)
    print(
        f"{len(qs):,} queries in {time.perf_counter() - started:.1f} s; kinds:",
        dict(Counter(q.kind for q in qs).most_common()),
    )
    print(
        "mean expected ids per positive query:",
        f"{np.mean([len(q.expected) for q in qs if q.expected]):.2f}",
    )
    rng = random.Random(1)
    for person in (dataset.person(rng.randint(1, dataset.size)) for _ in range(samples)):
        print(
            f"  #{person.record_id} {person.culture.name} {person.parts.sex} {person.dobs} "
            f"{person.nationalities} {person.identifiers} {person.names}"
        )
    for q in rng.sample(qs, min(samples, len(qs))):
        print(
            f"  {q.qid} {q.kind:<16} {q.query.names[0]!r} dob={q.query.dob} ({q.dob_kind}) "
            f"nat={q.query.nationality} expected={q.expected[:4]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    describe(SyntheticDataset(args.persons, args.seed), args.queries, args.samples)


if __name__ == "__main__":
    main()
