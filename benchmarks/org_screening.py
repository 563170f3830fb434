"""Organisation and vessel screening: quality on the golden cases, speed on synthetic companies.

1. Precision and recall at the default threshold on ``tests/matching/org_golden_cases.tsv``
   (each row: the stored record among ten distractors; a hit must rank first), for
   ``OrganisationIndex`` and a naive baseline: anyascii-folded full names compared by
   rapidfuzz's ``token_sort_ratio`` (a hit at 85), identifiers by their written string.
2. Build time and single-thread query latency (p50/p95) over ``--orgs`` Faker company names in
   five locales; each query is a stored name as another officer may type it (``_variant``), and
   must find its record (recall@1 among the tied best, and recall@10).

    .venv/bin/python benchmarks/org_screening.py [--orgs 5000] [--queries 300] [--no-learned]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from anyascii import anyascii
from faker import Faker
from rapidfuzz import fuzz

from amana.matching import DEFAULT_THRESHOLD
from amana.matching.legal_forms import split_legal_form
from amana.matching.org_identifiers import Identifier
from amana.matching.organisations import OrganisationEntry, OrganisationIndex, OrganisationQuery

GOLDEN = Path(__file__).parent.parent / "tests" / "matching" / "org_golden_cases.tsv"
DISTRACTORS = [
    "Gulf Petroleum Services LLC", "Northern Shipping Company", "Atlas Trading GmbH",
    "Sea Breeze Maritime Ltd", "Red Star JSC", "ООО Вектор", "شركة النور للتجارة",
    "Ocean Pearl", "Golden Dragon Holdings Limited", "Star Logistics S.A.",
]  # fmt: skip
LOCALES = ("en_US", "de_DE", "fr_FR", "ru_RU", "es_ES")
OTHER_SPELLING = {"LLC": "Limited Liability Company", "Ltd": "Limited", "GmbH": "G.m.b.H."}


def _listed(text: str) -> list[str]:
    return [] if text == "-" else text.split("|")


def _ids(text: str) -> list[Identifier]:
    return [Identifier(*item.split(":", 1)) for item in _listed(text)]


def _baseline_hit(
    stored: list[str], ids: list[Identifier], query: list[str], asked: list[Identifier]
) -> bool:
    if {i.value for i in ids} & {i.value for i in asked}:
        return True
    folded = [anyascii(s).lower() for s in stored]
    return any(fuzz.token_sort_ratio(anyascii(q).lower(), s) >= 85 for q in query for s in folded)


def golden(learned: bool) -> None:
    rows = [r.split("\t") for r in GOLDEN.read_text().splitlines() if r and not r.startswith("#")]
    tally = {"engine": [0, 0, 0], "baseline": [0, 0, 0]}  # true pos, false pos, false neg
    for _, kind, stored, countries, ids, query, country, asked, expect, _ in rows:
        index = OrganisationIndex(vessels=kind == "vessel", learned=learned)
        for number, name in enumerate(DISTRACTORS, start=100):
            index.add(OrganisationEntry(number, [name]))
        index.add(OrganisationEntry(1, _listed(stored), _listed(countries), _ids(ids)))
        q = OrganisationQuery(_listed(query), None if country == "-" else country, _ids(asked))
        matches = index.search(q, limit=5, threshold=DEFAULT_THRESHOLD)
        results = {
            "engine": bool(matches) and matches[0].record_id == 1,
            "baseline": _baseline_hit(_listed(stored), _ids(ids), _listed(query), _ids(asked)),
        }
        for name, hit in results.items():
            if hit and expect == "hit":
                tally[name][0] += 1
            elif hit:
                tally[name][1] += 1
            elif expect == "hit":
                tally[name][2] += 1
    hits = sum(1 for r in rows if r[8] == "hit")
    print(f"golden cases: {len(rows)} rows, {hits} should hit, {len(rows) - hits} must not")
    for name, (tp, fp, fn) in tally.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"  {name:8s} precision {precision:.3f} recall {recall:.3f} (tp {tp} fp {fp} fn {fn})"
        )


def speed(orgs: int, queries: int, learned: bool) -> None:
    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(number)
    names = [fakers[i % len(fakers)].company() for i in range(orgs)]
    index = OrganisationIndex(learned=learned)
    started = time.perf_counter()
    index.add_many(OrganisationEntry(i, [n]) for i, n in enumerate(names))
    print(f"build: {orgs} organisations in {time.perf_counter() - started:.2f} s")
    rng = random.Random(7)
    timings: list[float] = []
    first = tenth = 0
    for record_id in rng.sample(range(orgs), queries):
        asked = _variant(names[record_id], rng)
        started = time.perf_counter()
        found = index.search(OrganisationQuery([asked.strip()]), limit=10)
        timings.append(time.perf_counter() - started)
        top = {m.record_id for m in found if m.score == found[0].score}
        first += record_id in top
        tenth += record_id in {m.record_id for m in found}
    timings.sort()
    p50, p95 = statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]
    print(f"queries: {queries}, p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms")
    # Tied first counts: without its legal form, Michaud SAS and Michaud SARL tie.
    print(f"recall@1 {first / queries:.3f} (ties counted), recall@10 {tenth / queries:.3f}")


def _variant(name: str, rng: random.Random) -> str:
    """The name as another officer may type it: the legal form spelt otherwise or dropped,
    Cyrillic in Latin letters, and every other query one letter of its longest word swapped."""
    core, form, _ = split_legal_form(name)
    if not core.isascii():
        core = anyascii(core)
    if rng.random() < 0.5:
        words = core.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 5:
            at = rng.randrange(1, len(word) - 2)
            words[longest] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        core = " ".join(words)
    spelling = OTHER_SPELLING.get(form.canonical, "") if form else ""
    return f"{core} {spelling}".strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--no-learned", action="store_true")
    args = parser.parse_args()
    golden(not args.no_learned)
    speed(args.orgs, args.queries, not args.no_learned)


if __name__ == "__main__":
    main()
