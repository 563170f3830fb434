"""What an engineer would build without Amana's engine: the baselines it must beat.

Both expose the shape of ``amana.matching.PersonIndex`` — ``add_many(entries)``,
``search(query, limit, threshold) -> list[Match]``, ``len()`` — so one harness measures all.
Both compare names only: dates, nationality and sex are ignored, as in the naive systems they
stand for.

- ``RapidfuzzBaseline``: every name ASCII-transliterated (anyascii) and compared with every query
  name by rapidfuzz ``token_sort_ratio``; hits at 85 and above; score = ratio / 100.
- ``PgTrgmBaseline``: PostgreSQL ``pg_trgm`` with a GIN index on the names, queried with the
  ``%`` operator and ``ORDER BY similarity``; names stored ASCII-folded (anyascii, lower case)
  or in their own script (``lower(unaccent(name))``).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import psycopg
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from amana.matching import Evidence, Match, PersonEntry, PersonQuery

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def ascii_fold(name: str) -> str:
    """anyascii, lower case, punctuation to spaces: what rapidfuzz's ``default_process`` does."""
    return default_process(anyascii(name))


def sorted_tokens(folded: str) -> str:
    # token_sort_ratio(a, b) == ratio(sorted tokens of a, sorted tokens of b): sorting the stored
    # names once lets the brute force run rapidfuzz's fastest scorer over all of them.
    return " ".join(sorted(folded.split()))


class RapidfuzzBaseline:
    """Brute force: each query name against every stored name (``process.cdist``)."""

    label = "rapidfuzz token_sort_ratio"
    default_threshold = 0.85

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._choices: list[str] = []  # sorted-token ASCII forms, one per stored name
        self._names: list[str] = []  # as written, for Match.matched_name
        self._record_ids: list[int] = []
        self._starts: list[int] = []  # first name index of each record (names are contiguous)
        self._ids = np.zeros(0, dtype=np.int64)
        self._offsets = np.zeros(0, dtype=np.int64)

    def add_many(self, entries: Iterable[PersonEntry]) -> None:
        for entry in entries:
            names = [n for n in entry.names if ascii_fold(n)]
            if not names:
                continue
            self._record_ids.append(entry.record_id)
            self._starts.append(len(self._choices))
            self._names.extend(names)
            self._choices.extend(sorted_tokens(ascii_fold(n)) for n in names)
        self._ids = np.asarray(self._record_ids, dtype=np.int64)
        self._offsets = np.asarray(self._starts, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._record_ids)

    def _fold_query(self, query: PersonQuery) -> list[str]:
        return [f for f in (sorted_tokens(ascii_fold(n)) for n in query.names) if f]

    def _name_scores(self, folded: Sequence[str]) -> np.ndarray:
        """Scores (0–100) of each folded query name against every stored name, one row each."""
        if not folded or not self._choices:
            return np.zeros((len(folded), len(self._choices)), dtype=np.float32)
        return process.cdist(
            folded, self._choices, scorer=fuzz.ratio, dtype=np.float32, workers=self.workers
        )

    def search(
        self, query: PersonQuery, *, limit: int = 10, threshold: float = default_threshold
    ) -> list[Match]:
        scores = self._name_scores(self._fold_query(query))
        per_name = scores.max(axis=0) if len(scores) else np.zeros(len(self._choices), np.float32)
        return self._rank(query, per_name, limit, threshold)

    def search_many(
        self,
        queries: Sequence[PersonQuery],
        *,
        limit: int = 10,
        threshold: float = default_threshold,
    ) -> list[list[Match]]:
        """Queries in blocks through one ``cdist`` call each: rapidfuzz then compares several
        query strings at once with SIMD, the fastest brute force it offers."""
        block = max(1, min(64, 40_000_000 // max(1, len(self._choices))))  # ≤ ~160 MB of scores
        out: list[list[Match]] = []
        for start in range(0, len(queries), block):
            chunk = queries[start : start + block]
            folded = [self._fold_query(q) for q in chunk]
            flat = [name for names in folded for name in names]
            scores = self._name_scores(flat)
            row = 0
            for query, names in zip(chunk, folded, strict=True):
                rows = scores[row : row + len(names)]
                row += len(names)
                per_name = rows.max(axis=0) if len(names) else np.zeros(len(self._choices))
                out.append(self._rank(query, per_name, limit, threshold))
        return out

    def _rank(
        self, query: PersonQuery, per_name: np.ndarray, limit: int, threshold: float
    ) -> list[Match]:
        if not len(per_name):
            return []
        best = np.maximum.reduceat(per_name, self._offsets)  # best name of each record
        top = np.argpartition(-best, limit)[:limit] if limit < len(best) else np.arange(len(best))
        top = top[best[top] >= threshold * 100]
        top = top[np.argsort(-best[top], kind="stable")]
        return [self._match(int(r), per_name, query) for r in top]

    def _match(self, record: int, per_name: np.ndarray, query: PersonQuery) -> Match:
        start = self._starts[record]
        end = self._starts[record + 1] if record + 1 < len(self._starts) else len(self._choices)
        name_index = start + int(np.argmax(per_name[start:end]))
        score = float(per_name[name_index]) / 100
        detail = f"{' / '.join(query.names)} ~ {self._names[name_index]}"
        evidence = (Evidence("name", "token_sort_ratio", detail, score),)
        return Match(self._record_ids[record], score, self._names[name_index], evidence)


# ---------------------------------------------------------------------------------------------
# PostgreSQL pg_trgm


@contextlib.contextmanager
def throwaway_database(url: str = POSTGRES_URL) -> Iterator[str | None]:
    """A fresh database (dropped afterwards), or None when PostgreSQL cannot be reached."""
    name = f"amana_bench_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL unreachable ({error}); pg_trgm baseline not measured")
        yield None
        return
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PgTrgmBaseline:
    """Trigram similarity over one row per name, GIN-indexed.

    ``similarity_threshold`` is what ``%`` filters on; a search with a lower threshold (the
    harness asks 0.0 for recall@k) still cannot go below ``floor``: pg_trgm's default 0.3, under
    which the GIN index stops being selective and a query scans most of the table.
    """

    floor = 0.3

    def __init__(self, dsn: str, native_script: bool, default_threshold: float = 0.5) -> None:
        self.native_script = native_script
        self.table = "names_native" if native_script else "names_ascii"
        self.label = f"pg_trgm ({'own script, unaccent' if native_script else 'anyascii'})"
        self.default_threshold = default_threshold
        self.conn = psycopg.connect(dsn, autocommit=True)
        self.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        self.conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        self._records = 0
        self._limit_set: float | None = None
        self.load_seconds = self.index_seconds = 0.0
        fold = "lower(unaccent(%(q)s))" if native_script else "%(q)s"
        self._sql = (
            f"SELECT record_id, name, similarity(name, {fold}) AS score FROM {self.table} "
            f"WHERE name %% {fold} ORDER BY score DESC LIMIT %(n)s"
        )

    def add_many(self, entries: Iterable[PersonEntry]) -> None:
        started = time.perf_counter()
        staging = f"{self.table}_raw" if self.native_script else self.table
        self.conn.execute(
            f"CREATE TABLE {staging} (record_id integer NOT NULL, name text NOT NULL)"
        )
        with (
            self.conn.cursor() as cur,
            cur.copy(f"COPY {staging} (record_id, name) FROM STDIN") as copy,
        ):
            for entry in entries:
                self._records += 1
                for name in entry.names:
                    copy.write_row(
                        (entry.record_id, name if self.native_script else anyascii(name).lower())
                    )
        if self.native_script:
            self.conn.execute(
                f"CREATE TABLE {self.table} AS SELECT record_id, lower(unaccent(name)) AS name "
                f"FROM {staging}"
            )
            self.conn.execute(f"DROP TABLE {staging}")
        self.load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        self.conn.execute("SET maintenance_work_mem = '1GB'")  # what anyone building GIN sets
        self.conn.execute(f"CREATE INDEX ON {self.table} USING gin (name gin_trgm_ops)")
        self.conn.execute(f"ANALYZE {self.table}")
        self.index_seconds = time.perf_counter() - started

    def __len__(self) -> int:
        return self._records

    def size_bytes(self) -> int:
        row = self.conn.execute("SELECT pg_total_relation_size(%s)", (self.table,)).fetchone()
        return int(row[0]) if row else 0

    def search(self, query: PersonQuery, *, limit: int = 10, threshold: float = 0.5) -> list[Match]:
        effective = max(threshold, self.floor)
        if effective != self._limit_set:
            self.conn.execute(f"SET pg_trgm.similarity_threshold = {effective:.4f}")
            self._limit_set = effective
        best: dict[int, tuple[float, str]] = {}
        for name in query.names:
            # Several rows per record (aliases): ask for more rows than records wanted.
            rows = self.conn.execute(self._sql, {"q": self._fold(name), "n": limit * 3}).fetchall()
            for record_id, stored, score in rows:
                if score >= threshold and score > best.get(record_id, (-1.0, ""))[0]:
                    best[record_id] = (float(score), stored)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
        return [Match(rid, score, stored) for rid, (score, stored) in ranked]

    def _fold(self, name: str) -> str:
        return name if self.native_script else anyascii(name).lower()

    def close(self) -> None:
        self.conn.close()
