"""Document-number look-ups at scale: exact and OCR-tolerant keys, built and probed.

Two stores of the same keys (``amana.matching.identifiers.exact_key`` / ``confusion_key``):

- ``DictKeyIndex``: two ``dict[str, int]`` — what one writes first; ~200 bytes a document.
- ``CompactKeyIndex``: numpy arrays of 64-bit key hashes and int32 record ids sorted by the
  confusion key, probed with ``searchsorted`` — 20 bytes a document, 200 MB for 10 million.
  Python's string hash is salted per process, which is fine for an index rebuilt at start-up; a
  64-bit collision among 20 million keys has a probability of about 1e-5 (it would add one
  candidate, never lose one).
"""

from __future__ import annotations

import gc
import random
import string
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from bench_metrics import percentile_ms, rss_mib
from synth_tables import PASSPORT_SHAPES

from amana.matching.identifiers import confusion_key, exact_key

SHAPES = tuple(sorted(set(PASSPORT_SHAPES.values())))
CHUNK = 1_000_000
OCR_SLIPS = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}


def document_numbers(count: int, seed: int) -> Iterator[list[str]]:
    """Passport-like numbers in chunks (record id = position + 1), vectorised per shape."""
    rng = np.random.default_rng(seed)
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        out: list[str] = []
        for i, shape in enumerate(SHAPES):
            n = size // len(SHAPES) + (1 if i < size % len(SHAPES) else 0)
            letters = np.array([c == "L" for c in shape])
            codes = np.where(
                letters,
                rng.integers(65, 91, size=(n, len(shape)), dtype=np.uint8),
                rng.integers(48, 58, size=(n, len(shape)), dtype=np.uint8),
            )
            out.extend(codes.view(f"S{len(shape)}").ravel().astype(str).tolist())
        yield out


class DictKeyIndex:
    """Two dicts; a look-up returns the exact match and the confusion match (both can exist:
    "AO123" typed for "A0123" may also be somebody else's real number)."""

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.confusion: dict[str, int] = {}

    def add(self, value: str, record_id: int) -> None:
        self.exact[exact_key(value)] = record_id
        self.confusion[confusion_key(value)] = record_id

    def lookup(self, value: str) -> list[int]:
        key = exact_key(value)
        found = [f for f in (self.exact.get(key), self.confusion.get(confusion_key(key))) if f]
        return list(dict.fromkeys(found))

    @property
    def nbytes(self) -> int:
        """Objects owned by the two dicts (keys, values, tables), independent of the allocator."""
        total = 0
        for table in (self.exact, self.confusion):
            total += sys.getsizeof(table)
            total += sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in table.items())
        return total


class CompactKeyIndex:
    """One array sorted by confusion-key hash, with the exact-key hash beside it.

    Every exact match is also a confusion match, so one probe finds both; the exact hash then
    tells which candidates match as typed. 20 bytes a document.
    """

    def __init__(self) -> None:
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.confusion = self.exact = np.zeros(0, dtype=np.int64)
        self.ids = np.zeros(0, dtype=np.int32)

    def add_chunk(self, values: list[str], first_id: int) -> None:
        exact = [exact_key(v) for v in values]
        n = len(values)
        self._parts.append(
            (
                np.fromiter((hash(confusion_key(k)) for k in exact), dtype=np.int64, count=n),
                np.fromiter(map(hash, exact), dtype=np.int64, count=n),
                np.arange(first_id, first_id + n, dtype=np.int32),
            )
        )

    def freeze(self) -> None:
        parts = zip(*self._parts, strict=True)
        confusion, exact, ids = (np.concatenate(arrays) for arrays in parts)
        self._parts.clear()
        order = np.argsort(confusion, kind="stable")
        self.confusion, self.exact, self.ids = confusion[order], exact[order], ids[order]

    @property
    def nbytes(self) -> int:
        return self.confusion.nbytes + self.exact.nbytes + self.ids.nbytes

    def _found(self, lo: int, hi: int, exact_hash: int) -> list[int]:
        # Exact matches first, then the candidates that match only after confusion folding.
        ids, exact = self.ids[lo:hi].tolist(), self.exact[lo:hi].tolist()
        return [i for i, e in zip(ids, exact, strict=True) if e == exact_hash] + [
            i for i, e in zip(ids, exact, strict=True) if e != exact_hash
        ]

    def lookup(self, value: str) -> list[int]:
        key = exact_key(value)
        h = hash(confusion_key(key))
        lo = hi = int(self.confusion.searchsorted(h))
        while hi < len(self.confusion) and self.confusion[hi] == h:  # a few at most
            hi += 1
        return self._found(lo, hi, hash(key)) if hi > lo else []

    def lookup_many(self, values: list[str]) -> list[list[int]]:
        """Vectorised probing: one ``searchsorted`` pair for the whole batch."""
        exact = [exact_key(v) for v in values]
        hashes = np.fromiter((hash(confusion_key(k)) for k in exact), np.int64, len(exact))
        lows = self.confusion.searchsorted(hashes, side="left").tolist()
        highs = self.confusion.searchsorted(hashes, side="right").tolist()
        return [
            self._found(lo, hi, hash(key)) if hi > lo else []
            for key, lo, hi in zip(exact, lows, highs, strict=True)
        ]


@dataclass(frozen=True)
class Probe:
    value: str
    expected: int  # record id, 0 = must not be found
    kind: str  # "formatted", "ocr_slip", "absent"


def make_probes(samples: list[tuple[str, int]], count: int, seed: int) -> list[Probe]:
    """Numbers as a traveller's document shows them to a hurried officer or a scanner."""
    rng = random.Random(seed)
    probes = []
    for n in range(count):
        value, record_id = rng.choice(samples)
        if n % 3 == 0:
            cut = rng.randrange(1, len(value))
            sep = rng.choice((" ", "-", ""))
            probes.append(Probe((value[:cut] + sep + value[cut:]).lower(), record_id, "formatted"))
        elif n % 3 == 1:
            slips = [i for i, c in enumerate(value) if c in OCR_SLIPS]
            if not slips:
                continue
            i = rng.choice(slips)
            probes.append(
                Probe(value[:i] + OCR_SLIPS[value[i]] + value[i + 1 :], record_id, "ocr_slip")
            )
        else:
            # Ten characters: longer than any stored shape, so surely absent (a real shape would
            # hit a stored number by chance one time in a few thousand at 10 million).
            fake = "".join(rng.choice(string.ascii_uppercase) for _ in range(3))
            fake += "".join(rng.choice(string.digits) for _ in range(7))
            probes.append(Probe(fake, 0, "absent"))
    return probes


def _sampled_numbers(
    count: int, seed: int
) -> Iterator[tuple[list[str], int, list[tuple[str, int]]]]:
    next_id = 1
    for chunk in document_numbers(count, seed):
        yield chunk, next_id, [(chunk[i], next_id + i) for i in range(0, len(chunk), 97)]
        next_id += len(chunk)


def measure(index: DictKeyIndex | CompactKeyIndex, probes: list[Probe]) -> str:
    latencies, correct = [], 0
    started = time.perf_counter()
    for probe in probes:
        t0 = time.perf_counter()
        found = index.lookup(probe.value)
        latencies.append(time.perf_counter() - t0)
        correct += (probe.expected in found) if probe.expected else not found
    elapsed = time.perf_counter() - started
    p50, p99 = (percentile_ms(latencies, q) * 1000 for q in (50, 99))
    return (
        f"{len(probes) / elapsed:>9,.0f} lookups/s  p50 {p50:.1f} µs  p99 {p99:.1f} µs  "
        f"correct {correct / len(probes):.4f}"
    )


def _bench_dict(count: int, seed: int, probes: list[Probe], scale_to: int) -> None:
    gc.collect()
    rss0, started = rss_mib(), time.perf_counter()
    naive = DictKeyIndex()
    next_id = 1
    for chunk in document_numbers(count, seed):
        for value in chunk:
            naive.add(value, next_id)
            next_id += 1
    build = time.perf_counter() - started
    grown, size = rss_mib() - rss0, naive.nbytes
    print(
        f"  dict[str, int] ×2 {count:>10,} docs  build {build:5.1f} s  RSS +{grown:,.0f} MiB  "
        f"objects {size / 2**20:,.0f} MiB = {size / count:.0f} B/doc "
        f"(≈{size / count * scale_to / 2**30:.1f} GiB for {scale_to:,})"
    )
    print(f"    one by one: {measure(naive, [p for p in probes if p.expected <= count])}")


def _bench_compact(count: int, seed: int, probes: int) -> list[Probe]:
    gc.collect()
    rss0, started = rss_mib(), time.perf_counter()
    compact, samples = CompactKeyIndex(), []
    for chunk, first_id, sample in _sampled_numbers(count, seed):
        compact.add_chunk(chunk, first_id)
        samples += sample
    compact.freeze()
    gc.collect()
    build, grown = time.perf_counter() - started, rss_mib() - rss0
    print(
        f"  compact arrays    {count:>10,} docs  build {build:5.1f} s  RSS +{grown:,.0f} MiB  "
        f"arrays {compact.nbytes / 2**20:,.0f} MiB = {compact.nbytes / count:.0f} B/doc"
    )
    probe_list = make_probes(samples, probes, seed)
    print(f"    one by one: {measure(compact, probe_list)}")
    started = time.perf_counter()
    results = compact.lookup_many([p.value for p in probe_list])
    elapsed = time.perf_counter() - started
    correct = sum(
        (p.expected in r) if p.expected else not r for p, r in zip(probe_list, results, strict=True)
    )
    print(
        f"    batch of {len(probe_list):,}: {len(probe_list) / elapsed:>9,.0f} lookups/s  "
        f"correct {correct / len(probe_list):.4f}"
    )
    return probe_list


def bench_documents(
    count: int, probes: int = 100_000, dict_max: int = 1_000_000, seed: int = 11
) -> None:
    """Probe both stores: the compact one with ``count`` documents, the dict one with at most
    ``dict_max`` (its memory is extrapolated beyond). Probes: a third as printed with a
    separator and in lower case, a third with one OCR slip (0→O, 1→I, 5→S …), a third absent."""
    print(f"\nDocument look-ups ({count:,} documents; exact and OCR-confusion keys)")
    probe_list = _bench_compact(count, seed, probes)
    _bench_dict(min(count, dict_max), seed, probe_list, count)
